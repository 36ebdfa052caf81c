import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import {
  cancelMeeting,
  changeMeeting,
  type MeetingChangeBody,
  meetingChangeSchema,
} from '../../features/meetings/change-meeting';
import { type MeetingBody, meetingSchema, planMeeting } from '../../features/meetings/plan-meeting';
import { meetingDetail, meetingJson, meetingList } from '../../features/meetings/queries';
import { type MinutesBody, minutesSchema, recordMinutes } from '../../features/meetings/record-minutes';

type Id = { Params: { id: string } };

/** Staff API for follow-up meetings (README.md, "Follow-up meetings"). */
export async function meetingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onRequest', requireStaff(deps));

  app.post<{ Body: MeetingBody }>('/api/meetings', { schema: { body: meetingSchema } }, async (request, reply) =>
    reply.status(201).send(await planMeeting(deps, request.body)),
  );

  app.get('/api/meetings', async () => ({
    meetings: (await meetingList(deps.db)).map((m) => ({ ...meetingJson(m), invited: m.invited, answers: m.answers })),
  }));

  app.get<Id>('/api/meetings/:id', async (request) => {
    const detail = await meetingDetail(deps.db, request.params.id);
    if (!detail) throw new ApiError(404, 'meeting_not_found', `There is no meeting "${request.params.id}".`);
    return {
      ...meetingJson(detail.meeting),
      minutes: detail.meeting.minutes,
      invitees: detail.invitees.map((i) => ({
        id: i.id,
        partnerId: i.partner_id,
        partnerName: i.partnerName,
        name: i.name,
        role: i.role,
        answer: i.answer,
        via: i.answer_via,
        note: i.note ?? null,
        answeredAt: i.answered_at,
        attended: i.attended,
      })),
      initiatives: detail.initiatives.map((i) => ({ text: i.text, levers: i.levers, partnerIds: i.partner_ids })),
      actions: detail.actions.map((a) => ({
        id: a.id,
        ownerPartnerId: a.owner_partner_id,
        description: a.description,
        dueAt: a.due_at,
        requestId: a.request_id,
      })),
    };
  });

  app.post<Id & { Body: MeetingChangeBody }>(
    '/api/meetings/:id/change',
    { schema: { body: meetingChangeSchema } },
    async (request) => ({ state: await changeMeeting(deps, request.params.id, request.body) }),
  );
  app.post<Id>('/api/meetings/:id/cancel', async (request) => ({
    state: await cancelMeeting(deps, request.params.id),
  }));
  app.post<Id & { Body: MinutesBody }>(
    '/api/meetings/:id/minutes',
    { schema: { body: minutesSchema } },
    async (request) => ({
      state: await recordMinutes(deps, request.params.id, request.body),
    }),
  );
}

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import { noFiltersQuery } from '../../http/list-query';
import type { AppDeps } from '../../features/deps';
import { cancelMeeting, changeMeeting, meetingChangeSchema } from '../../features/meetings/change-meeting';
import { meetingSchema, planMeeting } from '../../features/meetings/plan-meeting';
import { meetingDetail, meetingJson, meetingList } from '../../features/meetings/queries';
import { minutesSchema, recordMinutes } from '../../features/meetings/record-minutes';

/** Staff API for follow-up meetings (README.md, "Follow-up meetings"). */
export async function meetingRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.post('/api/meetings', { schema: { body: meetingSchema } }, async (request, reply) =>
    reply.status(201).send(await planMeeting(deps, request.body)),
  );

  app.get('/api/meetings', { schema: { querystring: noFiltersQuery } }, async () => ({
    meetings: (await meetingList(deps.db)).map((m) => ({ ...meetingJson(m), invited: m.invited, answers: m.answers })),
  }));

  app.get('/api/meetings/:id', { schema: { params: idParams } }, async (request) => {
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
      initiatives: detail.initiatives.map((i) => ({
        id: i.id,
        title: i.title,
        text: i.description,
        levers: i.levers,
        status: i.status,
        partnerIds: i.partnerIds,
      })),
      actions: detail.actions.map((a) => ({
        id: a.id,
        ownerPartnerId: a.owner_partner_id,
        description: a.description,
        dueAt: a.due_at,
        requestId: a.request_id,
      })),
    };
  });

  app.post(
    '/api/meetings/:id/change',
    { schema: { params: idParams, body: meetingChangeSchema } },
    async (request) => ({ state: await changeMeeting(deps, request.params.id, request.body) }),
  );
  app.post('/api/meetings/:id/cancel', { schema: { params: idParams } }, async (request) => ({
    state: await cancelMeeting(deps, request.params.id),
  }));
  app.post('/api/meetings/:id/minutes', { schema: { params: idParams, body: minutesSchema } }, async (request) => ({
    state: await recordMinutes(deps, request.params.id, request.body),
  }));
}

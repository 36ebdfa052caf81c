import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rsvpAnswers, type RsvpAnswer } from '../../domain/meetings';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { answerRsvp, type RsvpResult } from '../../features/meetings/answer-rsvp';
import { type FoundInvitee, findInviteeByLinkToken } from '../../features/meetings/find-invitee';
import { isJsonMediaType } from '../media-type';
import type { AppDeps } from '../../features/deps';
import { linkPage, type TokenParams, wantsJson } from './link-page';
import { renderMeetingPage } from './meeting-link-page';
import { meetingPageWording } from './meeting-page-wording';
import { tokenRoute } from '../../security/token-paths';

type Body = { answer?: unknown; note?: unknown; csrf?: unknown; lang?: unknown };

/** HTTP status of each refusal of the RSVP rule (features/meetings/answer-rsvp.ts). */
const refusalStatus: Record<Exclude<RsvpResult['kind'], 'recorded' | 'engine_unavailable'>, number> = {
  stale: 409,
  cancelled: 410,
  started: 410,
  wrong_meeting: 409,
  outdated: 409,
  implausible: 400,
};

/**
 * The answer page of a meeting invitation (`/m/:token`): GET shows the meeting and the current
 * answer, POST answers (the page's form with its CSRF field, or JSON). Unlike a request's link it
 * stays valid until the meeting starts, and each answer replaces the earlier one.
 */
export async function meetingPageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const page = await linkPage(app, deps, {
    kind: 'meeting',
    lookup: (token) => findInviteeByLinkToken(deps.db, token),
    wording: meetingPageWording,
  });
  const show = (
    request: FastifyRequest<TokenParams>,
    reply: FastifyReply,
    invitee: FoundInvitee,
    extra: { status?: number; problem?: string; message?: { text: string; tone: 'success' | 'notice' } } = {},
  ) => page.send(reply, extra.status ?? 200, renderMeetingPage({ invitee, ...page.form(request, invitee), ...extra }));
  const asJson = (invitee: FoundInvitee) => ({
    meetingId: invitee.meeting_id,
    title: invitee.title,
    startsAt: invitee.starts_at,
    endsAt: invitee.ends_at,
    status: invitee.status,
    answer: invitee.answer,
  });

  app.get<TokenParams>(tokenRoute('meeting'), async (request, reply) => {
    const invitee = await page.find(request, reply);
    if (!invitee) return reply;
    if (wantsJson(request)) return asJson(invitee);
    const lang = page.languageOf(request, invitee);
    const closed =
      invitee.status === 'cancelled' ? 'cancelled' : invitee.starts_at.getTime() <= Date.now() ? 'started' : undefined;
    return show(
      request,
      reply,
      invitee,
      closed ? { message: { text: meetingPageWording[lang].result[closed], tone: 'notice' } } : {},
    );
  });

  app.post<TokenParams & { Body: Body }>(tokenRoute('meeting'), async (request, reply) => {
    const json = isJsonMediaType(request.headers['content-type']);
    const invitee = await page.find(request, reply);
    if (!invitee) return reply;
    const body = request.body ?? {};
    page.checkForm(request, body, json);
    const lang = page.languageOf(request, invitee);
    const w = meetingPageWording[lang];
    if (!rsvpAnswers.includes(body.answer as RsvpAnswer)) {
      if (json)
        throw new ApiError(400, 'invalid_answer', 'answer: must be one of: yes, no, maybe', [
          { field: 'answer', message: 'must be one of: yes, no, maybe' },
        ]);
      return show(request, reply, invitee, { status: 400, problem: w.pickOne });
    }
    if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > 2000))
      throw new ApiError(400, 'invalid_answer', 'note: must be text of at most 2000 characters', [
        { field: 'note', message: 'must be text of at most 2000 characters' },
      ]);
    const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim() : undefined;
    const result = await answerRsvp(deps, invitee, {
      answer: body.answer as RsvpAnswer,
      via: json ? 'api' : 'page',
      ...(note ? { note } : {}),
    });
    if (result.kind === 'engine_unavailable') throw engineUnavailable();
    if (json) {
      if (result.kind !== 'recorded')
        throw new ApiError(
          refusalStatus[result.kind],
          `meeting_${result.kind}`,
          meetingPageWording.en.result[result.kind],
        );
      return { meetingId: invitee.meeting_id, answer: result.answer };
    }
    const fresh = (await findInviteeByLinkToken(deps.db, request.params.token)) ?? invitee;
    return show(request, reply, fresh, {
      status: result.kind === 'recorded' ? 200 : refusalStatus[result.kind],
      message: { text: w.result[result.kind], tone: result.kind === 'recorded' ? 'success' : 'notice' },
    });
  });
}

import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rsvpAnswers, type RsvpAnswer } from '../../domain/meetings';
import { languages, type Language } from '../../domain/vocabulary';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { answerRsvp, type RsvpResult } from '../../features/meetings/answer-rsvp';
import { type FoundInvitee, findInviteeByLinkToken } from '../../features/meetings/find-invitee';
import { isJsonMediaType } from '../media-type';
import { pageRateLimit } from '../rate-limit';
import { singleQueryValues } from '../html/single-query-values';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import type { AppDeps } from '../../features/deps';
import { csrfToken, csrfValid } from './csrf';
import { renderMessagePage } from './request-page';
import { renderMeetingPage } from './meeting-link-page';
import { meetingPageWording } from './meeting-page-wording';
import { tokenPath, tokenRoute } from '../../security/token-paths';

type Params = { Params: { token: string }; Querystring: { lang?: string } };
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
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  app.addHook('onRequest', pageRateLimit(deps));
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
  const secret = deps.config.tokenSecret ?? '';
  const wantsJson = (request: FastifyRequest) =>
    (request.headers.accept ?? '').includes('application/json') || isJsonMediaType(request.headers['content-type']);
  const languageOf = (request: FastifyRequest, invitee?: FoundInvitee): Language =>
    chooseLanguage(languages.keys, askedLanguage(request), invitee?.language);
  async function find(request: FastifyRequest<Params>, reply: FastifyReply): Promise<FoundInvitee | undefined> {
    const invitee = await findInviteeByLinkToken(deps.db, request.params.token);
    if (invitee) return invitee;
    if (wantsJson(request))
      throw new ApiError(
        404,
        'link_not_found',
        'This link is not known. Check that you copied the whole link from the email.',
      );
    const lang = languageOf(request);
    const w = meetingPageWording[lang];
    await reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        renderMessagePage({
          lang,
          title: 'Integratiepact',
          message: w.notFound,
          tone: 'notice',
          contact: w.contact(deps.config.staffEmail),
        }),
      );
    return undefined;
  }
  const show = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    invitee: FoundInvitee,
    extra: { status?: number; problem?: string; message?: { text: string; tone: 'success' | 'notice' } } = {},
  ) =>
    reply
      .status(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderMeetingPage({
          invitee,
          lang: languageOf(request, invitee),
          action: tokenPath('meeting', request.params.token),
          csrf: csrfToken(secret, request.params.token),
          ...extra,
        }),
      );
  const asJson = (invitee: FoundInvitee) => ({
    meetingId: invitee.meeting_id,
    title: invitee.title,
    startsAt: invitee.starts_at,
    endsAt: invitee.ends_at,
    status: invitee.status,
    answer: invitee.answer,
  });

  app.get<Params>(tokenRoute('meeting'), async (request, reply) => {
    const invitee = await find(request, reply);
    if (!invitee) return reply;
    if (wantsJson(request)) return asJson(invitee);
    const lang = languageOf(request, invitee);
    const closed =
      invitee.status === 'cancelled' ? 'cancelled' : invitee.starts_at.getTime() <= Date.now() ? 'started' : undefined;
    return show(
      request,
      reply,
      invitee,
      closed ? { message: { text: meetingPageWording[lang].result[closed], tone: 'notice' } } : {},
    );
  });

  app.post<Params & { Body: Body }>(tokenRoute('meeting'), async (request, reply) => {
    const json = isJsonMediaType(request.headers['content-type']);
    const invitee = await find(request, reply);
    if (!invitee) return reply;
    const body = request.body ?? {};
    if (!json && !csrfValid(secret, request.params.token, body.csrf))
      throw new ApiError(403, 'invalid_form', 'This form could not be verified; open the link from the email again.');
    const lang = languageOf(request, invitee);
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

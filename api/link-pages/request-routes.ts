import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { joinTopicTexts } from '../../db/request-topic-texts';
import { languages, type Language } from '../../domain/vocabulary';
import type { FieldProblem } from '../../domain/field-problem';
import { type AnswerResult, answerRequestOnce } from '../../features/requests/answer-request';
import { type FoundRequest, findRequestByLinkToken, isRevokedLink } from '../../features/requests/find-request';
import { type Openness, requestOpenness } from '../../features/requests/open-rule';
import type { RequestAnswer } from '../../workflows/definitions';
import { ConfigError } from '../../config/config';
import { ApiError } from '../../http/api-error';
import { isJsonMediaType } from '../media-type';
import { pageRateLimit } from '../rate-limit';
import { singleQueryValues } from '../html/single-query-values';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import { refusalToApiError } from '../../temporal/update-errors';
import type { AppDeps } from '../../features/deps';
import { csrfToken, csrfValid } from './csrf';
import { pageWording } from './request-page-wording';
import { answerFromForm } from './read-request-form';
import { activeIndicators } from '../../features/monitoring/queries';
import { renderMessagePage, renderRequestPage, requestTitle } from './request-page';
import { tokenPath, tokenRoute } from '../../security/token-paths';

type Found = FoundRequest;
type Params = { Params: { token: string }; Querystring: { lang?: string } };

/** A request that is no longer open: 410 with what happened and whom to ask. */
const requestClosed = (status: string, staffEmail: string) =>
  new ApiError(
    410,
    `request_${status}`,
    `This request is ${status}; nothing more can be done with this link. Questions? Write to ${staffEmail}.`,
  );

/**
 * Partner pages behind the links in emails (`/r/:token`, README "How it works"). GET and HEAD only show:
 * mail scanners fetch links, so only a POST acts: from the page's own form (CSRF-protected) or as
 * JSON (the link's token is the credential; browsers cannot send JSON cross-site without CORS).
 */
export async function requestPageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(formbody);
  app.addHook('onRequest', pageRateLimit(deps));
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    // Framing and the Content-Security-Policy: api/security-headers.ts.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
  const secret = deps.config.tokenSecret ?? '';
  if (!secret) throw new ConfigError('PACT_TOKEN_SECRET is not set: the partner pages sign their forms with it');
  const wantsJson = (request: FastifyRequest) =>
    (request.headers.accept ?? '').includes('application/json') || isJsonMediaType(request.headers['content-type']);
  /** The request behind a link, or a 404 that reveals nothing about other requests. */
  async function findByLink(token: string): Promise<Found> {
    const found = await findRequestByLinkToken(deps.db, token);
    if (found) return found;
    if (await isRevokedLink(deps.db, token))
      throw new ApiError(
        410,
        'request_revoked',
        `This link was replaced by a newer one (sent again, or to another contact); nothing more can be done with it. Questions? Write to ${deps.config.staffEmail}.`,
      );
    throw new ApiError(
      404,
      'link_not_found',
      'This link is not known. Check that you copied the whole link from the email.',
    );
  }
  /** Why the request cannot be answered (features/requests/), as the API's error. */
  const refusal = (result: Exclude<AnswerResult | Openness, { kind: 'answered' | 'open' }>): ApiError =>
    refusalToApiError(result, (status) => requestClosed(status ?? 'closed', deps.config.staffEmail));
  const languageOf = (request: FastifyRequest, found?: Found): Language =>
    chooseLanguage(languages.keys, askedLanguage(request), found?.recipient_language);

  /** Errors as pages for people, as the API's JSON for scripts. */
  function fail(request: FastifyRequest<Params>, reply: FastifyReply, error: unknown, found?: Found) {
    if (wantsJson(request) || !(error instanceof ApiError) || ![404, 410, 429].includes(error.statusCode)) throw error;
    const lang = languageOf(request, found);
    const w = pageWording[lang];
    const status = error.code.replace('request_', '');
    const closed =
      status === 'answered' || status === 'cancelled' || status === 'revoked' ? w.closed[status] : w.closed.expired;
    const message = error.statusCode === 404 ? w.notFound : error.statusCode === 429 ? error.message : closed;
    return reply
      .status(error.statusCode)
      .type('text/html; charset=utf-8')
      .send(
        renderMessagePage({
          lang,
          title: 'Integratiepact',
          message,
          tone: 'notice',
          contact: w.closed.contact(deps.config.staffEmail),
        }),
      );
  }

  async function showForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    found: Found,
    extra: { values?: Record<string, unknown>; problems?: FieldProblem[] } = {},
  ) {
    const lang = languageOf(request, found);
    // An intent may set targets per indicator: the form offers the indicators in force, in the reader's language.
    const indicators =
      found.topic.kind === 'intent'
        ? (await activeIndicators(deps.db)).map((i) => ({ key: i.key, label: i[`label_${lang}`] }))
        : [];
    return reply
      .status(extra.problems ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(
        renderRequestPage({
          view: {
            partnerName: found.partnerName,
            recipientName: found.recipient_name,
            topic: await joinTopicTexts(deps.db, found.topic),
            dueAt: found.due_at,
          },
          lang,
          action: tokenPath('request', request.params.token),
          csrf: csrfToken(secret, request.params.token),
          indicators,
          ...extra,
        }),
      );
  }

  function showOutcome(request: FastifyRequest<Params>, reply: FastifyReply, found: Found, answer: RequestAnswer) {
    const lang = languageOf(request, found);
    const w = pageWording[lang];
    const topic = found.topic;
    const message =
      topic.kind === 'intent'
        ? w.done.intent
        : topic.kind === 'report'
          ? w.done.report(topic.period.label)
          : topic.kind === 'project'
            ? w.done.project(answer.decision === 'approve')
            : topic.kind === 'action'
              ? w.done.action
              : topic.subject !== 'intent_review' && answer.decision === 'approve'
                ? w.done.signature
                : w.done.signoff;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderMessagePage({ lang, title: requestTitle(topic, w), message, tone: 'success' }));
  }

  app.get<Params>(tokenRoute('request'), async (request, reply) => {
    let found: Found | undefined;
    try {
      found = await findByLink(request.params.token);
      // The same rule as answering: a row closed by a lost workflow task still shows the form.
      const open = await requestOpenness(deps.temporal, found);
      if (open.kind !== 'open') throw refusal(open);
    } catch (error) {
      return fail(request, reply, error, found);
    }
    if (!wantsJson(request)) return showForm(request, reply, found);
    return {
      requestId: found.id,
      kind: found.kind,
      status: found.status,
      partner: { id: found.partner_id, name: found.partnerName },
      recipient: found.recipient_name,
      dueAt: found.due_at,
      expiresAt: found.expires_at,
      topic: await joinTopicTexts(deps.db, found.topic),
    };
  });

  app.post<Params & { Body: Record<string, unknown> }>(tokenRoute('request'), async (request, reply) => {
    let found: Found | undefined;
    const json = isJsonMediaType(request.headers['content-type']);
    try {
      found = await findByLink(request.params.token);
      if (!json && !csrfValid(secret, request.params.token, request.body?.csrf)) {
        throw new ApiError(403, 'invalid_form', 'This form could not be verified; open the link from the email again.');
      }
      const answer = json ? (request.body ?? {}) : answerFromForm(found.topic, request.body ?? {});
      // A double click sends the same answer twice: the second sees the recorded outcome, changing nothing.
      const result = await answerRequestOnce(deps, found, answer, 'page');
      if (result.kind === 'invalid' && !json)
        return showForm(request, reply, found, {
          values: answerFromForm(found.topic, request.body ?? {}),
          problems: result.problems,
        });
      if (result.kind !== 'answered') throw refusal(result);
      const { outcome } = result;
      return json
        ? { requestId: found.id, kind: found.kind, status: outcome.status, answer: outcome.answer }
        : showOutcome(request, reply, found, answer);
    } catch (error) {
      return fail(request, reply, error, found);
    }
  });
}

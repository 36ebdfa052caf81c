import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languages, type Language } from '../../domain/vocabulary';
import type { FieldProblem } from '../../domain/field-problem';
import { requestWorkflowId } from '../../domain/workflow-ids';
import { type RequestAnswer, requestOutcomeQuery } from '../../workflows/definitions';
import { ConfigError } from '../../config/config';
import { ApiError } from '../../http/api-error';
import { isJsonMediaType } from '../media-type';
import { rateLimit } from '../rate-limit';
import type { ApiDeps } from '../deps';
import { answerRequest, requestClosed } from './answer-request';
import { csrfToken, csrfValid } from './csrf';
import { findRequestById, findRequestByToken } from './find-request';
import { pageWording } from './page-wording';
import { answerFromForm } from './read-form';
import { renderMessagePage, renderRequestPage, requestTitle } from './request-page';

type Found = Awaited<ReturnType<typeof findRequestByToken>>;
type Params = { Params: { token: string }; Querystring: { lang?: string } };

/**
 * Partner pages behind the links in emails (`/r/:token`, docs/architecture.md). GET and HEAD only show:
 * mail scanners fetch links, so only a POST acts: from the page's own form (CSRF-protected) or as
 * JSON (the link's token is the credential; browsers cannot send JSON cross-site without CORS).
 */
export async function requestPageRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(formbody);
  app.addHook('onRequest', rateLimit({ max: deps.config.pageRateLimit, windowMs: 60_000 }));
  app.addHook('onSend', async (_request, reply) => {
    // Framing and the Content-Security-Policy: api/security-headers.ts.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
  const secret = deps.config.tokenSecret ?? '';
  if (!secret) throw new ConfigError('PACT_TOKEN_SECRET is not set: the partner pages sign their forms with it');
  const wantsJson = (request: FastifyRequest) =>
    (request.headers.accept ?? '').includes('application/json') || isJsonMediaType(request.headers['content-type']);
  const languageOf = (request: FastifyRequest<Params>, found?: Found): Language => {
    const asked = request.query.lang ?? (request.body as { lang?: string } | undefined)?.lang;
    return languages.keys.includes(asked as Language) ? (asked as Language) : (found?.recipient_language ?? 'nl');
  };

  /** Errors as pages for people, as the API's JSON for scripts. */
  function fail(request: FastifyRequest<Params>, reply: FastifyReply, error: unknown, found?: Found) {
    if (wantsJson(request) || !(error instanceof ApiError) || ![404, 410, 429].includes(error.statusCode)) throw error;
    const lang = languageOf(request, found);
    const w = pageWording[lang];
    const status = error.code.replace('request_', '');
    const closed = status === 'answered' || status === 'cancelled' ? w.closed[status] : w.closed.expired;
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

  function showForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    found: Found,
    extra: { values?: Record<string, unknown>; problems?: FieldProblem[] } = {},
  ) {
    const lang = languageOf(request, found);
    return reply
      .status(extra.problems ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(
        renderRequestPage({
          view: {
            partnerName: found.partnerName,
            recipientName: found.recipient_name,
            topic: found.topic,
            dueAt: found.due_at,
          },
          lang,
          action: `/r/${request.params.token}`,
          csrf: csrfToken(secret, request.params.token),
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
            : topic.subject !== 'intent_review' && answer.decision === 'approve'
              ? w.done.signature
              : w.done.signoff;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderMessagePage({ lang, title: requestTitle(topic, w), message, tone: 'success' }));
  }

  app.get<Params>('/r/:token', async (request, reply) => {
    let found: Found | undefined;
    try {
      found = await findRequestByToken(deps.db, request.params.token);
      if (found.status !== 'pending') throw requestClosed(found.status, deps.config.staffEmail);
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
      topic: found.topic,
    };
  });

  app.post<Params & { Body: Record<string, unknown> }>('/r/:token', async (request, reply) => {
    let found: Found | undefined;
    const json = isJsonMediaType(request.headers['content-type']);
    try {
      found = await findRequestByToken(deps.db, request.params.token);
      if (!json && !csrfValid(secret, request.params.token, request.body?.csrf)) {
        throw new ApiError(403, 'invalid_form', 'This form could not be verified; open the link from the email again.');
      }
      const answer = json ? (request.body ?? {}) : answerFromForm(found.kind, request.body ?? {});
      const outcome = await answerOnce(found, answer);
      return json
        ? { requestId: found.id, kind: found.kind, status: outcome.status, answer: outcome.answer }
        : showOutcome(request, reply, found, answer);
    } catch (error) {
      if (!json && found && error instanceof ApiError && error.code === 'invalid_answer') {
        return showForm(request, reply, found, {
          values: answerFromForm(found.kind, request.body ?? {}),
          problems: error.details as FieldProblem[],
        });
      }
      return fail(request, reply, error, found);
    }
  });

  /** A double click sends the same answer twice: the second sees the recorded outcome, changing nothing. */
  async function answerOnce(found: Found, answer: RequestAnswer) {
    try {
      return await answerRequest(deps, found, answer, 'page');
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'request_answered') throw error;
      // The workflow knows the answer even while the first click is still being recorded.
      const recorded = await deps.temporal.workflow
        .getHandle(requestWorkflowId(found.id))
        .query(requestOutcomeQuery)
        .catch(() => findRequestById(deps.db, found.id));
      if (recorded?.answer && sameAnswer(recorded.answer, answer))
        return { requestId: found.id, status: 'answered' as const, answer: recorded.answer };
      throw error;
    }
  }
}

function sameAnswer(recorded: Record<string, unknown>, submitted: Record<string, unknown>): boolean {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
    );
  return canonical(recorded) === canonical(submitted);
}

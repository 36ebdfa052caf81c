import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../features/deps';
import { confirmJoin, findJoinByToken } from '../../features/joining/confirm-join';
import { partnerByReferralCode } from '../../features/joining/referrals';
import { joinInputSchema } from '../../features/joining/schema';
import { joinProblems, submitJoin } from '../../features/joining/submit-join';
import type { FieldProblem } from '../../domain/field-problem';
import { languages, type Language } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import { compileValidator, invalidRequest } from '../../http/validation';
import { createMailer } from '../../mail/mailer';
import { tokenPath, tokenRoute } from '../../security/token-paths';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import { singleQueryValues } from '../html/single-query-values';
import { csrfToken, csrfValid } from '../link-pages/csrf';
import { renderMessagePage } from '../link-pages/request-page';
import { isJsonMediaType } from '../media-type';
import { pageRateLimit, rateLimit } from '../rate-limit';
import { joinFormToken, joinFormTokenValid } from './join-form-token';
import { type JoinFormField, type JoinFormValues, renderConfirmJoinPage, renderJoinPage } from './join-page';
import { joinPageWording } from './join-page-wording';

type Form = Record<string, string | string[] | undefined>;
const validateJoin = compileValidator(joinInputSchema);
const refPattern = /^[A-Za-z0-9_-]{4,64}$/;

const first = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The form's fields as they were posted, to show them again. */
function formValues(form: Form): JoinFormValues {
  return {
    name: first(form.name),
    actorType: first(form.actorType),
    sector: first(form.sector),
    language: first(form.language),
    coordinatorName: first(form.coordinatorName),
    coordinatorEmail: first(form.coordinatorEmail),
    signatoryName: first(form.signatoryName),
    signatoryEmail: first(form.signatoryEmail),
    levers: list(form.levers),
    goals: list(form.goals),
    summary: first(form.summary),
  };
}

/** The form as the JSON body it stands for (`POST /pact/join`'s shape), checked by the same schema. */
function inputOfForm(values: JoinFormValues, ref: string | undefined): unknown {
  const contacts: unknown[] = [{ name: values.coordinatorName, email: values.coordinatorEmail, role: 'coordinator' }];
  if (values.signatoryName || values.signatoryEmail)
    contacts.push({ name: values.signatoryName, email: values.signatoryEmail, role: 'signatory' });
  return {
    name: values.name,
    actorType: values.actorType,
    sector: values.sector,
    ...(values.language ? { language: values.language } : {}),
    contacts,
    intent: { levers: values.levers, goals: values.goals, summary: values.summary },
    ...(ref ? { ref } : {}),
  };
}

/** Which form field a problem of the JSON shape is about. */
function formFieldOf(problem: FieldProblem): JoinFormField | undefined {
  const [head, index, leaf] = problem.field.split('.');
  if (head === 'name' || head === 'actorType' || head === 'sector' || head === 'language') return head;
  if (head === 'contacts') {
    const who = index === '1' ? 'signatory' : 'coordinator';
    return leaf === 'email' ? `${who}Email` : `${who}Name`;
  }
  if (head === 'intent' && (index === 'levers' || index === 'goals' || index === 'summary')) return index;
  return undefined;
}

/**
 * Joining the pact (README.md, Joining the pact): the public form `/pact/join` (nl/en/fr, no
 * JavaScript) and its JSON twin, and the confirmation link `/j/<token>` mailed to the coordinator.
 * No login; a rate limit per client, a honeypot field and the same answer whatever is known.
 */
export async function joinRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded'))
    await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.addHook('onRequest', pageRateLimit(deps));
  app.addHook('preValidation', singleQueryValues);
  // The confirmation link's page holds a token: it sends no referrer. The form holds none, and a
  // browser posts a form from a no-referrer page with `Origin: null`, which the form refuses.
  app.addHook('onSend', async (request, reply) => {
    reply
      .header('referrer-policy', request.url.startsWith('/pact/') ? 'same-origin' : 'no-referrer')
      .header('cache-control', 'no-store');
  });
  const secret = deps.config.tokenSecret ?? '';
  const mailer = deps.mailer ?? (deps.config.smtpUrl ? createMailer(deps.config) : undefined);
  const joinDeps = (request: FastifyRequest) => ({
    ...deps,
    mailer,
    log: (error: unknown) => request.log.error({ err: error }, 'join confirmation email not sent'),
  });
  const languageOf = (request: FastifyRequest, fallback?: unknown): Language =>
    chooseLanguage(languages.keys, askedLanguage(request), fallback);
  const wantsJson = (request: FastifyRequest) =>
    isJsonMediaType(request.headers['content-type']) || (request.headers.accept ?? '').includes('application/json');
  const referrerName = async (ref: string | undefined) =>
    ref ? (await partnerByReferralCode(deps.db, ref))?.name : undefined;
  const crossSite = (request: FastifyRequest) => {
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    return (
      site === 'cross-site' ||
      site === 'same-site' ||
      (origin !== undefined && origin !== new URL(deps.config.publicUrl).origin)
    );
  };
  const htmlPage = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(body);

  app.get<{ Querystring: { ref?: string; lang?: string } }>('/pact/join', async (request, reply) => {
    const ref = refPattern.test(request.query.ref ?? '') ? request.query.ref : undefined;
    return htmlPage(
      reply,
      200,
      renderJoinPage({
        lang: languageOf(request),
        csrf: joinFormToken(secret),
        values: { language: languageOf(request) },
        ...(ref ? { ref } : {}),
        referrerName: await referrerName(ref),
      }),
    );
  });

  const joinLimit = rateLimit(deps.db, { scope: 'joins', max: deps.config.joinRateLimit, windowMs: 3_600_000 });
  app.post<{ Body: unknown }>('/pact/join', { preHandler: joinLimit }, async (request, reply) => {
    if (isJsonMediaType(request.headers['content-type'])) {
      const checked = validateJoin(request.body);
      if (!checked.ok) throw invalidRequest(checked.problems);
      await submitJoin(joinDeps(request), checked.value);
      const w = joinPageWording.en;
      return reply.status(202).send({ status: 'received', message: w.receivedMessage });
    }
    const form = (request.body && typeof request.body === 'object' ? request.body : {}) as Form;
    const lang = languageOf(request);
    const w = joinPageWording[lang];
    const values = formValues(form);
    const ref = refPattern.test(first(form.ref)) ? first(form.ref) : undefined;
    const again = async (status: number, extra: { problems?: Record<string, string>; formProblem?: string }) =>
      htmlPage(
        reply,
        status,
        renderJoinPage({
          lang,
          csrf: joinFormToken(secret),
          values,
          ...(ref ? { ref } : {}),
          referrerName: await referrerName(ref),
          ...extra,
        }),
      );
    if (crossSite(request) || !joinFormTokenValid(secret, form.csrf)) return again(403, { formProblem: w.formExpired });
    const checked = validateJoin(inputOfForm(values, ref));
    const found = checked.ok ? joinProblems(checked.value) : checked.problems;
    if (!checked.ok || found.length) {
      const problems: Partial<Record<JoinFormField, string>> = {};
      for (const problem of found) {
        const field = formFieldOf(problem);
        if (!field || problems[field]) continue;
        problems[field] =
          field === 'coordinatorName' || field === 'signatoryName'
            ? w.fields.personName
            : field === 'coordinatorEmail' || field === 'signatoryEmail'
              ? w.fields.email
              : w.fields[field];
      }
      return again(400, { problems });
    }
    // The honeypot: a person never sees the field, a bot fills it. Answered alike, nothing kept.
    await submitJoin(joinDeps(request), checked.value, { trap: first(form.website) !== '' });
    return htmlPage(
      reply,
      200,
      renderMessagePage({ lang, title: w.received, message: w.receivedMessage, tone: 'success' }),
    );
  });

  const unknownLink = (request: FastifyRequest, reply: FastifyReply) => {
    const lang = languageOf(request);
    const w = joinPageWording[lang];
    if (wantsJson(request)) throw new ApiError(404, 'link_not_found', joinPageWording.en.linkUnknown);
    return htmlPage(
      reply,
      404,
      renderMessagePage({ lang, title: w.confirmTitle, message: w.linkUnknown, tone: 'notice' }),
    );
  };

  app.get<{ Params: { token: string } }>(tokenRoute('join'), async (request, reply) => {
    const join = await findJoinByToken(deps, request.params.token);
    if (!join?.data) return unknownLink(request, reply);
    const lang = languageOf(request, join.data.contacts[0]?.language ?? join.data.language);
    if (wantsJson(request)) return { status: 'pending_confirmation', name: join.data.name };
    return htmlPage(
      reply,
      200,
      renderConfirmJoinPage({
        lang,
        organisation: join.data.name,
        action: tokenPath('join', request.params.token),
        csrf: csrfToken(secret, request.params.token),
      }),
    );
  });

  app.post<{ Params: { token: string }; Body: { csrf?: unknown } | undefined }>(
    tokenRoute('join'),
    async (request, reply) => {
      const json = isJsonMediaType(request.headers['content-type']);
      if (!json && !csrfValid(secret, request.params.token, request.body?.csrf)) return unknownLink(request, reply);
      const result = await confirmJoin(joinDeps(request), request.params.token);
      if (result.kind === 'not_found') return unknownLink(request, reply);
      if (json) return { status: 'confirmed', name: result.name };
      const lang = languageOf(request);
      const w = joinPageWording[lang];
      return htmlPage(
        reply,
        200,
        renderMessagePage({ lang, title: w.confirmed, message: w.confirmedMessage(result.name), tone: 'success' }),
      );
    },
  );
}

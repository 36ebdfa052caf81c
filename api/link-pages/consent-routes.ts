import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { languages, type Language } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import { changeConsentByLink, type ConsentLinkPartner, findConsentLink } from '../../features/public-listing/consent';
import { isJsonMediaType } from '../media-type';
import { pageRateLimit } from '../rate-limit';
import { singleQueryValues } from '../html/single-query-values';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import type { AppDeps } from '../../features/deps';
import { csrfToken, csrfValid } from './csrf';
import { renderMessagePage } from './request-page';
import { renderConsentPage } from './consent-link-page';
import { consentPageWording } from './consent-page-wording';
import { tokenPath, tokenRoute } from '../../security/token-paths';

type Params = { Params: { token: string }; Querystring: { lang?: string } };
type Body = { listed?: unknown; csrf?: unknown; lang?: unknown };

const linkNotFound = () =>
  new ApiError(404, 'link_not_found', 'This link is not known. Check that you copied the whole link from the email.');

/**
 * A partner's consent link (`/c/:token`, docs/privacy.md, Consent to be listed): GET shows whether the
 * partner is listed publicly, POST gives or withdraws that consent (the page's form with its CSRF field,
 * or JSON `{listed: true|false}`). Like a meeting's link it is not single-use: the partner may change its
 * mind at any time, and each change is recorded (features/public-listing/consent.ts).
 */
export async function consentPageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  app.addHook('onRequest', pageRateLimit(deps));
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
  const secret = deps.config.tokenSecret ?? '';
  const wantsJson = (request: FastifyRequest) =>
    (request.headers.accept ?? '').includes('application/json') || isJsonMediaType(request.headers['content-type']);
  const languageOf = (request: FastifyRequest, partner?: ConsentLinkPartner): Language =>
    chooseLanguage(languages.keys, askedLanguage(request), partner?.language);

  /** The partner behind the link, or a 404 (a page for people) that says nothing about other links. */
  async function find(request: FastifyRequest<Params>, reply: FastifyReply): Promise<ConsentLinkPartner | undefined> {
    const partner = await findConsentLink(deps.db, request.params.token);
    if (partner) return partner;
    if (wantsJson(request)) throw linkNotFound();
    const lang = languageOf(request);
    const w = consentPageWording[lang];
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
    partner: ConsentLinkPartner,
    extra: { status?: number; problem?: string; message?: string } = {},
  ) =>
    reply
      .status(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderConsentPage({
          partner,
          lang: languageOf(request, partner),
          action: tokenPath('consent', request.params.token),
          csrf: csrfToken(secret, request.params.token),
          ...extra,
        }),
      );

  app.get<Params>(tokenRoute('consent'), async (request, reply) => {
    const partner = await find(request, reply);
    if (!partner) return reply;
    if (wantsJson(request)) return { partner: { id: partner.id, name: partner.name }, listed: partner.public_listing };
    return show(request, reply, partner);
  });

  app.post<Params & { Body: Body }>(tokenRoute('consent'), async (request, reply) => {
    const json = isJsonMediaType(request.headers['content-type']);
    const partner = await find(request, reply);
    if (!partner) return reply;
    const body = request.body ?? {};
    if (!json && !csrfValid(secret, request.params.token, body.csrf))
      throw new ApiError(403, 'invalid_form', 'This form could not be verified; open the link from the email again.');
    const listed = json
      ? typeof body.listed === 'boolean'
        ? body.listed
        : undefined
      : body.listed === 'yes'
        ? true
        : body.listed === 'no'
          ? false
          : undefined;
    if (listed === undefined) {
      if (json)
        throw new ApiError(400, 'invalid_consent', 'listed: must be true or false', [
          { field: 'listed', message: 'must be true or false' },
        ]);
      return show(request, reply, partner, {
        status: 400,
        problem: consentPageWording[languageOf(request, partner)].pickOne,
      });
    }
    const result = await changeConsentByLink(deps.db, request.params.token, listed);
    if (result.kind !== 'recorded') throw linkNotFound(); // the partner went between the two reads
    if (json)
      return { partner: { id: partner.id, name: partner.name }, listed: result.listed, changed: result.changed };
    return show(
      request,
      reply,
      { ...partner, public_listing: result.listed },
      { message: consentPageWording[languageOf(request, partner)].recorded(result.listed) },
    );
  });
}

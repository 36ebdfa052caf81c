import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/api-error';
import { changeConsentByLink, type ConsentLinkPartner, findConsentLink } from '../../features/public-listing/consent';
import { isJsonMediaType } from '../media-type';
import type { AppDeps } from '../../features/deps';
import { renderConsentPage } from './consent-link-page';
import { consentPageWording } from './consent-page-wording';
import { linkNotFound, linkPage, type TokenParams, wantsJson } from './link-page';
import { tokenRoute } from '../../security/token-paths';

type Body = { listed?: unknown; csrf?: unknown; lang?: unknown };

/**
 * A partner's consent link (`/c/:token`, docs/privacy.md, Consent to be listed): GET shows whether the
 * partner is listed publicly, POST gives or withdraws that consent (the page's form with its CSRF field,
 * or JSON `{listed: true|false}`). Like a meeting's link it is not single-use: the partner may change its
 * mind at any time, and each change is recorded (features/public-listing/consent.ts).
 */
export async function consentPageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const page = await linkPage(app, deps, {
    kind: 'consent',
    lookup: (token) => findConsentLink(deps.db, token),
    wording: consentPageWording,
  });
  const show = (
    request: FastifyRequest<TokenParams>,
    reply: FastifyReply,
    partner: ConsentLinkPartner,
    extra: { status?: number; problem?: string; message?: string } = {},
  ) => page.send(reply, extra.status ?? 200, renderConsentPage({ partner, ...page.form(request, partner), ...extra }));

  app.get<TokenParams>(tokenRoute('consent'), async (request, reply) => {
    const partner = await page.find(request, reply);
    if (!partner) return reply;
    if (wantsJson(request)) return { partner: { id: partner.id, name: partner.name }, listed: partner.public_listing };
    return show(request, reply, partner);
  });

  app.post<TokenParams & { Body: Body }>(tokenRoute('consent'), async (request, reply) => {
    const json = isJsonMediaType(request.headers['content-type']);
    const partner = await page.find(request, reply);
    if (!partner) return reply;
    const body = request.body ?? {};
    page.checkForm(request, body, json);
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
        problem: consentPageWording[page.languageOf(request, partner)].pickOne,
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
      { message: consentPageWording[page.languageOf(request, partner)].recorded(result.listed) },
    );
  });
}

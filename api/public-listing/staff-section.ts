import type { FastifyInstance } from 'fastify';
import { staffUserOf } from '../../auth/plugin';
import { ApiError } from '../../http/api-error';
import type { AppDeps } from '../../features/deps';
import { type PublicListingView, recordConsentByStaff } from '../../features/public-listing/consent';
import type { PageContext } from '../html/context';
import { html, type Html } from '../html/layout';
import { labelFor } from '../html/label-for';
import { dateTimeText, notice, table } from '../html/view';

/** The partner page's section: consent now, the form to record it given another way, and its history. */
export function publicListingSection(
  ctx: PageContext,
  partnerId: string,
  view: PublicListingView,
  done?: string,
): Html {
  const w = ctx.w.publicListing;
  const rows = view.changes.map(
    (c) => html`<tr>
      <td>${dateTimeText(c.recordedAt, ctx)}</td>
      <td>${c.listed ? w.listed.yes : w.listed.no}</td>
      <td>${w.via[c.via]}</td>
      <td>${c.recordedBy}</td>
    </tr>`,
  );
  return html`<section class="card" aria-labelledby="public-listing">
    <h2 id="public-listing">${w.title}</h2>
    ${notice(labelFor(w.done, done))}
    <p id="public-listing-now">${w.current(view.listed)}</p>
    <form method="post" action="/staff/partners/${encodeURIComponent(partnerId)}/public-listing" class="actions">
      <p class="muted">${w.recordHint}</p>
      ${
        view.listed
          ? html`<button type="submit" name="listed" value="false" class="secondary">${w.withdraw}</button>`
          : html`<button type="submit" name="listed" value="true">${w.give}</button>`
      }
    </form>
    <h3>${w.history}</h3>
    ${rows.length ? table([w.when, w.what, w.how, w.who], rows) : html`<p class="muted">${w.noHistory}</p>`}
  </section>`;
}

/** The section's form (`POST /staff/partners/:id/public-listing`): back to the partner page, 303, saying what was done. */
export function publicListingActions(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Params: { id: string }; Body: { listed?: unknown } }>(
    '/staff/partners/:id/public-listing',
    async (request, reply) => {
      const given = request.body?.listed;
      if (given !== 'true' && given !== 'false')
        throw new ApiError(400, 'invalid_form', 'listed: must be true or false', [
          { field: 'listed', message: 'must be true or false' },
        ]);
      const listed = given === 'true';
      const result = await recordConsentByStaff(deps.db, request.params.id, listed, staffUserOf(request));
      if (result.kind !== 'recorded')
        throw new ApiError(404, 'partner_not_found', `There is no partner with id "${request.params.id}".`);
      const done = !result.changed ? 'unchanged' : listed ? 'given' : 'withdrawn';
      return reply.redirect(
        `/staff/partners/${encodeURIComponent(request.params.id)}?listing=${done}#public-listing`,
        303,
      );
    },
  );
}

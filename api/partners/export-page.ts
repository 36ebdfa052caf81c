import type { FastifyInstance } from 'fastify';
import { html, type Html } from '../html/layout';
import { staffUserOf } from '../../auth/plugin';
import { exportPartner, exportReader, type PartnerExport } from '../../features/partners/export';
import type { AppDeps } from '../../features/deps';
import { type PageContext, pageContext } from '../html/context';
import { dateTimeText, staffPage, table } from '../html/view';
import { labelFor } from '../html/label-for';

type Params = { Params: { id: string }; Querystring: { contact?: string } };

/** A value as the page shows it: dates as dates, structures as indented JSON. */
function cell(value: unknown, ctx: PageContext): Html | string {
  if (value instanceof Date) return dateTimeText(value, ctx);
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
  return String(value);
}

/** Rows of one kind as a table, their fields as columns (the field names of the JSON export). */
function records(ctx: PageContext, rows: Record<string, unknown>[]): Html {
  if (!rows.length) return html`<p class="muted">${ctx.w.export.none}</p>`;
  const columns = Object.keys(rows[0]!);
  return table(
    columns,
    rows.map((row) => html`<tr>${columns.map((c) => html`<td>${cell(row[c], ctx)}</td>`)}</tr>`),
  );
}

/**
 * `/staff/partners/:id/export[?contact=<id>]`: the printable page of a partner's data on request
 * (*inzage*), the same export as GET /api/partners/:id/export, with a link to download that file.
 */
export function exportPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<Params>('/staff/partners/:id/export', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { w } = ctx;
    const id = request.params.id;
    const contactId = /^[1-9][0-9]{0,9}$/.test(request.query.contact ?? '') ? Number(request.query.contact) : undefined;
    const data = await exportPartner(deps, id, contactId, exportReader(staffUserOf(request)));
    const contact = contactId === undefined ? undefined : data.contacts[0];
    const title = contact ? w.export.titleContact(contact.name, data.partner.name) : w.export.title(data.partner.name);
    const query = contactId === undefined ? '' : `?contact=${contactId}`;
    const sections: [keyof PartnerExport & string, Record<string, unknown>[]][] = [
      ['partner', [data.partner]],
      ['contacts', data.contacts],
      ['journey', data.journey ? [data.journey] : []],
      ['requests', data.requests],
      ['timeline', data.timeline],
      ['emails', data.emails],
      ['writtenTexts', data.writtenTexts],
      ['indicatorValues', data.indicatorValues],
      ['projects', data.projects],
      ['erasures', data.erasures],
    ];
    const body = html`<h1>${title}</h1>
      <p>${w.export.intro}</p>
      <p class="muted">${w.export.exportedAt} ${dateTimeText(data.exportedAt, ctx)}</p>
      <p>
        <a href="/api/partners/${encodeURIComponent(id)}/export${query}" download id="export-download"
          >${w.export.download}</a
        >
      </p>
      ${
        contact
          ? ''
          : html`<p>
            ${w.export.perContact}
            ${data.contacts.map(
              (c) => html`<a href="/staff/partners/${encodeURIComponent(id)}/export?contact=${c.id}">${c.name}</a> `,
            )}
          </p>`
      }
      ${sections.map(
        ([key, rows]) => html`<section aria-labelledby="export-${key}">
          <h2 id="export-${key}">${labelFor(w.export.sections, key) ?? key}</h2>
          ${records(ctx, rows)}
        </section>`,
      )}
      <section aria-labelledby="export-workflows">
        <h2 id="export-workflows">${w.export.sections.workflows}</h2>
        ${
          data.workflows.length
            ? data.workflows.map(
                (wf) => html`<h3>${wf.workflowId}</h3>
                <pre>${JSON.stringify(wf.missing ?? wf.runs, null, 2)}</pre>`,
              )
            : html`<p class="muted">${w.export.none}</p>`
        }
      </section>`;
    return reply.type('text/html; charset=utf-8').send(staffPage(ctx, { title, active: 'partners', body }));
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../../http/api-error';
import { html, type Html } from '../html/layout';
import { importColumns, type ImportRowResult } from '../../features/partners/csv-import';
import type { AppDeps } from '../../features/deps';
import { type PageContext, pageContext } from '../html/context';
import { formOf, textOf } from '../html/forms';
import { importReportPage, type ImportReportPage } from '../../features/partners/import-report';
import { ignoredNotice, pageParam, readPageQuery } from '../html/page-query';
import { Type } from 'typebox';
import { startImport } from '../../features/partners/start-import';
import { badge, emptyState, notice, pager, partnerLink, staffPage, table, textArea } from '../html/view';
import { labelFor } from '../html/label-for';

const refreshSeconds = 1;

/** Lines per page of an import's report: a member list may have thousands. */
const linesPerPage = 200;

/** The report page's one parameter: `?page=` of its lines. */
const importPageQuery = Type.Object({ page: pageParam }, { additionalProperties: false });
const send = (reply: FastifyReply, status: number, page: string) =>
  reply.status(status).type('text/html; charset=utf-8').send(page);

function renderForm(ctx: PageContext, error?: string, csvText?: string) {
  const { w } = ctx;
  return staffPage(ctx, {
    title: w.imports.title,
    active: 'import',
    body: html`<h1>${w.imports.title}</h1>
      <p>${w.imports.intro}</p>
      <pre class="card">${importColumns.join(',')}</pre>
      ${notice(error, 'error')}
      <form method="post" action="/staff/imports" enctype="multipart/form-data">
        <label for="csv">${w.imports.file}</label><input type="file" id="csv" name="csv" accept=".csv,text/csv" />
        ${textArea({ id: 'csvText', label: w.imports.paste, value: csvText })}
        <p><button type="submit">${w.imports.submit}</button></p>
      </form>`,
  });
}

/** Why a row was not added, in the staff's language: per column, what to write there. */
function rowDetails(ctx: PageContext, row: ImportRowResult): Html | string {
  const { imports: w } = ctx.w;
  if (row.status === 'exists') return w.exists;
  if (row.status === 'failed') return w.failedRow;
  if (row.status !== 'invalid') return '';
  if (!row.columns?.length) return w.invalidRow;
  return html`<ul>
    ${row.columns.map((column) => html`<li><code>${column}</code>: ${labelFor(w.columnHints, column) ?? w.invalidRow}</li>`)}
  </ul>`;
}

function resultRow(ctx: PageContext, row: ImportRowResult): Html {
  const tone = row.status === 'created' ? 'ok' : row.status === 'exists' ? 'info' : 'warn';
  return html`<tr>
    <td class="num">${row.line}</td>
    <td>${row.id ? partnerLink(row.id, row.name) : row.name}</td>
    <td>${badge(ctx.w.imports.rowStatuses[row.status] ?? row.status, tone)}</td>
    <td>${rowDetails(ctx, row)}</td>
  </tr>`;
}

function renderJob(ctx: PageContext, job: ImportReportPage, number: number, ignored: Html) {
  const { w } = ctx;
  const counts = job.summary;
  const headers = [{ text: w.imports.line, num: true }, w.common.partner, w.imports.result, w.imports.details];
  const running = job.status === 'running';
  return staffPage(ctx, {
    title: w.imports.progressTitle,
    active: 'import',
    body: html`${running ? html`<meta http-equiv="refresh" content="${refreshSeconds}" />` : ''}
      <h1>${w.imports.progressTitle}</h1>
      ${ignored}
      <label for="progress">${w.imports.progress}</label
      ><progress id="progress" max="${Math.max(job.total, 1)}" value="${running ? job.processed : Math.max(job.total, 1)}">
        ${job.processed}/${job.total}
      </progress>
      <p role="status">
        ${w.imports.processed(job.processed, job.total)}.
        ${running ? html`${w.imports.running} <a href="/staff/imports/${job.id}">${w.imports.refresh}</a>` : w.imports.finished}
      </p>
      ${
        running
          ? ''
          : html`<p class="card">
                ${w.imports.summary(counts.created, counts.exists, counts.invalid, counts.failed)}
              </p>
              ${
                job.notAdded.length
                  ? html`<h2>${w.imports.badRows}</h2>
                      ${table(
                        headers,
                        job.notAdded.map((row) => resultRow(ctx, row)),
                      )}`
                  : ''
              }
              <h2 id="lines">${w.imports.allRows}</h2>
              ${table(
                headers,
                job.page.map((row) => resultRow(ctx, row)),
              )}
              ${pager(ctx, number, job.pages)}
              <p><a href="/staff/imports/new">${w.imports.another}</a></p>`
      }`,
  });
}

/**
 * `/staff/imports/new` → the `partnerImport` workflow → `/staff/imports/:id`, a progress bar that
 * refreshes itself, then each row's result: read from Postgres, so any API process shows it.
 */
export function importPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/staff/imports/new', async (request, reply) => send(reply, 200, renderForm(pageContext(request, reply))));

  app.post('/staff/imports', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = formOf(request);
    const csv = textOf(form, 'csv') || textOf(form, 'csvText');
    if (!csv) return send(reply, 400, renderForm(ctx, ctx.w.imports.noInput));
    try {
      const job = await startImport(deps, csv, { staffUserId: ctx.user!.id });
      return reply.redirect(`/staff/imports/${job.id}`, 303);
    } catch (error) {
      if (!(error instanceof ApiError) || error.statusCode >= 500) throw error;
      return send(reply, 400, renderForm(ctx, `${ctx.w.imports.failedAll} ${error.message}`, textOf(form, 'csvText')));
    }
  });

  app.get<{ Params: { id: string } }>('/staff/imports/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(importPageQuery, request.query);
    const number = Number(query.page ?? '1');
    const job = await importReportPage(deps.db, request.params.id, { number, size: linesPerPage });
    if (!job)
      return send(
        reply,
        404,
        staffPage(ctx, {
          title: ctx.w.imports.progressTitle,
          active: 'import',
          body: html`<h1>${ctx.w.imports.progressTitle}</h1>
            ${emptyState(ctx.w.imports.unknownJob, { href: '/staff/imports/new', text: ctx.w.imports.another })}`,
        }),
      );
    // The Refresh header and the meta tag reload the page without JavaScript while rows are processed.
    if (job.status === 'running') reply.header('refresh', String(refreshSeconds));
    return send(reply, 200, renderJob(ctx, job, number, ignoredNotice(ctx, ignored)));
  });
}

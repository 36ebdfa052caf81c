import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireStaff, staffUserOf } from '../../auth/plugin';
import type { AppDeps } from '../../features/deps';
import { awaitImport, importReport, importSummary, type ImportReport } from '../../features/partners/import-report';
import { startImport } from '../../features/partners/start-import';
import { ApiError } from '../../http/api-error';
import { idParams } from '../../http/id-params';
import { preferences } from '../../http/prefer';

/**
 * The longest `POST /api/partners/import` waits for the per-line results before it answers 202 with
 * the import's address: longer than a member list of a thousand takes, shorter than the idle
 * timeouts of common proxies would allow to grow without bound.
 */
const longestWaitSeconds = 300;

const address = (id: string) => `/api/partners/imports/${id}`;

function reportBody(report: ImportReport) {
  return {
    id: report.id,
    status: report.status,
    startedAt: report.startedAt.toISOString(),
    processed: report.results.length,
    summary: importSummary(report),
    rows: report.results,
  };
}

/**
 * `POST /api/partners/import` (text/csv) stores the member list and starts its `partnerImport`
 * workflow, then answers 200 with the per-line results once it is done, or 202 with the import's
 * address (`Location`) if it is not done within the wait (at most 300 s; `Prefer: wait=<s>` asks
 * for less, `Prefer: respond-async` for none). `GET /api/partners/imports/:id` reads it from
 * Postgres, from any API process.
 */
export async function partnerImportRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  app.post<{ Body: string }>('/api/partners/import', async (request, reply) => {
    if (typeof request.body !== 'string')
      throw new ApiError(415, 'unsupported_media_type', 'Send the member list as CSV with Content-Type: text/csv.');
    const { id } = await startImport(deps, request.body, { staffUserId: staffUserOf(request).id });
    const prefer = preferences(request.headers.prefer);
    const waitSeconds = prefer.respondAsync
      ? 0
      : Math.min(prefer.waitSeconds ?? longestWaitSeconds, longestWaitSeconds);
    const report = (await awaitImport(deps.db, id, waitSeconds * 1000))!;
    if (report.status === 'done') return reply.send(reportBody(report));
    return reply
      .status(202)
      .header('location', address(id))
      .send({ ...reportBody(report), location: address(id) });
  });

  app.get('/api/partners/imports/:id', { schema: { params: idParams } }, async (request) => {
    const report = await importReport(deps.db, request.params.id);
    if (!report) throw new ApiError(404, 'import_not_found', `There is no import with id "${request.params.id}".`);
    return reportBody(report);
  });
}

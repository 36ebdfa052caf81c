import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection';
import { journeyCounts } from './partners/queries';
import { requestCounts } from './requests/queries';

/** HTTP responses by method, route and status, counted in memory by both of the API's listeners. */
export type ResponseCounts = Map<string, number>;

/** Counts every response `app` sends into `counts`; not encapsulated, so it sees every route. */
export function countResponses(app: FastifyInstance, counts: ResponseCounts): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `method="${request.method}",route="${route}",status="${reply.statusCode}"`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
}

/**
 * `/metrics` in Prometheus' text format: the HTTP counts, and the journeys, requests and emails
 * counted from the read model at scrape time. Only counts, no names. On the internal listener only.
 */
export async function metricsRoutes(app: FastifyInstance, deps: { db: Db; counts: ResponseCounts }): Promise<void> {
  const http = deps.counts;
  app.get('/metrics', async (_request, reply) => {
    const [journeys, requests, emails] = await Promise.all([
      journeyCounts(deps.db),
      requestCounts(deps.db),
      deps.db
        .selectFrom('email_outbox')
        .select(['status', ({ fn }) => fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute(),
    ]);
    const lines = [
      '# HELP integratiepact_http_requests_total HTTP requests answered, by route and status.',
      '# TYPE integratiepact_http_requests_total counter',
      ...[...http].map(([labels, n]) => `integratiepact_http_requests_total{${labels}} ${n}`),
      '# HELP integratiepact_journeys Journeys by stage and whom they wait on.',
      '# TYPE integratiepact_journeys gauge',
      ...journeys.map((j) => `integratiepact_journeys{stage="${j.stage}",status="${j.status}"} ${j.count}`),
      '# HELP integratiepact_requests Requests by kind and status.',
      '# TYPE integratiepact_requests gauge',
      ...requests.map((r) => `integratiepact_requests{kind="${r.kind}",status="${r.status}"} ${r.n}`),
      '# HELP integratiepact_emails Emails in the outbox by status.',
      '# TYPE integratiepact_emails gauge',
      ...emails.map((e) => `integratiepact_emails{status="${e.status}"} ${e.n}`),
    ];
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}

import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Db } from '../db/connection';
import type { EmailStatus } from '../db/schema';
import { requestKinds, requestStatuses } from '../domain/journey';
import { journeyCounts } from '../features/partners/queries';
import { requestCounts } from '../features/requests/queries';

/**
 * The API's Prometheus metrics (prom-client), one registry per pair of listeners: tests build
 * several APIs in one process, so nothing goes into prom-client's global registry.
 * Only counts and ages, never a name or an address.
 */
export interface ApiMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
}

const emailStatuses: readonly EmailStatus[] = ['pending', 'sent', 'failed'];

export function apiMetrics(db: Db): ApiMetrics {
  const registry = new Registry();
  // Process CPU, memory, event-loop lag and GC, with prom-client's standard names (process_*, nodejs_*).
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: 'integratiepact_http_requests_total',
    help: 'HTTP requests answered, by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  // The read model, counted when Prometheus scrapes.
  new Gauge({
    name: 'integratiepact_journeys',
    help: 'Journeys by stage and whom they wait on.',
    labelNames: ['stage', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await journeyCounts(db);
      this.reset();
      for (const row of rows) this.set({ stage: row.stage, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'integratiepact_requests',
    help: 'Requests by kind and status; every combination is present, so a rise in "expired" can be alerted on.',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await requestCounts(db);
      for (const kind of requestKinds) for (const status of requestStatuses) this.set({ kind, status }, 0);
      for (const row of rows) this.set({ kind: row.kind, status: row.status }, Number(row.n));
    },
  });
  new Gauge({
    name: 'integratiepact_emails',
    help: 'Emails in the outbox by status; "pending" is the backlog.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('email_outbox')
        .select(['status', ({ fn }) => fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      for (const status of emailStatuses) this.set({ status }, 0);
      for (const row of rows) this.set({ status: row.status }, Number(row.n));
    },
  });
  new Gauge({
    name: 'integratiepact_email_oldest_pending_seconds',
    help: 'Age of the oldest email not yet sent (0 when none waits): the outbox is stuck when it keeps growing.',
    registers: [registry],
    async collect() {
      const row = await db
        .selectFrom('email_outbox')
        .where('status', '=', 'pending')
        .select(({ fn }) => fn.min('created_at').as('oldest'))
        .executeTakeFirst();
      const oldest = row?.oldest ? new Date(row.oldest).getTime() : undefined;
      this.set(oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
    },
  });
  return { registry, httpRequests };
}

/** Counts every response `app` sends; not encapsulated, so it sees every route. */
export function countResponses(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
}

/** `/metrics` in Prometheus' text format, on the internal listener only. */
export async function metricsRoutes(app: FastifyInstance, deps: { metrics: ApiMetrics }): Promise<void> {
  const { registry } = deps.metrics;
  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}

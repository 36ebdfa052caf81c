import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './server';
import { probeEngine } from './temporal-client';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: its dependencies answer). */
export async function healthRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const check = async (probe: () => Promise<unknown>) => {
      try {
        await withTimeout(probe(), 2_000);
        return 'ok';
      } catch (error) {
        return `unavailable: ${(error as Error).message}`;
      }
    };
    const [database, temporal] = await Promise.all([
      check(() => sql`select 1`.execute(deps.db)),
      // Within a second, like the API's own calls (api/temporal-client.ts).
      check(() => probeEngine(deps.temporal)),
    ]);
    const ready = database === 'ok' && temporal === 'ok';
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', checks: { database, temporal } });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

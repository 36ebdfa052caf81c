import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../features/deps';
import { probeEngine } from '../temporal/client';

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: its dependencies answer).
 * The public listener says only ready or not; the internal one (api/internal-server.ts) also says
 * which dependency failed and why, which is for operators, not for the internet.
 */
export async function healthRoutes(
  app: FastifyInstance,
  deps: Pick<AppDeps, 'db' | 'temporal'> & { detailed: boolean },
): Promise<void> {
  if (!deps.detailed) app.get('/healthz', async () => ({ status: 'ok' }));

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
      // Within a second, like the API's own calls (temporal/client.ts).
      check(() => probeEngine(deps.temporal)),
    ]);
    const ready = database === 'ok' && temporal === 'ok';
    const status = ready ? 'ready' : 'unavailable';
    return reply
      .status(ready ? 200 : 503)
      .send(deps.detailed ? { status, checks: { database, temporal } } : { status });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

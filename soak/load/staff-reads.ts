import type { SoakSystem } from '../system';

/** What staff read while the chaos goes on: lists and pages, through the proxy. */
const paths = ['/api/partners', '/api/meetings', '/staff/meetings', '/api/partners?stage=prototype'];

export interface ReadFigures {
  answered: number;
  /** 5xx or no answer: an API, Temporal or Postgres down at that moment. */
  failed: number;
}

/** One read every couple of seconds until `until`; a failed read is counted, not retried. */
export async function readAsStaff(system: SoakSystem, until: number, figures: ReadFigures): Promise<void> {
  for (let i = 0; Date.now() < until; i++) {
    try {
      const response = await system.staffFetch(paths[i % paths.length]!, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (response.status < 500) figures.answered += 1;
      else figures.failed += 1;
    } catch {
      figures.failed += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

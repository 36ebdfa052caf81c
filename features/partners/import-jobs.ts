import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { ApiError } from '../../http/api-error';
import { importPartners, type ImportRowResult } from './csv-import';
import type { AppDeps } from '../deps';

export interface ImportJob {
  id: string;
  startedAt: Date;
  /** Data lines in the file, for the progress bar. */
  total: number;
  results: ImportRowResult[];
  status: 'running' | 'done' | 'failed';
  error?: string;
}

const kept = 100;

/**
 * CSV imports running in the background of the API process. Kept in memory: an import is
 * watched while it runs and read once at the end, and a restart only forgets the report
 * (every row already imported stays imported; importing the file again reports them as existing).
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly deps: AppDeps) {}

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Starts the import; a file refused as a whole (not CSV, columns missing) is refused here, before any row. */
  async start(csv: string, importedBy: { staffUserId: number }, log: (error: unknown) => void): Promise<ImportJob> {
    const job: ImportJob = {
      id: randomBytes(12).toString('base64url'),
      startedAt: new Date(),
      total: countRows(csv),
      results: [],
      status: 'running',
    };
    const running = importPartners(this.deps, csv, importedBy, (row) => job.results.push(row));
    running.then(
      () => (job.status = 'done'),
      (error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof ApiError ? error.message : 'unexpected error';
        if (!(error instanceof ApiError)) log(error);
      },
    );
    // importPartners checks the file before its first await, so by now a refused file has failed.
    await new Promise((resolve) => setImmediate(resolve));
    if (job.status === 'failed' && job.results.length === 0) throw new ApiError(400, 'invalid_csv', job.error!);
    this.jobs.set(job.id, job);
    for (const old of this.jobs.keys()) if (this.jobs.size > kept) this.jobs.delete(old);
    return job;
  }
}

function countRows(csv: string): number {
  try {
    return (parse(csv, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as unknown[])
      .length;
  } catch {
    return 0;
  }
}

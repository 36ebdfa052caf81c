import { stringify } from 'csv-stringify/sync';
import { importColumns } from '../../features/partners/csv-import';
import { contactAddresses } from '../../tests/support/onboarding-body';
import type { SoakSystem } from '../system';
import { type LoadCounters, untilAnswered } from '../retry';

/** What the import answered: its per-line results at once, or the address of an import still running. */
export interface ImportOutcome {
  lines: number;
  /** Partner ids of the valid lines. */
  partners: string[];
  /** The line that is invalid on purpose (a bad email address). */
  invalidLine: number;
  status: number;
  /** 202: where the import's progress and per-line results are read. */
  location?: string;
  /** 200: the per-line results as answered. */
  results?: { line: number; status: string }[];
}

/**
 * A member list imported through `POST /api/partners/import` while the chaos goes on: valid rows
 * and one invalid on purpose. A dropped answer is posted again; existing partners are then reported
 * as such, so the answer still has a result per line.
 */
export async function importMemberList(
  system: SoakSystem,
  counters: LoadCounters,
  names: string[],
): Promise<ImportOutcome> {
  const rows = names.map((name) => {
    const { coordinator, signatory } = contactAddresses(name);
    return [
      name,
      'civil_society',
      'education',
      'nl',
      `Coordinator ${name}`,
      coordinator,
      `Signatory ${name}`,
      signatory,
    ];
  });
  rows.push([
    'Soak ongeldig',
    'civil_society',
    'education',
    'nl',
    'Coordinator',
    'not-an-address',
    'Signatory',
    'x@y.example',
  ]);
  const csv = stringify([[...importColumns], ...rows]);
  const post = () =>
    untilAnswered('CSV import', counters, () =>
      system.staffFetch('/api/partners/import', {
        method: 'POST',
        body: csv,
        // An import that keeps its results answers 202 with their address at once (RFC 7240).
        headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
      }),
    );
  let response = await post();
  // A line that failed (the engine away at that moment) is imported again, as staff would upload the list again.
  for (let again = 0; response.status === 200 && again < 20; again++) {
    const body = (await response.clone().json()) as { summary: { failed: number } };
    if (body.summary.failed === 0) break;
    counters.retry('CSV import');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    response = await post();
  }
  counters.count('CSV import');
  const outcome: ImportOutcome = {
    lines: rows.length,
    partners: names.map((n) => contactAddresses(n).id),
    invalidLine: rows.length + 1,
    status: response.status,
  };
  if (response.status === 202) return { ...outcome, location: response.headers.get('location') ?? undefined };
  if (response.status !== 200) throw new Error(`import refused: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { rows: { line: number; status: string }[] };
  return { ...outcome, results: body.rows };
}

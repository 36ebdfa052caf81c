import { stringify } from 'csv-stringify/sync';
import { importColumns } from '../../features/partners/csv-import';
import { contactAddresses } from '../../tests/support/onboarding-body';
import type { SoakSystem } from '../system';
import { type LoadCounters, untilAnswered } from '../retry';

/** The member list the soak imported, and where the import keeps its per-line results. */
export interface ImportOutcome {
  lines: number;
  /** Partner ids of the valid lines. */
  partners: string[];
  /** The line that is invalid on purpose (a bad email address). */
  invalidLine: number;
  /** `/api/partners/imports/:id`, read from any API process. */
  location: string;
}

/**
 * A member list imported through `POST /api/partners/import` while the chaos goes on: valid rows
 * and one invalid on purpose. The import runs as a workflow and keeps each line's result in
 * Postgres; the soak asks for its address at once (`Prefer: respond-async`) and reads the results
 * after the drain. A dropped answer is posted again: that import reports the partners as existing.
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
  const response = await untilAnswered('CSV import', counters, () =>
    system.staffFetch('/api/partners/import', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
    }),
  );
  if (response.status !== 200 && response.status !== 202)
    throw new Error(`import refused: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  counters.count('CSV import');
  return {
    lines: rows.length,
    partners: names.map((n) => contactAddresses(n).id),
    invalidLine: rows.length + 1,
    location: `/api/partners/imports/${id}`,
  };
}

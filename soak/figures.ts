import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { ChaosEvent } from './chaos';
import type { CheckResult } from './checks/check';
import type { Duplicate } from './checks/emails';

const root = join(__dirname, '..');

/** What one soak run did and found: printed, appended to .data/soak-figures.jsonl, and put in docs/reliability.md. */
export interface SoakFigures {
  seed: number;
  minutes: number;
  temporal: string;
  at: string;
  /** Blows of chaos by kind: `api`, `worker`, `postgres`, `temporal` or a cluster service, `smtp pause`; `two at once`. */
  kills: Record<string, number>;
  load: Record<string, number>;
  staffReads: { answered: number; failed: number };
  retries: Record<string, number>;
  emails: number;
  lost: number;
  duplicates: Duplicate[];
  drainS: number;
  checks: CheckResult[];
}

/** `api-2` → `api`; a pause of the SMTP server is its own kind. */
export function killCounts(events: ChaosEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);
  for (const event of events) {
    for (const part of event.parts)
      add(
        part === 'smtp'
          ? 'smtp pause'
          : part.includes('on its own')
            ? `${part.split(' ')[0]} ended on its own`
            : part.replace(/-\d+$/, ''),
      );
    if (event.parts.length > 1) add('two at once');
  }
  return counts;
}

export function printFigures(figures: SoakFigures): void {
  process.stdout.write(`SOAK FIGURES ${JSON.stringify(figures)}\n`);
  for (const check of figures.checks)
    process.stdout.write(`  ${check.outcome.toUpperCase().padEnd(7)} ${check.name}: ${check.details.join('; ')}\n`);
  const file = join(root, '.data', 'soak-figures.jsonl');
  mkdirSync(join(file, '..'), { recursive: true });
  appendFileSync(file, `${JSON.stringify(figures)}\n`);
}

const begin = '<!-- soak figures: written by npm run soak -->';
const end = '<!-- end of soak figures -->';

/**
 * Puts the run into docs/reliability.md's table of soak runs: one row per length and Temporal
 * (the CI's short soak and the 30-minute soak keep their own rows), replaced by the next such run;
 * the page is then formatted as `npm run lint` wants it.
 */
export async function writeFiguresToDocs(figures: SoakFigures): Promise<void> {
  const file = join(root, 'docs', 'reliability.md');
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/reliability.md has no "${begin}" … "${end}" section`);
  const cellsOf = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
  const header = [
    'minutes',
    'Temporal',
    'seed',
    'kills',
    'load held',
    'emails',
    'lost',
    'duplicates (same Message-ID)',
    'checks',
    'date',
  ];
  const rows = text
    .slice(from + begin.length, to)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map(cellsOf)
    .filter((cells) => cells[0] !== header[0] && !/^-+$/.test(cells[0] ?? ''));
  const kills = Object.entries(figures.kills)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const load = Object.entries(figures.load)
    .map(([what, n]) => `${n} ${what}`)
    .join(', ');
  const reads = figures.staffReads;
  const duplicates = figures.duplicates.length
    ? `${figures.duplicates.length}: ${figures.duplicates.map((d) => `${d.key} (${d.apartS} s apart, after ${d.cause})`).join('; ')}`
    : '0';
  const passed = figures.checks.filter((c) => c.outcome === 'passed').length;
  const notPassed = figures.checks.filter((c) => c.outcome !== 'passed').map((c) => `${c.outcome}: ${c.name}`);
  const row = [
    String(figures.minutes),
    figures.temporal,
    String(figures.seed),
    kills || 'none',
    `${load}; staff reads ${reads.answered}/${reads.answered + reads.failed} answered`,
    String(figures.emails),
    String(figures.lost),
    duplicates,
    [`${passed}/${figures.checks.length} passed`, ...notPassed].join('; '),
    figures.at.slice(0, 10),
  ];
  const table = [...rows.filter((r) => r[0] !== row[0] || r[1] !== row[1]), row]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map((cells) => `| ${cells.join(' | ')} |`);
  const written = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...table].join('\n');
  const page = `${text.slice(0, from + begin.length)}\n${written}\n${text.slice(to)}`;
  writeFileSync(file, await format(page, { ...(await resolveConfig(file)), filepath: file }));
}

import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * (the CI's short soak and the 30-minute soak keep their own rows), replaced by the next such run.
 */
export function writeFiguresToDocs(figures: SoakFigures): void {
  const file = join(root, 'docs', 'reliability.md');
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`docs/reliability.md has no "${begin}" … "${end}" section`);
  const header = [
    '| minutes | Temporal | seed | kills | load held | emails | lost | duplicates (same Message-ID) | checks | date |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = text
    .slice(from + begin.length, to)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !header.includes(line) && !line.startsWith('| minutes'));
  const keyOf = (row: string) => row.split(' | ').slice(0, 2).join(' | ');
  const kills = Object.entries(figures.kills)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const load = Object.entries(figures.load)
    .map(([what, n]) => `${n} ${what}`)
    .join(', ');
  const reads = figures.staffReads;
  const held = `${load}; staff reads ${reads.answered}/${reads.answered + reads.failed} answered`;
  const duplicates = figures.duplicates.length
    ? `${figures.duplicates.length}: ${figures.duplicates.map((d) => `${d.key} (${d.apartS} s apart, after ${d.cause})`).join('; ')}`
    : '0';
  const checks = figures.checks.map((c) => `${c.name}: ${c.outcome}`).join('; ');
  const row = `| ${figures.minutes} | ${figures.temporal} | ${figures.seed} | ${kills || 'none'} | ${held} | ${figures.emails} | ${figures.lost} | ${duplicates} | ${checks} | ${figures.at.slice(0, 10)} |`;
  const kept = rows.filter((r) => keyOf(r) !== keyOf(row));
  const table = [
    ...header,
    ...[...kept, row].sort((a, b) => Number(a.split(' | ')[0]!.slice(2)) - Number(b.split(' | ')[0]!.slice(2))),
  ];
  writeFileSync(file, `${text.slice(0, from + begin.length)}\n${table.join('\n')}\n${text.slice(to)}`);
}

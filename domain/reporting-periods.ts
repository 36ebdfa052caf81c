import { parseDuration } from './durations';
import { brusselsInstant, brusselsParts } from './brussels-time';
import { locales } from './locales';
import type { Language } from './vocabulary';
import type { ReportingPeriod } from './request-topics';

/**
 * Reporting periods. With `PACT_REPORT_EVERY` of a month, a quarter or a year, periods are calendar
 * periods in Brussels time (`2027-03`, `2027-Q1`, `2027`), so every partner's figures for a period
 * cover the same months and add up. Other durations (short ones in tests) keep relative periods
 * counted from the start of monitoring (`p1`, `p2`, …).
 *
 * A partner that starts monitoring mid-period reports first for the period in which it started:
 * its first report is due when that period ends, like everyone else's (README, "Monitoring").
 */

export type CalendarCadence = 'month' | 'quarter' | 'year';

const monthsPerPeriod: Record<CalendarCadence, number> = { month: 1, quarter: 3, year: 12 };
const cadenceOfDuration = new Map<number, CalendarCadence>([
  [parseDuration('1mo')!, 'month'],
  [parseDuration('3mo')!, 'quarter'],
  [parseDuration('12mo')!, 'year'],
  [parseDuration('1y')!, 'year'],
]);

/** The calendar cadence a reporting interval stands for, or undefined for relative periods. */
export function calendarCadence(reportEveryMs: number): CalendarCadence | undefined {
  return cadenceOfDuration.get(reportEveryMs);
}

/** The calendar period (of `cadence`) in which `instantMs` falls, in Brussels time. */
export function calendarPeriodAt(instantMs: number, cadence: CalendarCadence, index = 0): ReportingPeriod {
  const { year, month } = brusselsYearMonth(instantMs);
  const size = monthsPerPeriod[cadence];
  return calendarPeriod(year, month - ((month - 1) % size), cadence, index);
}

/** The calendar period right after `period`, numbered one further. */
export function nextCalendarPeriod(period: ReportingPeriod, cadence: CalendarCadence): ReportingPeriod {
  return calendarPeriodAt(Date.parse(period.end), cadence, period.index + 1);
}

/** How many calendar periods a commitment term starting at `startMs` reaches into (at least one). */
export function calendarPeriodCount(startMs: number, commitmentTermMs: number, cadence: CalendarCadence): number {
  const termEnd = startMs + commitmentTermMs;
  let count = 1;
  for (let p = calendarPeriodAt(startMs, cadence); Date.parse(p.end) < termEnd; p = nextCalendarPeriod(p, cadence)) {
    count += 1;
  }
  return count;
}

/** A partner's first reporting period: the calendar period in which its monitoring started, or `p1`. */
export function firstReportingPeriod(startMs: number, reportEveryMs: number): ReportingPeriod {
  const cadence = calendarCadence(reportEveryMs);
  return cadence ? calendarPeriodAt(startMs, cadence) : reportingPeriod(startMs, reportEveryMs, 0);
}

/**
 * The period after `previous`. A journey that reported relative periods before calendar periods
 * existed goes on with the calendar period after the one in which its last period ended: where the
 * migration (db/migrations/008_calendar_periods.ts) put that period's values.
 */
export function reportingPeriodAfter(previous: ReportingPeriod, startMs: number, reportEveryMs: number) {
  const cadence = calendarCadence(reportEveryMs);
  if (!cadence) return reportingPeriod(startMs, reportEveryMs, previous.index + 1);
  const lastCovered = calendarPeriodAt(Date.parse(previous.end) - 1, cadence, previous.index);
  return nextCalendarPeriod(lastCovered, cadence);
}

/**
 * The calendar quarter the learning network's summary covers when it runs at `nowMs`: the latest
 * quarter whose report requests have all been answered or have expired. A report is asked for when
 * its period ends and expires `expireAfterMs` later (PACT_EXPIRE_AFTER), so a quarter counts once it
 * ended at least that long ago, and a late report is in its quarter's summary.
 */
export function summaryQuarter(nowMs: number, expireAfterMs: number): ReportingPeriod {
  const stillAnswerable = calendarPeriodAt(nowMs - expireAfterMs, 'quarter');
  return calendarPeriodAt(Date.parse(stillAnswerable.start) - 1, 'quarter');
}

/** Whether `period` still belongs to a commitment term: it starts before the term ends. */
export function withinTerm(period: ReportingPeriod, startMs: number, commitmentTermMs: number): boolean {
  return Date.parse(period.start) < startMs + commitmentTermMs;
}

/** How many relative reporting periods fit in a commitment term (at least one). */
export function periodCount(commitmentTermMs: number, reportEveryMs: number): number {
  return Math.max(1, Math.ceil(commitmentTermMs / reportEveryMs));
}

/** Relative period `index` (0-based) of a monitoring phase that started at `startMs`. */
export function reportingPeriod(startMs: number, reportEveryMs: number, index: number): ReportingPeriod {
  return {
    label: `p${index + 1}`,
    index,
    start: new Date(startMs + index * reportEveryMs).toISOString(),
    end: new Date(startMs + (index + 1) * reportEveryMs).toISOString(),
  };
}

function calendarPeriod(year: number, firstMonth: number, cadence: CalendarCadence, index: number): ReportingPeriod {
  const size = monthsPerPeriod[cadence];
  const endYear = firstMonth + size > 12 ? year + 1 : year;
  const endMonth = ((firstMonth + size - 1) % 12) + 1;
  const label =
    cadence === 'year'
      ? `${year}`
      : cadence === 'quarter'
        ? `${year}-Q${(firstMonth + 2) / 3}`
        : `${year}-${String(firstMonth).padStart(2, '0')}`;
  return {
    label,
    index,
    start: new Date(brusselsMidnight(year, firstMonth)).toISOString(),
    end: new Date(brusselsMidnight(endYear, endMonth)).toISOString(),
  };
}

// ── period labels ─────────────────────────────────────────────────────────────

export type PeriodLabel =
  | { kind: 'relative'; number: number }
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };

/** The forms a period label takes, for error messages. */
export const periodLabelForms = '2027-Q1 (a quarter), 2027-03 (a month), 2027 (a year) or p1 (a relative period)';

/** Reads a period label, or null when it is none of the forms in `periodLabelForms`. */
export function parsePeriodLabel(label: string): PeriodLabel | null {
  let match = /^p([1-9]\d{0,3})$/.exec(label);
  if (match) return { kind: 'relative', number: Number(match[1]) };
  match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return { kind: 'quarter', year, quarter: Number(match[2]) };
  if (match[3]) return { kind: 'month', year, month: Number(match[3]) };
  return { kind: 'year', year };
}

/** Whether one may report on, or ask the figures of, a period now: the one rule, for every channel. */
export type PeriodBegun = { kind: 'begun' } | { kind: 'not_begun'; message: string; begins: string };

/**
 * A period has begun once its start has passed. `period` is a label (`2027-Q1`) or a period with its
 * start; a relative label (`p3`) is each partner's own, so it is never refused here.
 */
export function periodBegun(period: string | Pick<ReportingPeriod, 'label' | 'start'>, nowMs: number): PeriodBegun {
  const label = typeof period === 'string' ? period : period.label;
  const startMs = typeof period === 'string' ? calendarPeriodStart(period) : Date.parse(period.start);
  if (startMs === undefined || startMs <= nowMs) return { kind: 'begun' };
  const day = new Intl.DateTimeFormat(locales.en, { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(startMs);
  return {
    kind: 'not_begun',
    message: `The period ${label} has not begun yet: it begins on ${day}.`,
    begins: new Date(startMs).toISOString(),
  };
}

/** The start of the calendar period a label names; undefined for relative labels and for what is no label. */
function calendarPeriodStart(label: string): number | undefined {
  const period = parsePeriodLabel(label);
  if (!period || period.kind === 'relative') return undefined;
  const firstMonth = period.kind === 'quarter' ? period.quarter * 3 - 2 : period.kind === 'month' ? period.month : 1;
  return brusselsMidnight(period.year, firstMonth);
}

const ordinals: Record<Language, string[]> = {
  nl: ['eerste', 'tweede', 'derde', 'vierde'],
  en: ['first', 'second', 'third', 'fourth'],
  fr: ['premier', 'deuxième', 'troisième', 'quatrième'],
};

/** A period as people say it: "het eerste kwartaal van 2027", "maart 2027", "2027", "periode p3". */
export function describePeriod(label: string, language: Language): string {
  const period = parsePeriodLabel(label);
  if (!period) return label;
  switch (period.kind) {
    case 'relative':
      return { nl: `periode ${label}`, en: `period ${label}`, fr: `la période ${label}` }[language];
    case 'year':
      return { nl: `${period.year}`, en: `${period.year}`, fr: `l'année ${period.year}` }[language];
    case 'quarter': {
      const nth = ordinals[language][period.quarter - 1];
      return {
        nl: `het ${nth} kwartaal van ${period.year}`,
        en: `the ${nth} quarter of ${period.year}`,
        fr: `le ${nth} trimestre ${period.year}`,
      }[language];
    }
    case 'month': {
      const month = new Intl.DateTimeFormat(locales[language], { month: 'long', timeZone: 'UTC' }).format(
        Date.UTC(period.year, period.month - 1, 15),
      );
      return `${month} ${period.year}`;
    }
  }
}

// ── Brussels time ─────────────────────────────────────────────────────────────

function brusselsYearMonth(instantMs: number) {
  const { year, month } = brusselsParts(instantMs);
  return { year, month };
}

/** The instant of midnight on the first of `month` in Brussels (never a daylight-saving switch). */
function brusselsMidnight(year: number, month: number): number {
  return brusselsInstant({ year, month, day: 1, hour: 0, minute: 0 });
}

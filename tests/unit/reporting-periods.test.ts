import { parseDuration } from '../../domain/durations';
import {
  calendarCadence,
  firstReportingPeriod,
  reportingPeriod,
  reportingPeriodAfter,
  summaryQuarter,
  periodBegun,
  withinTerm,
  calendarPeriodAt,
  calendarPeriodCount,
  describePeriod,
  nextCalendarPeriod,
  parsePeriodLabel,
} from '../../domain/reporting-periods';

const at = (iso: string) => Date.parse(iso);

describe('calendar reporting periods', () => {
  it('reads the cadence from PACT_REPORT_EVERY: a month, a quarter or a year; anything else stays relative', () => {
    expect(calendarCadence(parseDuration('3mo')!)).toBe('quarter');
    expect(calendarCadence(parseDuration('1mo')!)).toBe('month');
    expect(calendarCadence(parseDuration('1y')!)).toBe('year');
    expect(calendarCadence(parseDuration('12mo')!)).toBe('year');
    expect(calendarCadence(parseDuration('2s')!)).toBeUndefined();
    expect(calendarCadence(parseDuration('90d')!)).toBe('quarter'); // the same length as 3mo
    expect(calendarCadence(parseDuration('2mo')!)).toBeUndefined();
  });

  it('puts an instant in its quarter, which starts and ends at midnight in Brussels', () => {
    // Winter: Brussels is UTC+1, so 1 January starts at 23:00 UTC the day before.
    expect(calendarPeriodAt(at('2027-02-14T12:00:00Z'), 'quarter')).toEqual({
      label: '2027-Q1',
      index: 0,
      start: '2026-12-31T23:00:00.000Z',
      end: '2027-03-31T22:00:00.000Z', // summer time by 1 April: UTC+2
    });
    // 00:30 on 1 April in Brussels is still 31 March in UTC, and already Q2.
    expect(calendarPeriodAt(at('2027-03-31T22:30:00Z'), 'quarter').label).toBe('2027-Q2');
    expect(calendarPeriodAt(at('2027-03-31T21:59:59Z'), 'quarter').label).toBe('2027-Q1');
    expect(calendarPeriodAt(at('2027-12-31T22:59:59Z'), 'quarter')).toMatchObject({
      label: '2027-Q4',
      start: '2027-09-30T22:00:00.000Z',
      end: '2027-12-31T23:00:00.000Z',
    });
  });

  it('labels months and years', () => {
    expect(calendarPeriodAt(at('2027-03-10T00:00:00Z'), 'month')).toMatchObject({
      label: '2027-03',
      start: '2027-02-28T23:00:00.000Z',
      end: '2027-03-31T22:00:00.000Z',
    });
    expect(calendarPeriodAt(at('2027-12-31T23:30:00Z'), 'year').label).toBe('2028');
    expect(calendarPeriodAt(at('2027-07-01T00:00:00Z'), 'year')).toMatchObject({
      label: '2027',
      start: '2026-12-31T23:00:00.000Z',
      end: '2027-12-31T23:00:00.000Z',
    });
  });

  it('goes from one period to the next across a year, counting them', () => {
    const q4 = calendarPeriodAt(at('2026-11-20T10:00:00Z'), 'quarter', 3);
    const q1 = nextCalendarPeriod(q4, 'quarter');
    expect(q1).toMatchObject({ label: '2027-Q1', index: 4, start: q4.end });
    expect(nextCalendarPeriod(calendarPeriodAt(at('2027-12-05T10:00:00Z'), 'month'), 'month').label).toBe('2028-01');
  });

  it('makes two partners that start in different months report for the same quarter', () => {
    const january = calendarPeriodAt(at('2027-01-05T09:00:00Z'), 'quarter');
    const march = calendarPeriodAt(at('2027-03-28T09:00:00Z'), 'quarter');
    expect(march).toEqual(january);
  });

  it('counts the periods a commitment term reaches into, the period of the start included', () => {
    const twoYears = parseDuration('2y')!;
    // From 15 Feb 2027 for 730 days: 2027-Q1 … 2029-Q1, nine quarters.
    expect(calendarPeriodCount(at('2027-02-15T10:00:00Z'), twoYears, 'quarter')).toBe(9);
    // Two years are 730 days: from 1 January 2027 they end on 31 December 2028 (a leap year), eight quarters.
    expect(calendarPeriodCount(at('2027-01-01T10:00:00Z'), twoYears, 'quarter')).toBe(8);
    expect(calendarPeriodCount(at('2027-01-01T10:00:00Z'), parseDuration('1d')!, 'year')).toBe(1);
  });

  it('reads period labels and refuses anything else', () => {
    expect(parsePeriodLabel('2027-Q1')).toEqual({ kind: 'quarter', year: 2027, quarter: 1 });
    expect(parsePeriodLabel('2027-03')).toEqual({ kind: 'month', year: 2027, month: 3 });
    expect(parsePeriodLabel('2027')).toEqual({ kind: 'year', year: 2027 });
    expect(parsePeriodLabel('p3')).toEqual({ kind: 'relative', number: 3 });
    for (const bad of ['2027-Q5', '2027-13', 'Q1', 'p0', '27', '2027-3', '', 'p1; drop']) {
      expect(parsePeriodLabel(bad)).toBeNull();
    }
  });

  it('says a period as people do, in Dutch, English and French', () => {
    expect(describePeriod('2027-Q1', 'nl')).toBe('het eerste kwartaal van 2027');
    expect(describePeriod('2027-Q4', 'en')).toBe('the fourth quarter of 2027');
    expect(describePeriod('2027-Q2', 'fr')).toBe('le deuxième trimestre 2027');
    expect(describePeriod('2027-03', 'nl')).toBe('maart 2027');
    expect(describePeriod('2027-03', 'fr')).toBe('mars 2027');
    expect(describePeriod('p2', 'nl')).toBe('periode p2');
  });

  it("walks a partner's periods from the start of monitoring to the end of its term", () => {
    const start = at('2027-02-15T10:00:00Z');
    const [quarterly, term] = [parseDuration('3mo')!, parseDuration('2y')!];
    const labels: string[] = [];
    for (let p = firstReportingPeriod(start, quarterly); withinTerm(p, start, term);) {
      labels.push(p.label);
      p = reportingPeriodAfter(p, start, quarterly);
    }
    expect(labels).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
      '2028-Q1',
      '2028-Q2',
      '2028-Q3',
      '2028-Q4',
      '2029-Q1',
    ]);
    expect(labels).toHaveLength(calendarPeriodCount(start, term, 'quarter'));
  });

  it('keeps relative periods for other intervals, as many as before', () => {
    const start = at('2027-02-15T10:00:00Z');
    const [every, term] = [parseDuration('2s')!, parseDuration('9s')!];
    const labels: string[] = [];
    for (
      let p = firstReportingPeriod(start, every);
      withinTerm(p, start, term);
      p = reportingPeriodAfter(p, start, every)
    ) {
      labels.push(p.label);
    }
    expect(labels).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it('moves a journey that reported relative periods on to the calendar quarter after the one its last period ended in', () => {
    const start = at('2026-11-12T10:00:00Z');
    const p1 = reportingPeriod(start, parseDuration('3mo')!, 0); // ends 10 February 2027
    expect(reportingPeriodAfter(p1, start, parseDuration('3mo')!)).toMatchObject({ label: '2027-Q2', index: 1 });
  });
});

describe("the learning network's summary quarter", () => {
  const days = (n: number) => n * 86_400_000;

  it('is the last quarter whose report requests have all been answered or have expired', () => {
    // The schedule's run on 1 May, 08:00 Brussels: Q1 ended on 1 April, its requests expired 30 days later.
    expect(summaryQuarter(at('2027-05-01T06:00:00Z'), days(30)).label).toBe('2027-Q1');
    // A run on the day a quarter ends is too early for it: the quarter before.
    expect(summaryQuarter(at('2027-04-01T06:00:00Z'), days(30)).label).toBe('2026-Q4');
    expect(summaryQuarter(at('2027-02-01T07:00:00Z'), days(30)).label).toBe('2026-Q4');
    // A longer expiry waits a quarter more.
    expect(summaryQuarter(at('2027-05-01T06:00:00Z'), days(45)).label).toBe('2026-Q4');
  });

  it('names each quarter once when the schedule runs on the first of February, May, August and November', () => {
    const runs = ['2027-02-01T07:00:00Z', '2027-05-01T06:00:00Z', '2027-08-01T06:00:00Z', '2027-11-01T07:00:00Z'];
    expect(runs.map((run) => summaryQuarter(at(run), days(30)).label)).toEqual([
      '2026-Q4',
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
    ]);
  });
});

describe('a period that has not begun', () => {
  it('is refused until midnight in Brussels on its first day; relative labels are never refused', () => {
    expect(periodBegun('2027-Q2', at('2027-03-31T21:59:59Z'))).toEqual({
      kind: 'not_begun',
      message: 'The period 2027-Q2 has not begun yet: it begins on 1 April 2027.',
      begins: '2027-03-31T22:00:00.000Z',
    });
    expect(periodBegun('2027-Q2', at('2027-03-31T22:00:00Z'))).toEqual({ kind: 'begun' });
    expect(periodBegun('2027-03', at('2027-02-28T22:59:59Z')).kind).toBe('not_begun');
    expect(periodBegun('2028', at('2027-12-31T22:59:59Z')).kind).toBe('not_begun');
    expect(periodBegun('p9', at('2000-01-01T00:00:00Z'))).toEqual({ kind: 'begun' });
    const period = { label: 'p2', start: '2027-05-01T00:00:00.000Z' };
    expect(periodBegun(period, at('2027-04-30T23:00:00Z')).kind).toBe('not_begun');
  });
});

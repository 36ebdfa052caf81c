/** Brussels wall-clock time, the time the pact's people read and plan in (Europe/Brussels, CET/CEST). */

export interface BrusselsTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const brussels = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** What a clock in Brussels shows at `instantMs`. */
export function brusselsParts(instantMs: number): BrusselsTime {
  const parts = Object.fromEntries(brussels.formatToParts(instantMs).map((p) => [p.type, Number(p.value)]));
  return parts as unknown as BrusselsTime;
}

/** The instant at which a Brussels clock shows `time` (in the hour skipped in spring: an hour later). */
export function brusselsInstant(time: BrusselsTime): number {
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute);
  // The offset at a first guess, then at the corrected instant: right on both sides of a switch.
  const offsetAt = (instant: number) => {
    const local = brusselsParts(instant);
    return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - instant;
  };
  const guess = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(guess);
}

/** `2027-01-14T14:00` (no offset: Brussels time), as staff type it in a form or JSON; undefined if not such a time. */
export function parseBrusselsLocal(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const instant = brusselsInstant({ year, month, day, hour, minute });
  const back = brusselsParts(instant);
  // 2027-02-30 rolls over: refuse rather than plan a meeting on another day.
  if (back.day !== day || back.month !== month) return undefined;
  return new Date(instant);
}

/** The calendar day in Brussels (`2027-01-14`): a meeting moved to another day asks everyone again. */
export function brusselsDay(instantMs: number): string {
  const { year, month, day } = brusselsParts(instantMs);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2027-01-14T14:00`, the form of `parseBrusselsLocal`, for a form's default value. */
export function brusselsLocal(instantMs: number): string {
  const { hour, minute } = brusselsParts(instantMs);
  return `${brusselsDay(instantMs)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

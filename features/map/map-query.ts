import { brusselsInstant } from '../../domain/brussels-time';
import { actorTypes, levers, sectors, type ActorType, type Lever, type Sector } from '../../domain/vocabulary';

/** What the map is asked for: a date (or two, to compare), and filters that zoom in. */
export interface MapQuery {
  /** The instant the map shows: the end of the given day or minute (Brussels), else now. */
  at?: Date;
  from?: Date;
  to?: Date;
  sector?: Sector;
  actorType?: ActorType;
  lever?: Lever;
}

export interface QueryProblem {
  field: string;
  message: string;
}

export const mapDateForms = 'YYYY-MM-DD or YYYY-MM-DDTHH:MM (Brussels time)';
const knownParameters = ['at', 'from', 'to', 'sector', 'actorType', 'lever', 'lang'];

/**
 * `2027-03-31` is the pact at the end of that day, `2027-03-31T10:15` at the end of that minute
 * (Brussels time), so what happened during it is on the map. Undefined when it is no such date.
 */
export function parseMapDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const hasTime = match[4] !== undefined;
  const hour = hasTime ? Number(match[4]) : 0;
  const minute = hasTime ? Number(match[5]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const start = brusselsInstant({ year, month, day, hour, minute });
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // The end of the minute, or of the day: the next one's start, less a millisecond.
  const next = hasTime ? start + 60_000 : brusselsInstant({ year, month, day: day + 1, hour: 0, minute: 0 });
  return new Date(next - 1);
}

/**
 * Reads the map's query string: each unknown parameter, malformed date or unknown filter value is a
 * problem naming its field (a 400 on the JSON API, a notice on a page, which ignores it). A parameter
 * given twice counts once (its first value).
 */
export function readMapQuery(raw: Record<string, unknown>): { query: MapQuery; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  const query: MapQuery = {};
  const first = (name: string): string | undefined => {
    const value = raw[name];
    const one = Array.isArray(value) ? value[0] : value;
    return one === undefined || one === '' ? undefined : String(one);
  };
  for (const name of Object.keys(raw))
    if (!knownParameters.includes(name))
      problems.push({
        field: name,
        message: `is not a filter of the map: use ${knownParameters.slice(0, 6).join(', ')}`,
      });
  for (const field of ['at', 'from', 'to'] as const) {
    const text = first(field);
    if (text === undefined) continue;
    const date = parseMapDate(text);
    if (date) query[field] = date;
    else problems.push({ field, message: `is not a date: use ${mapDateForms}` });
  }
  if (
    (query.from === undefined) !== (query.to === undefined) &&
    !problems.some((p) => p.field === 'from' || p.field === 'to')
  ) {
    const missing = query.from ? 'to' : 'from';
    problems.push({ field: missing, message: 'is needed with the other: give both from and to to compare two dates' });
    delete query.from;
    delete query.to;
  }
  if (query.from && query.to && query.from > query.to) {
    problems.push({ field: 'from', message: 'is after to' });
    delete query.from;
    delete query.to;
  }
  const vocab = <K extends string>(field: 'sector' | 'actorType' | 'lever', keys: readonly K[]): K | undefined => {
    const text = first(field);
    if (text === undefined) return undefined;
    if ((keys as readonly string[]).includes(text)) return text as K;
    problems.push({ field, message: `is not one of ${keys.join(', ')}` });
    return undefined;
  };
  const sector = vocab('sector', sectors.keys);
  const actorType = vocab('actorType', actorTypes.keys);
  const lever = vocab('lever', levers.keys);
  if (sector) query.sector = sector;
  if (actorType) query.actorType = actorType;
  if (lever) query.lever = lever;
  return { query, problems };
}

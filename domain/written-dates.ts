import { locales } from './locales';
import type { Language } from './vocabulary';

/**
 * The ways the pact writes a moment for people, in Brussels time. Each is an `Intl.DateTimeFormat` made
 * once per language and kept: `Date#toLocaleString` with options makes a new one on every call, about
 * 0.2 ms each, which was much of a staff list's time (100 meetings × 3 dates, 50 join requests …);
 * using a kept one takes about 2 µs and writes the same text.
 */
const shapes = {
  /** 28 november 2026 */
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  /** 28 november 2026 om 14:05 */
  dateTime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  /** donderdag 14 januari 2027 */
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  /** donderdag 14 januari 2027 om 17:00 */
  weekdayDateTime: {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  },
  /** 14:05 */
  time: { hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateShape = keyof typeof shapes;

const kept = new Map<string, Intl.DateTimeFormat>();

/** `date` written in `shape` for a reader of `language`, in Brussels time. */
export function writtenDate(shape: DateShape, date: Date | string, language: Language): string {
  const key = `${shape}|${language}`;
  let format = kept.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], { ...shapes[shape], timeZone: 'Europe/Brussels' });
    kept.set(key, format);
  }
  return format.format(new Date(date));
}

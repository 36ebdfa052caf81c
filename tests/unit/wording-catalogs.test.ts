import { chooseLanguage } from '../../api/html/language-picker';
import { labelFor } from '../../api/html/label-for';
import { en } from '../../api/html/wording-en';
import { nl, type StaffWording } from '../../api/html/wording-nl';
import { pageWording, type PageWording } from '../../api/link-pages/request-page-wording';
import { languages, type Language } from '../../domain/vocabulary';
import { meetingEmailWording, type MeetingEmailWording } from '../../mail/templates/meeting-wording';

/**
 * The wording catalogs are typed against one shape: a key missing in a language is a type error, which
 * `npm run typecheck` and ts-jest report. Each `@ts-expect-error` below fails the check the day the
 * error it expects goes away.
 */
/** A copy of a catalog without one key, as a translator might leave it. */
function without<T extends object, K extends keyof T>(catalog: T, key: K): Omit<T, K> {
  const copy = { ...catalog };
  delete copy[key];
  return copy;
}

describe('wording catalogs', () => {
  it('refuses a staff catalog that misses a label of an enum-keyed map', () => {
    const stages = without(en.stages, 'lapsed');
    // @ts-expect-error: stages.lapsed is missing
    const incomplete: StaffWording = { ...en, stages };
    expect(Object.keys(incomplete.stages)).not.toContain('lapsed');
  });

  it('refuses a staff catalog that misses a nested key', () => {
    const answers = without(en.meetings.answers, 'maybe');
    // @ts-expect-error: meetings.answers.maybe is missing
    const incomplete: StaffWording = { ...en, meetings: { ...en.meetings, answers } };
    expect(incomplete.meetings.answers).toEqual({ yes: 'yes', no: 'no' });
  });

  it('refuses partner pages without one of the languages partners may read', () => {
    const withoutFrench = without(pageWording, 'fr');
    // @ts-expect-error: French is missing
    const incomplete: Record<Language, PageWording> = withoutFrench;
    expect(Object.keys(incomplete)).toEqual(['nl', 'en']);
  });

  it('refuses meeting emails that miss a sentence in one language', () => {
    const fr = { ...meetingEmailWording.fr, lead: without(meetingEmailWording.fr.lead, 'day_before') };
    // @ts-expect-error: the French lead of the email the day before is missing
    const incomplete: Record<Language, MeetingEmailWording> = { ...meetingEmailWording, fr };
    expect(Object.keys(incomplete.fr.lead)).not.toContain('day_before');
  });

  it('gives a stored key its label, and nothing for a key the catalog does not have', () => {
    expect(labelFor(nl.stages, 'lapsed')).toBe('vervallen');
    expect(labelFor(en.events, 'journey_started')).toBe('Journey started');
    expect(labelFor(nl.stages, 'retired')).toBeUndefined();
    expect(labelFor(nl.stages, 'toString')).toBeUndefined();
    expect(labelFor(nl.stages, undefined)).toBeUndefined();
  });

  it('picks the first language the surface offers, else its default', () => {
    expect(chooseLanguage(languages.keys, 'fr', 'en')).toBe('fr');
    expect(chooseLanguage(languages.keys, 'de', 'en')).toBe('en');
    expect(chooseLanguage(languages.keys, undefined, undefined)).toBe('nl');
    expect(chooseLanguage(['nl', 'en'] as const, 'fr', 'en')).toBe('en');
    expect(chooseLanguage(['nl', 'en'] as const, ['en'], 7)).toBe('nl');
  });
});

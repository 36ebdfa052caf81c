import type { Language } from './vocabulary';

/**
 * The one locale map: each language's BCP 47 locale for dates and numbers, as read in Belgium (English as in
 * Britain). Staff pages, partner pages, emails and period names all format with it.
 */
export const locales: Record<Language, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' };

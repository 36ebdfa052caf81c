import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../../auth/cookies';
import type { StaffUser } from '../../auth/users';
import { askedLanguage, chooseLanguage } from './language-picker';
import { en } from './wording-en';
import { nl, type StaffWording } from './wording-nl';

/** The staff pages' languages, the default first. */
const staffLanguages = ['nl', 'en'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];
const wordings: Record<StaffLanguage, StaffWording> = { nl, en };
const languageCookie = 'pact_staff_lang';

/** What every staff page needs to render: the reader's language, its wording, who is signed in, where we are. */
export interface PageContext {
  lang: StaffLanguage;
  w: StaffWording;
  user: StaffUser | undefined;
  /** The path being shown, with its query, for the language switch and sign-in's `next`. */
  path: string;
}

/** Dutch unless `?lang=en` was chosen; the choice is remembered in a cookie. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const asked = askedLanguage(request);
  const lang = chooseLanguage(staffLanguages, asked, readCookie(request.headers.cookie, languageCookie));
  if (lang === asked) {
    reply.header('set-cookie', `${languageCookie}=${lang}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`);
  }
  return { lang, w: wordings[lang], user: request.staffUser, path: request.url };
}

/** The URL with one query parameter replaced (or removed when `value` is empty); keeps the others. */
export function withQuery(path: string, changes: Record<string, string | number | undefined>): string {
  const url = new URL(path, 'http://x');
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') url.searchParams.delete(name);
    else url.searchParams.set(name, String(value));
  }
  return `${url.pathname}${url.search}`;
}

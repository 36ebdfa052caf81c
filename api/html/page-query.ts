import { type Static, type TObject, Type } from 'typebox';
import { compileValidator, type Checked } from '../../http/validation';
import { html, type Html } from './layout';
import type { PageContext } from './context';
import { notice } from './view';

/** `?page=`: a list page's page number, from 1. */
export const pageParam = Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' }));

/** What every staff page takes besides its own parameters: the language picker's choice (api/html/language-picker.ts). */
const everyPage = ['lang'];

const validators = new WeakMap<TObject, (value: unknown) => Checked<unknown>>();
function validatorOf<S extends TObject>(schema: S): (value: unknown) => Checked<Static<S>> {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = compileValidator(schema)));
  return validate as (value: unknown) => Checked<Static<S>>;
}

/**
 * A list page's query read against its schema (built on the JSON list route's, where there is one). A page
 * never refuses what a URL carries: an unknown parameter, or a value the schema refuses, is left out and
 * named in `ignored` for the page's notice, where the JSON API answers 400 naming it. An empty value
 * (a form's "all" choice) is no filter.
 */
export function readPageQuery<S extends TObject>(schema: S, query: unknown): { query: Static<S>; ignored: string[] } {
  const given = Object.entries((query ?? {}) as Record<string, unknown>).filter(
    ([name, value]) => !everyPage.includes(name) && value !== '' && value !== undefined,
  );
  const kept = Object.fromEntries(given);
  const ignored: string[] = [];
  const validate = validatorOf(schema);
  for (let round = 0; round <= given.length; round++) {
    const checked = validate(kept);
    if (checked.ok) return { query: checked.value, ignored };
    const refused = [...new Set(checked.problems.map((p) => p.field.split('.')[0]!))].filter((name) => name in kept);
    if (refused.length === 0) break;
    for (const name of refused) delete kept[name];
    ignored.push(...refused);
  }
  // Only what no single parameter explains (a required one missing) is left: read the page without any.
  return { query: {} as Static<S>, ignored: given.map(([name]) => name) };
}

/** The notice of a list page that ignored some of its query's parameters, or nothing. */
export const ignoredNotice = (ctx: PageContext, ignored: string[]): Html =>
  ignored.length ? notice(ctx.w.common.ignoredFilters(ignored.join(', ')), 'notice') : html``;

import { createApiToken } from '../../auth/users';
import { lexiconLink } from '../../domain/lexicon';
import { addUser } from '../auth/support';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The pact's lexicon (issue 25, point 4): staff keep terms in nl/en/fr; each change is a new version
 * with who and when, earlier versions stay readable; the public page /pact/lexicon shows the current
 * version of each term, with an anchor per term; bad input is a 400 naming the field, and stores nothing.
 */
let system: TestSystem;
let asStaff: (path: string, init?: RequestInit) => Promise<Response>;
let staffEmail: string;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  const editor = await addUser(system.db, 'staff');
  staffEmail = editor.email;
  const { token } = await createApiToken(system.db, editor.id, 'lexicon test');
  asStaff = (path, init = {}) =>
    fetch(`${system.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
    });
});
afterAll(() => system?.stop());

const post = (body: unknown) => asStaff('/api/lexicon', { method: 'POST', body: JSON.stringify(body) });
const patch = (id: string, body: unknown) =>
  asStaff(`/api/lexicon/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
const publicPage = async (query = '') => {
  const response = await fetch(`${system.url}/pact/lexicon${query}`); // no credentials: public
  expect(response.status).toBe(200);
  return response.text();
};

const integration = {
  slug: 'integratie',
  label: { nl: 'Integratie', en: 'Integration', fr: 'Intégration' },
  definition: {
    nl: 'Een proces in twee richtingen waarin nieuwkomers en de samenleving elkaar tegemoetkomen.',
    en: 'A two-way process in which newcomers and society meet each other.',
    fr: 'Un processus à double sens où les nouveaux arrivants et la société se rencontrent.',
  },
  note: 'Niet gebruiken als synoniem van aanpassing.',
};

describe('terms and their versions', () => {
  let id: string;

  it('adds a term as version 1, recorded by the staff member', async () => {
    const response = await post(integration);
    expect(response.status).toBe(201);
    const created = await readJson(response);
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), slug: 'integratie', version: 1 });
    id = created.id;
    expect(response.headers.get('location')).toBe(`/api/lexicon/${id}`);
  });

  it('records a change as version 2 and keeps version 1 readable', async () => {
    const definition = { ...integration.definition, nl: 'Samen een samenleving vormen, in twee richtingen.' };
    const response = await patch(id, { definition });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ id, slug: 'integratie', version: 2, changed: true });

    const history = await readJson(await asStaff(`/api/lexicon/${id}`));
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[0]).toMatchObject({
      definition: definition,
      label: integration.label,
      recordedBy: staffEmail,
    });
    expect(history.versions[1]).toMatchObject({ definition: integration.definition, note: integration.note });
    expect(history.versions[1].recordedAt).toEqual(expect.any(String));

    // The same values again change nothing: no third version.
    expect(await readJson(await patch(id, { definition }))).toMatchObject({ version: 2, changed: false });
    const listed = await readJson(await asStaff('/api/lexicon'));
    expect(listed.terms).toEqual([
      expect.objectContaining({ id, slug: 'integratie', current: expect.objectContaining({ version: 2 }) }),
    ]);
  });

  it('the public page shows the current version of each term only, with its anchor, in the language asked for', async () => {
    const page = await publicPage();
    expect(page).toContain('<html lang="nl"');
    expect(page).toContain('id="integratie"');
    expect(page).toContain('Samen een samenleving vormen, in twee richtingen.');
    expect(page).not.toContain(integration.definition.nl); // version 1's wording
    expect(page).not.toContain(staffEmail); // who recorded it stays with staff
    const french = await publicPage('?lang=fr');
    expect(french).toContain('<html lang="fr"');
    expect(french).toContain('Intégration');
    expect(french).toContain(integration.definition.fr);
    expect(lexiconLink('integratie', 'fr')).toBe('/pact/lexicon?lang=fr#integratie');
    expect(lexiconLink('integratie')).toBe('/pact/lexicon#integratie');
  });

  it('the staff pages add a term through the form and show its versions', async () => {
    const form = new URLSearchParams({
      slug: 'assimilatie',
      label_nl: 'Assimilatie',
      label_en: 'Assimilation',
      label_fr: 'Assimilation',
      definition_nl: 'Aanpassing in één richting.',
      definition_en: 'Adapting in one direction only.',
      definition_fr: 'Adaptation à sens unique.',
      note: '',
      related: id,
    });
    const created = await asStaff('/staff/lexicon/new?lang=en', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(created.status).toBe(303);
    const termPage = await asStaff(`${created.headers.get('location')!}&lang=en`);
    const text = await termPage.text();
    expect(text).toContain('The term was added.');
    expect(text).toContain('Adapting in one direction only.');
    expect(text).toContain(`/staff/lexicon/${id}`); // the related term
    const shown = await publicPage();
    expect(shown).toContain('<a href="#integratie">Integratie</a>');
  });
});

describe('bad input', () => {
  const countTerms = async () => (await readJson(await asStaff('/api/lexicon'))).terms.length;

  it.each([
    ['a language left out', { ...integration, slug: 'racisme', label: { nl: 'Racisme', en: 'Racism' } }, 'label.fr'],
    ['a slug that is no anchor', { ...integration, slug: 'Onbewust Racisme' }, 'slug'],
    ['an unknown field', { ...integration, slug: 'racisme', synonym: 'x' }, 'synonym'],
    [
      'a label over two lines',
      { ...integration, slug: 'racisme', label: { ...integration.label, en: 'Rac\nism' } },
      'label.en',
    ],
    [
      'a related term that does not exist',
      { ...integration, slug: 'racisme', related: ['6f1c1a52-8f57-4c43-9d0b-2a4b1b9a2f10'] },
      'related',
    ],
  ])('POST /api/lexicon with %s answers 400 naming the field and stores nothing', async (_what, body, field) => {
    const before = await countTerms();
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = await readJson(response);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await countTerms()).toBe(before);
  });

  it('a slug already taken is a 409, and a change to no term a 404', async () => {
    const taken = await post(integration);
    expect(taken.status).toBe(409);
    expect((await readJson(taken)).error.code).toBe('term_exists');
    expect((await patch('6f1c1a52-8f57-4c43-9d0b-2a4b1b9a2f10', { note: 'x' })).status).toBe(404);
  });

  it('a change with nothing in it, or with the slug, answers 400 and adds no version', async () => {
    const { terms } = await readJson(await asStaff('/api/lexicon'));
    const term = terms.find((t: { slug: string }) => t.slug === 'integratie');
    for (const body of [{}, { slug: 'integration' }, { related: [term.id] }]) {
      const response = await patch(term.id, body);
      expect(response.status).toBe(400);
    }
    const history = await readJson(await asStaff(`/api/lexicon/${term.id}`));
    expect(history.versions).toHaveLength(term.current.version);
  });

  it('the staff form shows a refusal next to its field', async () => {
    const response = await asStaff('/staff/lexicon/new?lang=en', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ slug: 'x y', label_nl: 'Racisme' }).toString(),
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('slug:');
    expect(page).toContain('label.en:');
  });
});

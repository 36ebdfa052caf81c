import { parseFeed } from '@rowanmanning/feed-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { hidden, notFormal, partner, period, seedPublicSide, withdraw, withdrawer } from './seed';

/**
 * The pact's public side on real parts: partners, journeys, intents, consent and reports are stored
 * directly (the consent flows that write them are another feature); everything is read through HTTP.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
});
afterAll(() => system?.stop());

/** Every public output, as text. */
async function everyOutput(): Promise<Record<string, string>> {
  const paths = [
    '/pact',
    '/pact?lang=en',
    '/pact?lang=fr',
    `/pact/projects/${projectId}`,
    '/pact/feed.atom',
    '/pact/data.json',
    '/pact/data.csv',
  ];
  const outputs: Record<string, string> = {};
  for (const path of paths) {
    const response = await fetch(`${system.url}${path}`);
    expect([path, response.status]).toEqual([path, 200]);
    outputs[path] = await response.text();
  }
  return outputs;
}

const notIn = (outputs: Record<string, string>, ...needles: string[]) => {
  for (const [path, text] of Object.entries(outputs))
    for (const needle of needles) expect([path, needle, text.includes(needle)]).toEqual([path, needle, false]);
};

const published = async () => {
  const data = await readJson(await fetch(`${system.url}/pact/data.json?period=${period.label}`));
  return Object.fromEntries(
    data.figures
      .filter((f: any) => f.indicator === 'placements_offered')
      .map((f: any) => [`${f.dimension}:${f.group ?? ''}`, f.value]),
  );
};

let projectId: string;
beforeAll(async () => {
  ({ projectId } = await seedPublicSide(system.db));
});

test('a partner without consent, or not yet formalised, appears on no public page, feed or data file', async () => {
  const outputs = await everyOutput();
  notIn(outputs, hidden.name, hidden.id, notFormal.name, notFormal.id, 'geheim plan', 'contactpersoon', 'coordinator@');
  // Its figures are not in the totals either: 1000 would show in every total it was part of.
  expect((await published())['all:']).toBe(38);

  const unknown = await fetch(`${system.url}/pact/partners/openbaar-bestaat-niet`);
  for (const id of [hidden.id, notFormal.id]) {
    const response = await fetch(`${system.url}/pact/partners/${id}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(await unknown.clone().text());
  }
  expect(unknown.status).toBe(404);

  // Listed partners do appear, with their page.
  expect(outputs['/pact']).toContain('Openbare Werkplaats 1');
  const page = await fetch(`${system.url}/pact/partners/openbaar-werk-1?lang=en`);
  expect(page.status).toBe(200);
  const text = await page.text();
  expect(text).toContain('Building trust');
  expect(text).toContain('lang="en"');
  // The project page names its listed partners only, and says nothing of how many others.
  const project = outputs[`/pact/projects/${projectId}`]!;
  expect(project).toContain('Openbare School 1');
  expect(project).toContain(withdrawer.name);
  // Prioritised initiatives, in order; the others not.
  const pact = outputs['/pact']!;
  expect(pact.indexOf('Anoniem solliciteren')).toBeLessThan(pact.indexOf('Taalcoaching op de werkvloer'));
  expect(pact).not.toContain('Niet geprioriteerd idee');
});

test('a number of partners on the project page and the map counts listed partners only, from the floor of 3 on', async () => {
  const projectTitle = 'Buurtstages voor nieuwkomers';
  // Memberships with their start, so the map draws them too.
  await system.db
    .updateTable('project_partners')
    .set({ joined_at: '2025-02-01T10:00:00Z' })
    .where('project_id', '=', projectId)
    .execute();
  const pages = async () => {
    await system.db.deleteFrom('shared_cache').execute(); // a new membership shows within 30 s; now, here
    const project = await (await fetch(`${system.url}/pact/projects/${projectId}?lang=en`)).text();
    const map = await (await fetch(`${system.url}/pact/map?lang=en`)).text();
    return { project, map };
  };
  // Two listed partners and one that is not: no number anywhere (a "3" would point at the unlisted one).
  const two = await pages();
  expect(two.map).toContain(projectTitle);
  expect(two.map).not.toContain(`${projectTitle} (`);
  expect(two.project).not.toMatch(/\(\d+ partners\)/);

  await system.db
    .insertInto('project_partners')
    .values({
      project_id: projectId,
      partner_id: 'openbaar-school-2',
      status: 'confirmed',
      joined_at: '2025-02-01T10:00:00Z',
    })
    .execute();
  const three = await pages();
  expect(three.project).toMatch(/Partners \(3 partners\)/);
  expect(three.map).toContain(`${projectTitle} (3 partners)`);
});

test('suppression hides a group of 2, shows a group of 3, and hides what would give a hidden cell away', async () => {
  const figures = await published();
  // care: 2 partners. education: 3, hidden with work since the total and trust would reveal care.
  expect(figures).toEqual({
    'all:': 38,
    'lever:trust': 35,
    'lever:agency': 3,
    'sector:work': null,
    'sector:care': null,
    'sector:education': null,
  });
  const page = await (await fetch(`${system.url}/pact`)).text();
  expect(page).toContain('38');
  expect(page).toContain('35');
});

test('the feed parses back as Atom with an independent parser', async () => {
  const response = await fetch(`${system.url}/pact/feed.atom?lang=fr`);
  expect(response.headers.get('content-type')).toContain('application/atom+xml');
  const feed = parseFeed(await response.text());
  expect(feed.meta.type).toBe('atom');
  const titles = feed.items.map((item) => item.title);
  expect(titles).toEqual(
    expect.arrayContaining([
      'Openbare Werkplaats 1 est partenaire du pacte',
      'Projet démarré : Buurtstages voor nieuwkomers',
      'Rencontre tenue : Lerend netwerk voorjaar',
      'Projet clôturé : Taalcafé in de bibliotheek',
      'Priorités fixées : Prioriteiten najaar',
    ]),
  );
  expect(titles.some((t) => t?.includes('Schaduw'))).toBe(false);
  expect(feed.items.every((item) => item.url?.startsWith(system.url))).toBe(true);
});

test('data.csv holds the same records as data.json, both under CC BY 4.0', async () => {
  const jsonResponse = await fetch(`${system.url}/pact/data.json`);
  const csvResponse = await fetch(`${system.url}/pact/data.csv`);
  for (const response of [jsonResponse, csvResponse])
    expect(response.headers.get('link')).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
  const json = await readJson(jsonResponse);
  const csvText = await csvResponse.text();
  expect(json.licence.name).toBe('CC BY 4.0');
  expect(csvText.split('\n')[0]).toContain('CC BY 4.0');
  const rows: Record<string, string>[] = parseCsv(csvText, { columns: true, comment: '#' });
  const partners = rows
    .filter((r) => r.record === 'partner')
    .map((r) => ({
      id: r.id,
      name: r.name,
      actorType: r.actor_type,
      sector: r.sector,
      levers: r.levers ? r.levers.split(';') : [],
      formalisedAt: r.formalised_at || null,
      url: r.url,
    }));
  const figures = rows
    .filter((r) => r.record === 'figure')
    .map((r) => ({
      period: r.period,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      dimension: r.dimension,
      group: r.group || null,
      indicator: r.indicator,
      value: r.value === '' ? null : Number(r.value),
      suppressed: r.suppressed === 'true',
    }));
  expect(partners).toEqual(json.partners);
  expect(figures).toEqual(json.figures);
  expect(json.partners).toHaveLength(9);
  expect(json.figures.length).toBeGreaterThan(0);
});

test('unknown filters: a 400 naming them on the data files, a notice on the pages', async () => {
  for (const path of ['/pact/data.json?sector=work', '/pact/data.csv?sector=work']) {
    const response = await fetch(`${system.url}${path}`);
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.message).toContain('sector');
  }
  const badPeriod = await fetch(`${system.url}/pact/data.json?period=gisteren`);
  expect(badPeriod.status).toBe(400);
  expect((await readJson(badPeriod)).error.message).toContain('period');

  const page = await fetch(`${system.url}/pact?sector=work&lang=en`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Ignored, since unknown: sector.');
});

test('a closed period changes only when a partner withdraws; withdrawing takes the partner off every output at once', async () => {
  // A partner listed later with a report for the period, and a corrected value, after the period was
  // first published: neither changes what is published.
  await partner(system.db, 'openbaar-school-laat', 'Openbare School Laat', {
    sector: 'education',
    levers: ['agency'],
    consent: true,
    value: 100,
  });
  await system.db
    .updateTable('indicator_values')
    .set({ value: 500 })
    .where('partner_id', '=', 'openbaar-werk-1')
    .execute();
  await system.db.deleteFrom('shared_cache').execute();
  expect((await published())['all:']).toBe(38);

  const before = await everyOutput();
  expect(before['/pact']).toContain(withdrawer.name);
  await withdraw(system.db, withdrawer.id);

  const after = await everyOutput();
  notIn(after, withdrawer.name, withdrawer.id);
  expect((await fetch(`${system.url}/pact/partners/${withdrawer.id}`)).status).toBe(404);
  // Every cell it was part of is hidden now; the cells without it keep their first value.
  expect(await published()).toEqual({
    'all:': null,
    'lever:trust': null,
    'lever:agency': 3,
    'sector:work': null,
    'sector:care': null,
    'sector:education': null,
  });
});

test('erasing a consenting formalised partner takes it off every public output and hides the figures it counted in', async () => {
  const erased = { id: 'openbaar-school-1', name: 'Openbare School 1' };
  const paths = ['/pact', '/pact?lang=en', '/pact/map', '/pact/feed.atom', '/pact/data.json', '/pact/data.csv'];
  const read = async () =>
    Object.fromEntries(
      await Promise.all(paths.map(async (path) => [path, await (await fetch(`${system.url}${path}`)).text()])),
    ) as Record<string, string>;
  const before = await read();
  for (const path of paths) expect([path, before[path]!.includes(erased.name)]).toEqual([path, true]);
  expect((await published())['lever:agency']).toBe(3);

  const response = await system.staffFetch(`/api/partners/${erased.id}/erase`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'Verzoek van de school.' }),
  });
  expect(response.status).toBe(200);

  notIn(await read(), erased.name, erased.id);
  expect((await fetch(`${system.url}/pact/partners/${erased.id}`)).status).toBe(404);
  // Its project names the listed partners left, and no number below the floor.
  const project = await (await fetch(`${system.url}/pact/projects/${projectId}?lang=en`)).text();
  expect(project).toContain('Openbare School 2');
  expect(project).not.toContain(erased.name);
  expect(project).not.toMatch(/\(\d+ partners\)/);
  // The figures re-checked: the one cell it counted in that was still shown is hidden now.
  expect((await published())['lever:agency']).toBeNull();
  // The change is recorded like any other, by the erasure and no person.
  const [change] = await system.db
    .selectFrom('public_listing_changes')
    .select(['listed', 'via', 'recorded_by'])
    .where('partner_id', '=', erased.id)
    .orderBy('id', 'desc')
    .execute();
  expect(change).toMatchObject({ listed: false, via: 'erasure', recorded_by: expect.stringMatching(/^erasure:\d+$/) });
});

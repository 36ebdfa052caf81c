import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * An unknown or malformed filter (docs/architecture.md, HTTP shapes): a staff list page ignores it and
 * says so in a visible notice, where the JSON list route answers 400 naming it.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
});
afterAll(() => system?.stop());

/** The page's notice of ignored filters, or undefined when it has none. */
async function ignoredNotice(path: string): Promise<string | undefined> {
  const response = await system.staffFetch(path);
  expect(response.status).toBe(200);
  const page = await response.text();
  return /<p class="notice" role="status">([^<]*)<\/p>/.exec(page)?.[1];
}

describe('staff list pages', () => {
  it('the partners page ignores an unknown filter and a malformed one, and names both', async () => {
    const notice = await ignoredNotice('/staff/partners?stage=nope&colour=blue&sector=work&lang=en');
    expect(notice).toMatch(/^Not used, as unknown or not valid: /);
    expect(notice).toContain('stage');
    expect(notice).toContain('colour');
    expect(notice).not.toContain('sector');
  });

  it('the partners page shows no notice for known filters, empty choices and the language', async () => {
    expect(await ignoredNotice('/staff/partners?stage=intent&status=&q=&responsible=me&lang=nl')).toBeUndefined();
  });

  it('the meetings and projects pages name what they ignored', async () => {
    expect(await ignoredNotice('/staff/meetings?when=tomorrow')).toBe(
      'Niet gebruikt, want onbekend of ongeldig: when.',
    );
    expect(await ignoredNotice('/staff/projects?lever=courage&lang=en')).toBe(
      'Not used, as unknown or not valid: lever.',
    );
  });

  it('the monitoring page ignores a grouping it does not know and a period that is no period', async () => {
    const notice = await ignoredNotice('/staff/monitoring?groupBy=colour&period=last&lang=en');
    expect(notice).toContain('groupBy');
    expect(notice).toContain('period');
  });
});

describe('JSON list routes', () => {
  it.each([
    ['/api/partners?stage=nope', 'stage'],
    ['/api/partners?colour=blue', 'colour'],
    ['/api/meetings?when=tomorrow', 'when'],
    ['/api/projects?lever=trust', 'lever'],
    ['/api/monitoring/summary?groupBy=colour', 'groupBy'],
  ])('GET %s answers 400 naming %s', async (path, field) => {
    const response = await system.staffFetch(path);
    expect(response.status).toBe(400);
    const { error } = await readJson(response);
    expect(error.code).toBe('invalid_request');
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  it('GET /api/partners with a known stage answers the list', async () => {
    const response = await system.staffFetch('/api/partners?stage=intent');
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ partners: [] });
  });
});

describe('staff forms posted as JSON', () => {
  it('a value that is not text (a number, an object) reads as absent: the form comes back with a 400, never a 500', async () => {
    // Found by the fault suite's random input (seed 416353488): `textOf` called trim() on a number.
    for (const path of ['/staff/meetings', '/staff/partners/new', '/staff/initiatives/new']) {
      const response = await system.staffFetch(path, {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ title: 7, name: { first: 'x' }, sector: 1.5, levers: [1, 'trust'] }),
      });
      expect([path, response.status]).toEqual([path, 400]);
    }
  });
});

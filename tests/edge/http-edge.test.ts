import { openForm } from '../../dev/form-page';
import { readJson } from '../support/http';
import { brusselsAt } from '../support/meeting-mail';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * What every answer of the real API carries and refuses at its edge: no token in a log line,
 * security headers, JSON recognised by its exact media type, unknown fields, unstorable text.
 */
let system: TestSystem;
let actors: Actors;
const logLines: string[] = [];
beforeAll(async () => {
  system = await startTestSystem(
    { PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' },
    { logDestination: { write: (line) => void logLines.push(line) } },
  );
  actors = new Actors(system);
});
afterAll(() => system?.stop());

const tokenOf = (link: string) => link.split('/r/')[1]!;

describe('logs', () => {
  it('hold no partner-link token while a partner opens, fumbles and answers a request', async () => {
    const partnerId = await actors.onboard('Logboek Zonder Sleutels');
    const link = actors.linkIn(await actors.nextEmail(actors.addresses(partnerId).coordinator));
    const form = await openForm(link);
    expect(form.status).toBe(200);
    // A refused form post, a JSON GET, then the answer: each a logged request with the token in its URL.
    expect((await form.submit([['summary', '']])).status).toBe(400);
    expect((await fetch(link, { headers: { accept: 'application/json' } })).status).toBe(200);
    await actors.expectOk(actors.post(link, intentAnswer));
    expect((await actors.post(link, intentAnswer)).status).toBe(200); // the same answer again
    expect((await fetch(`${link}?lang=%00`)).status).toBe(400);

    const logged = logLines.join('');
    expect(logged).toContain('/r/[redacted]');
    expect(logged).not.toContain(tokenOf(link));
    expect(logged).not.toMatch(/\/r\/[A-Za-z0-9_-]{20,}/);
    expect(logged).not.toMatch(/reply\+(?!\[redacted\])/);
  });

  it('hold no meeting-link token while an invitee opens and answers a meeting invitation', async () => {
    const partnerId = await actors.onboard('Logboek Vergadering');
    const planned = await system.staffFetch('/api/meetings', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Gelogde vergadering',
        startsAt: brusselsAt(9, 10),
        endsAt: brusselsAt(9, 12),
        place: 'Gent',
        agenda: 'Logboeken',
        invitees: { partnerIds: [partnerId] },
      }),
    });
    expect(planned.status).toBe(201);
    const invitation = await actors.nextEmail(actors.addresses(partnerId).coordinator, /Gelogde vergadering/);
    const link = new RegExp(`${system.url}/m/[A-Za-z0-9_-]{43}`).exec(invitation.text)![0];
    const form = await openForm(link);
    expect(form.status).toBe(200);
    expect((await form.submit([['answer', 'yes']])).status).toBe(200);

    const logged = logLines.join('');
    expect(logged).toContain('/m/[redacted]');
    expect(logged).not.toContain(link.split('/m/')[1]!);
    expect(logged).not.toMatch(/\/m\/[A-Za-z0-9_-]{20,}/);
  });
});

describe('security headers', () => {
  it.each(['/staff/login', '/healthz', '/api/partners', '/r/not-a-token', '/no-such-page'])(
    '%s has a Content-Security-Policy and nosniff, and no HSTS on plain http',
    async (path) => {
      const response = await fetch(`${system.url}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    },
  );
});

describe('the site icon', () => {
  it('is linked from every page and served, cached, where browsers ask for it', async () => {
    const page = await (await fetch(`${system.url}/staff/login`)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const response = await fetch(`${system.url}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });
});

describe('partner pages', () => {
  it('treat a form whose content type merely mentions application/json as a form: no CSRF token, 403', async () => {
    const partnerId = await actors.onboard('Vormvast');
    const link = actors.linkIn(await actors.nextEmail(actors.addresses(partnerId).coordinator));
    for (const contentType of [
      'application/x-www-form-urlencoded; x=application/json',
      'application/x-www-form-urlencoded;application/json',
    ]) {
      const response = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/json' },
        body: new URLSearchParams({ summary: 'forged', levers: 'agency', goals: 'counter_racism' }).toString(),
      });
      expect(response.status).toBe(403);
      expect((await readJson(response)).error.code).toBe('invalid_form');
    }
    const request = await system.db
      .selectFrom('requests')
      .select('status')
      .where('partner_id', '=', partnerId)
      .execute();
    expect(request.map((r) => r.status)).toEqual(['pending']);
  });

  it('refuse a JSON answer with an unknown field, naming it, and change nothing', async () => {
    const partnerId = await actors.onboard('Veldwachter');
    const link = actors.linkIn(await actors.nextEmail(actors.addresses(partnerId).coordinator));
    const { status, body } = await actors.post(link, { ...intentAnswer, sumary: 'typo' });
    expect(status).toBe(400);
    expect(body.error.details).toContainEqual({
      field: 'sumary',
      message: expect.stringContaining('not a known field'),
    });
    expect((await actors.journey(partnerId)).stage).toBe('intent');
    // The same answer without the stray field is accepted: the link still works.
    await actors.expectOk(actors.post(link, intentAnswer));
  });
});

describe('text Postgres cannot store', () => {
  it.each([
    ['GET', '/api/partners/%00', undefined],
    ['GET', '/api/partners?sector=%00', undefined],
    ['GET', '/staff/partners/%00', undefined],
    ['GET', '/staff/partners?q=%00', undefined],
    ['POST', '/api/requests/%00/resend', undefined],
    ['POST', '/api/partners/x%00y/withdraw', JSON.stringify({ reason: 'test' })],
    [
      'POST',
      '/api/partners',
      JSON.stringify({ name: 'Nul\u0000Byte', actorType: 'state', sector: 'work', contacts: [] }),
    ],
    ['POST', '/api/projects', '{"title":"\\ud800","description":"x","levers":["trust"],"partnerIds":[]}'],
  ])('%s %s answers 400 naming the field', async (method, path, body) => {
    const response = await system.staffFetch(path, { method, ...(body === undefined ? {} : { body }) });
    expect(response.status).toBe(400);
    if (path.startsWith('/staff/')) {
      expect(await response.text()).toContain('contains a character that cannot be stored'); // a page for people
      return;
    }
    const answer = await readJson(response);
    expect(answer.error.code).toBe('invalid_text');
    expect(answer.error.message).toMatch(/^(path|query|body)\.\w+: contains a character that cannot be stored/);
  });
});

describe('parameters given twice', () => {
  it('the partners page searches for the first and answers 200, not 500', async () => {
    const response = await system.staffFetch('/staff/partners?q=Voka&q=%7B%7D&page=1&page=2&stage=intent&stage=x');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('value="Voka"');
  });

  it('the monitoring page takes the first period asked for, as a browser would send it', async () => {
    const twice = await system.staffFetch('/staff/monitoring?period=[]&x=%25&period=2030-Q1&groupBy=x&groupBy=sector');
    expect(twice.status).toBe(200); // "[]" names no period: the latest one is shown
    const notBegun = await system.staffFetch('/staff/monitoring?period=2099-Q1&period=[]');
    expect(notBegun.status).toBe(400); // the first value counts: a period that has not begun
    expect(await notBegun.text()).toContain('2099-Q1');
  });
});

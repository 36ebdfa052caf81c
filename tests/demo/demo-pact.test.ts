import { handleInboundEmail } from '../../inbound/handle-reply';
import { startInboundSmtp, type InboundSmtp } from '../../inbound/smtp-listener';
import { createMailer, type Mailer } from '../../mail/mailer';
import { castOf } from '../../demo/cast';
import { loadDemoPact } from '../../demo/load-pact';
import { peopleOf } from '../../demo/people';
import { demoPolicy } from '../../demo/policy';
import { reportedPeriods } from '../../demo/reports';
import { freePort } from '../support/free-port';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * The demo pact (`npm run demo`, point 6 of issue #26) loaded on a fresh database through the API, the
 * links in the emails and replies to the inbound SMTP listener: the pages it fills answer 200 and show
 * it, and loading it again creates nothing twice. Reporting periods of seconds, not the demo's
 * minutes, so three periods pass within the test.
 */
const tag = 'Demotest'; // the founders' names are taken by other test files on the shared Temporal server
const cast = castOf(tag);
const named = (name: string) => cast.find((o) => o.name === `${name} ${tag}`)!;
let system: TestSystem;
let mailer: Mailer;
let inbound: InboundSmtp;
const inboundErrors: unknown[] = [];

beforeAll(async () => {
  system = await startTestSystem({ ...demoPolicy, PACT_REPORT_EVERY: '10s' });
  mailer = createMailer(system.config);
  const deps = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  inbound = await startInboundSmtp({
    port: await freePort(),
    host: '127.0.0.1',
    domain: system.config.inbound.domain!,
    handle: async (raw, envelope) => void (await handleInboundEmail(deps, raw, envelope)),
    onError: (error) => inboundErrors.push(error),
  });
});
afterAll(async () => {
  await inbound?.close();
  mailer?.close();
  await system?.stop();
});

const load = () =>
  loadDemoPact({
    url: system.url,
    apiToken: system.apiToken,
    mailpitUrl: system.mail.httpUrl,
    inbound: { host: '127.0.0.1', port: inbound.port },
    tag,
  });

/** What the loader creates, counted in the tables: the same after a second run. */
async function counts(): Promise<Record<string, unknown>> {
  const count = async (table: any, where?: [string, string, unknown]) => {
    let query = system.db.selectFrom(table).select((eb: any) => eb.fn.countAll().as('n'));
    if (where) query = query.where(...(where as [any, any, any]));
    return Number(((await query.executeTakeFirstOrThrow()) as { n: string }).n);
  };
  return {
    partners: await count('partners'),
    joinRequests: await count('join_requests'),
    initiatives: await count('initiatives'),
    rounds: await count('prioritisation_rounds'),
    answeredBallots: await count('ballots', ['status', '=', 'answered']),
    projects: await count('projects'),
    projectPartners: await count('project_partners'),
    meetings: await count('meetings'),
    meetingAnswers: await count('meeting_invitees', ['answered_at', 'is not', null]),
    reportValues: await count('indicator_values'),
    answeredRequests: (
      await system.db
        .selectFrom('requests')
        .select(['kind', (eb) => eb.fn.countAll().as('n')])
        .where('status', '=', 'answered')
        .where('kind', '!=', 'report')
        .groupBy('kind')
        .orderBy('kind')
        .execute()
    ).map((r) => `${r.kind}: ${r.n}`),
  };
}

const page = async (path: string, authorised = true) => {
  const response = authorised ? await system.staffFetch(path) : await fetch(`${system.url}${path}`);
  return { status: response.status, html: await response.text() };
};

let firstRun: Record<string, unknown>;

test('the demo pact loads on a fresh database, every stage through the API, links and replies', async () => {
  await load();
  expect(inboundErrors).toEqual([]);
  firstRun = await counts();
  expect(firstRun).toMatchObject({ partners: cast.length, joinRequests: 3, initiatives: 7, rounds: 1, projects: 4 });

  const partners = (await readJson(await system.staffFetch('/api/partners'))).partners as {
    id: string;
    stage: string;
  }[];
  expect(new Set(partners.map((p) => p.stage))).toEqual(new Set(['intent', 'commitment', 'prototype', 'monitoring']));

  // Referrals: joined through a founder's invitation link.
  const vonk = await readJson(await system.staffFetch(`/api/partners/${peopleOf(named('Buurtwerk De Vonk')).id}`));
  expect(vonk.referredBy).toEqual({ id: peopleOf(named('Minderhedenforum')).id, name: named('Minderhedenforum').name });
  // Reports over several periods.
  const unizo = await readJson(await system.staffFetch(`/api/partners/${peopleOf(named('Unizo')).id}`));
  expect(unizo.timeline.filter((e: { type: string }) => e.type === 'report_submitted')).toHaveLength(reportedPeriods);

  // The round: ballots by page and by reply, closed by staff, four initiatives prioritised.
  const [round] = (await readJson(await system.staffFetch('/api/prioritisation-rounds'))).prioritisationRounds;
  const detail = await readJson(await system.staffFetch(`/api/prioritisation-rounds/${round.id}`));
  expect(detail.status).toBe('closed');
  expect(new Set(detail.ballots.map((b: { via: string | null }) => b.via))).toEqual(new Set(['page', 'email', null]));
  // The meeting: answers on its page and by email.
  const [meeting] = (await readJson(await system.staffFetch('/api/meetings'))).meetings;
  const invitees = (await readJson(await system.staffFetch(`/api/meetings/${meeting.id}`))).invitees;
  expect(new Set(invitees.map((i: { via: string | null }) => i.via))).toEqual(new Set(['page', 'email', null]));
  // Consent: given when signing.
  const listed = (
    await readJson(await system.staffFetch(`/api/partners/${peopleOf(named('Unizo')).id}/public-listing`))
  ).listed;
  expect(listed).toBe(true);

  // The staff pages it fills answer 200 and show it.
  const staffPages: [string, string][] = [
    ['/staff', named('Unizo').name],
    ['/staff/partners', named('Gemeente Lindeveld').name],
    ['/staff/initiatives', 'Anoniem solliciteren bij kmo'],
    ['/staff/projects', 'Lokaal meldpunt discriminatie'],
    ['/staff/prioritisation-rounds', 'Prioriteiten van het eerste jaar'],
    [`/staff/prioritisation-rounds/${round.id}`, 'Taalcoaching op de werkvloer'],
    ['/staff/meetings', 'Lerend netwerk: eerste opvolging'],
    [`/staff/meetings/${meeting.id}`, named('ACV').name],
    ['/staff/monitoring', `value="p${reportedPeriods}"`],
    ['/staff/join-requests', named('Vzw Samen Sterk').name],
    ['/staff/map', named('Voka').name],
  ];
  for (const [path, shows] of staffPages) {
    const { status, html } = await page(path);
    expect({ path, status }).toEqual({ path, status: 200 });
    expect({ path, shows: html.includes(escaped(shows)) }).toEqual({ path, shows: true });
  }

  // The public pages: a consenting formalised partner shows, one that did not consent does not.
  const projects = (await readJson(await system.staffFetch('/api/projects'))).projects as { id: string }[];
  for (const path of [
    '/pact',
    '/pact/map',
    `/pact/projects/${projects[0]!.id}`,
    '/pact/data.json',
    '/pact/feed.atom',
  ]) {
    expect({ path, status: (await page(path, false)).status }).toEqual({ path, status: 200 });
  }
  for (const path of ['/pact', '/pact/map']) {
    const { html } = await page(path, false);
    expect({ path, consenting: html.includes(named('Voka').name) }).toEqual({ path, consenting: true });
    expect({ path, notConsenting: html.includes(named('ACLVB').name) }).toEqual({ path, notConsenting: false });
  }
  // Consent given later on the consent page shows; consent withdrawn there does not.
  const pact = (await page('/pact', false)).html;
  expect(pact).toContain(named('Wijkgezondheidscentrum Oost').name);
  expect(pact).not.toContain(named('Stad Kortebeek').name);
}, 240_000);

test('loading it again creates nothing twice', async () => {
  await load();
  expect(await counts()).toEqual(firstRun);
}, 120_000);

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readJson } from '../support/http';
import { brusselsAt } from '../support/meeting-mail';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn } from './browser';
import { checkedContext, pageProblems } from './page-problems';

/**
 * The standing check of every page kind: axe-core (serious and critical violations fail) and an
 * HTML validator, each page in Dutch at desktop width and in a second language at phone width,
 * with a screenshot of each (tests/artifacts/screenshots/check-*.png).
 */
let system: TestSystem;
let actors: Actors;
let browser: Browser;
beforeAll(async () => {
  // Short reporting: a partner confirmed in a project gets its one report request at once.
  system = await startTestSystem({ PACT_REPORT_EVERY: '300ms', PACT_COMMITMENT_TERM: '300ms' });
  actors = new Actors(system);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A term of the lexicon, for its staff pages and the public page. */
const lexiconTerm = {
  slug: 'discriminatie',
  label: { nl: 'Discriminatie', en: 'Discrimination', fr: 'Discrimination' },
  definition: {
    nl: 'Iemand ongunstig behandelen om wie die is.',
    en: 'Treating someone less favourably for who they are.',
    fr: 'Traiter quelqu’un moins favorablement pour ce qu’il est.',
  },
  note: 'Ook onbedoeld: het effect telt.',
};

interface Variant {
  lang: string;
  width: number;
}
const staffVariants: Variant[] = [
  { lang: 'nl', width: 1280 },
  { lang: 'en', width: 390 },
];
const partnerVariants: Variant[] = [
  { lang: 'nl', width: 1280 },
  { lang: 'fr', width: 390 },
];

const contextFor = ({ width }: Variant, cookiesFrom?: BrowserContext) =>
  checkedContext(browser, { width, ...(cookiesFrom ? { cookiesFrom } : {}) });

/** Pages whose tables all become cards on a phone: the meeting's invitees, the partner list, the dashboard's latest events. */
const cardPages = new Set(['staff-dashboard', 'staff-partners', 'staff-meeting']);

async function check(page: Page, url: string, name: string, variant: Variant, expectedStatus = 200): Promise<void> {
  const response = await page.goto(url);
  expect({ name, status: response?.status() }).toEqual({ name, status: expectedStatus });
  const html = await response!.text();
  expect({ name, variant, problems: await pageProblems(page, html) }).toEqual({ name, variant, problems: [] });
  expect({ name, variant, scrollWidth: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({
    name,
    variant,
    scrollWidth: variant.width,
  });
  // Tables with actions become cards on a phone: none of them scrolls sideways. On the pages whose
  // tables hold key columns (who answered how, a partner's state, what happened), no table does.
  const tables = cardPages.has(name) ? 'table' : 'table.stack';
  const scrollingTables = await page.evaluate(
    `[...document.querySelectorAll('${tables}')].filter((t) => t.parentElement.scrollWidth > t.parentElement.clientWidth).length`,
  );
  expect({ name, variant, scrollingTables }).toEqual({ name, variant, scrollingTables: 0 });
  await screenshot(page, `check-${name}-${variant.lang}-${variant.width}`);
}

test('every staff page passes axe and the HTML validator, in Dutch on a desktop and in English on a phone', async () => {
  const id = await actors.onboard('Esdoorn', { sector: 'culture' });
  await actors.nextEmail(actors.addresses(id).coordinator);
  const meeting = await system.staffFetch('/api/meetings', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Opvolging cultuur',
      sector: 'culture',
      levers: ['trust'],
      startsAt: brusselsAt(5, 14),
      endsAt: brusselsAt(5, 16),
      place: 'Brussel',
      agenda: 'Stand van zaken',
      invitees: { partnerIds: [id] },
    }),
  });
  expect(meeting.status).toBe(201);
  const meetingId = (await readJson(meeting)).id as string;
  const initiative = await system.staffFetch('/api/initiatives', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Cultuurbuddy',
      description: 'Een buddy neemt een nieuwkomer mee naar voorstellingen.',
      levers: ['trust', 'quality_of_life'],
      characteristics: ['meeting_others'],
      preconditions: ['means'],
      kind: 'existing',
      partnerIds: [id],
    }),
  });
  expect(initiative.status).toBe(201);
  const initiativeId = (await readJson(initiative)).id as string;
  const term = await system.staffFetch('/api/lexicon', { method: 'POST', body: JSON.stringify(lexiconTerm) });
  expect(term.status).toBe(201);
  const termId = (await readJson(term)).id as string;
  const signedIn = await browser.newContext();
  const first = await signedIn.newPage();
  await signIn(system, first, 'kees@integratiepact.example', 'Kees Staff');
  for (const variant of staffVariants) {
    const context = await contextFor(variant, signedIn);
    const page = await context.newPage();
    await page.goto(`${system.url}/staff?lang=${variant.lang}`);
    for (const [path, name] of [
      ['/staff', 'dashboard'],
      ['/staff/partners', 'partners'],
      [`/staff/partners/${id}`, 'partner'],
      ['/staff/partners/new', 'onboard'],
      ['/staff/imports/new', 'import'],
      ['/staff/projects', 'projects'],
      ['/staff/monitoring', 'monitoring'],
      [`/staff/partners/${id}/edit`, 'partner-edit'],
      [`/staff/partners/${id}/export`, 'partner-export'],
      ['/staff/meetings', 'meetings'],
      [`/staff/meetings/${meetingId}`, 'meeting'],
      ['/staff/initiatives', 'initiatives'],
      [`/staff/initiatives/${initiativeId}`, 'initiative'],
      ['/staff/initiatives/new', 'initiative-new'],
      [`/staff/initiatives/${initiativeId}/edit`, 'initiative-edit'],
      ['/staff/learning', 'learning'],
      ['/staff/lexicon', 'lexicon'],
      ['/staff/lexicon/new', 'lexicon-new'],
      [`/staff/lexicon/${termId}`, 'lexicon-term'],
      [`/staff/lexicon/${termId}/edit`, 'lexicon-edit'],
    ] as const)
      await check(page, `${system.url}${path}`, `staff-${name}`, variant);
    await check(page, `${system.url}/staff/bestaat-niet`, 'staff-not-found', variant, 404);
    await context.close();
  }
  const signedOut = await contextFor(staffVariants[0]!);
  await check(await signedOut.newPage(), `${system.url}/staff/login`, 'staff-login', staffVariants[0]!);
  await signedOut.close();
  for (const variant of partnerVariants) {
    const context = await contextFor(variant);
    await check(await context.newPage(), `${system.url}/pact/lexicon?lang=${variant.lang}`, 'public-lexicon', variant);
    await context.close();
  }
  await signedIn.close();
}, 240_000);

test('every partner page kind passes axe and the HTML validator, in Dutch on a desktop and in French on a phone', async () => {
  const contexts = await Promise.all(partnerVariants.map((variant) => contextFor(variant)));
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  /** Each page as it is at this step of the journey, in both variants. */
  const checkNow = async (url: string, name: string, status = 200) => {
    for (const [k, variant] of partnerVariants.entries())
      await check(pages[k]!, `${url}?lang=${variant.lang}`, `partner-${name}`, variant, status);
  };
  const id = await actors.onboard('Beuk');
  const who = actors.addresses(id);
  const intent = actors.linkIn(await actors.nextEmail(who.coordinator));
  await checkNow(intent, 'intent-form');
  await actors.expectOk(
    actors.post(intent, {
      levers: ['trust'],
      goals: ['counter_discrimination'],
      summary: 'Wij trainen ons personeel.',
    }),
  );
  await checkNow(intent, 'answered-link', 410);
  const review = actors.linkIn(await actors.nextEmail(who.staff, /Beuk/));
  await checkNow(review, 'review');
  await actors.expectOk(actors.post(review, { decision: 'approve' }));
  const signature = actors.linkIn(await actors.nextEmail(who.signatory));
  await checkNow(signature, 'signature');
  // The confirmation after a decision, as a browser posts the form.
  const confirming = await contextFor(partnerVariants[0]!);
  const page = await confirming.newPage();
  await page.goto(signature);
  await page.locator('input[name=decision][value=approve]').check();
  await page.locator('button[type=submit]').click();
  await page.getByRole('status').waitFor();
  expect(await pageProblems(page, await page.content())).toEqual([]);
  await screenshot(page, 'check-partner-confirmation-nl-1280');
  await confirming.close();
  await checkNow(`${system.url}/r/${'x'.repeat(43)}`, 'unknown-link', 404);
  const meeting = await system.staffFetch('/api/meetings', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Opvolging zorg',
      sector: 'care',
      levers: ['trust'],
      startsAt: brusselsAt(6, 10),
      endsAt: brusselsAt(6, 12),
      place: 'Gent',
      agenda: 'Initiatieven',
      invitees: { partnerIds: [id] },
    }),
  });
  expect(meeting.status).toBe(201);
  const meetingInvitation = await actors.nextEmail(who.coordinator, /Opvolging zorg/);
  await checkNow(new RegExp(`${system.url}/m/[A-Za-z0-9_-]{43}`).exec(meetingInvitation.text)![0], 'meeting-answer');
  // Then the rest of the journey's pages: the director's countersignature, a project invitation, a report.
  const countersignature = actors.linkIn(await actors.nextEmail(who.director, /Beuk/));
  await checkNow(countersignature, 'countersignature');
  await actors.expectOk(actors.post(countersignature, { decision: 'approve' }));
  await actors.waitForStage(id, 'prototype');
  // The consent link in the email that the partnership is formalised (/c/).
  const formalised = await actors.nextEmail(who.signatory, /geformaliseerd/);
  await checkNow(new RegExp(`${system.url}/c/[A-Za-z0-9_-]{43}`).exec(formalised.text)![0], 'consent');
  const created = await system.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({
      title: 'Samen',
      description: 'Een gezamenlijk project.',
      levers: ['trust'],
      partnerIds: [id],
    }),
  });
  expect(created.status).toBe(201);
  const invitation = actors.linkIn(await actors.nextEmail(who.coordinator, /Samen/));
  await checkNow(invitation, 'project-invitation');
  await actors.expectOk(actors.post(invitation, { decision: 'approve' }));
  await checkNow(actors.linkIn(await actors.nextEmail(who.coordinator, /p1/)), 'report');
  await Promise.all(contexts.map((context) => context.close()));
}, 240_000);

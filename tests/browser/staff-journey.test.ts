import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { launchChromium, screenshot, signIn, unlabelledControls } from './browser';

/**
 * One partner walked through the staff pages in a real browser: staff sign in and onboard it,
 * the partner and staff answer through the links their emails carry, a member list is imported,
 * a project is created and reported on, and the journey is opened in the Temporal UI.
 */
let system: TestSystem;
let actors: Actors;
let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  system = await startTestSystem({ PACT_REPORT_EVERY: '1s', PACT_COMMITMENT_TERM: '2s' });
  actors = new Actors(system);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
  });
  page = await context.newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const partnerPage = () => `${system.url}/staff/partners/lichtbaken`;

/** The text of the first match, once it is visible. */
async function textOf(locator: Locator): Promise<string> {
  await locator.first().waitFor();
  return (await locator.first().innerText()).trim();
}

/** Reloads until the text shows: the read model follows the workflow a moment later. */
async function reloadUntil(text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.getByText(text, { exact: false }).first().isVisible())) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear on ${page.url()}`);
    await page.waitForTimeout(250);
    await page.reload();
  }
}

test('an unknown visitor is sent to sign in, and back to the page asked for', async () => {
  await page.goto(`${system.url}/staff/partners?stage=intent`);
  expect(page.url()).toBe(`${system.url}/staff/login?next=${encodeURIComponent('/staff/partners?stage=intent')}`);
  await page.getByLabel('E-mailadres').fill('nobody@lichtbaken.example');
  await page.getByLabel('Wachtwoord').fill('wrong password, clearly');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  expect(await textOf(page.getByRole('alert'))).toBe(
    'Dat e-mailadres en wachtwoord horen niet bij een actief account.',
  );
  await screenshot(page, 'login');
});

test('staff sign in, see the empty dashboard, and onboard a partner from the form', async () => {
  await signIn(system, page, 'sanne@integratiepact.example', 'Sanne Staff');
  await page.getByRole('link', { name: 'Nog geen partners — onboard de eerste' }).waitFor();
  await screenshot(page, 'dashboard-empty');
  await page.getByRole('link', { name: 'Nog geen partners — onboard de eerste' }).click();

  await screenshot(page, 'onboard');
  // The choices to make say so, and are marked required.
  expect(await page.locator('#sector option:checked').textContent()).toBe('Kies…');
  expect(await page.getByLabel('Type actor').getAttribute('required')).not.toBeNull();
  await page.getByLabel('Naam van de organisatie').fill('Lichtbaken');
  await page.getByRole('button', { name: 'Partner toevoegen' }).click();
  expect(await page.locator('#coordinatorEmail-error').textContent()).toContain('e-mailadres');
  // After the refusal the focus is on the summary of what to fix, not left at the top of the page.
  expect(await page.locator(':focus').getAttribute('role')).toBe('alert');
  await screenshot(page, 'onboard-errors');
  await page.getByLabel('Type actor').selectOption('civil_society');
  await page.getByLabel('Sector').selectOption('culture');
  await page.locator('#coordinatorName').fill('Coordinator Lichtbaken');
  await page.locator('#coordinatorEmail').fill('coordinator@lichtbaken.example');
  await page.locator('#signatoryName').fill('Signatory Lichtbaken');
  await page.locator('#signatoryEmail').fill('signatory@lichtbaken.example');
  await page.getByRole('button', { name: 'Partner toevoegen' }).click();
  await page.waitForURL(`${partnerPage()}?done=onboarded`);
  expect(await textOf(page.getByRole('status'))).toContain('De partner is toegevoegd');

  await page.goto(`${system.url}/staff`);
  await reloadUntil('Vraag verstuurd');
  await page.getByRole('link', { name: 'Lichtbaken' }).first().waitFor();
  expect(await page.locator('#per-stage').locator('..').textContent()).toContain('intentie');
});

test('the partner answers its intent form in the browser through the emailed link; staff approve through theirs', async () => {
  const who = actors.addresses('lichtbaken');
  await page.goto(actors.linkIn(await actors.nextEmail(who.coordinator)));
  await page.getByLabel('Handelingsvermogen vergroten').check();
  await page.getByLabel('Vertrouwen bouwen').check();
  await page.getByLabel('racisme tegengaan').check();
  await page
    .getByLabel('Welke concrete engagementen hebt u voor ogen?')
    .fill('Wij bieden vijf stageplaatsen en een opleiding voor ons personeel.');
  await screenshot(page, 'partner-intent-form');
  await page.getByRole('button', { name: 'Versturen' }).click();
  expect(await textOf(page.getByRole('status'))).toContain('uw engagementsintentie is binnen');

  await page.goto(actors.linkIn(await actors.nextEmail(who.staff, /Lichtbaken/)));
  await page.getByText('Wij bieden vijf stageplaatsen').waitFor();
  await page.getByLabel('Goedkeuren').check();
  await page.getByRole('button', { name: 'Versturen' }).click();
  expect(await textOf(page.getByRole('status'))).toContain('Uw beslissing is geregistreerd');
});

test('the partner page shows the updated timeline, and "remind now" sends a reminder', async () => {
  await page.goto(partnerPage());
  await reloadUntil('Intentie goedgekeurd');
  // The stage moves (and the signature request follows) just after the review's answer is recorded.
  await reloadUntil('ondertekening engagement');
  expect(await textOf(page.locator('ol.stages [aria-current="step"]'))).toBe('engagement');
  const timeline = page.locator('ol.timeline');
  for (const text of ['Traject gestart', 'Vraag verstuurd', 'Beantwoord', 'Intentie goedgekeurd', 'E-mail:'])
    expect(await textOf(timeline)).toContain(text);
  // One language per page: the lines under the titles are Dutch too, never the stored English summary.
  expect(await textOf(timeline)).toContain('engagementsintentie aan Coordinator Lichtbaken');
  expect(await textOf(timeline)).toContain('beoordeling van de intentie aan');
  for (const english of ['emailed to', 'request answered', 'joined the pact', 'approved;'])
    expect(await textOf(timeline)).not.toContain(english);

  await page.getByRole('button', { name: 'Nu herinneren: ondertekening engagement aan Signatory Lichtbaken' }).click();
  expect(await textOf(page.getByRole('status'))).toBe('De herinnering is verstuurd.');
  await reloadUntil('Herinnering verstuurd');
  expect(await textOf(timeline)).toContain('herinnering 1: ondertekening engagement aan Signatory Lichtbaken');
  await screenshot(page, 'partner');

  await page.goto(`${partnerPage()}?lang=en`);
  const english = await textOf(page.locator('ol.timeline'));
  expect(english).toContain('reminder 1: commitment signature to Signatory Lichtbaken');
  for (const dutch of ['Vraag verstuurd', 'Beantwoord', 'herinnering 1']) expect(english).not.toContain(dutch);
  await page.goto(`${partnerPage()}?lang=nl`);
});

test('a member list is imported in the background; the bad row is shown with its line number', async () => {
  await page.goto(`${system.url}/staff/imports/new`);
  await screenshot(page, 'import-form');
  const csv = [
    'name,actorType,sector,language,coordinatorName,coordinatorEmail,signatoryName,signatoryEmail',
    'Zeemeeuw,market,work,nl,Coordinator Zeemeeuw,coordinator@zeemeeuw.example,Signatory Zeemeeuw,signatory@zeemeeuw.example',
    'Wolkenkrabber,market,ruimtevaart,nl,Coordinator Wolkenkrabber,coordinator@wolkenkrabber.example,,',
    'Kapstok,state,local_government,nl,Coordinator Kapstok,coordinator@kapstok.example,,',
  ].join('\n');
  await page.locator('#csv').setInputFiles({ name: 'leden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.waitForURL(/\/staff\/imports\/[A-Za-z0-9_-]+$/);
  await page.locator('progress').waitFor();
  await page.getByText('Klaar.').waitFor({ timeout: 30_000 }); // the page refreshes itself
  await page.getByText('2 toegevoegd, 0 bestonden al, 1 met fouten, 0 mislukt').waitFor();
  const badRow = page.locator('table').first().locator('tbody tr');
  expect(await badRow.count()).toBe(1);
  expect(await textOf(badRow.locator('td').first())).toBe('3');
  expect(await textOf(badRow)).toContain('Wolkenkrabber');
  expect(await textOf(badRow)).toContain('sector');
  // In the staff's language, naming the column and what to write there (not the API's English).
  expect(await textOf(badRow)).toContain('sector: een van: ');
  expect(await textOf(badRow)).not.toContain('must be');
  await screenshot(page, 'import-result');

  await page.goto(`${system.url}/staff/partners?q=zeem`);
  await page.getByRole('link', { name: 'Zeemeeuw' }).waitFor();
  expect(await page.getByRole('link', { name: 'Kapstok' }).count()).toBe(0);
  await page.goto(`${system.url}/staff/partners`);
  await screenshot(page, 'partners');
});

test('withdrawing a journey needs a reason; with one, the journey stops', async () => {
  await page.goto(`${system.url}/staff/partners/kapstok`);
  await page.getByLabel('Reden van stopzetting').fill('ok'); // an empty one the browser already refuses
  await page.getByRole('button', { name: 'Stopzetten' }).click();
  expect(await textOf(page.locator('#reason-error'))).toBe('Geef een reden van minstens 3 tekens.');
  await page.getByLabel('Reden van stopzetting').fill('De federatie schreef ons dat Kapstok niet meer actief is.');
  await page.getByRole('button', { name: 'Stopzetten' }).click();
  expect(await textOf(page.getByRole('status'))).toBe('Het traject is stopgezet.');
  await reloadUntil('Teruggetrokken');
  expect(await textOf(page.locator('ol.stages [aria-current="step"]'))).toBe('teruggetrokken');
  expect(await page.getByRole('button', { name: /^Nu herinneren/ }).count()).toBe(0);
});

test('a project is created from the portfolio form, and its reports show on the monitoring page', async () => {
  await actors.formalise('zeemeeuw');
  const albatros = await actors.onboard('Albatros Haven'); // not waiting for a project: found by a search
  await page.goto(`${system.url}/staff/projects`);
  await page.getByLabel('Titel').fill('Havenproject');
  await page.getByLabel('Beschrijving').fill('Stageplaatsen in de haven, samen met de buurt.');
  await page.getByLabel('Handelingsvermogen vergroten').check();
  await page.getByLabel('Zeemeeuw').check();
  expect(await page.getByLabel('Albatros Haven').count()).toBe(0);
  await page.getByLabel('Naam bevat').fill('albatros');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByLabel('Albatros Haven').check();
  // The search kept what was filled in.
  expect(await page.getByLabel('Titel').inputValue()).toBe('Havenproject');
  expect(await page.getByLabel('Zeemeeuw').isChecked()).toBe(true);
  expect(await unlabelledControls(page)).toEqual([]);
  await page.getByRole('button', { name: 'Project aanmaken en partners uitnodigen' }).click();
  await page.waitForURL(/\/staff\/projects\/[0-9a-f-]{36}\?done=created$/);
  const projectPage = page.url().split('?')[0]!;
  await page.getByRole('link', { name: 'Zeemeeuw' }).waitFor();

  await page.getByRole('link', { name: 'Albatros Haven' }).waitFor();
  // Albatros was invited too; it declines, so the project runs with Zeemeeuw.
  await actors.expectOk(actors.answer(actors.addresses(albatros).coordinator, { decision: 'decline' }, /Havenproject/));
  const who = actors.addresses('zeemeeuw');
  await actors.expectOk(actors.answer(who.coordinator, { decision: 'approve' }, /Havenproject/));
  await actors.expectOk(actors.answer(who.coordinator, { values: { placements_offered: 4, staff_trained: 2 } }, /p1/));
  await page.goto(`${system.url}/staff/projects`);
  await reloadUntil('neemt deel');
  await screenshot(page, 'projects');
  await page.goto(projectPage);
  await screenshot(page, 'project');

  await page.goto(`${system.url}/staff/monitoring`);
  await reloadUntil('Rapporteringsgraad per periode');
  await page.locator('#values-chart').waitFor();
  await page.locator('#trend-chart').waitFor();
  await page.locator('#rate-chart').waitFor();
  await screenshot(page, 'monitoring');
  const csv = await page.request.get(`${system.url}/api/reports.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('zeemeeuw,Zeemeeuw');

  await page.goto(`${system.url}/staff`);
  await page.locator('#stage-counts').waitFor();
  await screenshot(page, 'dashboard');
});

test('the partner page links to the journey in the Temporal UI, which shows its id and search attributes', async () => {
  // The app serves the UI to administrators only (api/temporal-ui/proxy.ts).
  const uiUrl = `${system.url}/temporal`;
  page = await (await browser.newContext()).newPage();
  await signIn(system, page, 'ada@integratiepact.example', 'Ada Admin', 'admin');
  await page.goto(partnerPage());
  const link = page.locator('#temporal-link');
  expect(await link.getAttribute('href')).toBe(`${uiUrl}/namespaces/default/workflows/journey-lichtbaken`);
  await link.click();
  await page.waitForURL(new RegExp(`^${uiUrl}/namespaces/default/workflows/journey-lichtbaken`));
  // The Temporal UI is a JavaScript app: wait for it to render the workflow.
  await page.getByText('journey-lichtbaken').first().waitFor({ timeout: 30_000 });
  await page.getByText('recordJourneyProgress').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'temporal-ui-workflow');

  await page.getByText('Search Attributes', { exact: true }).first().click();
  // The UI shows them as JSON in a code view (and its CSP forbids evaluating strings, so read from here).
  const shown = async () => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  for (const text of [
    '"JourneyStage": "commitment"',
    '"PartnerName": "Lichtbaken"',
    '"PartnerId": "lichtbaken"',
    '"Sector": "culture"',
    '"ActorType": "civil_society"',
  ]) {
    for (let tries = 0; !(await shown()).includes(text); tries++) {
      if (tries > 60) throw new Error(`the Temporal UI does not show ${text}`);
      await page.waitForTimeout(250);
    }
  }
  await screenshot(page, 'temporal-ui-search-attributes');

  // What the README tells administrators: filter the workflow list by a search attribute.
  await page.goto(
    `${uiUrl}/namespaces/default/workflows?query=${encodeURIComponent('JourneyStage = "commitment" AND Sector = "culture"')}`,
  );
  await page.getByRole('link', { name: 'journey-lichtbaken' }).first().waitFor({ timeout: 30_000 });
  expect(await page.getByRole('link', { name: 'journey-zeemeeuw' }).count()).toBe(0);
  await screenshot(page, 'temporal-ui-filtered');
  await page.goto(`${uiUrl}/namespaces/default/workflows?query=${encodeURIComponent('PartnerName = "Zeemeeuw"')}`);
  await page.getByRole('link', { name: 'journey-zeemeeuw' }).first().waitFor({ timeout: 30_000 });
});

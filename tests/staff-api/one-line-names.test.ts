import { brusselsLocal } from '../../domain/brussels-time';
import { partnerIdFromName } from '../../domain/partner';
import { readJson } from '../support/http';
import { readInvitation } from '../support/meeting-mail';
import { onboardingBody } from '../support/onboarding-body';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Names and titles go into email subjects and calendar fields: a line break in one would make the
 * mail relay refuse its emails for ever. Every channel refuses it at input, naming the field, and
 * changes nothing; a quote is only text, and its emails are delivered.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ PACT_MAX_REMINDERS: '0', PACT_ESCALATE_AFTER: '1h', PACT_EXPIRE_AFTER: '2h' });
});
afterAll(() => system?.stop());

const post = (path: string, body: unknown, method = 'POST') =>
  system.staffFetch(path, { method, body: JSON.stringify(body) });
const postForm = (path: string, fields: Record<string, string>) =>
  system.staffFetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
const count = async (table: 'partners' | 'meetings' | 'projects' | 'contacts') =>
  Number(
    (
      await system.db
        .selectFrom(table)
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async () => ({
  partners: await count('partners'),
  contacts: await count('contacts'),
  meetings: await count('meetings'),
  projects: await count('projects'),
});

const broken = ['Regel\r\nBcc: iemand@elders.example', 'Regel\nnieuw', 'Tab\there', 'Scheiding\u2028lijn'];

async function expectRefused(response: Response, field: string) {
  expect(response.status).toBe(400);
  const { error } = await readJson(response);
  expect(error.details).toContainEqual({ field, message: expect.stringContaining('must be one line') });
  expect(error.message).toContain(`${field}: must be one line`);
}

test('the JSON API refuses a partner, contact, meeting or project name with a line break, naming the field', async () => {
  const existing = partnerIdFromName('Eenregelig');
  expect((await post('/api/partners', JSON.parse(onboardingBody('Eenregelig')))).status).toBe(201);
  const before = await counts();
  for (const text of broken) {
    await expectRefused(await post('/api/partners', JSON.parse(onboardingBody(text))), 'name');
    const contact = JSON.parse(onboardingBody('Contact Breuk'));
    contact.contacts[1].name = text;
    await expectRefused(await post('/api/partners', contact), 'contacts.1.name');
    await expectRefused(await post(`/api/partners/${existing}`, { name: text }, 'PATCH'), 'name');
    await expectRefused(
      await post(
        `/api/partners/${existing}/contacts`,
        { contacts: [{ name: text, email: 'c@eenregelig.example', role: 'coordinator' }] },
        'PUT',
      ),
      'contacts.0.name',
    );
    const startMs = Date.now() + 86_400_000;
    const meeting = {
      title: text,
      startsAt: brusselsLocal(startMs),
      endsAt: brusselsLocal(startMs + 3_600_000),
      place: 'Brussel',
      agenda: 'Afspraken',
      invitees: { partnerIds: [existing] },
    };
    await expectRefused(await post('/api/meetings', meeting), 'title');
    await expectRefused(await post('/api/meetings', { ...meeting, title: 'Goed', place: text }), 'place');
    const project = { title: text, description: 'Samen', levers: ['agency'], partnerIds: [existing] };
    await expectRefused(await post('/api/projects', project), 'title');
  }
  expect(await counts()).toEqual(before);
  const stored = await system.db.selectFrom('partners').select('name').where('id', '=', existing).executeTakeFirst();
  expect(stored?.name).toBe('Eenregelig');
});

test('the staff forms refuse a name or title with a line break (400, the field marked) and store nothing', async () => {
  const before = await counts();
  const onboard = await postForm('/staff/partners/new?lang=en', {
    name: 'Formulier\r\nBreuk',
    actorType: 'market',
    sector: 'work',
    coordinatorName: 'Fien',
    coordinatorEmail: 'fien@formulier-breuk.example',
  });
  expect(onboard.status).toBe(400);
  expect(await onboard.text()).toMatch(/id="name"[^>]*aria-invalid="true"/);
  const contact = await postForm('/staff/partners/new?lang=en', {
    name: 'Formulier Breuk',
    actorType: 'market',
    sector: 'work',
    coordinatorName: 'Fien\nFormulier',
    coordinatorEmail: 'fien@formulier-breuk.example',
  });
  expect(contact.status).toBe(400);
  expect(await contact.text()).toMatch(/id="coordinatorName"[^>]*aria-invalid="true"/);
  const project = await postForm('/staff/projects?lang=en', {
    title: 'Project\r\nBreuk',
    description: 'Samen',
    levers: 'agency',
    partnerIds: partnerIdFromName('Eenregelig'),
  });
  expect(project.status).toBe(400);
  expect(await counts()).toEqual(before);
});

test('the CSV import refuses the row, naming its column, and imports the others', async () => {
  const before = await counts();
  const csv = [
    'name,actorType,sector,coordinatorName,coordinatorEmail',
    '"Lijn\r\nBreuk",market,work,Ann,ann@lijnbreuk.example',
    'Lijn Heel,market,work,"Bert\nBreuk",bert@lijnheel.example',
  ].join('\n');
  const response = await system.staffFetch('/api/partners/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  expect(response.status).toBe(200);
  const { rows } = await readJson(response);
  expect(rows).toEqual([
    expect.objectContaining({
      status: 'invalid',
      columns: ['name'],
      error: expect.stringContaining('must be one line'),
    }),
    expect.objectContaining({
      status: 'invalid',
      columns: ['coordinatorName'],
      error: expect.stringContaining('must be one line'),
    }),
  ]);
  expect(await counts()).toEqual(before);
});

test('a name with quotes is only text: its emails are delivered, the meeting invitation too', async () => {
  const name = 'Vzw "De Brug"';
  const body = JSON.parse(onboardingBody(name));
  body.contacts[0].name = 'An "Annie" Peeters';
  const created = await post('/api/partners', body);
  expect(created.status).toBe(201);
  const { id } = await readJson(created);
  const invitation = await system.mail.waitForMessage((m) => m.to.includes(body.contacts[0].email));
  expect(invitation.subject).toContain('"De Brug"');

  const startMs = Date.now() + 86_400_000;
  const planned = await post('/api/meetings', {
    title: 'Overleg "samen sterk"',
    startsAt: brusselsLocal(startMs),
    endsAt: brusselsLocal(startMs + 3_600_000),
    place: 'Zaal "De Kring"',
    agenda: 'Afspraken',
    invitees: { partnerIds: [id] },
  });
  expect(planned.status).toBe(201);
  const meetingMail = await system.mail.waitForMessage(
    (m) => m.to.includes(body.contacts[0].email) && m.subject.includes('samen sterk'),
  );
  expect(meetingMail.subject).toContain('"samen sterk"');
  // A calendar client reads the invitee's name whole (RFC 6868), not cut at the first quote.
  const calendar = await readInvitation(meetingMail);
  expect(calendar.attendees).toEqual([
    expect.objectContaining({ email: body.contacts[0].email, name: 'An "Annie" Peeters' }),
  ]);
}, 120_000);

import { MAX_ANSWERS_PER_DAY } from '../../inbound/answer-cap';
import { handleInboundEmail, type InboundDeps } from '../../inbound/handle-reply';
import { createMailer, type Mailer } from '../../mail/mailer';
import { openForm } from '../../dev/form-page';
import { readJson } from '../support/http';
import type { CaughtMessage } from '../support/mail-inbox';
import { brusselsAt, calendarReply, readInvitation } from '../support/meeting-mail';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * A follow-up meeting for one sector's partners (docs/meetings.md): calendar invitations, and answers
 * by the page, by a calendar client's iMIP REPLY (as Outlook and Google Calendar send it) and by a
 * plain reply; each later answer replaces the earlier one.
 */
let system: TestSystem;
let actors: Actors;
let mailer: Mailer;
let deps: InboundDeps;
let care: string[];
let meetingId: string;

beforeAll(async () => {
  system = await startTestSystem({ PACT_REMINDER_AFTER: '1h', PACT_ESCALATE_AFTER: '2h', PACT_EXPIRE_AFTER: '3h' });
  actors = new Actors(system);
  mailer = createMailer(system.config);
  deps = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  care = [
    await actors.onboard('Zorgpunt Rsvp', { sector: 'care' }),
    await actors.onboard('Zorgnet Rsvp', { sector: 'care' }),
  ];
  await actors.onboard('Werkwinkel Rsvp', { sector: 'work' });
});
afterAll(async () => {
  mailer?.close();
  await system?.stop();
});

const post = (path: string, body?: unknown) =>
  system.staffFetch(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const meeting = async () => readJson(await system.staffFetch(`/api/meetings/${meetingId}`));
const answerOf = async (partnerId: string) =>
  (await meeting()).invitees.find((i: { partnerId: string }) => i.partnerId === partnerId);
const linkIn = (message: CaughtMessage) => new RegExp(`${system.url}/m/[A-Za-z0-9_-]{43}`).exec(message.text)![0];
const replyAddressIn = (message: CaughtMessage) => /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(message.replyTo ?? '')![0];
const invitations: Record<string, CaughtMessage> = {};

test('staff plan a meeting for the care sector: each coordinator gets a calendar invitation', async () => {
  const planned = await post('/api/meetings', {
    title: 'Opvolging zorg',
    sector: 'care',
    levers: ['trust'],
    startsAt: brusselsAt(5, 14),
    endsAt: brusselsAt(5, 16),
    place: 'Huis van het Integratiepact, Brussel',
    agenda: '1. Stand van zaken\n2. Gezamenlijke initiatieven',
    invitees: { sector: 'care' },
  });
  expect(planned.status).toBe(201);
  const body = await readJson(planned);
  meetingId = body.id;
  expect(body).toEqual({
    id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    workflowId: `meeting-${meetingId}`,
    invitees: 2,
  });

  for (const partnerId of care) {
    const to = actors.addresses(partnerId).coordinator;
    const message = await actors.nextEmail(to, /Uitnodiging: Opvolging zorg/);
    invitations[partnerId] = message;
    const invitation = await readInvitation(message);
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      uid: `meeting-${meetingId}@integratiepact.localhost`,
      sequence: 0,
      status: 'CONFIRMED',
      attendees: [{ email: to, rsvp: 'TRUE', partstat: 'NEEDS-ACTION' }],
      timezones: ['Europe/Brussels'],
      attachedIcs: true,
    });
    expect(invitation.start).toBe(`DTSTART;TZID=Europe/Brussels:${brusselsAt(5, 14).replace(/[-:]/g, '')}00`);
    expect(invitation.contentType).toMatch(/method=REQUEST/);
    // The organiser is the invitee's reply address, and the email comes from it.
    expect(invitation.organizer).toBe(replyAddressIn(message));
    expect(message.from).toBe(invitation.organizer);
    expect(message.text).toContain('Huis van het Integratiepact, Brussel');
    expect(message.text).toMatch(/JA, NEE of MISSCHIEN/);
  }
  // Not in the sector: not invited. The signatories neither (not asked for).
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(
    (await system.mail.messages())
      .filter((m) => /Opvolging zorg/.test(m.subject))
      .map((m) => m.to[0])
      .sort(),
  ).toEqual(care.map((id) => actors.addresses(id).coordinator).sort());
  // The outbox keeps a record, not credentials: no link or reply token in the stored copies.
  const stored = await system.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('calendar_method', '=', 'REQUEST')
    .execute();
  expect(stored).toHaveLength(2);
  for (const row of stored) {
    expect(row.text_body).not.toMatch(/\/m\/[A-Za-z0-9_-]{43}/);
    expect(row.reply_to).toBe('reply+[token]@reply.integratiepact.localhost');
  }
  expect((await readJson(await system.staffFetch('/api/meetings'))).meetings).toEqual([
    expect.objectContaining({
      id: meetingId,
      status: 'planned',
      invited: 2,
      answers: { yes: 0, no: 0, maybe: 0, none: 2 },
    }),
  ]);
});

test('the link page answers, and a later answer replaces the earlier one', async () => {
  const [first] = care as [string];
  const link = linkIn(invitations[first]!);
  const form = await openForm(link);
  expect(form.status).toBe(200);
  expect(form.html).toContain('Opvolging zorg');
  const yes = await form.submit([
    ['answer', 'yes'],
    ['note', 'Ik breng een collega mee.'],
  ]);
  expect(yes.status).toBe(200);
  expect(await yes.text()).toContain('uw antwoord is geregistreerd');
  expect(await answerOf(first)).toMatchObject({ answer: 'yes', via: 'page', note: 'Ik breng een collega mee.' });

  // Changed their mind: the same link, a new answer.
  const again = await openForm(link);
  expect(again.html).toContain('Uw huidige antwoord: ja.');
  expect((await again.submit([['answer', 'maybe']])).status).toBe(200);
  expect(await answerOf(first)).toMatchObject({ answer: 'maybe', via: 'page', note: null });

  // No answer chosen: the form says so, nothing changes.
  const none = await again.submit([['note', 'vergeten te kiezen']]);
  expect(none.status).toBe(400);
  expect(await none.text()).toContain('Kies ja, nee of misschien.');
  expect(await answerOf(first)).toMatchObject({ answer: 'maybe' });
});

test('a calendar REPLY as Outlook sends it counts; from another address it changes nothing, even naming the invited ATTENDEE', async () => {
  const [first] = care as [string];
  const invitation = await readInvitation(invitations[first]!);
  const reply = (from: string) =>
    calendarReply({
      client: 'outlook',
      from,
      to: invitation.organizer,
      uid: invitation.uid,
      sequence: 0,
      dtstamp: new Date(),
      attendee: actors.addresses(first).coordinator,
      partstat: 'ACCEPTED',
      organizer: invitation.organizer,
      subject: 'Opvolging zorg',
    });
  // Anyone who knows the reply address can write the ATTENDEE line.
  expect(await handleInboundEmail(deps, await reply(`alias.${actors.addresses(first).coordinator}`))).toBe(
    'meeting_wrong_sender',
  );
  expect(await answerOf(first)).toMatchObject({ answer: 'maybe' });
  const raw = await calendarReply({
    client: 'outlook',
    from: actors.addresses(first).coordinator,
    to: invitation.organizer,
    uid: invitation.uid,
    sequence: 0,
    dtstamp: new Date(),
    attendee: actors.addresses(first).coordinator,
    partstat: 'ACCEPTED',
    organizer: invitation.organizer,
    subject: 'Opvolging zorg',
  });
  expect(await handleInboundEmail(deps, raw)).toBe('meeting_answered');
  expect(await answerOf(first)).toMatchObject({ answer: 'yes', via: 'calendar' });
});

test('a calendar REPLY as Google Calendar sends it; an older one after it changes nothing', async () => {
  const [, second] = care as [string, string];
  const invitation = await readInvitation(invitations[second]!);
  const reply = (partstat: 'ACCEPTED' | 'DECLINED', dtstamp: Date) =>
    calendarReply({
      client: 'google',
      from: actors.addresses(second).coordinator,
      to: invitation.organizer,
      uid: invitation.uid,
      sequence: 0,
      dtstamp,
      attendee: actors.addresses(second).coordinator,
      partstat,
      organizer: invitation.organizer,
      subject: 'Opvolging zorg',
    });
  expect(await handleInboundEmail(deps, await reply('DECLINED', new Date()))).toBe('meeting_answered');
  expect(await answerOf(second)).toMatchObject({ answer: 'no', via: 'calendar' });
  // Delivered late: the accept written a minute before the decline.
  expect(await handleInboundEmail(deps, await reply('ACCEPTED', new Date(Date.now() - 60_000)))).toBe('meeting_stale');
  expect(await answerOf(second)).toMatchObject({ answer: 'no' });
});

test('a REPLY for another meeting, or from someone not invited, changes nothing and the sender is told once', async () => {
  const [first] = care as [string];
  const invitation = await readInvitation(invitations[first]!);
  const before = await answerOf(first);
  const wrongUid = () =>
    calendarReply({
      client: 'outlook',
      from: actors.addresses(first).coordinator,
      to: invitation.organizer,
      uid: 'meeting-another@integratiepact.localhost',
      sequence: 0,
      dtstamp: new Date(),
      attendee: actors.addresses(first).coordinator,
      partstat: 'DECLINED',
      organizer: invitation.organizer,
      subject: 'Iets anders',
    });
  expect(await handleInboundEmail(deps, await wrongUid())).toBe('meeting_wrong_uid');
  expect(await handleInboundEmail(deps, await wrongUid())).toBe('meeting_wrong_uid');
  const told = await actors.nextEmail(actors.addresses(first).coordinator, /Uw antwoord: Opvolging zorg/);
  expect(told.text).toContain('andere bijeenkomst');
  expect(told.headers['auto-submitted']).toBe('auto-replied');

  const stranger = await calendarReply({
    client: 'google',
    from: 'someone@elsewhere.example',
    to: invitation.organizer,
    uid: invitation.uid,
    sequence: 0,
    dtstamp: new Date(),
    attendee: 'someone@elsewhere.example',
    partstat: 'DECLINED',
    organizer: invitation.organizer,
    subject: 'Opvolging zorg',
  });
  expect(await handleInboundEmail(deps, stranger)).toBe('meeting_wrong_sender');
  const toStranger = await actors.nextEmail('someone@elsewhere.example');
  expect(toStranger.text).toContain('ander adres');
  expect(toStranger.text).not.toMatch(/\/m\//);
  expect(toStranger.text).not.toContain('Coordinator Zorgpunt Rsvp'); // whose invitation it was stays unsaid
  expect(await answerOf(first)).toMatchObject({ answer: before.answer, via: before.via });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await system.mail.messages()).filter((m) => /andere bijeenkomst/.test(m.text))).toHaveLength(1);
  // An auto-reply is never answered.
  const auto = await calendarReply({
    client: 'outlook',
    from: 'someone@elsewhere.example',
    to: invitation.organizer,
    uid: invitation.uid,
    sequence: 0,
    dtstamp: new Date(),
    attendee: 'someone@elsewhere.example',
    partstat: 'DECLINED',
    organizer: invitation.organizer,
    subject: 'Opvolging zorg',
  });
  expect(await handleInboundEmail(deps, Buffer.concat([Buffer.from('Auto-Submitted: auto-replied\r\n'), auto]))).toBe(
    'ignored',
  );
});

test('a COUNTER (another time proposed) goes to staff and changes nothing', async () => {
  const [first] = care as [string];
  const invitation = await readInvitation(invitations[first]!);
  const counter = await calendarReply({
    client: 'outlook',
    method: 'COUNTER',
    from: actors.addresses(first).coordinator,
    to: invitation.organizer,
    uid: invitation.uid,
    sequence: 0,
    dtstamp: new Date(),
    attendee: actors.addresses(first).coordinator,
    partstat: 'TENTATIVE',
    organizer: invitation.organizer,
    subject: 'Opvolging zorg',
  });
  expect(await handleInboundEmail(deps, counter)).toBe('meeting_counter_to_staff');
  const toStaff = await actors.nextEmail(system.config.staffEmail, /Voorstel nieuw tijdstip: Opvolging zorg/);
  expect(toStaff.text).toContain('Coordinator Zorgpunt Rsvp');
  expect(await answerOf(first)).toMatchObject({ answer: 'yes', via: 'calendar' });
});

test('a plain reply "misschien" counts, with what follows as the note, and is confirmed', async () => {
  const [, second] = care as [string, string];
  const message = invitations[second]!;
  const raw = Buffer.from(
    [
      `From: ${actors.addresses(second).coordinator}`,
      `To: ${replyAddressIn(message)}`,
      `Subject: Re: ${message.subject}`,
      `Message-ID: <plain-${Date.now()}@zorgnet.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Misschien, hangt af van de trein.',
      '',
      `> ${message.text.split('\n')[0]}`,
      '',
    ].join('\r\n'),
  );
  expect(await handleInboundEmail(deps, raw)).toBe('meeting_answered');
  expect(await answerOf(second)).toMatchObject({ answer: 'maybe', via: 'email', note: 'hangt af van de trein.' });
  const confirmed = await actors.nextEmail(actors.addresses(second).coordinator, /Uw antwoord: Opvolging zorg/);
  expect(confirmed.text).toContain('Beste Coordinator Zorgnet Rsvp,');
  expect(confirmed.text).toContain('We hebben uw antwoord geregistreerd: misschien.');
});

test('the automatic answers about one invitation share the daily cap of the answers to request replies', async () => {
  const [, second] = care as [string, string];
  const message = invitations[second]!;
  const invitee = (await answerOf(second)) as { id: number };
  const forged = (n: number) =>
    Buffer.from(
      [
        `From: forged${n}@elsewhere.example`,
        `To: ${replyAddressIn(message)}`,
        `Subject: Re: ${message.subject}`,
        `Message-ID: <forged-${n}-${Date.now()}@elsewhere.example>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Ja',
        '',
      ].join('\r\n'),
    );
  for (let n = 0; n < MAX_ANSWERS_PER_DAY + 2; n++)
    expect(await handleInboundEmail(deps, forged(n))).toBe('meeting_wrong_sender');
  const answers = await system.db
    .selectFrom('email_outbox')
    .select('to_address')
    .where('idempotency_key', 'like', `inbound-meeting/${meetingId}/${invitee.id}/%`)
    .execute();
  expect(answers).toHaveLength(MAX_ANSWERS_PER_DAY);
});

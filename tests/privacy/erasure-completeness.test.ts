import { sql } from 'kysely';
import { networkReportActivities } from '../../activities/network-reports';
import { workerOutbox } from '../../worker/outbox';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Issue 22, item 2: after an erasure no column of any table holds the partner's people's names or
 * addresses (current and former) or what they wrote, whatever path put them there: a reminder and
 * an escalation naming the contact, a corrected address with emails sent to the old one, a
 * signatory's comment that sent the intent back, a staff digest. What the design keeps stays.
 */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  // Every request is reminded after 1 s and escalated to staff after 2 s: the emails that name people.
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1s',
    PACT_REMINDER_EVERY: '1h',
    PACT_MAX_REMINDERS: '1',
    PACT_ESCALATE_AFTER: '2s',
    PACT_EXPIRE_AFTER: '1h',
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

/** Every text, varchar and jsonb value in the database that contains one of `needles`, case-insensitively. */
async function leftovers(needles: string[]): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
    order by table_name, column_name`.execute(system.db);
  expect(columns.length).toBeGreaterThan(40); // the query sees the schema
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns)
    for (const needle of needles) {
      const { rows } = await sql<{ value: string }>`
        select ${sql.ref(column)}::text as value from ${sql.table(table)}
        where position(lower(${needle}) in lower(${sql.ref(column)}::text)) > 0`.execute(system.db);
      for (const row of rows) found.push(`${table}.${column} holds "${needle}": ${row.value.slice(0, 200)}`);
    }
  return found;
}

test('no name, address or written text of an erased partner is left in any column of any table', async () => {
  const people = {
    coordinator: { name: 'Hendrika Vanderstraeten', email: 'hendrika@wisvol.example', role: 'coordinator' },
    signatory: { name: 'Boudewijn Claeys', email: 'boudewijn@wisvol.example', role: 'signatory' },
  };
  const correctedAddress = 'h.vanderstraeten@wisvol.example';
  const written = {
    summary: 'Wij openen het Zonnebloematelier voor nieuwkomers.',
    comment: 'Het Zonnebloematelier mist een einddatum.',
  };
  const id = await actors.onboard('Wisvol', { contacts: [people.coordinator, people.signatory] });
  const other = await actors.onboard('Blijfvol');
  const staff = system.config.staffEmail;

  // The coordinator is reminded and escalated to staff by name ("Onbeantwoorde vraag aan <name>").
  await actors.nextEmail(people.coordinator.email, /Herinnering/);
  await actors.nextEmail(staff, new RegExp(`Onbeantwoorde vraag aan ${people.coordinator.name}`));

  // Staff correct the coordinator's address: the emails to the old one stay in the outbox.
  const contacts = (await actors.journey(id)).contacts as { id: number; role: string; email: string }[];
  const corrected = contacts.map((c) => (c.role === 'coordinator' ? { ...c, email: correctedAddress } : c));
  const put = await system.staffFetch(`/api/partners/${id}/contacts`, {
    method: 'PUT',
    body: JSON.stringify({ contacts: corrected }),
  });
  expect(put.status).toBe(200);
  expect((await readJson(put)).readdressed).toHaveLength(1);

  // The intent, its review, and the signatory's refusal with a comment: the intent goes back to the coordinator.
  await actors.expectOk(
    actors.answer(correctedAddress, {
      levers: ['agency'],
      goals: ['placements_for_newcomers'],
      summary: written.summary,
    }),
  );
  await actors.expectOk(actors.answer(staff, { decision: 'approve' }, /^Te beoordelen: .*Wisvol/));
  await actors.expectOk(
    actors.answer(people.signatory.email, { decision: 'decline', comment: written.comment }, /ter ondertekening/),
  );
  const revised = await actors.nextEmail(correctedAddress, /aangepaste engagementsintentie/);
  expect(revised.text).toContain(written.comment);

  // The weekly digest lists the overdue revised request by its recipient's name.
  await new Promise((done) => setTimeout(done, 2_500));
  const digest = networkReportActivities({
    db: system.db,
    outbox: workerOutbox(system.config, system.db),
    config: system.config,
  });
  await digest.sendStaffDigest({ runKey: 'erasure-completeness' });
  const digestEmail = await actors.nextEmail(staff, /Weekoverzicht/);
  expect(digestEmail.text).toContain(people.coordinator.name);

  // Before the erasure every needle is found somewhere: the search can see them.
  const needles = [
    people.coordinator.name,
    people.coordinator.email,
    correctedAddress,
    people.signatory.name,
    people.signatory.email,
    written.summary,
    written.comment,
  ];
  const before = await leftovers(needles);
  for (const needle of needles) expect(before.some((line) => line.includes(`"${needle}"`))).toBe(true);

  const erased = await system.staffFetch(`/api/partners/${id}/erase`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'Verzoek van de partner.' }),
  });
  expect(erased.status).toBe(200);

  expect(await leftovers(needles)).toEqual([]);
  // What the design keeps stays: the organisation, its journey; the other partner is untouched.
  expect(await system.db.selectFrom('partners').select('name').where('id', '=', id).executeTakeFirst()).toEqual({
    name: 'Wisvol',
  });
  expect(await system.db.selectFrom('journeys').select('partner_id').where('partner_id', '=', id).execute()).toEqual([
    { partner_id: id },
  ]);
  expect(await leftovers([`coordinator@${other}.example`])).not.toEqual([]);
}, 120_000);

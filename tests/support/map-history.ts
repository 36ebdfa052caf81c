import type { Db } from '../../db/connection';
import type { JourneyStage } from '../../domain/journey';
import type { ActorType, Lever, Sector } from '../../domain/vocabulary';

/**
 * A known history of the pact, written into the tables with its dates (Jan–Mar 2026): five partners
 * (two formalised and consenting, two formalised without consent, one referred and not yet formalised),
 * a project whose one membership ended, an initiative, a meeting, and an intent whose second answer
 * dropped a lever. The map's tests draw its graph by hand.
 */
export const [A, B, C, D, E] = [
  'kaartmakers-werk',
  'kaartlezers-onderwijs',
  'kaartenhuis-zorg',
  'kaartclub-cultuur',
  'kaartwerf-media',
];
export const P1 = 'b1f4c1de-0000-4000-8000-000000000026';
export const I1 = 'c2f4c1de-0000-4000-8000-000000000026';
export const M1 = 'd3f4c1de-0000-4000-8000-000000000026';

export async function writeMapHistory(db: Db): Promise<void> {
  const partners = [
    {
      id: A,
      name: 'Kaartmakers Werk',
      sector: 'work',
      actor_type: 'market',
      at: '2026-01-10T09:00:00Z',
      stage: 'prototype',
      listed: true,
    },
    {
      id: B,
      name: 'Kaartlezers Onderwijs',
      sector: 'education',
      actor_type: 'state',
      at: '2026-01-12T09:00:00Z',
      stage: 'monitoring',
      listed: false,
    },
    {
      id: C,
      name: 'Kaartenhuis Zorg',
      sector: 'care',
      actor_type: 'civil_society',
      at: '2026-02-01T09:00:00Z',
      stage: 'commitment',
      listed: true,
      referredBy: A,
    },
    {
      id: D,
      name: 'Kaartclub Cultuur',
      sector: 'culture',
      actor_type: 'civil_society',
      at: '2026-02-05T09:00:00Z',
      stage: 'prototype',
      listed: true,
    },
    {
      id: E,
      name: 'Kaartwerf Media',
      sector: 'media',
      actor_type: 'market',
      at: '2026-02-06T09:00:00Z',
      stage: 'monitoring',
      listed: false,
    },
  ] as const;
  for (const p of partners) await writePartner(db, p);
  await db
    .insertInto('projects')
    .values({
      id: P1,
      idempotency_key: 'kaartproject-samen',
      title: 'Kaartproject Samen',
      description: 'Samen aan de slag.',
      levers: JSON.stringify(['agency']),
      status: 'running',
      created_at: '2026-02-10T09:00:00Z',
    })
    .execute();
  const member = (partner_id: string, joined_at: string, left_at: string | null = null) => ({
    project_id: P1,
    partner_id,
    status: 'confirmed' as const,
    answered_at: joined_at,
    joined_at,
    left_at,
  });
  await db
    .insertInto('project_partners')
    .values([
      member(A, '2026-02-15T09:00:00Z'),
      member(B, '2026-02-16T09:00:00Z', '2026-03-20T09:00:00Z'),
      member(D, '2026-02-17T09:00:00Z'),
      member(E, '2026-02-18T09:00:00Z'),
    ])
    .execute();
  await db
    .insertInto('initiatives')
    .values({
      id: I1,
      idempotency_key: 'kaartinitiatief-taal',
      title: 'Kaartinitiatief Taal',
      description: 'Taalcoaching op de werkvloer.',
      kind: 'proposal',
      origin: 'staff',
      levers: JSON.stringify(['trust']),
      created_at: '2026-02-20T09:00:00Z',
    })
    .execute();
  await db
    .insertInto('initiative_partners')
    .values([
      { initiative_id: I1, partner_id: A, role: 'proposer', since: '2026-02-20T09:00:00Z' },
      { initiative_id: I1, partner_id: C, role: 'supporter', since: '2026-03-01T09:00:00Z' },
    ])
    .execute();
  await db
    .insertInto('meetings')
    .values({
      id: M1,
      idempotency_key: 'kaartoverleg',
      title: 'Kaartoverleg',
      levers: JSON.stringify([]),
      starts_at: '2026-03-05T14:00:00Z',
      ends_at: '2026-03-05T16:00:00Z',
      place: 'Brussel',
      agenda: 'Kennismaking',
      status: 'held',
      created_at: '2026-02-25T09:00:00Z',
    })
    .execute();
  const contactOf = async (partner: string) =>
    (await db.selectFrom('contacts').select('id').where('partner_id', '=', partner).executeTakeFirstOrThrow()).id;
  const invitee = async (partner: string, answer: 'yes' | 'no' | null, attended: boolean | null) => ({
    meeting_id: M1,
    partner_id: partner,
    contact_id: await contactOf(partner),
    token_hash: `token-${partner}`,
    reply_token_hash: `reply-${partner}`,
    answer,
    attended,
  });
  await db
    .insertInto('meeting_invitees')
    .values([
      await invitee(A, 'yes', true), // marked present
      await invitee(C, 'yes', null), // no presence recorded: a yes counts
      await invitee(B, 'yes', false), // said yes, marked absent: did not attend
    ])
    .execute();
  // A's intent named two levers; a later intent (sent back and answered again) dropped trust.
  await db
    .insertInto('requests')
    .values([
      answeredIntent('kaart-intent-1', A, ['agency', 'trust'], '2026-01-20T09:00:00Z'),
      answeredIntent('kaart-intent-2', A, ['agency'], '2026-03-10T09:00:00Z'),
    ])
    .execute();
}

/** A partner as the map reads it: its row, its journey at `stage`, and a coordinator. */
export async function writePartner(
  db: Db,
  p: {
    id: string;
    name: string;
    sector: Sector;
    actor_type: ActorType;
    at: string;
    stage: JourneyStage;
    listed: boolean;
    referredBy?: string;
  },
): Promise<void> {
  await db
    .insertInto('partners')
    .values({
      id: p.id,
      name: p.name,
      sector: p.sector,
      actor_type: p.actor_type,
      language: 'nl',
      created_at: p.at,
      public_listing: p.listed,
      referred_by: p.referredBy ?? null,
    })
    .execute();
  await db
    .insertInto('journeys')
    .values({ partner_id: p.id, workflow_id: `journey-${p.id}`, stage: p.stage, status: 'none', updated_at: p.at })
    .execute();
  await db
    .insertInto('contacts')
    .values({
      partner_id: p.id,
      name: 'Coördinator',
      email: `${p.id}@example.org`,
      role: 'coordinator',
      language: 'nl',
    })
    .execute();
}

/** A partner's answered intent request naming `levers` (the map's partner → lever edges). */
export const answeredIntent = (id: string, partner: string, levers: Lever[], answeredAt: string) => ({
  id,
  partner_id: partner,
  workflow_id: `request-${id}`,
  kind: 'intent' as const,
  recipient_email: `${partner}@example.org`,
  recipient_name: 'Coördinator',
  status: 'answered' as const,
  token_hash: `token-${id}`,
  topic: { kind: 'intent' as const },
  answer: { levers, goals: ['mutual_respect' as const], summary: 'Samen', targets: { placements_offered: 10 } },
  due_at: answeredAt,
  expires_at: answeredAt,
  created_at: answeredAt,
  answered_at: answeredAt,
});

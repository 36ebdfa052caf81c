import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { NewPartner } from '../../db/schema';
import type { Lever } from '../../domain/vocabulary';

/**
 * Public-side data stored directly (the consent flows and journeys that write it are other features):
 * the public side test and the public pages' browser test share it.
 */
export const period = { label: '2025-Q1', start: '2025-01-01T00:00:00Z', end: '2025-04-01T00:00:00Z' };

export async function partner(
  db: Db,
  id: string,
  name: string,
  options: {
    sector: NewPartner['sector'];
    levers: Lever[];
    consent: boolean;
    stage?: 'prototype' | 'monitoring' | 'commitment';
    value?: number;
  },
) {
  await db
    .insertInto('partners')
    .values({
      id,
      name,
      sector: options.sector,
      actor_type: 'civil_society',
      language: 'nl',
      public_listing: options.consent,
    })
    .execute();
  await db
    .insertInto('journeys')
    .values({
      partner_id: id,
      workflow_id: `journey-${id}`,
      stage: options.stage ?? 'monitoring',
      status: 'none',
      formalised_at: options.stage === 'commitment' ? null : '2025-01-15T10:00:00Z',
      updated_at: new Date(),
    })
    .execute();
  await db
    .insertInto('requests')
    .values({
      id: `intent-${id}`,
      partner_id: id,
      workflow_id: `request-intent-${id}`,
      kind: 'intent',
      recipient_email: `coordinator@${id}.example`,
      recipient_name: 'Coördinator',
      token_hash: `hash-${id}`,
      reply_token_hash: `reply-hash-${id}`,
      topic: { kind: 'intent' } as never,
      status: 'answered',
      answer: { levers: options.levers, goals: [], summary: 'geheim plan van de partner' },
      due_at: new Date(),
      expires_at: new Date(),
      answered_at: '2024-12-01T10:00:00Z',
    })
    .execute();
  if (options.consent)
    await db
      .insertInto('public_listing_changes')
      .values({ partner_id: id, listed: true, via: 'signature', recorded_by: 'partner' })
      .execute();
  if (options.value !== undefined) await report(db, id, 'placements_offered', options.value);
}

export async function report(db: Db, partnerId: string, indicator: string, value: number) {
  await db
    .insertInto('indicator_values')
    .values({
      partner_id: partnerId,
      period: period.label,
      indicator,
      value,
      request_id: `report-${partnerId}-${indicator}`,
      period_start: period.start,
      period_end: period.end,
    })
    .execute();
}

export async function withdraw(db: Db, id: string) {
  await db.updateTable('partners').set({ public_listing: false }).where('id', '=', id).execute();
  await db
    .insertInto('public_listing_changes')
    .values({ partner_id: id, listed: false, via: 'consent_link', recorded_by: 'partner' })
    .execute();
}

export const hidden = { id: 'openbaar-verborgen-schaduw', name: 'Verborgen Vzw Schaduwkant' };
export const notFormal = { id: 'openbaar-nog-niet-formeel', name: 'Nog Niet Formeel Bvba' };
export const withdrawer = { id: 'openbaar-werk-terugtrekker', name: 'Terugtrekker Werkplaats' };

/** The public side's data: who is listed, who is not, a project, a meeting held, ranked initiatives. */
export async function seedPublicSide(db: Db): Promise<{ projectId: string }> {
  for (const n of [1, 2, 3])
    await partner(db, `openbaar-werk-${n}`, `Openbare Werkplaats ${n}`, {
      sector: 'work',
      levers: ['trust'],
      consent: true,
      value: 5,
    });
  await partner(db, withdrawer.id, withdrawer.name, { sector: 'work', levers: ['trust'], consent: true, value: 5 });
  await partner(db, 'openbaar-zorg-1', 'Openbaar Zorghuis Een', {
    sector: 'care',
    levers: ['trust'],
    consent: true,
    value: 7,
  });
  await partner(db, 'openbaar-zorg-2', 'Openbaar Zorghuis Twee', {
    sector: 'care',
    levers: ['trust'],
    consent: true,
    value: 8,
  });
  for (const n of [1, 2, 3])
    await partner(db, `openbaar-school-${n}`, `Openbare School ${n}`, {
      sector: 'education',
      levers: ['agency'],
      consent: true,
      value: 1,
    });
  // Formalised, did not consent; reports a large figure that would show in every total.
  await partner(db, hidden.id, hidden.name, { sector: 'work', levers: ['trust'], consent: false, value: 1000 });
  // Consented, not formalised yet.
  await partner(db, notFormal.id, notFormal.name, {
    sector: 'work',
    levers: ['trust'],
    consent: true,
    stage: 'commitment',
  });

  const projectId = randomUUID();
  await db
    .insertInto('projects')
    .values({
      id: projectId,
      idempotency_key: projectId,
      title: 'Buurtstages voor nieuwkomers',
      description: 'Omschrijving met de naam van een contactpersoon',
      levers: JSON.stringify(['agency']),
      status: 'running',
    })
    .execute();
  await db
    .insertInto('project_partners')
    .values([
      { project_id: projectId, partner_id: 'openbaar-school-1', status: 'confirmed' },
      { project_id: projectId, partner_id: hidden.id, status: 'confirmed' },
      { project_id: projectId, partner_id: withdrawer.id, status: 'confirmed' },
    ])
    .execute();
  // A project closed with its outcome (a listed partner took part), and a round whose result set the priorities.
  const closedId = randomUUID();
  await db
    .insertInto('projects')
    .values({
      id: closedId,
      idempotency_key: closedId,
      title: 'Taalcafé in de bibliotheek',
      description: 'Afgerond',
      levers: JSON.stringify(['trust']),
      status: 'closed',
      closed_at: '2025-06-30T10:00:00Z',
      evaluation: 'Goed bezocht',
      score: 4,
      learned: 'Vaste momenten werken',
      closed_by: 'staff@example.org',
    })
    .execute();
  await db
    .insertInto('project_partners')
    .values({ project_id: closedId, partner_id: 'openbaar-zorg-1', status: 'confirmed' })
    .execute();
  const roundId = randomUUID();
  await db
    .insertInto('prioritisation_rounds')
    .values({
      id: roundId,
      idempotency_key: roundId,
      title: 'Prioriteiten najaar',
      closes_at: '2025-09-30T16:00:00Z',
      max_ranked: 3,
      prioritise_top: 2,
      invitees: JSON.stringify({}),
      status: 'closed',
      closed_at: '2025-09-30T16:00:00Z',
      closed_by: 'timer',
      result: JSON.stringify([]),
    })
    .execute();
  await db
    .insertInto('meetings')
    .values({
      id: randomUUID(),
      idempotency_key: 'openbaar-lerend-netwerk',
      title: 'Lerend netwerk voorjaar',
      levers: JSON.stringify([]),
      sector: null,
      starts_at: '2025-03-10T09:00:00Z',
      ends_at: '2025-03-10T11:00:00Z',
      place: 'Stadhuis',
      agenda: 'Agenda',
      status: 'held',
    })
    .execute();
  await db
    .insertInto('initiatives')
    .values([
      {
        id: randomUUID(),
        idempotency_key: 'openbaar-i2',
        title: 'Taalcoaching op de werkvloer',
        description: '',
        kind: 'proposal',
        origin: 'staff',
        levers: JSON.stringify(['agency']),
        priority_rank: 2,
      },
      {
        id: randomUUID(),
        idempotency_key: 'openbaar-i1',
        title: 'Anoniem solliciteren',
        description: '',
        kind: 'proposal',
        origin: 'staff',
        levers: JSON.stringify(['fundamental_rights']),
        priority_rank: 1,
      },
      {
        id: randomUUID(),
        idempotency_key: 'openbaar-i3',
        title: 'Niet geprioriteerd idee',
        description: '',
        kind: 'proposal',
        origin: 'staff',
        levers: JSON.stringify([]),
      },
    ])
    .execute();
  return { projectId };
}

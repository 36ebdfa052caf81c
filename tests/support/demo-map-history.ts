import { castOf, goesAsFarAs, type Reach } from '../../demo/cast';
import { initiatives, supporterId } from '../../demo/portfolio';
import type { Db } from '../../db/connection';
import { partnerIdFromName } from '../../domain/partner';
import type { JourneyStage } from '../../domain/journey';
import { answeredIntent, writePartner } from './map-history';

/** Added to every name of the demo's cast here: names stay unique across the test files. */
export const demoMapTag = 'Kaartrand';

const stageOf: Record<Reach, JourneyStage> = {
  invited: 'intent',
  intent: 'intent',
  signature: 'commitment',
  formalised: 'prototype',
  project: 'prototype',
  reporting: 'monitoring',
};

/**
 * The demo pact's map (`npm run demo`: its 36 organisations, their intents' levers, the referrals, the
 * portfolio of initiatives and the four projects that won the round) written straight into the tables,
 * for tests of the map's drawing at the size people see it first; without the demo's minutes of
 * journeys. Everything is dated 2026-01-05.
 */
export async function writeDemoMapHistory(db: Db): Promise<void> {
  const at = '2026-01-05T09:00:00Z';
  const cast = castOf(demoMapTag);
  for (const o of cast)
    await writePartner(db, {
      id: partnerIdFromName(o.name),
      name: o.name,
      sector: o.sector,
      actor_type: o.actorType,
      at,
      stage: stageOf[o.reach],
      listed: o.listed,
      ...(o.referredBy ? { referredBy: partnerIdFromName(o.referredBy) } : {}),
    });
  await db
    .insertInto('requests')
    .values(
      cast
        .filter((o) => goesAsFarAs(o, 'intent'))
        .map((o) =>
          answeredIntent(`kaartrand-intent-${partnerIdFromName(o.name)}`, partnerIdFromName(o.name), o.levers, at),
        ),
    )
    .execute();
  for (const [i, initiative] of initiatives.entries()) {
    const id = `e5f4c1de-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
    const supporters = initiative.supporters.map((name) => supporterId(name, demoMapTag));
    const levers = JSON.stringify(initiative.levers);
    await db
      .insertInto('initiatives')
      .values({
        id,
        idempotency_key: `kaartrand-${initiative.key}`,
        title: initiative.title,
        description: initiative.description,
        kind: 'proposal',
        origin: 'staff',
        levers,
        created_at: at,
      })
      .execute();
    await db
      .insertInto('initiative_partners')
      .values(
        supporters.map((partner_id) => ({ initiative_id: id, partner_id, role: 'supporter' as const, since: at })),
      )
      .execute();
    if (!initiative.wins) continue;
    const projectId = `f6f4c1de-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
    await db
      .insertInto('projects')
      .values({
        id: projectId,
        idempotency_key: `kaartrand-project-${initiative.key}`,
        title: initiative.title,
        description: initiative.description,
        levers,
        status: 'running',
        created_at: at,
      })
      .execute();
    await db
      .insertInto('project_partners')
      .values(
        supporters.map((partner_id) => ({
          project_id: projectId,
          partner_id,
          status: 'confirmed' as const,
          answered_at: at,
          joined_at: at,
        })),
      )
      .execute();
  }
}

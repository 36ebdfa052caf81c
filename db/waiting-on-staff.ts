import { terminalStages, type JourneyStage, type RequestKind } from '../domain/journey';
import type { StoredTopic } from '../domain/request-topics';
import type { Db } from './connection';

/**
 * What a journey that waits on staff waits for (docs/architecture.md, "Waiting on staff"): a request
 * to staff or the director (a review, a countersignature), staff's decision on an expired request
 * (re-send or let lapse), or, at `prototype`, a project to join.
 */
export type StaffTask =
  | { kind: 'answer'; request: { kind: RequestKind; topic: StoredTopic; recipient: string } }
  | { kind: 'expired'; request: { kind: RequestKind; topic: StoredTopic } }
  | { kind: 'project' }
  /** The journey has just asked staff; the request is being opened. */
  | { kind: 'opening' };

export interface WaitingOnStaff {
  partnerId: string;
  partnerName: string;
  stage: JourneyStage;
  since: Date;
  task: StaffTask;
}

/**
 * The one rule for "waiting on staff", read by the dashboard and the weekly digest alike: journeys
 * the workflow marked `waiting_staff`, longest waiting first, each with its partner's latest request,
 * which says what is awaited. An expired request that was re-sent is no longer the latest, so it is
 * never shown again.
 */
export async function waitingOnStaff(db: Db, limit: number): Promise<WaitingOnStaff[]> {
  const rows = await db
    .selectFrom('journeys')
    .innerJoin('partners', 'partners.id', 'journeys.partner_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('requests')
          .select(['requests.kind', 'requests.topic', 'requests.status', 'requests.recipient_email'])
          .whereRef('requests.partner_id', '=', 'journeys.partner_id')
          .orderBy('requests.created_at', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select([
      'partners.id as partnerId',
      'partners.name as partnerName',
      'journeys.stage',
      'journeys.updated_at as since',
      'latest.kind',
      'latest.topic',
      'latest.status',
      'latest.recipient_email as recipient',
    ])
    .where('journeys.status', '=', 'waiting_staff')
    .where('journeys.stage', 'not in', terminalStages)
    .orderBy('journeys.updated_at')
    .limit(limit)
    .execute();
  return rows.map(({ kind, topic, status, recipient, ...journey }) => ({
    ...journey,
    task:
      kind !== null && topic !== null && status === 'pending'
        ? { kind: 'answer', request: { kind, topic, recipient: recipient ?? '' } }
        : kind !== null && topic !== null && status === 'expired'
          ? { kind: 'expired', request: { kind, topic } }
          : journey.stage === 'prototype'
            ? { kind: 'project' }
            : { kind: 'opening' },
  }));
}

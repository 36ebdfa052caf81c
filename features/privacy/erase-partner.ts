import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import { recordListingChange } from '../../db/public-listing';
import type { EmailStatus } from '../../db/schema';
import { journeyWorkflowId, partnerIdOfWorkflow } from '../../domain/workflow-ids';
import { withdrawUpdate } from '../../workflows/definitions';
import type { PostgresDataKeys } from '../../privacy/data-keys';

export interface ErasureDeps {
  db: Db;
  /** A client with the payload codec: the journey's withdraw Update is encoded for the partner. */
  temporal: Client;
  dataKeys: PostgresDataKeys;
}

export interface ErasureRequest {
  partnerId: string;
  reason: string;
  /** Who asks, without personal data: `staff:<user id>`, `token:bootstrap`, `cli`. */
  by: string;
}

export interface ErasureResult {
  partnerId: string;
  /** When the erasure first completed. */
  erasedAt: Date;
  /** Erased before this call: nothing more was done. */
  alreadyErased: boolean;
  /** Workflows this call ended: withdrawn (the journey) or terminated. */
  workflowsEnded: string[];
}

export class PartnerNotFound extends Error {
  override name = 'PartnerNotFound';
}

export const erasedText = '[erased]';
const personalAnswerFields = ['comment', 'narrative', 'summary', 'initiatives'];
/** How long requests get to close after the journey's withdrawal cancelled them, before they are terminated. */
const closeGraceMs = 5_000;
/** How long the journey gets to accept its withdrawal (no worker running: it would wait for ever) before it is terminated. */
const withdrawGraceMs = 10_000;

/**
 * Erases a partner's personal data (docs/privacy.md, "Erasure"): ends its open workflows, deletes
 * the personal fields of its contacts, requests, emails and timeline in Postgres, then deletes its
 * data key, so its histories in Temporal can no longer be read. Its consent to be listed publicly is
 * withdrawn first, so it is off every public output. Every step can run again: after a
 * crash half-way, the next call finishes the job; after a completed erasure, a call does nothing.
 * The organisation record and its indicator values (aggregates, not personal) stay.
 */
export async function erasePartner(deps: ErasureDeps, request: ErasureRequest): Promise<ErasureResult> {
  const { db } = deps;
  const partner = await db.selectFrom('partners').select('id').where('id', '=', request.partnerId).executeTakeFirst();
  if (!partner) throw new PartnerNotFound(`There is no partner with id "${request.partnerId}".`);
  const done = await db
    .selectFrom('erasures')
    .select('completed_at')
    .where('partner_id', '=', partner.id)
    .where('completed_at', 'is not', null)
    .orderBy('completed_at')
    .executeTakeFirst();
  if (done?.completed_at)
    return { partnerId: partner.id, erasedAt: done.completed_at, alreadyErased: true, workflowsEnded: [] };

  const audit =
    (await db
      .selectFrom('erasures')
      .select('id')
      .where('partner_id', '=', partner.id)
      .where('completed_at', 'is', null)
      .executeTakeFirst()) ??
    (await db
      .insertInto('erasures')
      .values({ partner_id: partner.id, erased_by: request.by, reason: request.reason })
      .returning('id')
      .executeTakeFirstOrThrow());

  // Off every public output first (docs/privacy.md, Consent to be listed): its consent came from people
  // whose data goes now. Recorded as a change like any other, by the erasure (its audit row), not by a person.
  await recordListingChange(db, {
    partnerId: partner.id,
    listed: false,
    via: 'erasure',
    recordedBy: `erasure:${audit.id}`,
  });
  const workflowsEnded = await endWorkflows(deps, partner.id, request.reason);
  await deletePersonalFields(db, partner.id);
  await deps.dataKeys.erase(partner.id);
  // The database's clock, which other processes compare with.
  const { completed_at: erasedAt } = await db
    .updateTable('erasures')
    .set({ completed_at: sql<Date>`now()` })
    .where('id', '=', audit.id)
    .returning('completed_at')
    .executeTakeFirstOrThrow();
  return { partnerId: partner.id, erasedAt: erasedAt!, alreadyErased: false, workflowsEnded };
}

/**
 * The journey is withdrawn through its own Update (it cancels its requests and records why); any
 * request or reporting period of the partner still running afterwards is terminated, which runs
 * no more of its code (no email to someone whose data is being erased).
 */
async function endWorkflows(deps: ErasureDeps, partnerId: string, reason: string): Promise<string[]> {
  const { temporal, db } = deps;
  const ended: string[] = [];
  const journeyId = journeyWorkflowId(partnerId);
  if (await isRunning(temporal, journeyId)) {
    try {
      await temporal.withDeadline(Date.now() + withdrawGraceMs, () =>
        temporal.workflow
          .getHandle(journeyId)
          .executeUpdate(withdrawUpdate, { args: [{ reason: `Personal data erased: ${reason}`, by: 'staff' }] }),
      );
      ended.push(journeyId);
    } catch {
      // Ended meanwhile, refused the withdrawal, or no worker took it in time: terminated below if still running.
    }
  }
  const fromDatabase = await db
    .selectFrom('requests')
    .select('workflow_id')
    .where('partner_id', '=', partnerId)
    .where('status', '=', 'pending')
    .execute();
  const prefixes = ['request', 'report'].map((kind) => `WorkflowId STARTS_WITH "${kind}-${partnerId}-"`);
  const listed: string[] = [];
  for await (const execution of temporal.workflow.list({
    query: `ExecutionStatus = "Running" AND (${prefixes.join(' OR ')})`,
  }))
    if (partnerIdOfWorkflow(execution.workflowId) === partnerId) listed.push(execution.workflowId);
  const candidates = [...new Set([journeyId, ...fromDatabase.map((r) => r.workflow_id), ...listed])];

  const deadline = Date.now() + closeGraceMs;
  for (const workflowId of candidates) {
    while ((await isRunning(temporal, workflowId)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    if (!(await isRunning(temporal, workflowId))) continue;
    await temporal.workflow
      .getHandle(workflowId)
      .terminate(`personal data of partner ${partnerId} erased`)
      .catch(() => undefined); // closed meanwhile
    if (!ended.includes(workflowId)) ended.push(workflowId);
  }
  return ended;
}

async function isRunning(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    return (await temporal.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch (error) {
    if ((error as Error).name === 'WorkflowNotFoundError') return false;
    throw error;
  }
}

/** Every column that holds the partner's personal data (db/schema.ts), in one transaction. */
async function deletePersonalFields(db: Db, partnerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const requests = await trx.selectFrom('requests').select('id').where('partner_id', '=', partnerId).execute();
    const keyPatterns = [...requests.map((r) => `request/${r.id}/%`), `journey/${partnerId}/%`];
    // Rows name their partners (partner_ids); rows stored before that were given them by migration 012, and
    // the current addresses and idempotency keys still find any it missed.
    const addresses = (
      await trx
        .selectFrom('contacts')
        .select(sql<string>`lower(email)`.as('address'))
        .where('partner_id', '=', partnerId)
        .execute()
    ).map((row) => row.address);
    await trx
      .updateTable('email_outbox')
      .set({
        to_address: erasedText,
        subject: erasedText,
        text_body: '',
        html_body: '',
        // An email not sent yet has no one to go to any more; an error may have quoted the address.
        status: sql<EmailStatus>`case when status = 'pending' then 'failed' else status end`,
        last_error: sql<string>`case when status = 'pending' then 'personal data erased before sending' else null end`,
      })
      .where((eb) =>
        eb.or([
          sql<boolean>`${partnerId} = any(partner_ids)`,
          ...(addresses.length > 0 ? [eb(sql`lower(to_address)`, 'in', addresses)] : []),
          ...keyPatterns.map((pattern) => eb('idempotency_key', 'like', pattern)),
        ]),
      )
      .execute();
    await trx
      .updateTable('contacts')
      .set({ name: erasedText, email: sql<string>`'erased-' || id || '@erased.invalid'` })
      .where('partner_id', '=', partnerId)
      .execute();
    await trx
      .updateTable('requests')
      .set({
        recipient_name: erasedText,
        recipient_email: erasedText,
        answer: sql`answer - ${sql.raw(personalAnswerFields.map((f) => `'${f}'`).join(' - '))}`,
      })
      .where('partner_id', '=', partnerId)
      .execute();
    await trx
      .updateTable('journey_events')
      .set({ summary: erasedText, data: sql`'{}'::jsonb` })
      .where('partner_id', '=', partnerId)
      .execute();
    // What people wrote in their own words (comments, summaries, narratives, reasons).
    await trx.deleteFrom('written_texts').where('partner_id', '=', partnerId).execute();
    // The consent link was its people's: nobody can list the partner again with it (staff still can).
    await trx.deleteFrom('consent_links').where('partner_id', '=', partnerId).execute();
    // A CSV import still running keeps its upload: the lines naming the partner or its people lose
    // their row (the import reports them as not imported); the lines' results hold no personal data.
    await trx
      .updateTable('partner_import_lines')
      .set({ record: null })
      .where('record', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('partner_id', '=', partnerId),
          // In any column: an address is the person's wherever the file put it.
          ...(addresses.length > 0
            ? [
                sql<boolean>`exists (select 1 from jsonb_each_text(record) as cell where lower(cell.value) in (${sql.join(addresses)}))`,
              ]
            : []),
        ]),
      )
      .execute();
  });
}

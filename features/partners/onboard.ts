import { isGrpcDeadlineError, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../../config/config';
import type { Db } from '../../db/connection';
import { type DataKeys, PartnerErased } from '../../privacy/data-keys';
import { partnerIdFromName } from '../../domain/partner';
import type { PartnerInput } from './schema';
import { ActorTypeKey, JourneyStageKey, PartnerIdKey, PartnerNameKey, SectorKey } from '../../domain/search-attributes';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import type { JourneyInput } from '../../workflows/definitions';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { EngineUnreachable, probeEngine, withEngineDeadline } from '../../temporal/client';
import { startWorkflow } from '../../temporal/start-workflow';
import { responsibleAtOnboarding } from './responsible-staff';
import { storeWrittenTexts } from '../../db/written-texts';
import type { Intent } from '../../domain/request-topics';
import type { Lever, PactGoal } from '../../domain/vocabulary';

/** How long a journey start may take once the engine answered the probe (a loaded server is slow, not away). */
const startDeadlineMs = 10_000;

/** A partner that joined from the public form (features/joining/review.ts): its journey starts at the intent review. */
export interface Joined {
  intent: { levers: Lever[]; goals: PactGoal[]; summary: string };
  /** The partner whose invitation link brought it. */
  referredBy?: string;
  /** Runs in the onboarding's transaction once the partner is stored: a refusal stores nothing. */
  withinTransaction?: (tx: Db, partnerId: string) => Promise<void>;
}

/** What onboarding needs: the API's deps, or a worker's (the CSV import's activity). */
export interface OnboardingDeps {
  db: Db;
  temporal: Client;
  config: Config;
  dataKeys: DataKeys;
  log?: (error: unknown) => void;
}

export interface OnboardedPartner {
  id: string;
  workflowId: string;
  stage: 'intent';
}

/**
 * Stores a new partner and starts its journey, all or nothing: the workflow starts inside the
 * database transaction, so a duplicate or an unreachable engine leaves neither row nor workflow.
 * (If the commit itself fails after the start, the journey's first activity records the partner
 * from its input.)
 */
export async function onboardPartner(
  deps: OnboardingDeps,
  input: PartnerInput,
  onboardedBy?: { staffUserId: number },
  joined?: Joined,
  /** Runs in the transaction once the partner is stored, like `joined.withinTransaction`, for any caller. */
  withinTransaction?: (tx: Db, partnerId: string) => Promise<void>,
): Promise<OnboardedPartner> {
  const id = partnerIdFromName(input.name);
  if (!id)
    throw new ApiError(400, 'invalid_request', 'name: must contain letters or digits', [
      { field: 'name', message: 'must contain letters or digits' },
    ]);
  const language = input.language ?? 'nl';
  const contacts = input.contacts.map((c) => ({
    name: c.name,
    email: c.email.toLowerCase(),
    role: c.role,
    language: c.language ?? language,
  }));
  if (!contacts.some((c) => c.role === 'coordinator')) {
    throw new ApiError(
      400,
      'invalid_request',
      'contacts: add a contact with role "coordinator": the journey starts by emailing them',
      [{ field: 'contacts', message: 'needs a contact with role "coordinator"' }],
    );
  }
  const responsibleUserId = await responsibleAtOnboarding(deps.db, input.responsibleUserId, onboardedBy);
  const workflowId = journeyWorkflowId(id);
  const partner = { id, name: input.name.trim(), actorType: input.actorType, sector: input.sector, language };

  const exists = () =>
    new ApiError(
      409,
      'partner_exists',
      `A partner named like "${input.name}" already exists with id "${id}"; open GET /api/partners/${id} instead.`,
      { id },
    );

  // The journey's input is encrypted with the partner's data key while the transaction below holds
  // a database connection: making (or loading) the key first keeps the codec from waiting for a
  // connection of the same pool, which twenty onboardings at once would otherwise exhaust.
  await deps.dataKeys.forEncoding(id).catch((error: unknown) => {
    throw error instanceof PartnerErased ? exists() : error;
  });
  await deps.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('partners')
      .values({
        id,
        name: partner.name,
        actor_type: input.actorType,
        sector: input.sector,
        language,
        responsible_user_id: responsibleUserId,
        referred_by: joined?.referredBy ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw exists();
    const stored = await tx
      .insertInto('contacts')
      .values(contacts.map((c) => ({ partner_id: id, ...c })))
      .onConflict((oc) => oc.columns(['partner_id', 'email', 'role']).doNothing())
      .returning(['id', 'role'])
      .execute();
    // The journey carries contact ids and staff roles, never names or addresses (docs/workflow-versioning.md, v3).
    const contactId = (role: 'coordinator' | 'signatory') => stored.find((c) => c.role === role)?.id;
    // The declared intent's summary goes to written_texts like an answer's; the journey gets its id.
    const declared = joined && {
      levers: joined.intent.levers,
      goals: joined.intent.goals,
      ...(await storeWrittenTexts(tx, { partnerId: id }, { summary: joined.intent.summary }, ['summary'])),
    };
    const journeyInput: JourneyInput = {
      partner,
      coordinator: { role: 'coordinator', contactId: contactId('coordinator') },
      signatory: { role: 'signatory', contactId: contactId('signatory') ?? contactId('coordinator') },
      staff: 'staff',
      director: 'director',
      policy: deps.config.policy,
      ...(declared ? { intent: declared as Pick<Intent, 'levers' | 'goals' | 'textsId'> as Intent } : {}),
    };
    await joined?.withinTransaction?.(tx, id);
    await withinTransaction?.(tx, id);
    await tx
      .insertInto('journeys')
      .values({
        partner_id: id,
        workflow_id: workflowId,
        stage: 'intent',
        status: joined ? 'waiting_staff' : 'waiting_partner',
        updated_at: new Date(),
      })
      .execute();
    try {
      // While Temporal is away, say so at once (503, Retry-After) instead of hanging in retries.
      await probeEngine(deps.temporal);
      await withEngineDeadline(deps.temporal, startDeadlineMs, () =>
        startWorkflow(deps.temporal, 'partnerJourney', {
          workflowId,
          taskQueue: deps.config.temporal.taskQueue,
          args: [journeyInput],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          staticSummary: `${partner.name}: journey through the Integratiepact`,
          typedSearchAttributes: [
            { key: PartnerIdKey, value: id },
            { key: PartnerNameKey, value: partner.name },
            { key: JourneyStageKey, value: 'intent' },
            { key: SectorKey, value: input.sector },
            { key: ActorTypeKey, value: input.actorType },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw exists();
      deps.log?.(error);
      // The engine answered the probe but not the start in time: the start may still have happened.
      if (!(error instanceof EngineUnreachable) && isGrpcDeadlineError(error)) {
        throw engineUnavailable(
          `The workflow engine (Temporal) did not confirm the start in time. Try again in a minute: if the journey did start, the answer is 409 naming partner "${id}".`,
        );
      }
      throw engineUnavailable();
    }
  });
  return { id, workflowId, stage: 'intent' };
}

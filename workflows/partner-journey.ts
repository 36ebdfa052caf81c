import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  patched,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { draftCommitment } from '../domain/commitment';
import { type JourneyStage, type JourneyStatus, terminalStages } from '../domain/journey';
import {
  firstReportingPeriod,
  periodCount,
  reportingPeriod as periodAt,
  reportingPeriodAfter,
  withinTerm,
} from '../domain/reporting-periods';
import type { Commitment, Intent, ReportingPeriod, RequestTopic, TopicOf } from '../domain/request-topics';
import { ActorTypeKey, JourneyStageKey, PartnerNameKey, SectorKey } from '../domain/search-attributes';
import { reportingPeriodWorkflowId } from '../domain/workflow-ids';
import type { JourneyProgressEvent } from '../activities/journey';
import { activities, shortStepActivities } from './activity-proxies';
import {
  changePartnerUpdate,
  type ContactRef,
  type JourneyInput,
  type JourneyState,
  joinedProjectSignal,
  journeyStateQuery,
  type Recipient,
  type RequestOutcome,
  resolveExpiredRequestUpdate,
  type Withdrawal,
  withdrawUpdate,
} from './definitions';
import { reportingPeriod } from './reporting-period';
import { requestSummary } from './recipients';
import { type Answered, answered, newRequestId, request, requestChildOptions } from './request';

const { notifyRequestExpired, nudgeStaffAboutPrototype, sendFormalisedEmail } = activities;

/** Patch id: reporting periods on the calendar (docs/workflow-versioning.md). */
export const calendarPeriodsPatch = 'calendar-reporting-periods';

/** Patch id: staff change the partner's details and contacts while the journey runs (docs/workflow-versioning.md). */
export const partnerRecordPatch = 'partner-record-changes';

/** Patch id: a journey from the public join form starts at the intent review (docs/workflow-versioning.md). */
export const joinStartsAtIntentReviewPatch = 'join-starts-at-intent-review';
/**
 * Patch id: once the commitment is countersigned, the partner is emailed that its partnership is
 * formalised, with its consent link and invitation link (docs/workflow-versioning.md, docs/privacy.md).
 */
export const formalisedEmailPatch = 'formalised-email';

/** Monitoring periods per run before the journey continues as new, keeping each history small. */
const periodsPerRun = 8;

/** Whom the journey asks, by the role they are asked in. */
type Asked = 'coordinator' | 'signatory' | 'staff' | 'director';

/** Staff let an expired request lapse: the journey ends. */
class JourneyLapsed extends Error {}

/**
 * A partner's journey through the pact (`journey-<partnerId>`, README.md, How it works):
 * intent → commitment → prototype → monitoring → completed; or withdrawn, or lapsed.
 */
export async function partnerJourney(input: JourneyInput): Promise<JourneyState> {
  const { partner, policy } = input;
  const { ensurePartnerRecorded, recordJourneyProgress } = shortStepActivities();
  const state: JourneyState = input.resume ?? {
    stage: 'intent',
    status: 'waiting_partner',
    pendingRequests: [],
    decisions: [],
    projects: [],
    eventCount: 0,
  };
  let withdrawal: Withdrawal | undefined;
  let staffDecision: 'resend' | 'lapse' | undefined;
  const stages = new CancellationScope();

  setHandler(journeyStateQuery, () => state);
  setHandler(joinedProjectSignal, (project) => {
    if (!state.projects.some((p) => p.id === project.projectId))
      state.projects.push({ id: project.projectId, title: project.title });
  });
  setHandler(
    withdrawUpdate,
    async (withdraw) => {
      withdrawal = withdraw;
      stages.cancel();
      await condition(() => state.stage === 'withdrawn');
      return state;
    },
    { validator: (_withdraw) => assertNotEnded(state.stage, withdrawal) },
  );
  setHandler(
    resolveExpiredRequestUpdate,
    async ({ action }) => {
      staffDecision = action;
      await condition(() => !state.expiredRequest);
      return state;
    },
    {
      validator: (_decision) => {
        if (!state.expiredRequest || staffDecision) throw new Error('No expired request is waiting for a decision.');
      },
    },
  );

  // Staff changed the partner's record (api/partners/): from now on the journey names the partner and
  // asks the contacts as changed. The input is changed in place, so a continue-as-new carries it on.
  setHandler(
    changePartnerUpdate,
    ({ details, contacts }) => {
      patched(partnerRecordPatch); // marks the histories in which the record changed
      if (details) {
        Object.assign(partner, details);
        upsertSearchAttributes([
          { key: PartnerNameKey, value: partner.name },
          { key: SectorKey, value: partner.sector },
          { key: ActorTypeKey, value: partner.actorType },
        ]);
      }
      if (contacts) {
        input.coordinator = contacts.coordinator;
        input.signatory = contacts.signatory;
        for (const asked of [...state.pendingRequests, ...(state.expiredRequest ? [state.expiredRequest] : [])])
          if (asked.recipient === 'coordinator' || asked.recipient === 'signatory')
            asked.contactId = contactRefOf(asked.recipient).contactId;
      }
      return state;
    },
    {
      validator: (change) => {
        assertNotEnded(state.stage, withdrawal);
        if (!change.details && !change.contacts) throw new Error('The change names neither details nor contacts.');
      },
    },
  );

  /** Records stage and status in the read model, the event in the timeline, the stage in the search attributes. */
  async function moveTo(
    stage: JourneyStage,
    status: JourneyStatus,
    event?: Omit<JourneyProgressEvent, 'partnerId' | 'key'>,
  ) {
    const stageChanged = stage !== state.stage;
    state.stage = stage;
    state.status = status;
    if (stageChanged) upsertSearchAttributes([{ key: JourneyStageKey, value: stage }]);
    if (event) state.eventCount += 1;
    await recordJourneyProgress.executeWithOptions(
      { summary: event?.summary ?? `${stage}: ${status.replace('_', ' ')}` },
      [
        {
          partnerId: partner.id,
          workflowId: workflowInfo().workflowId,
          stage,
          status,
          formalisedAt: state.formalisedAt,
          event: event && { partnerId: partner.id, key: `journey/${partner.id}/${state.eventCount}`, ...event },
        },
      ],
    );
  }

  /**
   * A decision, with who made it (a role) and where its comment is: on the answer of the request
   * that decided, or stored under `textsId` (both in Postgres); in the decision itself only before v3.
   */
  function decide(
    what: string,
    by?: string,
    {
      answered,
      comment,
      textsId,
    }: { answered?: Answered<TopicOf<'signoff'>>; comment?: string; textsId?: string } = {},
  ) {
    const contactId = by === 'coordinator' || by === 'signatory' ? contactRefOf(by).contactId : undefined;
    state.decisions.push({
      at: new Date().toISOString(),
      what,
      ...(by ? { by } : {}),
      ...(contactId !== undefined ? { contactId } : {}),
      ...(answered?.answer.comment || answered?.answer.textsId ? { requestId: answered.requestId } : {}),
      ...(comment ? { comment } : {}),
      ...(textsId ? { textsId } : {}),
    });
  }

  /**
   * A contact as a reference: the role and contact id. A journey started before v3 has `Person`s
   * in its input; its new requests name the role only and the activity finds the partner's
   * contact with that role.
   */
  function contactRefOf(who: 'coordinator' | 'signatory'): ContactRef {
    const contact = input[who];
    return 'email' in contact ? { role: who } : { role: who, contactId: contact.contactId };
  }

  const recipientOf = (who: Asked): Recipient => (who === 'staff' || who === 'director' ? who : contactRefOf(who));

  /**
   * Asks one person through a `request` child; an expired request waits for staff to re-send or let
   * it lapse. The answer is of the kind the topic asked.
   */
  async function ask<T extends RequestTopic>(who: Asked, topic: T): Promise<Answered<T>> {
    const waitingOn: JourneyStatus = who === 'staff' || who === 'director' ? 'waiting_staff' : 'waiting_partner';
    const recipient = recipientOf(who);
    const contactId = who === 'coordinator' || who === 'signatory' ? contactRefOf(who).contactId : undefined;
    for (;;) {
      const requestId = newRequestId(partner.id);
      const pending = {
        requestId,
        kind: topic.kind,
        recipient: who,
        ...(contactId !== undefined ? { contactId } : {}),
      };
      state.pendingRequests.push(pending);
      if (state.status !== waitingOn) await moveTo(state.stage, waitingOn);
      let outcome: RequestOutcome<T>;
      try {
        outcome = await executeChild(request<T>, {
          ...requestChildOptions(requestId),
          args: [{ requestId, partner: { id: partner.id, name: partner.name }, recipient, topic, policy }],
          staticSummary: requestSummary(topic, recipient, partner.name),
        });
      } finally {
        state.pendingRequests = state.pendingRequests.filter((r) => r.requestId !== requestId);
      }
      const answer = answered(outcome);
      if (answer) return answer;

      state.expiredRequest = pending;
      await moveTo(state.stage, 'waiting_staff', {
        type: 'waiting_for_staff',
        summary: `${requestSummary(topic, recipient, partner.name)} expired; staff decide: re-send or let lapse`,
      });
      await notifyRequestExpired({ partnerId: partner.id, requestId, topic });
      await condition(() => staffDecision !== undefined);
      const decision = staffDecision!;
      staffDecision = undefined;
      state.expiredRequest = undefined;
      decide(decision === 'resend' ? `${topic.kind} request re-sent` : 'journey lapsed', 'staff');
      if (decision === 'lapse') throw new JourneyLapsed();
    }
  }

  /** Intent, its review, the signature and the countersignature; any "no" goes back to intent with its reason. */
  async function agreeOnCommitment(): Promise<Commitment> {
    /** The answer that sent the intent back: the next intent request shows its comment (read from Postgres). */
    let sentBack: RequestOutcome | undefined;
    let previous: Intent | undefined;
    /** The intent from the join form: reviewed first, not asked again. */
    let declared = input.intent && patched(joinStartsAtIntentReviewPatch) ? input.intent : undefined;
    for (;;) {
      const intent = declared ?? (await ask('coordinator', intentTopic(sentBack, previous))).answer;
      declared = undefined;
      decide('intent submitted', 'coordinator');
      const review = await ask('staff', { kind: 'signoff', subject: 'intent_review', intent });
      if (review.answer.decision !== 'approve') {
        decide(`intent review: ${review.answer.decision}`, 'staff', { answered: review });
        await moveTo('intent', 'waiting_partner', {
          type: 'intent_returned',
          summary: 'intent sent back to the partner',
          data: { requestId: review.requestId },
          commentOf: review.requestId,
        });
        [sentBack, previous] = [review, intent];
        continue;
      }
      decide('intent approved', 'staff', { answered: review });
      await moveTo('commitment', 'waiting_partner', {
        type: 'intent_approved',
        summary: 'intent approved; commitment sent for signature',
      });

      const commitment = draftCommitment(partner.name, intent);
      for (const [signer, subject] of [
        ['signatory', 'commitment_signature'],
        ['director', 'countersignature'],
      ] as const) {
        const signature = await ask(signer, { kind: 'signoff', subject, commitment });
        if (signature.answer.decision !== 'approve') {
          decide(`${subject}: ${signature.answer.decision}`, signer, { answered: signature });
          await moveTo('intent', 'waiting_partner', {
            type: 'commitment_declined',
            summary: `back to intent: the ${signer} did not sign`,
            data: { requestId: signature.requestId, by: signer },
            commentOf: signature.requestId,
          });
          [sentBack, previous] = [signature, intent];
          break;
        }
        decide(subject === 'countersignature' ? 'commitment countersigned' : 'commitment signed', signer, {
          answered: signature,
        });
        if (subject === 'countersignature') return commitment;
      }
    }
  }

  /** Waits until the partner is confirmed in a running prototype project, nudging staff now and then. */
  async function joinPrototypeProject() {
    for (let nudges = 0; state.projects.length === 0;) {
      const joined = await condition(() => state.projects.length > 0, policy.escalateAfterMs, {
        summary: 'waiting for a prototype project',
      });
      if (!joined && nudges < policy.maxReminders)
        await nudgeStaffAboutPrototype({
          partnerId: partner.id,
          formalisedAt: state.formalisedAt!,
          nudgeNumber: ++nudges,
        });
      else if (!joined) await condition(() => state.projects.length > 0);
    }
    const project = state.projects[0]!;
    await moveTo('monitoring', 'waiting_partner', {
      type: 'monitoring_started',
      summary: `confirmed in prototype project "${project.title}"; monitoring starts`,
      data: { projectId: project.id },
    });
    state.monitoring = {
      startedAt: new Date().toISOString(),
      nextPeriod: 0,
      periods: periodCount(policy.commitmentTermMs, policy.reportEveryMs),
    };
  }

  /** One reporting period after another until the term ends; continues as new every few periods. */
  async function monitor() {
    const monitoring = state.monitoring!;
    for (
      let run = 0, period = nextReportingPeriod(monitoring);
      period;
      run++, period = nextReportingPeriod(monitoring)
    ) {
      if (run >= periodsPerRun || workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof partnerJourney>({ ...input, resume: state });
      }
      await sleep(Math.max(Date.parse(period.end) - Date.now(), 1), {
        summary: `reporting period ${period.label} ends`,
      });
      await executeChild(reportingPeriod, {
        workflowId: reportingPeriodWorkflowId(partner.id, period.label),
        args: [
          { partner: { id: partner.id, name: partner.name }, coordinator: contactRefOf('coordinator'), period, policy },
        ],
        staticSummary: `report for period ${period.label} (${partner.name})`,
      });
      monitoring.nextPeriod += 1;
      monitoring.lastPeriod = period;
    }
  }

  /**
   * The next period to report on, or none when the term has ended. Calendar periods since
   * `calendarPeriodsPatch`: a journey that was already monitoring moves on to them at its next
   * period (domain/reporting-periods.ts, `reportingPeriodAfter`).
   */
  function nextReportingPeriod(monitoring: NonNullable<JourneyState['monitoring']>): ReportingPeriod | undefined {
    const startedAt = Date.parse(monitoring.startedAt);
    const every = policy.reportEveryMs;
    if (!patched(calendarPeriodsPatch)) {
      return monitoring.nextPeriod < monitoring.periods ? periodAt(startedAt, every, monitoring.nextPeriod) : undefined;
    }
    const previous =
      monitoring.lastPeriod ??
      (monitoring.nextPeriod > 0 ? periodAt(startedAt, every, monitoring.nextPeriod - 1) : undefined);
    const period = previous ? reportingPeriodAfter(previous, startedAt, every) : firstReportingPeriod(startedAt, every);
    return withinTerm(period, startedAt, policy.commitmentTermMs) ? period : undefined;
  }

  try {
    await stages.run(async () => {
      if (!input.resume) {
        await ensurePartnerRecorded({ partner, contacts: input.contacts });
        await moveTo(
          'intent',
          input.intent ? 'waiting_staff' : 'waiting_partner',
          input.intent
            ? {
                type: 'journey_started',
                summary: `${partner.name} joined the pact through the public form; its intent goes to staff for review`,
              }
            : {
                type: 'journey_started',
                summary: `${partner.name} joined the pact; intent requested from the coordinator`,
              },
        );
        state.commitment = await agreeOnCommitment();
        state.formalisedAt = new Date().toISOString();
        // The partner is told before the stage shows: once staff see `prototype`, nothing is still on its way.
        if (patched(formalisedEmailPatch))
          await sendFormalisedEmail.executeWithOptions({ summary: 'email the partner: partnership formalised' }, [
            { partnerId: partner.id, signatory: contactRefOf('signatory') },
          ]);
        await moveTo('prototype', 'waiting_staff', {
          type: 'partnership_formalised',
          summary: `partnership formalised on ${state.formalisedAt.slice(0, 10)}`,
          data: { formalisedAt: state.formalisedAt },
        });
        await joinPrototypeProject();
      }
      await monitor();
      await moveTo('completed', 'none', {
        type: 'journey_completed',
        summary: 'commitment term ended; journey completed',
      });
    });
  } catch (error) {
    if (withdrawal && isCancellation(error)) {
      const { reason, textsId, by } = withdrawal;
      decide('withdrawn', by ?? 'staff', { comment: reason, textsId });
      await moveTo(
        'withdrawn',
        'none',
        reason === undefined
          ? { type: 'journey_withdrawn', summary: 'withdrawn', textsId }
          : { type: 'journey_withdrawn', summary: `withdrawn: ${reason}`, data: { reason } },
      );
    } else if (error instanceof JourneyLapsed) {
      await moveTo('lapsed', 'none', {
        type: 'journey_lapsed',
        summary: 'a request expired and staff let the journey lapse',
      });
    } else {
      throw error;
    }
  }
  await condition(allHandlersFinished);
  return state;
}

/** The next intent request: the first, or one after an answer sent it back (its comment is read from Postgres). */
function intentTopic(
  sentBack: RequestOutcome | undefined,
  previous: Intent | undefined,
): Extract<RequestTopic, { kind: 'intent' }> {
  return sentBack ? { kind: 'intent', reviewRequestId: sentBack.requestId, previous } : { kind: 'intent' };
}

function assertNotEnded(stage: JourneyStage, withdrawal: unknown) {
  if (withdrawal || terminalStages.includes(stage)) throw new Error(`The journey has already ended (${stage}).`);
}

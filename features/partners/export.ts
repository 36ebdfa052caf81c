import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { actorReference } from '../../auth/plugin';
import type { StaffUser } from '../../auth/users';
import type { Db } from '../../db/connection';
import { ApiError } from '../../http/api-error';
import { PartnerErased, UnknownDataKey } from '../../privacy/data-keys';
import { payloadsIn } from '../../privacy/history-payloads';
import { recordPayloadRead } from '../../privacy/payload-reads';
import { partnerEmails } from './queries';

/** One workflow's history as the export shows it: each event that carries payloads, with them decoded. */
export interface ExportedWorkflow {
  workflowId: string;
  runs: { runId: string; events: { eventId: string; type: string; payloads: unknown[] }[] }[];
  /** Why there is nothing to show: past the namespace's retention, or the engine away. */
  missing?: string;
}

export type PartnerExport = Awaited<ReturnType<typeof exportPartner>>;

/** Who asks for an export: decoded workflow payloads are for administrators, as the codec endpoint is. */
export interface ExportReader {
  /** `staff user <id>` or `api-token (bootstrap)` (auth/plugin.ts, actorReference): recorded in `payload_reads`. */
  by: string;
  admin: boolean;
}

export const exportReader = (user: StaffUser): ExportReader => ({
  by: actorReference(user),
  admin: user.role === 'admin',
});

export const payloadsForAdminsOnly = 'decoded payloads are shown to administrators only (docs/privacy.md)';

/** Whether a text names this address: the whole address, in any case, not a longer one ending in it. */
export function namesAddress(text: string, address: string): boolean {
  const wanted = address.toLowerCase();
  // Address characters never include these: a token between them is a whole address, or none.
  return text
    .toLowerCase()
    .split(/[\s<>()[\]{}"',;:\\]+/)
    .some((token) => token === wanted || token === `${wanted}.`); // an address that ends a sentence
}

/**
 * Everything held about one partner, or about one of its contacts (*inzage*, README "Keeping a
 * partner's record true"): its Postgres records, timeline, the emails sent, the texts written, and
 * the decoded payloads of its workflows, read through the API's client and its codec. Everything is
 * selected by the partner's id (and, for a contact, by their address too), so nothing of another
 * partner is in it. Corrections go through PATCH /api/partners/:id and PUT …/contacts.
 */
export async function exportPartner(
  deps: { db: Db; temporal: Client },
  partnerId: string,
  contactId: number | undefined,
  reader: ExportReader,
) {
  const { db } = deps;
  const partner = await db.selectFrom('partners').selectAll().where('id', '=', partnerId).executeTakeFirst();
  if (!partner) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${partnerId}".`);
  let contacts = await db
    .selectFrom('contacts')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .orderBy('id')
    .execute();
  const contact = contactId === undefined ? undefined : contacts.find((c) => c.id === contactId);
  if (contactId !== undefined && !contact)
    throw new ApiError(404, 'contact_not_found', `Partner "${partnerId}" has no contact with id ${contactId}.`);
  if (contact) contacts = [contact];
  // About one contact: what was addressed to them or mentions their address.
  const concerns = (text: string) => !contact || namesAddress(text, contact.email);

  const requests = (
    await db.selectFrom('requests').selectAll().where('partner_id', '=', partnerId).orderBy('created_at').execute()
  )
    .filter((r) => concerns(r.recipient_email))
    // Link hashes are not about anyone; the report period's columns repeat the topic.
    .map(
      ({
        token_hash: _token,
        reply_token_hash: _reply,
        report_period: _period,
        report_period_start: _start,
        ...request
      }) => request,
    );
  const requestIds = requests.map((r) => r.id);
  const [journey, timeline, sent, writtenTexts, indicatorValues, projects, erasures] = await Promise.all([
    db.selectFrom('journeys').selectAll().where('partner_id', '=', partnerId).executeTakeFirst(),
    db.selectFrom('journey_events').selectAll().where('partner_id', '=', partnerId).orderBy('id').execute(),
    partnerEmails(db, partnerId, contact ? requestIds : await allRequestIds(db, partnerId)),
    db.selectFrom('written_texts').selectAll().where('partner_id', '=', partnerId).orderBy('created_at').execute(),
    contact
      ? []
      : db
          .selectFrom('indicator_values')
          .selectAll()
          .where('partner_id', '=', partnerId)
          .orderBy('period_start')
          .execute(),
    contact
      ? []
      : db
          .selectFrom('project_partners')
          .innerJoin('projects', 'projects.id', 'project_partners.project_id')
          .select(['projects.id', 'projects.title', 'project_partners.status', 'project_partners.answered_at'])
          .where('project_partners.partner_id', '=', partnerId)
          .execute(),
    db.selectFrom('erasures').selectAll().where('partner_id', '=', partnerId).execute(),
  ]);
  const emails = sent.length
    ? await db
        .selectFrom('email_outbox')
        .select(['id', 'to_address', 'reply_to', 'subject', 'text_body', 'status', 'created_at', 'sent_at'])
        .where(
          'id',
          'in',
          sent.map((m) => m.id),
        )
        .orderBy('id')
        .execute()
    : [];

  const workflowIds = contact
    ? requests.map((r) => r.workflow_id)
    : [...(journey ? [journey.workflow_id] : []), ...requests.map((r) => r.workflow_id)];
  const workflows = reader.admin
    ? await exportedWorkflows(deps.temporal, workflowIds, !contact)
    : [...new Set(workflowIds)].map((workflowId): ExportedWorkflow => ({
        workflowId,
        runs: [],
        missing: payloadsForAdminsOnly,
      }));
  const payloads = workflows.reduce(
    (n, w) => n + w.runs.reduce((m, run) => m + run.events.reduce((k, e) => k + e.payloads.length, 0), 0),
    0,
  );
  await recordPayloadRead(db, {
    read_by: reader.by,
    action: 'export',
    partner_id: partnerId,
    contact_id: contact?.id ?? null,
    payloads,
    decoded: reader.admin,
  });
  return {
    exportedAt: new Date().toISOString(),
    about: contact ? { partnerId, contactId: contact.id } : { partnerId },
    partner,
    contacts,
    journey: contact ? undefined : journey,
    requests,
    timeline: timeline.filter((e) => concerns(`${e.summary} ${JSON.stringify(e.data)}`)),
    emails: emails.filter((m) => concerns(m.to_address)),
    writtenTexts: writtenTexts.filter((t) => !contact || (t.request_id !== null && requestIds.includes(t.request_id))),
    indicatorValues,
    projects,
    erasures,
    workflows,
  };
}

const allRequestIds = async (db: Db, partnerId: string) =>
  (await db.selectFrom('requests').select('id').where('partner_id', '=', partnerId).execute()).map((r) => r.id);

/**
 * The partner's workflows with their payloads decoded: the named ones and, with `children`, every
 * child they started (reporting periods, requests).
 */
async function exportedWorkflows(temporal: Client, ids: string[], children: boolean) {
  const queue = [...new Set(ids)];
  const exported: ExportedWorkflow[] = [];
  for (let i = 0; i < queue.length; i++) {
    const workflow = await exportedWorkflow(temporal, queue[i]!);
    exported.push(workflow.exported);
    // A child of the partner's own workflows is the partner's too (a request, a reporting period).
    if (children) queue.push(...workflow.children.filter((child) => !queue.includes(child)));
  }
  return exported;
}

async function exportedWorkflow(temporal: Client, workflowId: string) {
  const exported: ExportedWorkflow = { workflowId, runs: [] };
  const children: string[] = [];
  try {
    for (let runId: string | undefined; ;) {
      const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
      const events: ExportedWorkflow['runs'][number]['events'] = [];
      for (const event of history.events ?? []) {
        const payloads = payloadsIn(event);
        if (payloads.length)
          events.push({
            eventId: String(event.eventId),
            type: eventTypeName(event.eventType),
            payloads: await Promise.all(payloads.map((p) => decoded(temporal, p))),
          });
        const child = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
        if (child) children.push(child);
      }
      const first = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      exported.runs.unshift({ runId: first?.originalExecutionRunId ?? '', events });
      runId = first?.continuedExecutionRunId ?? undefined;
      if (!runId) break;
    }
  } catch (error) {
    exported.missing =
      error instanceof WorkflowNotFoundError
        ? 'no longer in Temporal (past the retention of closed workflows)'
        : 'the workflow engine could not be read; export again later';
  }
  return { exported, children };
}

const eventTypeName = (type: temporal.api.enums.v1.EventType | null | undefined) =>
  temporal.api.enums.v1.EventType[type ?? 0] ?? String(type);

/** A payload's value through the client's codec and converter; erased data as the codec endpoint shows it. */
async function decoded(client: Client, payload: Payload): Promise<unknown> {
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  try {
    let plain = payload;
    for (const codec of [...payloadCodecs].reverse()) plain = (await codec.decode([plain]))[0]!;
    return payloadConverter.fromPayload(plain);
  } catch (error) {
    if (error instanceof PartnerErased || error instanceof UnknownDataKey) return '[erased]';
    return `[not readable: ${error instanceof Error ? error.message : String(error)}]`;
  }
}

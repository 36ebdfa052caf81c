import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { keyOwnerOfWorkflow } from '../../privacy/data-keys';
import { encryptedEncoding, keyIdMetadata } from '../../privacy/payload-codec';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * What an administrator without the codec sees in Temporal (docs/privacy.md): after two partners
 * are formalised on the real server, every payload of their journeys and requests is ciphertext
 * under its partner's key, and none holds a contact's name or address.
 */
let system: TestSystem;
let actors: Actors;
let raw: Client;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
  raw = new Client({ connection: system.temporal.connection, namespace: system.config.temporal.namespace });
});
afterAll(() => system?.stop());

interface RawPayload {
  path: string;
  metadata: Record<string, string>;
  data: string;
}

/** Every payload in a history as stored, found by shape; core's own patch and local-activity markers aside. */
function payloadsIn(value: unknown, path = ''): RawPayload[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => payloadsIn(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'encoding' in record.metadata)
    return [{ path, metadata: record.metadata as Record<string, string>, data: String(record.data ?? '') }];
  return Object.entries(record)
    .filter(([key]) => key !== 'searchAttributes' && key !== 'header')
    .flatMap(([key, v]) => payloadsIn(v, `${path}.${key}`));
}
const base64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

async function rawHistory(workflowId: string): Promise<unknown> {
  return JSON.parse(historyToJSON(await raw.workflow.getHandle(workflowId).fetchHistory()));
}

test("a formalised partner's journey and requests hold only ciphertext under the partner's key", async () => {
  const [a, b] = await Promise.all([actors.onboard('Sleutel Een'), actors.onboard('Sleutel Twee')]);
  await Promise.all([actors.formalise(a), actors.formalise(b)]);

  for (const partnerId of [a, b]) {
    const requests = await system.db
      .selectFrom('requests')
      .select('workflow_id')
      .where('partner_id', '=', partnerId)
      .execute();
    expect(requests.length).toBeGreaterThanOrEqual(4); // intent, review, signature, countersignature
    const workflowIds = [journeyWorkflowId(partnerId), ...requests.map((r) => r.workflow_id)];
    // A journey's payloads carry its partner's key, a request's the key its id names (the partner's
    // once request ids start with the partner id, the global key before); a child's start event in
    // the journey's history is the child's.
    const allowedKeys = new Set(workflowIds.map((id) => `${keyOwnerOfWorkflow(id)}.1`));
    expect(allowedKeys).toContain(`${partnerId}.1`);
    const otherPartner = partnerId === a ? b : a;
    const personal = [`Coordinator ${partnerId === a ? 'Sleutel Een' : 'Sleutel Twee'}`, `@${partnerId}.example`];
    for (const workflowId of workflowIds) {
      const history = (await rawHistory(workflowId)) as { events: Record<string, unknown>[] };
      const aboutAnother = (path: string) => {
        const event = history.events[Number(/^\.events\[(\d+)\]/.exec(path)?.[1])] ?? {};
        return Object.keys(event).some((key) => /childWorkflow|externalWorkflow/i.test(key));
      };
      const payloads = payloadsIn(history).filter(
        (p) => !/markerRecordedEventAttributes\.details\.(patch-data|data)/.test(p.path),
      );
      expect(payloads.length).toBeGreaterThan(0);
      for (const payload of payloads) {
        const keyId = base64(payload.metadata[keyIdMetadata] ?? '');
        expect({ workflowId, path: payload.path, encoding: base64(payload.metadata.encoding!) }).toEqual({
          workflowId,
          path: payload.path,
          encoding: encryptedEncoding,
        });
        expect(allowedKeys).toContain(keyId);
        expect(keyId).not.toBe(`${otherPartner}.1`);
        if (workflowId === journeyWorkflowId(partnerId) && !aboutAnother(payload.path))
          expect({ path: payload.path, keyId }).toEqual({ path: payload.path, keyId: `${partnerId}.1` });
        for (const text of personal) expect(base64(payload.data)).not.toContain(text);
      }
    }
  }
});

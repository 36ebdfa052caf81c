import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { isPayload, payloadsIn } from '../../privacy/history-payloads';

/** Every other string in a history (failure messages, ids, …), for the same check. */
function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (isPayload(value)) return found;
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array))
    for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

/** A payload's value as JSON, decoded through the client's own data converter (its codecs, if any, first). */
export async function decodedJson(client: Client, payload: Payload): Promise<string> {
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  let plain = payload;
  for (const codec of [...payloadCodecs].reverse()) plain = (await codec.decode([plain]))[0]!;
  try {
    return JSON.stringify(payloadConverter.fromPayload(plain)) ?? '';
  } catch {
    return Buffer.from(plain.data ?? []).toString('utf8'); // an encoding the converter does not know: its bytes
  }
}

export interface WorkflowTexts {
  workflowId: string;
  /** Each payload's bytes as text (base64-decoded), then its value through the data converter, then every other string. */
  texts: string[];
}

/**
 * The texts of a workflow's histories (every run, following continue-as-new back to the first)
 * and of all its children's, recursively: what anyone who can open the Temporal UI can read.
 */
export async function historyTexts(client: Client, workflowId: string): Promise<WorkflowTexts[]> {
  const result: WorkflowTexts[] = [];
  const children: string[] = [];
  const texts: string[] = [];
  for (let runId: string | undefined; ;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    for (const payload of payloadsIn(history)) {
      texts.push(Buffer.from(payload.data!).toString('utf8'), await decodedJson(client, payload));
    }
    texts.push(...stringsIn(history));
    for (const event of history.events ?? []) {
      const child = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
      if (child && !children.includes(child)) children.push(child);
    }
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) break;
  }
  result.push({ workflowId, texts });
  for (const child of children) result.push(...(await historyTexts(client, child)));
  return result;
}

/** Which of the secrets each workflow's texts contain: empty when none does. */
export function leaks(histories: WorkflowTexts[], secrets: string[]): { workflowId: string; secret: string }[] {
  return histories.flatMap(({ workflowId, texts }) =>
    secrets
      .filter((secret) => texts.some((text) => text.toLowerCase().includes(secret.toLowerCase())))
      .map((secret) => ({ workflowId, secret })),
  );
}

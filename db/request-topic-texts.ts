import type { RequestTopic, StoredTopic } from '../domain/request-topics';
import type { Db } from './connection';
import { writtenTexts } from './written-texts';

type Fields = Record<string, unknown>;

/** Where a topic holds what people wrote (db/migrations/013_erasure_reach.ts moved the same paths). */
const textPaths = [
  ['reviewerComment'],
  ['previous', 'summary'],
  ['intent', 'summary'],
  ['commitment', 'summary'],
  ['commitment', 'text'],
] as const;

/** The `written_texts` row of a request's topic texts: one per request, so a retried activity writes it once. */
export const topicTextsId = (requestId: string) => `topic/${requestId}`;

/** The object a path's last field sits in, if the topic has it. */
const parentOf = (topic: Fields, path: readonly string[]): Fields | undefined => {
  let at: unknown = topic;
  for (const field of path.slice(0, -1)) at = (at as Fields | undefined)?.[field];
  return typeof at === 'object' && at !== null ? (at as Fields) : undefined;
};

/** A deep enough copy to change the topic's text fields without touching the caller's. */
const copied = (topic: RequestTopic): Fields => JSON.parse(JSON.stringify(topic)) as Fields;

/**
 * Splits a request's topic into what `requests.topic` stores (no written text, `topicTextsId` in
 * its place) and the texts for the `written_texts` row of that id; no texts, no row.
 */
export function splitTopicTexts(
  requestId: string,
  topic: RequestTopic,
): { stored: StoredTopic; texts?: Record<string, string> } {
  const stored = copied(topic);
  const texts: Record<string, string> = {};
  for (const path of textPaths) {
    const parent = parentOf(stored, path);
    const field = path[path.length - 1]!;
    if (typeof parent?.[field] !== 'string') continue;
    texts[path.join('.')] = parent[field] as string;
    delete parent[field];
  }
  if (Object.keys(texts).length === 0) return { stored: stored as StoredTopic };
  return { stored: { ...(stored as StoredTopic), topicTextsId: topicTextsId(requestId) }, texts };
}

/** The topic with its texts back from `written_texts`, as emails and pages show it; erased texts stay out. */
export async function joinTopicTexts(db: Db, stored: StoredTopic): Promise<RequestTopic> {
  if (!stored.topicTextsId) return stored;
  const texts = await writtenTexts(db, stored.topicTextsId);
  const topic = copied(stored);
  delete topic.topicTextsId;
  for (const path of textPaths) {
    const text = texts[path.join('.')];
    const parent = parentOf(topic, path);
    if (text !== undefined && parent) parent[path[path.length - 1]!] = text;
  }
  return topic as unknown as RequestTopic;
}

import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/config';
import type { Db } from '../../db/connection';
import { joinConfirmationHours, type JoinRequestData } from '../../domain/joining';
import { localOutbox } from '../../mail/outbox';
import type { Mailer } from '../../mail/mailer';
import { renderJoinConfirmationEmail } from '../../mail/templates/join-email';
import { joinTokenHash, newJoinToken } from '../../security/join-tokens';
import { tokenPath } from '../../security/token-paths';
import type { JoinInput } from './schema';
import type { FieldProblem } from '../../domain/field-problem';
import { partnerIdFromName } from '../../domain/partner';
import { invalidRequest } from '../../http/validation';

/**
 * Every answer to the form takes at least this long, whatever happened (stored, a honeypot, a
 * known address): nothing in the answer or its timing tells whether an organisation or address is known.
 */
export const joinAnswerFloorMs = 400;

export interface JoinDeps {
  db: Db;
  config: Config;
  mailer?: Mailer;
  log?: (error: unknown) => void;
}

/**
 * Holds a join from the public form as a request waiting for its coordinator's confirmation and
 * mails them the link (`/j/<token>`). Nothing is looked up: an organisation or address already
 * known is treated as any other (no account enumeration), and staff meet the duplicate at approval.
 * `trap` (the honeypot field was filled): nothing is stored or sent, and the answer is the same.
 */
export async function submitJoin(deps: JoinDeps, input: JoinInput, options: { trap?: boolean } = {}): Promise<void> {
  const problems = joinProblems(input);
  if (problems.length) throw invalidRequest(problems);
  const started = Date.now();
  const token = newJoinToken();
  const hash = joinTokenHash(token);
  if (!options.trap) {
    const id = randomUUID();
    const language = input.language ?? 'nl';
    const data: JoinRequestData = {
      ...input,
      name: input.name.trim(),
      language,
      contacts: input.contacts.map((c) => ({ ...c, name: c.name.trim(), email: c.email.toLowerCase() })),
      intent: { ...input.intent, summary: input.intent.summary.trim() },
    };
    await deps.db
      .insertInto('join_requests')
      .values({
        id,
        data,
        confirm_token_hash: hash,
        expires_at: new Date(started + joinConfirmationHours * 3_600_000),
        ref_code: input.ref ?? null,
      })
      .execute();
    // Sent after the answer, so its time does not show in the answer's; the outbox keeps it until sent.
    void mailConfirmation(deps, id, data, token).catch((error: unknown) => deps.log?.(error));
  }
  const rest = started + joinAnswerFloorMs - Date.now();
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
}

async function mailConfirmation(deps: JoinDeps, id: string, data: JoinRequestData, token: string): Promise<void> {
  if (!deps.mailer) throw new Error('No SMTP server is configured: the join confirmation was not sent.');
  const coordinator = data.contacts.find((c) => c.role === 'coordinator') ?? data.contacts[0]!;
  const language = coordinator.language ?? data.language ?? 'nl';
  const rendered = renderJoinConfirmationEmail({
    language,
    organisation: data.name,
    recipientName: coordinator.name,
    confirmUrl: `${deps.config.publicUrl}${tokenPath('join', token)}`,
    hours: joinConfirmationHours,
  });
  await localOutbox(deps.db, deps.mailer).send(
    { idempotencyKey: `join/${id}/confirm`, to: coordinator.email, partnerIds: [], ...rendered },
    { from: deps.config.mailFrom, redact: [token] },
  );
}

/**
 * What the schema cannot say and approval would refuse later: a name that makes a partner id, one
 * coordinator (the confirmation goes to them), each role once. Refused before anything is stored.
 */
export function joinProblems(input: JoinInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!partnerIdFromName(input.name)) problems.push({ field: 'name', message: 'must contain letters or digits' });
  const roles = input.contacts.map((c) => c.role);
  if (!roles.includes('coordinator'))
    problems.push({
      field: 'contacts',
      message: 'needs a contact with role "coordinator": the confirmation goes to them',
    });
  else if (new Set(roles).size !== roles.length)
    problems.push({
      field: 'contacts',
      message: 'give each role once: a coordinator and, if another person signs, a signatory',
    });
  return problems;
}

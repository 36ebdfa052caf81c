import { engineUnavailable } from '../http/api-error';
import { answerBallot } from '../features/rounds/answer-ballot';
import { ballotOpen, type FoundBallot } from '../features/rounds/find-ballot';
import { ballotLinkToken } from '../security/ballot-tokens';
import { tokenPath } from '../security/token-paths';
import type { InboundDeps } from './deps';
import { type BallotReplyAnswer, renderBallotReplyAnswer } from './ballot-reply-emails';
import { readBallotNumbers } from './parse-ballot-reply';
import { type MessageHeaders, readBody } from './read-message';
import { inboundHash, replySender, type ReplySeam, replyTeller } from './reply-teller';

export type BallotReplyResult =
  'ballot_answered' | 'ballot_unclear' | 'ballot_closed' | 'ballot_wrong_sender' | 'unauthenticated';

/**
 * Acts on a reply to a ballot email (docs/prioritisation.md): the initiatives' numbers in order on
 * the first own line ("3, 1, 5"). The reply address's token names the ballot and the From must be
 * its coordinator's address; only then is the body's head read. The ranking goes through the one
 * ballot rule (features/rounds/answer-ballot.ts); an unclear reply is told what to write and changes
 * nothing. Every answer counts against the daily cap of automatic answers (answer-cap.ts).
 */
export async function handleBallotReply(
  deps: InboundDeps,
  message: MessageHeaders,
  raw: Buffer,
  from: string,
  ballot: FoundBallot,
): Promise<BallotReplyResult> {
  const link = `${deps.config.publicUrl}${tokenPath('ballot', ballotLinkToken(deps.config.tokenSecret, ballot.round_id, ballot.contact_id, ballot.token_generation))}`;
  const inboundId = inboundHash(message.messageId ?? raw);
  const seam: ReplySeam<BallotReplyAnswer> = {
    keyPrefix: `inbound-ballot/${ballot.round_id}/${ballot.id}/`,
    link,
    partnerId: ballot.partner_id,
    addressee: { email: ballot.email, name: ballot.name, language: ballot.language },
    title: ballot.title,
    render: renderBallotReplyAnswer,
  };
  const tell = replyTeller(deps, message, seam);

  const sender = await replySender(deps, message, from, seam, tell, { kind: 'wrong_sender' });
  if (sender === 'wrong_sender') return 'ballot_wrong_sender';
  if (sender === 'unauthenticated') return 'unauthenticated';
  if (!ballotOpen(ballot)) {
    await tell({ kind: 'closed' }, ballot.email, 'closed');
    return 'ballot_closed';
  }

  const unclear = (problem?: string) =>
    tell(
      {
        kind: 'unclear',
        link,
        numbered: ballot.initiatives.map((i) => `${i.number}. ${i.title}`),
        maxRanked: ballot.max_ranked,
        ...(problem ? { problem } : {}),
      },
      ballot.email,
      `unclear/${inboundId}`,
    );
  const numbers = readBallotNumbers((await readBody(raw)).text ?? '');
  const byNumber = new Map(ballot.initiatives.map((i) => [i.number, i.id]));
  const ranking = numbers?.map((n) => byNumber.get(n));
  if (!ranking || !ranking.every((id): id is string => id !== undefined)) {
    await unclear();
    return 'ballot_unclear';
  }

  const result = await answerBallot(deps, ballot, ranking, 'email');
  switch (result.kind) {
    case 'recorded': {
      const titles = new Map(ballot.initiatives.map((i) => [i.id, `${i.title} (${i.number})`]));
      await tell(
        { kind: 'answered', ranking: result.ranking.map((id) => titles.get(id) ?? id) },
        ballot.email,
        `answered/${inboundId}`,
      );
      return 'ballot_answered';
    }
    case 'invalid':
      await unclear();
      return 'ballot_unclear';
    case 'closed':
      await tell({ kind: 'closed' }, ballot.email, 'closed');
      return 'ballot_closed';
    case 'engine_unavailable':
      throw engineUnavailable();
  }
}

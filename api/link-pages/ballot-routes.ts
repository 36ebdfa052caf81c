import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeRankingIssue } from '../../domain/prioritisation';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { answerBallot, ballotBodySchema } from '../../features/rounds/answer-ballot';
import { compileValidator, invalidRequest } from '../../http/validation';
import { ballotOpen, type FoundBallot, findBallotByLinkToken } from '../../features/rounds/find-ballot';
import { isJsonMediaType } from '../media-type';
import type { AppDeps } from '../../features/deps';
import { renderBallotPage } from './ballot-link-page';
import { ballotPageWording } from './ballot-page-wording';
import { linkPage, type TokenParams, wantsJson } from './link-page';
import { tokenRoute } from '../../security/token-paths';

type Body = Record<string, unknown> & { csrf?: unknown };
const checkBallotBody = compileValidator(ballotBodySchema);

/** The ranking a form's select boxes give (`choice1`, `choice2`, …), empty boxes left out. */
function rankingOfForm(body: Body, places: number): string[] {
  const ranking: string[] = [];
  for (let place = 1; place <= places; place++) {
    const value = body[`choice${place}`];
    if (typeof value === 'string' && value !== '') ranking.push(value);
  }
  return ranking;
}

/**
 * The ranking page of a ballot (`/b/:token`): GET shows the round's initiatives numbered as in the
 * email and the current ranking (or, with `accept: application/json`, the same as JSON); POST ranks
 * (the page's form with its CSRF field, or JSON `{ranking: [initiativeId, …]}`). Like a meeting's
 * link it ranks until the round closes, and each ranking replaces the earlier one.
 */
export async function ballotPageRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const page = await linkPage(app, deps, {
    kind: 'ballot',
    lookup: (token) => findBallotByLinkToken(deps.db, token),
    wording: ballotPageWording,
  });
  const show = (
    request: FastifyRequest<TokenParams>,
    reply: FastifyReply,
    ballot: FoundBallot,
    extra: Omit<Parameters<typeof renderBallotPage>[0], 'ballot' | 'lang' | 'action' | 'csrf'> & {
      status?: number;
    } = {},
  ) => page.send(reply, extra.status ?? 200, renderBallotPage({ ballot, ...page.form(request, ballot), ...extra }));
  const asJson = (ballot: FoundBallot) => ({
    round: { id: ballot.round_id, title: ballot.title, status: ballotOpen(ballot) ? 'open' : 'closed' },
    closesAt: ballot.closes_at,
    maxRanked: ballot.max_ranked,
    initiatives: ballot.initiatives.map((i) => ({ id: i.id, number: i.number, title: i.title })),
    ranking: ballot.ranking ?? [],
  });

  app.get<TokenParams>(tokenRoute('ballot'), async (request, reply) => {
    const ballot = await page.find(request, reply);
    if (!ballot) return reply;
    if (wantsJson(request)) return asJson(ballot);
    return show(request, reply, ballot);
  });

  app.post<TokenParams & { Body: Body }>(tokenRoute('ballot'), async (request, reply) => {
    const json = isJsonMediaType(request.headers['content-type']);
    const ballot = await page.find(request, reply);
    if (!ballot) return reply;
    const body = request.body ?? {};
    page.checkForm(request, body, json);
    const lang = page.languageOf(request, ballot);
    const w = ballotPageWording[lang];
    let ranking: string[];
    if (json) {
      const checked = checkBallotBody(body);
      if (!checked.ok) throw invalidRequest(checked.problems);
      ranking = checked.value.ranking;
    } else ranking = rankingOfForm(body, ballot.max_ranked);
    const result = await answerBallot(deps, ballot, ranking, json ? 'api' : 'page');
    if (result.kind === 'engine_unavailable') throw engineUnavailable();
    if (json) {
      if (result.kind === 'invalid') {
        const problems = result.issues.map((issue) => ({ field: 'ranking', message: describeRankingIssue(issue) }));
        throw new ApiError(
          400,
          'invalid_ranking',
          problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          problems,
        );
      }
      if (result.kind === 'closed') throw new ApiError(410, 'round_closed', ballotPageWording.en.result.closed);
      return { roundId: ballot.round_id, ranking: result.ranking };
    }
    if (result.kind === 'invalid')
      return show(request, reply, ballot, { status: 400, chosen: ranking, issues: result.issues });
    const fresh = (await findBallotByLinkToken(deps.db, request.params.token)) ?? ballot;
    return show(request, reply, fresh, {
      status: result.kind === 'recorded' ? 200 : 410,
      message: { text: w.result[result.kind], tone: result.kind === 'recorded' ? 'success' : 'notice' },
    });
  });
}

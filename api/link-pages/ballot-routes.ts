import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeRankingIssue } from '../../domain/prioritisation';
import { languages, type Language } from '../../domain/vocabulary';
import { ApiError, engineUnavailable } from '../../http/api-error';
import { answerBallot, ballotBodySchema } from '../../features/rounds/answer-ballot';
import { compileValidator, invalidRequest } from '../../http/validation';
import { ballotOpen, type FoundBallot, findBallotByLinkToken } from '../../features/rounds/find-ballot';
import { isJsonMediaType } from '../media-type';
import { pageRateLimit } from '../rate-limit';
import { singleQueryValues } from '../html/single-query-values';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import type { AppDeps } from '../../features/deps';
import { csrfToken, csrfValid } from './csrf';
import { renderMessagePage } from './request-page';
import { renderBallotPage } from './ballot-link-page';
import { ballotPageWording } from './ballot-page-wording';
import { tokenPath, tokenRoute } from '../../security/token-paths';

type Params = { Params: { token: string }; Querystring: { lang?: string } };
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
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);
  app.addHook('onRequest', pageRateLimit(deps));
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });
  const secret = deps.config.tokenSecret ?? '';
  const wantsJson = (request: FastifyRequest) =>
    (request.headers.accept ?? '').includes('application/json') || isJsonMediaType(request.headers['content-type']);
  const languageOf = (request: FastifyRequest, ballot?: FoundBallot): Language =>
    chooseLanguage(languages.keys, askedLanguage(request), ballot?.language);
  async function find(request: FastifyRequest<Params>, reply: FastifyReply): Promise<FoundBallot | undefined> {
    const ballot = await findBallotByLinkToken(deps.db, request.params.token);
    if (ballot) return ballot;
    if (wantsJson(request))
      throw new ApiError(
        404,
        'link_not_found',
        'This link is not known. Check that you copied the whole link from the email.',
      );
    const lang = languageOf(request);
    const w = ballotPageWording[lang];
    await reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        renderMessagePage({
          lang,
          title: 'Integratiepact',
          message: w.notFound,
          tone: 'notice',
          contact: w.contact(deps.config.staffEmail),
        }),
      );
    return undefined;
  }
  const show = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    ballot: FoundBallot,
    extra: Omit<Parameters<typeof renderBallotPage>[0], 'ballot' | 'lang' | 'action' | 'csrf'> & {
      status?: number;
    } = {},
  ) =>
    reply
      .status(extra.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderBallotPage({
          ballot,
          lang: languageOf(request, ballot),
          action: tokenPath('ballot', request.params.token),
          csrf: csrfToken(secret, request.params.token),
          ...extra,
        }),
      );
  const asJson = (ballot: FoundBallot) => ({
    round: { id: ballot.round_id, title: ballot.title, status: ballotOpen(ballot) ? 'open' : 'closed' },
    closesAt: ballot.closes_at,
    maxRanked: ballot.max_ranked,
    initiatives: ballot.initiatives.map((i) => ({ id: i.id, number: i.number, title: i.title })),
    ranking: ballot.ranking ?? [],
  });

  app.get<Params>(tokenRoute('ballot'), async (request, reply) => {
    const ballot = await find(request, reply);
    if (!ballot) return reply;
    if (wantsJson(request)) return asJson(ballot);
    return show(request, reply, ballot);
  });

  app.post<Params & { Body: Body }>(tokenRoute('ballot'), async (request, reply) => {
    const json = isJsonMediaType(request.headers['content-type']);
    const ballot = await find(request, reply);
    if (!ballot) return reply;
    const body = request.body ?? {};
    if (!json && !csrfValid(secret, request.params.token, body.csrf))
      throw new ApiError(403, 'invalid_form', 'This form could not be verified; open the link from the email again.');
    const lang = languageOf(request, ballot);
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

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parsePeriodLabel, periodLabelForms } from '../../domain/reporting-periods';
import { languages, type Language } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import { type PublicSnapshot, publicSnapshot } from '../../features/public/queries';
import { invalidRequest } from '../../http/validation';
import { askedLanguage, chooseLanguage } from '../html/language-picker';
import { singleQueryValues } from '../html/single-query-values';
import { renderAtomFeed } from './feed';
import { openData, openDataCsv } from './open-data';
import { renderNotFoundPage, renderPactPage, renderPartnerPage, renderProjectPage } from './pact-pages';
import { licenceUrl, publicWording } from './public-wording';

const pageFilters = ['lang'];

/** What was rendered from a snapshot, per output and language: a process renders each once per snapshot it reads. */
const renderedFrom = new WeakMap<PublicSnapshot, Map<string, string>>();
function rendered(snapshot: PublicSnapshot, key: string, render: () => string): string {
  const outputs = renderedFrom.get(snapshot) ?? new Map<string, string>();
  renderedFrom.set(snapshot, outputs);
  const found = outputs.get(key);
  if (found !== undefined) return found;
  const output = render();
  outputs.set(key, output);
  return output;
}
const dataFilters = ['period'];

/**
 * The pact's public side, no login: `/pact`, a page per listed partner and per project, the Atom feed
 * and the open data. Everything comes from one snapshot shared by every API process
 * (features/public/queries.ts), which holds only what is public.
 */
export async function publicRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('preValidation', singleQueryValues);
  app.addHook('onSend', async (_request, reply) => {
    // Public and the same for everyone; short, so a withdrawal of consent leaves caches within a minute.
    if (reply.statusCode < 400) reply.header('cache-control', 'public, max-age=30');
  });
  const snapshot = () => publicSnapshot(deps.db, deps.config.publicMinPartners);
  const languageOf = (request: FastifyRequest): Language => chooseLanguage(languages.keys, askedLanguage(request));
  /** Unknown query parameters on a page: ignored, with a notice naming them. */
  const pageNotice = (request: FastifyRequest, lang: Language): string | undefined => {
    const unknown = Object.keys((request.query as Record<string, unknown>) ?? {}).filter(
      (k) => !pageFilters.includes(k),
    );
    return unknown.length ? publicWording[lang].unknownFilters(unknown.join(', ')) : undefined;
  };
  const sendPage = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').send(body);

  app.get('/pact', async (request, reply) => {
    const lang = languageOf(request);
    const notice = pageNotice(request, lang);
    const current = await snapshot();
    // With a notice (unknown parameters, any names at all) the page is rendered for this request only.
    const body = notice
      ? renderPactPage(current, lang, notice)
      : rendered(current, `pact/${lang}`, () => renderPactPage(current, lang));
    return sendPage(reply, 200, body);
  });

  app.get<{ Params: { id: string } }>('/pact/partners/:id', async (request, reply) => {
    const lang = languageOf(request);
    // An unknown partner and one that is not listed get the same answer.
    const partner = (await snapshot()).partners.find((p) => p.id === request.params.id);
    if (!partner) return sendPage(reply, 404, renderNotFoundPage(lang));
    return sendPage(reply, 200, renderPartnerPage(partner, lang, pageNotice(request, lang)));
  });

  app.get<{ Params: { id: string } }>('/pact/projects/:id', async (request, reply) => {
    const lang = languageOf(request);
    const current = await snapshot();
    const project = current.projects.find((p) => p.id === request.params.id);
    if (!project) return sendPage(reply, 404, renderNotFoundPage(lang));
    return sendPage(reply, 200, renderProjectPage(project, lang, current.minPartners, pageNotice(request, lang)));
  });

  app.get('/pact/feed.atom', async (request, reply) => {
    const lang = languageOf(request);
    const current = await snapshot();
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(rendered(current, `feed/${lang}`, () => renderAtomFeed(current, deps.config.publicUrl, lang)));
  });

  /** The data files' one filter, `period`; anything else is a 400 naming it. */
  const dataPeriod = (request: FastifyRequest): string | undefined => {
    const query = (request.query as Record<string, unknown>) ?? {};
    const unknown = Object.keys(query).filter((k) => !dataFilters.includes(k));
    if (unknown.length)
      throw invalidRequest(
        unknown.map((field) => ({ field, message: `is not a filter here: use ${dataFilters.join(', ')}` })),
      );
    const period = query.period;
    if (period === undefined) return undefined;
    if (typeof period !== 'string' || !parsePeriodLabel(period))
      throw invalidRequest([{ field: 'period', message: `is not a period: use ${periodLabelForms}` }]);
    return period;
  };
  const licenceLink = `<${licenceUrl}>; rel="license"`;

  app.get('/pact/data.json', async (request, reply) => {
    const period = dataPeriod(request);
    return reply.header('link', licenceLink).send(openData(await snapshot(), deps.config.publicUrl, period));
  });

  app.get('/pact/data.csv', async (request, reply) => {
    const period = dataPeriod(request);
    const current = await snapshot();
    const render = () => openDataCsv(openData(current, deps.config.publicUrl, period));
    // Kept for the whole file and each published period only: any other period is rendered per request.
    const csv =
      period === undefined || current.periods.some((p) => p.period === period)
        ? rendered(current, `csv/${period ?? ''}`, render)
        : render();
    return reply
      .header('link', licenceLink)
      .header('content-disposition', 'inline; filename="integratiepact.csv"')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}

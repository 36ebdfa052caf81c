import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { leverLabels } from '../../domain/translated-labels';
import { levers } from '../../domain/vocabulary';
import { html, type Html } from '../html/layout';
import type { AppDeps } from '../../features/deps';
import { createProject, projectSchema } from '../../features/projects/create-project';
import { compileParser } from '../../http/validation';
import { ApiError } from '../../http/api-error';
import { apiErrorText } from '../html/error-text';
import { Type } from 'typebox';
import { ignoredNotice, readPageQuery } from '../html/page-query';
import { type PageContext, pageContext } from '../html/context';
import { formOf, listOf, textOf } from '../html/forms';
import { type PortfolioProject, projectCandidates, projectPortfolio } from '../../features/projects/queries';
import { searchPartners } from '../../features/partners/queries';
import type { Db } from '../../db/connection';
import { terminalStages } from '../../domain/journey';
import { badge, emptyState, fieldError, notice, partnerLink, staffPage, textArea, textField } from '../html/view';
import { labelFor } from '../html/label-for';

interface ProjectForm {
  title?: string;
  description?: string;
  levers?: string[];
  partnerIds?: string[];
  /** Searches the other partners by name (the form's search button), keeping what was filled in. */
  partnerSearch?: string;
  idempotencyKey?: string;
  /** The portfolio's initiative the project starts from (`?initiative=<id>` fills the form in). */
  initiativeId?: string;
  initiativeTitle?: string;
}

const parseProject = compileParser(projectSchema);

type Choice = { id: string; name: string };

export const projectStatusBadge = (ctx: PageContext, status: string): Html =>
  badge(
    labelFor(ctx.w.projectStatuses, status) ?? status,
    status === 'running' ? 'ok' : status === 'cancelled' ? 'warn' : 'wait',
  );

export function projectPartnerList(ctx: PageContext, project: PortfolioProject): Html {
  const tone = (status: string) => (status === 'confirmed' ? 'ok' : status === 'invited' ? 'wait' : 'warn');
  return html`<ul>
    ${project.partners.map((p) => html`<li>${partnerLink(p.id, p.name)} ${badge(ctx.w.projectPartnerStatuses[p.status] ?? p.status, tone(p.status))} <span class="muted">${ctx.w.stages[p.stage]}</span></li>`)}
  </ul>`;
}

function render(
  ctx: PageContext,
  data: { projects: PortfolioProject[]; candidates: Choice[]; others: Choice[] },
  form: ProjectForm = {},
  errors: Record<string, string> = {},
  error?: string,
  ignored: Html = html``,
) {
  const { w } = ctx;
  const leverSection = (lever: (typeof levers.keys)[number]) => {
    const projects = data.projects.filter((p) => p.levers.includes(lever));
    return html`<section class="card" aria-labelledby="lever-${lever}">
      <h3 id="lever-${lever}">${leverLabels[ctx.lang][lever]}</h3>
      ${
        projects.length
          ? projects.map(
              (p) =>
                html`<h4>
                    <a href="/staff/projects/${encodeURIComponent(p.id)}">${p.title}</a>
                    ${projectStatusBadge(ctx, p.status)}
                  </h4>
                  ${projectPartnerList(ctx, p)}`,
            )
          : html`<p class="muted">${w.projects.noneForLever}</p>`
      }
    </section>`;
  };
  const checked = (list: string[] | undefined, key: string) => (list?.includes(key) ? html` checked` : '');
  return staffPage(ctx, {
    title: w.projects.title,
    active: 'projects',
    body: html`<h1>${w.projects.title}</h1>${notice(error, 'error')}${ignored}
${
  data.projects.length
    ? html`<h2>${w.projects.byLever}</h2>
        <div class="grid">${levers.keys.map(leverSection)}</div>`
    : emptyState(w.projects.empty)
}
<section class="card" aria-labelledby="create" id="create-form"><h2 id="create">${w.projects.create}</h2>
<form method="post" action="/staff/projects" novalidate>
<input type="hidden" name="idempotencyKey" value="${form.idempotencyKey || randomUUID()}" />
${form.initiativeId ? html`<input type="hidden" name="initiativeId" value="${form.initiativeId}" /><p class="notice" role="status">${w.projectOutcome.prefilled(form.initiativeTitle ?? form.initiativeId)}</p>` : ''}
${textField({ id: 'title', label: w.projects.projectTitle, value: form.title, error: errors.title, required: true })}
${textArea({ id: 'description', label: w.projects.description, value: form.description, error: errors.description, required: true })}
<fieldset${errors.levers ? html` aria-describedby="levers-error"` : ''}><legend>${w.projects.levers}</legend>${fieldError('levers', errors.levers)}
${levers.keys.map((key) => html`<label><input type="checkbox" name="levers" value="${key}" ${checked(form.levers, key)} /> ${leverLabels[ctx.lang][key]}</label>`)}</fieldset>
<fieldset aria-describedby="partners-hint${errors.partnerIds ? ' partnerIds-error' : ''}"><legend>${w.projects.partners}</legend><p class="muted" id="partners-hint">${w.projects.partnersHint}</p>${fieldError('partnerIds', errors.partnerIds)}
${data.candidates.length ? data.candidates.map((p) => html`<label><input type="checkbox" name="partnerIds" value="${p.id}" ${checked(form.partnerIds, p.id)} /> ${p.name}</label>`) : html`<p class="muted">${w.projects.noCandidates}</p>`}
</fieldset>
<fieldset aria-describedby="others-hint"><legend>${w.projects.otherPartners}</legend><p class="muted" id="others-hint">${w.projects.otherPartnersHint}</p>
${textField({ id: 'partnerSearch', label: w.projects.partnerSearch, type: 'search', value: form.partnerSearch })}
<p><button type="submit" name="action" value="search" class="secondary">${w.projects.searchSubmit}</button></p>
${form.partnerSearch && !data.others.some((p) => !form.partnerIds?.includes(p.id)) ? html`<p class="muted" role="status">${w.projects.noneFound}</p>` : ''}
${data.others.map((p) => html`<label><input type="checkbox" name="partnerIds" value="${p.id}" ${checked(form.partnerIds, p.id)} /> ${p.name}</label>`)}</fieldset>
<p><button type="submit">${w.projects.submit}</button></p></form></section>`,
  });
}

/**
 * Partners beyond those waiting for a project, to tick in the form: those chosen already, and those
 * whose name holds the search; none whose journey ended (they cannot be invited).
 */
async function otherPartners(db: Db, candidates: Choice[], search: string, chosen: string[]): Promise<Choice[]> {
  const waiting = new Set(candidates.map((c) => c.id));
  const found = search ? (await searchPartners(db, { q: search }, { number: 1, size: 30 })).rows : [];
  const ticked = chosen.filter((id) => !waiting.has(id));
  const kept = ticked.length
    ? await db.selectFrom('partners').select(['id', 'name']).where('id', 'in', ticked).orderBy('name').execute()
    : [];
  const matches = found
    .filter((p) => !waiting.has(p.id) && !ticked.includes(p.id) && !terminalStages.includes(p.stage))
    .map(({ id, name }) => ({ id, name }));
  return [...kept, ...matches];
}

/**
 * The form filled in from an initiative of the portfolio: its title, description, levers and the
 * partners proposing or supporting it whose journey has not ended; empty for an unknown one.
 */
async function fromInitiative(db: Db, initiativeId: string): Promise<ProjectForm> {
  const initiative = await db
    .selectFrom('initiatives')
    .select(['id', 'title', 'description', 'levers'])
    .where('id', '=', initiativeId)
    .executeTakeFirst();
  if (!initiative) return {};
  const partners = await db
    .selectFrom('initiative_partners')
    .innerJoin('journeys', 'journeys.partner_id', 'initiative_partners.partner_id')
    .select(['initiative_partners.partner_id as id', 'journeys.stage'])
    .where('initiative_partners.initiative_id', '=', initiative.id)
    .orderBy('initiative_partners.since')
    .execute();
  return {
    initiativeId: initiative.id,
    initiativeTitle: initiative.title,
    title: initiative.title,
    description: initiative.description,
    levers: initiative.levers,
    partnerIds: partners.filter((p) => !terminalStages.includes(p.stage)).map((p) => p.id),
  };
}

/** The page's one parameter: `?initiative=<id>` fills the form in from that initiative. */
const projectsPageQuery = Type.Object({ initiative: Type.Optional(Type.String()) }, { additionalProperties: false });

/** `/staff/projects`: the portfolio by lever, and a form that creates a project through POST /api/projects. */
export function projectsPage(app: FastifyInstance, deps: AppDeps): void {
  const load = async (form: ProjectForm = {}) => {
    const candidates = await projectCandidates(deps.db);
    return {
      projects: await projectPortfolio(deps.db),
      candidates,
      others: await otherPartners(deps.db, candidates, form.partnerSearch ?? '', form.partnerIds ?? []),
    };
  };
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(page);

  app.get('/staff/projects', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(projectsPageQuery, request.query);
    const form = query.initiative ? await fromInitiative(deps.db, query.initiative) : {};
    return send(reply, 200, render(ctx, await load(form), form, {}, undefined, ignoredNotice(ctx, ignored)));
  });

  app.post('/staff/projects', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const fields = formOf(request);
    const form: ProjectForm = {
      title: textOf(fields, 'title'),
      description: textOf(fields, 'description'),
      levers: listOf(fields, 'levers'),
      partnerIds: listOf(fields, 'partnerIds'),
      partnerSearch: textOf(fields, 'partnerSearch'),
      idempotencyKey: textOf(fields, 'idempotencyKey'),
      initiativeId: textOf(fields, 'initiativeId') || undefined,
    };
    if (form.initiativeId) form.initiativeTitle = (await fromInitiative(deps.db, form.initiativeId)).initiativeTitle;
    if (textOf(fields, 'action') === 'search') return send(reply, 200, render(ctx, await load(form), form));
    const partnerIds = [...new Set(form.partnerIds ?? [])];
    let refusal: ApiError;
    try {
      const body = parseProject({
        title: form.title ?? '',
        description: form.description ?? '',
        levers: form.levers ?? [],
        partnerIds,
        // Made when the form was shown: the same form sent twice creates one project.
        ...(form.idempotencyKey ? { idempotencyKey: form.idempotencyKey } : {}),
        ...(form.initiativeId ? { initiativeId: form.initiativeId } : {}),
      });
      const created = await createProject(deps, body);
      return reply.redirect(`/staff/projects/${encodeURIComponent(created.id)}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refusal = error;
    }

    const w = ctx.w.projects;
    const errors: Record<string, string> = {};
    if (refusal.code === 'project_exists') errors.title = w.exists(String((refusal.details as { id: string }).id));
    for (const detail of refusal.statusCode === 400 && Array.isArray(refusal.details)
      ? (refusal.details as { field: string; message: string }[])
      : []) {
      const field = detail.field.split('.')[0]!;
      errors[field] =
        field === 'partnerIds' && detail.message.startsWith('unknown')
          ? `${w.fields.partnerIds} (${detail.message})`
          : (labelFor(w.fields, field) ?? detail.message);
    }
    // A refusal without field details (a partner whose journey ended) still belongs next to the partners.
    if (refusal.statusCode === 400 && !Object.keys(errors).length) errors.partnerIds = apiErrorText(ctx.w, refusal);
    const error = Object.keys(errors).length ? ctx.w.common.fixErrors : apiErrorText(ctx.w, refusal);
    return send(reply, refusal.statusCode, render(ctx, await load(form), form, errors, error));
  });
}

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
import { type Static, Type } from 'typebox';
import { ignoredNotice, pageParam, readPageQuery } from '../html/page-query';
import { type PageContext, pageContext, withQuery } from '../html/context';
import { formOf, listOf, textOf } from '../html/forms';
import { projectCandidates } from '../../features/projects/queries';
import {
  leverOverview,
  leverProjects,
  type LeverProjects,
  type PartnerCounts,
  type ProjectLine,
} from '../../features/projects/lever-overview';
import type { ProjectPartnerStatus } from '../../db/schema';
import { searchPartners } from '../../features/partners/queries';
import type { Db } from '../../db/connection';
import { terminalStages } from '../../domain/journey';
import { badge, emptyState, fieldError, notice, pager, staffPage, textArea, textField } from '../html/view';
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

/** The order a project's partner counts are read in: who takes part first. */
const countedStatuses: ProjectPartnerStatus[] = ['confirmed', 'invited', 'declined', 'expired', 'left_out'];

/** "8 taking part · 2 invited": a project's partners counted by their answer. */
function partnerCountsText(ctx: PageContext, counts: PartnerCounts): string {
  return countedStatuses
    .filter((status) => counts[status])
    .map((status) => `${counts[status]} ${ctx.w.projectPartnerStatuses[status]}`)
    .join(' · ');
}

const projectLine = (ctx: PageContext, p: ProjectLine): Html =>
  html`<li>
    <a href="/staff/projects/${encodeURIComponent(p.id)}">${p.title}</a> ${projectStatusBadge(ctx, p.status)}
    <span class="muted">${partnerCountsText(ctx, p.partners)}</span>
  </li>`;

const projectList = (ctx: PageContext, projects: ProjectLine[]): Html =>
  projects.length
    ? html`<ul>${projects.map((p) => projectLine(ctx, p))}</ul>`
    : html`<p class="muted">${ctx.w.projects.noneForLever}</p>`;

/** The newest projects of every lever, each lever with a link to all of its projects. */
function overview(ctx: PageContext, perLever: LeverProjects[]): Html {
  const w = ctx.w.projects;
  if (!perLever.some((l) => l.total)) return emptyState(w.empty);
  const card = ({ lever, projects, total }: LeverProjects) =>
    html`<section class="card" aria-labelledby="lever-${lever}">
      <h3 id="lever-${lever}">${leverLabels[ctx.lang][lever]}</h3>
      ${projectList(ctx, projects)}
      ${total > projects.length ? html`<p><a href="${withQuery('/staff/projects', { lever, lang: undefined })}">${w.allOfLever(total)}</a></p>` : ''}
    </section>`;
  return html`<h2>${w.byLever}</h2>
    <div class="grid">${perLever.map(card)}</div>`;
}

/** One lever's projects, a page at a time (`?lever=&page=`). */
function oneLever(ctx: PageContext, { lever, projects, total }: LeverProjects, number: number): Html {
  const w = ctx.w.projects;
  return html`<p><a href="/staff/projects">← ${w.allLevers}</a></p>
    <h2>${leverLabels[ctx.lang][lever]}</h2>
    <p>${w.leverTotal(total)}</p>
    ${projectList(ctx, projects)}
    ${pager(ctx, number, Math.max(1, Math.ceil(total / projectsPerPage)))}`;
}

function render(
  ctx: PageContext,
  data: { projects: Html; candidates: Choice[]; waiting: number; others: Choice[] },
  form: ProjectForm = {},
  errors: Record<string, string> = {},
  error?: string,
  ignored: Html = html``,
) {
  const { w } = ctx;
  const checked = (list: string[] | undefined, key: string) => (list?.includes(key) ? html` checked` : '');
  return staffPage(ctx, {
    title: w.projects.title,
    active: 'projects',
    body: html`<h1>${w.projects.title}</h1>${notice(error, 'error')}${ignored}
${data.projects}
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
${data.waiting > data.candidates.length ? html`<p class="muted" role="status">${w.projects.moreWaiting(data.waiting - data.candidates.length)}</p>` : ''}
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

/**
 * The page's parameters: `?initiative=<id>` fills the form in from that initiative; `?lever=` lists that
 * lever's projects, `?page=` a page at a time.
 */
const projectsPageQuery = Type.Object(
  {
    initiative: Type.Optional(Type.String()),
    lever: Type.Optional(Type.Enum(levers.keys, { type: 'string' })),
    page: pageParam,
  },
  { additionalProperties: false },
);
type ProjectsPageQuery = Static<typeof projectsPageQuery>;

/** Projects per lever on the overview, per page on one lever's list, and waiting partners shown to tick. */
const newestPerLever = 5;
const projectsPerPage = 25;
const candidatesShown = 30;

/** `/staff/projects`: the portfolio by lever, and a form that creates a project through POST /api/projects. */
export function projectsPage(app: FastifyInstance, deps: AppDeps): void {
  const load = async (ctx: PageContext, form: ProjectForm = {}, query: ProjectsPageQuery = {}) => {
    const number = Number(query.page ?? '1');
    const [projects, candidates] = await Promise.all([
      query.lever
        ? leverProjects(deps.db, query.lever, { number, size: projectsPerPage }).then((l) => oneLever(ctx, l, number))
        : leverOverview(deps.db, newestPerLever).then((perLever) => overview(ctx, perLever)),
      projectCandidates(deps.db, candidatesShown),
    ]);
    return {
      projects,
      candidates: candidates.first,
      waiting: candidates.waiting,
      others: await otherPartners(deps.db, candidates.first, form.partnerSearch ?? '', form.partnerIds ?? []),
    };
  };
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(page);

  app.get('/staff/projects', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { query, ignored } = readPageQuery(projectsPageQuery, request.query);
    const form = query.initiative ? await fromInitiative(deps.db, query.initiative) : {};
    return send(
      reply,
      200,
      render(ctx, await load(ctx, form, query), form, {}, undefined, ignoredNotice(ctx, ignored)),
    );
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
    if (textOf(fields, 'action') === 'search') return send(reply, 200, render(ctx, await load(ctx, form), form));
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
    return send(reply, refusal.statusCode, render(ctx, await load(ctx, form), form, errors, error));
  });
}

import type { FastifyInstance } from 'fastify';
import { leverLabels } from '../../domain/translated-labels';
import { projectWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { html } from '../html/layout';
import type { AppDeps } from '../../features/deps';
import { temporalUiLinkFor } from '../../temporal/workflow-links';
import { pageContext } from '../html/context';
import { projectPortfolio } from '../../features/projects/queries';
import { projectStatusBadge } from './projects-page';
import { badge, dateText, notice, partnerLink, staffPage, textArea, selectField } from '../html/view';
import { closeProject, closeProjectSchema } from '../../features/projects/close-project';
import { compileParser } from '../../http/validation';
import { formOf, textOf } from '../html/forms';
import { apiErrorText } from '../html/error-text';
import { labelFor } from '../html/label-for';
import { staffUserOf } from '../../auth/plugin';
import type { PageContext } from '../html/context';
import type { PortfolioProject } from '../../features/projects/queries';
import { html as h, type Html } from '../html/layout';

const parseClose = compileParser(closeProjectSchema);

/** The project's partners, each with its answer and its journey's stage. */
function projectPartnerList(ctx: PageContext, project: PortfolioProject): Html {
  const tone = (status: string) => (status === 'confirmed' ? 'ok' : status === 'invited' ? 'wait' : 'warn');
  return h`<ul>
    ${project.partners.map((p) => h`<li>${partnerLink(p.id, p.name)} ${badge(ctx.w.projectPartnerStatuses[p.status] ?? p.status, tone(p.status))} <span class="muted">${ctx.w.stages[p.stage]}</span></li>`)}
  </ul>`;
}

type CloseForm = { evaluation?: string; score?: string; learned?: string };

/** The outcome of a closed project, or the form that closes a running one. */
function outcomeSection(
  ctx: PageContext,
  project: PortfolioProject,
  form: CloseForm = {},
  errors: Record<string, string> = {},
): Html {
  const o = ctx.w.projectOutcome;
  if (project.status === 'closed')
    return h`<h2>${o.outcome}</h2>
      <dl class="facts">
        <dt>${o.closedOn}</dt><dd>${project.closed_at ? dateText(project.closed_at, ctx) : ''}</dd>
        <dt>${o.score}</dt><dd>${o.scoreOf(project.score ?? 0)}</dd>
        <dt>${o.evaluation}</dt><dd style="white-space:pre-wrap">${project.evaluation ?? ''}</dd>
        <dt>${o.learned}</dt><dd style="white-space:pre-wrap">${project.learned ?? ''}</dd>
      </dl>`;
  if (project.status !== 'running') return h``;
  return h`<section class="card" aria-labelledby="close"><h2 id="close">${o.close}</h2>
    <p class="muted">${o.closeHint}</p>
    <form method="post" action="/staff/projects/${encodeURIComponent(project.id)}/close" novalidate>
      ${textArea({ id: 'evaluation', label: o.evaluation, value: form.evaluation, error: errors.evaluation, required: true })}
      ${selectField({ id: 'score', label: o.score, choices: ['1', '2', '3', '4', '5'].map((n) => [n, n]), value: form.score, blank: '', error: errors.score, required: true })}
      ${textArea({ id: 'learned', label: o.learned, value: form.learned, error: errors.learned, required: true })}
      <p><button type="submit">${o.submit}</button></p>
    </form></section>`;
}

/** `/staff/projects/:id`: one prototype project, its levers and each invited partner's answer. */
export function projectPage(app: FastifyInstance, deps: AppDeps): void {
  const render = async (
    ctx: PageContext,
    project: PortfolioProject,
    done?: string,
    close: { form?: CloseForm; errors?: Record<string, string>; error?: string } = {},
  ) => {
    const { w } = ctx;
    const initiative = project.initiative_id
      ? await deps.db
          .selectFrom('initiatives')
          .select(['id', 'title'])
          .where('id', '=', project.initiative_id)
          .executeTakeFirst()
      : undefined;
    const uiUrl = temporalUiLinkFor(ctx.user, deps.config, projectWorkflowId(project.id));
    const body = html`<p><a href="/staff/projects">← ${w.projects.title}</a></p>
      <h1>${project.title}</h1>
      <p>${projectStatusBadge(ctx, project.status)}</p>
      ${notice(close.error, 'error')}
      ${notice(done === 'created' ? w.projects.created : done === 'closed' ? w.projectOutcome.closed : undefined)}
      <dl class="facts">
        ${initiative ? html`<dt>${w.projectOutcome.fromInitiative}</dt><dd><a href="/staff/initiatives/${encodeURIComponent(initiative.id)}">${initiative.title}</a></dd>` : ''}
        <dt>${w.projects.createdOn}</dt>
        <dd>${dateText(project.created_at, ctx)}</dd>
        <dt>${w.projects.levers}</dt>
        <dd>${project.levers.map((l) => leverLabels[ctx.lang][l]).join(', ')}</dd>
      </dl>
      <h2>${w.projects.description}</h2>
      <p style="white-space:pre-wrap">${project.description}</p>
      <h2>${w.projects.partners}</h2>
      ${projectPartnerList(ctx, project)} ${outcomeSection(ctx, project, close.form, close.errors)}
      ${uiUrl ? html`<p><a href="${uiUrl}">${w.projects.temporal}</a></p>` : ''}`;
    return staffPage(ctx, { title: project.title, active: 'projects', body });
  };
  const find = async (id: string) => {
    const [project] = await projectPortfolio(deps.db, id);
    if (!project) throw new ApiError(404, 'project_not_found', `There is no project with id "${id}".`);
    return project;
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/staff/projects/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const project = await find(request.params.id);
    return reply.type('text/html; charset=utf-8').send(await render(ctx, project, request.query.done));
  });

  app.post<{ Params: { id: string } }>('/staff/projects/:id/close', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const project = await find(request.params.id);
    const fields = formOf(request);
    const form: CloseForm = {
      evaluation: textOf(fields, 'evaluation'),
      score: textOf(fields, 'score'),
      learned: textOf(fields, 'learned'),
    };
    try {
      const body = parseClose({
        evaluation: form.evaluation,
        score: /^[1-5]$/.test(form.score ?? '') ? Number(form.score) : form.score,
        learned: form.learned,
      });
      await closeProject(deps, project.id, body, staffUserOf(request).email);
      return reply.redirect(`/staff/projects/${encodeURIComponent(project.id)}?done=closed`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const errors: Record<string, string> = {};
      for (const detail of error.statusCode === 400 && Array.isArray(error.details)
        ? (error.details as { field: string; message: string }[])
        : []) {
        const label = labelFor(ctx.w.projectOutcome.fields, detail.field);
        if (label) errors[detail.field] = label;
      }
      const message = Object.keys(errors).length ? ctx.w.common.fixErrors : apiErrorText(ctx.w, error);
      return reply
        .status(error.statusCode)
        .type('text/html; charset=utf-8')
        .send(await render(ctx, await find(project.id), undefined, { form, errors, error: message }));
    }
  });
}

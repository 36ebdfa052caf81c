import type { FastifyInstance } from 'fastify';
import { leverLabels } from '../../domain/translated-labels';
import { projectWorkflowId } from '../../domain/workflow-ids';
import { ApiError } from '../../http/api-error';
import { html } from '../html/layout';
import type { AppDeps } from '../../features/deps';
import { temporalUiLinkFor } from '../../temporal/workflow-links';
import { pageContext } from '../html/context';
import { projectPortfolio } from '../../features/projects/queries';
import { projectPartnerList, projectStatusBadge } from './projects-page';
import { dateText, notice, staffPage } from '../html/view';

/** `/staff/projects/:id`: one prototype project, its levers and each invited partner's answer. */
export function projectPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/staff/projects/:id', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [project] = await projectPortfolio(deps.db, request.params.id);
    if (!project) throw new ApiError(404, 'project_not_found', `There is no project with id "${request.params.id}".`);
    const { w } = ctx;
    const uiUrl = temporalUiLinkFor(ctx.user, deps.config, projectWorkflowId(project.id));
    const body = html`<p><a href="/staff/projects">← ${w.projects.title}</a></p>
      <h1>${project.title}</h1>
      <p>${projectStatusBadge(ctx, project.status)}</p>
      ${notice(request.query.done === 'created' ? w.projects.created : undefined)}
      <dl class="facts">
        <dt>${w.projects.createdOn}</dt>
        <dd>${dateText(project.created_at, ctx)}</dd>
        <dt>${w.projects.levers}</dt>
        <dd>${project.levers.map((l) => leverLabels[ctx.lang][l]).join(', ')}</dd>
      </dl>
      <h2>${w.projects.description}</h2>
      <p style="white-space:pre-wrap">${project.description}</p>
      <h2>${w.projects.partners}</h2>
      ${projectPartnerList(ctx, project)} ${uiUrl ? html`<p><a href="${uiUrl}">${w.projects.temporal}</a></p>` : ''}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(staffPage(ctx, { title: project.title, active: 'projects', body }));
  });
}

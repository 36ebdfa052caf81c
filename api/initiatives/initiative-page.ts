import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  characteristicLabels,
  characteristics,
  initiativeKinds,
  preconditionLabels,
  preconditions,
} from '../../domain/initiatives';
import { leverLabels } from '../../domain/translated-labels';
import { levers } from '../../domain/vocabulary';
import type { AppDeps } from '../../features/deps';
import { addInitiative } from '../../features/initiatives/add-initiative';
import { editInitiative, initiativeNotFound } from '../../features/initiatives/edit-initiative';
import { initiativeDetail } from '../../features/initiatives/queries';
import { initiativeChangeSchema, initiativeSchema } from '../../features/initiatives/schema';
import { ApiError } from '../../http/api-error';
import { compileParser } from '../../http/validation';
import { html } from '../html/layout';
import { type PageContext, pageContext } from '../html/context';
import { formRefusal } from '../html/form-refusal';
import { type FormFields, formOf, listOf, textOf } from '../html/forms';
import { labelFor } from '../html/label-for';
import { dateText, notice, partnerLink, selectField, staffPage, textArea, textField } from '../html/view';
import { projectStatusBadge } from '../projects/projects-page';
import { initiativeStatusBadge } from './portfolio-page';

const parseNew = compileParser(initiativeSchema);
const parseChange = compileParser(initiativeChangeSchema);

type Choice = { id: string; name: string };
const partnerChoices = (deps: AppDeps): Promise<Choice[]> =>
  deps.db.selectFrom('partners').select(['id', 'name']).orderBy('name').limit(500).execute();

const send = (reply: FastifyReply, status: number, page: string) =>
  reply.status(status).type('text/html; charset=utf-8').send(page);

interface InitiativeForm {
  title?: string;
  description?: string;
  kind?: string;
  levers?: string[];
  characteristics?: string[];
  preconditions?: string[];
  partnerIds?: string[];
  idempotencyKey?: string;
}

const readForm = (fields: FormFields): InitiativeForm => ({
  title: textOf(fields, 'title'),
  description: textOf(fields, 'description'),
  kind: textOf(fields, 'kind'),
  levers: listOf(fields, 'levers'),
  characteristics: listOf(fields, 'characteristics'),
  preconditions: listOf(fields, 'preconditions'),
  partnerIds: [...new Set(listOf(fields, 'partnerIds'))],
  idempotencyKey: textOf(fields, 'idempotencyKey'),
});

/** The add and edit form: the same fields; a new one carries an idempotency key made when shown. */
function renderForm(
  ctx: PageContext,
  options: { action: string; heading: string; submit: string; partners: Choice[]; isNew: boolean },
  form: InitiativeForm,
  errors: Record<string, string> = {},
  error?: string,
): string {
  const w = ctx.w.initiatives;
  const checked = (list: string[] | undefined, key: string) => (list?.includes(key) ? html` checked` : '');
  const boxes = (name: keyof InitiativeForm, choices: [string, string][], legend: string) =>
    html`<fieldset${errors[name] ? html` aria-describedby="${name}-error"` : ''}>
      <legend>${legend}</legend>
      ${errors[name] ? html`<p class="error" id="${name}-error">${errors[name]}</p>` : ''}
      ${choices.map(([key, label]) => html`<label><input type="checkbox" name="${name}" value="${key}" ${checked(form[name] as string[] | undefined, key)} /> ${label}</label>`)}
    </fieldset>`;
  const body = html`<p><a href="/staff/initiatives">← ${w.title}</a></p>
    <h1>${options.heading}</h1>
    ${notice(error, 'error')}
    <form method="post" action="${options.action}" novalidate>
      ${options.isNew ? html`<input type="hidden" name="idempotencyKey" value="${form.idempotencyKey || randomUUID()}" />` : ''}
      ${textField({ id: 'title', label: w.initiativeTitle, value: form.title, error: errors.title, required: true })}
      ${textArea({ id: 'description', label: w.description, value: form.description, error: errors.description, required: true })}
      ${selectField({ id: 'kind', label: w.kind, choices: initiativeKinds.map((k) => [k, w.kinds[k]]), value: form.kind ?? 'proposal', error: errors.kind, required: true })}
      ${boxes(
        'levers',
        levers.keys.map((l) => [l, leverLabels[ctx.lang][l]]),
        w.levers,
      )}
      ${boxes(
        'characteristics',
        characteristics.map((c) => [c, characteristicLabels[ctx.lang][c]]),
        w.characteristics,
      )}
      ${boxes(
        'preconditions',
        preconditions.map((p) => [p, preconditionLabels[ctx.lang][p]]),
        w.preconditions,
      )}
      ${boxes(
        'partnerIds',
        options.partners.map((p) => [p.id, p.name]),
        w.partners,
      )}
      <p class="muted">${w.partnersHint}</p>
      <p><button type="submit">${options.submit}</button></p>
    </form>`;
  return staffPage(ctx, { title: options.heading, active: 'initiatives', body });
}

/** A refusal's problems next to their fields, in the page's words. */
function errorsOf(ctx: PageContext, refusal: ApiError): { errors: Record<string, string>; message: string } {
  const w = ctx.w.initiatives;
  return formRefusal(ctx.w, refusal, {
    exists: { code: 'initiative_exists', text: w.exists },
    problemText: (field) => labelFor(w.fields, field),
  });
}

function showInitiative(
  ctx: PageContext,
  detail: NonNullable<Awaited<ReturnType<typeof initiativeDetail>>>,
  done?: string,
): string {
  const { w } = ctx;
  const i = w.initiatives;
  const o = w.projectOutcome;
  const role = (r: 'proposer' | 'supporter') => detail.partners.filter((p) => p.role === r);
  const partnerList = (list: typeof detail.partners) =>
    list.length
      ? html`<ul>${list.map((p) => html`<li>${partnerLink(p.id, p.name)} <span class="muted">${w.sectors[p.sector]}</span></li>`)}</ul>`
      : html`<p class="muted">${i.nobody}</p>`;
  const originRef = !detail.origin_ref
    ? ''
    : detail.origin === 'minutes'
      ? html` — <a href="/staff/meetings/${encodeURIComponent(detail.origin_ref)}">${detail.origin_ref}</a>`
      : html` — ${partnerLink(detail.origin_ref, detail.partners.find((p) => p.id === detail.origin_ref)?.name ?? detail.origin_ref)}`;
  const project = detail.project;
  const projectSection = project
    ? html`<p><a href="/staff/projects/${encodeURIComponent(project.id)}">${project.title}</a> ${projectStatusBadge(ctx, project.status)}</p>
        ${
          project.status === 'closed'
            ? html`<h3>${i.outcome}</h3>
                <dl class="facts">
                  <dt>${o.closedOn}</dt><dd>${project.closedAt ? dateText(project.closedAt, ctx) : ''}</dd>
                  <dt>${o.score}</dt><dd>${o.scoreOf(project.score ?? 0)}</dd>
                  <dt>${o.evaluation}</dt><dd style="white-space:pre-wrap">${project.evaluation ?? ''}</dd>
                  <dt>${o.learned}</dt><dd style="white-space:pre-wrap">${project.learned ?? ''}</dd>
                </dl>`
            : ''
        }`
    : html`<p class="muted">${i.noProject}</p>
        ${
          detail.status === 'proposed' || detail.status === 'prioritised'
            ? html`<p><a class="button" href="/staff/projects?initiative=${encodeURIComponent(detail.id)}#create-form">${i.startProject}</a></p>`
            : ''
        }`;
  const statusAction =
    detail.status === 'parked'
      ? html`<form method="post" action="/staff/initiatives/${encodeURIComponent(detail.id)}/status"><input type="hidden" name="status" value="proposed" /><button type="submit" class="secondary">${i.takeUp}</button></form>`
      : detail.status === 'proposed' || detail.status === 'prioritised'
        ? html`<form method="post" action="/staff/initiatives/${encodeURIComponent(detail.id)}/status"><input type="hidden" name="status" value="parked" /><button type="submit" class="secondary">${i.park}</button></form>`
        : '';
  const doneText = labelFor({ added: i.added, edited: i.edited, parked: i.parked, proposed: i.takenUp }, done);
  const body = html`<p><a href="/staff/initiatives">← ${i.title}</a></p>
    <h1>${detail.title}</h1>
    <p>${initiativeStatusBadge(ctx, detail.status)}</p>
    ${notice(doneText)}
    <div class="actions">
      <a class="button secondary" href="/staff/initiatives/${encodeURIComponent(detail.id)}/edit">${i.edit}</a>
      ${statusAction}
    </div>
    <dl class="facts">
      <dt>${i.kind}</dt><dd>${i.kinds[detail.kind]}</dd>
      <dt>${i.origin}</dt><dd>${i.origins[detail.origin]}${originRef}</dd>
      <dt>${i.createdOn}</dt><dd>${dateText(detail.created_at, ctx)}</dd>
      <dt>${i.levers}</dt><dd>${detail.levers.map((l) => leverLabels[ctx.lang][l]).join(', ')}</dd>
      <dt>${i.characteristics}</dt><dd>${detail.characteristics.map((c) => characteristicLabels[ctx.lang][c]).join(', ') || '—'}</dd>
      <dt>${i.preconditions}</dt><dd>${detail.preconditions.map((p) => preconditionLabels[ctx.lang][p]).join(', ') || '—'}</dd>
      ${detail.priority_rank !== null ? html`<dt>${i.priorityRank}</dt><dd>${detail.priority_rank}</dd>` : ''}
    </dl>
    <h2>${i.description}</h2>
    <p style="white-space:pre-wrap">${detail.description}</p>
    <h2>${i.proposers}</h2>
    ${partnerList(role('proposer'))}
    <h2>${i.supporters}</h2>
    ${partnerList(role('supporter'))}
    <h2>${i.rounds}</h2>
    ${
      detail.rounds.length
        ? html`<ul>${detail.rounds.map((r) => html`<li><a href="/staff/prioritisation-rounds/${encodeURIComponent(r.id)}">${r.title}</a> ${r.rank !== null ? html`— #${r.rank}` : ''}</li>`)}</ul>`
        : html`<p class="muted">${i.noRounds}</p>`
    }
    <h2>${i.project}</h2>
    ${projectSection}`;
  return staffPage(ctx, { title: detail.title, active: 'initiatives', body });
}

/** `/staff/initiatives/new`, `/staff/initiatives/:id` (with its edit form and status buttons). */
export function initiativePages(app: FastifyInstance, deps: AppDeps): void {
  const newOptions = async (ctx: PageContext) => ({
    action: '/staff/initiatives/new',
    heading: ctx.w.initiatives.add,
    submit: ctx.w.initiatives.submitAdd,
    partners: await partnerChoices(deps),
    isNew: true,
  });

  app.get('/staff/initiatives/new', async (request, reply) => {
    const ctx = pageContext(request, reply);
    return send(reply, 200, renderForm(ctx, await newOptions(ctx), {}));
  });

  app.post('/staff/initiatives/new', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = readForm(formOf(request));
    try {
      const body = parseNew({
        title: form.title ?? '',
        description: form.description ?? '',
        kind: form.kind ?? '',
        levers: form.levers ?? [],
        characteristics: form.characteristics ?? [],
        preconditions: form.preconditions ?? [],
        partnerIds: form.partnerIds ?? [],
        // Made when the form was shown: the same form sent twice adds one initiative.
        ...(form.idempotencyKey ? { idempotencyKey: form.idempotencyKey } : {}),
      });
      const added = await addInitiative(deps.db, body);
      return reply.redirect(`/staff/initiatives/${encodeURIComponent(added.id)}?done=added`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { errors, message } = errorsOf(ctx, error);
      return send(reply, error.statusCode, renderForm(ctx, await newOptions(ctx), form, errors, message));
    }
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/staff/initiatives/:id',
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const detail = await initiativeDetail(deps.db, request.params.id);
      if (!detail) throw initiativeNotFound(request.params.id);
      return send(reply, 200, showInitiative(ctx, detail, request.query?.done));
    },
  );

  const editOptions = async (ctx: PageContext, id: string, title: string) => ({
    action: `/staff/initiatives/${encodeURIComponent(id)}/edit`,
    heading: ctx.w.initiatives.editTitle(title),
    submit: ctx.w.initiatives.submitEdit,
    partners: await partnerChoices(deps),
    isNew: false,
  });

  app.get<{ Params: { id: string } }>('/staff/initiatives/:id/edit', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const detail = await initiativeDetail(deps.db, request.params.id);
    if (!detail) throw initiativeNotFound(request.params.id);
    const form: InitiativeForm = {
      title: detail.title,
      description: detail.description,
      kind: detail.kind,
      levers: detail.levers,
      characteristics: detail.characteristics,
      preconditions: detail.preconditions,
      partnerIds: detail.partners.filter((p) => p.role === 'supporter').map((p) => p.id),
    };
    return send(reply, 200, renderForm(ctx, await editOptions(ctx, detail.id, detail.title), form));
  });

  app.post<{ Params: { id: string } }>('/staff/initiatives/:id/edit', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const detail = await initiativeDetail(deps.db, request.params.id);
    if (!detail) throw initiativeNotFound(request.params.id);
    const form = readForm(formOf(request));
    try {
      const change = parseChange({
        title: form.title ?? '',
        description: form.description ?? '',
        kind: form.kind ?? '',
        levers: form.levers ?? [],
        characteristics: form.characteristics ?? [],
        preconditions: form.preconditions ?? [],
        partnerIds: form.partnerIds ?? [],
      });
      await editInitiative(deps.db, detail.id, change);
      return reply.redirect(`/staff/initiatives/${encodeURIComponent(detail.id)}?done=edited`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { errors, message } = errorsOf(ctx, error);
      return send(
        reply,
        error.statusCode,
        renderForm(ctx, await editOptions(ctx, detail.id, detail.title), form, errors, message),
      );
    }
  });

  app.post<{ Params: { id: string } }>('/staff/initiatives/:id/status', async (request, reply) => {
    const status = textOf(formOf(request), 'status');
    const change = parseChange({ status });
    const changed = await editInitiative(deps.db, request.params.id, change);
    return reply.redirect(`/staff/initiatives/${encodeURIComponent(changed.id)}?done=${changed.status}`, 303);
  });
}

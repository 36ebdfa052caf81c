import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../../http/api-error';
import { html } from '../html/layout';
import { onboardPartner } from '../../features/partners/onboard';
import { partnerInputSchema } from '../../features/partners/schema';
import type { AppDeps } from '../../features/deps';
import { compileValidator } from '../../http/validation';
import { apiErrorText } from '../html/error-text';
import { type PageContext, pageContext } from '../html/context';
import { importColumns } from '../../features/partners/csv-import';
import { formOf, textOf } from '../html/forms';
import { choicesOf, notice, selectField, staffPage, textField } from '../html/view';
import { labelFor } from '../html/label-for';

// The form asks what a line of a member list holds.
const fieldNames = importColumns;
type Values = Partial<Record<(typeof fieldNames)[number], string>>;
const validatePartner = compileValidator(partnerInputSchema);

/** The form's fields as the body of POST /api/partners (the same columns a CSV import has). */
function partnerBody(v: Values) {
  const contact = (role: 'coordinator' | 'signatory') => {
    const [name, email] = [v[`${role}Name`] ?? '', v[`${role}Email`] ?? ''];
    return name || email || role === 'coordinator' ? [{ name, email, role }] : [];
  };
  return {
    name: v.name ?? '',
    actorType: v.actorType ?? '',
    sector: v.sector ?? '',
    language: v.language || 'nl',
    contacts: [...contact('coordinator'), ...contact('signatory')],
  };
}

/** The schema names `contacts.0.email`; the form calls it coordinatorEmail. */
const formField = (field: string) =>
  field
    .replace(/^contacts\.0\.(\w)/, (_, c: string) => `coordinator${c.toUpperCase()}`)
    .replace(/^contacts\.1\.(\w)/, (_, c: string) => `signatory${c.toUpperCase()}`);

function render(ctx: PageContext, values: Values, errors: Record<string, string> = {}, error?: string) {
  const { w } = ctx;
  const field = (id: (typeof fieldNames)[number], label: string, type: string, autocomplete: string) =>
    textField({
      id,
      label,
      type,
      value: values[id],
      error: errors[id],
      autocomplete,
      required: !id.startsWith('signatory'),
    });
  return staffPage(ctx, {
    title: w.onboard.title,
    active: 'onboard',
    body: html`<h1>${w.onboard.title}</h1>
      <p>${w.onboard.intro}</p>
      ${notice(error, 'error')}
      <form method="post" action="/staff/partners/new" novalidate>
        <fieldset>
          <legend>${w.onboard.organisation}</legend>
          ${field('name', w.onboard.name, 'text', 'organization')}
          ${selectField({ id: 'actorType', label: w.common.actorType, choices: choicesOf(w.actorTypes), value: values.actorType, blank: w.onboard.choose, error: errors.actorType, required: true })}
          ${selectField({ id: 'sector', label: w.common.sector, choices: choicesOf(w.sectors), value: values.sector, blank: w.onboard.choose, error: errors.sector, required: true })}
          ${selectField({ id: 'language', label: w.common.language, choices: choicesOf(w.languages), value: values.language ?? 'nl', error: errors.language, required: true })}
        </fieldset>
        <fieldset>
          <legend>${w.onboard.coordinator}</legend>
          ${field('coordinatorName', w.onboard.contactName, 'text', 'off')}${field('coordinatorEmail', w.onboard.contactEmail, 'email', 'off')}
        </fieldset>
        <fieldset>
          <legend>${w.onboard.signatory}</legend>
          ${field('signatoryName', w.onboard.contactName, 'text', 'off')}${field('signatoryEmail', w.onboard.contactEmail, 'email', 'off')}
        </fieldset>
        <p><button type="submit">${w.onboard.submit}</button></p>
      </form>`,
  });
}

/** `/staff/partners/new`: onboards one partner as POST /api/partners does (same schema, same onboardPartner), errors next to their fields. */
export function onboardPage(app: FastifyInstance, deps: AppDeps): void {
  const send = (reply: FastifyReply, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(page);

  app.get('/staff/partners/new', async (request, reply) =>
    send(reply, 200, render(pageContext(request, reply), { language: 'nl' })),
  );

  app.post('/staff/partners/new', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = formOf(request);
    const values: Values = Object.fromEntries(fieldNames.map((name) => [name, textOf(form, name)]));
    const body = partnerBody(values);
    const checked = validatePartner(body);
    if (!checked.ok) {
      const errors = Object.fromEntries(
        checked.problems
          .map((p) => formField(p.field))
          .map((f) => [f, labelFor(ctx.w.onboard.fields, f) ?? ctx.w.common.fixErrors]),
      );
      return send(reply, 400, render(ctx, values, errors, ctx.w.common.fixErrors));
    }
    try {
      const { id } = await onboardPartner(
        { ...deps, log: (error) => request.log.warn({ err: error }, 'could not start journey') },
        checked.value,
        { staffUserId: ctx.user!.id }, // signed in: every staff page is behind the session guard
      );
      return reply.redirect(`/staff/partners/${encodeURIComponent(id)}?done=onboarded`, 303);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'partner_exists')
        return send(
          reply,
          409,
          render(ctx, values, { name: ctx.w.onboard.exists((error.details as { id: string }).id) }),
        );
      return send(reply, error.statusCode, render(ctx, values, {}, apiErrorText(ctx.w, error)));
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorReference, staffUserOf } from '../../auth/plugin';
import { listUsers } from '../../auth/users';
import { isActiveStaff } from '../../db/staff-accounts';
import type { FieldProblem } from '../../domain/field-problem';
import { type ContactEntry, contactListProblems } from '../../domain/partner-contacts';
import type { ContactRole } from '../../domain/vocabulary';
import { ApiError } from '../../http/api-error';
import { html } from '../html/layout';
import { changeablePartner } from '../../features/partners/changeable';
import { changePartnerDetails } from '../../features/partners/edit-details';
import { setPartnerContacts } from '../../features/partners/edit-contacts';
import { getPartnerDetail } from '../../features/partners/queries';
import { partnerContactsSchema, partnerDetailsSchema } from '../../features/partners/schema';
import type { AppDeps } from '../../features/deps';
import { compileValidator, problemsOf } from '../../http/validation';
import { apiErrorText } from '../html/error-text';
import { type PageContext, pageContext } from '../html/context';
import type { StaffWording } from '../html/wording-nl';
import { formOf, textOf } from '../html/forms';
import { choicesOf, notice, selectField, staffPage, textField } from '../html/view';
import { labelFor } from '../html/label-for';

type Params = { Params: { id: string } };
type Values = Record<string, string>;
const validateDetails = compileValidator(partnerDetailsSchema);
const validateContacts = compileValidator(partnerContactsSchema);
const roles: ContactRole[] = ['coordinator', 'signatory'];
const fieldNames = ['name', 'actorType', 'sector', 'language', 'responsible'] as const;

/**
 * `/staff/partners/:id/edit`: the partner's details, contacts and responsible staff member, changed
 * as PATCH /api/partners/:id and PUT /api/partners/:id/contacts change them (same schemas, same
 * functions). A contact is corrected in place unless "another person" is ticked: then the new
 * person replaces them. Errors are shown next to their fields; nothing is changed then.
 */
export function editPartnerPage(app: FastifyInstance, deps: AppDeps): void {
  async function show(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    status: number,
    values?: Values,
    errors: Record<string, string> = {},
    error?: string,
  ) {
    const ctx = pageContext(request, reply);
    const id = request.params.id;
    const [partner, users] = await Promise.all([getPartnerDetail(deps.db, id), listUsers(deps.db)]);
    if (!partner) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${id}".`);
    const current: Values = values ?? {
      name: partner.name,
      actorType: partner.actorType,
      sector: partner.sector,
      language: partner.language,
      responsible: partner.responsibleUserId ? String(partner.responsibleUserId) : '',
      ...Object.fromEntries(
        roles.flatMap((role) => {
          const contact = partner.contacts.find((c) => c.role === role);
          return contact
            ? [
                [`${role}Id`, String(contact.id)],
                [`${role}Name`, contact.name],
                [`${role}Email`, contact.email],
              ]
            : [];
        }),
      ),
    };
    const staff = users.filter((u) => isActiveStaff(u) || String(u.id) === current.responsible);
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        staffPage(ctx, {
          title: ctx.w.edit.title(partner.name),
          active: 'partners',
          body: render(ctx, id, partner.name, current, staff, errors, error),
        }),
      );
  }

  app.get<Params>('/staff/partners/:id/edit', async (request, reply) => {
    await changeablePartner(deps.db, request.params.id);
    return show(request, reply, 200);
  });

  app.post<Params>('/staff/partners/:id/edit', async (request, reply) => {
    const { w } = pageContext(request, reply);
    const id = request.params.id;
    await changeablePartner(deps.db, id);
    const form = formOf(request);
    const values: Values = Object.fromEntries(
      [...fieldNames, ...roles.flatMap((r) => [`${r}Id`, `${r}Name`, `${r}Email`, `${r}Replaced`])].map((name) => [
        name,
        textOf(form, name),
      ]),
    );
    const details = validateDetails(detailsOf(values));
    const contacts = contactsOf(values);
    const checkedContacts = validateContacts({ contacts });
    const problems = [...problemsOf(details), ...problemsOf(checkedContacts), ...contactListProblems(contacts)];
    if (!details.ok || !checkedContacts.ok || problems.length)
      return show(request, reply, 400, values, fieldErrors(problems, contacts, w), w.common.fixErrors);
    const by = actorReference(staffUserOf(request));
    let followed;
    try {
      await changePartnerDetails(deps, id, details.value, by);
      followed = await setPartnerContacts(deps, id, checkedContacts.value.contacts, by);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return show(request, reply, error.statusCode, values, {}, apiErrorText(w, error));
    }
    // Saving again re-addresses what could not be now (features/requests/follow-contacts.ts).
    const done = followed.refused.length ? 'editedNotFollowed' : 'edited';
    return reply.redirect(`/staff/partners/${encodeURIComponent(id)}?done=${done}`, 303);
  });
}

/** The form's organisation fields as the body of PATCH /api/partners/:id, to be checked by its schema. */
function detailsOf(v: Values) {
  return {
    name: v.name ?? '',
    actorType: v.actorType,
    sector: v.sector,
    language: v.language,
    responsibleUserId: v.responsible ? Number(v.responsible) : null,
  };
}

/** The form's contacts as the body of PUT /api/partners/:id/contacts; an empty signatory is none. */
function contactsOf(v: Values): ContactEntry[] {
  return roles.flatMap((role) => {
    const [name, email, id] = [v[`${role}Name`] ?? '', v[`${role}Email`] ?? '', v[`${role}Id`]];
    if (role === 'signatory' && !name && !email) return [];
    const kept = id && v[`${role}Replaced`] !== '1' ? { id: Number(id) } : {};
    return [{ ...kept, name, email, role }];
  });
}

/**
 * Problems named by the schema (`contacts.1.email`, `sector`) as the form's fields (`signatoryEmail`,
 * `sector`), in the onboarding form's words where it has them.
 */
function fieldErrors(problems: FieldProblem[], contacts: ContactEntry[], w: StaffWording): Record<string, string> {
  return Object.fromEntries(
    problems.map((p) => {
      const contact = /^contacts\.(\d+)\.(\w+)/.exec(p.field);
      const role = contacts[Number(contact?.[1])]?.role ?? 'coordinator';
      const field = contact
        ? `${role}${contact[2]![0]!.toUpperCase()}${contact[2]!.slice(1)}`
        : (({ responsibleUserId: 'responsible', contacts: 'coordinatorName' } as Record<string, string>)[p.field] ??
          p.field);
      return [field, (p.field !== 'contacts' && labelFor(w.onboard.fields, field)) || `${p.field}: ${p.message}`];
    }),
  );
}

function render(
  ctx: PageContext,
  id: string,
  partnerName: string,
  v: Values,
  staff: { id: number; name: string }[],
  errors: Record<string, string>,
  error?: string,
) {
  const { w } = ctx;
  const contactFields = (role: ContactRole) => html`<fieldset>
    <legend>${role === 'coordinator' ? w.edit.coordinator : w.edit.signatory}</legend>
    ${v[`${role}Id`] ? html`<input type="hidden" name="${role}Id" value="${v[`${role}Id`]}" />` : ''}
    ${textField({ id: `${role}Name`, label: w.onboard.contactName, value: v[`${role}Name`], error: errors[`${role}Name`], autocomplete: 'off', required: role === 'coordinator' })}
    ${textField({ id: `${role}Email`, label: w.onboard.contactEmail, type: 'email', value: v[`${role}Email`], error: errors[`${role}Email`], autocomplete: 'off', required: role === 'coordinator' })}
    ${v[`${role}Id`] ? html`<label class="inline"><input type="checkbox" id="${role}Replaced" name="${role}Replaced" value="1" ${v[`${role}Replaced`] === '1' ? html` checked` : ''} /> ${w.edit.replaces}</label>` : ''}
  </fieldset>`;
  return html`<h1>${w.edit.title(partnerName)}</h1>
    <p>${w.edit.intro}</p>
    ${notice(error, 'error')}
    <form method="post" action="/staff/partners/${encodeURIComponent(id)}/edit" novalidate>
      <fieldset>
        <legend>${w.edit.details}</legend>
        ${textField({ id: 'name', label: w.edit.name, value: v.name, error: errors.name, autocomplete: 'organization', required: true })}
        ${selectField({ id: 'actorType', label: w.common.actorType, choices: choicesOf(w.actorTypes), value: v.actorType, error: errors.actorType })}
        ${selectField({ id: 'sector', label: w.common.sector, choices: choicesOf(w.sectors), value: v.sector, error: errors.sector })}
        ${selectField({ id: 'language', label: w.common.language, choices: choicesOf(w.languages), value: v.language, error: errors.language })}
        ${selectField({ id: 'responsible', label: w.edit.responsible, choices: staff.map((u) => [String(u.id), u.name]), value: v.responsible, blank: w.edit.nobody, error: errors.responsible })}
      </fieldset>
      ${roles.map(contactFields)}
      <p><button type="submit">${w.edit.submit}</button> <a href="/staff/partners/${encodeURIComponent(id)}">${partnerName}</a></p>
    </form>`;
}

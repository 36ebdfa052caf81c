import type { Db } from '../../db/connection';
import {
  type InvitablePartner,
  invitablePartnersHolding,
  invitablePartnersNamed,
  partnerNames,
  partnerSearchLimit,
} from '../../features/partners/invitee-choice';
import type { PageContext } from './context';
import { type FormFields, listOf, textOf } from './forms';
import { html, type Html } from './layout';
import { fieldError } from './view';

/**
 * The invitee choice as the meetings' and the rounds' forms send it (features/partners/invitee-choice.ts):
 * a sector, an actor type and a stage to filter by, and partners ticked one by one. Empty fields are
 * left out, for the schema to read as "not chosen".
 */
export function inviteeChoiceOfForm(form: FormFields) {
  const optional = (name: string) => textOf(form, name) || undefined;
  return {
    ...(optional('inviteSector') ? { sector: optional('inviteSector') } : {}),
    ...(optional('inviteActorType') ? { actorType: optional('inviteActorType') } : {}),
    ...(optional('inviteStage') ? { stage: optional('inviteStage') } : {}),
    ...(listOf(form, 'partnerIds').length ? { partnerIds: listOf(form, 'partnerIds') } : {}),
  };
}

/** The partner field's name in the planning forms: the name typed, or picked from the suggestions. */
const typedField = 'partnerName';

/** A typed name that named no partner, or several: what to say, and the partners to tick instead. */
export interface UnresolvedPartnerName {
  error: string;
  offered: InvitablePartner[];
}

/**
 * The name typed in a planning form's partner field (a browser without script sends it as typed),
 * looked up among the partners that can be invited. One partner of that name (any case): the form with
 * it ticked and the field emptied. None, or several: the form as sent with the field emptied, and what
 * to show, so the page is sent back (400) and nothing is planned or opened.
 */
export async function resolveTypedPartner(
  db: Db,
  ctx: PageContext,
  form: FormFields,
): Promise<{ form: FormFields; unresolved?: UnresolvedPartnerName }> {
  const typed = textOf(form, typedField);
  const rest = Object.fromEntries(Object.entries(form).filter(([name]) => name !== typedField));
  if (!typed) return { form: rest };
  const named = await invitablePartnersNamed(db, typed);
  const ticked = listOf(form, 'partnerIds');
  if (named.length === 1) return { form: { ...rest, partnerIds: [...new Set([...ticked, named[0]!.id])] } };
  const words = ctx.w.partnerChoice;
  if (named.length > 1) return { form: rest, unresolved: { error: words.ambiguous(typed), offered: named } };
  const holding = (await invitablePartnersHolding(db, typed, partnerSearchLimit)).filter((p) => !ticked.includes(p.id));
  return {
    form: rest,
    unresolved: { error: holding.length ? words.unknown(typed) : words.unknownNoMatch(typed), offered: holding },
  };
}

/** What a planning form's partner field shows: the partners ticked in `form`, and a typed name's problem if any. */
export async function partnerPick(db: Db, form: FormFields, unresolved?: UnresolvedPartnerName) {
  return { chosen: await partnerNames(db, listOf(form, 'partnerIds')), unresolved };
}

/**
 * The planning forms' choice of partners one by one: those chosen so far, ticked; a name field whose
 * suggestions (a `<datalist>`) the script /staff/partner-search.js fills from GET /api/partners/search as
 * staff type, and which ticks the partner picked; without script the name is looked up on sending
 * (resolveTypedPartner). Offered partners (after a name that did not resolve) come unticked, with their
 * sector and stage to tell equal names apart. No list of every partner: at 10,000 it was most of the page.
 */
export function partnerPicker(ctx: PageContext, pick: Awaited<ReturnType<typeof partnerPick>>): Html {
  const { chosen, unresolved } = pick;
  const { w } = ctx;
  const words = w.partnerChoice;
  const box = (p: { id: string; name: string }, ticked: boolean, extra: Html | string = '') =>
    html`<label><input type="checkbox" name="partnerIds" value="${p.id}" ${ticked ? html` checked` : ''} /> ${p.name}${extra}</label>`;
  return html`<div class="partner-picker" data-search="/api/partners/search" data-field="${typedField}">
      <p><strong>${words.chosen}</strong></p>
      <div data-chosen>${chosen.map((p) => box(p, true))}</div>
      ${fieldError(typedField, unresolved?.error)}
      ${unresolved?.offered.map((p) =>
        box(
          p,
          false,
          html` <span class="muted">(${w.sectors[p.sector] ?? p.sector}, ${w.stages[p.stage] ?? p.stage})</span>`,
        ),
      )}
      <label for="${typedField}">${words.name}</label>
      <p class="muted" id="${typedField}-hint">${words.hint}</p>
      <input
        type="search"
        id="${typedField}"
        name="${typedField}"
        list="${typedField}-matches"
        autocomplete="off"
        aria-describedby="${typedField}-hint${unresolved ? ` ${typedField}-error` : ''}"
        ${unresolved ? html` aria-invalid="true"` : ''}
      />
      <datalist id="${typedField}-matches"></datalist>
    </div>
    <script src="/staff/partner-search.js" defer></script>`;
}

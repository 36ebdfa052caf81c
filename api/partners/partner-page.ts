import { partnerInitiatives } from '../../features/initiatives/queries';
import { initiativeLink, initiativeStatusBadge } from '../initiatives/portfolio-page';
import { labelFor } from '../html/label-for';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { terminalStages, type JourneyStage } from '../../domain/journey';
import { ApiError } from '../../http/api-error';
import { html, type Html } from '../html/layout';
import { getPartnerDetail, partnerEmails, partnerProjects } from '../../features/partners/queries';
import { partnerRequests } from '../../features/requests/queries';
import { referralsOf } from '../../features/joining/referrals';
import { ballotsOfPartner } from '../../features/rounds/queries';
import type { AppDeps } from '../../features/deps';
import { temporalUiLinkFor } from '../../temporal/workflow-links';
import { type PageContext, pageContext } from '../html/context';
import { partnerTimeline } from './partner-timeline';
import { publicListingOf } from '../../features/public-listing/consent';
import { publicListingSection } from '../public-listing/staff-section';
import { timelineEvents } from '../../features/partners/timeline-queries';
import {
  badge,
  dateText,
  notice,
  overdueBadge,
  partnerLink,
  requestWords,
  stackedRow,
  staffPage,
  stageBadge,
  statusBadge,
  table,
  textArea,
} from '../html/view';

/** What an action adds to the page it re-renders: its outcome, or why nothing happened. */
export interface PartnerPageExtra {
  status?: number;
  error?: string;
  reason?: string;
  reasonError?: string;
}

const journeyPath: JourneyStage[] = ['intent', 'commitment', 'prototype', 'monitoring', 'completed'];

/** `/staff/partners/:id`: one journey, its open requests with what staff can do about them, and its timeline. */
/** The initiatives the partner proposed or supports (issue 24); the ballots come with the rounds. */
function partnerProposals(ctx: PageContext, initiatives: Awaited<ReturnType<typeof partnerInitiatives>>) {
  const w = ctx.w.initiatives;
  return html`<section aria-labelledby="proposals">
    <h2 id="proposals">${w.ofPartner}</h2>
    ${
      initiatives.length
        ? html`<ul>
            ${initiatives.map((i) => html`<li>${initiativeLink(i.id, i.title)} ${initiativeStatusBadge(ctx, i.status)} <span class="muted">${w.roles[i.role]} · ${w.origins[i.origin]}</span></li>`)}
          </ul>`
        : html`<p class="muted">${w.noneOfPartner}</p>`
    }
  </section>`;
}

export async function showPartner(
  deps: AppDeps,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  extra: PartnerPageExtra = {},
) {
  const ctx = pageContext(request, reply);
  const id = request.params.id;
  const [partner, requests, projects, timeline, referrals, initiatives, listing, ballots] = await Promise.all([
    getPartnerDetail(deps.db, id),
    partnerRequests(deps.db, id),
    partnerProjects(deps.db, id),
    timelineEvents(deps.db, { partnerId: id }),
    referralsOf(deps.db, deps.config, id),
    partnerInitiatives(deps.db, id),
    publicListingOf(deps.db, id),
    ballotsOfPartner(deps.db, id),
  ]);
  if (!partner) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${id}".`);
  const emails = await partnerEmails(
    deps.db,
    id,
    requests.map((r) => r.id),
  );
  const { done, listing: listingDone } = request.query as { done?: string; listing?: string };
  const { w } = ctx;
  const ended = terminalStages.includes(partner.stage);
  const uiUrl = temporalUiLinkFor(ctx.user, deps.config, partner.workflowId);

  // The journey's own asks (intent, sign-offs) are what can expire into a staff decision; reports and project invitations cannot.
  const journeyAsks = requests.filter((r) => r.kind === 'intent' || r.kind === 'signoff');
  const lastAsk = journeyAsks.at(-1);
  const awaitingDecision =
    !ended && partner.status === 'waiting_staff' && lastAsk?.status === 'expired' ? lastAsk : undefined;

  const pending = partner.pendingRequests.map((p) => ({
    ...p,
    ...requests.find((r) => r.id === p.id)!,
    overdue: p.overdue,
  }));
  const body = html`<h1>${partner.name}</h1>
    <p>${stageBadge(ctx, partner.stage)} ${statusBadge(ctx, partner.status)} ${overdueBadge(ctx, partner.overdue)}</p>
    ${notice(labelFor(w.partner.done, done))}${notice(extra.error, 'error')}
    <section aria-label="${w.partner.journey}">
      <ol class="stages">
        ${(ended && partner.stage !== 'completed' ? [...journeyPath.slice(0, -1), partner.stage] : journeyPath).map(
          (stage) => html`<li${stage === partner.stage ? html` aria-current="step"` : ''}>${w.stages[stage]}</li>`,
        )}
      </ol>
    </section>
    <dl class="facts">
      <dt>${w.common.sector}</dt>
      <dd>${w.sectors[partner.sector]}</dd>
      <dt>${w.common.actorType}</dt>
      <dd>${w.actorTypes[partner.actorType]}</dd>
      <dt>${w.common.language}</dt>
      <dd>${w.languages[partner.language]}</dd>
      <dt>${w.partner.contacts}</dt>
      <dd>${partner.contacts.map((c) => html`${c.name} &lt;${c.email}&gt; (${w.partner.roles[c.role]})<br />`)}</dd>
      <dt>${w.partner.responsible}</dt>
      <dd>${partner.responsibleName ?? html`<span class="muted">${w.partner.noResponsible}</span>`}</dd>
      <dt>${w.partner.referredBy}</dt>
      <dd id="referred-by">
        ${referrals.chain.length ? referrals.chain.map((r, i) => html`${i ? ' → ' : ''}${partnerLink(r.id, r.name)}`) : html`<span class="muted">${w.partner.nobody}</span>`}
      </dd>
      <dt>${w.partner.referred}</dt>
      <dd id="referred">
        ${referrals.referred.length ? referrals.referred.map((r, i) => html`${i ? ', ' : ''}${partnerLink(r.id, r.name)}`) : html`<span class="muted">${w.partner.nobody}</span>`}
      </dd>
      <dt>${w.partner.referralLink}</dt>
      <dd>${referrals.referralUrl ?? html`<span class="muted">${w.partner.noReferralLink}</span>`}</dd>
    </dl>
    <p class="actions">
      ${partner.stage === 'withdrawn' ? '' : html`<a href="/staff/partners/${encodeURIComponent(id)}/edit" id="edit-link">${w.partner.edit}</a>`}
      <a href="/staff/partners/${encodeURIComponent(id)}/export" id="export-link">${w.partner.export}</a>
    </p>
    ${uiUrl ? html`<p><a href="${uiUrl}" id="temporal-link">${w.partner.temporal}</a> <span class="muted">(${partner.workflowId})</span></p>` : ''}
    ${awaitingDecision ? expiredChoice(ctx, id, requestWords(ctx, awaitingDecision.kind, awaitingDecision.topic), awaitingDecision.recipientName) : ''}
    <section aria-labelledby="pending">
      <h2 id="pending">${w.partner.pending}</h2>
      ${
        pending.length
          ? table(
              pendingColumns(ctx),
              pending.map((r) => pendingRow(ctx, id, r)),
              { stack: true },
            )
          : html`<p class="muted">${w.partner.noPending}</p>`
      }
    </section>
    ${listing ? publicListingSection(ctx, id, listing, listingDone) : ''}
    <section aria-labelledby="timeline">
      <h2 id="timeline">${w.partner.timeline}</h2>
      ${partnerTimeline(ctx, timeline, emails)}
    </section>
    ${
      projects.length
        ? html`<section aria-labelledby="projects">
            <h2 id="projects">${w.partner.projects}</h2>
            <ul>
              ${projects.map((p) => html`<li><a href="/staff/projects/${encodeURIComponent(p.id)}">${p.title}</a> ${badge(w.projectPartnerStatuses[p.status] ?? p.status)}</li>`)}
            </ul>
          </section>`
        : ''
    }
    ${partnerProposals(ctx, initiatives)}
    ${
      ballots.length
        ? html`<section aria-labelledby="ballots">
            <h2 id="ballots">${w.rounds.partnerBallots}</h2>
            <ul>
              ${ballots.map((b) => html`<li><a href="/staff/prioritisation-rounds/${encodeURIComponent(b.round_id)}">${b.title}</a> ${badge(labelFor(w.rounds.ballotStatuses, b.status) ?? b.status)}${b.answer_via ? html` <span class="muted">${labelFor(w.rounds.channels, b.answer_via) ?? b.answer_via}</span>` : ''}</li>`)}
            </ul>
          </section>`
        : ''
    }
    ${ended ? '' : withdrawForm(ctx, id, extra)}`;
  return reply
    .status(extra.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(staffPage(ctx, { title: partner.name, active: 'partners', body }));
}

type PendingView = {
  id: string;
  kind: string;
  topic: unknown;
  recipientName: string;
  recipientEmail: string;
  dueAt: Date;
  remindersSent: number;
  overdue: boolean;
};

function pendingRow(ctx: PageContext, partnerId: string, r: PendingView): Html {
  const { w } = ctx;
  const what = requestWords(ctx, r.kind, r.topic);
  const action = (verb: 'remind' | 'resend', text: string, label: string) =>
    html`<form
      method="post"
      action="/staff/partners/${encodeURIComponent(partnerId)}/requests/${encodeURIComponent(r.id)}/${verb}"
    >
      <button type="submit" class="secondary" aria-label="${label}">${text}</button>
    </form>`;
  return stackedRow(pendingColumns(ctx), [
    what,
    html`${r.recipientName}<br /><span class="muted">${r.recipientEmail}</span>`,
    html`${dateText(r.dueAt, ctx)} ${overdueBadge(ctx, r.overdue)}`,
    String(r.remindersSent),
    html`<div class="actions">
      ${action('remind', w.partner.remind, w.partner.remindLabel(what, r.recipientName))}${action('resend', w.partner.resend, w.partner.resendLabel(what, r.recipientName))}
    </div>`,
  ]);
}

const pendingColumns = ({ w }: PageContext) => [
  w.common.kind,
  w.common.recipient,
  w.common.due,
  { text: w.partner.reminders, num: true },
  w.partner.actions,
];

function expiredChoice(ctx: PageContext, partnerId: string, what: string, who: string): Html {
  const { w } = ctx;
  return html`<section class="card" aria-labelledby="expired">
    <h2 id="expired">${w.partner.expiredTitle}</h2>
    <p>${w.partner.expiredText(what, who)}</p>
    <form method="post" action="/staff/partners/${encodeURIComponent(partnerId)}/expired-request" class="actions">
      <button type="submit" name="action" value="resend">${w.partner.expiredResend}</button
      ><button type="submit" name="action" value="lapse" class="danger">${w.partner.expiredLapse}</button>
    </form>
  </section>`;
}

function withdrawForm(ctx: PageContext, partnerId: string, extra: PartnerPageExtra): Html {
  const { w } = ctx;
  return html`<section class="card" aria-labelledby="withdraw">
    <h2 id="withdraw">${w.partner.withdrawTitle}</h2>
    <form method="post" action="/staff/partners/${encodeURIComponent(partnerId)}/withdraw">
      ${textArea({ id: 'reason', label: w.partner.withdrawReason, hint: w.partner.withdrawHint, value: extra.reason, error: extra.reasonError, required: true })}
      <p><button type="submit" class="danger">${w.partner.withdraw}</button></p>
    </form>
  </section>`;
}

import { labelFor } from '../html/label-for';
import type { FastifyInstance } from 'fastify';
import { journeyStages } from '../../domain/journey';
import { html } from '../html/layout';
import type { AppDeps } from '../../features/deps';
import { type PageContext, pageContext } from '../html/context';
import { openRequests } from '../../features/requests/queries';
import { journeyCounts, searchPartners } from '../../features/partners/queries';
import { type StaffTask, waitingOnStaff } from '../../db/waiting-on-staff';
import { awaitingCountersignature } from '../../features/dashboard/countersignatures';
import { countJoinsToReview } from '../../features/joining/review';
import { eventLineBelow } from '../html/timeline-lines';
import { timelineEvents } from '../../features/partners/timeline-queries';
import {
  dateText,
  dateTimeText,
  emptyState,
  overdueBadge,
  partnerLink,
  requestWords,
  stackedRow,
  staffPage,
  stageBadge,
  table,
} from '../html/view';

type Rows<T extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<T>>;

/** `/staff`: where the pact stands, who waits on whom, what is late and what happened last. */
export function dashboardPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/staff', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const [counts, overdue, upcoming, waiting, events, mine, countersign, joinsToReview] = await Promise.all([
      journeyCounts(deps.db),
      openRequests(deps.db, 'overdue', 20),
      openRequests(deps.db, 'upcoming', 10),
      waitingOnStaff(deps.db, 10),
      timelineEvents(deps.db, { limit: 15 }),
      // "Mine": the partners the signed-in staff member is responsible for.
      searchPartners(deps.db, { responsibleUserId: ctx.user?.id ?? 0 }, { number: 1, size: 10 }),
      ctx.user?.role === 'director' ? awaitingCountersignature(deps.db, ctx.user.email, 20) : Promise.resolve([]),
      countJoinsToReview(deps.db),
    ]);
    return reply.type('text/html; charset=utf-8').send(
      staffPage(ctx, {
        title: ctx.w.dashboard.title,
        active: 'dashboard',
        body: render(ctx, { counts, overdue, upcoming, waiting, events, mine, countersign, joinsToReview }),
      }),
    );
  });
}

interface DashboardData {
  counts: Rows<typeof journeyCounts>;
  overdue: Rows<typeof openRequests>;
  upcoming: Rows<typeof openRequests>;
  waiting: Rows<typeof waitingOnStaff>;
  events: Rows<typeof timelineEvents>;
  mine: Awaited<ReturnType<typeof searchPartners>>;
  /** For a signed-in director: what awaits their countersignature. */
  countersign: Rows<typeof awaitingCountersignature>;
  /** Confirmed joins from the public form that wait for staff's decision. */
  joinsToReview: number;
}

function render(ctx: PageContext, data: DashboardData) {
  const { w } = ctx;
  const total = data.counts.reduce((sum, row) => sum + row.count, 0);
  const joins = data.joinsToReview
    ? html`<p class="notice" id="joins-to-review">
        <a href="/staff/join-requests">${w.dashboard.joinsToReview(data.joinsToReview)}</a>
      </p>`
    : '';
  if (total === 0) {
    return html`<h1>${w.dashboard.title}</h1>
      ${joins}
      ${emptyState(w.dashboard.empty, { href: '/staff/partners/new' }, html` <a href="/staff/imports/new">${w.dashboard.emptyImport}</a>`)}`;
  }
  const perStage = journeyStages.map((stage) => ({
    stage,
    count: data.counts.filter((row) => row.stage === stage).reduce((sum, row) => sum + row.count, 0),
  }));
  const waitingOn = (status: string) =>
    data.counts.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);
  const requestHeaders = [w.common.partner, w.common.kind, w.common.recipient, w.common.due];
  const eventHeaders = [w.common.when, w.common.partner, w.common.what];
  const requestRows = (rows: DashboardData['overdue']) =>
    rows.map((r) =>
      stackedRow(requestHeaders, [
        partnerLink(r.partnerId, r.partnerName),
        requestWords(ctx, r.kind, r.topic),
        r.recipientName,
        dateText(r.dueAt, ctx),
      ]),
    );

  return html`<h1>${w.dashboard.title}</h1>
    <p class="muted">${w.dashboard.partnersTotal(total)}</p>
    ${joins}
    ${
      data.countersign.length
        ? html`<section class="card" aria-labelledby="countersign" id="countersign-list">
            <h2 id="countersign">${w.signoffSubjects.countersignature}</h2>
            <ul>
              ${data.countersign.map((p) => html`<li>${partnerLink(p.id, p.name)} <span class="muted">${dateText(p.since, ctx)}</span></li>`)}
            </ul>
          </section>`
        : ''
    }
    <section class="card" aria-labelledby="mine">
      <h2 id="mine">${w.dashboard.mine}</h2>
      ${
        data.mine.rows.length
          ? html`<ul>
                ${data.mine.rows.map((p) => html`<li>${partnerLink(p.id, p.name)} ${stageBadge(ctx, p.stage)} ${overdueBadge(ctx, Boolean(p.overdue))}</li>`)}
              </ul>
              <p><a href="/staff/partners?responsible=me">${w.dashboard.allMine} (${data.mine.total})</a></p>`
          : html`<p class="muted">${w.dashboard.noMine}</p>`
      }
    </section>
    <div class="grid">
      <section class="card" aria-labelledby="per-stage" id="stage-counts">
        <h2 id="per-stage">${w.dashboard.perStage}</h2>
        ${table(
          [w.common.stage, { text: w.common.count, num: true }, w.dashboard.share],
          perStage.map(
            (s) =>
              html`<tr>
                <td><a href="/staff/partners?stage=${s.stage}">${w.stages[s.stage]}</a></td>
                <td class="num">${s.count}</td>
                <td class="bar" aria-hidden="true">
                  <span
                    style="width:${Math.round((100 * s.count) / Math.max(1, ...perStage.map((p) => p.count)))}%"
                  ></span>
                </td>
              </tr>`,
          ),
        )}
      </section>
      <section class="card" aria-labelledby="waits-on">
        <h2 id="waits-on">${w.dashboard.waitsOn}</h2>
        <div class="grid">
          <p>
            <a href="/staff/partners?status=waiting_partner">${w.dashboard.waitingPartner}</a><br /><span class="stat"
              >${waitingOn('waiting_partner')}</span
            >
          </p>
          <p>
            <a href="/staff/partners?status=waiting_staff">${w.dashboard.waitingStaff}</a><br /><span class="stat"
              >${waitingOn('waiting_staff')}</span
            >
          </p>
        </div>
        <h3>${w.dashboard.waitingStaffList}</h3>
        ${
          data.waiting.length
            ? html`<ul>
                ${data.waiting.map((p) => html`<li>${partnerLink(p.partnerId, p.partnerName)} ${stageBadge(ctx, p.stage)} ${taskWords(ctx, p.task)} <span class="muted">${dateText(p.since, ctx)}</span></li>`)}
              </ul>`
            : html`<p class="muted">${w.dashboard.noneWaitingStaff}</p>`
        }
      </section>
    </div>
    <section aria-labelledby="overdue">
      <h2 id="overdue">${w.dashboard.overdue}</h2>
      ${
        data.overdue.length
          ? html`${table(requestHeaders, requestRows(data.overdue), { stack: true })}
              <p><a href="/staff/partners?overdue=1">${w.partners.overdueOnly}</a></p>`
          : html`<p class="muted">${w.dashboard.noOverdue}</p>`
      }
    </section>
    <section aria-labelledby="upcoming">
      <h2 id="upcoming">${w.dashboard.upcoming}</h2>
      ${data.upcoming.length ? table(requestHeaders, requestRows(data.upcoming), { stack: true }) : html`<p class="muted">${data.overdue.length ? w.dashboard.allOverdue : w.dashboard.noUpcoming}</p>`}
    </section>
    <section aria-labelledby="latest">
      <h2 id="latest">${w.dashboard.latest}</h2>
      ${
        data.events.length
          ? table(
              eventHeaders,
              data.events.map((e) =>
                stackedRow(eventHeaders, [
                  dateTimeText(e.occurredAt, ctx),
                  partnerLink(e.partnerId, e.partnerName),
                  html`${labelFor(w.events, e.type) ?? e.type}${eventLineBelow(ctx, e)}`,
                ]),
              ),
              { stack: true },
            )
          : html`<p class="muted">${w.dashboard.noEvents}</p>`
      }
    </section>`;
}

/** What the journey waits for, in the words the staff pages already have for requests and their status. */
function taskWords(ctx: PageContext, task: StaffTask): string {
  if (task.kind === 'answer') return requestWords(ctx, task.request.kind, task.request.topic);
  if (task.kind === 'expired')
    return `${requestWords(ctx, task.request.kind, task.request.topic)} (${ctx.w.requestStatuses.expired})`;
  return task.kind === 'project' ? requestWords(ctx, 'project') : '';
}

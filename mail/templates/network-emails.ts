import type { StaffTask } from '../../db/waiting-on-staff';
import { journeyStages, stageLabels, type RequestKind } from '../../domain/journey';
import { requestName } from '../../domain/request-names';
import { describePeriod } from '../../domain/reporting-periods';
import type { ReportingPeriod } from '../../domain/request-topics';
import { levers, sectors, type Lever, type Sector } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { composeEmail, formatDate, type Block } from './layout';
import { footer, greeting } from './staff-emails';

/** The scheduled emails to staff (worker/schedules.ts): the weekly digest and the learning-network summary. */

export interface StaffDigest {
  generatedAt: Date;
  stages: Partial<Record<(typeof journeyStages)[number], number>>;
  waitingOnStaff: { partnerName: string; task: StaffTask }[];
  overdue: { partnerName: string; recipientName: string; kind: RequestKind; dueAt: Date }[];
  dashboardUrl: string;
}

export function renderStaffDigestEmail(digest: StaffDigest): RenderedEmail {
  const stageRows = journeyStages
    .filter((s) => digest.stages[s])
    .map((s): [string, string] => [stageLabels[s], String(digest.stages[s])]);
  const paragraphs: Block[] = [
    greeting,
    `Het overzicht van deze week (${formatDate(digest.generatedAt, 'nl')}).`,
    'Partners per fase:',
    stageRows.length ? { rows: stageRows } : 'Nog geen partners.',
    digest.waitingOnStaff.length ? `Wacht op ons (${digest.waitingOnStaff.length}):` : 'Niets wacht op ons.',
    ...(digest.waitingOnStaff.length
      ? [{ list: digest.waitingOnStaff.map((w) => `${w.partnerName}: ${staffTaskWords(w.task)}`) }]
      : []),
    digest.overdue.length ? `Over tijd (${digest.overdue.length}):` : 'Geen vragen over tijd.',
    ...(digest.overdue.length
      ? [
          {
            list: digest.overdue.map(
              (o) =>
                `${o.partnerName}: ${requestName({ kind: o.kind })} aan ${o.recipientName}, verwacht op ${formatDate(o.dueAt, 'nl')}`,
            ),
          },
        ]
      : []),
    { action: { label: 'Open het dashboard', url: digest.dashboardUrl } },
  ];
  return composeEmail({
    language: 'nl',
    subject: `Weekoverzicht Integratiepact: ${digest.overdue.length} over tijd, ${digest.waitingOnStaff.length} wachten op ons`,
    paragraphs,
    footer,
  });
}

/** What a journey waits on staff for (db/waiting-on-staff.ts), in the digest's words. */
function staffTaskWords(task: StaffTask): string {
  switch (task.kind) {
    case 'answer':
      return `${requestName(task.request.topic)} te beantwoorden door ${task.request.recipient}`;
    case 'expired':
      return `vraag (${requestName(task.request.topic)}) verlopen: opnieuw sturen of laten vervallen?`;
    case 'project':
      return 'wacht op een prototypeproject';
    case 'opening':
      return 'een vraag aan ons wordt klaargezet';
  }
}

export interface NetworkSummary {
  /** The calendar quarter summed up (domain/reporting-periods.ts, `summaryQuarter`). */
  quarter: ReportingPeriod;
  /** Totals per indicator label, per lever and per sector. */
  byLever: { lever: Lever; indicator: string; total: number }[];
  bySector: { sector: Sector; indicator: string; total: number }[];
  reportsReceived: number;
  /** Report requests of the quarter not answered yet: what they bring shows on the monitoring page. */
  reportsOpen: number;
  monitoringUrl: string;
  /** The latest closed prioritisation round: the pact's list of initiatives in order of importance. */
  priorities?: {
    title: string;
    closedAt: Date;
    prioritiseTop: number;
    result: { title: string; score: number; rank: number }[];
  };
}

export function renderNetworkSummaryEmail(summary: NetworkSummary): RenderedEmail {
  const table = (rows: [string, string][]): Block => (rows.length ? { rows } : 'Geen cijfers in deze periode.');
  const { quarter } = summary;
  const lastDay = new Date(Date.parse(quarter.end) - 1);
  const span = `${formatDate(quarter.start, 'nl')} – ${formatDate(lastDay, 'nl')}`;
  return composeEmail({
    language: 'nl',
    subject: `Lerend netwerk: samenvatting ${quarter.label}`,
    paragraphs: [
      greeting,
      `De partners rapporteerden ${summary.reportsReceived} keer over ${describePeriod(quarter.label, 'nl')} (${span}). De totalen per hefboom en per sector, om samen te bespreken in het lerend netwerk:`,
      'Per hefboom:',
      table(summary.byLever.map((i) => [`${levers.labels[i.lever]} — ${i.indicator}`, String(i.total)])),
      'Per sector:',
      table(summary.bySector.map((i) => [`${sectors.labels[i.sector]} — ${i.indicator}`, String(i.total)])),
      ...(summary.reportsOpen
        ? [
            `${summary.reportsOpen} ${summary.reportsOpen === 1 ? 'rapport staat' : 'rapporten staan'} nog open; wat ze brengen, telt mee op de monitoringpagina.`,
          ]
        : []),
      ...(summary.priorities
        ? [
            `Prioriteiten van het netwerk (ronde "${summary.priorities.title}", gesloten op ${formatDate(summary.priorities.closedAt, 'nl')}; de eerste ${summary.priorities.prioritiseTop} zijn geprioriteerd):`,
            {
              rows: summary.priorities.result.map((r): [string, string] => [
                `${r.rank}. ${r.title}`,
                `${r.score} punten`,
              ]),
            },
          ]
        : []),
      { action: { label: 'Open de monitoring', url: summary.monitoringUrl } },
    ],
    footer,
  });
}

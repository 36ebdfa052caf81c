import { describePeriod } from '../../domain/reporting-periods';
import type { ProjectSummary, RequestTopic } from '../../domain/request-topics';
import type { RenderedEmail } from '../email';
import { composeEmail, formatDate, type Block } from './layout';

/**
 * Notices to the pact's staff (README.md, How it works): Dutch only, since staff work in Dutch. Each says what
 * happened, what it means for the partner's journey, and links to where staff can act.
 */

export const greeting = 'Beste collega,';
export const footer = 'Integratiepact — automatisch bericht voor de medewerkers.';
const date = (d: Date) => formatDate(d, 'nl');
const partnerPage = (url: string): Block => ({ action: { label: 'Open de partnerpagina', url } });

/** What a request asks, as a phrase that completes "we vroegen … om …". */
export function describeRequestTopic(topic: RequestTopic): string {
  switch (topic.kind) {
    case 'intent':
      return topic.reviewerComment === undefined
        ? 'de engagementsintentie in te vullen'
        : 'de engagementsintentie aan te passen';
    case 'project':
      return `de deelname aan het prototypeproject “${topic.project.title}” te bevestigen`;
    case 'report':
      return `de indicatoren voor ${describePeriod(topic.period.label, 'nl')} door te geven`;
    case 'action':
      return topic.action
        ? `te melden dat de actie “${topic.action.description}” (bijeenkomst “${topic.action.meetingTitle}”) gedaan is`
        : 'te melden dat een afgesproken actie gedaan is';
    case 'signoff':
      if (topic.subject === 'intent_review') return 'de engagementsintentie te beoordelen';
      return topic.subject === 'countersignature'
        ? 'het formeel engagement mee te ondertekenen'
        : 'het formeel engagement te ondertekenen';
  }
}

/** A request is still unanswered past its due date: someone who knows the partner may need to call. */
export function renderEscalationEmail(input: {
  topic: RequestTopic;
  partnerName: string;
  recipientName: string;
  recipientEmail: string;
  sentAt: Date;
  dueAt: Date;
  partnerPageUrl: string;
}): RenderedEmail {
  const what = describeRequestTopic(input.topic);
  return composeEmail({
    language: 'nl',
    subject: `Onbeantwoorde vraag aan ${input.recipientName} van ${input.partnerName}`,
    paragraphs: [
      greeting,
      `Op ${date(input.sentAt)} vroegen we ${input.recipientName} van ${input.partnerName} om ${what}. Het antwoord werd verwacht tegen ${date(input.dueAt)}, maar is er nog niet.`,
      {
        rows: [
          ['Partner', input.partnerName],
          ['Gevraagd aan', `${input.recipientName} <${input.recipientEmail}>`],
          ['Verstuurd op', date(input.sentAt)],
          ['Verwacht tegen', date(input.dueAt)],
        ],
      },
      'Misschien helpt een telefoontje of een bericht van iemand die de partner kent. Op de partnerpagina ziet u het hele traject en kunt u de vraag opnieuw versturen.',
      partnerPage(input.partnerPageUrl),
    ],
    footer,
  });
}

/** A request expired unanswered; the journey now waits for staff to re-send it or let it lapse. */
export function renderRequestExpiredEmail(input: {
  topic: RequestTopic;
  partnerName: string;
  recipientName: string;
  partnerPageUrl: string;
}): RenderedEmail {
  const what = describeRequestTopic(input.topic);
  return composeEmail({
    language: 'nl',
    subject: `Verlopen zonder antwoord: de vraag aan ${input.recipientName} van ${input.partnerName}`,
    paragraphs: [
      greeting,
      `De vraag aan ${input.recipientName} van ${input.partnerName} om ${what} is verlopen zonder antwoord.`,
      `Het traject van ${input.partnerName} wacht nu op u: verstuur de vraag opnieuw (eventueel aan iemand anders), of laat het traject vervallen.`,
      partnerPage(input.partnerPageUrl),
    ],
    footer,
  });
}

/** A partner formalised its commitment but has not joined a prototype project yet: a gentle nudge. */
export function renderPrototypeNudgeEmail(input: {
  partnerName: string;
  formalisedAt: Date;
  nudgeNumber: number;
  partnerPageUrl: string;
}): RenderedEmail {
  return composeEmail({
    language: 'nl',
    subject: `Nog geen prototypeproject voor ${input.partnerName} (herinnering ${input.nudgeNumber})`,
    paragraphs: [
      greeting,
      `${input.partnerName} heeft zijn engagement geformaliseerd op ${date(input.formalisedAt)}, maar neemt nog niet deel aan een prototypeproject.`,
      `Is er een project waarin ${input.partnerName} goed past, of kan een gesprek helpen om er een op te starten? (Dit is herinnering ${input.nudgeNumber}.)`,
      partnerPage(input.partnerPageUrl),
    ],
    footer,
  });
}

const outcomes = { declined: 'heeft geweigerd', expired: 'heeft niet geantwoord' } as const;

/** No invited partner confirmed, so the project was closed as cancelled. */
export function renderProjectCancelledEmail(input: {
  project: ProjectSummary;
  invited: { partnerName: string; outcome: 'declined' | 'expired' }[];
}): RenderedEmail {
  return composeEmail({
    language: 'nl',
    subject: `Prototypeproject geannuleerd: ${input.project.title}`,
    paragraphs: [
      greeting,
      `Geen enkele uitgenodigde partner heeft zijn deelname aan het prototypeproject “${input.project.title}” bevestigd. Het project is daarom afgesloten als geannuleerd.`,
      ...(input.invited.length
        ? [
            'Uitgenodigde partners:',
            {
              rows: input.invited.map(({ partnerName, outcome }): [string, string] => [partnerName, outcomes[outcome]]),
            },
          ]
        : []),
      'U kunt het project opnieuw voorstellen, eventueel met andere partners.',
    ],
    footer,
  });
}

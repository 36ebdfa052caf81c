import type {
  Commitment,
  IndicatorDefinition,
  Intent,
  MeetingAction,
  ProjectSummary,
  ReportingPeriod,
} from '../../domain/request-topics';
import { describePeriod } from '../../domain/reporting-periods';
import { leverLabels } from '../../domain/translated-labels';
import { pactGoals, type Language, type Lever } from '../../domain/vocabulary';
import { formatDate, type Block } from './layout';

/** A period's last day: its end is the first instant of the next one. */
const lastDay = (period: ReportingPeriod) => new Date(Date.parse(period.end) - 1).toISOString();

/**
 * What request emails say, per language (README.md, Partners act by email). Kept apart from request-email.ts so a
 * translator can read and edit one language's wording in one place.
 */

/** What one request asks: its subject, the blocks explaining it, and the button's label. */
export interface TopicText {
  subject: string;
  blocks: Block[];
  button: string;
}

/** Sentences every request email shares, whatever it asks. */
interface CommonWording {
  greeting: (name: string) => string;
  reminderPrefix: string;
  reminder: (n: number) => string;
  /** Why a re-addressed request reaches this person (features/requests/follow-contacts.ts). */
  readdressed: (partner: string) => string;
  due: (date: string) => string;
  /** For sign-offs and project confirmations, which can be answered by replying (inbound/handle-reply.ts). */
  replyDecision: string;
  /** For forms: a reply reaches staff but does not fill in the form. */
  replyForm: string;
  footer: string;
}

/** Wording for the requests partners receive, in each language partners may choose. */
export interface PartnerWording extends CommonWording {
  intent: (partner: string, reviewerComment: string | undefined) => TopicText;
  commitmentSignature: (partner: string, commitment: Commitment) => TopicText;
  project: (partner: string, project: ProjectSummary) => TopicText;
  report: (partner: string, period: ReportingPeriod, indicators: IndicatorDefinition[]) => TopicText;
  action: (partner: string, action: MeetingAction | undefined) => TopicText;
}

/** Requests to staff and the director exist in Dutch only. */
export interface StaffWording {
  intentReview: (partner: string, intent: Intent, indicatorNames: Record<string, string>) => TopicText;
  countersignature: (partner: string, commitment: Commitment) => TopicText;
}

const leverList = (language: Language, list: Lever[]): Block => ({
  list: list.map((lever) => leverLabels[language][lever]),
});
const indicatorList = (indicators: IndicatorDefinition[]): Block => ({
  list: indicators.map((indicator) => indicator.label),
});
/** Quotes a reviewer's comment only when there is something to quote. */
const quoteIfAny = (text: string | undefined): Block[] => (text?.trim() ? [{ quote: text.trim() }] : []);

export const partnerWording: Record<Language, PartnerWording> = {
  nl: {
    greeting: (name) => `Beste ${name},`,
    reminderPrefix: 'Herinnering: ',
    reminder: (n) => `Dit is herinnering ${n}: we hebben uw antwoord nog niet ontvangen.`,
    readdressed: (partner) =>
      `U ontvangt deze vraag omdat ${partner} u heeft aangeduid als contactpersoon. Ze ging eerder naar iemand anders; die link werkt niet meer.`,
    due: (date) => `Graag uiterlijk op ${date}.`,
    replyDecision:
      'U kunt ook gewoon op deze e-mail antwoorden: zet JA of AKKOORD op de eerste regel om in te stemmen, of NEE met een korte reden om te weigeren.',
    replyForm: 'Het formulier vult u in via de link. Antwoordt u op deze e-mail, dan sturen we u de link opnieuw.',
    footer: 'vzw Integratiepact — deze link is persoonlijk; stuur deze e-mail niet door.',
    intent: (p, comment) =>
      comment === undefined
        ? {
            subject: `Uitnodiging Integratiepact: de engagementsintentie van ${p}`,
            blocks: [
              `Welkom in het Integratiepact. Als coördinator van ${p} nodigen we u uit om de engagementsintentie in te vullen: op welke hefbomen ${p} wil inzetten en welke engagementen u voor ogen hebt.`,
            ],
            button: 'Open het formulier',
          }
        : {
            subject: `Integratiepact: graag een aangepaste engagementsintentie van ${p}`,
            blocks: [
              `Dank u voor de engagementsintentie van ${p}. We hebben ze bekeken en vragen u om ze nog aan te passen.`,
              ...quoteIfAny(comment),
            ],
            button: 'Pas de intentie aan',
          },
    commitmentSignature: (p, commitment) => ({
      subject: `Integratiepact: het formeel engagement van ${p} ter ondertekening`,
      blocks: [
        `Op basis van de goedgekeurde engagementsintentie is het formeel engagement van ${p} klaar. Als ondertekenaar vragen we u om het na te lezen en te ondertekenen. Dit is de tekst:`,
        { quote: commitment.text },
      ],
      button: 'Lees en onderteken',
    }),
    project: (p, project) => ({
      subject: `Integratiepact: neemt ${p} deel aan het prototypeproject “${project.title}”?`,
      blocks: [
        `${p} is voorgesteld als partner in een prototypeproject van het Integratiepact. Kunt u bevestigen dat ${p} deelneemt?`,
        `Project “${project.title}”`,
        project.description,
        'Hefbomen van dit project:',
        leverList('nl', project.levers),
      ],
      button: 'Bekijk en bevestig',
    }),
    action: (p, action) => ({
      subject: `Integratiepact: is de afgesproken actie van ${p} gedaan?`,
      blocks: [
        action
          ? `Op de bijeenkomst “${action.meetingTitle}” spraken we af dat ${p} deze actie opneemt, tegen ${formatDate(action.dueAt, 'nl')}:`
          : `Op een opvolgbijeenkomst spraken we een actie af voor ${p}.`,
        ...quoteIfAny(action?.description),
        'Laat ons weten wanneer ze gedaan is, met een korte toelichting.',
      ],
      button: 'Meld de actie als gedaan',
    }),
    report: (p, period, indicators) => ({
      subject: `Integratiepact: de rapportering van ${p} voor ${describePeriod(period.label, 'nl')}`,
      blocks: [
        `Het is tijd om de indicatoren van ${p} door te geven voor ${describePeriod(period.label, 'nl')}, van ${formatDate(period.start, 'nl')} tot en met ${formatDate(lastDay(period), 'nl')}. We vragen de waarden voor:`,
        indicatorList(indicators),
      ],
      button: 'Open het formulier',
    }),
  },
  en: {
    greeting: (name) => `Dear ${name},`,
    reminderPrefix: 'Reminder: ',
    reminder: (n) => `This is reminder ${n}: we have not yet received your answer.`,
    readdressed: (partner) =>
      `You receive this request because ${partner} named you as its contact. It went to someone else before; that link no longer works.`,
    due: (date) => `We would appreciate your answer by ${date}.`,
    replyDecision:
      'You can also simply reply to this email: put YES on the first line to agree, or NO followed by a short reason to decline.',
    replyForm: 'Please fill in the form through the link. If you reply to this email, we send you the link again.',
    footer: 'vzw Integratiepact — this link is personal; please do not forward this email.',
    intent: (p, comment) =>
      comment === undefined
        ? {
            subject: `Invitation to the Integratiepact: the statement of intent of ${p}`,
            blocks: [
              `Welcome to the Integratiepact. As coordinator for ${p}, we invite you to fill in the statement of intent: which levers ${p} wants to invest in and which commitments you have in mind.`,
            ],
            button: 'Open the form',
          }
        : {
            subject: `Integratiepact: please revise the statement of intent of ${p}`,
            blocks: [
              `Thank you for the statement of intent of ${p}. We have reviewed it and kindly ask you to revise it.`,
              ...quoteIfAny(comment),
            ],
            button: 'Revise the statement',
          },
    commitmentSignature: (p, commitment) => ({
      subject: `Integratiepact: the formal commitment of ${p}, for your signature`,
      blocks: [
        `Based on the approved statement of intent, the formal commitment of ${p} is ready. As signatory, we kindly ask you to read and sign it. This is the text:`,
        { quote: commitment.text },
      ],
      button: 'Read and sign',
    }),
    project: (p, project) => ({
      subject: `Integratiepact: will ${p} take part in the prototype project “${project.title}”?`,
      blocks: [
        `${p} has been proposed as a partner in a prototype project of the Integratiepact. Could you confirm that ${p} will take part?`,
        `Project “${project.title}”`,
        project.description,
        'Levers of this project:',
        leverList('en', project.levers),
      ],
      button: 'View and confirm',
    }),
    action: (p, action) => ({
      subject: `Integratiepact: is the action agreed for ${p} done?`,
      blocks: [
        action
          ? `At the meeting “${action.meetingTitle}” we agreed that ${p} takes up this action, due ${formatDate(action.dueAt, 'en')}:`
          : `At a follow-up meeting we agreed an action for ${p}.`,
        ...quoteIfAny(action?.description),
        'Let us know when it is done, with a short note.',
      ],
      button: 'Report the action done',
    }),
    report: (p, period, indicators) => ({
      subject: `Integratiepact: the report of ${p} for ${describePeriod(period.label, 'en')}`,
      blocks: [
        `It is time to report the indicators of ${p} for ${describePeriod(period.label, 'en')}, from ${formatDate(period.start, 'en')} to ${formatDate(lastDay(period), 'en')} inclusive. We would like the values for:`,
        indicatorList(indicators),
      ],
      button: 'Open the form',
    }),
  },
  fr: {
    greeting: (name) => `Bonjour ${name},`,
    reminderPrefix: 'Rappel : ',
    reminder: (n) => `Ceci est le rappel n° ${n} : nous n'avons pas encore reçu votre réponse.`,
    readdressed: (partner) =>
      `Vous recevez cette demande parce que ${partner} vous a désigné comme personne de contact. Elle a d'abord été envoyée à quelqu'un d'autre ; ce lien ne fonctionne plus.`,
    due: (date) => `Nous vous remercions de répondre au plus tard le ${date}.`,
    replyDecision:
      'Vous pouvez aussi simplement répondre à cet e-mail : répondez OUI sur la première ligne pour accepter, ou NON suivi d’une brève raison pour refuser.',
    replyForm: 'Remplissez le formulaire via le lien. Si vous répondez à cet e-mail, nous vous renvoyons le lien.',
    footer: 'vzw Integratiepact — ce lien est personnel ; merci de ne pas transférer cet e-mail.',
    intent: (p, comment) =>
      comment === undefined
        ? {
            subject: `Invitation à l'Integratiepact : la déclaration d'intention de ${p}`,
            blocks: [
              `Bienvenue dans l'Integratiepact. En tant que coordinateur de ${p}, nous vous invitons à remplir la déclaration d'intention : les leviers sur lesquels ${p} veut agir et les engagements envisagés.`,
            ],
            button: 'Ouvrir le formulaire',
          }
        : {
            subject: `Integratiepact : merci d'adapter la déclaration d'intention de ${p}`,
            blocks: [
              `Merci pour la déclaration d'intention de ${p}. Nous l'avons examinée et vous prions de bien vouloir l'adapter.`,
              ...quoteIfAny(comment),
            ],
            button: 'Adapter la déclaration',
          },
    commitmentSignature: (p, commitment) => ({
      subject: `Integratiepact : l'engagement formel de ${p}, pour signature`,
      blocks: [
        `Sur la base de la déclaration d'intention approuvée, l'engagement formel de ${p} est prêt. En tant que signataire, nous vous invitons à le relire et à le signer. En voici le texte :`,
        { quote: commitment.text },
      ],
      button: 'Lire et signer',
    }),
    project: (p, project) => ({
      subject: `Integratiepact : ${p} participera-t-il au projet prototype « ${project.title} » ?`,
      blocks: [
        `${p} a été proposé comme partenaire d'un projet prototype de l'Integratiepact. Pouvez-vous confirmer la participation de ${p} ?`,
        `Projet « ${project.title} »`,
        project.description,
        'Leviers de ce projet :',
        leverList('fr', project.levers),
      ],
      button: 'Voir et confirmer',
    }),
    action: (p, action) => ({
      subject: `Integratiepact : l'action convenue pour ${p} est-elle faite ?`,
      blocks: [
        action
          ? `Lors de la réunion « ${action.meetingTitle} », nous avons convenu que ${p} prend cette action, pour le ${formatDate(action.dueAt, 'fr')} :`
          : `Lors d'une réunion de suivi, nous avons convenu d'une action pour ${p}.`,
        ...quoteIfAny(action?.description),
        'Dites-nous quand elle est faite, avec une brève explication.',
      ],
      button: "Signaler l'action comme faite",
    }),
    report: (p, period, indicators) => ({
      subject: `Integratiepact : le rapport de ${p} pour ${describePeriod(period.label, 'fr')}`,
      blocks: [
        `Le moment est venu de communiquer les indicateurs de ${p} pour ${describePeriod(period.label, 'fr')}, du ${formatDate(period.start, 'fr')} au ${formatDate(lastDay(period), 'fr')} inclus. Nous vous demandons les valeurs suivantes :`,
        indicatorList(indicators),
      ],
      button: 'Ouvrir le formulaire',
    }),
  },
};

export const staffWording: StaffWording = {
  intentReview: (p, intent, indicatorNames) => ({
    subject: `Te beoordelen: de engagementsintentie van ${p}`,
    blocks: [
      `${p} heeft zijn engagementsintentie ingediend. Wilt u ze beoordelen: goedkeuren, of aanpassingen vragen met een korte toelichting voor de partner?`,
      'Hefbomen:',
      leverList('nl', intent.levers),
      'Doelen:',
      { list: intent.goals.map((goal) => pactGoals.labels[goal]) },
      'Samenvatting:',
      { quote: intent.summary },
      ...(intent.targets && Object.keys(intent.targets).length
        ? [
            'Streefcijfers:',
            {
              rows: Object.entries(intent.targets).map(([key, value]): [string, string] => [
                indicatorNames[key] ?? key,
                String(value),
              ]),
            },
          ]
        : []),
    ],
    button: 'Beoordeel de intentie',
  }),
  countersignature: (p, commitment) => ({
    subject: `Ter medeondertekening: het formeel engagement van ${p}`,
    blocks: [
      `De ondertekenaar van ${p} heeft het formeel engagement ondertekend. Als directeur vragen we u om het mee te ondertekenen. Dit is de tekst:`,
      { quote: commitment.text },
    ],
    button: 'Lees en onderteken',
  }),
};

import type { InitiativeKind } from '../../domain/initiatives';
import type { RequestKind } from '../../domain/journey';
import { describePeriod } from '../../domain/reporting-periods';
import type { Decision } from '../../domain/request-answers';
import type { SignoffSubject } from '../../domain/request-topics';
import type { Language } from '../../domain/vocabulary';

/** What a request's partner page says, per language (Dutch by default): every language has every key. */
export interface PageWording {
  askedOf: (name: string) => string;
  due: (date: string) => string;
  /** Per request kind, and for a sign-off per subject: a new kind or subject needs its title in every language. */
  titles: Record<Exclude<RequestKind, 'signoff' | 'report'> | SignoffSubject, string> & {
    report: (period: string) => string;
  };
  reviewerComment: string;
  levers: string;
  goals: string;
  summary: string;
  summaryHint: string;
  targets: string;
  targetsHint: string;
  /** The intent's optional practices and initiatives (issue 24). */
  initiatives: {
    legend: string;
    hint: string;
    title: (n: number) => string;
    kind: string;
    description: string;
    kinds: Record<InitiativeKind, string>;
  };
  decision: string;
  decisions: Record<Decision, string>;
  signDecisions: Record<Decision, string>;
  /** The commitment signature's separate question: may the partner be listed publicly (default no)? */
  publicListing: { legend: string; label: string; hint: string };
  projectDecisions: Record<Exclude<Decision, 'request_changes'>, string>;
  comment: string;
  commentHint: string;
  values: string;
  narrative: string;
  submit: string;
  fixErrors: string;
  done: {
    intent: string;
    signoff: string;
    signature: string;
    project: (confirmed: boolean) => string;
    report: (period: string) => string;
    action: string;
  };
  closed: {
    answered: string;
    expired: string;
    cancelled: string;
    /** The link was replaced by a newer one: re-sent, or the request now goes to another contact. */
    revoked: string;
    contact: (email: string) => string;
  };
  notFound: string;
  periodDates: (start: string, end: string) => string;
  /** An agreed action: where it was agreed, by when, and the box to tick once it is done. */
  actionAgreed: (meeting: string, due: string) => string;
  actionDone: string;
}

export const pageWording: Record<Language, PageWording> = {
  nl: {
    askedOf: (name) => `Gevraagd aan ${name}`,
    due: (date) => `Graag tegen ${date}.`,
    titles: {
      intent: 'Engagementsintentie',
      intent_review: 'Engagementsintentie beoordelen',
      commitment_signature: 'Formeel engagement ondertekenen',
      countersignature: 'Formeel engagement medeondertekenen',
      project: 'Deelname aan een prototypeproject',
      report: (p) => `Rapportering voor ${describePeriod(p, 'nl')}`,
      action: 'Afgesproken actie',
    },
    reviewerComment: 'Opmerking bij de vorige versie',
    levers: 'Op welke hefbomen zet u in?',
    goals: 'Welke doelen van het pact streeft u na?',
    summary: 'Welke concrete engagementen hebt u voor ogen?',
    summaryHint: 'Een paar zinnen volstaan.',
    targets: 'Streefcijfers (optioneel)',
    targetsHint: 'Laat leeg wat u (nog) niet wilt vastleggen.',
    initiatives: {
      legend: 'Praktijken en voorstellen (optioneel)',
      hint: 'Noem een praktijk die u al hebt, of stel een gemeenschappelijk initiatief voor. Ze komen in het portfolio van het pact.',
      title: (n) => `Titel ${n}`,
      kind: 'Soort',
      description: 'Korte beschrijving',
      kinds: { existing: 'een bestaande praktijk', proposal: 'een voorstel' },
    },
    decision: 'Uw beslissing',
    decisions: { approve: 'Goedkeuren', decline: 'Weigeren', request_changes: 'Aanpassingen vragen' },
    signDecisions: { approve: 'Ik onderteken', decline: 'Ik onderteken niet', request_changes: 'Aanpassingen vragen' },
    publicListing: {
      legend: "Vermelding op de publieke pagina's van het pact",
      label: 'Ja, onze organisatie mag publiek vermeld worden als partner van het pact',
      hint: 'Een aparte vraag, los van uw handtekening: zonder vinkje vermelden we u niet. U kunt dit altijd wijzigen met de link die u na de medeondertekening krijgt.',
    },
    projectDecisions: { approve: 'Wij nemen deel', decline: 'Wij nemen niet deel' },
    comment: 'Toelichting',
    commentHint: 'Verplicht als u weigert of aanpassingen vraagt.',
    values: 'Cijfers voor deze periode',
    narrative: 'Toelichting (optioneel)',
    submit: 'Versturen',
    fixErrors: 'Er ontbreekt nog iets; zie de opmerkingen hieronder. Er is nog niets opgeslagen.',
    done: {
      intent: 'Bedankt, uw engagementsintentie is binnen. Onze medewerkers bekijken ze en laten snel iets weten.',
      signoff: 'Uw beslissing is geregistreerd.',
      signature: 'Uw handtekening is geregistreerd.',
      project: (yes) =>
        yes ? 'Bedankt, uw deelname is bevestigd.' : 'Uw antwoord is geregistreerd: u neemt niet deel.',
      report: (p) => `Bedankt, uw rapportering voor ${describePeriod(p, 'nl')} is binnen.`,
      action: 'Bedankt, de actie staat als gedaan geregistreerd.',
    },
    closed: {
      answered: 'Deze vraag is al beantwoord; uw antwoord werd geregistreerd.',
      expired: 'Deze vraag is verlopen en kan niet meer beantwoord worden.',
      cancelled: 'Deze vraag is ingetrokken en hoeft niet meer beantwoord te worden.',
      revoked:
        'Deze link werd vervangen door een nieuwere: de vraag werd opnieuw verstuurd, of gaat nu naar een andere contactpersoon.',
      contact: (email) => `Vragen? Schrijf naar ${email}.`,
    },
    notFound: 'Deze link is niet bekend. Kijk na of u de volledige link uit de e-mail gebruikte.',
    periodDates: (start, end) => `van ${start} tot ${end}`,
    actionAgreed: (m, d) => `Afgesproken op de bijeenkomst “${m}”, tegen ${d}.`,
    actionDone: 'Deze actie is gedaan',
  },
  en: {
    askedOf: (name) => `Asked of ${name}`,
    due: (date) => `Please answer by ${date}.`,
    titles: {
      intent: 'Statement of intent',
      intent_review: 'Review the statement of intent',
      commitment_signature: 'Sign the formal commitment',
      countersignature: 'Countersign the formal commitment',
      project: 'Taking part in a prototype project',
      report: (p) => `Report for ${describePeriod(p, 'en')}`,
      action: 'Action agreed',
    },
    reviewerComment: 'Comment on the previous version',
    levers: 'Which levers will you invest in?',
    goals: "Which of the pact's goals do you pursue?",
    summary: 'Which concrete commitments do you have in mind?',
    summaryHint: 'A few sentences are enough.',
    targets: 'Targets (optional)',
    targetsHint: 'Leave empty what you do not want to fix (yet).',
    initiatives: {
      legend: 'Practices and proposals (optional)',
      hint: "Name a practice you already have, or propose a common initiative. They enter the pact's portfolio.",
      title: (n) => `Title ${n}`,
      kind: 'Kind',
      description: 'Short description',
      kinds: { existing: 'an existing practice', proposal: 'a proposal' },
    },
    decision: 'Your decision',
    decisions: { approve: 'Approve', decline: 'Decline', request_changes: 'Request changes' },
    signDecisions: { approve: 'I sign', decline: 'I do not sign', request_changes: 'Request changes' },
    publicListing: {
      legend: "Listing on the pact's public pages",
      label: 'Yes, our organisation may be listed publicly as a partner of the pact',
      hint: 'A separate question from your signature: unticked, we do not list you. You can change this at any time with the link you receive after the countersignature.',
    },
    projectDecisions: { approve: 'We take part', decline: 'We do not take part' },
    comment: 'Comment',
    commentHint: 'Required when you decline or request changes.',
    values: 'Figures for this period',
    narrative: 'Comment (optional)',
    submit: 'Send',
    fixErrors: 'Something is missing; see the notes below. Nothing has been saved yet.',
    done: {
      intent: 'Thank you, your statement of intent is in. Our staff will review it and get back to you soon.',
      signoff: 'Your decision has been recorded.',
      signature: 'Your signature has been recorded.',
      project: (yes) =>
        yes ? 'Thank you, your participation is confirmed.' : 'Your answer has been recorded: you will not take part.',
      report: (p) => `Thank you, your report for ${describePeriod(p, 'en')} is in.`,
      action: 'Thank you, the action is recorded as done.',
    },
    closed: {
      answered: 'This request has already been answered; your answer was recorded.',
      expired: 'This request has expired and can no longer be answered.',
      cancelled: 'This request was withdrawn and needs no answer any more.',
      revoked: 'This link was replaced by a newer one: the request was sent again, or now goes to another contact.',
      contact: (email) => `Questions? Write to ${email}.`,
    },
    notFound: 'This link is not known. Check that you used the whole link from the email.',
    periodDates: (start, end) => `from ${start} to ${end}`,
    actionAgreed: (m, d) => `Agreed at the meeting “${m}”, due ${d}.`,
    actionDone: 'This action is done',
  },
  fr: {
    askedOf: (name) => `Demandé à ${name}`,
    due: (date) => `Merci de répondre avant le ${date}.`,
    titles: {
      intent: "Déclaration d'intention",
      intent_review: "Évaluer la déclaration d'intention",
      commitment_signature: "Signer l'engagement formel",
      countersignature: "Contresigner l'engagement formel",
      project: 'Participation à un projet prototype',
      report: (p) => `Rapport pour ${describePeriod(p, 'fr')}`,
      action: 'Action convenue',
    },
    reviewerComment: 'Remarque sur la version précédente',
    levers: 'Sur quels leviers voulez-vous agir ?',
    goals: 'Quels objectifs du pacte poursuivez-vous ?',
    summary: 'Quels engagements concrets envisagez-vous ?',
    summaryHint: 'Quelques phrases suffisent.',
    targets: 'Objectifs chiffrés (facultatif)',
    targetsHint: 'Laissez vide ce que vous ne voulez pas (encore) fixer.',
    initiatives: {
      legend: 'Pratiques et propositions (facultatif)',
      hint: 'Citez une pratique que vous avez déjà, ou proposez une initiative commune. Elles entrent dans le portefeuille du pacte.',
      title: (n) => `Titre ${n}`,
      kind: 'Type',
      description: 'Brève description',
      kinds: { existing: 'une pratique existante', proposal: 'une proposition' },
    },
    decision: 'Votre décision',
    decisions: { approve: 'Approuver', decline: 'Refuser', request_changes: 'Demander des modifications' },
    signDecisions: { approve: 'Je signe', decline: 'Je ne signe pas', request_changes: 'Demander des modifications' },
    publicListing: {
      legend: 'Mention sur les pages publiques du pacte',
      label: 'Oui, notre organisation peut être mentionnée publiquement comme partenaire du pacte',
      hint: 'Une question distincte de votre signature : sans coche, nous ne vous mentionnons pas. Vous pouvez le modifier à tout moment avec le lien que vous recevrez après la contre-signature.',
    },
    projectDecisions: { approve: 'Nous participons', decline: 'Nous ne participons pas' },
    comment: 'Commentaire',
    commentHint: 'Obligatoire si vous refusez ou demandez des modifications.',
    values: 'Chiffres pour cette période',
    narrative: 'Commentaire (facultatif)',
    submit: 'Envoyer',
    fixErrors: "Il manque quelque chose ; voyez les remarques ci-dessous. Rien n'a encore été enregistré.",
    done: {
      intent:
        "Merci, votre déclaration d'intention est bien reçue. Notre équipe l'examine et revient vers vous rapidement.",
      signoff: 'Votre décision est enregistrée.',
      signature: 'Votre signature est enregistrée.',
      project: (yes) =>
        yes ? 'Merci, votre participation est confirmée.' : 'Votre réponse est enregistrée : vous ne participez pas.',
      report: (p) => `Merci, votre rapport pour ${describePeriod(p, 'fr')} est bien reçu.`,
      action: "Merci, l'action est enregistrée comme faite.",
    },
    closed: {
      answered: 'Cette demande a déjà reçu une réponse ; votre réponse a été enregistrée.',
      expired: 'Cette demande a expiré et ne peut plus recevoir de réponse.',
      cancelled: "Cette demande a été retirée et n'attend plus de réponse.",
      revoked:
        'Ce lien a été remplacé par un plus récent : la demande a été renvoyée, ou va désormais à une autre personne de contact.',
      contact: (email) => `Des questions ? Écrivez à ${email}.`,
    },
    notFound: "Ce lien n'est pas connu. Vérifiez que vous avez utilisé le lien complet de l'e-mail.",
    periodDates: (start, end) => `du ${start} au ${end}`,
    actionAgreed: (m, d) => `Convenue à la réunion « ${m} », pour le ${d}.`,
    actionDone: 'Cette action est faite',
  },
};

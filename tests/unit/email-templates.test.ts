import type { Commitment, Intent, RequestTopic } from '../../domain/request-topics';
import { languages, type Language } from '../../domain/vocabulary';
import { formatDate } from '../../mail/templates/layout';
import { renderRequestEmail, type RequestEmailInput } from '../../mail/templates/request-email';
import {
  renderEscalationEmail,
  renderProjectCancelledEmail,
  renderPrototypeNudgeEmail,
  renderRequestExpiredEmail,
} from '../../mail/templates/staff-emails';

const intent: Intent = {
  levers: ['trust', 'agency'],
  goals: ['counter_racism'],
  summary: 'Tien stageplaatsen per jaar voor inburgeraars.',
  targets: { placements_offered: 10 },
};
const commitment: Commitment = {
  ...intent,
  partnerName: 'Stad Gent',
  text: 'Wij engageren ons om tien stageplaatsen aan te bieden.\nWe rapporteren elk kwartaal.',
};
const project = {
  id: 'proj-1',
  title: 'Buddy’s op de werkvloer',
  description: 'Nieuwkomers krijgen een collega als buddy.',
  levers: ['trust' as const],
};
const period = { label: 'p2', index: 2, start: '2026-04-01', end: '2026-06-30' };
const indicators = [
  { key: 'placements_offered', label: 'Aangeboden stageplaatsen', levers: ['redistribution' as const] },
  { key: 'buddies', label: 'Aantal buddy’s', levers: ['trust' as const] },
];

/**
 * One topic per kind of request the templates must cover. Staff-facing ones are always Dutch;
 * `byReply` says whether a reply can decide the request (sign-offs, projects) or only ask questions (forms).
 */
const topics: { name: string; topic: RequestTopic; staff?: boolean; byReply: boolean }[] = [
  { name: 'intent', topic: { kind: 'intent' }, byReply: false },
  {
    name: 'intent re-request',
    topic: { kind: 'intent', reviewerComment: 'Graag concretere doelen.', previous: intent },
    byReply: false,
  },
  { name: 'intent_review', topic: { kind: 'signoff', subject: 'intent_review', intent }, staff: true, byReply: true },
  {
    name: 'commitment_signature',
    topic: { kind: 'signoff', subject: 'commitment_signature', commitment },
    byReply: true,
  },
  {
    name: 'countersignature',
    topic: { kind: 'signoff', subject: 'countersignature', commitment },
    staff: true,
    byReply: true,
  },
  { name: 'project', topic: { kind: 'project', project }, byReply: true },
  { name: 'report', topic: { kind: 'report', period, indicators }, byReply: false },
];
const cases = topics.flatMap((t) =>
  languages.keys.map((language) => ({ ...t, language, shown: t.staff ? ('nl' as const) : language })),
);

const link = 'https://pact.example/r/tok123';
const dueAt = new Date('2026-11-28T12:00:00Z');
const render = (topic: RequestTopic, language: Language, extra: Partial<RequestEmailInput> = {}) =>
  renderRequestEmail({ topic, language, recipientName: 'An Peeters', partnerName: 'Stad Gent', link, dueAt, ...extra });

describe('request emails', () => {
  it.each(cases)('$name in $language names the partner, the link and the due date', ({ topic, language, shown }) => {
    const email = render(topic, language);
    expect(email.subject).toContain('Stad Gent');
    expect(email.text).toContain('Stad Gent');
    expect(email.text).toContain(link);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.html).toContain(`<html lang="${shown}">`);
    for (const part of [email.text, email.html]) expect(part).toContain(formatDate(dueAt, shown));
  });

  it.each(cases)('$name in $language escapes markup in the partner name', ({ topic, language }) => {
    const { html } = render(topic, language, { partnerName: 'Evil <script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  const prefixes: Record<Language, string> = { nl: 'Herinnering: ', en: 'Reminder: ', fr: 'Rappel : ' };
  it.each(cases)('$name in $language carries the reminder prefix and number', ({ topic, language, shown }) => {
    const first = render(topic, language);
    const reminder = render(topic, language, { reminderNumber: 2 });
    expect(reminder.subject).toBe(`${prefixes[shown]}${first.subject}`);
    expect(reminder.text).toMatch(/\b2\b/);
    expect(first.subject.startsWith(prefixes[shown])).toBe(false);
  });

  const replies: Record<Language, RegExp> = { nl: /JA .*NEE/, en: /YES .*NO/, fr: /OUI .*NON/ };
  it.each(cases)('$name in $language explains what a reply does', ({ topic, language, shown, byReply }) => {
    expect(render(topic, language).text).toMatch(byReply ? replies[shown] : /link|lien/);
  });

  it.each(cases.filter((c) => c.topic.kind === 'signoff' && c.topic.subject !== 'intent_review'))(
    '$name in $language quotes the commitment text',
    ({ topic, language }) => {
      const email = render(topic, language);
      expect(email.text).toContain(
        '> Wij engageren ons om tien stageplaatsen aan te bieden.\n> We rapporteren elk kwartaal.',
      );
      expect(email.html).toContain(
        'Wij engageren ons om tien stageplaatsen aan te bieden.<br>We rapporteren elk kwartaal.',
      );
    },
  );

  it.each(cases.filter((c) => c.topic.kind === 'report'))(
    'report in $language names the period and the indicators',
    ({ topic, language }) => {
      const { subject, text } = render(topic, language);
      expect(subject).toContain('p2');
      for (const expected of [
        formatDate('2026-04-01', language),
        formatDate('2026-06-30', language),
        'Aangeboden stageplaatsen',
        'Aantal buddy’s',
      ])
        expect(text).toContain(expected);
    },
  );

  it.each([
    [
      'nl',
      'de rapportering van Stad Gent voor het eerste kwartaal van 2027',
      'van 1 januari 2027 tot en met 31 maart 2027',
    ],
    ['en', 'the report of Stad Gent for the first quarter of 2027', 'from 1 January 2027 to 31 March 2027 inclusive'],
    ['fr', 'le rapport de Stad Gent pour le premier trimestre 2027', 'du 1 janvier 2027 au 31 mars 2027 inclus'],
  ] as const)('report in %s names a calendar quarter as people say it', (language, subject, dates) => {
    const quarter = { label: '2027-Q1', index: 0, start: '2026-12-31T23:00:00.000Z', end: '2027-03-31T22:00:00.000Z' };
    const email = render({ kind: 'report', period: quarter, indicators }, language);
    expect(email.subject).toContain(subject);
    expect(email.text).toContain(dates);
  });

  it.each(cases.filter((c) => c.topic.kind === 'project'))(
    'project in $language describes the project',
    ({ topic, language }) => {
      const { subject, text } = render(topic, language);
      expect(subject).toContain(project.title);
      expect(text).toContain(project.description);
    },
  );

  it('asks staff to review an intent with its levers, goals, summary and targets by label', () => {
    const indicatorNames = { placements_offered: 'Aangeboden stageplaatsen' };
    const { text } = render({ kind: 'signoff', subject: 'intent_review', intent }, 'nl', { indicatorNames });
    for (const expected of [
      'Vertrouwen bouwen',
      'Handelingsvermogen vergroten',
      'racisme tegengaan',
      intent.summary,
      'Aangeboden stageplaatsen: 10',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('placements_offered');
  });

  it.each(cases)(
    '$name in $language greets a person by name and the staff mailbox as colleagues',
    ({ name, topic, language }) => {
      const mailbox = name === 'intent_review'; // the only request to the staff mailbox rather than a person
      const { text } = render(topic, language, { recipientName: 'Integratiepact' });
      if (mailbox) expect(text).toMatch(/^Beste collega,/m);
      expect(text.includes('Integratiepact,')).toBe(!mailbox);
    },
  );

  it.each(languages.keys)('re-requests an intent in %s quoting the reviewer', (language) => {
    expect(render({ kind: 'intent', reviewerComment: 'Graag concretere doelen.' }, language).text).toContain(
      '> Graag concretere doelen.',
    );
  });
});

describe('staff emails', () => {
  const partnerPageUrl = 'https://pact.example/staff/partners/p-1';
  const topic: RequestTopic = { kind: 'signoff', subject: 'commitment_signature', commitment };
  const sentAt = new Date('2026-10-01T09:00:00Z');

  it.each([
    [
      'escalation',
      renderEscalationEmail({
        topic,
        partnerName: 'Stad Gent',
        recipientName: 'An Peeters',
        recipientEmail: 'an@gent.example',
        sentAt,
        dueAt,
        partnerPageUrl,
      }),
    ],
    [
      'expired request',
      renderRequestExpiredEmail({ topic, partnerName: 'Stad Gent', recipientName: 'An Peeters', partnerPageUrl }),
    ],
    [
      'prototype nudge',
      renderPrototypeNudgeEmail({ partnerName: 'Stad Gent', formalisedAt: sentAt, nudgeNumber: 2, partnerPageUrl }),
    ],
  ])('%s names the partner and links to its page', (_name, email) => {
    expect(email.subject).toContain('Stad Gent');
    expect(email.text).toContain('Stad Gent');
    expect(email.text).toContain(partnerPageUrl);
    expect(email.html).toContain(`href="${partnerPageUrl}"`);
    expect(email.html).toContain('<html lang="nl">');
  });

  it('escalation says who was asked what, since when', () => {
    const { text } = renderEscalationEmail({
      topic,
      partnerName: 'Stad Gent',
      recipientName: 'An Peeters',
      recipientEmail: 'an@gent.example',
      sentAt,
      dueAt,
      partnerPageUrl,
    });
    for (const expected of [
      'An Peeters <an@gent.example>',
      'het formeel engagement te ondertekenen',
      formatDate(sentAt, 'nl'),
      formatDate(dueAt, 'nl'),
    ])
      expect(text).toContain(expected);
  });

  it('a cancelled project lists each invited partner and how its invitation ended', () => {
    const email = renderProjectCancelledEmail({
      project,
      invited: [
        { partnerName: 'Stad Gent', outcome: 'declined' },
        { partnerName: 'Vzw <b>Brug</b>', outcome: 'expired' },
      ],
    });
    expect(email.subject).toContain(project.title);
    expect(email.text).toContain('Stad Gent: heeft geweigerd');
    expect(email.text).toContain('Vzw <b>Brug</b>: heeft niet geantwoord');
    expect(email.html).toContain('Vzw &lt;b&gt;Brug&lt;/b&gt;');
  });
});

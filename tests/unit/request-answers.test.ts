import { type AnswerTopic, type Answers, answerProblems, answerTopicOf } from '../../domain/request-answers';

/** The answer types follow the validator: an answer to each topic's type, as people send it and as a workflow receives it, passes. */
const answers: { [A in AnswerTopic]: Answers[A][] } = {
  intent: [
    { levers: ['agency'], goals: ['mutual_respect'], summary: 'Tien stageplaatsen.' },
    { levers: ['trust'], goals: ['mutual_respect'], summary: 'Ontmoetingen.', targets: { a: 2 } },
  ],
  intent_review: [
    { decision: 'approve' },
    { decision: 'decline', comment: 'Te vaag.' },
    { decision: 'request_changes', textsId: 't' },
  ],
  commitment_signature: [
    { decision: 'approve' },
    { decision: 'approve', publicListing: true },
    { decision: 'approve', publicListing: false },
    { decision: 'decline', comment: 'Nog niet.', publicListing: false },
  ],
  countersignature: [{ decision: 'approve' }, { decision: 'request_changes', textsId: 't' }],
  project: [{ decision: 'approve' }, { decision: 'decline', comment: 'Geen tijd.' }],
  report: [{ values: { placements_offered: 3 } }, { values: { placements_offered: 0 }, textsId: 't' }],
  action: [{ done: true }, { done: true, comment: 'Lijst gedeeld.' }, { done: true, textsId: 't' }],
};

test.each(Object.entries(answers).flatMap(([topic, list]) => list.map((answer) => [topic, answer] as const)))(
  '%s: %j is valid',
  (topic, answer) => {
    expect(answerProblems(topic as AnswerTopic, JSON.parse(JSON.stringify(answer)))).toEqual([]);
  },
);

test('what the types leave out, the validator refuses', () => {
  expect(answerProblems('project', { decision: 'request_changes' })).toEqual([
    { field: 'decision', message: 'must be one of: approve, decline' },
  ]);
  expect(answerProblems('intent_review', { decision: 'approve', extra: 1 }).map((p) => p.field)).toEqual(['extra']);
  expect(answerProblems('report', { values: {} }).map((p) => p.field)).toEqual(['values']);
  expect(answerProblems('action', { done: false }).map((p) => p.field)).toEqual(['done']);
  expect(answerProblems('commitment_signature', { decision: 'approve', publicListing: 'yes' })).toEqual([
    { field: 'publicListing', message: 'must be true or false' },
  ]);
});

test('the consent to be listed is refused on every answer but the commitment signature', () => {
  const others = (Object.keys(answers) as AnswerTopic[]).filter((topic) => topic !== 'commitment_signature');
  expect(others).toHaveLength(6);
  for (const topic of others) {
    const valid = JSON.parse(JSON.stringify(answers[topic][0])) as Record<string, unknown>;
    for (const publicListing of [true, false])
      expect(answerProblems(topic, { ...valid, publicListing })).toEqual([
        {
          field: 'publicListing',
          message: "is asked only with the signatory's signature of the commitment (commitment_signature)",
        },
      ]);
  }
});

test('a sign-off is told apart by its subject', () => {
  expect(answerTopicOf({ kind: 'signoff', subject: 'commitment_signature' })).toBe('commitment_signature');
  expect(answerTopicOf({ kind: 'report' })).toBe('report');
});

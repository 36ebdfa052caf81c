import type { RequestKind } from '../../domain/journey';
import { type AnswerFor, answerProblems } from '../../domain/request-answers';

/** The answer types follow the validator: an answer of each kind's type, as people send it and as a workflow receives it, passes. */
const answers: { [K in RequestKind]: AnswerFor<K>[] } = {
  intent: [
    { levers: ['agency'], goals: ['mutual_respect'], summary: 'Tien stageplaatsen.' },
    { levers: ['trust'], goals: ['mutual_respect'], summary: 'Ontmoetingen.', targets: { a: 2 } },
  ],
  signoff: [
    { decision: 'approve' },
    { decision: 'decline', comment: 'Te vaag.' },
    { decision: 'request_changes', textsId: 't' },
  ],
  project: [{ decision: 'approve' }, { decision: 'decline', comment: 'Geen tijd.' }],
  report: [{ values: { placements_offered: 3 } }, { values: { placements_offered: 0 }, textsId: 't' }],
  action: [{ done: true }, { done: true, comment: 'Lijst gedeeld.' }, { done: true, textsId: 't' }],
};

test.each(Object.entries(answers).flatMap(([kind, list]) => list.map((answer) => [kind, answer] as const)))(
  '%s: %j is valid',
  (kind, answer) => {
    expect(answerProblems(kind as RequestKind, JSON.parse(JSON.stringify(answer)))).toEqual([]);
  },
);

test('what the types leave out, the validator refuses', () => {
  expect(answerProblems('project', { decision: 'request_changes' })).toEqual([
    { field: 'decision', message: 'must be one of: approve, decline' },
  ]);
  expect(answerProblems('signoff', { decision: 'approve', extra: 1 }).map((p) => p.field)).toEqual(['extra']);
  expect(answerProblems('report', { values: {} }).map((p) => p.field)).toEqual(['values']);
  expect(answerProblems('action', { done: false }).map((p) => p.field)).toEqual(['done']);
});

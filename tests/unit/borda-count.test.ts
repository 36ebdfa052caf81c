import { bordaCount, describeRankingIssue, rankingIssues } from '../../domain/prioritisation';
import { readBallotNumbers } from '../../inbound/parse-ballot-reply';

/** The Borda count of a prioritisation round (domain/prioritisation.ts), against counts done by hand. */
describe('Borda count', () => {
  const five = [
    { id: 'a', title: 'Buddywerking', supporters: 1 },
    { id: 'b', title: 'Cultuurbeleid', supporters: 0 },
    { id: 'c', title: 'Taalcafé', supporters: 2 },
    { id: 'd', title: 'Open bedrijvendag', supporters: 3 },
    { id: 'e', title: 'Stageplaatsen', supporters: 0 },
  ];

  it('scores rank r with N − r + 1 and an unranked initiative 0', () => {
    // N = 3. By hand:
    //   P1 c, a, e → c 3, a 2, e 1
    //   P2 a, c    → a 3, c 2
    //   P3 e, a, b → e 3, a 2, b 1
    //   a 7, c 5, e 4, b 1, d 0
    const result = bordaCount({
      maxRanked: 3,
      initiatives: five,
      rankings: [
        ['c', 'a', 'e'],
        ['a', 'c'],
        ['e', 'a', 'b'],
      ],
    });
    expect(result.map((r) => [r.initiativeId, r.score, r.rank])).toEqual([
      ['a', 7, 1],
      ['c', 5, 2],
      ['e', 4, 3],
      ['b', 1, 4],
      ['d', 0, 5],
    ]);
    expect(result[0]).toMatchObject({ firstPlaces: 1, supporters: 1 });
  });

  it('breaks ties by more first places, then more supporting partners, then title', () => {
    // N = 2. P1 a, b → a 2, b 1; P2 b, c → b 2, c 1; P3 c → c 2.
    // a 2, b 3, c 3, d 0, e 0. b and c tie at 3 with one first place each: c has more supporters (2 vs 0).
    // a 2 alone. d and e tie at 0 with no first places: d has 3 supporters, e 0.
    const tied = bordaCount({
      maxRanked: 2,
      initiatives: five,
      rankings: [['a', 'b'], ['b', 'c'], ['c']],
    });
    expect(tied.map((r) => r.initiativeId)).toEqual(['c', 'b', 'a', 'd', 'e']);

    // b and c tie at 3; c has two first places, b one.
    const byFirsts = bordaCount({
      maxRanked: 2,
      initiatives: five,
      rankings: [['c'], ['b', 'a'], ['c'], ['a', 'b'], ['b']],
    });
    // a 1 + 2 = 3, b 2 + 1 + 2 = 5, c 2 + 2 = 4.
    expect(byFirsts.slice(0, 3).map((r) => [r.initiativeId, r.score, r.firstPlaces])).toEqual([
      ['b', 5, 2],
      ['c', 4, 2],
      ['a', 3, 1],
    ]);

    // Same score, first places and supporters: by title.
    const byTitle = bordaCount({
      maxRanked: 1,
      initiatives: [
        { id: 'x', title: 'Zomerschool', supporters: 0 },
        { id: 'y', title: 'Atelier', supporters: 0 },
      ],
      rankings: [['x'], ['y']],
    });
    expect(byTitle.map((r) => r.initiativeId)).toEqual(['y', 'x']);
  });

  it('names what is wrong with a ranking', () => {
    const round = ['a', 'b', 'c'];
    expect(rankingIssues(['a', 'b'], round, 2)).toEqual([]);
    expect(rankingIssues([], round, 2).map(describeRankingIssue)).toEqual(['rank at least one initiative']);
    expect(rankingIssues(['a', 'z'], round, 2).map(describeRankingIssue)).toEqual(['not in this round: z']);
    expect(rankingIssues(['a', 'a'], round, 2).map(describeRankingIssue)).toEqual(['ranked more than once: a']);
    expect(rankingIssues(['a', 'b', 'c'], round, 2).map(describeRankingIssue)).toEqual(['rank at most 2 initiatives']);
  });
});

describe('a reply with the numbers in order', () => {
  it.each([
    ['3, 1, 5', [3, 1, 5]],
    ['3 1 5', [3, 1, 5]],
    ['3,1,5', [3, 1, 5]],
    ['  3;1 ;5.  ', [3, 1, 5]],
    ['\n> quoted 1, 2\n2, 4\n\nMet vriendelijke groeten', [2, 4]],
    ['4', [4]],
  ])('%j reads as %j', (text, numbers) => expect(readBallotNumbers(text)).toEqual(numbers));

  it.each(['drie, een, vijf', 'Ik kies 3 en 1', '3-1-5', '', '1, 2, 3'.padEnd(300, ' ') + 'x', '12345'])(
    '%j is unclear',
    (text) => expect(readBallotNumbers(text)).toBeUndefined(),
  );
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { searchAttributeKeys } from '../../domain/search-attributes';
import { dynamicConfigValues, searchAttributeList } from '../../dev/temporal-settings';

/**
 * One configuration for compose, the cluster and the dev server (dev/temporal-settings.ts): the
 * search-attribute list must name exactly the attributes the workflows set, with their types.
 */
const typeNames: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

test('the search-attribute list is the workflows’ attributes', () => {
  expect(searchAttributeList()).toEqual(
    searchAttributeKeys.map((key) => ({ name: key.name, type: typeNames[key.type] })),
  );
});

test('the dynamic config turns on priority dispatch into one write partition', () => {
  expect(dynamicConfigValues()).toMatchObject({
    'matching.useNewMatcher': true,
    'matching.numTaskqueueWritePartitions': 1,
  });
});

describe('a list line that is not "Name Type"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'search-attributes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is refused with what to write', () => {
    const file = join(dir, 'list.txt');
    writeFileSync(file, '# comment\nPartnerId Keyword\nSector\n');
    expect(() => searchAttributeList(file)).toThrow(/"Sector" is not a search attribute: write "Name Type"/);
  });
});

import { parse } from 'csv-parse/sync';
import { defuseFormula, toCsv } from '../../features/monitoring/reports-csv';

describe('the reports CSV', () => {
  it.each(['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1'])(
    'defuses %j so a spreadsheet shows it as text',
    (text) => expect(defuseFormula(text)).toBe(`'${text}`),
  );

  it('leaves plain text and numbers (negative ones too) as they are', () => {
    expect(toCsv(['name', 'value'], [['Voka', -3]])).toBe('name,value\r\nVoka,-3\r\n');
  });

  it('reads back as the same cells: quotes, commas and line breaks survive, dates as ISO', () => {
    const rows = [['a "quoted", text', 'two\r\nlines', new Date(Date.UTC(2026, 0, 2)), 7]];
    expect(parse(toCsv(['a', 'b', 'c', 'd'], rows))).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a "quoted", text', 'two\r\nlines', '2026-01-02T00:00:00.000Z', '7'],
    ]);
  });
});

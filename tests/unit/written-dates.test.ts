import { writtenDate } from '../../domain/written-dates';

/** Dates as readers in Belgium read them, in Brussels time (winter: UTC+1, summer: UTC+2), from kept formatters. */
const winter = new Date('2027-01-14T16:00:00Z');
const summer = '2026-07-01T22:30:00Z'; // already 2 July in Brussels

test('each shape in each language, in Brussels time', () => {
  expect(writtenDate('weekdayDateTime', winter, 'nl')).toBe('donderdag 14 januari 2027 om 17:00');
  expect(writtenDate('dateTime', winter, 'fr')).toBe('14 janvier 2027 à 17:00');
  expect(writtenDate('date', summer, 'nl')).toBe('2 juli 2026');
  expect(writtenDate('weekdayDate', summer, 'en')).toBe('Thursday, 2 July 2026');
  expect(writtenDate('time', summer, 'en')).toBe('00:30');
});

test('the kept formatter of one language never answers for another', () => {
  expect(writtenDate('date', winter, 'nl')).toBe('14 januari 2027');
  expect(writtenDate('date', winter, 'en')).toBe('14 January 2027');
  expect(writtenDate('date', winter, 'fr')).toBe('14 janvier 2027');
});

import ICAL from 'ical.js';

/**
 * The ORGANIZER's address of an iCalendar text's first VEVENT (its `mailto:` dropped), read with
 * ical.js as inbound reads calendar replies; undefined when there is none or the text is not iCalendar.
 */
export function calendarOrganizer(content: string): string | undefined {
  try {
    const event = new ICAL.Component(ICAL.parse(content)).getFirstSubcomponent('vevent');
    const organizer = event?.getFirstPropertyValue('organizer');
    return typeof organizer === 'string' ? organizer.replace(/^mailto:/i, '') : undefined;
  } catch {
    return undefined;
  }
}

import { partnerIdFromName } from '../domain/partner';
import type { Organisation } from './cast';

/** An organisation's id (as the system makes it of its name) and its two contacts at an example domain. */
export function peopleOf(organisation: Organisation) {
  const id = partnerIdFromName(organisation.name);
  const domain = `${id}.example`;
  const [first = '', ...rest] = organisation.coordinator.split(' ');
  const local = partnerIdFromName(`${first} ${rest.join(' ')}`).replace(/-/g, '.');
  return {
    id,
    coordinator: { name: organisation.coordinator, email: `${local}@${domain}`, role: 'coordinator' as const },
    signatory: { name: `Directie ${organisation.name}`, email: `directie@${domain}`, role: 'signatory' as const },
  };
}

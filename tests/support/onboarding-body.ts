import { partnerIdFromName } from '../../domain/partner';

/** A test partner's contact addresses, under the id the product makes of its name (domain/partner.ts). */
export const contactAddresses = (name: string) => {
  const id = partnerIdFromName(name);
  return { id, coordinator: `coordinator@${id}.example`, signatory: `signatory@${id}.example` };
};

/** The body of POST /api/partners for a test partner: a coordinator and a signatory at example addresses. */
export function onboardingBody(name: string, fields: Record<string, unknown> = {}): string {
  const { coordinator, signatory } = contactAddresses(name);
  return JSON.stringify({
    name,
    actorType: 'civil_society',
    sector: 'work',
    contacts: [
      { name: `Coordinator ${name}`, email: coordinator, role: 'coordinator' },
      { name: `Signatory ${name}`, email: signatory, role: 'signatory' },
    ],
    ...fields,
  });
}

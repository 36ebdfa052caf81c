/**
 * A partner's id: a readable slug of its name ("GO! onderwijs" → "go-onderwijs"), so workflow
 * ids read well in the Temporal UI and the same organisation posted twice maps to the same id.
 */
export function partnerIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-') // runs become one dash, so each end has at most one
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

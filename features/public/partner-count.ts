/**
 * The one rule for a number of partners shown on a public page (docs/privacy.md, "What is public and
 * why"): it counts only partners the public side lists (formalised and consenting), each once, and it is
 * shown only when it reaches `minPartners` (PUBLIC_MIN_PARTNERS). Counting everyone would tell how many
 * unlisted partners stand behind the listed names (a map's "3 partners" beside two names points at a
 * third); a smaller number is left out so no public number describes fewer than the figures' floor.
 * The figures (features/public/suppression.ts) apply the same floor to the partners a cell covers.
 */
export function publicPartnerCount(
  partnerIds: Iterable<string>,
  isListed: (partnerId: string) => boolean,
  minPartners: number,
): number | undefined {
  const listed = new Set([...partnerIds].filter(isListed));
  return listed.size >= minPartners ? listed.size : undefined;
}

import { terminalStages } from '../domain/journey';
import { renderFormalisedEmail } from '../mail/templates/formalised-email';
import { consentLinkToken, newConsentNonce, newReferralCode } from '../security/consent-tokens';
import { hashToken } from '../security/request-tokens';
import { tokenPath } from '../security/token-paths';
import type { ContactRef } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { loadContact } from './recipients';

/** The partner's invitation link (issue 25, joining the pact): `<PUBLIC_URL>/pact/join?ref=<code>`. */
export const invitationLink = (publicUrl: string, referralCode: string) =>
  `${publicUrl}/pact/join?ref=${encodeURIComponent(referralCode)}`;

export function publicListingActivities({ db, outbox, config }: ActivityDeps) {
  /** The partner's invitation code, made once (random, url-safe) the first time it is needed. */
  async function referralCodeOf(partnerId: string): Promise<string> {
    for (;;) {
      const partner = await db
        .selectFrom('partners')
        .select('referral_code')
        .where('id', '=', partnerId)
        .executeTakeFirstOrThrow();
      if (partner.referral_code) return partner.referral_code;
      await db
        .updateTable('partners')
        .set({ referral_code: newReferralCode() })
        .where('id', '=', partnerId)
        .where('referral_code', 'is', null)
        .execute()
        .catch((error: { code?: string }) => {
          if (error.code !== '23505') throw error; // another partner has that code: draw again
        });
    }
  }

  /** The partner's consent link: its nonce made once, so every retry mails the same link. */
  async function consentLinkOf(partnerId: string): Promise<string> {
    const nonce = newConsentNonce();
    await db
      .insertInto('consent_links')
      .values({
        partner_id: partnerId,
        nonce,
        token_hash: hashToken(consentLinkToken(config.tokenSecret, partnerId, nonce)),
      })
      .onConflict((oc) => oc.column('partner_id').doNothing())
      .execute();
    const link = await db
      .selectFrom('consent_links')
      .select('nonce')
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow();
    return consentLinkToken(config.tokenSecret, partnerId, link.nonce);
  }

  return {
    /**
     * The commitment is countersigned: the partner's signatory is told its partnership is formalised, with
     * its personal link to give or withdraw consent to be listed publicly and its invitation link. Sent
     * exactly once (the outbox's idempotency key); the workflow passes ids only.
     */
    async sendFormalisedEmail({ partnerId, signatory }: { partnerId: string; signatory: ContactRef }): Promise<void> {
      // Withdrawn meanwhile (the withdrawal cancels this step, which may already be running): nothing goes out.
      const journey = await db
        .selectFrom('journeys')
        .select('stage')
        .where('partner_id', '=', partnerId)
        .executeTakeFirst();
      if (journey && terminalStages.includes(journey.stage)) return;
      const referralCode = await referralCodeOf(partnerId);
      const token = await consentLinkOf(partnerId);
      const partner = await db
        .selectFrom('partners')
        .select(['name', 'public_listing'])
        .where('id', '=', partnerId)
        .executeTakeFirstOrThrow();
      const recipient = await loadContact(db, partnerId, signatory);
      const email = renderFormalisedEmail({
        language: recipient.language,
        recipientName: recipient.name,
        partnerName: partner.name,
        listed: partner.public_listing,
        consentLink: `${config.publicUrl}${tokenPath('consent', token)}`,
        invitationLink: invitationLink(config.publicUrl, referralCode),
      });
      await outbox.send(
        { idempotencyKey: `partner/${partnerId}/formalised`, to: recipient.email, partnerIds: [partnerId], ...email },
        { from: config.mailFrom, redact: [token] },
      );
    },
  };
}

import { languages } from '../../domain/vocabulary';
import { renderFormalisedEmail } from '../../mail/templates/formalised-email';

/** The email that the partnership is formalised (mail/templates/formalised-email.ts), in each language partners may choose. */
const input = {
  recipientName: 'Signatory Anker',
  partnerName: 'Anker & Co',
  consentLink: 'https://pact.example/c/abc',
  invitationLink: 'https://pact.example/pact/join?ref=xyz',
};

test.each(languages.keys)('%s: both links, in text and HTML, and the consent as it stands', (language) => {
  const unlisted = renderFormalisedEmail({ ...input, language, listed: false });
  const listed = renderFormalisedEmail({ ...input, language, listed: true });
  for (const email of [unlisted, listed]) {
    expect(email.subject).toContain('Anker & Co');
    for (const link of [input.consentLink, input.invitationLink]) {
      expect(email.text).toContain(link);
      expect(email.html).toContain(link.replace('&', '&amp;'));
    }
    expect(email.html).toContain('Anker &amp; Co');
  }
  expect(listed.text).not.toEqual(unlisted.text);
});

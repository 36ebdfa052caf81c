import { simpleParser } from 'mailparser';
import { parseReply } from '../../inbound/parse-reply';
import { readDecision } from '../../inbound/read-decision';
import { readRsvp } from '../../inbound/parse-rsvp';

/**
 * Replies as mail clients write them, parsed by mailparser, then read as the handler does: whose reply
 * it is from the headers (parse-reply.ts), then the decision in the text (read-decision.ts).
 */

const token = 'Xy7_k-9QpL2mN4vB8cD1eF3gH5jK6lM0nO9pQrStUvW';
const domain = 'reply.pact.test';
const replyTo = `reply+${token}@${domain}`;

async function parse(
  options: {
    body: string;
    html?: boolean;
    headers?: Record<string, string>;
    to?: string;
    cc?: string;
    subject?: string;
  },
  envelopeTo?: string[],
) {
  const headers: Record<string, string> = {
    From: 'Jan Peeters <Jan.Peeters@Vonk.example>',
    To: options.to ?? `Integratiepact <${replyTo}>`,
    ...(options.cc ? { Cc: options.cc } : {}),
    Subject: options.subject ?? 'Re: Integratiepact: het formeel engagement van Vonk ter ondertekening',
    'Message-ID': '<abc123@mail.vonk.example>',
    'Content-Type': `${options.html ? 'text/html' : 'text/plain'}; charset=utf-8`,
    ...options.headers,
  };
  const raw = `${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${options.body.replace(/\r?\n/g, '\r\n')}`;
  const message = await simpleParser(raw);
  const reply = parseReply(message, { envelopeTo, domain });
  if (reply.kind !== 'reply') return reply;
  const read = readDecision(message.text ?? '');
  return read
    ? { kind: 'decision', token: reply.token, from: reply.from, ...read }
    : { kind: 'unclear', token: reply.token, from: reply.from };
}

const decision = (d: 'approve' | 'decline', comment?: string) => ({
  kind: 'decision',
  token,
  from: 'Jan.Peeters@Vonk.example',
  decision: d,
  ...(comment ? { comment } : {}),
});

describe('decisions in plain-text replies', () => {
  test.each<[string, string, 'approve' | 'decline', string | undefined]>([
    [
      'Gmail, Dutch, attribution wrapped over two lines',
      'Ja, akkoord\n\nOp ma 3 jun 2024 om 10:00 schreef Integratiepact <\nintegratiepact@integratiepact.localhost>:\n\n> Beste Jan,\n> Nee, dit is de oorspronkelijke tekst.\n',
      'approve',
      undefined,
    ],
    [
      'Gmail, English, with a comment on the next line',
      'Yes, approved.\nThe board agreed on Monday.\n\nOn Mon, 3 Jun 2024 at 10:00, Integratiepact <integratiepact@integratiepact.localhost> wrote:\n> Dear Jan,\n> No reply needed.\n',
      'approve',
      'The board agreed on Monday.',
    ],
    [
      'Outlook, Dutch, underscore line and Van:/Verzonden: block',
      'Nee, we willen eerst de begroting zien.\nGroeten, Jan\n\n________________________________\nVan: Integratiepact <integratiepact@integratiepact.localhost>\nVerzonden: maandag 3 juni 2024 10:00\nAan: Jan Peeters <jan.peeters@vonk.example>\nOnderwerp: Integratiepact: het formeel engagement\n\nBeste Jan,\nJa\n',
      'decline',
      'we willen eerst de begroting zien.\nGroeten, Jan',
    ],
    [
      'Outlook, English, From:/Sent: block without a separator',
      'No\nWe need more time to discuss this internally.\n\nFrom: Integratiepact <integratiepact@integratiepact.localhost>\nSent: Monday, June 3, 2024 10:00 AM\nTo: Jan Peeters\nSubject: Integratiepact\n\nYes\n',
      'decline',
      'We need more time to discuss this internally.',
    ],
    [
      'Outlook, French, Message d’origine',
      "Refusé : pas de budget cette année.\n\n-----Message d'origine-----\nDe : Integratiepact <integratiepact@integratiepact.localhost>\nEnvoyé : lundi 3 juin 2024 10:00\nÀ : Jan Peeters\nObjet : Integratiepact\n\nOui\n",
      'decline',
      'pas de budget cette année.',
    ],
    [
      'Outlook, French, De :/Envoyé : block with non-breaking spaces',
      'Oui, d’accord\n\nDe\u00a0: Integratiepact <integratiepact@integratiepact.localhost>\nEnvoyé\u00a0: lundi 3 juin 2024 10:00\nObjet\u00a0: Integratiepact\n',
      'approve',
      undefined,
    ],
    [
      'Apple Mail, French',
      'Oui\n\nLe 3 juin 2024 à 10:00, Integratiepact <integratiepact@integratiepact.localhost> a écrit :\n\n> Bonjour Jan,\n> Non merci.\n',
      'approve',
      undefined,
    ],
    [
      'Apple Mail, Dutch, from a phone',
      'Akkoord!\n\nVerzonden vanaf mijn iPhone\n\n> Op 3 jun. 2024 om 10:00 heeft Integratiepact <integratiepact@integratiepact.localhost> het volgende geschreven:\n>\n> Beste Jan,\n',
      'approve',
      undefined,
    ],
    ['curly apostrophe and a comment on the same line', 'D’accord, on y va.\n', 'approve', 'on y va.'],
    ['capitals and a dash', 'NIET AKKOORD - de timing klopt niet\n', 'decline', 'de timing klopt niet'],
    ['weiger with a reason', 'Weiger. Reden: te weinig personeel.\n', 'decline', 'Reden: te weinig personeel.'],
    ['a bare non', 'Non\n', 'decline', undefined],
    ['accents in capitals', 'REFUSÉ\nLe conseil a dit non.', 'decline', 'Le conseil a dit non.'],
    ['oké', 'Oké, prima.\n', 'approve', 'prima.'],
    ['goedgekeurd after blank lines', '\n\n   Goedgekeurd\n', 'approve', undefined],
    [
      'bottom-posting below a quote',
      'On Mon, 3 Jun 2024 at 10:00, Integratiepact <x@y.example> wrote:\n> Dear Jan,\n> please sign.\n\nYes\n',
      'approve',
      undefined,
    ],
    [
      'inline quote lines are skipped, the rest kept',
      'Decline\n> the commitment text\nThe numbers in this text are wrong.\n-- \nJan Peeters\nVonk vzw\n',
      'decline',
      'The numbers in this text are wrong.',
    ],
  ])('%s', async (_name, body, expected, comment) => {
    expect(await parse({ body })).toEqual(decision(expected, comment));
  });
});

describe('decisions in HTML-only replies (mailparser derives the text)', () => {
  test('Gmail', async () => {
    const body =
      '<div dir="ltr">Ja, akkoord. Ons bestuur heeft het <b>goedgekeurd</b>.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Op ma 3 jun 2024 om 10:00 schreef Integratiepact &lt;integratiepact@integratiepact.localhost&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div>Beste Jan,</div><div>Nee</div></blockquote></div>';
    expect(await parse({ body, html: true })).toEqual(decision('approve', 'Ons bestuur heeft het goedgekeurd.'));
  });

  test('Outlook', async () => {
    const body =
      '<html><body><div>Nee, we willen eerst de begroting zien.</div><div><br></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>Van:</b> Integratiepact &lt;x@y&gt;<br><b>Verzonden:</b> maandag 3 juni 2024 10:00<br><b>Aan:</b> Jan<br><b>Onderwerp:</b> Integratiepact</font><div>&nbsp;</div></div><div>Beste Jan, ja</div></body></html>';
    expect(await parse({ body, html: true })).toEqual(decision('decline', 'we willen eerst de begroting zien.'));
  });

  test('Apple Mail, French, with a blockquote', async () => {
    const body =
      '<html><body><div>Non, nous préférons attendre l’automne.</div><div><br><blockquote type="cite"><div>Le 3 juin 2024 à 10:00, Integratiepact a écrit :</div><div>Bonjour Jan,</div></blockquote></div></body></html>';
    expect(await parse({ body, html: true })).toEqual(decision('decline', 'nous préférons attendre l’automne.'));
  });
});

describe('replies that decide nothing', () => {
  test.each([
    [
      'a question',
      'Hallo, ik heb een vraag over het engagement.\n\nOp ma 3 jun 2024 om 10:00 schreef Integratiepact <x@y>:\n> Beste Jan',
    ],
    ['a greeting first', 'Beste,\nJa, akkoord.'],
    ['"ok?" asks', 'Ok? Wat moet ik precies doen?'],
    ['"no problem" is not a refusal', 'No problem, I will look at it next week.'],
    ['a word that only starts like one', 'Janssens hier. Nooit gezien, deze mail.'],
    ['only the quote', '\n> Beste Jan,\n> graag uw handtekening.\n'],
    ['empty', ''],
  ])('%s', async (_name, body) => {
    expect(await parse({ body })).toEqual({ kind: 'unclear', token, from: 'Jan.Peeters@Vonk.example' });
  });
});

describe('auto-replies', () => {
  test.each<[string, Record<string, string>, string | undefined]>([
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }, undefined],
    [
      'Auto-Submitted: auto-generated with a parameter',
      { 'Auto-Submitted': 'auto-generated; owner-email="x@y"' },
      undefined,
    ],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, undefined],
    ['X-Autorespond', { 'X-Autorespond': 'Out of office' }, undefined],
    ['Precedence: bulk', { Precedence: 'bulk' }, undefined],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, undefined],
    ['Precedence: list', { Precedence: 'list' }, undefined],
    ['Outlook in English', {}, 'Automatic reply: Integratiepact'],
    ['Out of office', {}, 'Out of Office: back on Monday'],
    ['Dutch', {}, 'Afwezig: Integratiepact'],
    ['French', {}, 'Absence du bureau'],
  ])('%s', async (_name, headers, subject) => {
    expect(await parse({ body: 'Ja, akkoord', headers, subject })).toEqual({ kind: 'auto_reply' });
  });

  test('Auto-Submitted: no and X-Auto-Response-Suppress alone are a person answering', async () => {
    expect(await parse({ body: 'Ja', headers: { 'Auto-Submitted': 'no', 'X-Auto-Response-Suppress': 'All' } })).toEqual(
      decision('approve'),
    );
  });
});

describe('the token', () => {
  test('is found in Cc, keeps its case, and the sender is the From address', async () => {
    const reply = await parse({
      body: 'Yes',
      to: 'someone@vonk.example',
      cc: `"Integratiepact" <${replyTo}>, other@vonk.example`,
    });
    expect(reply).toEqual(decision('approve'));
  });

  test('is found in the envelope when the headers do not carry it', async () => {
    expect(await parse({ body: 'Yes', to: 'undisclosed-recipients:;' }, [replyTo])).toEqual(decision('approve'));
  });

  test('at another domain, or without a reply address, there is none', async () => {
    expect(await parse({ body: 'Yes', to: `reply+${token}@elsewhere.example` })).toEqual({ kind: 'no_token' });
    expect(await parse({ body: 'Yes', to: 'integratiepact@integratiepact.localhost' })).toEqual({ kind: 'no_token' });
  });
});

test('readDecision collapses blank lines in the comment and trims it', () => {
  expect(readDecision('nee\n\n\n\nGeen tijd.\n\n\n\nWe bekijken het in maart opnieuw.\n')).toEqual({
    decision: 'decline',
    comment: 'Geen tijd.\n\nWe bekijken het in maart opnieuw.',
  });
});

describe('the sign-off and signature are not part of the comment', () => {
  test.each<[string, string, 'approve' | 'decline', string | undefined]>([
    [
      'Outlook, Dutch, a name and organisation below the greeting',
      'Nee\r\n\r\nWe willen eerst de begroting zien.\r\n\r\nMet vriendelijke groeten,\r\n\r\nHilde Claes\r\nVoka – Kamer van Koophandel\r\nT +32 9 266 14 40\r\n',
      'decline',
      'We willen eerst de begroting zien.',
    ],
    [
      'Apple Mail on a phone',
      'Ja, akkoord.\n\nVriendelijke groet,\nHilde\n\nVerzonden vanaf mijn iPhone\n',
      'approve',
      undefined,
    ],
    [
      'Gmail, English, above the quote',
      'Yes, agreed - see you at the kick-off.\n\nKind regards,\nJan\n\nOn Mon, 3 Jun 2024 at 10:00, Integratiepact <x@y.example> wrote:\n> Dear Jan,\n',
      'approve',
      'agreed - see you at the kick-off.',
    ],
    [
      'French',
      'Oui\n\nNous signons volontiers.\n\nCordialement,\nMarie Dubois\n',
      'approve',
      'Nous signons volontiers.',
    ],
    ['only a greeting after the decision', 'Ja\n\nMvg\nPeter\n', 'approve', undefined],
    [
      'a greeting inside a sentence stays',
      'Ja\n\nDe groeten aan Sanne, en we tekenen graag.\n',
      'approve',
      'De groeten aan Sanne, en we tekenen graag.',
    ],
  ])('%s', async (_name, body, expected, comment) => {
    expect(await parse({ body })).toEqual(decision(expected, comment));
  });
});

describe('any reply is read in linear time (issue 22: one email froze the API)', () => {
  // 256 KiB: the old `attribution` pattern took 34 s on this one line, 1 s at 64 KiB.
  const frozen = `On ${'schreef '.repeat(32_768)}`;

  test.each([
    ['one line of "On " and many "schreef "', frozen],
    ['the same over many lines', `Op 3 jun\n${'schreef x\n'.repeat(26_000)}`],
    ['the same below a decision', `Ja\n${frozen}`],
  ])('%s', (_name, text) => {
    const started = performance.now();
    readDecision(text);
    readRsvp(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('only the head is read: the decision and its comment, not 5 MiB below them', () => {
    const text = `Nee\nTe weinig tijd.\n\n${frozen.repeat(20)}`;
    const started = performance.now();
    expect(readDecision(text)).toEqual({ decision: 'decline', comment: expect.stringMatching(/^Te weinig tijd\./) });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

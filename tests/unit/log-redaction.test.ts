import { redactSecrets } from '../../security/log-redaction';
import { tokenPath, tokenPathPrefixes, type TokenLinkKind } from '../../security/token-paths';
import { writeRedactedLogLine } from '../../worker/log-line';

const token = 'q3Jx0w6bVd3k1Vt0cQ8m2yZ8lRr3S0nXk2mA7bJ9d_E';

describe('log redaction', () => {
  it.each([
    [`{"req":{"url":"/r/${token}?lang=fr"}}`, '{"req":{"url":"/r/[redacted]?lang=fr"}}'],
    [`open https://pact.example/r/${token} now`, 'open https://pact.example/r/[redacted] now'],
    [`{"req":{"url":"/m/${token}"}}`, '{"req":{"url":"/m/[redacted]"}}'],
    [`{"req":{"url":"/b/${token}"}}`, '{"req":{"url":"/b/[redacted]"}}'],
    [`Reply-To: <reply+${token}@reply.pact.example>`, 'Reply-To: <reply+[redacted]@reply.pact.example>'],
    [`"to":"REPLY+${token}@x.example"`, '"to":"REPLY+[redacted]@x.example"'],
    ['GET /api/partners/voka 200', 'GET /api/partners/voka 200'],
  ])('%s', (line, redacted) => expect(redactSecrets(line)).toBe(redacted));

  it.each(Object.keys(tokenPathPrefixes) as TokenLinkKind[])('every registered kind of link: %s', (kind) =>
    expect(redactSecrets(`GET ${tokenPath(kind, token)} 200`)).toBe(`GET ${tokenPath(kind, '[redacted]')} 200`),
  );

  it('applies to the worker log lines too', () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    try {
      writeRedactedLogLine({
        level: 'WARN',
        message: `activity failed for /r/${token}`,
        meta: { replyTo: `reply+${token}@reply.example` },
        timestampNanos: 0n,
      });
    } finally {
      write.mockRestore();
    }
    expect(written.join('')).toContain('/r/[redacted]');
    expect(written.join('')).toContain('reply+[redacted]@reply.example');
    expect(written.join('')).not.toContain(token);
  });
});

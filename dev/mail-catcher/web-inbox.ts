// The browsable inbox of the mail catcher: server-rendered HTML without scripts or
// external assets (works offline and on a phone), plus a small JSON API for tools.
// Everything that came in by mail is untrusted, so all of it is escaped, and HTML
// bodies only render inside a sandboxed iframe.
import fastify from 'fastify';
import { escapeHtml } from '../../security/escape-html';
import type { CaughtMessage } from './caught-message';

export interface WebInbox {
  url: string;
  close(): Promise<void>;
}

type Inbox = { messages(): CaughtMessage[]; clear(): void };

// Inline styles only; images in mail may come from anywhere. Inherited by the srcdoc iframe.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; form-action 'self'";

export async function startWebInbox(inbox: Inbox, options: { port: number; host: string }): Promise<WebInbox> {
  const app = fastify({ logger: false });
  const newestFirst = () => inbox.messages().reverse();
  const find = (id: string) => inbox.messages().find((m) => m.id === id);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CSP);
    }
  });

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(listPage(newestFirst())));

  // One route for `/messages/<id>`, `/messages/<id>.eml` and an invitation's `/messages/<id>.ics`.
  app.get<{ Params: { id: string } }>('/messages/:id', async (request, reply) => {
    const invitation = request.params.id.endsWith('.ics')
      ? find(request.params.id.slice(0, -'.ics'.length))
      : undefined;
    if (invitation?.calendar)
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="invitation-${invitation.id}.ics"`)
        .send(invitation.calendar);
    const wantsRaw = request.params.id.endsWith('.eml');
    const message = find(wantsRaw ? request.params.id.slice(0, -'.eml'.length) : request.params.id);
    if (!message) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page('Not found', '<p>No such message. <a href="/">Back to the inbox</a></p>'));
    }
    if (wantsRaw) {
      return reply
        .type('message/rfc822')
        .header('content-disposition', `attachment; filename="${message.id}.eml"`)
        .send(message.raw);
    }
    return reply.type('text/html; charset=utf-8').send(messagePage(message));
  });

  // A plain form instead of a script; text/plain because fastify parses it without a plugin.
  app.post('/clear', async (_request, reply) => {
    inbox.clear();
    return reply.redirect('/', 303);
  });

  app.get('/api/messages', async () => newestFirst().map(({ raw: _raw, ...rest }) => rest));
  app.get<{ Params: { id: string } }>('/api/messages/:id', async (request, reply) => {
    const message = find(request.params.id);
    if (!message) return reply.code(404).send({ error: { code: 'not_found', message: 'No such message' } });
    return message;
  });
  app.delete('/api/messages', async () => {
    const cleared = inbox.messages().length;
    inbox.clear();
    return { cleared };
  });

  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw Object.assign(new Error(`HTTP port ${options.port} on ${options.host} is already in use`), { code });
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${urlHost(options.host)}:${port}`, close: () => app.close() };
}

// A wildcard bind address is not something a browser can open.
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

// Escape the text, but turn http(s) URLs into links so a person can follow
// the sign-off and form links in the plain-text part.
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"']+/g)) {
    // Punctuation right after a URL usually ends the sentence, not the URL.
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    const start = match.index ?? 0;
    html += escapeHtml(text.slice(last, start));
    html += `<a href="${escapeHtml(url)}" rel="noreferrer" target="_blank">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

function time(date: Date): string {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(timeFormat.format(date))}</time>`;
}

function recipients(m: CaughtMessage): string {
  return (m.to.length ? m.to : m.envelope.to).join(', ');
}

function listPage(messages: CaughtMessage[]): string {
  const items = messages
    .map(
      (m) => `<li><a href="/messages/${escapeHtml(m.id)}">
  <span class="subject">${escapeHtml(m.subject || '(no subject)')}</span>
  <span class="meta">From ${escapeHtml(m.from || m.envelope.from)} to ${escapeHtml(recipients(m))}</span>
  <span class="meta">${time(m.receivedAt)}</span></a></li>`,
    )
    .join('\n');
  const body = messages.length ? `<ul class="inbox">\n${items}\n</ul>` : '<p class="empty">No messages yet.</p>';
  return page(
    'Mail catcher',
    `<header><h1>Inbox <small>(${messages.length})</small></h1>
<nav><a href="/">Refresh</a>
<form method="post" action="/clear" enctype="text/plain"><button type="submit">Clear inbox</button></form></nav></header>
${body}`,
  );
}

function messagePage(m: CaughtMessage): string {
  const headerRows = Object.entries(m.headers)
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const html =
    m.html === undefined
      ? '<p class="empty">No HTML part.</p>'
      : // No allow-scripts: mail HTML can never run code here. Links open in a new tab.
        `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML part" srcdoc="${escapeHtml(
          `<base target="_blank">${m.html}`,
        )}"></iframe>`;
  return page(
    m.subject || '(no subject)',
    `<nav><a href="/">&larr; Inbox</a> · <a href="/messages/${escapeHtml(m.id)}.eml">Download .eml</a>${
      m.calendar ? ` · <a href="/messages/${escapeHtml(m.id)}.ics">Download invitation.ics</a>` : ''
    }</nav>
<h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<p class="meta">From ${escapeHtml(m.headers['from'] ?? m.from)} · ${time(m.receivedAt)}<br>
To ${escapeHtml(m.headers['to'] ?? recipients(m))}${
      m.replyTo === undefined ? '' : `<br>Reply-To ${escapeHtml(m.replyTo)}`
    }<br>
Envelope: ${escapeHtml(m.envelope.from)} → ${escapeHtml(m.envelope.to.join(', '))}</p>
<h2>Text</h2>
<pre class="text">${linkify(m.text)}</pre>
<h2>HTML</h2>
${html}
<details><summary>All headers</summary>
<table class="headers">${headerRows}</table></details>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; }
a { color: #0645ad; } h1 { font-size: 1.4rem; overflow-wrap: anywhere; } h1 small { color: #666; font-weight: normal; }
nav { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: 1rem; }
nav form { margin: 0; }
.inbox { list-style: none; padding: 0; margin: 0; }
.inbox a { display: block; padding: .6rem .4rem; border-bottom: 1px solid #ddd; text-decoration: none; color: inherit; }
.inbox a:hover { background: #f4f6fb; }
.subject { display: block; font-weight: 600; overflow-wrap: anywhere; }
.meta { display: block; color: #555; font-size: .9rem; overflow-wrap: anywhere; }
.empty { color: #666; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: .8rem; border-radius: 4px; }
iframe { width: 100%; height: 70vh; border: 1px solid #ccc; border-radius: 4px; background: #fff; }
.headers { border-collapse: collapse; font-size: .85rem; width: 100%; }
.headers th { text-align: left; vertical-align: top; padding: .2rem .6rem .2rem 0; white-space: nowrap; }
.headers td { white-space: pre-wrap; overflow-wrap: anywhere; }
</style></head>
<body>
${body}
</body></html>`;
}

import type { FastifyInstance } from 'fastify';
import { escapeHtml, formatDate } from '../../mail/templates/layout';
import type { RequestAnswer } from '../../workflows/definitions';
import type { ApiDeps } from '../server';
import { answerRequest, requestClosed } from './answer-request';
import { findRequestByToken } from './find-request';

/**
 * Partner pages behind the links in emails (`/r/:token`). GET only shows: mail scanners fetch
 * links, so nothing but a POST changes state. The link's token is the credential.
 */
export async function requestPageRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const closed = (status: string) => requestClosed(status, deps.config.staffEmail);

  app.get<{ Params: { token: string } }>('/r/:token', async (request, reply) => {
    const found = await findRequestByToken(deps.db, request.params.token);
    if (found.status !== 'pending') throw closed(found.status);
    const view = {
      requestId: found.id,
      kind: found.kind,
      status: found.status,
      partner: { id: found.partner_id, name: found.partnerName },
      recipient: found.recipient_name,
      dueAt: found.due_at,
      expiresAt: found.expires_at,
      topic: found.topic,
    };
    if (request.headers.accept?.includes('application/json')) return view;
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Integratiepact — ${escapeHtml(found.partnerName)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem">
<h1>${escapeHtml(found.partnerName)}</h1>
<p>Gevraagd aan ${escapeHtml(found.recipient_name)}: <strong>${escapeHtml(found.kind)}</strong>, graag tegen ${escapeHtml(formatDate(found.due_at, 'nl'))}.</p>
</body></html>`);
  });

  app.post<{ Params: { token: string }; Body: RequestAnswer }>('/r/:token', { schema: { body: { type: 'object' } } }, async (request) => {
    const found = await findRequestByToken(deps.db, request.params.token);
    const outcome = await answerRequest(deps, found, request.body, 'page');
    return { requestId: found.id, kind: found.kind, status: outcome.status, answer: outcome.answer };
  });
}

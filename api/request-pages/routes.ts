import type { FastifyInstance } from 'fastify';
import { escapeHtml, formatDate } from '../../mail/templates/layout';
import { ApiError } from '../errors';
import type { ApiDeps } from '../server';
import { findRequestByToken } from './find-request';

/**
 * Partner pages behind the links in emails (`/r/:token`). GET only shows: mail scanners fetch
 * links, so nothing here changes state.
 */
export async function requestPageRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get<{ Params: { token: string } }>('/r/:token', async (request, reply) => {
    const found = await findRequestByToken(deps.db, request.params.token);
    if (found.status !== 'pending') {
      throw new ApiError(410, `request_${found.status}`, `This request is ${found.status}; nothing more can be done with this link. Questions? Write to ${deps.config.staffEmail}.`);
    }
    const view = {
      requestId: found.id,
      kind: found.kind,
      status: found.status,
      partner: { id: found.partner_id, name: found.partnerName },
      recipient: found.recipient_name,
      dueAt: found.due_at,
      expiresAt: found.expires_at,
      ...found.payload,
    };
    if (request.headers.accept?.includes('application/json')) return view;
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Integratiepact — ${escapeHtml(found.partnerName)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem">
<h1>${escapeHtml(found.partnerName)}</h1>
<p>Gevraagd aan ${escapeHtml(found.recipient_name)}: <strong>${escapeHtml(found.kind)}</strong>, graag tegen ${escapeHtml(formatDate(found.due_at, 'nl'))}.</p>
</body></html>`);
  });
}

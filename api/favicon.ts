import type { FastifyInstance } from 'fastify';

/** The site's icon: the pact's initial on its colour, small enough to live in the code. */
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="6" fill="#1d4f91"/>' +
  '<text x="16" y="23" font-family="sans-serif" font-size="20" font-weight="bold" fill="#fff" text-anchor="middle">I</text>' +
  '</svg>';

/**
 * `/favicon.svg`, linked from every page (api/html/layout.ts), and `/favicon.ico`, which browsers
 * ask for on their own: the same icon, cached for a day, so no page logs a 404 for it.
 */
export async function faviconRoutes(app: FastifyInstance): Promise<void> {
  for (const path of ['/favicon.svg', '/favicon.ico'])
    app.get(path, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(faviconSvg),
    );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';

/**
 * Postgres cannot store a NUL character, nor text that is not valid UTF-8 (a lone UTF-16
 * surrogate is what broken UTF-8 becomes once decoded), so such text is refused at the edge, for
 * every route: path and query parameters as soon as the route is known, bodies once parsed.
 */
export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    check(request.params, 'path');
    check(request.query, 'query');
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    check(request.body, 'body');
  });
}

function check(value: unknown, part: string): void {
  const field = unstorableField(value, '');
  if (field === undefined) return;
  const name = field ? `${part}.${field}` : part;
  throw new ApiError(
    400,
    'invalid_text',
    `${name}: contains a character that cannot be stored (a NUL byte or broken UTF-8); remove it and send again.`,
    [{ field: name, message: 'contains a NUL byte or broken UTF-8' }],
  );
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || loneSurrogate.test(text);

/** The path of the first string (or object key) that cannot be stored; undefined when all can. */
function unstorableField(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path : undefined;
  if (typeof value !== 'object' || value === null || depth > 64) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (unstorable(key)) return at;
    const found = unstorableField(inner, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

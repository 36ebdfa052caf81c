import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type FormFields = Record<string, string | string[] | undefined>;

/**
 * Plain form posts, and multipart ones for the CSV upload. Registered inside the staff pages'
 * scope only, so the JSON API keeps refusing form bodies (which another site could send).
 */
export async function registerFormParsers(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
    (request, body, done) => {
      const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers['content-type'] ?? '');
      if (!boundary)
        return done(Object.assign(new Error('multipart form without a boundary'), { statusCode: 400 }), undefined);
      done(null, parseMultipart(body as Buffer, boundary[1] ?? boundary[2]!));
    },
  );
}

/** The text fields and uploaded files (as UTF-8 text) of a multipart/form-data body. */
export function parseMultipart(body: Buffer, boundary: string): FormFields {
  const fields: FormFields = {};
  // latin1 maps bytes 1:1 to characters, so splitting cannot break a UTF-8 sequence.
  for (const part of body.toString('latin1').split(`--${boundary}`).slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name === undefined) continue;
    addField(fields, name, Buffer.from(part.slice(split + 4).replace(/\r\n$/, ''), 'latin1').toString('utf8'));
  }
  return fields;
}

function addField(fields: FormFields, name: string, value: string) {
  const existing = fields[name];
  fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
}

/** The posted fields, whatever the body was. */
export const formOf = (request: FastifyRequest): FormFields =>
  request.body && typeof request.body === 'object' ? (request.body as FormFields) : {};

/** One text field, trimmed ('' when absent). */
export const textOf = (form: FormFields, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
};

/** A field that may repeat (checkboxes), as a list. */
export const listOf = (form: FormFields, name: string): string[] => {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

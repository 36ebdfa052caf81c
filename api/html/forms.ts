import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../http/api-error';

export type FormFields = Record<string, string | string[] | undefined>;

const uploadLimit = 5 * 1024 * 1024;

/**
 * Plain form posts, and multipart ones for the CSV upload (@fastify/multipart), whose fields and
 * uploaded file (as UTF-8 text) become the body like a plain form's. Registered inside the staff
 * pages' scope only, so the JSON API keeps refusing form bodies (which another site could send).
 */
export async function registerFormParsers(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, { limits: { fileSize: uploadLimit, fieldSize: uploadLimit, files: 1 } });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = await multipartFields(request);
  });
}

async function multipartFields(request: FastifyRequest): Promise<FormFields> {
  const fields: FormFields = {};
  try {
    for await (const part of request.parts()) {
      const value = part.type === 'file' ? (await part.toBuffer()).toString('utf8') : String(part.value);
      const existing = Object.hasOwn(fields, part.fieldname) ? fields[part.fieldname] : undefined;
      fields[part.fieldname] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
  } catch (error) {
    // Limits and forbidden names come with their 4xx; a body the parser cannot read is the sender's fault too.
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw new ApiError(400, 'bad_form', `The form could not be read (${(error as Error).message}).`);
  }
  return fields;
}

/** The posted fields, whatever the body was. */
export const formOf = (request: FastifyRequest): FormFields =>
  request.body && typeof request.body === 'object' ? (request.body as FormFields) : {};

/**
 * One text field, trimmed ('' when absent). A staff form may also arrive as JSON, whose values need
 * not be text: a number or an object is no answer to a text field, so it reads as absent.
 */
export const textOf = (form: FormFields, name: string): string => {
  const value: unknown = form[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

/** A field that may repeat (checkboxes), as a list of its text values. */
export const listOf = (form: FormFields, name: string): string[] => {
  const value: unknown = form[name];
  const values: unknown[] = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
};

import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { Static, TSchema } from 'typebox';
import type { FieldProblem } from '../domain/field-problem';
import { ApiError } from './api-error';
import { oneLineMessage, oneLinePattern } from './one-line-text';

/** Turns a schema violation into a sentence naming the field and what it accepts. */
export function describeIssue(
  issue: Pick<ErrorObject, 'instancePath' | 'message' | 'params'>,
  part = 'body',
): FieldProblem {
  const params = issue.params as {
    allowedValues?: unknown[];
    missingProperty?: string;
    additionalProperty?: string;
    pattern?: string;
  };
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const join = (name: string) => [path, name].filter(Boolean).join('.');
  if (params.missingProperty) return { field: join(params.missingProperty), message: 'is required' };
  if (params.additionalProperty) return { field: join(params.additionalProperty), message: 'is not a known field' };
  if (params.pattern === oneLinePattern) return { field: path || part, message: oneLineMessage };
  if (params.allowedValues)
    return { field: path || part, message: `must be one of: ${params.allowedValues.join(', ')}` };
  return { field: path || part, message: issue.message ?? 'is invalid' };
}

/** What a request's schema refused (Fastify's validation error), each problem naming its field. */
export function validationProblems(error: { validation?: unknown[]; validationContext?: string }): FieldProblem[] {
  return (error.validation ?? []).map((issue) =>
    describeIssue(issue as ErrorObject, error.validationContext ?? 'body'),
  );
}

// The same options as the HTTP server's validator (api/server.ts), so a CSV row and a JSON body are judged alike.
const ajv = new Ajv({ removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true });
addFormats(ajv);

/** A value checked against its schema: of the schema's type, or the problems that keep it from being one. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** The problems of a checked value; none when it is valid. */
export const problemsOf = <T>(checked: Checked<T>): FieldProblem[] => (checked.ok ? [] : checked.problems);

/**
 * A validator for data that does not arrive as a request body (the rows of a CSV file, a staff
 * form): it answers the value typed by the schema, so nothing becomes a domain value unchecked.
 */
export function compileValidator<S extends TSchema>(schema: S): (value: unknown) => Checked<Static<S>> {
  const validate = ajv.compile<Static<S>>(schema);
  return (value) =>
    validate(value)
      ? { ok: true, value }
      : { ok: false, problems: (validate.errors ?? []).map((issue) => describeIssue(issue)) };
}

/** The 400 that names each problem, as the JSON API answers a body its schema refuses (api/errors.ts). */
export const invalidRequest = (problems: FieldProblem[]) =>
  new ApiError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);

/**
 * A parser for a staff form's values gathered as the JSON body they stand for: the value typed by
 * the schema, or that 400, which the page shows next to the fields as it shows a use case's refusal.
 */
export function compileParser<S extends TSchema>(schema: S): (value: unknown) => Static<S> {
  const validate = compileValidator(schema);
  return (value) => {
    const checked = validate(value);
    if (!checked.ok) throw invalidRequest(checked.problems);
    return checked.value;
  };
}

import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '../domain/field-problem';
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

// The same options as the HTTP server's validator (api/server.ts), so a CSV row and a JSON body are judged alike.
const ajv = new Ajv({ removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true });
addFormats(ajv);

/** A validator for data that does not arrive as a request body (e.g. the rows of a CSV file). */
export function compileValidator(schema: object): (value: unknown) => FieldProblem[] {
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((issue) => describeIssue(issue)));
}

import type { Context } from 'hono';
import type { z } from 'zod';
import { InputError } from '../lib/errors.ts';

/**
 * Validates request fields (a JSON body, a query string, a form, path parameters).
 * Invalid fields become an InputError that names each one, so the client gets a 400.
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;

  const errors = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  throw new InputError({
    code: 'invalid_request',
    message: `The request has invalid fields: ${errors
      .map((error) => `${error.field}: ${error.message}`)
      .join('; ')}.`,
    details: { errors },
  });
}

/** The request's JSON body, validated; malformed JSON is a 400 too. */
export async function readJson<Schema extends z.ZodType>(
  context: Context,
  schema: Schema,
): Promise<z.output<Schema>> {
  return validate(schema, await readJsonBody(context));
}

/** The request's JSON body, not yet validated; malformed JSON is a 400. */
export async function readJsonBody(context: Context): Promise<unknown> {
  try {
    return await context.req.json();
  } catch (error) {
    throw new InputError({
      code: 'invalid_json',
      message:
        'The request body is not valid JSON; send a JSON object with ' +
        'content-type application/json.',
      cause: error,
    });
  }
}

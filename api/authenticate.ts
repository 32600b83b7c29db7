import { createMiddleware } from 'hono/factory';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { AuthenticationError } from '../lib/errors.ts';

/** Variables set on the request context by Dealwise middleware. */
export interface AppVariables {
  requestId: string;
  caller: Caller;
}

/** Requires `Authorization: Bearer <API key>` and puts the caller on the context. */
export function authenticate(db: Database) {
  return createMiddleware<{ Variables: AppVariables }>(async (context, next) => {
    const header = context.req.header('authorization');
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match?.[1]) {
      throw new AuthenticationError({
        code: 'missing_api_key',
        message: 'Send your API key as "Authorization: Bearer <key>".',
      });
    }
    context.set('caller', await authenticateApiKey(db, match[1]));
    await next();
  });
}

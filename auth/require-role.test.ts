import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../lib/errors.ts';
import type { Caller } from './caller.ts';
import { requireRole } from './require-role.ts';

const rep = { role: 'rep' } as Caller;

describe('requireRole', () => {
  it('lets a caller with one of the roles through', () => {
    expect(requireRole(rep, ['rep', 'manager'], 'score leads')).toBeUndefined();
  });

  it('refuses anyone else, naming who to ask with the right article', () => {
    const refusal = (roles: Caller['role'][]) => {
      try {
        requireRole(rep, roles, 'start eval runs');
      } catch (error) {
        return error;
      }
      return undefined;
    };

    expect(refusal(['admin'])).toBeInstanceOf(ForbiddenError);
    expect((refusal(['admin']) as Error).message).toBe(
      'Your role (rep) may not start eval runs; ask an admin.',
    );
    expect((refusal(['manager', 'admin']) as Error).message).toMatch(/ask a manager or admin\.$/);
    expect((refusal(['manager', 'admin', 'partner']) as Error).message).toMatch(
      /ask a manager, admin or partner\.$/,
    );
  });
});

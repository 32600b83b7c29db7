import { describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.ts';
import { resolvePersona } from './personas.ts';

const caller = (role: Caller['role']): Caller => ({
  tenantId: 't',
  userId: 'u',
  role,
  teamId: null,
  accountId: role === 'customer_contact' || role === 'partner' ? 'a' : null,
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
});

describe('resolvePersona', () => {
  it('serves a customer contact as a customer whatever persona they ask for', () => {
    expect(resolvePersona(caller('customer_contact'), 'rep').name).toBe('customer');
    expect(resolvePersona(caller('partner'), 'manager').name).toBe('customer');
  });

  it('keeps a rep a rep', () => {
    expect(resolvePersona(caller('rep'), 'manager').name).toBe('rep');
  });

  it('lets managers and admins choose', () => {
    expect(resolvePersona(caller('manager')).name).toBe('manager');
    expect(resolvePersona(caller('manager'), 'rep').name).toBe('rep');
    expect(resolvePersona(caller('admin'), 'customer').name).toBe('customer');
  });

  it('gives the customer persona no staff tools', () => {
    expect(resolvePersona(caller('customer_contact')).tools).toEqual([
      'search_knowledge',
      'lookup_policy',
      'get_account_overview',
    ]);
  });

  it('rejects an unknown persona', () => {
    expect(() => resolvePersona(caller('rep'), 'pirate')).toThrow(/Unknown persona "pirate"/);
  });
});

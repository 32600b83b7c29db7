import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import {
  createWriteActions,
  rememberActionMessage,
  takeWriteAction,
  withOpenActions,
} from './channel-actions.ts';
import type { ReplyMessage } from './reply-message.ts';

const LABELS = { confirm: '确认', cancel: '取消' };
const NOW = new Date('2026-12-04T09:00:00Z');

function pendingWrite(preview: string) {
  return {
    tool: 'log_activity',
    token: `token-${preview}`,
    preview,
    expiresAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
  };
}

describe('channel actions', () => {
  let database: DatabaseHandle;
  let rep: Caller;
  let manager: Caller;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    rep = await authenticateApiKey(database.db, 'dw_demo_rep');
    manager = await authenticateApiKey(database.db, 'dw_demo_manager');
  });
  afterAll(() => database.close());

  /** Two prepared writes behind buttons, sent in one remembered reply. */
  async function sentReply(): Promise<ReplyMessage> {
    const actions = await createWriteActions(database.db, rep, {
      writes: [pendingWrite('call'), pendingWrite('follow-up')],
      labels: LABELS,
      now: NOW,
    });
    const message = { text: '请确认以下两项 / Confirm both', citations: [], actions };
    await rememberActionMessage(database.db, message);
    return message;
  }

  it('hands a pressed button back with its reply, once, to its owner', async () => {
    const message = await sentReply();
    const actionId = message.actions[0]?.actionId ?? '';

    const byManager = await takeWriteAction(database.db, manager, { actionId, now: NOW });
    const first = await takeWriteAction(database.db, rep, { actionId, now: NOW });
    const second = await takeWriteAction(database.db, rep, { actionId, now: NOW });

    expect(byManager).toBeUndefined();
    expect(first).toMatchObject({ tool: 'log_activity', token: 'token-call', message });
    expect(second).toBeUndefined();
  });

  it('keeps the buttons of the writes still open when one is pressed', async () => {
    const message = await sentReply();
    const [pressed, , other] = message.actions;
    await takeWriteAction(database.db, rep, { actionId: pressed?.actionId ?? '', now: NOW });

    const redrawn = await withOpenActions(database.db, { message, now: NOW });

    expect(redrawn.text).toBe(message.text);
    expect(redrawn.actions.map((action) => [action.actionId, action.decision])).toEqual([
      [other?.actionId, 'confirm'],
      [other?.actionId, 'cancel'],
    ]);
  });

  it('drops the buttons of writes whose time is up', async () => {
    const message = await sentReply();
    const later = new Date(NOW.getTime() + 2 * 3_600_000);

    expect((await withOpenActions(database.db, { message, now: later })).actions).toEqual([]);
  });
});

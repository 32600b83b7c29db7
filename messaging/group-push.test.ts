import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { runJobsUntilIdle } from '../jobs/worker.ts';
import { createLogger } from '../lib/logger.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { channelJobHandlers } from './channel-job-handlers.ts';
import { queueGroupPush } from './group-push.ts';
import type { ReplyMessage } from './reply-message.ts';

describe('queueGroupPush', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });

  afterAll(async () => {
    await database.close();
  });

  it('delivers a manager’s message to the group chat through the job queue', async () => {
    const posted: ReplyMessage[] = [];
    const { agent } = createTestApp(database);
    const handlers = channelJobHandlers({
      agent,
      clients: {},
      group: { push: async (message) => void posted.push(message) },
    });
    const manager = await authenticateApiKey(database.db, 'dw_demo_manager');

    await queueGroupPush(database.db, manager, {
      text: ' 本周重点：东浦医院招标 ',
      groupConfigured: true,
    });
    await runJobsUntilIdle({
      db: database.db,
      logger: createLogger({ level: 'silent' }),
      handlers,
    });

    expect(posted.map((message) => message.text)).toEqual(['本周重点：东浦医院招标']);
  });

  it('refuses an empty message before queueing anything', async () => {
    const manager = await authenticateApiKey(database.db, 'dw_demo_manager');
    await expect(
      queueGroupPush(database.db, manager, { text: '  ', groupConfigured: true }),
    ).rejects.toMatchObject({ code: 'invalid_push_text' });
  });
});

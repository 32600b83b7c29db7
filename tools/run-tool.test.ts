import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext, demoId, demoUser } from './__fixtures__/demo-context.ts';
import { ALL_TOOLS, toolsForRole } from './index.ts';
import { runTool } from './run-tool.ts';

/** Arguments that would pass validation for each staff-only tool. */
const VALID_INPUT: Record<string, unknown> = {
  recommend_talk_tracks: { situation: '价格太高' },
  draft_pitch: { account: '上海申江肿瘤医院', goal: 'demo', format: 'email', language: 'zh' },
  score_lead: { leadId: demoId('lead', 'lead-001') },
  log_activity: { leadId: demoId('lead', 'lead-001'), kind: 'call', subject: 'x' },
};

describe('runTool', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  for (const [name, input] of Object.entries(VALID_INPUT)) {
    it(`refuses ${name} to a customer contact`, async () => {
      const context = await demoContext(database.db, 'dw_demo_customer');
      const tool = ALL_TOOLS.find((candidate) => candidate.name === name)!;

      const failure = runTool(tool, context, input);

      await expect(failure).rejects.toMatchObject({
        name: 'ForbiddenError',
        code: 'role_not_allowed',
      });
    });
  }

  it('refuses staff-only tools to a partner too', async () => {
    const partner = await demoContext(database.db, await demoUser(database.db, 'u-partner-ruihe'));
    const tool = ALL_TOOLS.find((candidate) => candidate.name === 'score_lead')!;

    const failure = runTool(tool, partner, VALID_INPUT.score_lead);

    await expect(failure).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('names every invalid field in one InputError', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');
    const tool = ALL_TOOLS.find((candidate) => candidate.name === 'search_knowledge')!;

    const failure = runTool(tool, context, { query: '', k: 99 });

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'invalid_tool_input',
      details: {
        tool: 'search_knowledge',
        errors: [
          expect.objectContaining({ field: 'query' }),
          expect.objectContaining({ field: 'k' }),
        ],
      },
    });
  });

  it('validates the input before checking the role', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer');
    const tool = ALL_TOOLS.find((candidate) => candidate.name === 'score_lead')!;

    const failure = runTool(tool, context, {});

    await expect(failure).rejects.toMatchObject({ code: 'invalid_tool_input' });
  });
});

describe('toolsForRole', () => {
  it('gives customers and partners only the public tools', () => {
    expect(toolsForRole('customer_contact').map((tool) => tool.name)).toEqual([
      'search_knowledge',
      'get_account_overview',
      'lookup_policy',
    ]);
    expect(toolsForRole('partner').map((tool) => tool.name)).toEqual(
      toolsForRole('customer_contact').map((tool) => tool.name),
    );
  });

  it('gives a rep every tool', () => {
    expect(toolsForRole('rep')).toHaveLength(ALL_TOOLS.length);
  });

  it('describes every field of every tool for the model', () => {
    for (const tool of ALL_TOOLS) {
      const schema = tool.input.toJSONSchema() as {
        properties: Record<string, { description?: string }>;
      };
      for (const [field, property] of Object.entries(schema.properties)) {
        expect({ tool: tool.name, field, described: Boolean(property.description) }).toEqual({
          tool: tool.name,
          field,
          described: true,
        });
      }
    }
  });
});

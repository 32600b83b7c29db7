import type { StructuredToolInterface } from '@langchain/core/tools';
import { tool } from 'langchain';
import { DealwiseError } from '../lib/errors.ts';
import { runTool } from '../tools/run-tool.ts';
import type { AnyToolDefinition, ToolContext, ToolResult } from '../tools/tool-definition.ts';
import type { TurnRecord } from './turn-record.ts';

/**
 * The tools as LangChain tools for one turn. Each call goes through runTool, which checks
 * the caller's role and scope in code; what the model gets back is JSON with the data,
 * numbered citations and, for writes, the preview (never the confirmation token). A refusal
 * or bad input comes back as `{ "error": … }` so the model can say so.
 */
export function langChainTools(options: {
  definitions: readonly AnyToolDefinition[];
  context: ToolContext;
  record: TurnRecord;
}): StructuredToolInterface[] {
  return options.definitions.map((definition) =>
    tool(
      async (input: unknown, config) => {
        const id = (config as { toolCall?: { id?: string } }).toolCall?.id ?? definition.name;
        try {
          const result = await runTool(definition, options.context, input);
          options.record.toolCalls.push({
            id,
            name: definition.name,
            arguments: input,
            result: result.summary,
          });
          return JSON.stringify(forModel(definition.name, result, options.record));
        } catch (error) {
          if (!(error instanceof DealwiseError) || error.fault !== 'user') throw error;
          options.record.toolCalls.push({
            id,
            name: definition.name,
            arguments: input,
            error: error.code,
          });
          return JSON.stringify({ error: { code: error.code, message: error.message } });
        }
      },
      {
        name: definition.name,
        description: definition.description,
        schema: definition.input as never,
      },
    ),
  ) as StructuredToolInterface[];
}

function forModel(name: string, result: ToolResult<unknown>, record: TurnRecord) {
  const citations = record.cite(result.citations);
  if (result.confirmation) {
    record.pendingWrites.push({ tool: name, ...result.confirmation });
  }
  return {
    summary: result.summary,
    data: result.data,
    citations,
    ...(result.confirmation
      ? {
          confirmation: {
            preview: result.confirmation.preview,
            expiresAt: result.confirmation.expiresAt,
            note: 'Nothing is written until the user confirms in the app.',
          },
        }
      : {}),
  };
}

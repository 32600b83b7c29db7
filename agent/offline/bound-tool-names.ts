import type { BindToolsInput } from '@langchain/core/language_models/chat_models';

/**
 * The names of tools bound to a model, whatever form they were bound in: a LangChain
 * tool, a Dealwise tool definition, or an OpenAI-style function definition.
 */
export function boundToolNames(tools: readonly BindToolsInput[] | undefined): string[] {
  return (tools ?? []).flatMap((tool) => {
    const name = nameOf(tool);
    return name === undefined ? [] : [name];
  });
}

function nameOf(tool: BindToolsInput): string | undefined {
  const candidate = tool as { name?: unknown; function?: { name?: unknown } };
  if (typeof candidate.name === 'string') return candidate.name;
  if (typeof candidate.function?.name === 'string') return candidate.function.name;
  return undefined;
}

/** A message of the dialogue as the model sees it again on the next turn. */
export interface DialogueMessage {
  role: 'user' | 'assistant';
  text: string;
}

/** Messages sent to the model word for word; older ones are summarised. */
export const VERBATIM_MESSAGES = 12;
const SUMMARY_LIMIT = 2_000;

/**
 * Splits a conversation into the recent messages the model sees verbatim and a summary
 * of the older ones, so long conversations stay within the model's context.
 */
export function windowDialogue(dialogue: DialogueMessage[]): {
  summary: string | null;
  recent: DialogueMessage[];
} {
  if (dialogue.length <= VERBATIM_MESSAGES) return { summary: null, recent: dialogue };
  const older = dialogue.slice(0, dialogue.length - VERBATIM_MESSAGES);
  return { summary: summarise(older), recent: dialogue.slice(-VERBATIM_MESSAGES) };
}

// Limitation: the summary is extractive (the start of each older message), not written by a model.
function summarise(older: DialogueMessage[]): string {
  const lines = older.map((message) => {
    const who = message.role === 'user' ? 'User' : 'Assistant';
    const flat = message.text.replace(/\s+/g, ' ').trim();
    return `${who}: ${flat.length > 120 ? `${flat.slice(0, 120)}…` : flat}`;
  });
  let summary = lines.join('\n');
  if (summary.length > SUMMARY_LIMIT) summary = `…${summary.slice(-SUMMARY_LIMIT)}`;
  return summary;
}

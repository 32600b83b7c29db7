import { messageLanguage } from '../agent/offline/message-language.ts';
import { type AgentDependencies, runTurn } from '../agent/run-turn.ts';
import type { TurnResult } from '../agent/turn-events.ts';
import type { Caller } from '../auth/caller.ts';
import { InputError } from '../lib/errors.ts';
import { applyConfirmedWrite } from '../tools/apply-confirmed-write.ts';
import { ALL_TOOLS } from '../tools/index.ts';
import type { WriteToolDefinition } from '../tools/tool-definition.ts';
import {
  type ConfirmWritePayload,
  createWriteActions,
  findWriteAction,
  rememberActionMessage,
  takeWriteAction,
  withOpenActions,
} from './channel-actions.ts';
import { callerLanguage, commandSpelling, PHRASES } from './channel-phrases.ts';
import {
  findThreadConversation,
  forgetThreadConversation,
  rememberThreadConversation,
  threadKeyOf,
} from './channel-threads.ts';
import { citationUrl } from './citation-url.ts';
import type { InboundEvent } from './inbound-event.ts';
import { type ReplyMessage, textReply, withoutTrailingSourceList } from './reply-message.ts';

/** What a linked user's event needs to be answered. */
export interface RespondContext {
  agent: AgentDependencies;
  caller: Caller;
  event: InboundEvent;
  now: Date;
  /** Where citations link to; see citationUrl. */
  citationBaseUrl: string | undefined;
}

/** The answer to an event and, for the event log, what became of it. */
export interface Response {
  outcome: string;
  replies: ReplyMessage[];
  /**
   * After a button press: the message the button was on, with only the buttons still open,
   * for the platform to redraw.
   */
  pressedMessage?: ReplyMessage;
}

/**
 * Answers a linked user's message, command or button press: commands and buttons here,
 * everything else through an agent turn in the conversation of the chat thread.
 */
export async function respondToLinkedUser(context: RespondContext): Promise<Response> {
  const { body } = context.event;
  const language = callerLanguage(context.caller);

  switch (body.type) {
    case 'unsupported':
      return reply('unsupported', PHRASES.unsupported(body.kind, language));
    case 'action':
      return respondToAction(context, body);
    case 'text': {
      const response = await answer(context, body.text);
      if (!body.unreadAttachment) return response;
      const note = PHRASES.unreadAttachment(body.unreadAttachment, messageLanguage(body.text));
      return withNote(response, note);
    }
    case 'command':
      return respondToCommand(context, body.command, body.argument.trim());
  }
}

async function respondToCommand(
  context: RespondContext,
  command: 'ask' | 'pitch' | 'score' | 'link' | 'new' | 'help',
  argument: string,
): Promise<Response> {
  const language = argument ? messageLanguage(argument) : callerLanguage(context.caller);
  switch (command) {
    case 'help':
      return reply('help', PHRASES.help[language](commandSpelling(context.event.platform)));
    case 'link':
      return reply('already_linked', PHRASES.alreadyLinked[language]);
    case 'new':
      await forgetThreadConversation(context.agent.db, context.caller, threadOf(context.event));
      return reply('new_conversation', PHRASES.newConversation[language]);
    case 'ask':
      return argument
        ? answer(context, argument)
        : reply('help', PHRASES.help[language](commandSpelling(context.event.platform)));
    case 'pitch':
      if (!argument)
        return reply(
          'empty_command',
          PHRASES.emptyCommand[language](commandSpelling(context.event.platform)),
        );
      return answer(context, PHRASES.pitchRequest[language](argument));
    case 'score':
      if (!argument)
        return reply(
          'empty_command',
          PHRASES.emptyCommand[language](commandSpelling(context.event.platform)),
        );
      return answer(context, PHRASES.scoreRequest[language](argument));
  }
}

/** Runs an agent turn in the thread's conversation and turns its result into a reply. */
async function answer(context: RespondContext, message: string): Promise<Response> {
  const { agent, caller, event } = context;
  const thread = threadOf(event);
  const conversationId = await findThreadConversation(agent.db, caller, thread);

  let result: TurnResult;
  try {
    result = await runTurn(agent, {
      caller,
      message,
      conversationId,
      channel: event.platform,
      requestId: event.dedupeKey,
    });
  } catch (error) {
    // The user's message is stored and the failed turn recorded by the agent; say so.
    const language = messageLanguage(message);
    if (error instanceof InputError) return reply('rejected', error.message);
    agent.logger.warn({ err: error, dedupeKey: event.dedupeKey }, 'channel turn failed');
    return reply('turn_failed', PHRASES.turnFailed[language]);
  }

  if (result.conversationId !== conversationId) {
    await rememberThreadConversation(agent.db, caller, {
      ...thread,
      conversationId: result.conversationId,
    });
  }
  return { outcome: 'answered', replies: [await replyOf(context, message, result)] };
}

async function replyOf(
  context: RespondContext,
  message: string,
  result: TurnResult,
): Promise<ReplyMessage> {
  const actions = await createWriteActions(context.agent.db, context.caller, {
    writes: result.pendingWrites,
    labels: PHRASES.confirmLabels[messageLanguage(message)],
    now: context.now,
  });
  const citations = result.message.citations.map((citation) => ({
    n: citation.n,
    title: citation.title,
    locator: citation.locator,
    url: citationUrl(citation, context.citationBaseUrl),
  }));
  const reply = {
    text: withoutTrailingSourceList(result.message.text, citations),
    citations,
    actions,
  };
  await rememberActionMessage(context.agent.db, reply);
  return reply;
}

/**
 * Answers a press of a write's button. The button is used up only once the press is
 * answered: a confirmation that fails on the way (the database, say) is retried by its job
 * with the button still open, and applying twice is harmless, since a write is idempotent
 * per confirmation token.
 */
async function respondToAction(
  context: RespondContext,
  press: { actionId: string; decision: 'confirm' | 'cancel' },
): Promise<Response> {
  const { agent, caller, now } = context;
  const language = callerLanguage(caller);
  const found = { actionId: press.actionId, now };
  const write = await findWriteAction(agent.db, caller, found);
  if (!write) return reply('action_unavailable', PHRASES.actionUnavailable[language]);

  const response =
    press.decision === 'cancel'
      ? reply('action_cancelled', PHRASES.cancelled[language])
      : await confirmWrite(context, write);
  await takeWriteAction(agent.db, caller, found);

  if (!write.message) return response;
  const pressedMessage = await withOpenActions(agent.db, { message: write.message, now });
  return { ...response, pressedMessage };
}

async function confirmWrite(
  context: RespondContext,
  write: ConfirmWritePayload,
): Promise<Response> {
  const tool = ALL_TOOLS.find((candidate) => candidate.name === write.tool);
  if (tool?.kind !== 'write') {
    const language = callerLanguage(context.caller);
    return reply('action_unavailable', PHRASES.actionUnavailable[language]);
  }
  const writeTool = tool as unknown as WriteToolDefinition<unknown, unknown, unknown>;
  return applyWrite(context, { tool: writeTool, token: write.token });
}

/** Applies a confirmed write; a write the tool now refuses is answered with the reason. */
async function applyWrite(
  context: RespondContext,
  options: { tool: WriteToolDefinition<unknown, unknown, unknown>; token: string },
): Promise<Response> {
  const { agent, caller, now } = context;
  try {
    const applied = await applyConfirmedWrite(
      options.tool,
      {
        db: agent.db,
        embedder: agent.embedder,
        caller,
        now,
        requestId: context.event.dedupeKey,
        confirmationSecret: agent.confirmationSecret,
      },
      options.token,
    );
    return reply('action_confirmed', applied.summary);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return reply('action_rejected', error.message);
  }
}

function threadOf(event: InboundEvent): { platform: InboundEvent['platform']; key: string } {
  return { platform: event.platform, key: threadKeyOf(event.address) };
}

/** The response with a note before the text of its first reply. */
function withNote(response: Response, note: string): Response {
  const [first, ...rest] = response.replies;
  if (!first) return response;
  return { ...response, replies: [{ ...first, text: `${note}\n\n${first.text}` }, ...rest] };
}

function reply(outcome: string, text: string): Response {
  return { outcome, replies: [textReply(text)] };
}

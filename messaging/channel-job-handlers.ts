import type { JobHandler } from '../jobs/worker.ts';
import type { ChannelClients, GroupChannelClient } from './channel-client.ts';
import {
  jobSendProgress,
  type OutgoingPush,
  type OutgoingReply,
  PUSH_CHANNEL_MESSAGE,
  SEND_CHANNEL_REPLY,
  sendPush,
  sendReply,
  UPDATE_CHANNEL_BUTTONS,
  updateButtons,
} from './channel-outbox.ts';
import { PUSH_GROUP_MESSAGE, sendGroupPush } from './group-push.ts';
import { type ProcessEventDependencies, processChannelEvent } from './process-channel-event.ts';
import { PROCESS_CHANNEL_EVENT } from './receive-inbound-event.ts';
import type { ReplyMessage } from './reply-message.ts';

/**
 * The job handlers of chat channels: process inbound events, send replies and pushes, and
 * redraw pressed buttons.
 */
export function channelJobHandlers(
  options: ProcessEventDependencies & {
    clients: ChannelClients;
    /** The group chat for team-wide posts, when one is configured. */
    group?: GroupChannelClient | undefined;
  },
): Record<string, JobHandler> {
  return {
    [PROCESS_CHANNEL_EVENT]: async (job) => {
      await processChannelEvent(options, String(job.payload.eventId));
    },
    [SEND_CHANNEL_REPLY]: async (job) => {
      const progress = jobSendProgress(options.agent.db, job);
      await sendReply(options.clients, job.payload as unknown as OutgoingReply, progress);
    },
    [UPDATE_CHANNEL_BUTTONS]: async (job) => {
      await updateButtons(options.clients, job.payload as unknown as OutgoingReply);
    },
    [PUSH_CHANNEL_MESSAGE]: async (job) => {
      const progress = jobSendProgress(options.agent.db, job);
      await sendPush(options.clients, job.payload as unknown as OutgoingPush, progress);
    },
    [PUSH_GROUP_MESSAGE]: async (job) => {
      await sendGroupPush(options.group, job.payload.message as ReplyMessage);
    },
  };
}

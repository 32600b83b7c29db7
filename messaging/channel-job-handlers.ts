import type { JobHandler } from '../jobs/worker.ts';
import type { ChannelClients } from './channel-client.ts';
import {
  type OutgoingPush,
  type OutgoingReply,
  PUSH_CHANNEL_MESSAGE,
  SEND_CHANNEL_REPLY,
  sendPush,
  sendReply,
} from './channel-outbox.ts';
import { type ProcessEventDependencies, processChannelEvent } from './process-channel-event.ts';
import { PROCESS_CHANNEL_EVENT } from './receive-inbound-event.ts';

/** The job handlers of chat channels: process inbound events, send replies and pushes. */
export function channelJobHandlers(
  options: ProcessEventDependencies & { clients: ChannelClients },
): Record<string, JobHandler> {
  return {
    [PROCESS_CHANNEL_EVENT]: async (job) => {
      await processChannelEvent(options, String(job.payload.eventId));
    },
    [SEND_CHANNEL_REPLY]: async (job) => {
      await sendReply(options.clients, job.payload as unknown as OutgoingReply);
    },
    [PUSH_CHANNEL_MESSAGE]: async (job) => {
      await sendPush(options.clients, job.payload as unknown as OutgoingPush);
    },
  };
}

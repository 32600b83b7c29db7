import type { ChannelClient, ChannelRecipient } from '../messaging/channel-client.ts';
import type { ChatAddress, Platform } from '../messaging/inbound-event.ts';
import type { ReplyMessage } from '../messaging/reply-message.ts';

/** A message the fake client was asked to send. */
export type FakeDelivery =
  | { kind: 'reply'; address: ChatAddress; message: ReplyMessage }
  | { kind: 'direct'; recipient: ChannelRecipient; message: ReplyMessage };

/** A ChannelClient that records what it sends, and fails on demand. */
export class FakeChannelClient implements ChannelClient {
  readonly deliveries: FakeDelivery[] = [];
  failing = false;

  constructor(readonly platform: Platform) {}

  async reply(address: ChatAddress, message: ReplyMessage): Promise<void> {
    this.#failIfAsked();
    this.deliveries.push({ kind: 'reply', address, message });
  }

  async sendDirect(recipient: ChannelRecipient, message: ReplyMessage): Promise<void> {
    this.#failIfAsked();
    this.deliveries.push({ kind: 'direct', recipient, message });
  }

  /** The text of every delivery, joined. */
  texts(): string {
    return this.deliveries.map((delivery) => delivery.message.text).join('\n');
  }

  #failIfAsked(): void {
    if (this.failing) throw new Error('fake platform is down');
  }
}

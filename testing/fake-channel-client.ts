import {
  type ChannelClient,
  type ChannelRecipient,
  type SendProgress,
  sendPieces,
} from '../messaging/channel-client.ts';
import type { ChatAddress, Platform } from '../messaging/inbound-event.ts';
import type { ReplyMessage } from '../messaging/reply-message.ts';

/** A message the fake client was asked to send. */
export type FakeDelivery =
  | { kind: 'reply'; address: ChatAddress; message: ReplyMessage }
  | { kind: 'direct'; recipient: ChannelRecipient; message: ReplyMessage };

/**
 * A ChannelClient that records what it sends and the buttons it redraws, and fails on
 * demand. It sends a message's paragraphs as separate pieces, as platforms with a length
 * limit do.
 */
export class FakeChannelClient implements ChannelClient {
  readonly deliveries: FakeDelivery[] = [];
  /** Pressed messages redrawn, with the buttons left on them. */
  readonly buttonUpdates: { address: ChatAddress; message: ReplyMessage }[] = [];
  /** Every piece sent, in order. */
  readonly pieces: string[] = [];
  /** Fail every send. */
  failing = false;
  /** Fail once, just before sending the piece with this index. */
  failBeforePiece: number | undefined;

  constructor(readonly platform: Platform) {}

  async reply(address: ChatAddress, message: ReplyMessage, progress?: SendProgress) {
    await this.#send(message, progress);
    this.deliveries.push({ kind: 'reply', address, message });
  }

  async sendDirect(recipient: ChannelRecipient, message: ReplyMessage, progress?: SendProgress) {
    await this.#send(message, progress);
    this.deliveries.push({ kind: 'direct', recipient, message });
  }

  async updateButtons(address: ChatAddress, message: ReplyMessage) {
    if (this.failing) throw new Error('fake platform is down');
    this.buttonUpdates.push({ address, message });
  }

  /** The text of every delivery, joined. */
  texts(): string {
    return this.deliveries.map((delivery) => delivery.message.text).join('\n');
  }

  async #send(message: ReplyMessage, progress: SendProgress | undefined): Promise<void> {
    if (this.failing) throw new Error('fake platform is down');
    await sendPieces(message.text.split('\n\n'), progress, async (piece, index) => {
      if (index === this.failBeforePiece) {
        this.failBeforePiece = undefined;
        throw new Error(`fake platform failed before piece ${index}`);
      }
      this.pieces.push(piece);
    });
  }
}

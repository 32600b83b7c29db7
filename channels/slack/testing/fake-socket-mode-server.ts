/**
 * A loopback stand-in for Slack's Socket Mode WebSocket, for tests: just enough of RFC 6455
 * (handshake, unfragmented text, ping, close) to say hello, push envelopes and collect the
 * acknowledgements. msw cannot intercept it: Bolt's Socket Mode client opens the socket with
 * undici's own WebSocket, not the global one.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** An acknowledgement the client sent for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketModeServer {
  /** The `ws://` URL `apps.connections.open` should answer with. */
  url: string;
  /** Sends an envelope to every connected client. */
  send(envelope: Record<string, unknown>): void;
  /** Acknowledgements received so far, oldest first. */
  acks(): SocketAck[];
  /** Resolves with the envelope's acknowledgement, or undefined after `timeoutMs`. */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck | undefined>;
  /** Resolves once a client has connected and been greeted. */
  connected(): Promise<void>;
  /** Resolves once a client has closed its connection. */
  disconnected(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startFakeSocketModeServer(): Promise<FakeSocketModeServer> {
  const sockets = new Set<Socket>();
  const acks: SocketAck[] = [];
  const connected = deferred();
  const disconnected = deferred();
  const server = createServer((_, response) => response.writeHead(426).end());

  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    acceptUpgrade(request, socket);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      disconnected.resolve();
    });
    readFrames(socket, (opcode, payload) => {
      if (opcode === OPCODE.text) acks.push(JSON.parse(payload.toString('utf8')));
      if (opcode === OPCODE.ping) socket.write(frame(OPCODE.pong, payload));
      if (opcode === OPCODE.close) socket.end(frame(OPCODE.close, payload.subarray(0, 2)));
    });
    socket.write(frame(OPCODE.text, Buffer.from(JSON.stringify(hello()))));
    connected.resolve();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link`,
    send: (envelope) => {
      const data = frame(OPCODE.text, Buffer.from(JSON.stringify(envelope)));
      for (const socket of sockets) socket.write(data);
    },
    acks: () => acks,
    waitForAck: async (envelopeId, timeoutMs = 2_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const ack = acks.find((candidate) => candidate.envelope_id === envelopeId);
        if (ack) return ack;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return undefined;
    },
    connected: () => connected.promise,
    disconnected: () => disconnected.promise,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function acceptUpgrade(request: IncomingMessage, socket: Socket): void {
  const key = String(request.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
}

function hello(): Record<string, unknown> {
  return {
    type: 'hello',
    num_connections: 1,
    debug_info: { host: 'fake', approximate_connection_time: 3600 },
    connection_info: { app_id: 'A0DEALWISE' },
  };
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  if (length < 126) return Buffer.concat([Buffer.from([0x80 | opcode, length]), payload]);

  const header = Buffer.alloc(length < 65_536 ? 4 : 10);
  header[0] = 0x80 | opcode;
  if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Reads the client's masked frames as they arrive; fragments are not expected from it. */
function readFrames(socket: Socket, onFrame: (opcode: number, payload: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const parsed = parseFrame(buffered);
      if (!parsed) return;
      buffered = buffered.subarray(parsed.size);
      onFrame(parsed.opcode, parsed.payload);
    }
  });
}

function parseFrame(data: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = (data[0] ?? 0) & 0x0f;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  let length = (data[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }

  const maskLength = masked ? 4 : 0;
  if (data.length < offset + maskLength + length) return undefined;
  const mask = data.subarray(offset, offset + maskLength);
  const payload = Buffer.from(data.subarray(offset + maskLength, offset + maskLength + length));
  if (masked)
    for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, size: offset + maskLength + length };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

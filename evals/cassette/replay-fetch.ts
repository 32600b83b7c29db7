import type { CassetteInteraction } from './cassette-file.ts';
import {
  type CassetteMismatch,
  type CassetteScope,
  closestDifference,
  describeMismatch,
  summarizeRequest,
} from './cassette-mismatch.ts';
import { type CassetteRequest, readFetchRequest } from './read-fetch-request.ts';

/** The HTTP status a request the cassette does not hold is answered with. */
export const MISMATCH_STATUS = 400;

/**
 * A fetch that never touches the network: each request is answered with the next unused
 * recorded response to an equal request (equal by key), in recorded order. Any other
 * request is reported to `onMismatch` and answered with a 400 error that says so.
 */
export function createReplayFetch(options: {
  interactions: readonly CassetteInteraction[];
  onMismatch: (mismatch: CassetteMismatch) => void;
  /** The case run making the current call, to attribute a mismatch to. */
  scope?: () => CassetteScope | undefined;
}): typeof fetch {
  const queues = new Map<string, CassetteInteraction[]>();
  for (const interaction of options.interactions) {
    const queue = queues.get(interaction.key) ?? [];
    queue.push(interaction);
    queues.set(interaction.key, queue);
  }
  const recordedBodies = options.interactions.map((interaction) => interaction.request.body);

  const replayFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const scope = options.scope?.();
    const request = await readFetchRequest(input, init);
    init?.signal?.throwIfAborted();

    const next = queues.get(request.key)?.shift();
    if (next === undefined) {
      const mismatch = mismatchOf({ request, scope, recorded: queues.has(request.key) });
      options.onMismatch({
        ...mismatch,
        difference: closestDifference(request.body, recordedBodies),
      });
      return mismatchResponse(mismatch);
    }
    if (next.response === undefined) {
      throw new TypeError(
        `fetch failed: ${next.error ?? 'no response'} (replayed from a cassette)`,
      );
    }
    return replayedResponse(next.response);
  };
  return replayFetch as typeof fetch;
}

function mismatchOf(options: {
  request: CassetteRequest;
  scope: CassetteScope | undefined;
  recorded: boolean;
}): CassetteMismatch {
  const { request } = options;
  return {
    scope: options.scope,
    key: request.key,
    path: request.path,
    reason: options.recorded ? 'used_up' : 'not_recorded',
    request: summarizeRequest(request.body),
    difference: undefined,
  };
}

function mismatchResponse(mismatch: CassetteMismatch): Response {
  const message = `cassette mismatch: ${describeMismatch(mismatch)}`;
  return Response.json(
    { error: { message, type: 'cassette_mismatch', code: 'cassette_mismatch' } },
    { status: MISMATCH_STATUS },
  );
}

function replayedResponse(response: NonNullable<CassetteInteraction['response']>): Response {
  const init = { status: response.status, headers: response.headers };
  if (!response.interrupted) return new Response(response.body || null, init);

  const bytes = new TextEncoder().encode(response.body);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.error(new TypeError('terminated (the recorded connection dropped here)'));
    },
  });
  return new Response(body, init);
}

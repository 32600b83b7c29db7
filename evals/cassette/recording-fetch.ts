import type { CassetteInteraction } from './cassette-file.ts';
import { readFetchRequest } from './read-fetch-request.ts';

/** Response headers worth keeping: those that change how a client reads the response. */
const KEPT_HEADERS = ['content-type', 'retry-after', 'retry-after-ms', 'x-should-retry'];

/** A fetch that passes calls on and keeps every request and its response. */
export interface RecordingFetch {
  fetch: typeof fetch;
  /** The interactions in the order their requests were made, once every body has ended. */
  interactions(): Promise<CassetteInteraction[]>;
  /** The interactions that have ended (a whole response or an error), without waiting. */
  endedInteractions(): CassetteInteraction[];
}

/**
 * Wraps `fetch` so every call is recorded: the normalized request (no headers, so no
 * credentials) and the response's status, kept headers and whole body. A streamed body is
 * teed, so the caller still reads it as it arrives.
 */
export function createRecordingFetch(
  options: {
    fetch?: typeof fetch;
    /** Names the case run making the call, kept beside the interaction for readers. */
    madeFor?: () => string | undefined;
  } = {},
): RecordingFetch {
  const upstream = options.fetch ?? globalThis.fetch;
  const recorded: CassetteInteraction[] = [];
  const bodies: Promise<void>[] = [];

  const recordingFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const madeFor = options.madeFor?.();
    const { key, ...request } = await readFetchRequest(input, init);
    const interaction: CassetteInteraction = { key, ...(madeFor ? { madeFor } : {}), request };
    recorded.push(interaction);

    let response: Response;
    try {
      response = await upstream(input, init);
    } catch (error) {
      interaction.error = error instanceof Error ? error.message : String(error);
      throw error;
    }

    const { passOn, kept } = teeResponse(response);
    bodies.push(
      kept.then((body) => {
        interaction.response = { status: response.status, headers: keptHeaders(response), ...body };
      }),
    );
    return passOn;
  };

  return {
    fetch: recordingFetch as typeof fetch,
    endedInteractions: () =>
      recorded.filter((interaction) => interaction.response || interaction.error !== undefined),
    interactions: async () => {
      await Promise.all(bodies);
      return recorded;
    },
  };
}

/** The response to hand on, and its body read to the end (or to where it broke off). */
function teeResponse(response: Response): {
  passOn: Response;
  kept: Promise<{ body: string; interrupted?: true }>;
} {
  if (response.body === null) return { passOn: response, kept: Promise.resolve({ body: '' }) };

  const [forCaller, forCassette] = response.body.tee();
  const passOn = new Response(forCaller, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  return { passOn, kept: readToEnd(forCassette) };
}

async function readToEnd(
  stream: ReadableStream<Uint8Array>,
): Promise<{ body: string; interrupted?: true }> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let body = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
    return { body: body + decoder.decode() };
  } catch {
    return { body: body + decoder.decode(), interrupted: true };
  }
}

function keptHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/**
 * A cassette: the model requests of one eval run and the responses they got, saved as JSON
 * so the run can be replayed without the provider. Credentials are never part of it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../lib/errors.ts';
import { requestKey } from './normalize-request.ts';

/** The version of the cassette format this code writes and reads. */
export const CASSETTE_VERSION = 1 as const;

const requestSchema = z.object({
  method: z.string().min(1),
  /** The URL's path, for people reading the cassette; it is not matched. */
  path: z.string(),
  /** The normalized body (see normalize-request.ts); this is what is matched. */
  body: z.unknown(),
});

const responseSchema = z.object({
  status: z.number().int(),
  /** Only headers that change how a client reads the response (content type, retry delay). */
  headers: z.record(z.string(), z.string()),
  /** The whole body as text: JSON, or server-sent events for a streamed answer. */
  body: z.string(),
  /** True when the connection dropped before the body ended; replay drops it there too. */
  interrupted: z.boolean().optional(),
});

const interactionSchema = z.object({
  /** The request's match key; recomputed from the body when the cassette is loaded. */
  key: z.string(),
  /** Which case run made the request, e.g. `policy-lookup/pl-x run 1`; informative only. */
  madeFor: z.string().optional(),
  request: requestSchema,
  response: responseSchema.optional(),
  /** Why no response came (a lost connection, a timeout), when none did. */
  error: z.string().optional(),
});

/** One request of a run and what came back. */
export type CassetteInteraction = z.output<typeof interactionSchema>;

const metaSchema = z.object({
  /** When the run was recorded; replay pins the eval clock and the demo data to it. */
  recordedAt: z.iso.datetime(),
  /** The agent's model; null for the offline model. */
  model: z.string().nullable(),
  fallbackModel: z.string().nullable(),
  /** The judge's model, when the run was judged. */
  judgeModel: z.string().nullable(),
});

/** What a cassette says about the run it came from. */
export type CassetteMeta = z.output<typeof metaSchema>;

const cassetteSchema = metaSchema.extend({
  version: z.literal(CASSETTE_VERSION),
  interactions: z.array(interactionSchema),
});

/** A whole cassette file. */
export type Cassette = z.output<typeof cassetteSchema>;

/**
 * Reads a cassette. Throws an InputError `cassette_not_found` or `invalid_cassette` that
 * says how to get a good one.
 */
export async function loadCassette(file: string): Promise<Cassette> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({
      code: 'cassette_not_found',
      message: `Cannot read the cassette ${file}; check the path, or record one with --record.`,
      cause: error,
      details: { file },
    });
  }
  const cassette = parseCassette(text, file);
  const interactions = cassette.interactions.map((interaction) => ({
    ...interaction,
    key: requestKey(interaction.request),
  }));
  return { ...cassette, interactions };
}

/** Writes a cassette as indented JSON, interactions in the order they were made. */
export async function saveCassette(file: string, cassette: Cassette): Promise<void> {
  await writeFile(file, `${JSON.stringify(cassette, null, 2)}\n`, 'utf8');
}

function parseCassette(text: string, file: string): Cassette {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidCassette(file, 'it is not valid JSON', error);
  }
  const parsed = cassetteSchema.safeParse(value);
  if (parsed.success) return parsed.data;

  const [issue] = parsed.error.issues;
  const where = issue?.path.length ? issue.path.join('.') : '(file)';
  return invalidCassette(file, `${where} ${issue?.message ?? 'is malformed'}`, parsed.error);
}

function invalidCassette(file: string, problem: string, cause: unknown): never {
  throw new InputError({
    code: 'invalid_cassette',
    message:
      `The cassette ${file} is not one this version reads (${problem}); ` +
      'record it again with --record.',
    cause,
    details: { file },
  });
}

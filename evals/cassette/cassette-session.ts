import { AsyncLocalStorage } from 'node:async_hooks';
import {
  CASSETTE_VERSION,
  type CassetteMeta,
  loadCassette,
  saveCassette,
} from './cassette-file.ts';
import { type CassetteMismatch, type CassetteScope, isInScope } from './cassette-mismatch.ts';
import { createRecordingFetch } from './recording-fetch.ts';
import { createReplayFetch } from './replay-fetch.ts';

/** A run's model traffic going to or coming from a cassette file. */
export interface CassetteSession {
  mode: 'record' | 'replay';
  file: string;
  /** The recorded run's facts: given when recording, read from the file when replaying. */
  meta: CassetteMeta;
  /** The fetch the chat models of the run must use. */
  fetch: typeof fetch;
  /** Runs `work` with the model requests it makes attributed to `scope`. */
  within<T>(scope: CassetteScope, work: () => Promise<T>): Promise<T>;
  /** Requests a replay could not serve, all or those of the case runs matching `filter`. */
  mismatches(filter?: Partial<CassetteScope>): CassetteMismatch[];
  /**
   * Writes what was recorded; returns how many interactions. With `ended`, only the requests
   * whose response has ended, without waiting for those in flight (for an interrupted run).
   * Replay writes nothing.
   */
  save(options?: { ended?: boolean }): Promise<number>;
}

const REDACTED = '[redacted]';
/** Shorter "secrets" are not credentials; replacing them would garble the cassette. */
const MIN_SECRET_LENGTH = 8;

/**
 * Starts recording: every request through the session's fetch, and its response, is kept
 * and written to `file` on each `save()`, the whole recording so far every time. The values
 * of `secrets` (API keys) are blanked out.
 */
export function startRecording(options: {
  file: string;
  meta: CassetteMeta;
  secrets: readonly (string | undefined)[];
  fetch?: typeof fetch;
}): CassetteSession {
  const scopes = new AsyncLocalStorage<CassetteScope>();
  const recording = createRecordingFetch({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    madeFor: () => labelOf(scopes.getStore()),
  });

  return {
    mode: 'record',
    file: options.file,
    meta: options.meta,
    fetch: recording.fetch,
    within: (scope, work) => scopes.run(scope, work),
    mismatches: () => [],
    save: async (saving = {}) => {
      const interactions = saving.ended
        ? recording.endedInteractions()
        : await recording.interactions();
      const cassette = { version: CASSETTE_VERSION, ...options.meta, interactions };
      await saveCassette(options.file, redact(cassette, options.secrets));
      return interactions.length;
    },
  };
}

/**
 * Starts replaying `file`: the session's fetch serves the recorded responses and never
 * the network. Throws an InputError when the file is missing or not a cassette.
 */
export async function startReplay(options: { file: string }): Promise<CassetteSession> {
  const cassette = await loadCassette(options.file);
  const scopes = new AsyncLocalStorage<CassetteScope>();
  const found: CassetteMismatch[] = [];
  const { interactions, version: _version, ...meta } = cassette;

  return {
    mode: 'replay',
    file: options.file,
    meta,
    fetch: createReplayFetch({
      interactions,
      onMismatch: (mismatch) => found.push(mismatch),
      scope: () => scopes.getStore(),
    }),
    within: (scope, work) => scopes.run(scope, work),
    mismatches: (filter = {}) => found.filter((mismatch) => isInScope(mismatch, filter)),
    save: async () => 0,
  };
}

function labelOf(scope: CassetteScope | undefined): string | undefined {
  if (scope === undefined) return undefined;
  const part = scope.part === 'judge' ? ' judge' : scope.part > 1 ? ` attempt ${scope.part}` : '';
  return `${scope.suite}/${scope.caseId} run ${scope.repeat}${part}`;
}

/** The value with every occurrence of a secret replaced, whatever field it hides in. */
function redact<T>(value: T, secrets: readonly (string | undefined)[]): T {
  const kept = secrets.filter(
    (secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
  );
  if (kept.length === 0) return value;
  let text = JSON.stringify(value);
  for (const secret of kept) text = text.replaceAll(JSON.stringify(secret).slice(1, -1), REDACTED);
  return JSON.parse(text) as T;
}

import { InputError } from '../../lib/errors.ts';
import { DocumentBuilder } from './document-builder.ts';
import { emptyFileError } from './parse-errors.ts';
import { addParagraphs } from './parse-plain-text.ts';
import type { ParsedDocument, ParseProblem, ParseResult } from './parsed-document.ts';

/** The MIME type of JSONL files. */
export const JSONL_MIME_TYPE = 'application/jsonl';

/**
 * Parses JSONL, one record a line: `{"id", "title", "text", "metadata"?}`, each record one
 * document with `sourceId` = id and a section per paragraph of its text. Bad lines do not
 * stop the rest: they come back as problems naming the line. Blank lines are ignored.
 * A file in which no line is usable is rejected with `invalid_jsonl`.
 */
export function parseJsonl(options: { name: string; text: string }): ParseResult {
  const documents: ParsedDocument[] = [];
  const problems: ParseProblem[] = [];
  const seenIds = new Set<string>();

  options.text.split(/\r\n?|\n/).forEach((line, index) => {
    if (line.trim() === '') return;

    const record = readRecord(line, seenIds);
    if (typeof record === 'string') {
      problems.push({ line: index + 1, message: `line ${index + 1}: ${record}` });
      return;
    }
    if (record.sourceId !== undefined) seenIds.add(record.sourceId);
    documents.push(record);
  });

  if (documents.length === 0) {
    throw problems.length === 0
      ? emptyFileError(options.name)
      : invalidJsonlError(options.name, problems);
  }
  return { documents, problems };
}

/** The document of one line, or what is wrong with the line. */
function readRecord(line: string, seenIds: Set<string>): ParsedDocument | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected a JSON object with "id", "title" and "text"';
  }

  const record = value as Record<string, unknown>;
  const id = typeof record.id === 'number' ? String(record.id) : record.id;
  if (typeof id !== 'string' || id.trim() === '') return '"id" must be a non-empty string';
  if (seenIds.has(id)) return `"id" ${JSON.stringify(id)} appears on an earlier line`;
  if (record.title !== undefined && typeof record.title !== 'string') {
    return '"title" must be a string';
  }
  if (typeof record.text !== 'string') return '"text" must be a string';
  const metadata = record.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return '"metadata" must be a JSON object when present';
  }

  const builder = new DocumentBuilder();
  addParagraphs(builder, record.text);
  if (builder.isEmpty) return '"text" is empty';

  return builder.build({
    title: typeof record.title === 'string' && record.title.trim() !== '' ? record.title : id,
    mimeType: JSONL_MIME_TYPE,
    sourceId: id,
    metadata: metadata as Record<string, unknown>,
  });
}

function invalidJsonlError(name: string, problems: ParseProblem[]): InputError {
  const listed = problems
    .slice(0, 3)
    .map((problem) => problem.message)
    .join('; ');
  return new InputError({
    code: 'invalid_jsonl',
    message:
      `"${name}" has no usable JSONL record (${listed}); put one JSON object per line ` +
      'with string "id", "title" and "text"',
    details: { name, problems },
  });
}

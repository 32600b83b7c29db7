import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { DealwiseError } from '../lib/errors.ts';
import type { DocumentType, IngestContext } from './ingest-document.ts';
import { type FileAttributes, ingestUpload } from './ingest-upload.ts';
import type { ParseProblem } from './parse/parsed-document.ts';

/** What a batch ingestion did. */
export interface IngestSummary {
  files: number;
  documents: number;
  chunks: number;
  unchanged: number;
  failed: { file: string; code: string; message: string }[];
  problems: (ParseProblem & { file: string })[];
}

export interface IngestFilesOptions {
  /** Files and folders; folders are walked recursively, hidden entries skipped. */
  paths: string[];
  /** Attributes for every file; `type` is inferred from the folder when not given. */
  attributes: Omit<FileAttributes, 'type' | 'sourceId'> & { type?: DocumentType };
  /** Source ids are file paths relative to this folder. Default: the working directory. */
  root?: string;
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
}

const TYPE_BY_FOLDER: [RegExp, DocumentType][] = [
  [/(^|\/)playbooks?(\/|$)/i, 'playbook'],
  [/(^|\/)talk[-_ ]?tracks?(\/|$)/i, 'talk_track'],
  [/(^|\/)filings?(\/|$)/i, 'filing'],
  [/(^|\/)polic(y|ies)(\/|$)/i, 'policy'],
  [/(^|\/)faqs?(\/|$)/i, 'faq'],
];

/**
 * Ingests files and folders one file at a time. A file that fails gets its error in
 * the summary and the rest of the batch goes on.
 */
export async function ingestFiles(
  context: IngestContext,
  options: IngestFilesOptions,
): Promise<IngestSummary> {
  const root = options.root ?? process.cwd();
  const { files, missing } = await listFiles(options.paths);
  const summary: IngestSummary = {
    files: files.length,
    documents: 0,
    chunks: 0,
    unchanged: 0,
    failed: missing.map((path) => ({
      file: path,
      code: 'file_not_found',
      message: `"${path}" does not exist or cannot be read; check the path.`,
    })),
    problems: [],
  };

  for (const [index, file] of files.entries()) {
    const sourceId = sourceIdOf(root, file);
    try {
      const outcome = await ingestUpload(
        context,
        { name: file, bytes: await readFile(file) },
        {
          ...options.attributes,
          type: options.attributes.type ?? typeFromPath(sourceId),
          sourceId,
        },
      );
      for (const document of outcome.documents) {
        if (document.status === 'unchanged') summary.unchanged += 1;
        else {
          summary.documents += 1;
          summary.chunks += document.chunks;
        }
      }
      summary.problems.push(...outcome.problems.map((problem) => ({ ...problem, file: sourceId })));
    } catch (error) {
      if (!(error instanceof DealwiseError) || error.fault !== 'user') throw error;
      summary.failed.push({ file: sourceId, code: error.code, message: error.message });
    }
    options.onProgress?.({ done: index + 1, total: files.length, file: sourceId });
  }
  return summary;
}

/** A file's path relative to the root, or its absolute path when it lies outside. */
function sourceIdOf(root: string, file: string): string {
  const path = relative(root, file);
  return path.startsWith('..') ? resolve(file) : path.split(sep).join('/');
}

/** The document type a file's folder suggests, e.g. `playbooks/x.md` → playbook. */
export function typeFromPath(path: string): DocumentType {
  return TYPE_BY_FOLDER.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

async function listFiles(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) files.push(path);
    else if (info?.isDirectory()) files.push(...(await walk(path)));
    else missing.push(path);
  }
  return { files, missing };
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chunkDocument } from '../../knowledge/chunk.ts';
import { parseFile } from '../../knowledge/parse/parse-file.ts';
import { seededRandom } from '../../scoring/seeded-random.ts';

/** A chunk of the synthetic corpus, before it is embedded and stored. */
export interface SyntheticChunk {
  text: string;
  heading: string;
  audience: 'public' | 'internal' | 'account';
  /** Index of the account an `account` chunk belongs to. */
  accountIndex: number | null;
}

/** The sentences of the demo knowledge base, the material synthetic chunks are made of. */
export async function demoSentences(folder: string): Promise<string[]> {
  const sentences: string[] = [];
  for (const file of await listFiles(folder)) {
    const { documents } = await parseFile({ name: file, bytes: await readFile(file) });
    for (const document of documents) {
      for (const chunk of chunkDocument(document, { maxTokens: 60, overlapTokens: 0 })) {
        sentences.push(chunk.text);
      }
    }
  }
  return sentences;
}

/**
 * `count` chunks mixed from the demo sentences: a shuffled handful each, with a share
 * of audiences like a real tenant's (40% public, 40% internal, 20% for one of
 * `accounts` accounts).
 */
export function syntheticChunks(options: {
  sentences: string[];
  count: number;
  accounts: number;
  seed: number;
}): SyntheticChunk[] {
  const random = seededRandom(options.seed);
  const pick = () => options.sentences[Math.floor(random() * options.sentences.length)] as string;
  const chunks: SyntheticChunk[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const roll = random();
    const audience = roll < 0.4 ? 'public' : roll < 0.8 ? 'internal' : 'account';
    chunks.push({
      text: [pick(), pick(), pick()].join('\n'),
      heading: `Section ${index % 97}`,
      audience,
      accountIndex: audience === 'account' ? Math.floor(random() * options.accounts) : null,
    });
  }
  return chunks;
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

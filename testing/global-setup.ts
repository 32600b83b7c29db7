import type { TestProject } from 'vitest/node';
import { buildTemplates } from './templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplates: import('./templates.ts').TestTemplates;
  }
}

/** Builds the migrated and the seeded template databases once for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { templates, teardown } = await buildTemplates(process.env.DATABASE_URL || undefined);
  project.provide('testTemplates', templates);
  return teardown;
}

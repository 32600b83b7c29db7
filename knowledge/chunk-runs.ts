import type { ParsedDocument, ParsedSection } from './parse/parsed-document.ts';

/** Consecutive sections that may share a chunk: same kind, heading and page. */
export interface SectionRun {
  kind: ParsedSection['kind'];
  heading?: string;
  page?: number;
  sections: ParsedSection[];
}

/**
 * Groups a document's sections into runs that chunks never cross: a run ends where the
 * kind, heading or page changes, or where text outside any section (a heading line, a
 * sheet name) lies between two sections.
 */
export function sectionRuns(document: ParsedDocument): SectionRun[] {
  const runs: SectionRun[] = [];
  let previous: ParsedSection | undefined;
  for (const section of document.sections) {
    const run = runs.at(-1);
    if (run && previous && continuesRun(document.text, previous, section)) {
      run.sections.push(section);
    } else {
      runs.push(newRun(section));
    }
    previous = section;
  }
  return runs;
}

function continuesRun(text: string, previous: ParsedSection, section: ParsedSection): boolean {
  return (
    previous.kind === section.kind &&
    previous.heading === section.heading &&
    previous.page === section.page &&
    text.slice(previous.end, section.start).trim() === ''
  );
}

function newRun(section: ParsedSection): SectionRun {
  const run: SectionRun = { kind: section.kind, sections: [section] };
  if (section.heading !== undefined) run.heading = section.heading;
  if (section.page !== undefined) run.page = section.page;
  return run;
}

import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { addFlattened } from '../events/jsonFields';

/** One labelled case of test/corpus/*.jsonl (format: test/corpus/README.md). */
export interface CorpusCase {
  id: string;
  label: 'positive' | 'noise';
  category: string;
  source: string;
  note: string;
  /** Advisory: the tool/activity a correct detector reports. */
  expect?: { tool?: string; activity?: string };
  /** The event as Splunk extracts it (values as strings; nested JSON flattened to `a.b` names). */
  event: Record<string, string>;
}

/** A corpus line that is not a valid case. */
export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'CorpusError';
  }
}

/**
 * The event's fields as Splunk extracts them: top-level values as they are (an array is a
 * multivalue field, values joined by newlines); nested objects (the `properties` of an Entra
 * sign-in) flattened to dotted names as Splunk's JSON extraction does (jsonFields.ts).
 */
function stringFields(event: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) out[key] = value.map(String).join('\n');
    else if (typeof value === 'object') addFlattened(out, key, value);
    else out[key] = String(value);
  }
  return out;
}

/**
 * Reads every `*.jsonl` file of a corpus folder, in file-name order (synchronously: the corpus is
 * small, and jest needs the case list when it collects tests).
 * @throws CorpusError naming the file and line of a line that is not JSON or lacks id/label/category/event
 */
export function readCorpus(folder: string): CorpusCase[] {
  const files = readdirSync(folder).filter((f) => f.endsWith('.jsonl')).sort();
  const cases: CorpusCase[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(folder, file), 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(text) as Record<string, unknown>;
      } catch (error) {
        throw new CorpusError(file, i + 1, `not JSON: ${(error as Error).message}`);
      }
      const { id, label, category, event } = value;
      if (typeof id !== 'string' || (label !== 'positive' && label !== 'noise') || typeof category !== 'string' || !event || typeof event !== 'object') {
        throw new CorpusError(file, i + 1, 'needs id, label (positive|noise), category and event');
      }
      cases.push({
        id,
        label,
        category,
        source: String(value.source ?? ''),
        note: String(value.note ?? ''),
        expect: (value.expect as CorpusCase['expect']) ?? undefined,
        event: stringFields(event as Record<string, unknown>),
      });
    });
  }
  return cases;
}

import { readFileSync } from 'fs';
import { caseWhere, readCorpusCases } from './corpusCases';
import { appNameProblem, labIndexProblem } from './splunkNames';

/**
 * The replay manifest: what each detection must do with the replayed data (in the spirit of
 * splunk/security_content's detection tests: known-bad must alert, known-benign must stay quiet).
 *
 *     {
 *       "app": "idetunnel",
 *       "index": "idetunnel_lab",
 *       "data": [{ "file": "test/fixtures/demo/sysmon-demo.xmlwineventlog.log", "note": "..." }],
 *       "detections": [{
 *         "name": "IDE Tunnel - Scored Process Detection - Rule",
 *         "alert": [{ "case": "seed scenario 1", "where": { "dest": "DEV-WS-031*", "process": "*tunnel --accept*" } }],
 *         "quiet": [{ "case": "code tunnel status", "where": { "process": "*tunnel status*" } }]
 *       }]
 *     }
 *
 * `corpus` (optional) names labelled corpus files (test/corpus/README.md) and the detection each is
 * run against: every `positive` case becomes an alert case, every `noise` case a quiet case of that
 * detection, identified by {@link caseWhere}:
 *
 *       "corpus": [{ "file": "test/corpus/positives-linux.jsonl", "detection": "IDE Tunnel - Scored Process Detection - Rule", "eventcodes": ["1"] }]
 *
 * A case matches a result row when every `where` field matches (Splunk-style `*` wildcards,
 * case-insensitive; a multivalue field matches when any value does). An `alert` case passes when at
 * least one row of the detection's results matches, a `quiet` case when none does.
 */
export interface ReplayManifest {
  /** The app the detections are in (a Splunk app name; it goes into the REST filter `eai:acl.app=<app>`). */
  app?: string;
  /**
   * The dedicated lab index the data is replayed to (a Splunk index name, never main): `replay
   * --manifest` sends there unless `--index` says otherwise, and `validate --cleanup` deletes from
   * no other.
   */
  index?: string;
  /** The files to replay (paths relative to the manifest's folder or absolute). */
  data: { file: string; note?: string }[];
  detections: ManifestDetection[];
  /** Corpus files and the detection their cases are checked against (paths relative to the current folder). */
  corpus: ManifestCorpus[];
}

/** Corpus cases of one file checked against one detection; `eventcodes` keeps only cases with those EventCodes. */
export interface ManifestCorpus {
  file: string;
  detection: string;
  eventcodes?: string[];
}

export interface ManifestDetection {
  /** Saved search name as in savedsearches.conf. */
  name: string;
  alert: ManifestCase[];
  quiet: ManifestCase[];
}

export interface ManifestCase {
  case: string;
  where: Record<string, string>;
}

/** A manifest that does not have the shape above; says where. */
export class ManifestError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ManifestError';
  }
}

/** Reads and checks a manifest. @throws ManifestError naming the offending entry */
export function readManifest(file: string): ReplayManifest {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(file, `not readable JSON: ${(error as Error).message}`);
  }
  const m = value as Partial<ReplayManifest>;
  if (!m || typeof m !== 'object' || !Array.isArray(m.detections)) throw new ManifestError(file, '"detections" must be an array');
  const data = Array.isArray(m.data) ? m.data : [];
  for (const [i, d] of data.entries()) {
    if (!d || typeof d.file !== 'string') throw new ManifestError(file, `data[${i}].file must be a string`);
  }
  m.detections.forEach((d, i) => {
    if (!d || typeof d.name !== 'string' || d.name === '') throw new ManifestError(file, `detections[${i}].name must be a non-empty string`);
    for (const kind of ['alert', 'quiet'] as const) {
      const cases = d[kind] ?? [];
      if (!Array.isArray(cases)) throw new ManifestError(file, `detections[${i}].${kind} must be an array`);
      cases.forEach((c, j) => {
        const where = c?.where;
        const ok = c && typeof c.case === 'string' && where && typeof where === 'object' && Object.values(where).every((v) => typeof v === 'string');
        if (!ok || Object.keys(where).length === 0) {
          throw new ManifestError(file, `detections[${i}].${kind}[${j}] needs "case" (text) and a non-empty "where" (field -> pattern)`);
        }
      });
      d[kind] = cases;
    }
  });
  if (m.app !== undefined) {
    const problem = typeof m.app === 'string' ? appNameProblem(m.app, '"app"') : '"app" must be a string';
    if (problem) throw new ManifestError(file, problem);
  }
  if (m.index !== undefined) {
    const problem = typeof m.index === 'string' ? labIndexProblem(m.index, '"index"') : '"index" must be a string';
    if (problem) throw new ManifestError(file, problem);
  }
  const corpus = Array.isArray(m.corpus) ? m.corpus : [];
  corpus.forEach((c, i) => {
    if (!c || typeof c.file !== 'string' || typeof c.detection !== 'string') throw new ManifestError(file, `corpus[${i}] needs "file" and "detection"`);
    if (c.eventcodes !== undefined && !(Array.isArray(c.eventcodes) && c.eventcodes.every((e) => typeof e === 'string'))) {
      throw new ManifestError(file, `corpus[${i}].eventcodes must be a list of strings`);
    }
  });
  return { app: m.app, index: m.index, data, detections: m.detections, corpus };
}

/**
 * Splunk-style wildcard match: `*` is any run of characters (line breaks included), case-insensitive
 * (per character, as a RegExp `i` flag), whole value. Glob matching that backtracks only to the last
 * `*`: at most pattern x value steps. (A RegExp `^a.*b.*c$` built from the pattern backtracked
 * polynomially in the number of `*` on long values; test/hardening/patterns.)
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (p < pattern.length && sameLetter(pattern[p], value[v])) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function sameLetter(a: string, b: string): boolean {
  return a === b || a.toUpperCase() === b.toUpperCase();
}

/** True when the result row satisfies every `where` condition (multivalue: any value). */
export function rowMatches(row: Record<string, unknown>, where: Record<string, string>): boolean {
  return Object.entries(where).every(([field, pattern]) => {
    const value = row[field];
    const values = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
    return values.some((v) => wildcardMatch(pattern, v));
  });
}

/**
 * The manifest's detections with the corpus cases added (positive -> alert, noise -> quiet); a
 * detection named only in `corpus` is added. Case names are the corpus ids. Cases whose fields
 * {@link caseWhere} cannot identify are returned in `skipped`.
 * @throws InputError from a corpus file that is not valid
 */
export async function withCorpusCases(manifest: ReplayManifest): Promise<{ detections: ManifestDetection[]; skipped: string[] }> {
  const detections = manifest.detections.map((d) => ({ ...d, alert: [...d.alert], quiet: [...d.quiet] }));
  const skipped: string[] = [];
  for (const entry of manifest.corpus) {
    let detection = detections.find((d) => d.name === entry.detection);
    if (!detection) detections.push((detection = { name: entry.detection, alert: [], quiet: [] }));
    for await (const c of readCorpusCases(entry.file)) {
      if (entry.eventcodes && !entry.eventcodes.includes(c.event.EventCode ?? '')) continue;
      const where = caseWhere(c);
      if (!where) skipped.push(c.id);
      else (c.label === 'positive' ? detection.alert : detection.quiet).push({ case: c.id, where });
    }
  }
  return { detections, skipped };
}

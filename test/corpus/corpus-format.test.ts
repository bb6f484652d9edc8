/**
 * Format checks for the labelled corpus in test/corpus/*.jsonl (see test/corpus/README.md).
 * They prove the files are usable by `npm run eval`: every line parses, carries the required
 * keys, ids are unique, labels and categories agree, sources are cited, events carry the fields
 * the command reads, and the committed files are exactly what scripts/make-corpus.mjs writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStringPromise } from 'xml2js';

const CORPUS_DIR = __dirname;
const REPO_ROOT = join(__dirname, '..', '..');
const LABELS = new Set(['positive', 'noise']);
const TOOLS = new Set(['vscode', 'vscode-insiders', 'vscodium', 'cursor', 'devtunnel', 'jetbrains', '']);
const ACTIVITIES = new Set(['tunnel-host', 'serve-web', 'service-install', 'service-run', 'login', 'housekeeping', 'dns', 'network', 'persistence', 'file-artefact', 'attempt', 'tunnel-session', 'agent-host']);
/** Fields that identify what an event is about, per EventCode (Sysmon / Security / System names). */
const KEY_FIELDS: Record<string, string[]> = {
  '1': ['Image', 'CommandLine', 'ParentImage', 'User'],
  '3': ['Image', 'DestinationHostname'],
  '11': ['Image', 'TargetFilename'],
  '13': ['Image', 'TargetObject', 'Details'],
  '22': ['Image', 'QueryName'],
  '4698': ['TaskName', 'TaskContent'],
  '4697': ['ServiceName', 'ServiceFileName'],
  '7045': ['ServiceName', 'ImagePath'],
};
const CIM_FIELDS = ['process', 'Processes.process', 'query', 'file_path', 'url', 'Web.url'];
/**
 * Identity-plane events carry no EventCode: their sourcetype says what they are (Entra ID sign-ins
 * from the Splunk Add-on for Microsoft Cloud Services, GitHub audit events from the Splunk Add-on for
 * GitHub); these are the (dotted, nested) fields each must have.
 */
const IDENTITY_KEY_FIELDS: Record<string, string[]> = {
  'azure:monitor:aad': ['category', 'properties.userPrincipalName', 'properties.appId', 'properties.resourceDisplayName', 'properties.authenticationProtocol', 'properties.status.errorCode'],
  'github:cloud:audit': ['action', 'actor'],
};
const SIGN_IN_CATEGORIES = new Set(['SignInLogs', 'NonInteractiveUserSignInLogs']);

/** A nested member by dotted path (`properties.status.errorCode`), undefined when absent. */
function member(event: Record<string, unknown>, dotted: string): unknown {
  let node: unknown = event;
  for (const key of dotted.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

interface CorpusCase {
  id: string;
  label: string;
  category: string;
  source: string;
  note: string;
  expect?: { tool?: string; activity?: string };
  event: Record<string, unknown>;
}

interface Line {
  file: string;
  line: number;
  value: unknown;
}

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
}

function readLines(dir: string): Line[] {
  const out: Line[] = [];
  for (const file of corpusFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON: ${(e as Error).message}`);
      }
      out.push({ file, line: i + 1, value });
    });
  }
  return out;
}

function isCase(v: unknown): v is CorpusCase {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return ['id', 'label', 'category', 'source', 'note'].every((k) => typeof o[k] === 'string') && typeof o.event === 'object' && o.event !== null;
}

/** Decode the five predefined XML entities (TaskContent may arrive still escaped). */
function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const lines = readLines(CORPUS_DIR);
const cases = lines.map((l) => l.value).filter(isCase);

describe('labelled corpus format', () => {
  it('has corpus files with cases of both labels', () => {
    expect(corpusFiles(CORPUS_DIR).length).toBeGreaterThan(0);
    expect(cases.some((c) => c.label === 'positive')).toBe(true);
    expect(cases.some((c) => c.label === 'noise')).toBe(true);
  });

  it('every line is an object with id, label, category, source, note and event', () => {
    const bad = lines.filter((l) => !isCase(l.value)).map((l) => `${l.file}:${l.line}`);
    expect(bad).toEqual([]);
  });

  it('ids are unique across all files', () => {
    const seen = new Map<string, number>();
    for (const c of cases) seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  it('labels are positive or noise and agree with the category prefix and file name', () => {
    const bad = lines
      .filter((l) => isCase(l.value))
      .filter((l) => {
        const c = l.value as CorpusCase;
        const prefix = c.label === 'positive' ? 'positives-' : 'noise-';
        return !LABELS.has(c.label) || !c.category.startsWith(prefix) || l.file !== `${c.category}.jsonl`;
      })
      .map((l) => `${l.file}:${l.line}`);
    expect(bad).toEqual([]);
  });

  it('every case cites a non-empty source and explains its label in a note', () => {
    const bad = cases.filter((c) => c.source.trim().length < 5 || c.note.trim().length < 10).map((c) => c.id);
    expect(bad).toEqual([]);
  });

  it('expect, when present, names a known tool and activity', () => {
    const bad = cases
      .filter((c) => c.expect !== undefined)
      .filter((c) => (c.expect?.tool !== undefined && !TOOLS.has(c.expect.tool)) || (c.expect?.activity !== undefined && !ACTIVITIES.has(c.expect.activity)))
      .map((c) => c.id);
    expect(bad).toEqual([]);
  });

  it('every event has a parseable _time and the key fields of its EventCode (or CIM names, or its identity sourcetype)', () => {
    const bad: string[] = [];
    for (const c of cases) {
      const e = c.event;
      if (typeof e._time !== 'string' || Number.isNaN(Date.parse(e._time))) bad.push(`${c.id}: _time`);
      const code = typeof e.EventCode === 'string' ? e.EventCode : undefined;
      const needed = code === undefined ? undefined : KEY_FIELDS[code];
      if (code !== undefined && needed === undefined) bad.push(`${c.id}: unknown EventCode ${code}`);
      if (needed) for (const f of needed) if (typeof e[f] !== 'string' || (e[f] as string) === '') bad.push(`${c.id}: ${f}`);
      const identity = typeof e.sourcetype === 'string' ? IDENTITY_KEY_FIELDS[e.sourcetype] : undefined;
      if (identity) {
        for (const f of identity) if (member(e, f) === undefined) bad.push(`${c.id}: ${f}`);
        if (e.sourcetype === 'azure:monitor:aad' && !SIGN_IN_CATEGORIES.has(e.category as string)) bad.push(`${c.id}: category ${String(e.category)}`);
      } else if (code === undefined && !CIM_FIELDS.some((f) => typeof e[f] === 'string')) bad.push(`${c.id}: neither EventCode nor a CIM field`);
    }
    expect(bad).toEqual([]);
  });

  it('4698 TaskContent is task XML (plain or entity-escaped) with an Exec Command', async () => {
    const tasks = cases.filter((c) => c.event.EventCode === '4698');
    expect(tasks.length).toBeGreaterThan(0);
    for (const c of tasks) {
      const raw = c.event.TaskContent as string;
      const xml = raw.startsWith('&lt;') ? decodeEntities(raw) : raw;
      const doc = await parseStringPromise(xml);
      const command = doc?.Task?.Actions?.[0]?.Exec?.[0]?.Command?.[0];
      expect(typeof command).toBe('string');
    }
  });

  it('has at least 50 positives and 70 noise cases', () => {
    expect(cases.filter((c) => c.label === 'positive').length).toBeGreaterThanOrEqual(50);
    expect(cases.filter((c) => c.label === 'noise').length).toBeGreaterThanOrEqual(70);
  });

  it('the committed files are exactly what scripts/make-corpus.mjs generates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idetunnel-corpus-'));
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'make-corpus.mjs'), '--out', dir], { stdio: 'pipe' });
      expect(corpusFiles(dir)).toEqual(corpusFiles(CORPUS_DIR));
      for (const f of corpusFiles(dir)) {
        expect(readFileSync(join(CORPUS_DIR, f), 'utf8')).toBe(readFileSync(join(dir, f), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** manifest.ts: reading the replay manifest and matching result rows. */
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { expandMacros } from '../../src/appconf/macros';
import { readAppContent } from '../../src/lab/appContent';
import { ManifestError, readManifest, rowMatches, wildcardMatch, withCorpusCases } from '../../src/lab/manifest';

const REPO_MANIFEST = path.join(__dirname, 'replay-manifest.json');

describe('wildcards and rows', () => {
  test('* matches any run, case-insensitive, whole value; regex characters are literal', () => {
    expect(wildcardMatch('DEV-WS-031*', 'dev-ws-031.corp.example.com')).toBe(true);
    expect(wildcardMatch('*tunnel status*', 'code-tunnel.exe tunnel status')).toBe(true);
    expect(wildcardMatch('code.exe', 'codeXexe')).toBe(false);
    expect(wildcardMatch('a', 'ab')).toBe(false);
  });

  test('every condition must hold; a multivalue field matches when one value does; a missing field never matches', () => {
    const row = { dest: 'FIN-LT-007', query: ['a.example', 'x.devtunnels.ms'] };
    expect(rowMatches(row, { dest: 'FIN*', query: '*.devtunnels.ms' })).toBe(true);
    expect(rowMatches(row, { dest: 'DEV*', query: '*.devtunnels.ms' })).toBe(false);
    expect(rowMatches(row, { user: '*' })).toBe(false);
  });
});

describe('readManifest', () => {
  const write = (value: unknown) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'manifest-')), 'm.json');
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  test('names the entry that is wrong', () => {
    expect(() => readManifest(write({ detections: [{ name: 'x', alert: [{ case: 'c', where: {} }] }] }))).toThrow(/detections\[0\]\.alert\[0\] needs "case"/);
    expect(() => readManifest(write({}))).toThrow(ManifestError);
  });

  test('the repository manifest is valid and names only files that exist', () => {
    const manifest = readManifest(REPO_MANIFEST);
    expect(manifest.detections.length).toBeGreaterThan(0);
    const root = path.resolve(__dirname, '..', '..');
    for (const d of manifest.data) expect(existsSync(path.join(root, d.file))).toBe(true);
  });
});

describe('the repository manifest against the shipped app content', () => {
  const root = path.resolve(__dirname, '..', '..');
  const content = readAppContent(root);
  const manifest = readManifest(REPO_MANIFEST);

  test('every detection it names is a saved search in default/savedsearches.conf', () => {
    const names = [...manifest.detections.map((d) => d.name), ...manifest.corpus.map((c) => c.detection)];
    for (const name of names) expect({ name, shipped: content.savedSearches.has(name) }).toEqual({ name, shipped: true });
  });

  test('every field its cases (corpus cases included) match on is named in that detection\'s search, macros expanded', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    const { detections } = await withCorpusCases(manifest).finally(() => process.chdir(cwd));
    const fields = new Map<string, Set<string>>();
    for (const d of detections) fields.set(d.name, new Set([...d.alert, ...d.quiet].flatMap((c) => Object.keys(c.where))));
    expect([...(fields.get('IDE Tunnel - Persistence Detection - Rule') ?? [])].sort()).toEqual(['EventCode', 'ServiceName', 'TaskName', 'dest', 'process', 'registry_path']);
    for (const [name, wanted] of fields) {
      const spl = expandMacros(content.savedSearches.get(name) as string, content.macros);
      for (const field of wanted) expect({ name, field, named: new RegExp(`\\b${field}\\b`).test(spl) }).toEqual({ name, field, named: true });
    }
  });
});

/** manifest.ts: reading the replay manifest and matching result rows. */
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ManifestError, readManifest, rowMatches, wildcardMatch } from '../../src/lab/manifest';

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

/* eslint-disable no-control-regex -- the tests look for ANSI escapes and NUL bytes in the output */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import { chmodSync, closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { describeWithShared, sharedPath } from '../helpers/shared';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
const INJECT = path.resolve(__dirname, 'fixtures', 'injectReadError.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'idetunnel-bad-'));
chmodSync(dir, 0o755);

function cli(args: string[], extra: SpawnSyncOptions & { node?: string[]; cli?: string } = {}) {
  const run = spawnSync(process.execPath, [...(extra.node ?? []), extra.cli ?? CLI, ...args], {
    encoding: 'utf8', timeout: 60000, env: { PATH: process.env.PATH, ...(extra.env ?? {}) }, uid: extra.uid, gid: extra.gid,
  });
  return { status: run.status, stdout: String(run.stdout), stderr: String(run.stderr) };
}
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A Sysmon EID 1 event of the tunnel scenario (synthetic, after the seed's scenario 1). */
const EVENT =
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID>" +
  "<TimeCreated SystemTime='2026-11-17T10:14:07.331Z'/><Computer>DEV-WS-031</Computer></System><EventData>" +
  "<Data Name='Image'>C:\\Users\\dave\\AppData\\Local\\Temp\\vscode-cli\\code.exe</Data>" +
  "<Data Name='CommandLine'>code.exe tunnel --accept-server-license-terms --name x</Data></EventData></Event>";

describe('idetunnel score on files that are not what it reads: message and exit status', () => {
  it('reads a UTF-16 wevtutil XML export (Windows PowerShell 5.1 `>`), with and without a BOM', () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>\r\n${EVENT}\r\n</Events>\r\n`;
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.from(text, 'utf16le')]) {
      const run = cli(['score', '--format', 'json', '-q', file(`wevtutil-${bytes.length}.xml`, bytes)]);
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ide_tunnel_tool: 'vscode', ide_tunnel_activity: 'tunnel-host', host: 'DEV-WS-031' });
    }
  });

  const sparse = path.join(dir, 'sparse.log');
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, 1024 * 1024 * 1024);
  closeSync(fd);
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'), Buffer.from('tEXtComment\0hunter2')]);

  it.each([
    ['a file of NUL bytes', () => file('nul.log', Buffer.alloc(100000)), /not an event file: binary data/],
    ['a 1 GB sparse file (refused after reading 64 KiB)', () => sparse, /not an event file: binary data \(65536 control/],
    ['a PNG', () => file('shot.png', png), /not an event file: binary data/],
    ['source code', () => file('notes.txt', 'function f() {\n  return 1;\n}\n'), /not an event file: the text is not XML, JSON or CSV/],
    ['an empty file', () => file('empty.log', ''), /the file is empty/],
  ])('%s: "not an event file", exit 2, no bytes echoed', (_name, make, problem) => {
    const p = make();
    const started = Date.now();
    const run = cli(['score', p]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(problem);
    expect(run.stderr.startsWith(`idetunnel: bad input: ${p}`)).toBe(true);
    expect(run.stderr).not.toMatch(/PNG|IHDR|tEXt|hunter2|\u0000|\uFFFD/);
    expect(run.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(30000); // a bound that catches reading the whole gigabyte
  });

  it('an empty folder: exit 2 naming it', () => {
    const empty = path.join(dir, 'empty-folder');
    mkdirSync(empty);
    const run = cli(['score', empty]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`idetunnel: bad input: ${empty}: no event files in this folder (looked for .log .xml .json .jsonl .ndjson .csv .txt .evtx below it)\n`);
  });

  it('every file is checked before any is scored: a bad file after a good one stops the run with no output', () => {
    const good = file('good.log', EVENT + '\n');
    const run = cli(['score', good, file('zz.log', Buffer.alloc(10))]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  });

  it('an unreadable folder or file (error injected: CI runs as root): the path and the OS error, exit 2', () => {
    const folder = path.join(dir, 'locked');
    mkdirSync(folder);
    const inside = path.join(folder, 'a.log');
    writeFileSync(inside, EVENT + '\n');
    const folderRun = cli(['score', folder], { node: ['--require', INJECT], env: { IDETUNNEL_TEST_EACCES: folder } });
    expect(folderRun.stderr).toBe(`idetunnel: bad input: ${folder}: cannot open: EACCES: permission denied, stat '${folder}'\n`);
    expect(folderRun.status).toBe(2);
    const fileRun = cli(['score', inside], { node: ['--require', INJECT], env: { IDETUNNEL_TEST_EACCES: inside } });
    expect(fileRun.status).toBe(2);
    expect(fileRun.stderr).toMatch(new RegExp(`^idetunnel: bad input: ${inside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot open: EACCES: permission denied`));
  });

  it('an unreadable folder for a process without privileges (uid nobody when run as root, else the test user)', () => {
    const folder = path.join(dir, 'no-access');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.log'), EVENT + '\n');
    chmodSync(folder, 0o000);
    const asRoot = process.getuid?.() === 0;
    // The bundle is copied beside the data so that nobody can read it wherever the checkout is.
    const bundle = path.join(dir, 'idetunnel.js');
    copyFileSync(CLI, bundle);
    chmodSync(bundle, 0o644);
    const run = cli(['score', path.join(folder, 'a.log')], asRoot ? { uid: 65534, gid: 65534, cli: bundle } : { cli: bundle });
    chmodSync(folder, 0o755);
    expect(run.stderr).toMatch(/^idetunnel: bad input: .*a\.log: cannot open: EACCES: permission denied/);
    expect(run.status).toBe(2);
  });

  it('JSON events without any field the detection reads: a warning about the files, not Splunk advice', () => {
    const run = cli(['score', file('other.jsonl', '{"EventID":4624,"TargetUserName":"bob"}\n')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: none of these events has a field the detection reads/);
    expect(run.stderr).not.toMatch(/add-on|raw=true|search head/i);
  });
});

describeWithShared('idetunnel score on .evtx files from ../shared/data', () => {
  it('recognises the ElfFile signature and says how to export the file, exit 2', () => {
    const folder = sharedPath('data', 'evtx-attack-samples', 'evtx');
    const sub = readdirSync(folder, { withFileTypes: true }).find((e) => e.isDirectory())!.name;
    const evtx = path.join(folder, sub, readdirSync(path.join(folder, sub)).find((n) => n.endsWith('.evtx'))!);
    const run = cli(['score', evtx]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`idetunnel: bad input: ${evtx}:1: not an event file: a binary Windows event log (.evtx) is not read directly`);
    expect(run.stderr).toContain('wevtutil qe FILE.evtx /lf:true /f:xml');
  });
});

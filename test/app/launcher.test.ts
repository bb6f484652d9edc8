/**
 * The Linux launcher (app/linux_x86_64/bin/idetunnelscore.sh) run for real against the built
 * command: which Node.js it picks ([node] path in local/ over default/ idetunnel.conf, then PATH),
 * and the protocol v2 ERROR reply it gives splunkd itself when no Node.js 18+ is usable.
 * Each case builds an app folder in a temp dir (launcher, confs, bin/idetunnelscore.js) and a PATH
 * that holds only the tools the launcher needs, plus `node` when the case wants one.
 */
import { chmodSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execFileSync, spawnSync } from 'child_process';
import { ChunkReader } from '../../src/protocol/chunkReader';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { CommandClient, errorMessages } from '../../src/protocol/client';
import { REPO_ROOT } from './support/appPackage';
import { SAMPLE_EVENTS } from './support/sampleEvents';


/** Tools the launcher calls besides shell built-ins. */
const TOOLS = ['dirname', 'awk', 'sed', 'dd', 'wc', 'tr'];

let work: string;
let toolsDir: string;
let caseNo = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'idetunnel-launcher-'));
  toolsDir = join(work, 'tools');
  mkdirSync(toolsDir);
  for (const tool of TOOLS) {
    const path = execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    symlinkSync(path, join(toolsDir, tool));
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh app folder with the launcher, default/idetunnel.conf and the built command. */
function makeApp(): { appDir: string; launcher: string } {
  const appDir = join(work, `case${++caseNo}`, 'idetunnel');
  mkdirSync(join(appDir, 'linux_x86_64', 'bin'), { recursive: true });
  mkdirSync(join(appDir, 'default'), { recursive: true });
  mkdirSync(join(appDir, 'bin'), { recursive: true });
  const launcher = join(appDir, 'linux_x86_64', 'bin', 'idetunnelscore.sh');
  copyFileSync(join(REPO_ROOT, 'app', 'linux_x86_64', 'bin', 'idetunnelscore.sh'), launcher);
  chmodSync(launcher, 0o755);
  copyFileSync(join(REPO_ROOT, 'default', 'idetunnel.conf'), join(appDir, 'default', 'idetunnel.conf'));
  copyFileSync(join(REPO_ROOT, 'bin', 'idetunnelscore.js'), join(appDir, 'bin', 'idetunnelscore.js'));
  return { appDir, launcher };
}

/** A folder holding one executable `node` (a symlink to `target`, or a script with `script` as body). */
function nodeDir(name: string, content: { target: string } | { script: string }): string {
  const dir = join(work, `node-${name}`);
  mkdirSync(dir);
  const node = join(dir, 'node');
  if ('target' in content) symlinkSync(content.target, node);
  else {
    writeFileSync(node, content.script);
    chmodSync(node, 0o755);
  }
  return dir;
}

function writeLocalConf(appDir: string, text: string): void {
  mkdirSync(join(appDir, 'local'), { recursive: true });
  writeFileSync(join(appDir, 'local', 'idetunnel.conf'), text);
}

const env = (...pathDirs: string[]): NodeJS.ProcessEnv => ({ PATH: [...pathDirs, toolsDir].join(':'), LANG: 'C' });

/** Runs a whole session and returns the RiskScore column, proving the real command answered. */
async function runSession(client: CommandClient): Promise<string[]> {
  try {
    const info = await client.getinfo([]);
    expect(errorMessages(info)).toEqual([]);
    const reply = await client.execute(SAMPLE_EVENTS, true);
    expect(await client.close()).toBe(0);
    const risk = reply.table.header.indexOf('RiskScore');
    return reply.table.rows.map((row) => row[risk]);
  } finally {
    client.kill();
  }
}

/** Expects the launcher's own ERROR reply to getinfo and exit status 1; returns the message. */
async function expectLauncherError(client: CommandClient): Promise<string> {
  try {
    const info = await client.getinfo(['threshold=60']);
    const errors = errorMessages(info);
    expect(errors).toHaveLength(1);
    expect(info.type).toBe('stateful');
    expect(await client.close()).toBe(1);
    expect(client.stderr).toContain(errors[0]);
    return errors[0];
  } finally {
    client.kill();
  }
}

describe('Linux launcher', () => {
  test('runs the command with the node found on PATH and passes command.arg values through', async () => {
    const { launcher } = makeApp();
    const client = CommandClient.spawn(launcher, { argv: ['--max-chunk-bytes=1048576'], env: env(nodeDir('path-ok', { target: process.execPath })) });
    expect((await runSession(client)).length).toBe(SAMPLE_EVENTS.rows.length);
  });

  test('a bad command.arg reaches the command, which reports it (the launcher passes arguments unchanged)', async () => {
    const { launcher } = makeApp();
    const client = CommandClient.spawn(launcher, { argv: ['--bogus'], env: env(nodeDir('path-args', { target: process.execPath })) });
    try {
      const info = await client.getinfo([]);
      expect(errorMessages(info).join(' ')).toContain('--bogus');
    } finally {
      client.kill();
    }
  });

  test('uses [node] path from local/idetunnel.conf when node is not on PATH', async () => {
    const { appDir, launcher } = makeApp();
    writeLocalConf(appDir, `# admin setting\n[node]\npath = ${process.execPath}\n`);
    const client = CommandClient.spawn(launcher, { env: env() });
    expect((await runSession(client)).length).toBe(SAMPLE_EVENTS.rows.length);
  });

  test('local/idetunnel.conf overrides default/idetunnel.conf, and the conf path wins over PATH', async () => {
    const { appDir, launcher } = makeApp();
    writeFileSync(join(appDir, 'default', 'idetunnel.conf'), '[node]\npath = /nonexistent/node\n');
    writeLocalConf(appDir, `[other]\npath = /also/not/here\n\n[node]\npath = ${process.execPath}\n`);
    const oldOnPath = nodeDir('shadowed', { script: '#!/bin/sh\necho v16.20.2\n' });
    const client = CommandClient.spawn(launcher, { env: env(oldOnPath) });
    expect((await runSession(client)).length).toBe(SAMPLE_EVENTS.rows.length);
  });

  test('answers getinfo with a protocol ERROR naming what to install when no node is on PATH', async () => {
    const { appDir, launcher } = makeApp();
    const message = await expectLauncherError(CommandClient.spawn(launcher, { env: env() }));
    expect(message).toContain('needs Node.js 18 or later');
    expect(message).toContain('no node found on the PATH');
    expect(message).toContain(`[node] path in ${appDir}/local/idetunnel.conf`);
  });

  test('answers with an ERROR naming the version when node on PATH is older than 18', async () => {
    const { launcher } = makeApp();
    const old = nodeDir('v16', { script: '#!/bin/sh\necho v16.20.2\n' });
    const message = await expectLauncherError(CommandClient.spawn(launcher, { env: env(old) }));
    expect(message).toContain(`${old}/node (node on PATH) is v16`);
  });

  test('answers with an ERROR naming the setting when [node] path is not an executable file', async () => {
    const { appDir, launcher } = makeApp();
    writeLocalConf(appDir, '[node]\npath = /opt/node "22"/bin/node\n');
    const message = await expectLauncherError(CommandClient.spawn(launcher, { env: env(nodeDir('unused', { target: process.execPath })) }));
    expect(message).toContain('[node] path = /opt/node "22"/bin/node in idetunnel.conf is not an executable file');
  });

  test('answers with an ERROR when the configured node prints no version', async () => {
    const { appDir, launcher } = makeApp();
    const broken = join(nodeDir('broken', { script: '#!/bin/sh\necho "not node" >&2\nexit 3\n' }), 'node');
    writeLocalConf(appDir, `[node]\npath = ${broken}\n`);
    const message = await expectLauncherError(CommandClient.spawn(launcher, { env: env() }));
    expect(message).toContain(`${broken} ([node] path in idetunnel.conf) did not report a version`);
  });

  test('consumes exactly the getinfo chunk (metadata and body) before replying', () => {
    const { launcher } = makeApp();
    // stdin is a file, so what the launcher left unread can be read afterwards from the shared offset;
    // the chunk is larger than a pipe buffer (64 KiB) and carries a body
    const getinfo = encodeChunk({ action: 'getinfo', searchinfo: { args: [], search: 'x'.repeat(200_000) } }, 'a,b\n1,2\n');
    const input = join(work, 'getinfo.bin');
    writeFileSync(input, Buffer.concat([getinfo, Buffer.from('NEXT')]));
    const fd = openSync(input, 'r');
    try {
      const run = spawnSync(launcher, [], { stdio: [fd, 'pipe', 'pipe'], env: env() });
      expect(run.status).toBe(1);
      const replies = new ChunkReader({ maxChunkBytes: 1 << 20 }).feed(run.stdout);
      expect(replies).toHaveLength(1);
      expect(errorMessages(replies[0].metadata)).toHaveLength(1);
      const rest = Buffer.alloc(16);
      expect(rest.toString('latin1', 0, readSync(fd, rest, 0, rest.length, null))).toBe('NEXT');
    } finally {
      closeSync(fd);
    }
  });
});

import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { COMMAND_BUNDLE, executeChunk, getinfoChunk, parseReplies } from '../helpers/protocolRun';
import { BLOCK_NETWORK_PRELOAD, runCommandProcess } from './support/commandProcess';

/**
 * The command opens no network connection and resolves no name, even for events whose `_raw` XML
 * names external entities or URLs. Checked three ways: a preload that makes every Node network API
 * throw and report itself; the bundle requiring no network module; and, where strace is installed,
 * the system calls of a whole run (no socket or connect at all).
 */

const XML_WITH_URLS =
  '<?xml version="1.0"?><!DOCTYPE Event [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>' +
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID></System>" +
  "<EventData><Data Name='Image'>C:\\a\\code.exe</Data><Data Name='CommandLine'>code tunnel &e; https://example.invalid/</Data></EventData></Event>";

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

const SESSION = Buffer.concat([
  getinfoChunk(['raw=true']),
  executeChunk(`_raw,_chunked_idx\n${csvCell(XML_WITH_URLS)},0\n`, false),
  executeChunk('Image,CommandLine,DestinationHostname,QueryName,_chunked_idx\nC:\\a\\code.exe,code tunnel --host 0.0.0.0,global.rel.tunnels.api.visualstudio.com,localhost,0\n', true),
]);

describe('network: the command opens no connection', () => {
  it('the blocking preload does catch a connection attempt (so the next test can fail)', () => {
    const result = spawnSync(process.execPath, ['-r', BLOCK_NETWORK_PRELOAD, '-e', "try { require('net').connect(9, '127.0.0.1') } catch {}"], { encoding: 'utf8' });
    expect(result.stderr).toMatch(/NETWORK-ATTEMPT net\.connect/);
  });

  it('a whole session (raw XML with external entities and URLs, host names in fields) with every network API blocked', async () => {
    const run = await runCommandProcess(SESSION, { preload: [BLOCK_NETWORK_PRELOAD], timeoutMs: 20000 });
    expect(run.timedOut).toBe(false);
    expect(run.stderr).not.toMatch(/NETWORK-ATTEMPT/);
    expect(run.status).toBe(0);
    expect(parseReplies(run.stdout)).toHaveLength(3);
  });

  it('the bundle requires no network module', () => {
    const source = readFileSync(COMMAND_BUNDLE, 'utf8');
    const required = [...source.matchAll(/require\(["'](?:node:)?([\w/]+)["']\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const name of ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns', 'dns/promises', 'child_process', 'cluster']) {
      expect(required).not.toContain(name);
    }
  });

  const haveStrace = existsSync('/usr/bin/strace');
  if (!haveStrace) console.warn('network.test.ts: /usr/bin/strace is absent; the system-call check is skipped (the preload check still runs)');
  (haveStrace ? it : it.skip)('strace: no socket, connect, bind or sendto system call in a whole session', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'idetunnel-strace-'));
    try {
      const trace = path.join(dir, 'trace');
      execFileSync('/usr/bin/strace', ['-f', '-qq', '-e', 'trace=socket,socketpair,connect,bind,sendto,sendmsg', '-o', trace, process.execPath, COMMAND_BUNDLE], { input: SESSION, stdio: ['pipe', 'ignore', 'ignore'] });
      const calls = readFileSync(trace, 'utf8').split('\n').filter((line) => /(socket|connect|bind|sendto|sendmsg)\(/.test(line) && !/AF_(UNIX|LOCAL)/.test(line));
      expect(calls).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('network: the idetunnel CLI and the command it spawns', () => {
  it('score the demo events with every network API blocked in both processes', () => {
    const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
    const demo = path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');
    const result = spawnSync(process.execPath, [cli, 'score', '--all', '--format', 'csv', demo], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--require ${BLOCK_NETWORK_PRELOAD}` },
      timeout: 60000,
    });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/NETWORK-ATTEMPT/);
    expect(result.stdout.split('\n').length).toBeGreaterThan(100);
  });
});

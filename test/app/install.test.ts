/**
 * Installs the built app package into a temporary $SPLUNK_HOME/etc/apps/, finds the command the
 * way splunkd does (commands.conf `filename` in <platform>/bin/ first, then bin/; `.path`
 * pointers and command.arg.N with $SPLUNK_HOME substituted; commands.conf.spec) and runs a full
 * getinfo/execute session through the Linux launcher. The Windows side can only be checked
 * statically here (no Windows, no Splunk): the pointer resolves to a batch launcher that exists.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { CommandClient, errorMessages } from '../../src/protocol/client';
import { buildPackage, installPackage } from './support/appPackage';
import { resolveChunkedCommand } from './support/resolveChunkedCommand';
import { SAMPLE_EVENTS } from './support/sampleEvents';


let work: string;
let splunkHome: string;
let appDir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'idetunnel-install-'));
  splunkHome = join(work, 'splunk');
  appDir = await installPackage(buildPackage(join(work, 'dist')), splunkHome);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installed app package', () => {
  test('installs as the single folder etc/apps/idetunnel', () => {
    expect(appDir).toBe(join(splunkHome, 'etc', 'apps', 'idetunnel'));
  });

  test('ships third-party notices naming every package bundled into the command', () => {
    const notices = readFileSync(join(appDir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const bundle = readFileSync(join(appDir, 'bin', 'idetunnelscore.js'), 'utf8');
    // esbuild marks each bundled module with a `// node_modules/<package>/...` comment.
    const bundled = new Set([...bundle.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]));
    expect(bundled.size).toBeGreaterThan(0);
    for (const name of bundled) expect(notices).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
  });

  test('ships the Splunk Web pages: both views, their bundles in appserver/static and the bundles\' notices', () => {
    for (const view of ['idetunnel_setup', 'idetunnel_allowlist']) {
      const xml = readFileSync(join(appDir, 'default', 'data', 'ui', 'views', `${view}.xml`), 'utf8');
      const script = /script="([^"]+)"/.exec(xml)?.[1] ?? '';
      expect(statSync(join(appDir, 'appserver', 'static', script)).size).toBeGreaterThan(10_000);
    }
    const notices = readFileSync(join(appDir, 'appserver', 'static', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^splunk-sdk \d+\.\d+\.\d+ \(Apache-2\.0\)/m);
  });

  test('on Linux x86_64 splunkd finds the .path pointer in linux_x86_64/bin and runs the sh launcher with command.arg.1', () => {
    const resolved = resolveChunkedCommand(appDir, 'idetunnelscore', 'linux_x86_64', { SPLUNK_HOME: splunkHome });
    expect(resolved.found).toBe(join(appDir, 'linux_x86_64', 'bin', 'idetunnelscore.path'));
    expect(resolved.program).toBe(join(appDir, 'linux_x86_64', 'bin', 'idetunnelscore.sh'));
    expect(statSync(resolved.program).mode & 0o111).not.toBe(0);
    expect(resolved.args).toEqual(['--max-chunk-bytes=1073741824']);
  });

  test('on Windows x86_64 the pointer names the batch launcher in windows_x86_64\\bin, which ships with CRLF line ends', () => {
    const winHome = 'C:\\Program Files\\Splunk';
    const resolved = resolveChunkedCommand(appDir, 'idetunnelscore', 'windows_x86_64', { SPLUNK_HOME: winHome });
    expect(resolved.found).toBe(join(appDir, 'windows_x86_64', 'bin', 'idetunnelscore.path'));
    const prefix = `${winHome}\\etc\\apps\\idetunnel\\`;
    expect(resolved.program.startsWith(prefix)).toBe(true);
    const inApp = join(appDir, ...resolved.program.slice(prefix.length).split('\\'));
    expect(inApp).toBe(join(appDir, 'windows_x86_64', 'bin', 'idetunnelscore.cmd'));
    const text = readFileSync(inApp, 'latin1');
    expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });

  test('a full getinfo/execute session runs through the resolved launcher with node from PATH', async () => {
    const resolved = resolveChunkedCommand(appDir, 'idetunnelscore', 'linux_x86_64', { SPLUNK_HOME: splunkHome });
    const env = { SPLUNK_HOME: splunkHome, PATH: `${dirname(process.execPath)}:/usr/bin:/bin` };
    const client = CommandClient.spawn(resolved.program, { argv: resolved.args, env });
    try {
      const info = await client.getinfo([]);
      expect(errorMessages(info)).toEqual([]);
      expect(info.type).toBe('stateful');
      const reply = await client.execute(SAMPLE_EVENTS, true);
      expect(reply.metadata.finished).toBe(true);
      const column = (name: string) => reply.table.header.indexOf(name);
      // the seed rule's fields (command contract); every input column and row comes back
      for (const field of [...SAMPLE_EVENTS.header, 'IsTunnelCommand', 'IsCodeCLI', 'RiskScore']) {
        expect(column(field)).toBeGreaterThanOrEqual(0);
      }
      expect(reply.table.rows).toHaveLength(SAMPLE_EVENTS.rows.length);
      expect(reply.table.rows.map((row) => row[column('IsTunnelCommand')])).toEqual(['1', '0']);
      const risk = reply.table.rows.map((row) => Number(row[column('RiskScore')]));
      expect(risk[0]).toBeGreaterThan(risk[1]);
      expect(await client.close()).toBe(0);
    } finally {
      client.kill();
    }
  });
});

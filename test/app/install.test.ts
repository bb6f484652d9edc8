/**
 * Installs the built app package into a temporary $SPLUNK_HOME/etc/apps/, finds the command the
 * way splunkd does (commands.conf.spec: no `filename`, so the stanza name plus .py, .pl, .exe,
 * .bat, .cmd, .sh, .js or no extension, in <platform>/bin/ first, then bin/; command.arg.N with
 * $SPLUNK_HOME substituted) and runs full getinfo/execute sessions through the POSIX launcher from
 * every place it ships. The Windows side can only be checked statically here (no Windows, no
 * Splunk): the lookup ends at the batch launcher, whatever $SPLUNK_HOME holds.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { CommandClient, errorMessages } from '../../src/protocol/client';
import { buildPackage, installPackage } from './support/appPackage';
import { readAppConf, resolveChunkedCommand, SplunkPlatform } from './support/resolveChunkedCommand';
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

  test('ships no .path pointer: a pointer line is a path "optionally followed by command-line arguments" and would split at a space', () => {
    const pointers = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? pointers(join(dir, e.name)) : e.name.endsWith('.path') ? [join(dir, e.name)] : [],
      );
    expect(pointers(appDir)).toEqual([]);
    expect(readAppConf(appDir, 'commands.conf').get('idetunnelscore')?.has('filename')).toBe(false);
  });

  const expected: [SplunkPlatform, string][] = [
    ['linux_x86_64', 'linux_x86_64/bin/idetunnelscore.sh'],
    ['darwin_x86_64', 'darwin_x86_64/bin/idetunnelscore.sh'],
    ['windows_x86_64', 'windows_x86_64/bin/idetunnelscore.cmd'],
    // platforms without a folder of their own fall back to bin/, where .sh comes before .js
    ['linux_aarch64', 'bin/idetunnelscore.sh'],
    ['darwin_arm64', 'bin/idetunnelscore.sh'],
  ];
  test.each(expected)('on %s splunkd finds %s, whichever way it nests the folder and extension searches', (platform, program) => {
    for (const order of ['folder-first', 'extension-first'] as const) {
      const resolved = resolveChunkedCommand(appDir, 'idetunnelscore', platform, { SPLUNK_HOME: splunkHome }, order);
      expect(resolved.program).toBe(join(appDir, ...program.split('/')));
      expect(resolved.args).toEqual(['--max-chunk-bytes=1073741824']);
    }
    if (program.endsWith('.sh')) expect(statSync(join(appDir, program)).mode & 0o111).not.toBe(0);
  });

  test('the Windows batch launcher ships with CRLF line ends and its error helper beside it', () => {
    const cmd = readFileSync(join(appDir, 'windows_x86_64', 'bin', 'idetunnelscore.cmd'), 'latin1');
    expect(cmd.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    expect(cmd).toContain('idetunnelscore-error.ps1');
    expect(statSync(join(appDir, 'windows_x86_64', 'bin', 'idetunnelscore-error.ps1')).isFile()).toBe(true);
  });

  test.each(['linux_x86_64', 'darwin_x86_64', 'linux_aarch64'] as SplunkPlatform[])(
    'a full getinfo/execute session runs through the launcher splunkd finds on %s, with node from PATH',
    async (platform) => {
      const resolved = resolveChunkedCommand(appDir, 'idetunnelscore', platform, { SPLUNK_HOME: splunkHome });
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
    },
  );

  test('with no usable Node.js the launcher splunkd finds in bin/ answers getinfo with one readable ERROR', async () => {
    const resolved = resolveChunkedCommand(appDir, 'idetunnelscore', 'linux_aarch64', { SPLUNK_HOME: splunkHome });
    mkdirSync(join(appDir, 'local'), { recursive: true });
    writeFileSync(join(appDir, 'local', 'idetunnel.conf'), '[node]\npath = /nonexistent/node\n');
    const client = CommandClient.spawn(resolved.program, { argv: resolved.args, env: { SPLUNK_HOME: splunkHome, PATH: '/usr/bin:/bin' } });
    try {
      const info = await client.getinfo([]);
      const errors = errorMessages(info);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/needs Node\.js 18 or later/);
      expect(errors[0]).toContain(join(appDir, 'local', 'idetunnel.conf'));
    } finally {
      client.kill();
      rmSync(join(appDir, 'local'), { recursive: true, force: true });
    }
  });
});

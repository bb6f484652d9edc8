// Profiles the bundled command on one benchmark transcript with `node --cpu-prof` and prints the
// functions with the most self time. Usage (after `npm run bench` has cached transcripts):
//   node bench/profile.mjs bench/.cache/<transcript>.chunks [top N]
import { spawnSync } from 'child_process';
import { mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'fs';
import * as path from 'path';

const [transcript, topArg] = process.argv.slice(2);
if (!transcript) {
  console.error('usage: node bench/profile.mjs <transcript.chunks> [top N]');
  process.exit(2);
}
const dir = path.join('bench', '.cache', 'profile');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'bin/idetunnelscore.js'], {
  stdio: [openSync(transcript, 'r'), 'ignore', 'inherit'],
});
if (r.status !== 0) process.exit(r.status ?? 1);
const file = path.join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
const profile = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
let total = 0;
for (const [id, us] of dt) {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  total += us;
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
console.log(`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, us] of top) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);

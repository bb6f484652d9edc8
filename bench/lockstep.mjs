// Runs a command on a benchmark transcript the way splunkd drives it (custom search command
// protocol v2): one chunk is written, then its whole reply is read, and only then the next chunk is
// sent. `npm run bench` instead streams the whole transcript into stdin, so a command could read
// ahead there; under splunkd (and CommandClient, src/protocol/client.ts) it cannot. Prints the wall
// time measured here and, where /usr/bin/time exists, its elapsed, user and system seconds and peak RSS.
//   node bench/lockstep.mjs bench/.cache/<transcript>.chunks [script.js ...]   (default bin/idetunnelscore.js)
import { spawn } from 'child_process';
import { existsSync, readFileSync } from 'fs';

const [transcript, ...command] = process.argv.slice(2);
if (!transcript) {
  console.error('usage: node bench/lockstep.mjs <transcript.chunks> [script.js ...]');
  process.exit(2);
}
const script = command.length > 0 ? command : ['bin/idetunnelscore.js'];
const HEADER = /^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;

/** The transcript cut into whole chunks (header + metadata + body), blank lines between them skipped. */
function requests(bytes) {
  const chunks = [];
  let at = 0;
  for (;;) {
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x20)) at++;
    if (at >= bytes.length) return chunks;
    const newline = bytes.indexOf(0x0a, at);
    const match = HEADER.exec(bytes.toString('latin1', at, newline));
    if (!match) throw new Error(`bad header at byte ${at}`);
    const end = newline + 1 + Number(match[1]) + Number(match[2]);
    chunks.push(bytes.subarray(at, end));
    at = end;
  }
}

const chunks = requests(readFileSync(transcript));
const started = process.hrtime.bigint();
const run = [process.execPath, ...script];
const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%e s elapsed, %U s user, %S s sys, %M KB peak RSS', ...run] : run;
const child = spawn(timed[0], timed.slice(1), { stdio: 'pipe' });
let stderr = '';
child.stderr.on('data', (data) => (stderr += data));
let sent = 0;
let replies = 0;
const sendNext = () => (sent < chunks.length ? child.stdin.write(chunks[sent++]) : child.stdin.end());

// Counts reply bytes without keeping them: a reply is whole when its declared lengths have arrived.
let header = Buffer.alloc(0);
let remaining = -1;
child.stdout.on('data', (data) => {
  let at = 0;
  while (at < data.length) {
    if (remaining < 0) {
      const newline = data.indexOf(0x0a, at);
      if (newline < 0) {
        header = Buffer.concat([header, data.subarray(at)]);
        return;
      }
      const match = HEADER.exec(Buffer.concat([header, data.subarray(at, newline)]).toString('latin1'));
      if (!match) throw new Error('bad reply header');
      header = Buffer.alloc(0);
      remaining = Number(match[1]) + Number(match[2]);
      at = newline + 1;
    }
    const n = Math.min(remaining, data.length - at);
    remaining -= n;
    at += n;
    if (remaining === 0) {
      remaining = -1;
      replies++;
      sendNext();
    }
  }
});
child.on('close', (status) => {
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const time = timed === run ? '' : `${stderr.trim().split('\n').pop()}; `;
  console.log(`${wall.toFixed(2)} s wall; ${time}${replies} replies to ${chunks.length} chunks; exit ${status}`);
});
sendNext();

// One getinfo/execute session against bin/idetunnelscore.js run by $IDETUNNEL_NODE (default: this node);
// exits non-zero unless both replies parse with exact byte lengths, the seed fields are right and the
// tunnel command alerts.
import { spawnSync } from 'child_process';

const frame = (meta, body = '') => {
  const m = Buffer.from(JSON.stringify(meta));
  const b = Buffer.from(body);
  return Buffer.concat([Buffer.from(`chunked 1.0,${m.length},${b.length}\n`), m, b]);
};
const input = Buffer.concat([
  frame({ action: 'getinfo', searchinfo: { args: [] } }),
  frame({ action: 'execute', finished: true }, 'Image,CommandLine,_chunked_idx\n"C:\\Users\\ท\\code.exe","code tunnel --accept-server-license-terms",0\n'),
]);
const run = spawnSync(process.env.IDETUNNEL_NODE || process.execPath, ['bin/idetunnelscore.js'], { input, timeout: 30000 });
const out = run.stdout;
const replies = [];
for (let at = 0; at < out.length; ) {
  const nl = out.indexOf(10, at);
  const [, m, b] = /^chunked 1\.0,(\d+),(\d+)$/.exec(out.subarray(at, nl).toString()) ?? [];
  if (m === undefined) throw new Error(`bad reply header at byte ${at}`);
  const meta = JSON.parse(out.subarray(nl + 1, nl + 1 + Number(m)).toString());
  replies.push({ meta, body: out.subarray(nl + 1 + Number(m), nl + 1 + Number(m) + Number(b)).toString() });
  at = nl + 1 + Number(m) + Number(b);
}
// Seed fields follow _chunked_idx (0); then ide_tunnel_score; ide_tunnel_alert (1) is the last column.
const ok =
  run.status === 0 && replies.length === 2 && replies[1].meta.finished === true &&
  /,0,1,1,0,0,1,2,\d+,/.test(replies[1].body) && /,1\n$/.test(replies[1].body);
if (!ok) {
  console.error('protocol smoke failed', run.status, replies, run.stderr.toString());
  process.exit(1);
}

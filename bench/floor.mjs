// Framing-only floor for the benchmark (issue 5): a chunked-protocol (custom search command protocol v2)
// command that reads each whole chunk, answers getinfo with {"type":"stateful"} and every execute chunk
// with {"finished":<as sent>} plus the request body, unparsed. No CSV work at all: the least any
// command that must hold a whole chunk before replying can do. Framing per ../shared/reference/scpv2/README.md:
// `chunked 1.0,<metadata bytes>,<body bytes>\n` + metadata + body.

const HEADER = /^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;

let pending = Buffer.alloc(0); // bytes of a header line not yet complete
let target = null; // the current chunk's metadata + body
let filled = 0;
let metadataBytes = 0;
let answeredGetinfo = false;

function reply(metadata, body) {
  const meta = Buffer.from(JSON.stringify(metadata), 'utf8');
  const head = Buffer.from(`chunked 1.0,${meta.length},${body.length}\n`, 'latin1');
  process.stdout.write(head);
  process.stdout.write(meta);
  return body.length > 0 ? process.stdout.write(body) : true;
}

function finishChunk() {
  const chunk = target;
  target = null;
  const metadata = JSON.parse(chunk.toString('utf8', 0, metadataBytes));
  if (!answeredGetinfo) {
    answeredGetinfo = true;
    return reply({ type: 'stateful' }, Buffer.alloc(0));
  }
  return reply({ finished: metadata.finished === true }, chunk.subarray(metadataBytes));
}

function feed(data) {
  let offset = 0;
  let flowing = true;
  while (offset < data.length) {
    if (target) {
      const n = Math.min(target.length - filled, data.length - offset);
      data.copy(target, filled, offset, offset + n);
      filled += n;
      offset += n;
      if (filled === target.length) flowing = finishChunk() && flowing;
      continue;
    }
    const newline = data.indexOf(0x0a, offset);
    if (newline === -1) {
      pending = Buffer.concat([pending, data.subarray(offset)]);
      break;
    }
    const line = Buffer.concat([pending, data.subarray(offset, newline)]).toString('latin1');
    pending = Buffer.alloc(0);
    offset = newline + 1;
    if (line.trim() === '') continue;
    const m = HEADER.exec(line);
    if (!m) {
      process.stderr.write(`floor: bad header ${JSON.stringify(line.slice(0, 64))}\n`);
      process.exit(1);
    }
    metadataBytes = Number(m[1]);
    target = Buffer.allocUnsafe(metadataBytes + Number(m[2]));
    filled = 0;
    if (target.length === 0) flowing = finishChunk() && flowing;
  }
  return flowing;
}

process.stdin.on('data', (data) => {
  if (!feed(data)) {
    process.stdin.pause();
    process.stdout.once('drain', () => process.stdin.resume());
  }
});
process.stdin.on('end', () => {
  if (target) {
    process.stderr.write('floor: input ended inside a chunk\n');
    process.exitCode = 1;
  }
});

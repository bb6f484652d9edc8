import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { encodeCsvCell } from '../../src/protocol/csvBody';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, replyTable, runInProcess } from '../helpers/protocolRun';
import { expectPeakRssWithin, runCommandProcess } from './support/commandProcess';
import { fuzzParameters } from './support/csvFuzz';

/**
 * Random raw=true bodies (issue 19): whole and truncated XmlWinEventLog events of random sizes
 * (real-shaped: the demo fixture's Sysmon events, synthetic data in the Sysmon schema, with random
 * CommandLine text of 0-40,000 characters, entities included), cut at random points, mixed with
 * pretty-printed events, deep or non-event XML, DTDs and junk, in chunks kept under a small
 * `--max-chunk-bytes`. Rows in = rows out with `_raw` unchanged, no ERROR, and (through the bundle)
 * peak RSS within the memory bound. Seeded (support/csvFuzz.ts); bounded runs.
 */
const DEMO = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log'), 'utf8').trim().split('\n');
const WITH_COMMAND_LINE = DEMO.filter((line) => line.includes("<Data Name='CommandLine'>"));
const MAX_CHUNK_BYTES = 512 * 1024;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
const commandText = fc
  .array(fc.oneof(fc.constantFrom('code', ' tunnel ', '--accept-server-license-terms', '"', "'", '&', '<', '>', 'é', '😀', '\\', ' '), fc.string({ maxLength: 12 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));
const commandLine = fc.tuple(commandText, fc.nat({ max: 40000 })).map(([text, pad]) => escapeXml(text) + ' --x'.repeat(pad >> 2));

/** One `_raw`: a whole or cut canonical event, or something the reader must refuse. */
const rawCell = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...WITH_COMMAND_LINE), commandLine).map(([event, line]) => event.replace(/(<Data Name='CommandLine'>)[^<]*/, `$1${line}`)) },
  {
    weight: 4,
    arbitrary: fc
      // the cut anywhere, uniformly (fast-check's default bias would put most cuts at either end)
      .tuple(fc.constantFrom(...WITH_COMMAND_LINE), commandLine, fc.noBias(fc.integer({ min: 1, max: 1_000_000 })))
      .map(([event, line, at]) => {
        const whole = event.replace(/(<Data Name='CommandLine'>)[^<]*/, `$1${line}`);
        let cut = Math.max(1, Math.floor((whole.length * at) / 1_000_000));
        // not inside a surrogate pair: a lone surrogate is not text (it would reach the CSV as U+FFFD)
        if (/[\uD800-\uDBFF]/.test(whole[cut - 1])) cut--;
        return whole.slice(0, cut);
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom(...DEMO).map((event) => event.replace(/></g, '>\n  <')) },
  { weight: 1, arbitrary: fc.nat({ max: 200 }).map((n) => `<Event>${'<a>'.repeat(n)}x${'</a>'.repeat(n)}</Event>`) },
  { weight: 1, arbitrary: fc.constantFrom('<!DOCTYPE Event [<!ENTITY e SYSTEM "file:///etc/passwd">]><Event>&e;</Event>', '<root/>', 'not xml', '<Event', '<') },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).filter((s) => s !== '') },
);

/** Rows split into execute chunks each under MAX_CHUNK_BYTES. */
function session(rows: string[], args: string[]): { input: Buffer; chunks: number; largest: number } {
  const bodies: string[] = [];
  let body = '_raw,_chunked_idx\n';
  rows.forEach((raw, i) => {
    const line = `${encodeCsvCell(raw)},${i}\n`;
    if (Buffer.byteLength(body + line) > MAX_CHUNK_BYTES - 100 && body !== '_raw,_chunked_idx\n') {
      bodies.push(body);
      body = '_raw,_chunked_idx\n';
    }
    body += line;
  });
  bodies.push(body);
  const chunks = bodies.map((b, i) => executeChunk(b, i === bodies.length - 1));
  return { input: Buffer.concat([getinfoChunk(['raw=true', ...args]), ...chunks]), chunks: chunks.length, largest: Math.max(...chunks.map((c) => c.length)) };
}

function expectRowsBack(rows: string[], replies: ReturnType<typeof parseReplies>, chunks: number): void {
  expect(replies).toHaveLength(chunks + 1);
  const back: string[] = [];
  for (const reply of replies.slice(1)) {
    expect(inspectorMessages(reply).filter(([level]) => level === 'ERROR')).toEqual([]);
    const table = replyTable(reply);
    const raw = table.header.indexOf('_raw');
    const index = table.header.indexOf('_chunked_idx');
    for (const row of table.rows) {
      expect(row[index]).toBe(String(back.length));
      back.push(row[raw]);
    }
  }
  expect(back).toEqual(rows);
}

describe('fuzz: raw=true bodies of whole and truncated events', () => {
  it('in process: rows in = rows out, _raw unchanged, no ERROR, every chunk under --max-chunk-bytes', async () => {
    let truncatedRows = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rawCell, { minLength: 1, maxLength: 40 }), fc.constantFrom('full', 'short', 'none'), async (rows, explain) => {
        const { input, chunks } = session(rows, [`explain=${explain}`]);
        const out = await runInProcess([input], MAX_CHUNK_BYTES);
        expect(out.status).toBe(0);
        expectRowsBack(rows, out.replies, chunks);
        for (const reply of out.replies.slice(1)) {
          for (const [, text] of inspectorMessages(reply)) truncatedRows += Number(/(\d+) of \d+ rows had a _raw cut/.exec(text)?.[1] ?? 0);
        }
      }),
      fuzzParameters(150),
    );
    // the runs did read cut events (not only refuse them)
    expect(truncatedRows).toBeGreaterThan(50);
  });

  it('through the bundled command with --max-chunk-bytes: the same, and peak RSS within the memory bound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rawCell, { minLength: 20, maxLength: 80 }), async (rows) => {
        const { input, chunks, largest } = session(rows, []);
        const run = await runCommandProcess(input, { argv: [`--max-chunk-bytes=${MAX_CHUNK_BYTES}`], measurePeakRss: true, timeoutMs: 30000 });
        expect(run.timedOut).toBe(false);
        expect(run.status).toBe(0);
        const replies = parseReplies(run.stdout);
        expectRowsBack(rows, replies, chunks);
        expectPeakRssWithin(run.peakRssBytes, largest, Math.max(...replies.map((r) => r.body.length)));
      }),
      fuzzParameters(10),
    );
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, runInProcess } from '../helpers/protocolRun';
import { expectPeakRssWithin, MB, runCommandProcess } from './support/commandProcess';
import { csvRecordStarts, isFaithfulEcho, parseReplyCells, parseReplyBody } from './support/csvFuzz';

/**
 * One test per kind of bug that public threads on the Python SDK (splunklib searchcommands) report,
 * named after the kind: two replies to one request at 50,000 rows; lengths counted in characters;
 * invalid UTF-8; fields over a size limit; no reply to an empty chunk; fields missing from the
 * first row dropped from the header; work done in getinfo probe processes; the command run on
 * indexers when it should not be; a whole chunk held several times in memory.
 */

const LIVENESS_MS = 120000;

/** A synthetic Sysmon-shaped chunk body of `rows` rows (ASCII, no line breaks in cells). */
function sysmonRows(rows: number, from = 0): string {
  const lines = ['_time,host,Image,CommandLine,ParentImage,_chunked_idx'];
  for (let i = 0; i < rows; i++) {
    const n = from + i;
    lines.push(`${1700000000 + n},WS${n % 7},C:\\Users\\u${n}\\code.exe,"code tunnel --name ""m${n}"", --accept-server-license-terms",C:\\Windows\\explorer.exe,${i}`);
  }
  return lines.join('\n') + '\n';
}

/** Rows of a reply body (records after the header; quoted line breaks are not rows). */
function replyRows(body: Buffer): number {
  return Math.max(0, csvRecordStarts(body).length - 1);
}

describe('Python SDK bug kinds, one test each', () => {
  it('two replies to one request at 50,000 rows: exactly one reply per request over 3 chunks of 50,000 rows', async () => {
    const chunks = [0, 1, 2].map((k) => executeChunk(sysmonRows(50000, k * 50000), k === 2));
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(), ...chunks]), { timeoutMs: LIVENESS_MS });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    const replies = parseReplies(run.stdout); // strict: nothing partial, nothing after the last reply
    expect(replies.map((r) => r.metadata.finished)).toEqual([undefined, false, false, true]);
    for (const reply of replies.slice(1)) expect(replyRows(reply.body)).toBe(50000);
  });

  it('lengths counted in characters: multibyte text everywhere, reply lengths are byte counts, no hang', async () => {
    const body = 'Image,CommandLine,ผู้ใช้,_chunked_idx\n' + Array.from({ length: 200 }, (_, i) => `C:\\ユーザー\\${i}\\code.exe,"😀 code tunnel ท ${'é'.repeat(i)}",データ${i},${i}\n`).join('');
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(), executeChunk(body, false), executeChunk(body, true)]), { timeoutMs: 20000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    const replies = parseReplies(run.stdout);
    expect(replies).toHaveLength(3);
    const table = parseReplyBody(replies[2].body);
    expect(table.rows).toHaveLength(200);
    expect(table.rows[199][1]).toBe(`😀 code tunnel ท ${'é'.repeat(199)}`);
  });

  it('invalid UTF-8: rows kept, each cell echoed byte for byte or with U+FFFD in place of invalid bytes', async () => {
    const cells = [Buffer.from([0x80, 0x41]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80, 0x74]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from('ok')];
    const body = Buffer.concat([Buffer.from('CommandLine,_chunked_idx\n'), ...cells.flatMap((cell, i) => [Buffer.from('"'), cell, Buffer.from(`",${i}\n`)])]);
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(), executeChunk(body, true)]), { timeoutMs: 20000 });
    expect(run.status).toBe(0);
    const reply = parseReplyCells(parseReplies(run.stdout)[1].body);
    expect(reply.rows).toHaveLength(cells.length);
    cells.forEach((cell, i) => expect(isFaithfulEcho(cell, reply.rows[i][0])).toBe(true));
  });

  it('fields over a size limit (splunklib: csv field_size_limit 131,072): 131,073-character and 2 MB fields in many rows', async () => {
    const over = 'a'.repeat(131073);
    const big = 'b'.repeat(2 * MB) + ' tunnel';
    const rows = Array.from({ length: 10 }, (_, i) => `${i % 2 ? over : big},${i}\n`).join('');
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(), executeChunk(`CommandLine,_chunked_idx\n${rows}`, true)]), { timeoutMs: 60000 });
    expect(run.status).toBe(0);
    const table = parseReplyBody(parseReplies(run.stdout)[1].body);
    expect(table.rows.map((row) => row[0].length)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? over.length : big.length)));
    expect(table.rows.map((row) => row[table.header.indexOf('IsTunnelCommand')])).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? '0' : '1')));
  });

  it('no reply to an empty chunk: empty bodies, header-only bodies and metadata-only chunks each get their reply', async () => {
    const requests = [executeChunk('', false), executeChunk('Image,_chunked_idx\n', false), encodeChunk({ action: 'execute', finished: false }), executeChunk('', true)];
    const out = await runInProcess([Buffer.concat([getinfoChunk(), ...requests])]);
    expect(out.status).toBe(0);
    expect(out.replies.map((r) => r.metadata.finished)).toEqual([undefined, false, false, false, true]);
  });

  it('fields missing from the first row dropped from the header: the header is per chunk, later fields are kept', async () => {
    const first = 'Image,_chunked_idx\nC:\\a\\x.exe,0\n';
    const second = 'Image,CommandLine,User,_chunked_idx\nC:\\a\\x.exe,,,0\nC:\\a\\code.exe,code tunnel,CORP\\ann,1\n';
    const out = await runInProcess([Buffer.concat([getinfoChunk(), executeChunk(first, false), executeChunk(second, true)])]);
    const table = parseReplyBody(out.replies[2].body);
    expect(table.header.slice(0, 4)).toEqual(['Image', 'CommandLine', 'User', '_chunked_idx']);
    expect(table.rows[1].slice(0, 4)).toEqual(['C:\\a\\code.exe', 'code tunnel', 'CORP\\ann', '1']);
    expect(table.rows[1][table.header.indexOf('IsTunnelCommand')]).toBe('1');
  });

  it('work done in getinfo probe processes: one reply, nothing else written, no file created, prompt exit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'idetunnel-probe-'));
    const dispatch = path.join(dir, 'dispatch');
    mkdirSync(dispatch);
    try {
      const probe = getinfoChunk(['raw=true'], { dispatch_dir: dispatch, sid: 'probe-1' });
      const run = await runCommandProcess(probe, { cwd: dir, timeoutMs: 20000 });
      expect(run.timedOut).toBe(false);
      expect(run.status).toBe(0);
      expect(parseReplies(run.stdout)).toHaveLength(1);
      expect(run.stderr).toBe('');
      expect(readdirSync(dir)).toEqual(['dispatch']);
      expect(readdirSync(dispatch)).toEqual([]);
      // a whole session writes no file either
      const session = Buffer.concat([probe, executeChunk(sysmonRows(100), true)]);
      const full = await runCommandProcess(session, { cwd: dir, timeoutMs: 20000 });
      expect(full.status).toBe(0);
      expect(readdirSync(dir)).toEqual(['dispatch']);
      expect(readdirSync(dispatch)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([[[]], [['raw=true']], [['distributed=false']], [['threshold=90', 'explain=none']], [['distributed=f']]])(
    'the command run on indexers when it should not be: %j declares stateful (search head only)',
    async (args) => {
      const out = await runInProcess([getinfoChunk(args)]);
      expect(out.replies[0].metadata.type).toBe('stateful');
      expect(inspectorMessages(out.replies[0])).toEqual([]);
    },
  );

  it('a whole chunk held several times in memory: a wide 40 MB chunk stays within request + reply + the larger again + 80 MB', async () => {
    const raw = `<Event><EventData><Data Name='CommandLine'>${'x'.repeat(3000)}</Data></EventData></Event>`;
    const lines = ['_raw,Image,CommandLine,ParentCommandLine,User,host,_time,_chunked_idx'];
    for (let i = 0; lines.length * 3200 < 40 * MB; i++) lines.push(`"${raw}",C:\\a\\code.exe,code tunnel ${i},cmd.exe /c x,u${i},WS1,${i},${i}`);
    const chunk = executeChunk(lines.join('\n') + '\n', true);
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(['raw=true']), chunk]), { measurePeakRss: true, timeoutMs: LIVENESS_MS });
    expect(run.status).toBe(0);
    const reply = parseReplies(run.stdout)[1];
    expect(replyRows(reply.body)).toBe(lines.length - 1);
    expectPeakRssWithin(run.peakRssBytes, chunk.length, reply.body.length);
  });
});

describeWithShared('Python SDK bug kinds on recorded data (../shared/reference/scpv2)', () => {
  it('invalid UTF-8 as splunklib wrote it (TestInternals recording, random_bytes): 31 rows, every cell echoed faithfully', async () => {
    const recorded = readFileSync(sharedPath('reference', 'scpv2', 'splunk-sdk-python', 'scpv2-Splunk-6.3', 'TestInternals.test_record_writer_with_recordings.1443154424.42.output'));
    const [chunk] = parseReplies(recorded);
    const sent = parseReplyCells(chunk.body); // the oracle parser reads any CSV body as bytes
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(), executeChunk(chunk.body, true)]), { timeoutMs: 20000 });
    expect(run.status).toBe(0);
    const reply = parseReplyCells(parseReplies(run.stdout)[1].body);
    expect(sent.rows).toHaveLength(31);
    expect(reply.rows).toHaveLength(31);
    sent.rows.forEach((row, r) => row.forEach((cell, c) => expect(isFaithfulEcho(cell, reply.rows[r][c])).toBe(true)));
  });
});

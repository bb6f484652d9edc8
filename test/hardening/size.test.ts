import { encodeChunk } from '../../src/protocol/chunkWriter';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, runInProcess } from '../helpers/protocolRun';
import { expectPeakRssWithin, MB, runCommandProcess } from './support/commandProcess';
import { csvRecordStarts, parseReplyBody } from './support/csvFuzz';

/**
 * Size: a 100 MB chunk, a 10 MB field, a 1 MB command line, and declared sizes over the cap. Memory
 * must stay bounded: peak RSS of the command process (VmHWM through a preload) at most the request
 * plus the reply plus one more copy of the larger plus 80 MB (the performance issue's "3x the
 * largest chunk + 80 MB", with the reply counted as a chunk: see support/commandProcess.ts). That
 * is a memory bound, not a speed test; the time limits only catch hangs.
 */

const GETINFO = getinfoChunk();

describe('size limits and memory', () => {
  it('a 100 MB chunk: every row back, peak RSS within request + reply + the larger again + 80 MB', async () => {
    const row = 'C:\\Windows\\System32\\cmd.exe,"cmd /c code tunnel --accept-server-license-terms, ""quoted""",';
    const rowCount = Math.ceil((100 * MB) / (row.length + 8));
    const lines: string[] = ['Image,CommandLine,_chunked_idx'];
    for (let i = 0; i < rowCount; i++) lines.push(row + i);
    const chunk = executeChunk(lines.join('\n') + '\n', true);
    lines.length = 0;
    const run = await runCommandProcess(Buffer.concat([GETINFO, chunk]), { measurePeakRss: true, timeoutMs: 240000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    const replies = parseReplies(run.stdout);
    expect(replies).toHaveLength(2);
    const body = replies[1].body;
    const starts = csvRecordStarts(body);
    expect(starts).toHaveLength(rowCount + 1); // header + one record per row
    const lastRecord = body.subarray(starts[starts.length - 1]).toString('utf8');
    expect(lastRecord.startsWith(row + (rowCount - 1))).toBe(true);
    expectPeakRssWithin(run.peakRssBytes, chunk.length, body.length);
  }, 300000);

  it('a 10 MB field comes back unchanged, peak RSS bounded', async () => {
    const big = 'ท'.repeat(2 * MB) + '"quoted", and\nmore ' + 'x'.repeat(4 * MB) + ' code tunnel';
    const chunk = encodeChunk({ action: 'execute', finished: true }, `CommandLine,_chunked_idx\n"${big.replace(/"/g, '""')}",0\n`);
    const run = await runCommandProcess(Buffer.concat([GETINFO, chunk]), { measurePeakRss: true, timeoutMs: 120000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    const reply = parseReplies(run.stdout)[1];
    const table = parseReplyBody(reply.body);
    expect(table.rows[0][0] === big).toBe(true);
    expect(table.rows[0][table.header.indexOf('IsTunnelCommand')]).toBe('1');
    expectPeakRssWithin(run.peakRssBytes, chunk.length, reply.body.length);
  });

  it('values over 65,536 characters: the seed rule reads them whole, the signals read their start, the value comes back whole', async () => {
    const pad = 'x'.repeat(70000);
    const lines = [`C:\\a\\code.exe tunnel --accept-server-license-terms ${pad}`, `C:\\a\\tool.exe ${pad} code tunnel`];
    const body = 'CommandLine,_chunked_idx\n' + lines.map((line, i) => `${line},${i}\n`).join('');
    const run = await runCommandProcess(Buffer.concat([GETINFO, executeChunk(body, true)]), { timeoutMs: 60000 });
    const table = parseReplyBody(parseReplies(run.stdout)[1].body);
    const column = (name: string) => table.rows.map((row) => row[table.header.indexOf(name)]);
    expect(column('CommandLine')).toEqual(lines);
    expect(column('IsTunnelCommand')).toEqual(['1', '1']);
    expect(Number(column('ide_tunnel_score')[0])).toBeGreaterThan(0);
  });

  it('1 MB command lines built against the seed patterns are scored and echoed', async () => {
    const lines = [
      '--provider' + ' '.repeat(MB) + 'github', // HasGitHubAuth through the \s+ branch
      '--provider' + ' '.repeat(MB), // the same without the end
      'tunne'.repeat(MB / 5) + 'l', // one match at the very end
      '-'.repeat(MB), // a prefix of every dashed alternative, never completed
    ];
    const body = 'CommandLine,_chunked_idx\n' + lines.map((line, i) => `${line},${i}\n`).join('');
    const run = await runCommandProcess(Buffer.concat([GETINFO, executeChunk(body, true)]), { timeoutMs: 60000 });
    expect(run.timedOut).toBe(false);
    const table = parseReplyBody(parseReplies(run.stdout)[1].body);
    const column = (name: string) => table.rows.map((row) => row[table.header.indexOf(name)]);
    expect(column('CommandLine')).toEqual(lines);
    expect(column('HasGitHubAuth')).toEqual(['1', '0', '0', '0']);
    expect(column('IsTunnelCommand')).toEqual(['0', '0', '1', '0']);
  });

  it.each([
    ['5 GB', 5 * 1024 * MB],
    ['2^53', Number.MAX_SAFE_INTEGER],
  ])('a body declared as %s (over the 1 GiB default cap) is refused with an ERROR before anything is allocated', async (_name, declared) => {
    const input = Buffer.concat([GETINFO, Buffer.from(`chunked 1.0,36,${declared}\n{"action":"execute","finished":true}a,b\n1,2\n`)]);
    const run = await runCommandProcess(input, { measurePeakRss: true, timeoutMs: 20000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(1);
    const replies = parseReplies(run.stdout);
    expect(inspectorMessages(replies[1])[0]).toEqual(['ERROR', expect.stringMatching(/over the limit of 1073741824 bytes/)]);
    expectPeakRssWithin(run.peakRssBytes, input.length, run.stdout.length);
  });

  it('a body declared as 900 MB (under the cap) that never arrives: truncation ERROR, memory not taken', async () => {
    const input = Buffer.concat([GETINFO, Buffer.from(`chunked 1.0,36,${900 * MB}\n{"action":"execute","finished":true}a,b\n`)]);
    const run = await runCommandProcess(input, { measurePeakRss: true, timeoutMs: 20000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(1);
    expect(inspectorMessages(parseReplies(run.stdout)[1])[0][1]).toMatch(/input ended after/);
    expectPeakRssWithin(run.peakRssBytes, input.length, run.stdout.length);
  });

  it('--max-chunk-bytes (commands.conf command.arg.N) is inclusive: a chunk of exactly the cap passes, one byte more is refused', async () => {
    const chunk = executeChunk(`Image,_chunked_idx\n${'C:\\a\\code.exe,0\n'.repeat(100)}`, true);
    const declared = chunk.length - chunk.indexOf(0x0a) - 1; // metadata + body bytes
    const at = await runCommandProcess(Buffer.concat([GETINFO, chunk]), { argv: [`--max-chunk-bytes=${declared}`], timeoutMs: 20000 });
    expect(at.status).toBe(0);
    const over = await runCommandProcess(Buffer.concat([GETINFO, chunk]), { argv: [`--max-chunk-bytes=${declared - 1}`], timeoutMs: 20000 });
    expect(over.status).toBe(1);
    expect(inspectorMessages(parseReplies(over.stdout)[1])[0][1]).toMatch(new RegExp(`over the limit of ${declared - 1} bytes`));
  });

  // Found while probing --max-chunk-bytes: with a cap above what one Buffer can hold, a declared
  // 6 GB chunk made Buffer.allocUnsafe throw a RangeError: the getinfo read in the same piece was
  // never answered, the error reply claimed to be the getinfo reply, and stderr had two lines.
  it('a declared size no Buffer can hold: getinfo answered first, then a CHUNK_TOO_LARGE ERROR', async () => {
    const input = Buffer.concat([GETINFO, Buffer.from('chunked 1.0,36,6000000000\n{}')]);
    const out = await runInProcess([input], Number.MAX_SAFE_INTEGER);
    expect(out.status).toBe(1);
    expect(out.replies).toHaveLength(2);
    expect(out.replies[0].metadata.type).toBe('stateful');
    expect(inspectorMessages(out.replies[1])[0]).toEqual(['ERROR', expect.stringMatching(/cannot be allocated/)]);
    expect(out.stderr.split('\n')).toHaveLength(1);
  });

  it('--max-chunk-bytes above what one Buffer can hold is refused at getinfo', async () => {
    const run = await runCommandProcess(GETINFO, { argv: ['--max-chunk-bytes=99999999999999999999'], timeoutMs: 20000 });
    expect(run.status).toBe(1);
    expect(inspectorMessages(parseReplies(run.stdout)[0])[0][1]).toMatch(/bad command\.arg .*--max-chunk-bytes=<bytes>, 1 to \d+/);
  });
});

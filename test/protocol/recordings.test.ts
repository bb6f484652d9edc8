import { readFileSync } from 'fs';
import { gunzipSync } from 'zlib';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { parseCsvBody } from '../../src/protocol/csvBody';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { inspectorMessages, readRecording, replyTable, runBundle } from '../helpers/protocolRun';

/** A recording's bytes (gunzipped when .gz). */
function recording(...parts: string[]): Buffer {
  const bytes = readFileSync(sharedPath('reference', 'scpv2', ...parts));
  return parts[parts.length - 1].endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/**
 * The recording with getinfo's searchinfo.args / raw_args emptied (another command's options
 * removed); every byte after the getinfo chunk is kept exactly as recorded.
 */
function withoutArgs(bytes: Buffer): Buffer {
  const newline = bytes.indexOf(0x0a);
  const [, metadataBytes, bodyBytes] = /^chunked 1\.0,(\d+),(\d+)$/.exec(bytes.subarray(0, newline).toString('latin1')) ?? [];
  const getinfoEnd = newline + 1 + Number(metadataBytes) + Number(bodyBytes);
  const [getinfo] = readRecording(bytes.subarray(0, getinfoEnd));
  const searchinfo = { ...(getinfo.metadata.searchinfo as Record<string, unknown>), args: [], raw_args: [] };
  return Buffer.concat([encodeChunk({ ...getinfo.metadata, searchinfo }, getinfo.body), bytes.subarray(getinfoEnd)]);
}

const SDK = ['splunk-sdk-python', 'scpv2-Splunk-6.3'];

describeWithShared('recorded splunkd streams (../shared/reference/scpv2)', () => {
  it('multibyte_input (Splunk 8.0.3, 9 chunks, 3-byte characters): one reply per request, byte lengths exact, rows kept', async () => {
    const input = recording('splunk-sdk-python', 'unit-data', 'multibyte_input.gz');
    const requests = readRecording(input);
    const out = await runBundle(input);
    expect(out.status).toBe(0);
    // getinfo reply + one reply per execute request, each echoing `finished`.
    expect(out.replies).toHaveLength(requests.length);
    expect(out.replies[0].metadata.type).toBe('stateful');
    for (let i = 1; i < requests.length; i++) {
      expect(out.replies[i].metadata.finished).toBe(requests[i].metadata.finished);
      const sent = parseCsvBody(requests[i].body.toString('utf8'));
      const got = replyTable(out.replies[i]);
      expect(got.rows).toHaveLength(sent.rows.length);
      const col = got.header.indexOf('teststring');
      for (const row of got.rows) expect(row[col]).toBe('ทt');
      expect(got.header).toEqual(expect.arrayContaining([...sent.header, 'IsTunnelCommand', 'RiskScore']));
    }
  });

  it('countmatches as recorded: the other command\'s options get an ERROR reply to getinfo and a non-zero exit', async () => {
    const out = await runBundle(recording(...SDK, 'countmatches.input.gz'));
    expect(out.status).not.toBe(0);
    expect(out.replies).toHaveLength(1);
    const errors = inspectorMessages(out.replies[0]).filter(([level]) => level === 'ERROR');
    expect(errors.map(([, text]) => text).join(' ')).toMatch(/fieldname/);
  });

  it('countmatches with its options removed: 500 unicode tweets (628 lines) in, 500 rows out, text unchanged', async () => {
    const input = withoutArgs(recording(...SDK, 'countmatches.input.gz'));
    const sent = parseCsvBody(readRecording(input)[1].body.toString('utf8'));
    const out = await runBundle(input);
    expect(out.status).toBe(0);
    const got = replyTable(out.replies[1]);
    // 628 lines, 500 records: some tweets hold newlines inside quotes (Python's csv module also reads 500).
    expect(sent.rows).toHaveLength(500);
    expect(got.rows).toHaveLength(500);
    const textIn = sent.header.indexOf('text');
    const textOut = got.header.indexOf('text');
    expect(got.rows.map((r) => r[textOut])).toEqual(sent.rows.map((r) => r[textIn]));
  });

  it('sum.map (16 MB, 50,000 rows) as recorded: ERROR for total=/phase= like the SDK reply, exit non-zero', async () => {
    const out = await runBundle(recording(...SDK, 'sum.map.input.gz'));
    expect(out.status).not.toBe(0);
    expect(out.replies).toHaveLength(1);
    const texts = inspectorMessages(out.replies[0]).map(([level, text]) => `${level} ${text}`).join('\n');
    // The SDK's own reply to this input (generated-sdk-2.2.0a/sum.map.unknown-options.error.output) names both options.
    expect(recording('generated-sdk-2.2.0a', 'sum.map.unknown-options.error.output').toString()).toMatch(/total=total[\s\S]*phase=map/);
    expect(texts).toMatch(/ERROR .*total/);
    expect(texts).toMatch(/ERROR .*phase/);
  });

  it('sum.map with its options removed: all 50,000 rows of full events (with _raw) come back', async () => {
    const input = withoutArgs(recording(...SDK, 'sum.map.input.gz'));
    const out = await runBundle(input);
    expect(out.status).toBe(0);
    expect(out.replies).toHaveLength(2);
    const got = replyTable(out.replies[1]);
    expect(got.rows).toHaveLength(50000);
    expect(got.header).toContain('_raw');
    expect(out.replies[1].metadata.finished).toBe(true);
  });

  it('sum.reduce with its options removed: the reduce body passes through', async () => {
    const out = await runBundle(withoutArgs(recording(...SDK, 'sum.reduce.input.gz')));
    expect(out.status).toBe(0);
    expect(replyTable(out.replies[1]).header).toEqual(expect.arrayContaining(['total', 'RiskScore']));
  });

  it('pypygeneratetext (getinfo only, then a stray newline and EOF): a probe process, exit 0 and one reply', async () => {
    const out = await runBundle(withoutArgs(recording(...SDK, 'pypygeneratetext.input.gz')));
    expect(out.status).toBe(0);
    expect(out.replies).toHaveLength(1);
    expect(out.replies[0].metadata.required_fields).toEqual(expect.arrayContaining(['Image', 'CommandLine']));
  });

  it('generatehello (hand-edited: declares 150 body bytes, sends 1): ERROR reply, non-zero exit, no hang', async () => {
    const out = await runBundle(withoutArgs(recording(...SDK, 'generatehello.input.gz')));
    expect(out.status).not.toBe(0);
    const last = out.replies[out.replies.length - 1];
    expect(inspectorMessages(last).some(([level, text]) => level === 'ERROR' && /ended after/.test(text))).toBe(true);
  });
});

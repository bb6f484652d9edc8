import { encodeMultivalue } from '../../src/protocol/csvBody';
import {
  executeChunk, getinfoChunk, inspectorMessages, pieces, replyTable, runBundle, runInProcess,
} from '../helpers/protocolRun';

const BODY_1 = 'Image,CommandLine,__mv_CommandLine,_chunked_idx\r\n' +
  'C:\\x\\code.exe,"code tunnel --accept-server-license-terms\nsecond line, with comma",,0\r\n' +
  `C:\\y\\app.exe,a,"${encodeMultivalue(['a', 'b tunnel $x'])}",1\r\n`;
const BODY_2 = 'process_path,process,_chunked_idx\n"C:\\Users\\ท\\Code.exe","serve-web --host 0.0.0.0",0\n';

function session(args: string[] = []): Buffer {
  return Buffer.concat([
    getinfoChunk(args),
    executeChunk(BODY_1, false),
    executeChunk('', false),
    executeChunk('Image,_chunked_idx\n', false),
    executeChunk(BODY_2, true),
  ]);
}

describe('idetunnelscore session (chunked protocol)', () => {
  it('answers getinfo once, then one reply per execute with the same finished value', async () => {
    const out = await runInProcess([session()]);
    expect(out.status).toBe(0);
    expect(out.replies.map((r) => r.metadata.finished)).toEqual([undefined, false, false, false, true]);
    expect(out.replies[0].metadata).toEqual({ type: 'stateful', required_fields: expect.arrayContaining(['Image', 'CommandLine', 'process_path', 'process', 'Processes.process']) });
    expect(out.replies[0].metadata.required_fields).not.toContain('_raw');
  });

  it('gives byte-identical output fed one byte at a time and as one buffer', async () => {
    const whole = await runInProcess([session()]);
    const byByte = await runInProcess(pieces(session(), 1));
    expect(byByte.stdout.equals(whole.stdout)).toBe(true);
  });

  it('echoes _chunked_idx and input cells, appends the six seed fields then the score fields, decodes __mv_ multivalues', async () => {
    const out = await runInProcess([session()]);
    const table = replyTable(out.replies[1]);
    expect(table.header).toEqual([
      'Image', 'CommandLine', '__mv_CommandLine', '_chunked_idx', 'IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore',
      'ide_tunnel_score', 'ide_tunnel_severity', 'ide_tunnel_reasons', '__mv_ide_tunnel_reasons', 'ide_tunnel_tool', 'ide_tunnel_activity',
      'mitre_technique_id', '__mv_mitre_technique_id', 'ide_tunnel_alert',
    ]);
    expect(table.rows[0].slice(0, 4)).toEqual(['C:\\x\\code.exe', 'code tunnel --accept-server-license-terms\nsecond line, with comma', '', '0']);
    expect(table.rows[0].slice(4, 10)).toEqual(['1', '1', '0', '0', '1', '2']);
    expect(table.rows[1][2]).toBe(encodeMultivalue(['a', 'b tunnel $x']));
    expect(table.rows[1].slice(3, 10)).toEqual(['1', '1', '0', '0', '0', '0', '1']);
  });

  it('answers an empty body with an empty body and a header-only body with a header', async () => {
    const out = await runInProcess([session()]);
    expect(out.replies[2].body.length).toBe(0);
    expect(replyTable(out.replies[3])).toEqual({ header: expect.arrayContaining(['Image', '_chunked_idx', 'RiskScore']), rows: [] });
  });

  it('counts reply lengths in UTF-8 bytes', async () => {
    const out = await runInProcess([session()]);
    const last = replyTable(out.replies[4]);
    expect(last.rows[0][0]).toBe('C:\\Users\\ท\\Code.exe');
    expect(last.rows[0].slice(3, 9)).toEqual(['0', '1', '0', '0', '1', '1']);
  });

  it('distributed=true declares streaming; raw=true adds _raw to required_fields', async () => {
    const out = await runInProcess([getinfoChunk(['distributed=true', 'raw=t'])]);
    expect(out.status).toBe(0);
    expect(out.replies[0].metadata.type).toBe('streaming');
    expect(out.replies[0].metadata.required_fields).toContain('_raw');
  });

  it.each([
    [['bogus=1'], /Unrecognized option: bogus.*Valid options: raw, distributed, threshold, explain/],
    [['raw=maybe'], /raw=maybe is not a boolean/],
    [['threshold=101'], /threshold=101/],
    [['raw=true', 'raw=false'], /raw is given more than once/],
    [['justaword'], /Unrecognized argument "justaword"/],
  ])('refuses options %j at getinfo with an ERROR and exit 1', async (args, pattern) => {
    const out = await runInProcess([Buffer.concat([getinfoChunk(args), executeChunk(BODY_1, true)])]);
    expect(out.status).toBe(1);
    expect(out.replies).toHaveLength(1);
    const messages = inspectorMessages(out.replies[0]);
    expect(messages.some(([level, text]) => level === 'ERROR' && pattern.test(text))).toBe(true);
  });
});

describe('the bundled command as a process', () => {
  it('a getinfo-only probe exits 0 after one reply and writes nothing else', async () => {
    const out = await runBundle(getinfoChunk());
    expect(out.status).toBe(0);
    expect(out.replies).toHaveLength(1);
    expect(out.stderr).toBe('');
  });

  it('runs a whole session with the same bytes as the in-process run', async () => {
    const [bundle, inProcess] = await Promise.all([runBundle(session()), runInProcess([session()])]);
    expect(bundle.status).toBe(0);
    expect(bundle.stdout.equals(inProcess.stdout)).toBe(true);
  });

  it('accepts a 10 MB field and returns it unchanged', async () => {
    const big = 'A'.repeat(10 * 1024 * 1024) + ' tunnel';
    const out = await runBundle(Buffer.concat([getinfoChunk(), executeChunk(`CommandLine,_chunked_idx\n${big},0\n`, true)]));
    expect(out.status).toBe(0);
    const row = replyTable(out.replies[1]).rows[0];
    expect(row[0].length).toBe(big.length);
    expect(row[0] === big).toBe(true);
    expect(row[2]).toBe('1');
  });

  const GOOD_GETINFO = getinfoChunk();
  it.each([
    ['a truncated header', Buffer.concat([GOOD_GETINFO, Buffer.from('chunked 1.0,3')])],
    ['non-numeric lengths', Buffer.concat([GOOD_GETINFO, Buffer.from('chunked 1.0,abc,def\n{}')])],
    ['invalid JSON metadata', Buffer.concat([GOOD_GETINFO, Buffer.from('chunked 1.0,9,0\n{"action"}')])],
    ['a body shorter than declared', Buffer.concat([GOOD_GETINFO, Buffer.from('chunked 1.0,37,500\n{"action":"execute","finished":true}a,b\n1,2\n')])],
    ['an unterminated CSV quote', Buffer.concat([GOOD_GETINFO, executeChunk('a,b\n"1,2\n', true)])],
    ['garbage instead of getinfo', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ])('%s: an ERROR reply, a non-zero exit, no stack trace on stdout', async (_name, input) => {
    const out = await runBundle(input, [], 20000);
    expect(out.status).not.toBe(0);
    const last = out.replies[out.replies.length - 1];
    expect(inspectorMessages(last).some(([level]) => level === 'ERROR')).toBe(true);
    expect(out.stdout.toString('latin1')).not.toMatch(/\n\s+at /);
  });

  it('refuses a bad --max-chunk-bytes process argument through the getinfo reply', async () => {
    const out = await runBundle(GOOD_GETINFO, ['--max-chunk-bytes=lots']);
    expect(out.status).toBe(1);
    expect(inspectorMessages(out.replies[0])[0][1]).toMatch(/command\.arg/);
  });

  it('refuses a chunk declared over --max-chunk-bytes', async () => {
    const out = await runBundle(Buffer.concat([GOOD_GETINFO, executeChunk('a\n' + 'x'.repeat(5000) + '\n', true)]), ['--max-chunk-bytes=1000']);
    expect(out.status).toBe(1);
    expect(inspectorMessages(out.replies[1])[0][1]).toMatch(/over the limit of 1000 bytes/);
  });
});

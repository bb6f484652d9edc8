import fc from 'fast-check';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, runInProcess } from '../helpers/protocolRun';
import { runCommandProcess } from './support/commandProcess';
import { fuzzParameters } from './support/csvFuzz';

/**
 * Options of `| idetunnelscore` (getinfo `searchinfo.args`): unknown, repeated and malformed options
 * are refused at getinfo with a message naming the option and the valid ones, and the command then
 * exits 1 without reading further. Option NAMES are case-sensitive (as in splunklib, where
 * `Option` names match exactly): `RAW=true` is unknown. Boolean VALUES are case-insensitive
 * (true/t/1/yes/y, false/f/0/no/n, as splunklib's Boolean validator). Double quotes around a value
 * are removed (`explain="short"`); single quotes are not (SPL gives them no meaning there).
 */

const VALID = /raw, distributed, threshold, explain/;
const BODY = executeChunk('Image,_chunked_idx\nC:\\a\\code.exe,0\n', true);

async function getinfoWith(args: string[]) {
  const out = await runInProcess([Buffer.concat([getinfoChunk(args), BODY])]);
  const messages = inspectorMessages(out.replies[0]);
  return { out, errors: messages.filter(([level]) => level === 'ERROR').map(([, text]) => text) };
}

describe('options: edge cases', () => {
  it.each([
    [['raw='], /raw= is not a boolean/],
    [['=true'], /Unrecognized argument "=true".*valid options: raw, distributed, threshold, explain/],
    [['RAW=true'], /Unrecognized option: RAW \(option names are case-sensitive: did you mean raw\?\)\. Valid options: raw, distributed, threshold, explain/],
    [['Raw=true'], /Unrecognized option: Raw/],
    [["raw='true'"], /raw='true' is not a boolean/],
    [['raw=true', 'raw=true'], /raw is given more than once/],
    [['raw=true', 'raw=false'], /raw is given more than once/],
    [['raw', '=', 'true'], /Unrecognized argument "raw"/],
    [['threshold=-1'], /threshold=-1 is not a whole number from 0 to 100/],
    [['threshold=1e2'], /threshold=1e2/],
    [['threshold=50.5'], /threshold=50.5/],
    [['threshold=1000'], /threshold=1000/],
    [['explain=verbose'], /explain=verbose is not one of none, short, full/],
    [['raw==true'], /raw==true is not a boolean/],
    [['bogus'], /Unrecognized argument "bogus"/],
    [['distributed=true', 'x=1', 'threshold=abc'], /Unrecognized option: x/],
  ])('%j is refused at getinfo, exit 1, one reply', async (args, pattern) => {
    const { out, errors } = await getinfoWith(args);
    expect(out.status).toBe(1);
    expect(out.replies).toHaveLength(1);
    expect(errors.some((text) => pattern.test(text))).toBe(true);
  });

  it.each([
    [['raw="true"'], { raw: true }],
    [['raw=TRUE', 'distributed=Yes'], { raw: true, distributed: true }],
    [['raw=0', 'distributed=n'], { raw: false, distributed: false }],
    [['threshold=0'], {}],
    [['threshold=100', 'explain="short"'], {}],
    [['threshold=050'], {}],
  ])('%j is accepted', async (args, effect) => {
    const { out, errors } = await getinfoWith(args);
    expect(errors).toEqual([]);
    expect(out.status).toBe(0);
    const metadata = out.replies[0].metadata as { type: string; required_fields: string[] };
    expect(metadata.type).toBe((effect as { distributed?: boolean }).distributed ? 'streaming' : 'stateful');
    expect(metadata.required_fields.includes('_raw')).toBe(Boolean((effect as { raw?: boolean }).raw));
  });

  it('an unknown option of 1 MB is refused with a short one-line message (not echoed whole)', async () => {
    const huge = `${'x'.repeat(1024 * 1024)}=1`;
    const { out, errors } = await getinfoWith([huge, `raw=${'y'.repeat(1024 * 1024)}`]);
    expect(out.status).toBe(1);
    expect(errors).toHaveLength(2);
    for (const text of errors) expect(text.length).toBeLessThan(500);
  });

  it('several bad options, with line breaks or control characters: one stderr line in all, one ERROR message each', async () => {
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(['bo\ngus=1', 'raw=\r\nfalse\u0000', 'threshold=x']), BODY]), { timeoutMs: 20000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^idetunnelscore: ERROR .*Unrecognized option.* \| .*raw=.*is not a boolean.* \| .*threshold=x/);
    const replies = parseReplies(run.stdout);
    expect(replies).toHaveLength(1);
    expect(inspectorMessages(replies[0]).filter(([level]) => level === 'ERROR')).toHaveLength(3);
  });

  it('--threads=2 from an earlier release is accepted and ignored: one search.log line, the same reply as without it', async () => {
    const input = Buffer.concat([getinfoChunk([]), BODY]);
    const plain = await runCommandProcess(input, { timeoutMs: 20000 });
    const threads = await runCommandProcess(input, { argv: ['--threads=2'], timeoutMs: 20000 });
    expect(threads.status).toBe(0);
    expect(threads.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^idetunnelscore: --threads=2 in commands.conf is ignored: the command scores on one thread/)]);
    expect(plain.stderr).toBe('');
    expect(threads.stdout.equals(plain.stdout)).toBe(true);
    expect(parseReplies(threads.stdout)).toHaveLength(2);
  });

  it('bad command.arg process arguments and bad options: one stderr line in all', async () => {
    const run = await runCommandProcess(Buffer.concat([getinfoChunk(['bogus=1']), BODY]), { argv: ['--threads=9', '--nope'], timeoutMs: 20000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(inspectorMessages(parseReplies(run.stdout)[0]).filter(([level]) => level === 'ERROR')).toHaveLength(3);
  });
});

describe('options: fuzz', () => {
  const token = fc.oneof(
    fc.constantFrom('raw', 'distributed', 'threshold', 'explain', 'RAW', 'Raw', '', '=', '"', "'", ' ', 'true', 'false', '50', '101', 'none', 'short', 'full', 'é', '\n'),
    fc.string({ maxLength: 6 }),
  );
  const argument = fc.array(token, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

  it('any arguments: either accepted with no ERROR, or refused with one-line ERRORs and exit 1 after one reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(argument, { maxLength: 5 }), async (args) => {
        const { out, errors } = await getinfoWith(args);
        if (errors.length === 0) {
          expect(out.status).toBe(0);
          expect(out.replies).toHaveLength(2);
        } else {
          expect(out.status).toBe(1);
          expect(out.replies).toHaveLength(1);
          for (const text of errors) {
            expect(text).not.toMatch(/[\r\n]/);
            expect(text.length).toBeLessThan(500);
          }
          if (errors.some((text) => /Unrecognized/.test(text))) expect(errors.some((text) => VALID.test(text))).toBe(true);
        }
      }),
      fuzzParameters(300),
    );
  });

  it('any set of valid options, in any order and spelling of values, is accepted', async () => {
    const valid = fc.record(
      {
        raw: fc.constantFrom('true', 'false', 'T', 'f', '1', '0', 'yes', 'NO', '"true"'),
        distributed: fc.constantFrom('true', 'false', 'Y', 'n'),
        threshold: fc.integer({ min: 0, max: 100 }).map(String),
        explain: fc.constantFrom('none', 'short', 'full', 'SHORT', '"full"'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(valid, fc.nat(), async (options, rotate) => {
        const args = Object.entries(options).map(([name, value]) => `${name}=${value}`);
        const rotated = args.map((_, i) => args[(i + rotate) % args.length]);
        const { out, errors } = await getinfoWith(rotated);
        expect(errors).toEqual([]);
        expect(out.status).toBe(0);
      }),
      fuzzParameters(100),
    );
  });
});

import { spawnSync } from 'child_process';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readEvents } from '../../src/readers/readEvents';
import { InputError } from '../../src/readers/sourceEvent';
import { fuzzParameters } from './support/csvFuzz';

/**
 * The CLI's readers (`idetunnel score FILE`: XmlWinEventLog lines, Windows XML exports, JSON / JSON
 * Lines, CSV) on random and mutated files (issue 19): every file is either read or refused with an
 * InputError naming the file and a line (exit status 2 from the CLI, `idetunnel: bad input:
 * FILE:LINE: problem`), never another error, a crash or a hang. Seeds: the demo XmlWinEventLog
 * (synthetic, Sysmon schema), the holdout JSON Lines (synthetic) and a CSV made from them; mutated
 * byte-wise (flips, inserted protocol/XML/JSON/CSV specials, deletions, cuts). Seeded; bounded runs.
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const XML_LINES = readFileSync(path.join(FIXTURES, 'demo', 'sysmon-demo.xmlwineventlog.log'), 'utf8').trim().split('\n').slice(0, 12);
const JSON_LINES = readFileSync(path.join(FIXTURES, 'holdout', 'holdout.jsonl'), 'utf8').trim().split('\n').slice(0, 8);
const CSV = [
  'EventCode,Image,CommandLine,host',
  '1,C:\\Users\\a\\code.exe,"code.exe tunnel --accept-server-license-terms",WS1',
  '1,"C:\\Program Files\\x.exe","x ""quoted"", y",WS2',
  '22,C:\\a\\code.exe,,WS3',
].join('\n');
const SEEDS = [
  XML_LINES.join('\n'),
  `<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${XML_LINES.slice(0, 4).map((e) => e.replace(/></g, '>\n  <')).join('\n')}\n</Events>\n`,
  JSON_LINES.join('\n'),
  `[${JSON_LINES.slice(0, 4).join(',\n')}]`,
  CSV,
];
const SPECIALS = ['<', '>', '</Event>', '<Event>', '&', '&amp;', '&#0;', '"', "'", ',', '\n', '\r\n', '{', '}', '[', ']', ':', '\\', '\u0000', '\uFEFF', 'é', '\uD800', '<!DOCTYPE x>', '<a>'.repeat(70)];

/** One mutation of a text: flip, insert, delete or cut at a position (a fraction of the length). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.noBias(fc.integer({ min: 0, max: 1000 })), text: fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.noBias(fc.integer({ min: 0, max: 1000 })), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.noBias(fc.integer({ min: 0, max: 1000 })) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.noBias(fc.integer({ min: 0, max: 1000 })), byte: fc.integer({ min: 0, max: 255 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(seed: Buffer, mutations: Mutation[]): Buffer {
  let bytes = seed;
  for (const m of mutations) {
    const at = Math.floor((bytes.length * m.at) / 1000);
    if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
    else if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (at < bytes.length) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte]), bytes.subarray(at + 1)]);
  }
  return bytes;
}

const fileBytes = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([seed, ms]) => mutate(Buffer.from(seed), ms)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...SPECIALS), { maxLength: 40 }).map((parts) => Buffer.from(parts.join(''))) },
);

const dir = mkdtempSync(path.join(tmpdir(), 'idetunnel-fuzz-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNumber = 0;

function writeInput(bytes: Buffer, extension: string): string {
  const file = path.join(dir, `input-${fileNumber++}.${extension}`);
  writeFileSync(file, bytes);
  return file;
}

describe('fuzz: CLI readers on random and mutated files', () => {
  it('every file is read, or refused with an InputError naming the file and a line >= 1', async () => {
    let refused = 0;
    let read = 0;
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.constantFrom('log', 'xml', 'jsonl', 'csv'), async (bytes, extension) => {
        const file = writeInput(bytes, extension);
        try {
          for await (const event of readEvents(file)) expect(event.line).toBeGreaterThanOrEqual(1);
          read++;
        } catch (error) {
          if (!(error instanceof InputError)) throw new Error(`not an InputError: ${(error as Error)?.stack ?? String(error)}`);
          expect(error.file).toBe(file);
          expect(error.line).toBeGreaterThanOrEqual(1);
          refused++;
        }
      }),
      fuzzParameters(400),
    );
    // both outcomes were exercised
    expect(Math.min(read, refused)).toBeGreaterThan(20);
  });

  it('through the CLI: exit 0, or exit 2 with one "bad input: FILE:LINE: problem" line; never a crash', () => {
    const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
    fc.assert(
      fc.property(fileBytes, (bytes) => {
        const file = writeInput(bytes, 'log');
        const run = spawnSync(process.execPath, [cli, 'score', '-q', file], { encoding: 'utf8', timeout: 20000 });
        expect(run.error).toBeUndefined();
        expect([0, 2]).toContain(run.status);
        const where = file.replace(/[.\\/]/g, '\\$&');
        if (run.status === 2) expect(run.stderr).toMatch(new RegExp(`^idetunnel: bad input: ${where}:[1-9]\\d*: \\S`));
        expect(run.stderr).not.toMatch(/\n\s+at /);
      }),
      fuzzParameters(8),
    );
  });
});

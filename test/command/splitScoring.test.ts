/**
 * A chunk scored in two parts (the caller's and a helper's, src/command/scoringHelper.ts) gives
 * exactly the reply of one thread: for every line start as the helper's guess (most are record
 * starts; some lie inside quoted multi-line cells, where the caller must notice and read on), with
 * a helper that declines, with bad CSV or a ragged row in the helper's part, and with `_raw` WARN
 * counts from both parts.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { CommandOptions, DEFAULT_OPTIONS } from '../../src/command/options';
import { ReplyScratch, scoreCsvBytes } from '../../src/command/scoreCsvBytes';
import { scoreSecondPart } from '../../src/command/scoreSecondPart';
import type { HelperRecords, HelperSplit, ScoringHelper } from '../../src/command/scoringHelper';
import { writeCsvBody } from '../../src/protocol/csvBody';
import { readEvents } from '../../src/readers/readEvents';

const DEMO = path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');

/** A helper on the calling thread: scores a copy of the part from `pick`'s offset at submit time. */
class InlineHelper implements ScoringHelper {
  submitted = 0;
  constructor(
    private readonly pick: (body: Buffer, firstRecord: number) => number | undefined,
    private readonly answer: (records: HelperRecords | null) => HelperRecords | null = (records) => records,
  ) {}

  submit(body: Buffer, firstRecord: number, header: readonly string[], options: CommandOptions): HelperSplit | undefined {
    const from = this.pick(body, firstRecord);
    if (from === undefined) return undefined;
    this.submitted++;
    const part = Buffer.from(body.subarray(from));
    const records = this.answer(scoreSecondPart(part, from, header, options, new ReplyScratch(), () => undefined));
    return { from, wait: () => records };
  }
}

/** Demo events as a CSV body: extracted fields plus `_raw`, with multi-line command lines mixed in. */
async function demoBody(extracted = true): Promise<Buffer> {
  const raws = readFileSync(DEMO, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const header = extracted ? ['Image', 'CommandLine', 'ParentCommandLine', 'EventCode', '_raw'] : ['_raw'];
  const rows: string[][] = [];
  let i = 0;
  for await (const event of readEvents(DEMO)) {
    const f = event.fields;
    const raw = raws[i] ?? '';
    // Every 7th row: a parent command line with line breaks (splunkd quotes it; the lines inside are not records).
    const parent = i % 7 === 0 ? `cmd /c "echo a\nb,c\r\n""quoted""\n"` : (f.ParentCommandLine ?? '');
    // Every 11th row: an Image whose inner line is itself a well-formed 5-cell record, so that a
    // helper starting there reads records of the right width that are not the body's records.
    const image = i % 11 === 0 ? `x\nA,B,C,D,E\n${f.Image ?? ''}` : (f.Image ?? '');
    rows.push(extracted ? [image, f.CommandLine ?? '', parent, f.EventCode ?? '', raw] : [raw]);
    i++;
  }
  expect(rows.length).toBeGreaterThan(300);
  return Buffer.from(writeCsvBody({ header, rows }), 'utf8');
}

/** Offsets just after each `\n` after the header: every guess a helper could make. */
function lineStarts(body: Buffer, firstRecord: number): number[] {
  const out: number[] = [];
  for (let i = body.indexOf(0x0a, firstRecord); i !== -1 && i + 1 < body.length; i = body.indexOf(0x0a, i + 1)) out.push(i + 1);
  return out;
}

function reply(result: ReturnType<typeof scoreCsvBytes>): { body: string; messages: unknown } | null {
  return result ? { body: result.body.toString('utf8'), messages: result.messages } : null;
}

/**
 * The reply with a helper: in place in a room twice the body (the helper is asked) and with no
 * room (a reply buffer: the helper is not asked, see replyFitsInPlace).
 */
function splitReplies(body: Buffer, options: CommandOptions, helper: ScoringHelper): ({ body: string; messages: unknown } | null)[] {
  const room = Buffer.alloc(body.length * 2 + 64);
  body.copy(room);
  return [
    reply(scoreCsvBytes(room.subarray(0, body.length), options, new ReplyScratch(), room, helper)),
    reply(scoreCsvBytes(Buffer.from(body), options, new ReplyScratch(), undefined, helper)),
  ];
}

const OPTIONS: CommandOptions[] = [DEFAULT_OPTIONS, { ...DEFAULT_OPTIONS, explain: 'full', threshold: 0 }];

describe('a chunk scored in two parts equals the chunk scored by one thread', () => {
  it('for every line start as the helper guess, inside quoted multi-line cells too', async () => {
    const body = await demoBody();
    for (const options of OPTIONS) {
      const expected = reply(scoreCsvBytes(Buffer.from(body), options));
      expect(expected).not.toBeNull();
      const firstRecord = body.indexOf(0x0a) + 1;
      const starts = lineStarts(body, firstRecord);
      let wrongGuesses = 0;
      let wrongButReadable = 0;
      for (const from of starts) {
        const text = body.toString('utf8', 0, from);
        // A guess inside a quoted cell has an odd number of quotes before it.
        if ((text.match(/"/g) ?? []).length % 2 === 1) wrongGuesses++;
        const helper = new InlineHelper(() => from, (records) => {
          if (records && (text.match(/"/g) ?? []).length % 2 === 1) wrongButReadable++;
          return records;
        });
        for (const split of splitReplies(body, options, helper)) expect(split).toEqual(expected);
        expect(helper.submitted).toBe(1);
      }
      expect(starts.length).toBeGreaterThan(350);
      expect(wrongGuesses).toBeGreaterThan(50);
      // Some wrong guesses give the helper well-formed records: only the caller's check catches those.
      expect(wrongButReadable).toBeGreaterThan(10);
    }
  });

  it('when the helper declines (null) or is not used (no split)', async () => {
    const body = await demoBody();
    const expected = reply(scoreCsvBytes(Buffer.from(body), DEFAULT_OPTIONS));
    const middle = (b: Buffer, first: number): number => b.indexOf(0x0a, first + ((b.length - first) >> 1)) + 1;
    for (const split of splitReplies(body, DEFAULT_OPTIONS, new InlineHelper(middle, () => null))) expect(split).toEqual(expected);
    for (const split of splitReplies(body, DEFAULT_OPTIONS, new InlineHelper(() => undefined))) expect(split).toEqual(expected);
  });

  it('does not ask the helper when the reply, projected from the first rows, would not fit in the room', async () => {
    const body = await demoBody();
    const options = { ...DEFAULT_OPTIONS, explain: 'full' as const, threshold: 0 };
    const expected = reply(scoreCsvBytes(Buffer.from(body), options));
    // A room only a little larger than the body: the reply (every row gains cells) cannot fit.
    const room = Buffer.alloc(body.length + 16);
    body.copy(room);
    const helper = new InlineHelper((b, first) => b.indexOf(0x0a, first + ((b.length - first) >> 1)) + 1);
    expect(reply(scoreCsvBytes(room.subarray(0, body.length), options, new ReplyScratch(), room, helper))).toEqual(expected);
    expect(helper.submitted).toBe(0);
  });

  it('with raw=true: `_raw` read in both parts, WARN counts of unreadable rows summed over both', async () => {
    const good = await demoBody(false);
    // Unreadable `_raw` rows in the first and the last part of the body.
    const body = Buffer.concat([Buffer.from('_raw\nnot xml at all\n'), good.subarray(good.indexOf(0x0a) + 1), Buffer.from('"<Event><broken"\n')]);
    const options = { ...DEFAULT_OPTIONS, raw: true };
    const expected = reply(scoreCsvBytes(Buffer.from(body), options));
    expect(JSON.stringify(expected?.messages)).toMatch(/2 of \d+ rows had a _raw that is not a Windows event XML/);
    const firstRecord = body.indexOf(0x0a) + 1;
    const starts = lineStarts(body, firstRecord);
    for (const from of [starts[1], starts[Math.floor(starts.length / 2)], starts[starts.length - 1]]) {
      for (const split of splitReplies(body, options, new InlineHelper(() => from))) expect(split).toEqual(expected);
    }
  });

  it('returns null (the string path then reports the exact error) for bad CSV or a ragged row in the helper part', async () => {
    const body = await demoBody();
    const cut = body.lastIndexOf(0x0a, body.length - 2) + 1;
    const unterminated = Buffer.concat([body.subarray(0, cut), Buffer.from('"open quote,x,y,1,z\n')]);
    const ragged = Buffer.concat([body.subarray(0, cut), Buffer.from('a,b\n')]);
    for (const bad of [unterminated, ragged]) {
      expect(scoreCsvBytes(Buffer.from(bad), DEFAULT_OPTIONS)).toBeNull();
      const firstRecord = bad.indexOf(0x0a) + 1;
      const middle = bad.indexOf(0x0a, firstRecord + ((bad.length - firstRecord) >> 1)) + 1;
      const helper = new InlineHelper(() => middle);
      for (const split of splitReplies(bad, DEFAULT_OPTIONS, helper)) expect(split).toBeNull();
      expect(helper.submitted).toBe(1);
    }
  });
});

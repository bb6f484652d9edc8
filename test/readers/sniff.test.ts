/* eslint-disable no-control-regex -- the tests look for ANSI escapes and NUL bytes in the output */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { expandInputs, readEvents } from '../../src/readers/readEvents';
import { SNIFF_BYTES, sniffFile } from '../../src/readers/sniff';
import { InputError, SourceEvent } from '../../src/readers/sourceEvent';
import { describeWithShared, sharedPath } from '../helpers/shared';

const dir = mkdtempSync(path.join(tmpdir(), 'idetunnel-sniff-'));
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function all(p: string): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const e of readEvents(p)) out.push(e);
  return out;
}
async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** A Sysmon EID 1 event as `wevtutil qe Microsoft-Windows-Sysmon/Operational /f:xml` prints it (synthetic values). */
const EVENT = (image: string) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID>` +
  `<TimeCreated SystemTime='2026-11-17T10:14:07.3310000Z'/><Computer>WS1</Computer></System>` +
  `<EventData><Data Name='Image'>${image}</Data><Data Name='CommandLine'>code tunnel --accept-server-license-terms</Data></EventData></Event>`;
const EXPORT = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>\r\n${EVENT('C:\\Users\\ünïcode\\code.exe')}\r\n${EVENT('C:\\b.exe')}\r\n</Events>\r\n`;

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

describe('the sniff of the first bytes', () => {
  it.each([
    ['UTF-16 LE with a BOM (Windows PowerShell 5.1 `>`)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(EXPORT, 'utf16le')])],
    ['UTF-16 LE without a BOM', Buffer.from(EXPORT, 'utf16le')],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(EXPORT)])],
    ['UTF-16 BE without a BOM', utf16be(EXPORT)],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXPORT, 'utf8')])],
  ])('reads a wevtutil XML export in %s', async (_name, bytes) => {
    const events = await all(file(`export-${bytes.length}-${bytes[0]}-${bytes[1]}.xml`, bytes));
    expect(events.map((e) => [e.line, e.fields.Image, e.fields.EventCode])).toEqual([
      [3, 'C:\\Users\\ünïcode\\code.exe', '1'],
      [4, 'C:\\b.exe', '1'],
    ]);
  });

  it('reads UTF-16 JSON Lines and CSV too', async () => {
    const jsonl = await all(file('u16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Image":"ä.exe"}\r\n{"Image":"b"}\r\n', 'utf16le')])));
    expect(jsonl.map((e) => e.fields.Image)).toEqual(['ä.exe', 'b']);
    const csv = await all(file('u16.csv', Buffer.from('Image,CommandLine\r\nc.exe,code tunnel\r\n', 'utf16le')));
    expect(csv.map((e) => [e.line, e.fields.Image])).toEqual([[2, 'c.exe']]);
  });

  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from('secret-looking-bytes')]);
  it.each([
    ['NUL bytes', 'zeros.log', Buffer.alloc(4096)],
    ['a PNG image', 'image.log', png],
    ['invalid UTF-8', 'latin.csv', Buffer.from([0x41, 0x2c, 0x42, 0x0a, 0xe9, 0xff, 0xfe, 0x41])],
  ])('refuses %s as binary without echoing its bytes', async (_name, name, bytes) => {
    const error = await refusal(sniffFile(file(name, bytes)));
    expect(error.message).toMatch(/not an event file: binary data/);
    expect(error.message).not.toMatch(/PNG|IHDR|secret|\u0000|\uFFFD/);
  });

  it('reads at most the first 64 KiB of a file: a 1 GB sparse file is refused at once', async () => {
    const sparse = path.join(dir, 'sparse.log');
    const { openSync, ftruncateSync, closeSync } = await import('fs');
    const fd = openSync(sparse, 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024);
    closeSync(fd);
    const error = await refusal(sniffFile(sparse));
    expect(error.message).toMatch(new RegExp(`binary data \\(${SNIFF_BYTES} control`));
  });

  it.each([
    ['source code', 'notes.txt', 'import { x } from "y";\nconsole.log(x);\n', /not XML, JSON or CSV/],
    ['XML that holds no Windows event', 'page.xml', '<html><body>hello</body></html>', /XML without an <Event> element/],
    ['an empty file', 'empty.json', '', /the file is empty/],
  ])('refuses %s', async (_name, name, text, problem) => {
    expect((await refusal(sniffFile(file(name, text)))).message).toMatch(problem);
  });
});

describeWithShared('.evtx files from ../shared/data', () => {
  it('are recognised by their ElfFile signature and the message says how to export them', async () => {
    const folder = sharedPath('data', 'evtx-attack-samples', 'evtx');
    const sub = readdirSync(folder, { withFileTypes: true }).find((e) => e.isDirectory());
    const sample = path.join(folder, sub!.name, readdirSync(path.join(folder, sub!.name)).find((n) => n.endsWith('.evtx'))!);
    const error = await refusal(sniffFile(sample));
    expect(error.message).toMatch(/binary Windows event log \(\.evtx\)/);
    expect(error.message).toMatch(/wevtutil qe FILE\.evtx \/lf:true \/f:xml/);
    expect(error.message).toMatch(/evtx_dump/);
    expect(error.message).not.toMatch(/Splunk|add-on/i);
  });
});

describe('folders', () => {
  it('an empty folder is an error naming it', async () => {
    const empty = path.join(dir, 'empty-folder');
    mkdirSync(path.join(empty, 'sub'), { recursive: true });
    writeFileSync(path.join(empty, 'sub', 'readme.md'), 'not an event file name');
    const error = await refusal(expandInputs([empty]));
    expect(error.message).toBe(`${empty}: no event files in this folder (looked for .log .xml .json .jsonl .ndjson .csv .txt .evtx below it)`);
  });
});

describe('linear readers', () => {
  it('a one-line JSON array of 70,000 events (ConvertTo-Json -Compress) and 200,000 tiny JSON Lines documents read completely', async () => {
    const array = file('array.json', JSON.stringify(Array.from({ length: 70000 }, (_, i) => ({ EventID: 1, Image: `C:\\p${i}.exe`, CommandLine: 'x { y } "z"' }))));
    let n = 0;
    for await (const e of readEvents(array)) if (e.fields.Image === `C:\\p${n}.exe` && e.line === 1) n++;
    expect(n).toBe(70000);
    const tiny = file('tiny.jsonl', '{"a":1}\n'.repeat(200000));
    let lines = 0;
    for await (const e of readEvents(tiny)) if (e.line === ++lines && e.fields.a === '1') continue;
    expect(lines).toBe(200000);
  }, 60000);

  it('documents and events that span the 1 MiB read pieces keep their text and line numbers', async () => {
    const filler = 'x'.repeat(3000);
    const docs = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ Image: `i${i}`, CommandLine: filler }, null, 1));
    const json = await all(file('pretty.json', docs.join('\n')));
    expect(json.map((e) => e.fields.Image)).toEqual(docs.map((_, i) => `i${i}`));
    expect(json.map((e) => e.line)).toEqual(docs.map((_, i) => 1 + i * 4));
    const xml = await all(file('big.log', Array.from({ length: 800 }, (_, i) => EVENT(`i${i}-${filler}`)).join('\n')));
    expect(xml.map((e) => [e.line, e.fields.Image])).toEqual(Array.from({ length: 800 }, (_, i) => [i + 1, `i${i}-${filler}`]));
  });
});

import fc from 'fast-check';
import { executeChunk, getinfoChunk, inspectorMessages, runInProcess } from '../helpers/protocolRun';
import { encodeFuzzTable, FuzzTable, fuzzParameters, fuzzTable, isFaithfulEcho, parseReplyCells } from './support/csvFuzz';

/**
 * Random CSV bodies (quotes, commas, CR/LF, empty cells, `__mv_` multivalues with `$` and `;`,
 * unicode, invalid UTF-8) through the command: rows in = rows out, every input field comes back
 * unchanged byte for byte, except that invalid UTF-8 may come back replaced by U+FFFD (the only
 * change allowed), `_chunked_idx` kept, one reply per request.
 * Seeded (see support/csvFuzz.ts); fast-check prints the seed and path of a failing case.
 */

function session(tables: FuzzTable[], args: string[]): Buffer {
  return Buffer.concat([
    getinfoChunk(args),
    ...tables.map((table, i) => executeChunk(encodeFuzzTable(table), i === tables.length - 1)),
  ]);
}

/** Checks one reply against its request table; returns nothing, throws (via expect) on a difference. */
function expectFieldsKept(table: FuzzTable, replyBody: Buffer): void {
  const reply = parseReplyCells(replyBody);
  expect(reply.rows).toHaveLength(table.rows.length);
  table.header.forEach((name, column) => {
    expect(reply.header[column]).toBe(name);
  });
  table.rows.forEach((row, r) => {
    row.forEach((cell, column) => {
      const echoed = reply.rows[r][column];
      if (!isFaithfulEcho(cell, echoed)) {
        throw new Error(`row ${r} field ${JSON.stringify(table.header[column])}: sent ${cell.toString('hex')}, got back ${echoed.toString('hex')}`);
      }
    });
  });
}

describe('fuzz: random CSV bodies through the command', () => {
  it('keeps every row and every input field byte for byte (U+FFFD for invalid UTF-8), one reply per request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzTable, { minLength: 1, maxLength: 4 }), fc.boolean(), async (tables, raw) => {
        const out = await runInProcess([session(tables, raw ? ['raw=true'] : [])]);
        expect(out.status).toBe(0);
        expect(out.replies).toHaveLength(tables.length + 1);
        tables.forEach((table, i) => {
          const reply = out.replies[i + 1];
          expect(reply.metadata.finished).toBe(i === tables.length - 1);
          expect(inspectorMessages(reply).filter(([level]) => level === 'ERROR')).toEqual([]);
          expectFieldsKept(table, reply.body);
        });
      }),
      fuzzParameters(150),
    );
  });

  it('answers empty and header-only bodies at any position in the session', async () => {
    const emptyOrHeader = fc.oneof(
      fc.constant<Buffer>(Buffer.alloc(0)),
      fuzzTable.map((t) => encodeFuzzTable({ ...t, rows: [] })),
      fuzzTable.map(encodeFuzzTable),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(emptyOrHeader, { minLength: 1, maxLength: 5 }), async (bodies) => {
        const input = Buffer.concat([getinfoChunk(), ...bodies.map((b, i) => executeChunk(b, i === bodies.length - 1))]);
        const out = await runInProcess([input]);
        expect(out.status).toBe(0);
        expect(out.replies.map((r) => r.metadata.finished)).toEqual([undefined, ...bodies.map((_, i) => i === bodies.length - 1)]);
        bodies.forEach((body, i) => {
          if (body.length === 0) expect(out.replies[i + 1].body.length).toBe(0);
        });
      }),
      fuzzParameters(60),
    );
  });

  it('an input column named like an output field keeps its place and gets the command\'s value', async () => {
    const body = 'RiskScore,CommandLine,_chunked_idx\n99,code tunnel --github,0\n';
    const reply = await runInProcess([Buffer.concat([getinfoChunk(), executeChunk(body, true)])]);
    const table = parseReplyCells(reply.replies[1].body);
    expect(table.header.filter((name) => name === 'RiskScore')).toHaveLength(1);
    expect(table.header.slice(0, 3)).toEqual(['RiskScore', 'CommandLine', '_chunked_idx']);
    expect(table.rows[0][0].toString()).toBe('2');
  });
});

import { createHash } from 'crypto';
import { createReadStream } from 'fs';
import { ChunkReader } from '../../src/protocol/chunkReader';
import { parseCsvBody } from '../../src/protocol/csvBody';
import { SEED_FIELD_NAMES } from '../../src/detection/seedRule';

/** What a command wrote, checked: framing, one reply per request, every row back. */
export interface OutputCheck {
  replies: number;
  rows: number;
  /** SHA-1 over the six seed fields of every row in `_chunked_idx` order (null when the output has none). */
  seedDigest: string | null;
  /** How many rows have RiskScore > 0 or a seed flag set (a sanity figure). */
  flaggedRows: number;
}

/**
 * Reads a command's reply stream strictly and checks it against the transcript: a getinfo reply, then
 * `chunks` replies, `rows` rows in all, each reply's rows matching its request's `_chunked_idx` set.
 *
 * @throws Error describing the first mismatch
 */
export async function checkOutput(file: string, chunks: number, rows: number): Promise<OutputCheck> {
  const reader = new ChunkReader({ maxChunkBytes: 2 ** 31 });
  let replies = 0;
  let total = 0;
  let flagged = 0;
  let withSeed = true;
  const digest = createHash('sha1');
  for await (const data of createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) {
    for (const chunk of reader.feed(data as Buffer)) {
      replies++;
      if (replies === 1) continue;
      const table = parseCsvBody(chunk.body.toString('utf8'), chunk.index);
      const idx = table.header.indexOf('_chunked_idx');
      const seedColumns = SEED_FIELD_NAMES.map((name) => table.header.indexOf(name));
      if (seedColumns.some((c) => c < 0)) withSeed = false;
      const ordered: string[] = new Array(table.rows.length);
      for (const row of table.rows) {
        const at = Number(row[idx]);
        if (!(at >= 0 && at < table.rows.length) || ordered[at] !== undefined) throw new Error(`reply ${replies - 1}: bad or repeated _chunked_idx ${row[idx]}`);
        const seed = withSeed ? seedColumns.map((c) => row[c]).join(',') : '';
        ordered[at] = seed;
        if (withSeed && seed !== '0,0,0,0,0,0') flagged++;
      }
      for (const seed of ordered) digest.update(seed + '\n');
      total += table.rows.length;
    }
    if (reader.failure) throw reader.failure;
  }
  reader.end();
  if (replies !== chunks + 1) throw new Error(`${replies} replies for ${chunks + 1} requests`);
  if (total !== rows) throw new Error(`${total} rows out for ${rows} in`);
  return { replies, rows: total, seedDigest: withSeed ? digest.digest('hex') : null, flaggedRows: flagged };
}

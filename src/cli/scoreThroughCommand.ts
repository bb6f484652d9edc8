import { CommandClient, errorMessages } from '../protocol/client';
import type { Table } from '../protocol/csvBody';
import type { SourceEvent } from '../readers/sourceEvent';

/** An input event with the command's output fields merged in (plain values; multivalues joined by `\n`). */
export interface ScoredEvent extends SourceEvent {
  fields: Record<string, string>;
}

/** Options of {@link scoreThroughCommand}. */
export interface ScoreOptions {
  /** Path of the bundled command (`bin/idetunnelscore.js`) or a launcher. */
  commandPath: string;
  /** The search's options, e.g. `['raw=true', 'threshold=60']`. */
  args: string[];
  /** Rows per execute chunk (splunkd sends at most 50,000). */
  chunkRows: number;
  /** Where WARN/INFO messages from the command go. */
  onMessage(level: string, text: string): void;
}

/** The command refused the session or failed; `messages` are its ERROR texts. */
export class CommandFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailedError';
  }
}

/**
 * Sends events through the command over the chunked protocol the way splunkd does: getinfo with the
 * search's options, then execute chunks holding only the command's `required_fields` plus
 * `_chunked_idx`, then a header-only chunk with `finished: true`; each reply's fields are merged back
 * into the events by `_chunked_idx` (as splunkd does for streaming commands).
 * Yields scored events chunk by chunk, in input order; memory holds one chunk.
 *
 * @throws CommandFailedError on an ERROR reply, a reply whose rows do not match the request, or a
 *   non-zero exit status
 */
export async function* scoreThroughCommand(events: AsyncIterable<SourceEvent>, options: ScoreOptions): AsyncGenerator<ScoredEvent[]> {
  const client = CommandClient.spawn(options.commandPath);
  let clean = false;
  try {
    const info = await client.getinfo(options.args);
    reportMessages(info, options);
    const errors = errorMessages(info);
    if (errors.length > 0) throw new CommandFailedError(errors.join('; '));
    const required = Array.isArray(info.required_fields) ? info.required_fields.map(String) : null;

    let batch: SourceEvent[] = [];
    const flush = async (finished: boolean): Promise<ScoredEvent[]> => {
      const sent = batch;
      batch = [];
      const reply = await client.execute(toTable(sent, required), finished);
      reportMessages(reply.metadata, options);
      const failures = errorMessages(reply.metadata);
      if (failures.length > 0) throw new CommandFailedError(failures.join('; '));
      return mergeReply(sent, reply.table);
    };
    for await (const event of events) {
      batch.push(event);
      if (batch.length >= options.chunkRows) yield await flush(false);
    }
    if (batch.length > 0) yield await flush(false);
    await flush(true);
    const status = await client.close();
    if (status !== 0) throw new CommandFailedError(`the command exited with status ${status}: ${client.stderr.trim()}`);
    clean = true;
  } finally {
    if (!clean) client.kill();
  }
}

function reportMessages(metadata: Record<string, unknown>, options: ScoreOptions): void {
  const inspector = metadata.inspector as { messages?: [string, string][] } | undefined;
  for (const [level, text] of inspector?.messages ?? []) if (level !== 'ERROR') options.onMessage(level, text);
}

/** Builds an execute body: the required fields present in the batch (all fields if none declared) + `_chunked_idx`. */
function toTable(events: readonly SourceEvent[], required: string[] | null): Table {
  const present = new Set<string>();
  for (const event of events) for (const name of Object.keys(event.fields)) present.add(name);
  const names = (required ?? [...present]).filter((name) => present.has(name) && name !== '_chunked_idx');
  const header = [...names, '_chunked_idx'];
  const rows = events.map((event, i) => [...names.map((name) => event.fields[name] ?? ''), String(i)]);
  return { header: events.length > 0 || names.length > 0 ? header : ['_chunked_idx'], rows };
}

function mergeReply(sent: readonly SourceEvent[], reply: Table): ScoredEvent[] {
  const idx = reply.header.indexOf('_chunked_idx');
  if (reply.rows.length !== sent.length || (sent.length > 0 && idx < 0)) {
    throw new CommandFailedError(`the command returned ${reply.rows.length} rows for ${sent.length} sent`);
  }
  const merged: ScoredEvent[] = sent.map((event) => ({ ...event, fields: { ...event.fields } }));
  for (const row of reply.rows) {
    const target = merged[Number(row[idx])];
    if (!target) throw new CommandFailedError(`the command returned an unknown _chunked_idx ${row[idx]}`);
    reply.header.forEach((name, i) => {
      if (name === '_chunked_idx' || name.startsWith('__mv_')) return;
      if (row[i] === '') delete target.fields[name];
      else target.fields[name] = row[i];
    });
  }
  return merged;
}

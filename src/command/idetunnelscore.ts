import { allSourceFieldNames } from '../events/fieldAliases';
import { parseCsvBody, writeCsvBody } from '../protocol/csvBody';
import type { Chunk } from '../protocol/chunkReader';
import type { CommandHandler, ExecuteResult, GetinfoResult, InspectorMessage } from '../protocol/session';
import { CommandOptions, DEFAULT_OPTIONS, parseOptions } from './options';
import { ReplyScratch, scoreCsvBytes } from './scoreCsvBytes';
import { scoreTable } from './scoreTable';
import type { ScoringWorker } from './scoringWorker';

/** How {@link createIdetunnelscoreHandler} may score execute chunks off the main thread. */
export interface HandlerThreads {
  /**
   * Starts a scoring worker thread for the session's options, or returns null when none can be
   * started here (command/scoringWorker.ts `startScoringWorker`). Only the bundled command passes
   * this; without it (tests in process, the CLI's library use) every chunk is scored in this thread.
   */
  startWorker(options: CommandOptions): ScoringWorker | null;
}

/**
 * The `idetunnelscore` command as a protocol handler: getinfo parses the options and declares the
 * command type and `required_fields`; each execute chunk is scored by {@link scoreChunk}, in this
 * thread or, with `threads`, on a worker thread from the second large chunk of a session on (see
 * {@link ScoringWorker}), so that reading the next chunk and writing the last reply overlap with it.
 *
 * @param startupErrors problems found before the session (bad process arguments from
 *   commands.conf `command.arg.N`); reported to the user in the getinfo reply
 */
export function createIdetunnelscoreHandler(startupErrors: readonly string[] = [], threads?: HandlerThreads): CommandHandler {
  let options: CommandOptions = DEFAULT_OPTIONS;
  // Reply memory for the session (the session writes each reply before the next in-thread execute).
  const scratch = new ReplyScratch();
  let worker: ScoringWorker | null | undefined;
  return {
    fallbackInfo: { type: 'stateful' },
    getinfo(metadata): GetinfoResult {
      const searchinfo = (metadata.searchinfo ?? {}) as Record<string, unknown>;
      const args = Array.isArray(searchinfo.args) ? searchinfo.args.map(String) : [];
      const parsed = parseOptions(args);
      options = parsed.options;
      const errors = [...startupErrors, ...parsed.errors];
      const messages: InspectorMessage[] = errors.map((text) => ['ERROR', `idetunnelscore: ${text}`]);
      const required = allSourceFieldNames();
      if (options.raw) required.push('_raw');
      return { reply: { type: options.distributed ? 'streaming' : 'stateful', required_fields: required }, messages };
    },
    execute(chunk: Chunk): ExecuteResult | Promise<ExecuteResult> {
      if (worker && worker.accepts(chunk)) return worker.score(chunk);
      // The worker is started at the first large chunk that is not the last one, and this chunk is
      // scored here while it starts (~40 ms): a session of small chunks or of one chunk, where no
      // reading overlaps the scoring, never pays for a thread.
      if (threads && worker === undefined && chunk.room && chunk.metadata.finished !== true) worker = threads.startWorker(options);
      return scoreChunk(chunk, options, scratch);
    },
  };
}

/**
 * Scores one execute chunk in the calling thread: over its bytes (scoreCsvBytes, reply built in
 * `chunk.room` when there is one, else in `scratch`) or, when that path declines, parsed, scored
 * and written back as a table (scoreTable). Throws ProtocolError BAD_CSV for a body that is not CSV.
 */
export function scoreChunk(chunk: Chunk, options: CommandOptions, scratch: ReplyScratch): ExecuteResult {
  const fast = scoreCsvBytes(chunk.body, options, scratch, chunk.room);
  if (fast) return fast;
  const table = parseCsvBody(chunk.body.toString('utf8'), chunk.index);
  const messages = scoreTable(table, options);
  return { body: writeCsvBody(table), messages };
}

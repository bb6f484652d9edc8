import { allSourceFieldNames } from '../events/fieldAliases';
import { parseCsvBody, writeCsvBody } from '../protocol/csvBody';
import type { Chunk } from '../protocol/chunkReader';
import type { CommandHandler, ExecuteResult, GetinfoResult, InspectorMessage } from '../protocol/session';
import { CommandOptions, DEFAULT_OPTIONS, parseOptions } from './options';
import { ReplyScratch, scoreCsvBytes } from './scoreCsvBytes';
import { scoreTable } from './scoreTable';

/**
 * The `idetunnelscore` command as a protocol handler: getinfo parses the options and declares the
 * command type and `required_fields`; each execute chunk is scored over its bytes (scoreCsvBytes)
 * or, when that path declines, parsed, scored and written back as a table (scoreTable).
 *
 * @param startupErrors problems found before the session (bad process arguments from
 *   commands.conf `command.arg.N`); reported to the user in the getinfo reply
 */
export function createIdetunnelscoreHandler(startupErrors: readonly string[] = []): CommandHandler {
  let options: CommandOptions = DEFAULT_OPTIONS;
  // Reply memory for the session (the session writes each reply before the next execute).
  const scratch = new ReplyScratch();
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
    execute(chunk: Chunk): ExecuteResult {
      const fast = scoreCsvBytes(chunk.body, options, scratch, chunk.room);
      if (fast) return fast;
      const table = parseCsvBody(chunk.body.toString('utf8'), chunk.index);
      const messages = scoreTable(table, options);
      return { body: writeCsvBody(table), messages };
    },
  };
}

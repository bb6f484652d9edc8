import { allSourceFieldNames } from '../events/fieldAliases';
import type { Chunk } from '../protocol/chunkReader';
import type { CommandHandler, ExecuteResult, GetinfoResult, InspectorMessage } from '../protocol/session';
import { BufferPool } from './bufferPool';
import { CommandOptions, DEFAULT_OPTIONS, parseOptions } from './options';
import { defaultIndexer } from './recordIndex/defaultIndexer';
import { ReplyScratch, scoreCsvBytes } from './scoreCsvBytes';

/**
 * The `idetunnelscore` command as a protocol handler: getinfo parses the options and declares the
 * command type and `required_fields`; each execute chunk is scored over its bytes (scoreCsvBytes;
 * a body that is not CSV is one BAD_CSV error naming the chunk, row and byte).
 *
 * @param startupErrors problems found before the session (bad process arguments from
 *   commands.conf `command.arg.N`); reported to the user in the getinfo reply
 */
export function createIdetunnelscoreHandler(startupErrors: readonly string[] = []): CommandHandler {
  let options: CommandOptions = DEFAULT_OPTIONS;
  // Chunk and reply memory for the session (the session writes each reply before the next execute).
  const memory = new BufferPool();
  const scratch = new ReplyScratch();
  return {
    fallbackInfo: { type: 'stateful' },
    memory,
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
      return scoreCsvBytes(chunk.body, options, scratch, memory.room(chunk.body), defaultIndexer(), chunk.index);
    },
  };
}

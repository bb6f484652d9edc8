import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import { Chunk, ChunkReader } from './chunkReader';
import { encodeChunk } from './chunkWriter';
import { parseCsvBody, Table, writeCsvBody } from './csvBody';
import { ProtocolError } from './errors';

/** Options of {@link CommandClient.spawn}. */
export interface SpawnOptions {
  /** Extra process arguments (as commands.conf `command.arg.N` would pass). */
  argv?: string[];
  /** Largest reply accepted, bytes (default 1 GiB). */
  maxChunkBytes?: number;
  /** The child's whole environment (default: this process's), e.g. splunkd's PATH and SPLUNK_HOME. */
  env?: NodeJS.ProcessEnv;
}

/** A reply chunk with its body parsed as a table. */
export interface Reply {
  metadata: Record<string, unknown>;
  table: Table;
}

/**
 * The splunkd side of a chunked-protocol session (custom search command protocol v2), driving a
 * command process over its stdin/stdout exactly as splunkd does: one getinfo, then execute chunks,
 * each answered before the next is sent. Used by the `idetunnel` CLI, the tests and the benchmark.
 * Message shapes follow the splunkd recordings in ../shared/reference/scpv2.
 */
export class CommandClient {
  private readonly reader: ChunkReader;
  private readonly replies: Chunk[] = [];
  private waiting: { resolve: (c: Chunk) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private stderrText = '';
  private readonly exited: Promise<number>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams, maxChunkBytes: number) {
    this.reader = new ChunkReader({ maxChunkBytes });
    child.stdout.on('data', (data: Buffer) => {
      try {
        for (const chunk of this.reader.feed(data)) this.deliver(chunk);
        if (this.reader.failure) this.fail(this.reader.failure);
      } catch (error) {
        this.fail(error as Error);
      }
    });
    child.stderr.on('data', (data: Buffer) => {
      this.stderrText = (this.stderrText + data.toString('utf8')).slice(-64 * 1024);
    });
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.fail(new Error(`command exited (status ${code ?? signal}) before replying${this.stderrText ? `: ${this.stderrText.trim()}` : ''}`));
        resolve(code ?? 128);
      });
    });
  }

  /**
   * Starts a command process. `command` is a script run with this Node (`.js`) or an executable.
   */
  static spawn(command: string, options: SpawnOptions = {}): CommandClient {
    const argv = options.argv ?? [];
    const child = command.endsWith('.js')
      ? spawn(process.execPath, [command, ...argv], { stdio: 'pipe', env: options.env })
      : spawn(command, argv, { stdio: 'pipe', env: options.env });
    return new CommandClient(child, options.maxChunkBytes ?? 1024 * 1024 * 1024);
  }

  /** What the command wrote to stderr (its search.log lines), last 64 KiB. */
  get stderr(): string {
    return this.stderrText;
  }

  /**
   * Sends getinfo with the given search arguments (e.g. `['raw=true']`) and returns the reply metadata.
   * `searchinfo` carries the keys splunkd sends (values are placeholders, session_key included).
   */
  async getinfo(args: readonly string[], searchinfo: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const metadata = {
      action: 'getinfo',
      preview: false,
      streaming_command_will_restart: false,
      searchinfo: {
        args: [...args],
        raw_args: [...args],
        command: 'idetunnelscore',
        app: 'idetunnel',
        owner: 'admin',
        username: 'admin',
        sid: 'idetunnel-cli',
        splunk_version: '9.4.0',
        maxresultrows: 50000,
        dispatch_dir: '',
        search: encodeURIComponent(`| idetunnelscore ${args.join(' ')}`.trim()),
        earliest_time: '0',
        latest_time: '0',
        session_key: 'not-a-real-session-key',
        splunkd_uri: 'https://127.0.0.1:8089',
        ...searchinfo,
      },
    };
    this.child.stdin.write(encodeChunk(metadata));
    return (await this.next()).metadata;
  }

  /** Sends one execute chunk (a table, or raw body bytes) and returns the reply with its body parsed. */
  async execute(body: Table | string | Buffer, finished: boolean): Promise<Reply> {
    const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : writeCsvBody(body);
    this.child.stdin.write(encodeChunk({ action: 'execute', finished }, payload));
    const reply = await this.next();
    return { metadata: reply.metadata, table: parseCsvBody(reply.body.toString('utf8'), reply.index) };
  }

  /** Closes the command's stdin (as splunkd does at the end) and resolves with its exit status. */
  async close(): Promise<number> {
    this.child.stdin.end();
    return this.exited;
  }

  /** Kills the process (for cleanup after a failure). */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  private next(): Promise<Chunk> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private deliver(chunk: Chunk): void {
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve(chunk);
    } else {
      this.replies.push(chunk);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error instanceof ProtocolError ? new Error(`bad reply from the command: ${error.message}`) : error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(this.failure);
    }
  }
}

/** Error messages (`inspector.messages` entries of level ERROR) in a reply's metadata. */
export function errorMessages(metadata: Record<string, unknown>): string[] {
  const inspector = metadata.inspector as { messages?: [string, string][] } | undefined;
  return (inspector?.messages ?? []).filter(([level]) => level === 'ERROR').map(([, text]) => text);
}

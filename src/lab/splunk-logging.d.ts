/**
 * The part of splunk-logging 0.11.1 (splunklogger.js) the replay uses. The package ships no types;
 * these follow its source. Underscored members are not in its documented API: `_sendEvents` posts one
 * batch (the body `flush()` builds), `_disableTimer` stops the `batchInterval` timer.
 */
declare module 'splunk-logging' {
  export interface LoggerConfig {
    token: string;
    url?: string;
    path?: string;
    name?: string;
    maxRetries?: number;
    maxBatchCount?: number;
    maxBatchSize?: number;
    batchInterval?: number;
  }
  /** needle request options; `strictSSL` (default false) becomes needle's `rejectUnauthorized`. */
  export interface RequestOptions {
    strictSSL?: boolean;
    rejectUnauthorized?: boolean;
    ca?: string;
    json?: boolean;
    open_timeout?: number;
    response_timeout?: number;
    read_timeout?: number;
    headers: Record<string, string>;
  }
  export interface HttpResponse {
    statusCode?: number;
  }
  export type SendCallback = (error: (Error & { code?: string }) | null, response: HttpResponse | undefined, body: unknown) => void;
  export interface Metadata {
    time?: number;
    host?: string;
    source?: string;
    sourcetype?: string;
    index?: string;
  }
  export class Logger {
    constructor(config: LoggerConfig);
    config: Required<LoggerConfig>;
    requestOptions: RequestOptions;
    serializedContextQueue: string[];
    eventsBatchSize: number;
    eventFormatter: (message: unknown, severity: string) => unknown;
    error: (error: Error, context: unknown) => void;
    send(context: { message: unknown; metadata?: Metadata }, callback?: SendCallback): void;
    flush(callback?: SendCallback): void;
    _sendEvents(context: { message: string }, callback: SendCallback): void;
    _disableTimer(): void;
  }
}

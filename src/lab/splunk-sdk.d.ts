/**
 * The part of splunk-sdk 2.0.2 the validate adapter uses (src/lab/splunkRestClient.ts), imported by
 * module path, never through the package index (which runs `require("dotenv").config()`).
 * Shapes follow lib/http.js, lib/context.js and lib/service.js.
 */
declare module 'splunk-sdk/lib/http' {
  /** What `Http.request` resolves with, or throws for a status >= 400. */
  export interface SdkResponse {
    response: { statusCode: number; headers: Record<string, unknown> };
    status: number;
    data: unknown;
    error: unknown;
  }
  export interface SdkRequestMessage {
    method: string;
    headers: Record<string, string>;
    timeout?: number;
    body: string;
    query?: Record<string, unknown>;
  }
  /** jQuery-class style base; subclasses override `makeRequest` and `parseJson`. */
  interface HttpClass {
    extend(members: Record<string, unknown>): new () => unknown;
  }
  const Http: HttpClass;
  export default Http;
}

declare module 'splunk-sdk/lib/log' {
  export const Logger: { setLevel(level: 'ALL' | 'INFO' | 'WARN' | 'ERROR' | 'NONE'): void };
}

declare module 'splunk-sdk/lib/service' {
  export interface ServiceParams {
    scheme: string;
    host: string;
    port: number;
    username?: string;
    password?: string;
    sessionKey?: string;
    /** Scheme of the Authorization header with `sessionKey`: `Splunk` (session key) or `Bearer` (authentication token). */
    authorization?: string;
    owner?: string;
    app?: string;
    /** splunkd version; 9.0.2+ selects the v2 search endpoints (search/v2/jobs, search/v2/parser). */
    version?: string;
    timeout?: number;
    autologin?: boolean;
  }
  export interface Job {
    sid: string;
    fetch(): Promise<Job>;
    properties(): Record<string, unknown>;
    results(params: Record<string, unknown>): Promise<[unknown, Job]>;
    cancel(): Promise<unknown>;
  }
  export interface Jobs {
    create(search: string, params: Record<string, unknown>): Promise<Job>;
  }
  export default class Service {
    constructor(http: unknown, params: ServiceParams);
    version: string;
    login(): Promise<unknown>;
    get(path: string, params: Record<string, unknown>): Promise<{ data: unknown; status: number }>;
    parse(query: string, params: Record<string, unknown>): Promise<unknown>;
    jobs(namespace?: { owner?: string; app?: string }): Jobs;
    disableV2SearchApi(): boolean;
  }
}

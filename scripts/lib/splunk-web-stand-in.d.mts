/** Types for ./splunk-web-stand-in.mjs (a stand-in for Splunk Web in browser tests); docs are in the .mjs. */
export interface RecordedRequest {
  method: string;
  /** splunkd path after the proxy prefix, e.g. /servicesNS/nobody/idetunnel/configs/conf-macros/ide_tunnel_index */
  path: string;
  query: Record<string, string>;
  body: string;
  form?: Record<string, string>;
  json?: unknown;
  formKeyOk: boolean;
}
export interface StandInCollection {
  canWrite: boolean;
  writeRoles: string[];
  rows: Map<string, Record<string, string>>;
}
export interface StandInState {
  user: { username: string; roles: string[] };
  macros: Map<string, string>;
  indexes: string[];
  appConf: Map<string, Record<string, string>>;
  reloads: number;
  collections: Map<string, StandInCollection>;
}
export interface StandIn {
  origin: string;
  formKey: string;
  state: StandInState;
  requests: RecordedRequest[];
  viewUrl(view: string): string;
  writes(): RecordedRequest[];
  fail(failure: { method?: string; path: RegExp; status: number; text?: string; times?: number }): void;
  close(): Promise<void>;
}
export interface StandInOptions {
  repoRoot: string;
  rootEndpoint?: string;
  locale?: string;
  app?: string;
  user?: { username: string; roles: string[] };
  macros?: Record<string, string>;
  indexes?: string[];
  collections?: Record<string, { canWrite: boolean; writeRoles?: string[]; rows?: Record<string, string>[] }>;
  search?: (search: string, params: Record<string, string>) => Record<string, unknown>[];
}
export declare function startSplunkWebStandIn(options: StandInOptions): Promise<StandIn>;
export declare function readSimpleXmlView(xml: string): {
  root: string;
  attrs: Record<string, string>;
  label: string;
  panels: string[];
  scripts: string[];
  stylesheets: string[];
};

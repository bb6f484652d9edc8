/** Types for ./web-bundle.mjs (bundles the Splunk Web pages into appserver/static/); docs are in the .mjs. */
export declare const WEB_OUT_DIR: string;
export declare const WEB_ENTRIES: Record<string, string>;
export declare function buildWebPages(root?: string): Promise<string[]>;

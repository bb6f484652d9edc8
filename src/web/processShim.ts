/**
 * The `process` splunk-sdk's lib/log.js reads (`process.env.LOG_LEVEL`), injected by esbuild into
 * the page bundles (scripts/lib/web-bundle.mjs): browsers have no `process`.
 */
export const process = { env: {} as Record<string, unknown> };

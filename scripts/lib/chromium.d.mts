/** Types for ./chromium.mjs (the system Chromium for headless browser tests); docs are in the .mjs. */
export declare const CHROMIUM_NAMES: readonly string[];
export declare const CHROMIUM_ARGS: readonly string[];
export declare const CHROMIUM_SKIP_REASON: string;
export declare class ChromiumMissingError extends Error {
  readonly code: 'CHROMIUM_MISSING';
  constructor(message: string);
}
export declare function locateChromium(env?: NodeJS.ProcessEnv): string | null;
export declare function isCI(env?: NodeJS.ProcessEnv): boolean;
export declare function findChromium(env?: NodeJS.ProcessEnv): string | null;
export declare function chromiumLaunchOptions(
  executablePath: string,
  options?: { args?: string[]; width?: number; height?: number },
): { executablePath: string; headless: true; args: string[] };

import { csvWriter, jsonLinesWriter, OutputFormat, Palette, RowWriter, TableColumn, tableWriter } from '../cli/formatRows';
import { AppContent, readAppContent } from './appContent';
import { macroClosure } from './macroClosure';
import { ManifestDetection, readManifest, rowMatches, withCorpusCases } from './manifest';
import { restCredentials } from './secrets';
import { createSplunkRestClient, SavedSearchInfo, SearchWindow, SplunkRestClient, SplunkRestOptions } from './splunkRestClient';
import { appNameProblem, LabSafetyError, labIndexProblem } from './splunkNames';
import { checkServerUrl, tlsOptions } from './tls';

/** Options of `idetunnel validate` (times in ms). */
export interface ValidateOptions {
  splunkUrl: string;
  tokenFile?: string;
  splunkVersion: string;
  app: string;
  owner: string;
  appDir: string;
  manifest: string;
  earliest: string;
  latest: string;
  cleanup: boolean;
  index?: string;
  caFile?: string;
  insecure: boolean;
  /** Accept an `http://` splunkUrl (credentials then cross the network in clear); off by default. */
  allowHttp?: boolean;
  poll: number;
  maxWait: number;
  timeout: number;
  format: OutputFormat;
}

/** One line of the validation table. */
export interface CheckRow {
  check: string;
  detection: string;
  case: string;
  expect: string;
  got: string;
  result: 'PASS' | 'FAIL' | 'INFO';
}

/** Where the output goes: the table to `out` (stdout in the CLI), notes to `err` (stderr). */
export interface ValidateIo {
  out(text: string): void;
  err(line: string): void;
  /** Characters a table line may take (default: no limit; the CLI gives the terminal's, or 120 in a pipe). */
  width?: number;
  /** Colours for PASS / FAIL (default none). */
  colours?: Palette;
}

const TABLE_FIELDS = ['check', 'detection', 'case', 'expect', 'got', 'result'];

/** The validation table's columns: the result is never cut; what was found wraps. */
function tableColumns(colours: Palette | undefined): TableColumn<CheckRow>[] {
  const resultStyle = (text: string, row: CheckRow) => (!colours ? text : row.result === 'PASS' ? colours.green(text) : row.result === 'FAIL' ? colours.red(text) : text);
  return [
    { header: 'check', value: (r) => r.check, min: 7, max: 10, overflow: 'end' },
    { header: 'detection', value: (r) => r.detection, min: 12, max: 48, overflow: 'wrap' },
    { header: 'case', value: (r) => r.case, min: 12, max: 56, overflow: 'wrap' },
    { header: 'expect', value: (r) => r.expect, min: 6, overflow: 'never' },
    { header: 'got', value: (r) => r.got, min: 16, max: 72, overflow: 'wrap' },
    { header: 'result', value: (r) => r.result, min: 6, overflow: 'never', style: resultStyle },
  ];
}

function validateWriter(format: OutputFormat, io: ValidateIo): RowWriter<CheckRow> {
  const plain = (row: CheckRow) => row as unknown as Record<string, string>;
  if (format === 'table') return tableWriter(tableColumns(io.colours), io.width ?? Infinity, io.out, io.colours?.bold);
  const inner = format === 'json' ? jsonLinesWriter(TABLE_FIELDS, io.out) : csvWriter(TABLE_FIELDS, io.out);
  return { rows: (rows) => inner.rows(rows.map(plain)), end: () => inner.end() };
}
/** The search that proves the command is registered: the parser refuses an unknown command. */
export const COMMAND_PROBE = '| makeresults | idetunnelscore';

/**
 * `idetunnel validate`: checks a lab Splunk against the app and the replay manifest.
 * 1. login (token as `Authorization: Bearer`, or user/password to /services/auth/login);
 * 2. the app is installed and enabled (`/services/apps/local/<app>`);
 * 3. the command is registered: the search parser accepts {@link COMMAND_PROBE};
 * 4. every macro the saved searches in `<appDir>/default/savedsearches.conf` use is defined in
 *    `default/macros.conf`, and the parser (app namespace, macros expanded) accepts each installed saved search;
 * 5. each detection of the manifest runs over the window and its alert/quiet cases are compared;
 * 6. with `cleanup`, every event of the dedicated lab `index` in the window is removed with
 *    `| delete` (needs the can_delete role; `delete` only hides events from search, the disk space
 *    comes back when the buckets age out or with `splunk clean eventdata -index <index>`).
 * @returns the rows and the number of FAIL rows (the CLI exits 1 when it is not 0)
 * @throws SecretError / TlsSetupError (also for an http:// URL without `allowHttp`) / LabSafetyError (the
 *   cleanup index, the app name) / ManifestError / AppContentMissingError / ConfParseError before any request
 */
export async function runValidate(
  options: ValidateOptions,
  io: ValidateIo,
  env: NodeJS.ProcessEnv = process.env,
  makeClient: (o: SplunkRestOptions) => SplunkRestClient = createSplunkRestClient,
): Promise<{ rows: CheckRow[]; failures: number }> {
  const credentials = restCredentials(env, options.tokenFile);
  checkServerUrl(options.splunkUrl, '--splunk-url', options.allowHttp, (text) => io.err(`warning: ${text}`));
  const tls = tlsOptions({ caFile: options.caFile, insecure: options.insecure }, (text) => io.err(`warning: ${text}`));
  const manifest = readManifest(options.manifest);
  const appProblem = manifest.app === undefined ? appNameProblem(options.app, '--app') : null;
  if (appProblem) throw new LabSafetyError(appProblem);
  const cleanupIndex = options.cleanup ? labIndexOf(options.index, manifest.index, options.manifest) : undefined;
  const { detections, skipped } = await withCorpusCases(manifest);
  if (skipped.length > 0) io.err(`validate: ${skipped.length} corpus cases have no field to find them by, not checked: ${skipped.join(', ')}`);
  const content = readAppContent(options.appDir);
  const client = makeClient({
    url: options.splunkUrl,
    credentials,
    tls,
    version: options.splunkVersion,
    owner: options.owner,
    app: manifest.app ?? options.app,
    timeoutMs: options.timeout,
  });
  const window: SearchWindow = { earliest: options.earliest, latest: options.latest };
  const rows: CheckRow[] = [];
  const add = (row: Omit<CheckRow, 'detection' | 'case' | 'expect'> & Partial<CheckRow>) =>
    rows.push({ detection: '', case: '', expect: '', ...row });

  try {
    const version = await client.connect();
    const login =
      credentials.kind === 'token'
        ? `token (Bearer); --splunk-version ${version}: search API ${client.searchApi()}`
        : `logged in as ${credentials.username}; splunkd ${version} (server/info): search API ${client.searchApi()}`;
    add({ check: 'login', got: login, result: 'INFO' });
    await checkApp(client, manifest.app ?? options.app, add);
    await checkCommand(client, add);
    const installed = await client.savedSearches();
    await checkMacros(client, content, installed, add);
    for (const detection of detections) await checkDetection(client, detection, installed, window, options, add);
    for (const name of content.savedSearches.keys()) {
      if (!detections.some((d) => d.name === name)) {
        add({ check: 'detection', detection: name, got: 'no cases in the manifest', result: 'INFO' });
      }
    }
    if (cleanupIndex !== undefined) await cleanup(client, cleanupIndex, window, options, add);
  } catch (error) {
    add({ check: 'splunkd', got: (error as Error).message, result: 'FAIL' });
  }

  const writer = validateWriter(options.format, io);
  writer.rows(rows);
  writer.end();
  const failures = rows.filter((r) => r.result === 'FAIL').length;
  io.err(`validate: ${rows.filter((r) => r.result === 'PASS').length} passed, ${failures} failed (window ${window.earliest} .. ${window.latest})`);
  return { rows, failures };
}

/**
 * The index `--cleanup` deletes from: `--index`, or the manifest's `index`; when both are given
 * they must be the same. Refused (LabSafetyError) when neither is given, or when it is main (any
 * case) or not a Splunk index name (a wildcard would delete from every index it matches).
 */
function labIndexOf(option: string | undefined, fromManifest: string | undefined, manifestFile: string): string {
  const index = option ?? fromManifest;
  if (index === undefined) throw new LabSafetyError('--cleanup needs --index naming the dedicated lab index the replay used (never main), or an "index" in the manifest');
  const problem = labIndexProblem(index, option !== undefined ? '--index' : `${manifestFile} "index"`);
  if (problem) throw new LabSafetyError(`--cleanup: ${problem}`);
  if (fromManifest !== undefined && index !== fromManifest) {
    throw new LabSafetyError(`--cleanup: --index ${index} is not the lab index ${fromManifest} that ${manifestFile} names`);
  }
  return index;
}

type Add = (row: Omit<CheckRow, 'detection' | 'case' | 'expect'> & Partial<CheckRow>) => void;

async function checkApp(client: SplunkRestClient, app: string, add: Add): Promise<void> {
  const info = await client.app(app);
  if (!info) add({ check: 'app', detection: app, got: `not installed (/services/apps/local/${app}: 404)`, result: 'FAIL' });
  else if (info.disabled) add({ check: 'app', detection: app, got: `installed (version ${info.version ?? '?'}) but disabled`, result: 'FAIL' });
  else add({ check: 'app', detection: app, got: `installed, version ${info.version ?? '?'}`, result: 'PASS' });
}

async function checkCommand(client: SplunkRestClient, add: Add): Promise<void> {
  const parsed = await client.parse(COMMAND_PROBE);
  if (parsed.ok && parsed.commands.includes('idetunnelscore')) {
    add({ check: 'command', case: COMMAND_PROBE, got: `parser accepts it (${parsed.commands.join(' | ')})`, result: 'PASS' });
  } else {
    add({ check: 'command', case: COMMAND_PROBE, got: parsed.ok ? `parsed without idetunnelscore: ${parsed.commands.join(' | ')}` : parsed.messages.join('; '), result: 'FAIL' });
  }
}

async function checkMacros(client: SplunkRestClient, content: AppContent, installed: SavedSearchInfo[], add: Add): Promise<void> {
  const used = new Set<string>();
  for (const [name, search] of content.savedSearches) {
    const closure = macroClosure(search, content.macros);
    closure.used.forEach((m) => used.add(m));
    for (const call of closure.undefinedCalls) add({ check: 'macro', detection: name, case: call, got: 'not defined in default/macros.conf', result: 'FAIL' });
  }
  add({ check: 'macro', got: `${used.size} macros used by ${content.savedSearches.size} saved searches (default/)`, result: 'INFO' });
  for (const [name, search] of content.savedSearches) {
    const server = installed.find((s) => s.name === name);
    if (!server) {
      add({ check: 'macro', detection: name, got: 'saved search not installed on splunkd', result: 'FAIL' });
      continue;
    }
    if (normalise(server.search) !== normalise(search)) {
      add({ check: 'macro', detection: name, got: 'installed search differs from default/savedsearches.conf (a local/ override?)', result: 'INFO' });
    }
    const parsed = await client.parse(server.search);
    if (!parsed.ok) add({ check: 'macro', detection: name, got: parsed.messages.join('; '), result: 'FAIL' });
    else if (parsed.expanded.includes('`')) add({ check: 'macro', detection: name, got: `a macro call is left after expansion: ${parsed.expanded.slice(0, 120)}`, result: 'FAIL' });
    else add({ check: 'macro', detection: name, got: 'every macro expands (search parser)', result: 'PASS' });
  }
}

function normalise(spl: string): string {
  return spl.replace(/\s+/g, ' ').trim();
}

async function checkDetection(
  client: SplunkRestClient,
  detection: ManifestDetection,
  installed: SavedSearchInfo[],
  window: SearchWindow,
  options: ValidateOptions,
  add: Add,
): Promise<void> {
  const saved = installed.find((s) => s.name === detection.name);
  if (!saved) {
    add({ check: 'detection', detection: detection.name, got: 'saved search not installed on splunkd', result: 'FAIL' });
    return;
  }
  let results: Record<string, unknown>[];
  try {
    results = await client.search(saved.search, window, options.poll, options.maxWait);
  } catch (error) {
    add({ check: 'detection', detection: detection.name, got: `search failed: ${(error as Error).message}`, result: 'FAIL' });
    return;
  }
  for (const [expect, cases] of [['alert', detection.alert], ['quiet', detection.quiet]] as const) {
    for (const c of cases) {
      const hits = results.filter((row) => rowMatches(row, c.where)).length;
      const pass = expect === 'alert' ? hits > 0 : hits === 0;
      add({ check: 'detection', detection: detection.name, case: c.case, expect, got: `${hits} of ${results.length} result rows match`, result: pass ? 'PASS' : 'FAIL' });
    }
  }
}

async function cleanup(client: SplunkRestClient, index: string, window: SearchWindow, options: ValidateOptions, add: Add): Promise<void> {
  const spl = `search index=${JSON.stringify(index)} | delete`;
  try {
    const results = await client.search(spl, window, options.poll, options.maxWait);
    const deleted = results.reduce((sum, row) => sum + (Number(row.deleted) || 0), 0);
    add({ check: 'cleanup', detection: index, case: spl, got: `${deleted} events deleted`, result: 'PASS' });
  } catch (error) {
    add({ check: 'cleanup', detection: index, case: spl, got: `${(error as Error).message} (| delete needs the can_delete role)`, result: 'FAIL' });
  }
}

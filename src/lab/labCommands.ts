import { Command, InvalidArgumentError, Option } from 'commander';
import { outputTarget, palette } from '../cli/formatRows';
import { readManifest } from './manifest';
import { runReplay } from './replayCommand';

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number >= ${min}`);
    return n;
  };
}

/** A secret was put on the command line; the message never repeats it. */
export class SecretOnCommandLineError extends Error {
  constructor(option: string, instead: string) {
    super(`${option} is refused: a command line shows in ps and shell history. Use ${instead}`);
    this.name = 'SecretOnCommandLineError';
  }
}

/** A trap for `--token`: hidden from help, refused with a message that does not echo the value. */
function tokenTrap(): Option {
  return new Option('--token <token>').hideHelp();
}

/** Adds `idetunnel replay` (and the lab's other commands) to the CLI. */
export function addLabCommands(program: Command): void {
  program
    .command('replay')
    .description(
      'send event files (the formats `score` reads) to a Splunk HTTP Event Collector for a lab run: XML events as ' +
        'XmlWinEventLog with the Sysmon/Security source, JSON/CSV as _json; times re-based so the newest event is now. ' +
        'Token from SPLUNK_HEC_TOKEN or --token-file, never the command line',
    )
    .argument('[files...]', 'event files')
    .option('--manifest <file>', 'also replay the "data" and "corpus" files of a replay manifest (paths relative to the current folder)')
    .option('--hec-url <url>', 'HEC base URL (env SPLUNK_HEC_URL)', process.env.SPLUNK_HEC_URL ?? 'https://localhost:8088')
    .option('--token-file <file>', 'file holding the HEC token (one line); default: env SPLUNK_HEC_TOKEN')
    .option('--index <index>', 'index for every event: a dedicated lab index, never main (default: the manifest\'s "index", else the token\'s default index)')
    .option('--host <host>', 'host for every event (default: the event\'s Computer)')
    .option('--sourcetype <sourcetype>', 'sourcetype for every event (default: XmlWinEventLog for XML, _json for JSON/CSV)')
    .option('--keep-time', 'send the events\' original times (default: re-base so the newest event is now)', false)
    .option('--batch-count <n>', 'splunk-logging maxBatchCount: events per POST', wholeNumber(1), 200)
    .option('--batch-bytes <n>', 'splunk-logging maxBatchSize: flush when the queued JSON exceeds this many bytes (0 = off)', wholeNumber(0), 1_000_000)
    .option('--batch-interval <ms>', 'splunk-logging batchInterval: also flush every ms (0 = off)', wholeNumber(0), 0)
    .option('--retries <n>', 'retries of a batch after a transport error or HTTP 503 / code 9 (server busy)', wholeNumber(0), 5)
    .option('--retry-delay <ms>', 'first back-off delay, doubled per retry (capped at 30 s)', wholeNumber(1), 500)
    .option('--max-in-flight <n>', 'batches awaiting a reply before reading pauses', wholeNumber(1), 4)
    .option('--timeout <ms>', 'connect and response timeout of one POST', wholeNumber(1), 30_000)
    .option('--ca-file <pem>', 'CA certificate(s) that signed the HEC server certificate')
    .option('--insecure', 'do not verify the server certificate (prints a warning)', false)
    .option('--allow-http', 'accept an http:// --hec-url: the token crosses the network in clear (prints a warning)', false)
    .option('--no-progress', 'no progress bar (it is shown only when stderr is a terminal)')
    .addOption(tokenTrap())
    .action(async (files: string[], options) => {
      if (options.token !== undefined) throw new SecretOnCommandLineError('--token', 'SPLUNK_HEC_TOKEN or --token-file FILE');
      const manifest = options.manifest ? readManifest(options.manifest) : undefined;
      if (options.index === undefined && manifest?.index !== undefined) options.index = manifest.index;
      // A corpus file listed for two detections (eventcodes split) is replayed once.
      const all = [...new Set([...(manifest ? [...manifest.data.map((d) => d.file), ...manifest.corpus.map((c) => c.file)] : []), ...files])];
      if (all.length === 0) throw new InvalidArgumentError('name event files, or --manifest FILE');
      const result = await runReplay(all, options, (line) => console.error(line));
      if (result.failed > 0) process.exitCode = 1;
    });

  program
    .command('validate')
    .description(
      'check a lab Splunk over REST (splunk-sdk): app installed, idetunnelscore registered, every macro expands, and each ' +
        'detection alerts / stays quiet on the replayed data as the manifest says. Credentials: SPLUNK_TOKEN, or ' +
        'SPLUNK_USERNAME + SPLUNK_PASSWORD, or --token-file. Exit status 1 on any FAIL',
    )
    .option('--splunk-url <url>', 'splunkd management URL (env SPLUNK_URL)', process.env.SPLUNK_URL ?? 'https://localhost:8089')
    .option('--token-file <file>', 'file holding a Splunk authentication token (one line)')
    .option('--splunk-version <version>', 'splunkd version; 9.0.2+ uses the v2 search endpoints', '9.4')
    .option('--app <app>', 'app id (namespace of the searches)', 'idetunnel')
    .option('--owner <owner>', 'owner part of the namespace (servicesNS/<owner>/<app>)', 'nobody')
    .option('--app-dir <dir>', 'folder holding the app\'s default/savedsearches.conf and default/macros.conf', '.')
    .option('--manifest <file>', 'replay manifest (expected alerts and quiet cases)', 'test/lab/replay-manifest.json')
    .option('--earliest <time>', 'start of the replayed window (epoch seconds or Splunk relative time)', '-24h')
    .option('--latest <time>', 'end of the replayed window', 'now')
    .option('--cleanup', 'afterwards delete every event of the lab --index in the window with | delete (needs the can_delete role)', false)
    .option('--index <index>', 'the lab index the replay wrote to (--cleanup deletes from it; default: the manifest\'s "index"; never main)')
    .option('--ca-file <pem>', 'CA certificate(s) that signed splunkd\'s certificate')
    .option('--insecure', 'do not verify splunkd\'s certificate (prints a warning)', false)
    .option('--allow-http', 'accept an http:// --splunk-url: credentials cross the network in clear (prints a warning)', false)
    .option('--poll <ms>', 'job status poll interval', wholeNumber(10), 1000)
    .option('--max-wait <ms>', 'longest wait for one search job', wholeNumber(100), 300_000)
    .option('--timeout <ms>', 'timeout of one REST request', wholeNumber(1), 30_000)
    .addOption(new Option('--format <format>', 'table format').choices(['table', 'json', 'csv']).default('table'))
    .addOption(tokenTrap())
    .addOption(new Option('--password <password>').hideHelp())
    .action(async (options) => {
      if (options.token !== undefined) throw new SecretOnCommandLineError('--token', 'SPLUNK_TOKEN or --token-file FILE');
      if (options.password !== undefined) throw new SecretOnCommandLineError('--password', 'SPLUNK_USERNAME and SPLUNK_PASSWORD');
      // Loaded on use: splunk-sdk is outside the bundle (scripts/build.mjs), so `score` and `replay` never need it.
      const { runValidate } = await import('./validateCommand');
      const target = outputTarget(process.stdout);
      const io = { out: (text: string) => process.stdout.write(text), err: (line: string) => console.error(line), width: target.width, colours: palette(target) };
      const { failures } = await runValidate(options, io);
      if (failures > 0) process.exitCode = 1;
    });
}

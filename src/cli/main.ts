import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../readers/sourceEvent';
import { CommandFailedError } from './scoreThroughCommand';
import { defaultCommandPath, runScore } from './scoreCommand';
import { addLabCommands } from '../lab/labCommands';

/**
 * Rows per execute chunk the CLI sends. Smaller than splunkd's 50,000: the CLI holds each chunk's
 * events, request and parsed reply at once, and at 50,000 rows of XmlWinEventLog that live set was
 * ~250 MB (1M-event file, see BENCHMARKS.md); 10,000 keeps it near 50 MB at the same speed.
 */
const CLI_CHUNK_ROWS = 10000;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

const program = new Command()
  .name('idetunnel')
  .description('IDE Tunnel Detection (MITRE ATT&CK T1219.001): score Windows/Sysmon event files without Splunk');

program
  .command('score')
  .description(
    'score events (XmlWinEventLog lines, Windows XML export, JSON/JSON Lines, or CSV) through the idetunnelscore command ' +
      'over the chunked protocol, and print the seed rule table (or the score fields with --fields score)',
  )
  .argument('<paths...>', 'event files, or folders holding them')
  .option('--all', 'print every event in file order (streaming), not only rows where the seed rule matched')
  .option('--sort', 'newest first (the default without --all)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
  .addOption(
    new Option('--fields <set>', 'columns: the seed rule table (seed), or score, severity, tool, activity and reasons (score; rows that alert)')
      .choices(['seed', 'score'])
      .default('seed'),
  )
  .addOption(new Option('--explain <level>', 'reason text passed to the command (explain=)').choices(['none', 'short', 'full']))
  .option('--threshold <score>', 'alert threshold passed to the command (threshold=)')
  .option('--command <path>', 'the command to run', defaultCommandPath())
  .option('--chunk-rows <n>', 'rows per execute chunk (splunkd sends up to 50,000)', positiveInteger, CLI_CHUNK_ROWS)
  .option('-q, --quiet', 'no summary line on stderr')
  .action(async (files: string[], options) => {
    await runScore(files, options);
  });

addLabCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof InputError) {
    console.error(`idetunnel: bad input: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof CommandFailedError) {
    console.error(`idetunnel: the command failed: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`idetunnel: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
});

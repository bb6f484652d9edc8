import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
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

/** Exit status for bad input and bad usage (a file, a line or an option the user can fix). */
const EXIT_BAD_INPUT = 2;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** A score from 0 to 100, as the command's `threshold=` takes it. */
function score(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw new InvalidArgumentError('must be a whole number from 0 to 100');
  return Number(value);
}

const program = new Command()
  .name('idetunnel')
  .description('IDE Tunnel Detection (MITRE ATT&CK T1219.001): score Windows/Sysmon event files without Splunk')
  .exitOverride((error: CommanderError) => {
    // Help and version exit 0; a bad option or argument is bad usage (2), like bad input.
    process.exit(error.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
  });

program
  .command('score')
  .description(
    'score events (XmlWinEventLog lines, Windows XML export, JSON / JSON Lines, or CSV; UTF-8 or UTF-16) through the ' +
      'idetunnelscore command over the chunked protocol and print the rows that score at or above the threshold, ' +
      'highest score first, with a summary',
  )
  .argument('<paths...>', 'event files, or folders holding them')
  .option('--min-score <score>', 'show rows scoring at least this (0-100; default: the threshold)', score)
  .option('--all', 'print every event in file order (streamed), not only the rows that score')
  .option('--sort', 'with --all: sort by score then time as the default view does (holds every row in memory)')
  .addOption(new Option('--format <format>', 'table on a terminal; json: JSON Lines with typed fields; csv: Splunk\'s CSV shape').choices(['table', 'json', 'csv']).default('table'))
  .addOption(
    new Option('--fields <set>', 'score: the score view; seed: the seed rule\'s table (its 13 fields) for the rows its search keeps, newest first')
      .choices(['score', 'seed'])
      .default('score'),
  )
  .addOption(new Option('--explain <level>', 'reason text passed to the command (explain=)').choices(['none', 'short', 'full']))
  .option('--threshold <score>', 'alert threshold passed to the command (threshold=, 0-100; default 50)', score)
  .option('--command <path>', 'the command to run', defaultCommandPath())
  .option('--chunk-rows <n>', 'rows per execute chunk (splunkd sends up to 50,000)', positiveInteger, CLI_CHUNK_ROWS)
  .option('-q, --quiet', 'no progress bar and no summary on stderr')
  .action(async (files: string[], options) => {
    await runScore(files, options);
  });

addLabCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof InputError) {
    console.error(`idetunnel: bad input: ${error.message}`);
    process.exitCode = EXIT_BAD_INPUT;
  } else if (error instanceof CommandFailedError) {
    console.error(`idetunnel: the command failed: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`idetunnel: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
});

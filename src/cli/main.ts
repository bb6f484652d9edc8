import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from './readers/sourceEvent';
import { CommandFailedError } from './scoreThroughCommand';
import { defaultCommandPath, runScore } from './scoreCommand';
import { addLabCommands } from '../lab/labCommands';

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
      'over the chunked protocol, and print the seed rule table',
  )
  .argument('<paths...>', 'event files, or folders holding them')
  .option('--all', 'print every event in file order (streaming), not only rows where the seed rule matched')
  .option('--sort', 'newest first (the default without --all)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
  .option('--threshold <score>', 'alert threshold passed to the command (threshold=)')
  .option('--command <path>', 'the command to run', defaultCommandPath())
  .option('--chunk-rows <n>', 'rows per execute chunk', positiveInteger, 50000)
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

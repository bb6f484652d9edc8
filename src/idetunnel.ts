import { program, reportError } from './cli/main';
import { addLabCommands } from './lab/labCommands';

/**
 * The `idetunnel` program (dist/cli/idetunnel.js): `score` (src/cli, for people without Splunk at
 * hand) and the lab commands (src/lab: replay over HEC, validate over REST), composed here so that
 * neither folder imports the other.
 */
addLabCommands(program);
program.parseAsync(process.argv).catch(reportError);

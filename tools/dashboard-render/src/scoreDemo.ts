/**
 * Node entry (bundled by lib/demo.mjs): reads the demo data with the CLI's readers and scores every
 * event through bin/idetunnelscore.js over the chunked protocol, exactly as `idetunnel score --all`
 * does, and returns each event's fields (source fields plus the command's output; multivalues joined
 * by "\n", _time in epoch seconds).
 */
import { readEvents } from '../../../src/readers/readEvents';
import { scoreThroughCommand } from '../../../src/cli/scoreThroughCommand';

export async function scoreDemo(file: string, commandPath: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  const batches = scoreThroughCommand(readEvents(file), {
    commandPath,
    args: ['threshold=50'],
    chunkRows: 10000,
    onMessage: () => undefined,
  });
  for await (const batch of batches) for (const event of batch) out.push(event.fields);
  return out;
}

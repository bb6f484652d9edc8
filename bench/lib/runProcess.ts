import { spawn } from 'child_process';
import { createReadStream, existsSync, openSync, closeSync, readFileSync, rmSync } from 'fs';

/** One timed run of a command process over a transcript. */
export interface RunResult {
  /** Wall time from spawn to exit, seconds (process.hrtime). */
  seconds: number;
  /** Peak resident set size of the command process, bytes (from /usr/bin/time -v, else /proc VmHWM polling). */
  peakRssBytes: number;
  status: number;
  stderr: string;
}

/** Path of GNU time when present (gives the peak RSS of the child as "Maximum resident set size"). */
export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs `command args` with the transcript streamed to its stdin through a pipe (as splunkd writes
 * to the command) and its stdout written to `outputFile`, or, with `outputFile` null, read from a
 * pipe and dropped by this process (as splunkd reads the replies). Times it from spawn to exit.
 *
 * Why timed runs use the pipe: writing ~45 MB replies to a new file made each run pay the kernel's
 * page-cache work for that file, which varied with what ran before (the same 45 MB write() took
 * 8.5 ms in one process and 95 ms in the next; narrow 1M rows 1.5 to 3.5 s for the same command).
 *
 * @param timeFile scratch file for /usr/bin/time's report
 */
export function runOnce(command: string, args: string[], transcriptFile: string, outputFile: string | null, timeFile: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const out = outputFile === null ? 'pipe' : openSync(outputFile, 'w');
    rmSync(timeFile, { force: true });
    const argv = GNU_TIME ? ['-v', '-o', timeFile, command, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(GNU_TIME ?? command, argv, { stdio: ['pipe', out, 'pipe'] });
    child.stdout?.on('data', () => undefined);
    let stderr = '';
    let peakKb = 0;
    const poll = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const m = /VmHWM:\s+(\d+) kB/.exec(status);
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            /* process gone */
          }
        }, 20);
    const { stdin, stderr: errStream } = child as unknown as { stdin: NodeJS.WritableStream & { on(e: 'error', f: () => void): void }; stderr: NodeJS.ReadableStream };
    errStream.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-8192);
    });
    stdin.on('error', () => undefined);
    createReadStream(transcriptFile, { highWaterMark: 1024 * 1024 }).pipe(stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      if (typeof out === 'number') closeSync(out);
      if (GNU_TIME && existsSync(timeFile)) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
        if (m) peakKb = Number(m[1]);
      }
      resolve({ seconds, peakRssBytes: peakKb * 1024, status: code ?? -1, stderr });
    });
  });
}

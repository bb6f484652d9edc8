import { spawnSync } from 'child_process';
import * as path from 'path';
import { executeChunk, getinfoChunk, runInProcess } from '../helpers/protocolRun';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { runCommandProcess } from './support/commandProcess';

/**
 * The `session_key` splunkd puts in getinfo's searchinfo grants access to splunkd's REST API as the
 * user: it must never reach stderr (search.log), the reply messages (job inspector) or stdout,
 * including in error paths (bad JSON metadata that contains it: V8's JSON.parse messages quote the
 * text around the error). Tested with a canary value and all its 6-character fragments.
 */

const CANARY = 'Zq8vKx3WpLm7Ry2TnB5cHd9G';
/** The placeholder key the CLI's CommandClient sends in getinfo (src/protocol/client.ts). */
const CLIENT_SESSION_KEY = 'not-a-real-session-key';

/** True when any 6-character piece of the canary appears in `text`. */
function leaksCanary(text: string): boolean {
  for (let i = 0; i + 6 <= CANARY.length; i++) if (text.includes(CANARY.slice(i, i + 6))) return true;
  return false;
}

function rawChunk(metadataText: string, body = ''): Buffer {
  return Buffer.concat([Buffer.from(`chunked 1.0,${Buffer.byteLength(metadataText)},${Buffer.byteLength(body)}\n`), Buffer.from(metadataText), Buffer.from(body)]);
}

const GOOD_EXECUTE = executeChunk('Image,CommandLine,_chunked_idx\nC:\\a\\code.exe,code tunnel,0\n', true);

const CASES: [string, Buffer][] = [
  ['a normal session', Buffer.concat([getinfoChunk([], { session_key: CANARY }), GOOD_EXECUTE])],
  ['bad options', Buffer.concat([getinfoChunk(['bogus=1', 'raw=maybe'], { session_key: CANARY }), GOOD_EXECUTE])],
  ['getinfo JSON broken right after the key', rawChunk(`{"action":"getinfo","searchinfo":{"args":[],"session_key":"${CANARY}" x}}`)],
  ['getinfo JSON with the key unquoted', rawChunk(`{"action":"getinfo","searchinfo":{"args":[],"session_key":${CANARY}}}`)],
  ['getinfo JSON cut inside the key', rawChunk(`{"action":"getinfo","searchinfo":{"session_key":"${CANARY.slice(0, 12)}`)],
  ['getinfo JSON with a control character in the key', rawChunk(`{"action":"getinfo","searchinfo":{"session_key":"${CANARY.slice(0, 12)}\u0001${CANARY.slice(12)}"}}`)],
  ['the key as the whole metadata', rawChunk(CANARY)],
  ['the key in a bad execute metadata', Buffer.concat([getinfoChunk(), rawChunk(`{"action":"execute","session_key":${CANARY}}`, 'a\n1\n')])],
  ['the key in a getinfo that is not first', Buffer.concat([encodeChunk({ action: 'execute', finished: true, searchinfo: { session_key: CANARY } }, 'a\n1\n')])],
  ['the key in a metadata length over the cap', Buffer.concat([getinfoChunk([], { session_key: CANARY }), Buffer.from(`chunked 1.0,${'9'.repeat(20)},0\n`)])],
];

describe('secrets: the session_key never appears in output', () => {
  it.each(CASES)('%s (in process): not in replies or log lines', async (_name, input) => {
    const out = await runInProcess([input]);
    expect(leaksCanary(out.stdout.toString('utf8'))).toBe(false);
    expect(leaksCanary(out.stderr)).toBe(false);
  });

  it.each(CASES)('%s (bundled process): not on stdout or stderr', async (_name, input) => {
    const run = await runCommandProcess(input, { timeoutMs: 20000 });
    expect(run.timedOut).toBe(false);
    expect(leaksCanary(run.stdout.toString('utf8'))).toBe(false);
    expect(leaksCanary(run.stderr)).toBe(false);
  });

  it('the canary check itself finds a fragment (so the tests above can fail)', () => {
    expect(leaksCanary(`Unexpected token 'Z', ..."sion_key":${CANARY.slice(0, 10)}"... is not valid JSON`)).toBe(true);
  });
});

describe('secrets: the idetunnel CLI', () => {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
  const demo = path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');

  it.each([
    ['a normal run', ['score', '--all', demo]],
    ['a run the command refuses (bad threshold)', ['score', '--threshold', '500', demo]],
  ])('%s prints neither the session key it sends nor any part of it', (_name, args) => {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60000 });
    expect(result.stdout + result.stderr).not.toMatch(new RegExp(CLIENT_SESSION_KEY.slice(0, 10)));
    expect(result.stdout.length + result.stderr.length).toBeGreaterThan(0);
  });
});

/**
 * The detection's prefilters (src/detection/prefilter.ts) only skip work: scoring with them gives
 * exactly the output of scoring without them, on every labelled corpus case, the hold-out cases,
 * the demo data, every real event in ../shared/data, and random events built from signal tokens.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { jsonEventFields } from '../../src/readers/jsonEvents';
import { readEvents } from '../../src/readers/readEvents';
import { CommandOptions, DEFAULT_OPTIONS } from '../../src/command/options';
import { KEY_WORDS } from '../../src/detection/invocations';
import { IMAGE_TOKENS, KEY_WORD_FIELDS, PROCESS_KEY_WORDS, PROCESS_PREFILTER_PATTERNS, QUIET_COMMAND_LINE } from '../../src/detection/prefilter';
import { keyWordFreeOutput, scoreEvent } from '../../src/detection/scoreEvent';
import { SEED_RULE } from '../../src/detection/seedRule';
import { recordView } from '../../src/events/eventView';
import { describeWithShared, sharedPath } from '../helpers/shared';

type Fields = Record<string, string>;

const OPTION_SETS: CommandOptions[] = [
  DEFAULT_OPTIONS,
  { ...DEFAULT_OPTIONS, threshold: 0, explain: 'short' },
  { ...DEFAULT_OPTIONS, threshold: 100, explain: 'none' },
];

/** Differences between the prefiltered and the unfiltered scorer, and how many events each path took. */
function compare(events: readonly Fields[]): { mismatches: { event: Fields; fast: unknown; full: unknown }[]; scored: number; skipped: number } {
  const mismatches: { event: Fields; fast: unknown; full: unknown }[] = [];
  let scored = 0;
  let skipped = 0;
  for (const fields of events) {
    // Each event as given and, without its EventCode, as a CIM event typed by the fields present.
    const { EventCode: _code, ...untyped } = fields;
    for (const variant of [fields, untyped]) {
      for (const options of OPTION_SETS) {
        const fast = scoreEvent(recordView(variant), options);
        const full = scoreEvent(recordView(variant), options, false);
        if (JSON.stringify(fast) !== JSON.stringify(full)) mismatches.push({ event: variant, fast, full });
        if (Object.isFrozen(fast)) skipped++;
        else scored++;
      }
    }
  }
  return { mismatches, scored, skipped };
}

/** No mismatches, and more than `atLeast` scorings took each path. */
function expectSameOutputs(events: readonly Fields[], atLeast: number): void {
  const { mismatches, scored, skipped } = compare(events);
  expect(mismatches).toEqual([]);
  expect(scored).toBeGreaterThan(atLeast);
  expect(skipped).toBeGreaterThan(atLeast);
}

function jsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

async function eventsOf(file: string): Promise<Fields[]> {
  const events: Fields[] = [];
  for await (const event of readEvents(file)) events.push(event.fields);
  return events;
}

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out.sort();
}

describe('prefiltered scoring equals unfiltered scoring', () => {
  it('on every labelled corpus case (test/corpus/*.jsonl)', () => {
    const dir = path.resolve(__dirname, '..', 'corpus');
    const events = filesUnder(dir, (f) => f.endsWith('.jsonl')).flatMap((file) =>
      jsonLines(file).map((c) => jsonEventFields((c as { event: Record<string, unknown> }).event)),
    );
    expect(events.length).toBeGreaterThan(200);
    // Both paths are exercised: the positives are scored, most noise is skipped.
    expectSameOutputs(events, 100);
  });

  it('on the hold-out cases (test/fixtures/holdout)', () => {
    const file = path.resolve(__dirname, '..', 'fixtures', 'holdout', 'holdout.jsonl');
    const events = jsonLines(file).map((c) => jsonEventFields(c as Record<string, unknown>));
    expect(events.length).toBeGreaterThanOrEqual(20);
    expect(compare(events).mismatches).toEqual([]);
  });

  it('on the demo data (test/fixtures/demo)', async () => {
    const events = await eventsOf(path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log'));
    expect(events.length).toBeGreaterThan(10);
    expectSameOutputs(events, 0);
  });
});

describeWithShared('prefiltered scoring equals unfiltered scoring on real events (../shared/data)', () => {
  it('on every event of the OTRF, evtx-attack-samples and SigmaHQ regression data', async () => {
    const root = sharedPath('data');
    const files = filesUnder(root, (f) => /\.(jsonl|json|log)$/.test(f));
    const events: Fields[] = [];
    const unreadable: string[] = [];
    for (const file of files) {
      try {
        events.push(...(await eventsOf(file)));
      } catch {
        unreadable.push(path.relative(root, file));
      }
    }
    // 3,663 EID 1 events alone (BENCHMARKS.md); the other event types come on top.
    expect(events.length).toBeGreaterThan(5000);
    expect(unreadable.length).toBeLessThan(files.length / 10);
    const { mismatches, skipped } = compare(events);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(skipped).toBeGreaterThan(events.length);
  }, 120_000);
});

/** Pieces every signal is built from (prefilter.ts tokens and their near misses), in mixed case. */
const TOKENS = [
  'code', 'Code.exe', 'code-tunnel.exe', 'code-insiders', 'cursor', 'Cursor.exe', 'devtunnel', 'DevTunnel.exe', 'tunnel', 'TUNNEL', 'tunne',
  'serve-web', 'remote-dev-server', 'remote-dev-server.sh', 'gateway', 'gateway64.exe', 'jetbrains', 'JetBrains', 'idea64.exe', 'pycharm',
  'anonymous', 'mi-client-id', 'host', 'user', 'login', 'service', 'install', 'internal-run', '--provider', 'github', '--github', '--cli', '--no-browser', '--accept-server-license-terms',
  '--name', 'x', '--parent-process-id', '1234', 'prune', 'status', 'resources\\app\\out\\cli.js', '/resources/app/out/cli.js',
  'C:\\Users\\bob\\AppData\\Local\\Temp\\', 'C:\\Program Files\\Microsoft VS Code\\', '/tmp/', '/usr/bin/', 'C:\\ProgramData\\', '\\', '/',
  ' ', ' ', ' ', '"', "'", '.exe', 'cmd', '/c', 'powershell', 'pwsh.exe', '-enc', '-e', '/e', ' -EncodedCommand ',
  Buffer.from('code tunnel', 'utf16le').toString('base64'), 'schtasks', '/create', '/tr', '/ru', 'SYSTEM', 'reg', 'add', 'sc', 'create', 'binPath=',
  'nssm', 'systemctl', 'enable', 'code-tunnel.service', '/etc/systemd/system/', '.vscode-server', '.vscode\\cli\\', '.cursor-server',
  'code_tunnel.json', 'tunnel-service.log', '.net\\devtunnel\\', 'data\\User\\History\\', 'node.exe', 'tunnels.api.visualstudio.com',
  'global.rel.tunnels.api.visualstudio.com', 'abc.devtunnels.ms', 'devtunnels.ms.', 'HKU\\S-1-5-21\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\',
  'Visual Studio Code Tunnel', 'code_tunnel', 'NT AUTHORITY\\SYSTEM', 'explorer.exe', 'winword.exe', '&&', ';', '|',
  '\u212a', '\u0130', 'ı', 'ſ',
];

/** Folders and program/file names of the tools tables (tools.ts, paths.ts, fileSignals.ts) and of other programs. */
const FOLDERS = [
  '', 'C:\\Users\\bob\\AppData\\Local\\Temp\\', 'C:\\Program Files\\Microsoft VS Code\\', 'C:\\Users\\bob\\Downloads\\', '/tmp/', '/usr/share/code/',
  'C:\\Users\\bob\\.vscode-server\\data\\User\\History\\', '/home/bob/.cursor-server/', '/home/bob/.cursor/cli/servers/Stable-1/server/',
  'C:\\Users\\bob\\.vscode\\cli\\', '/home/bob/.vscode-insiders/cli/', '/home/bob/.config/systemd/user/', '/etc/systemd/system/',
  'C:\\Users\\bob\\AppData\\Local\\Temp\\.net\\devtunnel\\abc\\', '/opt/JetBrains/Gateway/bin/', 'C:\\Windows\\System32\\',
];
const NAMES = [
  'code', 'Code', 'CODE', 'code-tunnel', 'code-insiders', 'Code - Insiders', 'code-tunnel-insiders', 'cursor', 'Cursor', 'cursor-tunnel', 'devtunnel',
  'remote-dev-server', 'jetbrains-gateway', 'gateway64', 'gateway', 'idea64', 'idea', 'pycharm64', 'webstorm64', 'goland64', 'rider64', 'clion64',
  'phpstorm64', 'rubymine64', 'datagrip64', 'jetbrains_client64', 'vscodium', 'windsurf', 'code-oss', 'node', 'powershell', 'pwsh', 'cmd',
  'schtasks', 'systemctl', 'svchost', 'notepad', 'code_tunnel', 'tunnel-service', 'code-tunnel', 'cursor-tunnel-insiders',
];
const EXTENSIONS = ['', '.exe', '.EXE', '.cmd', '.sh', '.json', '.log', '.service', '.dll', '.txt'];
const pathValue = fc.tuple(fc.constantFrom(...FOLDERS), fc.constantFrom(...NAMES), fc.constantFrom(...EXTENSIONS)).map((parts) => parts.join(''));
const value = fc.oneof(
  pathValue,
  fc.array(fc.oneof(pathValue, fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join('')),
);
const EVENT_CODES = ['1', '4688', '3', '22', '11', '12', '13', '4698', '4702', '4697', '7045', ' 1 ', '10', 'constructor'];
const FIELD_NAMES = [
  'Image', 'CommandLine', 'OriginalFileName', 'ParentImage', 'ParentCommandLine', 'User', 'QueryName', 'DestinationHostname', 'TargetFilename',
  'TargetObject', 'Details', 'TaskName', 'ServiceName', 'ImagePath', 'ServiceAccount', 'NewProcessName', 'ParentProcessName', 'SubjectUserName',
  'process_name', 'process', 'process_path',
];
const taskContent = fc.tuple(value, value).map(
  ([command, args]) =>
    `<?xml version="1.0" encoding="UTF-16"?><Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><Principals><Principal id="Author"><UserId>S-1-5-18</UserId></Principal></Principals>` +
    `<Actions Context="Author"><Exec><Command>${command.replace(/[<&]/g, '')}</Command><Arguments>${args.replace(/[<&]/g, '')}</Arguments></Exec></Actions></Task>`,
);
const randomEvent = fc
  .record(
    {
      EventCode: fc.constantFrom(...EVENT_CODES),
      TaskContent: taskContent,
      ...Object.fromEntries(FIELD_NAMES.map((name) => [name, value])),
    },
    { requiredKeys: [] },
  )
  .map((record) => record as Fields);

describe('prefiltered scoring equals unfiltered scoring on random events built from signal tokens', () => {
  it('gives identical output fields', () => {
    fc.assert(
      fc.property(randomEvent, (event) => {
        for (const options of OPTION_SETS) {
          expect(scoreEvent(recordView(event), options)).toEqual(scoreEvent(recordView(event), options, false));
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('gives identical output for every folder x program name x extension as Image, CommandLine, OriginalFileName or TargetFilename', () => {
    const events: Fields[] = [];
    for (const folder of FOLDERS) {
      for (const name of NAMES) {
        for (const extension of EXTENSIONS) {
          const p = `${folder}${name}${extension}`;
          events.push({ EventCode: '1', Image: p }, { EventCode: '1', CommandLine: p }, { EventCode: '1', Image: 'C:\\x\\y.exe', OriginalFileName: `${name}${extension}` });
          events.push({ EventCode: '11', TargetFilename: p, Image: p }, { EventCode: '22', QueryName: 'x.devtunnels.ms', Image: p });
        }
      }
    }
    const { mismatches, scored } = compare(events);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(scored).toBeGreaterThan(1000);
  });

  it('generates events that score, so the property is not vacuous', () => {
    const sample = fc.sample(randomEvent, { numRuns: 3000, seed: 42 });
    const scored = sample.filter((e) => Number(scoreEvent(recordView(e), DEFAULT_OPTIONS, false).ide_tunnel_score) > 0);
    expect(scored.length).toBeGreaterThan(30);
  });
});

/** The alternatives of a regular expression of literal words (one optional outer group), `\.` read as `.`. */
function alternatives(pattern: RegExp): string[] {
  const source = pattern.source.replace(/^\((.*)\)$/, '$1');
  expect(source).not.toMatch(/[()]/);
  return source.split('|').map((alternative) => alternative.replace(/\\\./g, '.'));
}

describe('key-word-free process events (prefilter.ts PROCESS_KEY_WORDS, scoreEvent.ts keyWordFreeOutput)', () => {
  it('every alternative of the seed evals and of the process prefilters holds a key word', () => {
    const patterns = [...SEED_RULE.map((rule) => rule.pattern), ...PROCESS_PREFILTER_PATTERNS, KEY_WORDS];
    const uncovered = patterns.flatMap(alternatives).filter((alternative) => !PROCESS_KEY_WORDS.some((word) => alternative.toLowerCase().includes(word)));
    expect(uncovered).toEqual([]);
    expect(patterns.flatMap(alternatives).length).toBeGreaterThan(40);
  });

  it('what processScan finds absent covers what it lets seedRuleBits, processMayMatch and processEvidence skip', () => {
    const holdsOne = (covering: RegExp) => (alternative: string): boolean => alternatives(covering).some((word) => alternative.toLowerCase().includes(word.toLowerCase()));
    // NO_IMAGE_WORD: the seed's Image evals; NO_COMMAND_LINE_WORD: its CommandLine evals and the grammar's key words.
    const imageEvals = SEED_RULE.filter((rule) => rule.field === 'Image').flatMap((rule) => alternatives(rule.pattern));
    const commandLineTests = [...SEED_RULE.filter((rule) => rule.field === 'CommandLine').flatMap((rule) => alternatives(rule.pattern)), ...alternatives(KEY_WORDS)];
    expect(imageEvals.filter((a) => !holdsOne(IMAGE_TOKENS)(a))).toEqual([]);
    expect(commandLineTests.filter((a) => !holdsOne(QUIET_COMMAND_LINE)(a))).toEqual([]);
    expect(imageEvals.length).toBeGreaterThanOrEqual(8);
    expect(commandLineTests.length).toBeGreaterThanOrEqual(14);
  });

  // Key words removed from a value until none is left (removing one can join another).
  const ANY_KEY_WORD = new RegExp(PROCESS_KEY_WORDS.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const withoutKeyWords = (text: string): string => {
    let out = text;
    while (out.search(ANY_KEY_WORD) !== -1) out = out.replace(ANY_KEY_WORD, '');
    return out;
  };
  const keyWordFreeEvent = randomEvent.map((event) => {
    const out: Fields = { ...event };
    for (const name of Object.keys(out)) if (KEY_WORD_FIELD_NAMES.has(name)) out[name] = withoutKeyWords(out[name]);
    return out;
  });
  const KEY_WORD_FIELD_NAMES = new Set<string>(KEY_WORD_FIELDS.flatMap((field) => [field, ...({ Image: ['process_path'], CommandLine: ['process'], OriginalFileName: ['original_file_name'], ProcessName: ['process_name'] } as Record<string, string[]>)[field] ?? []]));

  it('score as keyWordFreeOutput when their analyser is the process one or none, whatever the other fields hold', () => {
    let answered = 0;
    fc.assert(
      fc.property(keyWordFreeEvent, (event) => {
        for (const options of OPTION_SETS) {
          const expected = keyWordFreeOutput(recordView(event).values('EventCode')[0] ?? '', options);
          if (expected === null) continue;
          answered++;
          expect(scoreEvent(recordView(event), options, false)).toEqual(expected);
          expect(scoreEvent(recordView(event), options)).toEqual(expected);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(answered).toBeGreaterThan(5_000);
  });

  it('answer only for process events and events of a code no analyser reads', () => {
    expect(keyWordFreeOutput('1', DEFAULT_OPTIONS)).not.toBeNull();
    expect(keyWordFreeOutput(' 4688 ', DEFAULT_OPTIONS)).not.toBeNull();
    expect(keyWordFreeOutput('10', DEFAULT_OPTIONS)).not.toBeNull();
    for (const code of ['', '3', '22', '11', '12', '13', '4698', '4702', '4697', '7045']) expect(keyWordFreeOutput(code, DEFAULT_OPTIONS)).toBeNull();
  });
});

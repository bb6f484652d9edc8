/**
 * The rule table (src/detection/rules.ts), the seed rule's declared words and the program table
 * (src/detection/programs.ts) carry what the screen and the SPL checks derive from them.
 */
import fc from 'fast-check';
import { nameHasRole, namesWithRole, PROGRAM_TABLE } from '../../src/detection/programs';
import { SIGNALS } from '../../src/detection/rules';
import { HOSTING_ACTIVITIES } from '../../src/detection/childSignals';
import { mayHoldInvocation } from '../../src/detection/invocations';
import { GRAMMAR_ARGUMENT_WORDS, GRAMMAR_WORDS, kindScreen, QUIET_SCREEN, UNSCREENED_FIELDS } from '../../src/detection/screen';
import { SEED_RULE } from '../../src/detection/seedRule';
import { createWasmIndexer } from '../../src/command/recordIndex/wasmIndexer';
import { QUIET_WORD_SETS } from '../../src/command/recordIndex/wordSets';

/** Constraints of the WebAssembly index's word table and of screening raw CSV cells (screen.ts QUIET_SCREEN). */
function wordProblems(words: readonly string[]): string[] {
  return words.filter((w) => w.length < 4 || Buffer.byteLength(w) > 255 || !/^[\x20-\x7e]+$/.test(w) || w !== w.toLowerCase() || /["$,]/.test(w));
}

describe('the rule table', () => {
  it('gives every primary rule the fields it reads, its words and its SPL terms (unscreened identity rules: the fields only)', () => {
    const incomplete = SIGNALS.filter((r) => r.kind === 'primary').filter(
      (r) =>
        Object.keys(r.reads).length === 0 ||
        (r.unscreened !== true && (((r.words ?? []).length === 0 && r.holdsCommand !== true) || Object.keys(r.spl ?? {}).length === 0)),
    );
    expect(incomplete.map((r) => r.id)).toEqual([]);
  });

  it('screens nothing of the identity plane: its rules are unscreened and their fields open the chunk', () => {
    const unscreened = SIGNALS.filter((r) => r.unscreened === true);
    expect(unscreened.map((r) => r.id).sort()).toEqual(['identity.github-tunnel-app', 'identity.github-vscode-app', 'identity.tunnel-refresh', 'identity.tunnel-signin']);
    expect(kindScreen('sign-in').passes({ values: () => [] })).toBe(true);
    expect(UNSCREENED_FIELDS).toEqual(expect.arrayContaining(['SignInAppId', 'SignInResourceId', 'OAuthAppId']));
    expect(UNSCREENED_FIELDS).not.toContain('sourcetype');
  });

  it('reads the parent command line in exactly the rules whose activity hosts a session (childSignals.ts HOSTING_ACTIVITIES)', () => {
    const readsParent = SIGNALS.filter((r) => (r.reads.process ?? []).includes('ParentCommandLine') && r.kind === 'primary').map((r) => r.id);
    const hosting = SIGNALS.filter((r) => r.kind === 'primary' && r.matcher === 'grammar' && HOSTING_ACTIVITIES.has(r.activity ?? '')).map((r) => r.id);
    expect(readsParent.sort()).toEqual(hosting.sort());
    expect(hosting).toEqual(expect.arrayContaining(['vscode.tunnel-host', 'vscode.service-run', 'vscode.serve-web', 'devtunnel.host', 'vscode.agent-host']));
  });

  it('screens each parent field for its own words only', () => {
    const byField = new Map(QUIET_SCREEN.fields.map((f) => [f.field, f.words]));
    expect(byField.get('ParentImage')).toEqual(['servers']);
    expect(byField.get('ParentCommandLine')).not.toContain('powershell');
    expect(byField.get('ParentCommandLine')).toContain('tunnel');
  });

  it('keeps words where the screens can read them: lower-case ASCII, 4-255 bytes, no quote, comma or $', () => {
    expect(SIGNALS.flatMap((r) => wordProblems(r.words ?? []).map((w) => `${r.id}: ${w}`))).toEqual([]);
    expect(SEED_RULE.flatMap((r) => wordProblems(r.words))).toEqual([]);
    // The WebAssembly kernel's table: at most 64 words, 4,096 bytes (src/command/recordIndex/wasmIndexer.ts).
    expect(QUIET_SCREEN.words.length).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(QUIET_SCREEN.words.join(''))).toBeLessThanOrEqual(4096);
    // It holds every field's words, each once (not reduced to covering words across fields), in at most 16 word sets.
    const distinct = [...new Set(QUIET_WORD_SETS.sets.flat())];
    expect(distinct.length).toBeLessThanOrEqual(64);
    expect(Buffer.byteLength(distinct.join(''))).toBeLessThanOrEqual(4096);
    expect(QUIET_WORD_SETS.sets.length).toBeLessThanOrEqual(16);
    expect(createWasmIndexer(QUIET_WORD_SETS.sets)).not.toBeNull();
  });

  it('names an ATT&CK technique for every rule', () => {
    expect(SIGNALS.filter((r) => !/^T\d{4}(\.\d{3})?$/.test(r.technique)).map((r) => r.id)).toEqual([]);
  });

  it('gives a pattern to every pattern rule, and only to them', () => {
    expect(SIGNALS.filter((r) => (r.matcher === 'pattern') !== (r.pattern !== undefined)).map((r) => r.id)).toEqual([]);
  });

  it('looks for an argument word only as a whole argument: `code agent host`, not UserAgent in a browser\'s flags', () => {
    expect(GRAMMAR_ARGUMENT_WORDS).toEqual(['agent']);
    for (const text of ['code agent host --tunnel', 'code.exe "agent" host', "Start-Process code -ArgumentList 'agent','host'", 'agent host', 'code AGENT host'])
      expect({ text, holds: mayHoldInvocation(text) }).toEqual({ text, holds: true });
    for (const text of ['Teams.exe --enable-features=UserAgentClientHint', 'chrome.exe --user-agent=x', 'CreateNamedPipe.exe msagent_fedac123', 'C:\\Windows\\System32\\WaaSMedicAgent.exe', 'agent.exe run'])
      expect({ text, holds: mayHoldInvocation(text) }).toEqual({ text, holds: false });
    expect(mayHoldInvocation('UserAgent code tunnel')).toBe(true);
  });

  it('derives the grammar key words from the grammar rules', () => {
    expect([...GRAMMAR_WORDS].sort()).toEqual(['agent', 'anonymous', 'gateway', 'mi-client-id', 'remote-dev-server', 'serve-web', 'tunnel']);
  });
});

/** Every rule with a pattern: the seed's evals and the table's pattern rules. */
const PATTERNS = [
  ...SEED_RULE.map((r) => ({ name: `seed ${r.name}`, pattern: r.pattern as RegExp, words: r.words as readonly string[] })),
  ...SIGNALS.filter((r) => r.pattern !== undefined).map((r) => ({ name: r.id, pattern: r.pattern as RegExp, words: r.words ?? [] })),
];

describe.each(PATTERNS.map((p) => [p.name, p] as const))('the matches of %s', (_name, { pattern, words }) => {
  const holdsWord = (text: string): boolean => words.some((w) => text.toLowerCase().includes(w));

  it('each hold one of its declared words (strings generated from the pattern, in any case)', () => {
    const unanchored = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    // fast-check generates from a pattern without the `i` flag; the case is then mixed at random.
    const matching = fc
      .stringMatching(new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gi]/g, '')))
      .chain((text) => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')));
    fc.assert(
      fc.property(fc.tuple(fc.string({ maxLength: 6 }), matching, fc.string({ maxLength: 6 })), ([before, match, after]) => {
        const found = unanchored.exec(before + match + after);
        expect(found).not.toBeNull();
        expect(holdsWord(found![0])).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('has no match in a text without its words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        if (!holdsWord(text)) expect(pattern.test(text)).toBe(false);
      }),
    );
  });
});

describe('the program table', () => {
  it('keeps the two script-host lists apart by role: a parent (context.ts) and a process asking for a relay (networkSignals.ts)', () => {
    const parent = (name: string): boolean => nameHasRole(name, 'script-host', 'proxy-exec');
    const asker = (name: string): boolean => nameHasRole(name, 'script-host', 'shell', 'downloader');
    // Both: the LOLBAS script hosts. Parent only: proxy execution (hh, wmic, forfiles, pcalua, regsvcs).
    // Asker only: shells and downloaders (as a parent a shell is read by its arguments instead).
    expect(['wscript', 'mshta', 'regasm'].map((n) => [parent(n), asker(n)])).toEqual([[true, true], [true, true], [true, true]]);
    expect(['hh', 'wmic', 'forfiles', 'pcalua', 'regsvcs'].map((n) => [parent(n), asker(n)])).toEqual(Array(5).fill([true, false]));
    expect(['cmd', 'powershell', 'pwsh', 'certutil', 'bitsadmin'].map((n) => [parent(n), asker(n)])).toEqual(Array(5).fill([false, true]));
  });

  it('lists each name once per role, with a source for every group', () => {
    for (const group of PROGRAM_TABLE) {
      expect(new Set(group.names).size).toBe(group.names.length);
      expect(group.source.length).toBeGreaterThan(5);
      expect(group.names.every((n) => n === n.toLowerCase() && !n.endsWith('.exe'))).toBe(true);
    }
    expect(namesWithRole('powershell')).toEqual(['powershell', 'pwsh', 'powershell_ise']);
  });
});

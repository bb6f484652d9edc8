import type { EventView } from '../events/eventView';

/**
 * The reference rule's six `eval` fields, exactly as the seed detection writes them
 * (source: ../shared/seed/ide-tunneling-detection.txt, "SPL Detection Query"):
 *
 *     | eval IsTunnelCommand=if(match(CommandLine, "(?i)tunnel"), 1, 0)
 *     | eval IsCodeCLI=if(match(Image, "(?i)(code\.exe|code-tunnel|code-insiders)"), 1, 0)
 *     | eval IsJetBrains=if(match(Image, "(?i)(jetbrains-gateway|gateway\.exe|remote-dev-server|idea|pycharm)"), 1, 0)
 *     | eval HasGitHubAuth=if(match(CommandLine, "(?i)(--github|github|--provider\s+github)"), 1, 0)
 *     | eval IsHeadless=if(match(CommandLine, "(?i)(--cli|--no-browser|--accept-server-license-terms|serve-web)"), 1, 0)
 *     | eval RiskScore=IsTunnelCommand + HasGitHubAuth + IsHeadless
 *
 * SPL `match` is an unanchored PCRE search; `(?i)` is JavaScript's `i` flag (without the `u` flag,
 * so only ASCII letters fold, as in the patterns). PCRE's `\s` is ASCII white space, so it is spelled
 * `[\t\n\x0B\f\r ]` here (JavaScript's `\s` would also match U+00A0 and other Unicode spaces).
 * A missing field never matches (`match(null, ...)` is false); a multivalue field matches when any
 * value does (SPL `match` on a multivalue field).
 * `words`: literal words (lower-case ASCII) every match of the pattern holds in any ASCII case
 * (test/detection/rules.test.ts proves it); the screen (screen.ts) reads them.
 */
export const SEED_RULE = [
  { name: 'IsTunnelCommand', field: 'CommandLine', pattern: /tunnel/i, words: ['tunnel'] },
  { name: 'IsCodeCLI', field: 'Image', pattern: /(code\.exe|code-tunnel|code-insiders)/i, words: ['code'] },
  { name: 'IsJetBrains', field: 'Image', pattern: /(jetbrains-gateway|gateway\.exe|remote-dev-server|idea|pycharm)/i, words: ['gateway', 'remote-dev-server', 'idea', 'pycharm'] },
  // eslint-disable-next-line no-control-regex -- \x0B is part of PCRE's \s
  { name: 'HasGitHubAuth', field: 'CommandLine', pattern: /(--github|github|--provider[\t\n\x0B\f\r ]+github)/i, words: ['github'] },
  { name: 'IsHeadless', field: 'CommandLine', pattern: /(--cli|--no-browser|--accept-server-license-terms|serve-web)/i, words: ['--cli', '--no-browser', '--accept-server-license-terms', 'serve-web'] },
] as const;

/** The seed's output fields, in the seed's `table` order. */
export const SEED_FIELD_NAMES = ['IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore'] as const;

/** One 0/1 flag per seed eval, and RiskScore = IsTunnelCommand + HasGitHubAuth + IsHeadless (0-3). */
export type SeedFields = Record<(typeof SEED_FIELD_NAMES)[number], number>;

/**
 * The five seed flags of an event as bits: bit i is SEED_RULE[i] (IsTunnelCommand = 1,
 * IsCodeCLI = 2, IsJetBrains = 4, HasGitHubAuth = 8, IsHeadless = 16). No per-row objects or
 * closures (a `.some(closure)` per flag and a flags object per row cost ~170 ms on narrow 1M rows).
 */
export function seedRuleBits(event: EventView): number {
  let bits = 0;
  for (let i = 0; i < SEED_RULE.length; i++) {
    const { field, pattern } = SEED_RULE[i];
    for (const value of event.values(field)) {
      if (pattern.test(value)) {
        bits |= 1 << i;
        break;
      }
    }
  }
  return bits;
}

/** The seed's fields from {@link seedRuleBits}. */
export function seedFieldsOf(bits: number): SeedFields {
  const flags = {} as SeedFields;
  SEED_RULE.forEach(({ name }, i) => (flags[name] = (bits >> i) & 1));
  flags.RiskScore = flags.IsTunnelCommand + flags.HasGitHubAuth + flags.IsHeadless;
  return flags;
}

/** Applies the seed rule to an event's resolved `Image` and `CommandLine` values. */
export function evaluateSeedRule(event: EventView): SeedFields {
  return seedFieldsOf(seedRuleBits(event));
}

/** The seed's `where IsTunnelCommand=1 OR IsCodeCLI=1 OR IsJetBrains=1`. */
export function seedWhere(fields: SeedFields): boolean {
  return fields.IsTunnelCommand === 1 || fields.IsCodeCLI === 1 || fields.IsJetBrains === 1;
}

/**
 * The SPL macros that find events in an index hold exactly the terms the rules declare for them
 * (src/detection/rules.ts `spl`), and those terms find every positive corpus event as Splunk would
 * index it: its `_raw` split at Splunk's breakers (segmenters.conf), not searched as a substring.
 */
import * as path from 'path';
import { requireSetting } from '../../src/appconf/parser';
import { identityPrefilterTerms } from '../../src/detection/identityApps';
import { SIGNALS, SignalRule, SplMacro } from '../../src/detection/rules';
import { matchedSignals } from '../../src/detection/scoreEvent';
import { recordView } from '../../src/events/eventView';
import { readCorpus } from '../../src/eval/corpus';
import { renderEventXml } from '../../src/lab/eventXml';
import { loadConf } from './helpers/appFiles';

const macros = loadConf('default/macros.conf');

/** The OR-ed terms of a macro: the whole definition in parentheses, or a tstats `where ... by` clause. */
function termsOf(definition: string): string[] {
  const where = /\bwhere (.*?) by /.exec(definition);
  const list = (where ? where[1] : definition).trim().replace(/^\((.*)\)$/, '$1');
  return list.split(' OR ').map((term) => term.trim());
}

/** What the rules declare for a macro, each term once, in table order. */
function declaredTerms(macro: SplMacro, rules: readonly SignalRule[] = SIGNALS): string[] {
  return [...new Set(rules.flatMap((rule) => rule.spl?.[macro] ?? []))];
}

/** The text the macro's terms should be (in table order), for the failure message. */
function expectedText(macro: SplMacro): string {
  return `(${declaredTerms(macro).join(' OR ')})`;
}

/** Problems of one macro against the rules: a missing term names the macro; an extra term has no rule. */
function macroProblems(macro: SplMacro, rules: readonly SignalRule[] = SIGNALS): string[] {
  const held = termsOf(requireSetting(macros, macro, 'definition'));
  const declared = declaredTerms(macro, rules);
  const problems = declared.filter((t) => !held.includes(t)).map((t) => `[${macro}] lacks ${t}; expected terms ${expectedText(macro)}`);
  problems.push(...held.filter((t) => !declared.includes(t)).map((t) => `[${macro}] holds ${t}, which no rule declares; expected terms ${expectedText(macro)}`));
  return problems;
}

const MACROS: SplMacro[] = ['ide_tunnel_prefilter', 'ide_tunnel_cim_process_prefilter', 'ide_tunnel_cim_dns', 'ide_tunnel_cim_web'];

describe('SPL macros against the rules\' declared SPL terms', () => {
  it.each(MACROS)('[%s] holds exactly the terms the rules declare for it', (macro) => {
    expect(macroProblems(macro)).toEqual([]);
  });

  it('names the macro that lacks the term of a new rule, with the text it should hold', () => {
    const madeUp = { ...SIGNALS[0], id: 'test.made-up', spl: { ide_tunnel_prefilter: ['zqxfrob'] } } as SignalRule;
    const problems = macroProblems('ide_tunnel_prefilter', [...SIGNALS, madeUp]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\[ide_tunnel_prefilter\] lacks zqxfrob; expected terms \(tunnel OR /);
  });
});

/** Splunk's default breakers (segmenters.conf [default] MAJOR and MINOR, without the URL-encoded forms). */
const MAJOR = /[\s[\]<>(){}|!;,'"*&?+]|--/;
const MINOR = /[/:=@.\-$#%\\_]/;

/** The indexed segments of a text: major segments and their minor pieces, lower case. */
function segments(raw: string): Set<string> {
  const out = new Set<string>();
  for (const major of raw.toLowerCase().split(new RegExp(MAJOR.source, 'g'))) {
    if (major === '') continue;
    out.add(major);
    for (const minor of major.split(new RegExp(MINOR.source, 'g'))) if (minor !== '') out.add(minor);
  }
  return out;
}

/**
 * True when a search term (`tunnel`, `code_tunnel`, `"serve-web"`) finds the text: each of its minor
 * pieces is an indexed segment, and the term stands in the text between breakers (Splunk looks the
 * pieces up in the index, then checks the phrase in `_raw`).
 */
function termFinds(term: string, raw: string): boolean {
  // `(agent host)`: both terms (SPL's implicit AND).
  const all = /^\((.*)\)$/.exec(term);
  if (all) return all[1].split(' ').every((part) => termFinds(part, raw));
  const bare = term.replace(/^"(.*)"$/, '$1').toLowerCase();
  const indexed = segments(raw);
  if (!bare.split(new RegExp(`${MAJOR.source}|${MINOR.source}`, 'g')).every((piece) => piece === '' || indexed.has(piece))) return false;
  const text = raw.toLowerCase();
  const breaker = (c: string | undefined): boolean => c === undefined || MAJOR.test(c) || MINOR.test(c);
  for (let at = text.indexOf(bare); at >= 0; at = text.indexOf(bare, at + 1)) {
    if (breaker(text[at - 1]) && breaker(text[at + bare.length])) return true;
  }
  return false;
}

/** A data model term `Model.field="*x*"`: the CIM field's value (`field` or `Model.field`) holds x (tstats wildcard match). */
function cimTermFinds(term: string, fields: Record<string, string>): boolean {
  const m = /^(\w+)\.(\w+)="\*(.*)\*"$/.exec(term);
  // The CIM name (`url`), or the data model's as tstats returns it (`Web.url`).
  return m !== null && [fields[m[2]], fields[`${m[1]}.${m[2]}`]].some((value) => (value ?? '').toLowerCase().includes(m[3].toLowerCase()));
}

interface Case {
  id: string;
  label: string;
  event: Record<string, string>;
}

/** The positive corpus cases, their events as Splunk extracts them (nested JSON flattened, src/eval/corpus.ts). */
function positives(): Case[] {
  return readCorpus(path.resolve(__dirname, '..', 'corpus')).filter((c) => c.label === 'positive');
}

/**
 * `_raw` as the lab replays a corpus event (src/lab/hecEvent.ts): Windows event XML for events from an
 * XmlWinEventLog source, else the JSON record HEC indexes for `_json`.
 */
function rawOf(event: Record<string, string>): string {
  const source = event.source ?? '';
  if (source.startsWith('XmlWinEventLog:')) return renderEventXml(event, source.slice('XmlWinEventLog:'.length), event._time);
  const record = Object.fromEntries(Object.entries(event).filter(([k]) => !['_time', 'source', 'sourcetype', 'index'].includes(k)));
  return JSON.stringify(record);
}

describe('every positive corpus event is found by one of its rules\' SPL terms', () => {
  const cases = positives();

  it('reads the positives of every file', () => {
    expect(cases.length).toBeGreaterThan(80);
  });

  it('as Splunk splits its _raw (XmlWinEventLog, or the _json record), or by its data model term', () => {
    const missed: string[] = [];
    for (const c of cases) {
      const ids = new Set(matchedSignals(recordView(c.event)).map((m) => m.id));
      const rules = SIGNALS.filter((r) => r.kind === 'primary' && ids.has(r.id as never));
      const raw = rawOf(c.event);
      // Unscreened identity rules are found by ide_tunnel_identity_prefilter (identityApps.ts, test/app/identityMacros.test.ts).
      const identity = rules.length > 0 && rules.every((r) => r.unscreened === true);
      const found =
        rules.some((r) => (r.spl?.ide_tunnel_prefilter ?? []).some((t) => termFinds(t, raw))) ||
        rules.some((r) => [...(r.spl?.ide_tunnel_cim_process_prefilter ?? []), ...(r.spl?.ide_tunnel_cim_dns ?? []), ...(r.spl?.ide_tunnel_cim_web ?? [])].some((t) => cimTermFinds(t, c.event))) ||
        (identity && identityPrefilterTerms().some((t) => termFinds(`"${t}"`, raw)));
      if (!found) missed.push(`${c.id} (rules ${[...ids].join(', ') || 'none'})`);
    }
    expect(missed).toEqual([]);
  });

  it('splits as Splunk does: a term is found between breakers, not inside a word', () => {
    expect(termFinds('tunnel', "<Data Name='Image'>C:\\x\\devtunnel.exe</Data>")).toBe(false);
    expect(termFinds('devtunnel', "<Data Name='Image'>C:\\x\\devtunnel.exe</Data>")).toBe(true);
    expect(termFinds('tunnels', 'global.rel.tunnels.api.visualstudio.com')).toBe(true);
    expect(termFinds('code_tunnel', 'C:\\Users\\a\\.vscode\\cli\\code_tunnel.json')).toBe(true);
    expect(termFinds('"serve-web"', 'code serve-web --host 0.0.0.0')).toBe(true);
    expect(termFinds('"serve-web"', 'code serve-webx')).toBe(false);
  });
});

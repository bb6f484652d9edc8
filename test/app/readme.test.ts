/**
 * The admin README (app/README.md) keeps its promises: the sections the packaging work and admins
 * rely on exist, its SPL examples use macros that exist, its Sysmon fragment is well-formed XML
 * that keeps the event types the detections need, and every macro meant to be overridden is named.
 */
import { parseStringPromise } from 'xml2js';
import { loadConf, readRepoText } from './helpers/appFiles';
import { expandMacros } from '../../src/appconf/macros';

const readme = readRepoText('app/README.md');
const macros = loadConf('default/macros.conf');
const blocks = (lang: string): string[] => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

describe('app/README.md', () => {
  it.each([
    'Requirements',
    'Node runtime and launchers',
    'Install',
    'Configuration',
    'Data readiness',
    'Troubleshooting',
    'What Splunk Cloud support means',
    'First install in a lab: checklist',
  ])('has the section "%s"', (heading) => {
    expect(readme).toMatch(new RegExp(`^## ${heading.replace(/[().]/g, '\\$&')}$`, 'm'));
  });

  it('names Node 18, search heads, indexers for distributed=true, and Enterprise Security for the Risk stanzas', () => {
    expect(readme).toMatch(/Node\.js 18 or later/);
    expect(readme).toMatch(/distributed=true/);
    expect(readme).toMatch(/\*\*`\.\.\. - Risk`\*\* stanzas \*\*need Splunk Enterprise Security\*\*/);
  });

  it('documents every macro meant to be overridden and every filter macro', () => {
    const documented = [
      'ide_tunnel_index',
      'ide_tunnel_wineventlog_index',
      'ide_tunnel_threshold',
      'ide_tunnel_prefilter',
      'ide_tunnel_correlation_min_score',
      'ide_tunnel_correlation_min_evidence',
      'ide_tunnel_summariesonly',
      ...[...macros.stanzas.keys()].filter((name) => name.endsWith('_filter')),
    ];
    for (const name of documented) expect({ name, documented: readme.includes(`\`${name}\``) }).toEqual({ name, documented: true });
  });

  it('uses only macros that exist in its SPL examples', () => {
    const spl = blocks('spl');
    expect(spl.length).toBeGreaterThan(2);
    for (const example of spl) expect(() => expandMacros(example, macros)).not.toThrow();
  });

  it('gives a well-formed Sysmon fragment with the event types for EventCode 1, 3, 11, 13 and 22', async () => {
    const [xml] = blocks('xml');
    const parsed = (await parseStringPromise(xml)) as { Sysmon: { EventFiltering: { RuleGroup: Record<string, unknown>[] }[] } };
    const types = parsed.Sysmon.EventFiltering[0].RuleGroup.flatMap((group) => Object.keys(group).filter((k) => k !== '$'));
    expect(types.sort()).toEqual(['DnsQuery', 'FileCreate', 'NetworkConnect', 'ProcessCreate', 'RegistryEvent']);
  });

  it('gives the audit policy for Security 4698', () => {
    expect(readme).toContain('auditpol /set /subcategory:"Other Object Access Events" /success:enable');
  });
});

/**
 * The hunting reports ("- Hunt": unscheduled, run by an analyst) and the scheduled search that keeps
 * the tool-use baseline they compare against ("- Baseline", disabled like every scheduled search).
 * Habits from splunk/security_content: hunting searches carry a description and end in their own
 * _filter macro; baselines write a lookup and alert on nothing.
 */
import { loadConf, savedSearches } from './helpers/appFiles';
import { expandMacros, findMacroCalls, macroStanzaName } from '../../src/appconf/macros';

const macros = loadConf('default/macros.conf');
const searches = savedSearches();
const hunts = [...searches.keys()].filter((n) => n.endsWith(' - Hunt'));
const get = (name: string, key: string): string => searches.get(name)?.get(key) ?? '';
const macroCalls = (name: string): string[] => findMacroCalls(get(name, 'search')).map(macroStanzaName);
const expanded = (name: string): string => expandMacros(get(name, 'search'), macros);

describe('hunting searches', () => {
  it('are the first-tool-use, rare-name and off-hours hunts', () => {
    expect(hunts.sort()).toEqual([
      'IDE Tunnel - First Tool Use per Host or User - Hunt',
      'IDE Tunnel - Rare Tunnel Names and Binaries - Hunt',
      'IDE Tunnel - Tunnels Started Outside Working Hours - Hunt',
    ]);
  });

  it.each(hunts)('%s is an unscheduled report over the last 7 days with a description', (name) => {
    expect(get(name, 'enableSched')).toBe('0');
    expect(get(name, 'cron_schedule')).toBe('');
    expect(get(name, 'alert.track')).toBe('');
    expect(get(name, 'dispatch.earliest_time')).toBe('-7d@d');
    expect(get(name, 'description').length).toBeGreaterThan(80);
  });

  it.each(hunts)('%s scores with idetunnelscore and applies the allowlist through exactly one _filter macro of its own', (name) => {
    expect(expanded(name)).toMatch(/\| idetunnelscore threshold=50\b/);
    const filters = macroCalls(name).filter((m) => m.endsWith('_filter'));
    expect(filters).toHaveLength(1);
    expect(expandMacros(`\`${filters[0]}\``, macros)).toContain('lookup idetunnel_allowlist_lookup');
    const others = [...searches.keys()].filter((n) => n !== name);
    for (const other of others) expect({ other, shares: macroCalls(other).includes(filters[0]) }).toEqual({ other, shares: false });
    // entity fields first, so the allowlist sees dest, user and process_path
    expect(expanded(name).indexOf('eval dest=case(')).toBeLessThan(expanded(name).indexOf('lookup idetunnel_allowlist_lookup'));
  });

  it('compares first use with the baseline per host and per user', () => {
    const spl = expanded('IDE Tunnel - First Tool Use per Host or User - Hunt');
    expect(spl).toContain('lookup idetunnel_tool_baseline_lookup entity AS host_key tool AS ide_tunnel_tool OUTPUT first_seen AS host_baseline_first_seen');
    expect(spl).toContain('lookup idetunnel_tool_baseline_lookup entity AS user_key tool AS ide_tunnel_tool OUTPUT first_seen AS user_baseline_first_seen');
  });

  it('keeps rare names to the rare-hosts knob, and off-hours to the working-hours macro', () => {
    expect(expanded('IDE Tunnel - Rare Tunnel Names and Binaries - Hunt')).toMatch(/where hosts <= 2\b/);
    expect(get('IDE Tunnel - Tunnels Started Outside Working Hours - Hunt', 'search')).toContain('NOT `ide_tunnel_working_hours`');
  });
});

describe('tool-use baseline', () => {
  const name = 'IDE Tunnel - Tool Use - Baseline';

  it('ships disabled, scheduled hourly over touching windows that end 5 minutes ago', () => {
    expect(get(name, 'disabled')).toBe('1');
    expect(get(name, 'enableSched')).toBe('1');
    expect(get(name, 'cron_schedule')).toBe('7 * * * *');
    expect([get(name, 'dispatch.earliest_time'), get(name, 'dispatch.latest_time')]).toEqual(['-65m@m', '-5m@m']);
    expect(get(name, 'alert.track')).toBe('');
  });

  it('merges with what the collection holds before writing it back', () => {
    expect(expanded(name)).toMatch(/inputlookup append=true idetunnel_tool_baseline_lookup\s*\| stats min\(first_seen\) as first_seen max\(last_seen\) as last_seen sum\(count\) as count by entity, tool\s*\| outputlookup idetunnel_tool_baseline_lookup$/);
  });

  it('writes the lookup the hunt reads: a KV store collection with the same fields', () => {
    const transforms = loadConf('default/transforms.conf').stanzas.get('idetunnel_tool_baseline_lookup')?.settings;
    const collection = loadConf('default/collections.conf').stanzas.get('idetunnel_tool_baseline')?.settings;
    expect(transforms?.get('collection')).toBe('idetunnel_tool_baseline');
    const fields = (transforms?.get('fields_list') ?? '').split(/,\s*/).filter((f) => f !== '_key');
    expect(fields.sort()).toEqual([...(collection?.keys() ?? [])].filter((k) => k.startsWith('field.')).map((k) => k.slice(6)).sort());
  });
});

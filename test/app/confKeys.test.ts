/**
 * Every setting the app's conf files use is one Splunk knows, so a typo (alert.supress.fields) fails
 * here instead of being silently ignored by splunkd. Key lists from the Splunk Enterprise 9.x/10.x
 * .conf.spec files (app.conf, macros.conf, savedsearches.conf, searchbnf.conf, collections.conf,
 * transforms.conf, default.meta.conf) for the keys this app uses, plus the Enterprise Security
 * alert-action keys (action.risk.*, action.correlationsearch.*, action.notable) that ES's own
 * savedsearches.conf spec adds.
 */
import { loadConf } from './helpers/appFiles';

const KNOWN: Record<string, { stanzas?: Record<string, string[]>; any?: (string | RegExp)[] }> = {
  'default/app.conf': {
    stanzas: {
      install: ['is_configured', 'build', 'state', 'allows_disable', 'install_source_checksum'],
      package: ['id', 'check_for_updates', 'show_upgrade_notification'],
      id: ['name', 'version', 'group'],
      ui: ['is_visible', 'is_manageable', 'label', 'show_in_nav', 'docs_section_override', 'setup_view', 'supported_themes'],
      launcher: ['author', 'description', 'version', 'remote_tab'],
      triggers: ['reload.idetunnel'],
    },
  },
  'default/macros.conf': { any: ['definition', 'args', 'description', 'iseval', 'validation', 'errormsg'] },
  'default/savedsearches.conf': {
    any: [
      'search', 'description', 'disabled', 'enableSched', 'cron_schedule', 'schedule_window', 'schedule_priority',
      'dispatch.earliest_time', 'dispatch.latest_time', 'counttype', 'relation', 'quantity', 'alert_condition',
      'alert.track', 'alert.severity', 'alert.digest_mode', 'alert.suppress', 'alert.suppress.fields',
      'alert.suppress.period', 'alert.expires', 'request.ui_dispatch_app', 'request.ui_dispatch_view',
      'action.risk', 'action.notable', /^action\.risk\.param\.(_risk|_risk_message|_risk_score|verbose)$/,
      /^action\.correlationsearch\.(enabled|label|annotations)$/,
    ],
  },
  'default/searchbnf.conf': {
    any: ['syntax', 'shortdesc', 'description', 'usage', 'appears-in', 'maintainer', 'tags', 'category', 'related', /^(example|comment)\d+$/],
  },
  'default/collections.conf': { any: [/^field\.\w+$/, 'replicate', 'enforceTypes', /^accelerated_fields\.\w+$/, 'profilingEnabled'] },
  'default/transforms.conf': {
    any: ['external_type', 'collection', 'fields_list', 'match_type', 'max_matches', 'min_matches', 'default_match', 'case_sensitive_match', 'filter'],
  },
  'app/metadata/default.meta': { any: ['access', 'export', 'owner'] },
  'default/workflow_actions.conf': {
    any: ['label', 'type', 'fields', 'display_location', 'eventtypes', 'link.method', 'link.target', 'link.uri', /^link\.postargs\.\d+\.(key|value)$/],
  },
};

const matches = (key: string, allowed: (string | RegExp)[]): boolean =>
  allowed.some((a) => (typeof a === 'string' ? a === key : a.test(key)));

describe.each(Object.entries(KNOWN))('%s', (file, known) => {
  it('uses only settings Splunk knows', () => {
    const unknown: string[] = [];
    for (const [name, stanza] of loadConf(file).stanzas) {
      const allowed = known.stanzas ? known.stanzas[name] : known.any;
      if (!allowed) {
        unknown.push(`[${name}]`);
        continue;
      }
      for (const key of stanza.settings.keys()) if (!matches(key, allowed)) unknown.push(`[${name}] ${key}`);
    }
    expect(unknown).toEqual([]);
  });
});

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.$eval / waitForFunction run in the browser, on DOM types.
/**
 * The setup view (default/data/ui/views/idetunnel_setup.xml + appserver/static/idetunnel_setup.js)
 * in headless Chromium against the Splunk Web stand-in: what it shows, what lands on splunkd for
 * each action, and what it says on bad input and on 403 / 404 / 500.
 */
import type { Page } from 'puppeteer-core';
import type { StandIn, StandInOptions } from '../../scripts/lib/splunk-web-stand-in.mjs';
import { describeInBrowser, REPO_ROOT, textOf, viewSession } from './support/browser';

const DEFAULT_MACROS = {
  ide_tunnel_index: 'index=main',
  ide_tunnel_wineventlog_index: 'index=main',
  ide_tunnel_threshold: '50',
  ide_tunnel_summariesonly: 'summariesonly=false allow_old_summaries=true fillnull_value="-"',
};
const NS = '/servicesNS/nobody/idetunnel';

/** Data check rows: Sysmon 1 and 22 and Security 4698 present, the rest absent. */
function dataCheck(search: string): Record<string, string>[] {
  if (search !== 'search `ide_tunnel_setup_data_check`') return [];
  return [
    { ide_tunnel_log: 'sysmon', EventCode: '1', count: '1520' },
    { ide_tunnel_log: 'sysmon', EventCode: '22', count: '8801' },
    { ide_tunnel_log: 'wineventlog', EventCode: '4698', count: '3' },
  ];
}

describeInBrowser('setup page in a browser', () => {
  const session = viewSession();
  let standIn: StandIn;
  let page: Page;
  let problems: string[];

  async function open(options: Partial<StandInOptions> = {}): Promise<void> {
    const options_: StandInOptions = { repoRoot: REPO_ROOT, indexes: ['main', 'sysmon', 'wineventlog', 'edr', '_internal'], macros: { ...DEFAULT_MACROS }, search: dataCheck, ...options };
    ({ standIn, page, problems } = await session.open(options_, 'idetunnel_setup', '#idt-setup-form:not([hidden]), .idt-status-error'));
  }

  const checked = (key: string): Promise<string[]> =>
    page.$$eval(`#idt-${key}-indexes input:checked`, (boxes) => boxes.map((box) => (box as HTMLInputElement).value));

  async function submitAndWait(): Promise<string> {
    await page.click('#idt-save');
    await page.waitForFunction(() => {
      const status = document.getElementById('idt-status');
      return status !== null && /idt-status-(success|warning|error)/.test(status.className);
    });
    return textOf(page, '#idt-status');
  }

  it('shows the current macro values, the visible indexes and the threshold', async () => {
    await open({ macros: { ...DEFAULT_MACROS, ide_tunnel_index: '(index=sysmon OR index=legacy_sysmon)', ide_tunnel_threshold: '65', ide_tunnel_summariesonly: 'summariesonly=true allow_old_summaries=true fillnull_value="-"' } });
    expect(await checked('sysmon')).toEqual(['sysmon', 'legacy_sysmon']);
    expect(await textOf(page, '#idt-sysmon-indexes')).toContain('legacy_sysmon (not in your index list)');
    expect(await checked('wineventlog')).toEqual(['main']);
    expect(await page.$eval('#idt-threshold', (i) => (i as HTMLInputElement).value)).toBe('65');
    expect(await page.$eval('#idt-summaries', (i) => (i as HTMLInputElement).checked)).toBe(true);
    expect(await textOf(page, '#idt-sysmon-current')).toBe('Current definition: (index=sysmon OR index=legacy_sysmon)');
    expect(standIn.writes()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('writes the four macros in the app namespace, marks the app configured, reloads it and shows the data check', async () => {
    await open();
    await page.click('#idt-sysmon-index-main');
    await page.click('#idt-sysmon-index-sysmon');
    await page.click('#idt-sysmon-index-edr');
    await page.click('#idt-wineventlog-index-main');
    await page.click('#idt-wineventlog-index-wineventlog');
    await page.$eval('#idt-threshold', (i) => ((i as HTMLInputElement).value = ''));
    await page.type('#idt-threshold', '70');
    await page.click('#idt-summaries');
    const status = await submitAndWait();

    const writes = standIn.writes().map((r) => [r.method, r.path, r.form]);
    expect(writes).toEqual([
      ['POST', `${NS}/configs/conf-macros/ide_tunnel_index`, { definition: '(index=edr OR index=sysmon)' }],
      ['POST', `${NS}/configs/conf-macros/ide_tunnel_wineventlog_index`, { definition: 'index=wineventlog' }],
      ['POST', `${NS}/configs/conf-macros/ide_tunnel_threshold`, { definition: '70' }],
      ['POST', `${NS}/configs/conf-macros/ide_tunnel_summariesonly`, { definition: 'summariesonly=true allow_old_summaries=true fillnull_value="-"' }],
      ['POST', `${NS}/configs/conf-app/install`, { is_configured: 'true' }],
      ['POST', `${NS}/search/jobs`, expect.objectContaining({ search: 'search `ide_tunnel_setup_data_check`', exec_mode: 'oneshot', earliest_time: '-24h', latest_time: 'now' })],
    ]);
    expect(standIn.requests.every((r) => r.formKeyOk && r.query.output_mode === 'json')).toBe(true);
    expect(standIn.state.reloads).toBe(1);
    expect(standIn.state.macros.get('ide_tunnel_index')).toBe('(index=edr OR index=sysmon)');
    expect(standIn.requests.some((r) => /idetunnel\.conf|conf-idetunnel/.test(r.path))).toBe(false);

    expect(status).toBe('Saved. 4 event kind(s) had no events in the last 24 hours: see below.');
    const sysmonRows = await page.$$eval('#idt-check-sysmon tbody tr', (rows) => rows.map((row) => row.textContent?.replace(/\s+/g, ' ').trim()));
    expect(sysmonRows).toEqual([
      'EventCode 1process creation1,520arriving',
      'EventCode 3network connection0none: check the inputs and the index',
      'EventCode 11file created0none: check the inputs and the index',
      'EventCode 13registry value set0none: check the inputs and the index',
      'EventCode 22DNS query8,801arriving',
    ]);
    expect(await textOf(page, '#idt-check-wineventlog caption')).toBe('Windows event log index: index=wineventlog');
    expect(await textOf(page, '#idt-check-wineventlog tr[data-code="7045"]')).toContain('none');
    expect(problems).toEqual([]);
  });

  it('refuses an empty index choice, a bad index name and an out-of-range threshold, writing nothing', async () => {
    await open();
    await page.click('#idt-sysmon-index-main');
    await page.type('#idt-wineventlog-other', 'win events');
    await page.$eval('#idt-threshold', (i) => ((i as HTMLInputElement).value = '150'));
    const status = await submitAndWait();
    expect(status).toBe('Nothing was saved: correct the marked fields.');
    expect(await textOf(page, '#idt-sysmon-error')).toBe('Choose at least one sysmon index.');
    expect(await textOf(page, '#idt-wineventlog-error')).toBe('"win events" is not an index name (letters, digits, _ and -).');
    expect(await textOf(page, '#idt-threshold-error')).toContain('whole number from 0 to 100');
    expect(standIn.writes()).toEqual([]);
  });

  it('says which role is missing on 403 and stops before marking the app configured', async () => {
    await open();
    standIn.fail({ method: 'POST', path: /conf-macros\/ide_tunnel_threshold$/, status: 403, text: 'You (user=analyst) do not have permission to perform this operation (requires capability: admin_all_objects).' });
    const status = await submitAndWait();
    expect(status).toBe(
      'Saving macro ide_tunnel_threshold failed: HTTP 403: You (user=analyst) do not have permission to perform this operation (requires capability: admin_all_objects).. ' +
        'Your role lacks the permission for this; ask a Splunk admin. Saved before the failure: ide_tunnel_index, ide_tunnel_wineventlog_index.',
    );
    expect(standIn.writes().map((r) => r.path.replace(NS, ''))).toEqual(['/configs/conf-macros/ide_tunnel_index', '/configs/conf-macros/ide_tunnel_wineventlog_index', '/configs/conf-macros/ide_tunnel_threshold']);
    expect(standIn.state.appConf.size).toBe(0);
    expect(await page.$eval('#idt-save', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
  });

  it('shows no form when a macro cannot be read (404), and says why', async () => {
    const { ide_tunnel_summariesonly: _missing, ...withoutOne } = DEFAULT_MACROS;
    await open({ macros: withoutOne });
    await page.waitForSelector('.idt-status-error');
    expect(await textOf(page, '#idt-status')).toBe(
      'Reading macro ide_tunnel_summariesonly failed: HTTP 404: Could not find object id=ide_tunnel_summariesonly. splunkd does not know this object: is the IDE Tunnel Detection app installed and enabled? The settings cannot be shown.',
    );
    expect(await page.$eval('#idt-setup-form', (f) => (f as HTMLElement).hidden)).toBe(true);
  });

  it('keeps the saved settings and reports a data check that fails with 500', async () => {
    await open();
    standIn.fail({ path: /\/search\/jobs$/, status: 500, text: 'Search process did not exit cleanly' });
    const status = await submitAndWait();
    expect(status).toBe('Saved, but the data check failed: Counting events failed: HTTP 500: Search process did not exit cleanly.');
    expect(standIn.state.appConf.get('install')).toEqual({ is_configured: 'true' });
  });

  it('works under a root endpoint and another locale, and lets a user type an index it cannot list', async () => {
    await open({ rootEndpoint: '/splunk', locale: 'de-DE' });
    standIn.state.indexes.length = 0;
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#idt-setup-form:not([hidden])');
    expect(await textOf(page, '#idt-sysmon-indexes')).toContain('main (not in your index list)');
    await page.type('#idt-sysmon-other', 'sysmon, edr');
    await submitAndWait();
    expect(standIn.state.macros.get('ide_tunnel_index')).toBe('(index=main OR index=sysmon OR index=edr)');
    expect(standIn.requests.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('is refused by Splunk Web without the form key (the stand-in checks it)', async () => {
    await open();
    await page.deleteCookie({ name: `splunkweb_csrf_token_${new URL(standIn.origin).port}` });
    const status = await submitAndWait();
    expect(status).toContain('HTTP 401: Splunk Web: CSRF validation failed');
    expect(standIn.state.macros.get('ide_tunnel_index')).toBe('index=main');
  });
});

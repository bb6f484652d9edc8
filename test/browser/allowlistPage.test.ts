/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.$eval / waitForFunction run in the browser, on DOM types.
/**
 * The allowlist view (default/data/ui/views/idetunnel_allowlist.xml + appserver/static/
 * idetunnel_allowlist.js) in headless Chromium against the Splunk Web stand-in: the KV store
 * requests behind list / add / edit / expire / delete / preview, the audit record of each change,
 * validation that writes nothing, the read-only view, and what it says on 403 / 500.
 */
import type { Page } from 'puppeteer-core';
import type { StandIn, StandInOptions } from '../../scripts/lib/splunk-web-stand-in.mjs';
import { isoDay } from '../../src/web/allowlist/rows';
import { describeInBrowser, REPO_ROOT, textOf, viewSession } from './support/browser';

const DATA = '/servicesNS/nobody/idetunnel/storage/collections/data';
const day = (offsetDays: number): string => isoDay(new Date(Date.now() + offsetDays * 86_400_000));

const ROWS = [
  { _key: 'k1', host: 'build-*', user: 'corp\\svc_ci', process_path: '*\\code.exe', reason: 'CI agents run code tunnel for remote debugging', expires: 'never', created_by: 'alice', created: '2026-01-05T10:00:00Z' },
  { _key: 'k2', host: 'lab-01', user: '*', process_path: '*', reason: 'red team lab', expires: '2020-01-31', created_by: 'bob', created: '2019-12-01T09:00:00Z' },
];

function preview(search: string): Record<string, string>[] {
  if (!search.includes('`ide_tunnel_allowlist_preview_match`')) return [];
  if (!search.includes('build-')) return [];
  return [
    { _time: '2026-12-03T08:00:00.000+00:00', dest: 'build-07', user: 'corp\\svc_ci', process_path: 'c:\\tools\\code.exe', process: 'code.exe tunnel --accept-server-license-terms', ide_tunnel_score: '85', ide_tunnel_preview_total: '3' },
    { _time: '2026-12-03T07:00:00.000+00:00', dest: 'build-02', user: 'corp\\svc_ci', process_path: 'c:\\tools\\code.exe', process: 'code.exe tunnel', ide_tunnel_score: '80', ide_tunnel_preview_total: '3' },
  ];
}

describeInBrowser('allowlist page in a browser', () => {
  const session = viewSession();
  let standIn: StandIn;
  let page: Page;
  let problems: string[];

  async function open(options: Partial<StandInOptions> & { canWrite?: boolean } = {}, waitFor = '#idt-rows-body tr, .idt-status-error', beforeLoad?: (s: StandIn) => void): Promise<void> {
    const canWrite = options.canWrite ?? true;
    const options_: StandInOptions = {
      repoRoot: REPO_ROOT,
      user: { username: 'admin', roles: ['admin'] },
      collections: { idetunnel_allowlist: { canWrite, rows: ROWS }, idetunnel_allowlist_audit: { canWrite, rows: [] } },
      search: preview,
      ...options,
    };
    ({ standIn, page, problems } = await session.open(options_, 'idetunnel_allowlist', waitFor, beforeLoad));
  }

  const rowTexts = (): Promise<string[]> => page.$$eval('#idt-rows-body tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 6).map((c) => c.textContent?.trim()).join(' | ')));

  async function fill(values: Partial<Record<'host' | 'user' | 'process_path' | 'reason' | 'expires', string>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      await page.$eval(`#idt-${name}`, (input, v) => {
        (input as HTMLInputElement).value = v as string;
      }, value);
    }
  }

  async function settle(): Promise<string> {
    await page.waitForFunction(() => /idt-status-(success|warning|error)/.test(document.getElementById('idt-status')?.className ?? ''));
    return textOf(page, '#idt-status');
  }

  it('lists active rows before expired ones, with who added them, and an empty audit', async () => {
    await open();
    expect(await rowTexts()).toEqual([
      'build-* | corp\\svc_ci | *\\code.exe | CI agents run code tunnel for remote debugging | never | active',
      'lab-01 | * | * | red team lab | 2020-01-31 | expired',
    ]);
    expect(await textOf(page, '#idt-rows-body tr[data-key="k1"] td:nth-child(7)')).toBe('alice, 2026-01-05');
    expect(await page.$$eval('#idt-rows-body tr[data-key="k2"] button', (b) => b.map((x) => x.textContent))).toEqual(['Preview', 'Edit', 'Delete']);
    expect(await textOf(page, '#idt-audit-body')).toBe('No changes recorded yet.');
    expect(standIn.writes()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('adds a row lower-cased as JSON, with who and when, and audits it; backslashes and UNC paths arrive intact', async () => {
    await open();
    await fill({ host: ' WS-42 ', user: 'CORP\\Dev1', process_path: '\\\\FS01\\Tools\\Code*.exe\\', reason: 'Approved: ticket CHG-1234', expires: day(30) });
    await page.click('#idt-submit');
    expect(await settle()).toBe('Row added.');
    const writes = standIn.writes();
    expect(writes.map((w) => [w.method, w.path])).toEqual([
      ['POST', `${DATA}/idetunnel_allowlist`],
      ['POST', `${DATA}/idetunnel_allowlist_audit`],
    ]);
    expect(writes.every((w) => w.formKeyOk)).toBe(true);
    const row = writes[0].json as Record<string, string>;
    expect(row).toEqual({
      host: 'ws-42',
      user: 'corp\\dev1',
      process_path: '\\\\fs01\\tools\\code*.exe\\',
      reason: 'Approved: ticket CHG-1234',
      expires: day(30),
      created_by: 'admin',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updated_by: 'admin',
      updated: expect.stringMatching(/Z$/),
    });
    const audit = writes[1].json as Record<string, string>;
    expect(audit).toMatchObject({ actor: 'admin', action: 'add', before: '', row_key: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(JSON.parse(audit.after)).toEqual(row);
    expect(await rowTexts()).toContain(`ws-42 | corp\\dev1 | \\\\fs01\\tools\\code*.exe\\ | Approved: ticket CHG-1234 | ${day(30)} | active`);
    expect(await textOf(page, '#idt-audit-body tr[data-action="add"]')).toContain('ws-42 | corp\\dev1');
    expect(problems).toEqual([]);
  });

  it('refuses a row without a reason, a * * * row, a past expiry and a duplicate, writing nothing', async () => {
    await open();
    await fill({ host: '*', user: '', process_path: '*', reason: '  ', expires: '2020-02-30' });
    await page.click('#idt-submit');
    expect(await settle()).toBe('Nothing was written: correct the marked fields.');
    expect(await textOf(page, '#idt-host-error')).toBe('Narrow the row: with host, user and process path all *, it would silence every event.');
    expect(await textOf(page, '#idt-reason-error')).toBe('Say why this activity is expected: a row without a reason never applies.');
    expect(await textOf(page, '#idt-expires-error')).toBe('Pick the last day the row applies (YYYY-MM-DD), or tick Never.');
    expect(await page.$eval('#idt-reason', (i) => i.getAttribute('aria-invalid'))).toBe('true');

    await fill({ host: 'ws-1', reason: 'ok', expires: day(-1) });
    await page.click('#idt-submit');
    await settle();
    expect(await textOf(page, '#idt-expires-error')).toBe(`${day(-1)} is already past: the row would never apply.`);

    await fill({ host: 'BUILD-*', user: 'corp\\svc_ci', process_path: '*\\code.exe', reason: 'again', expires: day(3) });
    await page.click('#idt-submit');
    expect(await settle()).toBe('Nothing was written: the row would duplicate an active row.');
    expect(standIn.writes()).toEqual([]);
  });

  it('edits a row in place by _key, keeping who added it, and audits before and after', async () => {
    await open();
    await page.click('#idt-rows-body tr[data-key="k1"] button[data-action="edit"]');
    expect(await page.$eval('#idt-process_path', (i) => (i as HTMLInputElement).value)).toBe('*\\code.exe');
    expect(await page.$eval('#idt-never', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await fill({ reason: 'CI agents (CHG-77)' });
    await page.click('#idt-submit');
    expect(await settle()).toBe('Row saved.');
    const [save, audit] = standIn.writes();
    expect(save.path).toBe(`${DATA}/idetunnel_allowlist/k1`);
    expect(save.json).toMatchObject({ host: 'build-*', reason: 'CI agents (CHG-77)', expires: 'never', created_by: 'alice', created: '2026-01-05T10:00:00Z', updated_by: 'admin' });
    expect(audit.json).toMatchObject({ action: 'edit', row_key: 'k1' });
    expect(JSON.parse((audit.json as { before: string }).before)).toMatchObject({ reason: 'CI agents run code tunnel for remote debugging' });
    expect(standIn.state.collections.get('idetunnel_allowlist')?.rows.get('k1')?.reason).toBe('CI agents (CHG-77)');
  });

  it('expires a row early (last day yesterday) and deletes a row only after confirmation', async () => {
    await open();
    await page.click('#idt-rows-body tr[data-key="k1"] button[data-action="expire"]');
    expect(await settle()).toBe(`Row expired (last day ${day(-1)}).`);
    expect(standIn.writes()[0].json).toMatchObject({ expires: day(-1), updated_by: 'admin' });
    expect(await textOf(page, '#idt-rows-body tr[data-key="k1"] td:nth-child(6)')).toBe('expired');

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.click('#idt-rows-body tr[data-key="k2"] button[data-action="delete"]');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(standIn.writes().filter((w) => w.method === 'DELETE')).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#idt-rows-body tr[data-key="k2"] button[data-action="delete"]');
    await page.waitForFunction(() => document.querySelector('#idt-rows-body tr[data-key="k2"]') === null);
    const deletes = standIn.writes().filter((w) => w.method === 'DELETE');
    expect(deletes.map((w) => w.path)).toEqual([`${DATA}/idetunnel_allowlist/k2`]);
    const audits = standIn.writes().filter((w) => w.path.endsWith('_audit')).map((w) => w.json as Record<string, string>);
    expect(audits.map((a) => [a.action, a.row_key, a.after === ''])).toEqual([
      ['expire', 'k1', false],
      ['delete', 'k2', true],
    ]);
  });

  it('shows the rows read-only, naming the roles that may write, to a user who cannot write the collection', async () => {
    await open({ canWrite: false, user: { username: 'analyst', roles: ['user', 'power'] } });
    expect(await textOf(page, '#idt-readonly')).toBe(
      'You can read the allowlist but not change it: changing it needs one of the roles admin, sc_admin (write permission on the idetunnel_allowlist KV store collection, metadata/default.meta). Your roles: user, power.',
    );
    expect(await page.$eval('#idt-row-form', (f) => (f as HTMLElement).hidden)).toBe(true);
    expect(await page.$$eval('#idt-rows-body button', (b) => b.map((x) => x.textContent))).toEqual(['Preview', 'Preview']);
    expect(await rowTexts()).toHaveLength(2);
  });

  it('says so and writes no audit record when splunkd refuses the change (403)', async () => {
    await open();
    standIn.fail({ method: 'POST', path: /idetunnel_allowlist$/, status: 403, text: 'User does not have permissions to perform this operation' });
    await fill({ host: 'ws-9', reason: 'test', expires: day(1) });
    await page.click('#idt-submit');
    expect(await settle()).toBe('Saving to idetunnel_allowlist failed: HTTP 403: User does not have permissions to perform this operation. Your role lacks the permission for this; ask a Splunk admin. Nothing was changed.');
    expect(standIn.writes().filter((w) => w.path.endsWith('_audit'))).toEqual([]);
    expect(await page.$eval('#idt-host', (i) => (i as HTMLInputElement).value)).toBe('ws-9');
  });

  it('warns when the change landed but its audit record did not (500)', async () => {
    await open();
    standIn.fail({ method: 'POST', path: /_audit$/, status: 500, text: 'KV Store is initializing' });
    await fill({ host: 'ws-9', reason: 'test', expires: day(1) });
    await page.click('#idt-submit');
    expect(await settle()).toBe('Row added. The audit record was not written: Saving to idetunnel_allowlist_audit failed: HTTP 500: KV Store is initializing.');
  });

  it('shows why the rows cannot be listed (500)', async () => {
    await open({}, '.idt-status-error', (s) => s.fail({ method: 'GET', path: /data\/idetunnel_allowlist$/, status: 500, text: 'KV Store is disabled' }));
    expect(await textOf(page, '#idt-status')).toBe('Reading idetunnel_allowlist failed: HTTP 500: KV Store is disabled. The allowlist cannot be shown.');
  });

  it('previews a row with one bounded search that carries its values as escaped SPL literals', async () => {
    await open();
    await fill({ host: 'BUILD-*', user: 'corp\\svc_ci', process_path: '\\\\fs01\\tools\\code*.exe' });
    await page.click('#idt-preview-form');
    await page.waitForSelector('#idt-preview-summary');
    const searches = standIn.requests.filter((r) => r.path.endsWith('/search/jobs'));
    expect(searches).toHaveLength(1);
    expect(searches[0].form).toMatchObject({ exec_mode: 'oneshot', earliest_time: '-24h', latest_time: 'now', count: '50' });
    expect(searches[0].form?.search).toBe(
      'search `ide_tunnel_allowlist_preview_events`' +
        String.raw` | eval ide_tunnel_preview_host="^build-.*$", ide_tunnel_preview_user="^corp\\\\svc_ci$", ide_tunnel_preview_path="^\\\\\\\\fs01\\\\tools\\\\code.*\\.exe$"` +
        ' | `ide_tunnel_allowlist_preview_match`',
    );
    expect(await textOf(page, '#idt-preview-summary')).toBe('3 event(s) of the last 24 hours would be silenced by build-* | corp\\svc_ci | \\\\fs01\\tools\\code*.exe (showing 2).');
    expect(await page.$$eval('#idt-preview-table tbody tr', (r) => r.length)).toBe(2);
    expect(standIn.writes().filter((w) => !w.path.endsWith('/search/jobs'))).toEqual([]);

    await page.click('#idt-rows-body tr[data-key="k2"] button[data-action="preview"]');
    await page.waitForFunction(() => /No events/.test(document.getElementById('idt-preview-summary')?.textContent ?? ''));
    expect(await textOf(page, '#idt-preview-summary')).toBe('No events over the alert threshold in the last 24 hours match lab-01 | * | *.');

    standIn.fail({ path: /search\/jobs$/, status: 500, text: 'Error in idetunnelscore' });
    await page.click('#idt-rows-body tr[data-key="k1"] button[data-action="preview"]');
    await page.waitForSelector('#idt-preview [role="alert"]');
    expect(await textOf(page, '#idt-preview [role="alert"]')).toBe('Previewing the row failed: HTTP 500: Error in idetunnelscore.');
  });
});

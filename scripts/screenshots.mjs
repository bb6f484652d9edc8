#!/usr/bin/env node
/**
 * `npm run screenshots`: renders the setup and allowlist pages in headless Chromium against the
 * Splunk Web stand-in (scripts/lib/splunk-web-stand-in.mjs) with sample settings and rows, and
 * writes docs/screenshots/setup.png and docs/screenshots/allowlist.png (1280 px wide, full page).
 * Needs `npm run build` first (the page bundles) and a system Chromium (scripts/lib/chromium.mjs).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_SKIP_REASON, chromiumLaunchOptions, findChromium } from './lib/chromium.mjs';
import { startSplunkWebStandIn } from './lib/splunk-web-stand-in.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const executable = findChromium();
if (!executable) {
  console.error(CHROMIUM_SKIP_REASON);
  process.exit(2);
}
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const standIn = await startSplunkWebStandIn({
  repoRoot: root,
  indexes: ['main', 'sysmon', 'wineventlog', 'edr_windows', 'firewall', 'proxy'],
  macros: {
    ide_tunnel_index: 'index=main',
    ide_tunnel_wineventlog_index: 'index=main',
    ide_tunnel_threshold: '50',
    ide_tunnel_summariesonly: 'summariesonly=false allow_old_summaries=true fillnull_value="-"',
  },
  collections: {
    idetunnel_allowlist: {
      canWrite: true,
      rows: [
        { _key: 'a1', host: 'build-*', user: 'corp\\svc_ci', process_path: '*\\code.exe', reason: 'CI agents open VS Code tunnels for remote debugging (CHG-4411)', expires: 'never', created_by: 'alice', created: '2026-10-02T09:14:00Z' },
        { _key: 'a2', host: 'dev-ws-17', user: 'corp\\jdoe', process_path: 'c:\\users\\jdoe\\appdata\\local\\programs\\cursor\\cursor.exe', reason: 'Approved Cursor remote pilot', expires: day(45), created_by: 'alice', created: '2026-11-20T15:02:00Z' },
        { _key: 'a3', host: 'lab-*', user: '*', process_path: '*', reason: 'Red team exercise Q3', expires: '2026-09-30', created_by: 'bob', created: '2026-09-01T08:00:00Z', updated_by: 'alice', updated: '2026-09-20T10:00:00Z' },
      ],
    },
    idetunnel_allowlist_audit: {
      canWrite: true,
      rows: [
        { _key: 'h2', time: '2026-11-20T15:02:00Z', actor: 'alice', action: 'add', row_key: 'a2', before: '', after: JSON.stringify({ host: 'dev-ws-17', user: 'corp\\jdoe', process_path: 'c:\\users\\jdoe\\appdata\\local\\programs\\cursor\\cursor.exe', reason: 'Approved Cursor remote pilot', expires: day(45) }) },
        { _key: 'h1', time: '2026-09-20T10:00:00Z', actor: 'alice', action: 'expire', row_key: 'a3', before: JSON.stringify({ host: 'lab-*', user: '*', process_path: '*', reason: 'Red team exercise Q3', expires: 'never' }), after: JSON.stringify({ host: 'lab-*', user: '*', process_path: '*', reason: 'Red team exercise Q3', expires: '2026-09-30' }) },
      ],
    },
  },
  search: (search) => {
    if (search.includes('ide_tunnel_setup_data_check')) {
      return [
        { ide_tunnel_log: 'sysmon', EventCode: '1', count: '48211' },
        { ide_tunnel_log: 'sysmon', EventCode: '3', count: '301877' },
        { ide_tunnel_log: 'sysmon', EventCode: '11', count: '95102' },
        { ide_tunnel_log: 'sysmon', EventCode: '22', count: '512340' },
        { ide_tunnel_log: 'wineventlog', EventCode: '4698', count: '12' },
        { ide_tunnel_log: 'wineventlog', EventCode: '7045', count: '7' },
      ];
    }
    return [
      { _time: '2026-12-03 08:41:12', dest: 'build-07', user: 'corp\\svc_ci', process_path: 'c:\\tools\\vscode\\code.exe', process: 'code.exe tunnel --accept-server-license-terms --name build-07', ide_tunnel_score: '85', ide_tunnel_preview_total: '2' },
      { _time: '2026-12-03 06:12:55', dest: 'build-02', user: 'corp\\svc_ci', process_path: 'c:\\tools\\vscode\\code.exe', process: 'code.exe tunnel user login --provider github', ide_tunnel_score: '70', ide_tunnel_preview_total: '2' },
    ];
  },
});

const browser = await puppeteer.launch({ ...chromiumLaunchOptions(executable, { width: 1280, height: 900 }), defaultViewport: { width: 1280, height: 900 } });
try {
  mkdirSync(out, { recursive: true });
  const setup = await browser.newPage();
  await setup.goto(standIn.viewUrl('idetunnel_setup'), { waitUntil: 'load' });
  await setup.waitForSelector('#idt-setup-form:not([hidden])');
  for (const id of ['#idt-sysmon-index-main', '#idt-sysmon-index-sysmon', '#idt-wineventlog-index-main', '#idt-wineventlog-index-wineventlog']) await setup.click(id);
  await setup.click('#idt-save');
  await setup.waitForSelector('#idt-data-check:not([hidden])');
  await setup.screenshot({ path: join(out, 'setup.png'), fullPage: true });

  const allowlist = await browser.newPage();
  await allowlist.goto(standIn.viewUrl('idetunnel_allowlist'), { waitUntil: 'load' });
  await allowlist.waitForSelector('#idt-rows-body tr[data-key]');
  await allowlist.click('#idt-rows-body tr[data-key="a1"] button[data-action="preview"]');
  await allowlist.waitForSelector('#idt-preview-table');
  await allowlist.screenshot({ path: join(out, 'allowlist.png'), fullPage: true });
  console.log(join(out, 'setup.png'));
  console.log(join(out, 'allowlist.png'));
} finally {
  await browser.close();
  await standIn.close();
}

/**
 * Setup view (default/data/ui/views/idetunnel_setup.xml, app.conf `[ui] setup_view`): choose the
 * Sysmon and Windows event log indexes, the alert threshold and whether the CIM searches read
 * accelerated summaries only; write them as the app's macros; mark the app configured and reload
 * it; then count the events of each kind in the chosen indexes over the last 24 hours.
 * It never touches idetunnel.conf (the Node.js path is the host administrator's).
 */
import { describeError, el, pageRest, setStatus, whenElement } from '../dom';
import type { SplunkRest } from '../rest';
import { SETUP_DATA_CHECK_SEARCH, SYSMON_EVENT_CODES, WINEVENTLOG_EVENT_CODES } from '../searches';
import { indexMacroDefinition, indexesOfDefinition, isIndexName, parseThreshold, readsSummariesOnly, SETUP_MACROS, summariesOnlyDefinition } from './settings';

const APP = 'idetunnel';

/** Sysmon / Windows event log index picker. */
interface IndexChoice {
  key: 'sysmon' | 'wineventlog';
  macro: string;
  legend: string;
  help: string;
  codes: readonly string[];
  list: HTMLElement;
  other: HTMLInputElement;
  error: HTMLElement;
  current: HTMLElement;
}

const EVENT_NAMES: Record<string, string> = {
  '1': 'process creation',
  '3': 'network connection',
  '11': 'file created',
  '13': 'registry value set',
  '22': 'DNS query',
  '4698': 'scheduled task created',
  '7045': 'service installed',
};

function indexChoice(key: IndexChoice['key'], macro: string, legend: string, help: string, codes: readonly string[]): IndexChoice {
  return {
    key,
    macro,
    legend,
    help,
    codes,
    list: el('div', { class: 'idt-index-list', id: `idt-${key}-indexes` }),
    other: el('input', { type: 'text', id: `idt-${key}-other`, class: 'idt-input', placeholder: 'other index names, comma separated', autocomplete: 'off' }),
    error: el('p', { class: 'idt-field-error', id: `idt-${key}-error`, hidden: true }),
    current: el('p', { class: 'idt-current', id: `idt-${key}-current` }),
  };
}

function renderIndexes(choice: IndexChoice, visible: string[], chosen: string[]): void {
  choice.list.replaceChildren();
  const names = [...visible, ...chosen.filter((name) => !visible.includes(name))];
  for (const name of names) {
    const id = `idt-${choice.key}-index-${name}`;
    const box = el('input', { type: 'checkbox', id, name: choice.key, value: name, checked: chosen.includes(name) });
    choice.list.append(el('label', { class: 'idt-check', for: id }, box, ` ${name}`, visible.includes(name) ? null : el('span', { class: 'idt-muted' }, ' (not in your index list)')));
  }
  if (names.length === 0) choice.list.append(el('p', { class: 'idt-muted' }, 'No indexes listed: type the names below.'));
}

/** The checked and typed index names, or an error sentence. */
function chosenIndexes(choice: IndexChoice): { indexes: string[] } | { error: string } {
  const checked = [...choice.list.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((box) => box.value);
  const typed = choice.other.value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const bad = typed.find((name) => !isIndexName(name));
  if (bad !== undefined) return { error: `"${bad}" is not an index name (letters, digits, _ and -).` };
  const indexes = [...new Set([...checked, ...typed])];
  if (indexes.length === 0) return { error: `Choose at least one ${choice.legend.toLowerCase()}.` };
  return { indexes };
}

function showFieldError(node: HTMLElement, text: string | undefined): void {
  node.textContent = text ?? '';
  node.hidden = !text;
}

async function start(): Promise<void> {
  const root = await whenElement('idetunnel-setup');
  const rest = pageRest(APP);
  const status = el('p', { class: 'idt-status', id: 'idt-status', hidden: true });
  const choices = [
    indexChoice('sysmon', SETUP_MACROS.sysmonIndex, 'Sysmon index', 'Where Microsoft-Windows-Sysmon/Operational (or Sysmon for Linux) events land.', SYSMON_EVENT_CODES),
    indexChoice('wineventlog', SETUP_MACROS.wineventlogIndex, 'Windows event log index', 'Where the Security and System event logs land (4698 scheduled task, 7045 service).', WINEVENTLOG_EVENT_CODES),
  ];
  const threshold = el('input', { type: 'number', id: 'idt-threshold', class: 'idt-input idt-narrow', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const thresholdError = el('p', { class: 'idt-field-error', id: 'idt-threshold-error', hidden: true });
  const summaries = el('input', { type: 'checkbox', id: 'idt-summaries' });
  const save = el('button', { type: 'submit', id: 'idt-save', class: 'btn btn-primary' }, 'Save and check data');
  const check = el('section', { id: 'idt-data-check', class: 'idt-section', hidden: true });
  const form = el(
    'form',
    { id: 'idt-setup-form', class: 'idt-form', novalidate: true },
    ...choices.map((choice) =>
      el(
        'fieldset',
        { class: 'idt-fieldset', id: `idt-${choice.key}` },
        el('legend', {}, `${choice.legend}es`),
        el('p', { class: 'idt-help' }, choice.help, ' ', el('code', {}, `\`${choice.macro}\``)),
        choice.list,
        el('label', { class: 'idt-label', for: choice.other.id }, 'Other indexes'),
        choice.other,
        choice.error,
        choice.current,
      ),
    ),
    el(
      'fieldset',
      { class: 'idt-fieldset', id: 'idt-alerting' },
      el('legend', {}, 'Alerting and CIM'),
      el('label', { class: 'idt-label', for: 'idt-threshold' }, 'Alert threshold (ide_tunnel_score, 0-100)'),
      threshold,
      thresholdError,
      el('label', { class: 'idt-check', for: 'idt-summaries' }, summaries, ' CIM searches read accelerated data model summaries only (Endpoint and Network_Resolution accelerated)'),
    ),
    el('p', { class: 'idt-help' }, 'The Node.js program splunkd runs for idetunnelscore is the host administrator\'s choice (local/idetunnel.conf); this page leaves it alone.'),
    el('div', { class: 'idt-actions' }, save),
  );
  root.replaceChildren(
    el('p', { class: 'idt-intro' }, 'Tell IDE Tunnel Detection where your data is. Saving writes the app\'s search macros (Settings > Advanced search > Search macros), marks the app configured and counts the events of the last 24 hours in the indexes you chose.'),
    status,
    form,
    check,
  );

  setStatus(status, 'info', 'Reading the current settings…');
  form.hidden = true;
  try {
    const [sysmonDef, winDef, thresholdDef, summariesDef] = await Promise.all(
      [SETUP_MACROS.sysmonIndex, SETUP_MACROS.wineventlogIndex, SETUP_MACROS.threshold, SETUP_MACROS.summariesOnly].map((name) => rest.macroDefinition(name)),
    );
    let visible: string[] = [];
    let listError = '';
    try {
      visible = await rest.eventIndexes();
    } catch (error) {
      listError = `Could not list the indexes (${describeError(error)}) Type the index names instead.`;
    }
    for (const [choice, definition] of [
      [choices[0], sysmonDef],
      [choices[1], winDef],
    ] as const) {
      const chosen = indexesOfDefinition(definition);
      renderIndexes(choice, visible, chosen ?? []);
      choice.current.replaceChildren('Current definition: ', el('code', {}, definition || '(empty)'), chosen === null ? ' (written by hand: saving replaces it with the indexes chosen here)' : '');
    }
    threshold.value = 'value' in parseThreshold(thresholdDef) ? thresholdDef.trim() : '50';
    summaries.checked = readsSummariesOnly(summariesDef);
    form.hidden = false;
    setStatus(status, listError ? 'warning' : 'info', listError);
    const summariesCurrent = summariesDef;

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(rest, choices, threshold, thresholdError, summaries.checked, summariesCurrent, status, check, save);
    });
  } catch (error) {
    setStatus(status, 'error', `${describeError(error)} The settings cannot be shown.`);
  }
}

async function submit(
  rest: SplunkRest,
  choices: IndexChoice[],
  threshold: HTMLInputElement,
  thresholdError: HTMLElement,
  summariesOn: boolean,
  summariesCurrent: string,
  status: HTMLElement,
  check: HTMLElement,
  save: HTMLButtonElement,
): Promise<void> {
  const picked = choices.map((choice) => chosenIndexes(choice));
  choices.forEach((choice, i) => showFieldError(choice.error, 'error' in picked[i] ? (picked[i] as { error: string }).error : undefined));
  const parsed = parseThreshold(threshold.value);
  showFieldError(thresholdError, 'error' in parsed ? parsed.error : undefined);
  if (picked.some((p) => 'error' in p) || 'error' in parsed) {
    setStatus(status, 'error', 'Nothing was saved: correct the marked fields.');
    return;
  }
  const writes: [string, string][] = [
    [SETUP_MACROS.sysmonIndex, indexMacroDefinition((picked[0] as { indexes: string[] }).indexes)],
    [SETUP_MACROS.wineventlogIndex, indexMacroDefinition((picked[1] as { indexes: string[] }).indexes)],
    [SETUP_MACROS.threshold, String(parsed.value)],
    [SETUP_MACROS.summariesOnly, summariesOnlyDefinition(summariesCurrent, summariesOn)],
  ];
  save.disabled = true;
  check.hidden = true;
  const saved: string[] = [];
  try {
    setStatus(status, 'info', 'Saving…');
    for (const [name, definition] of writes) {
      await rest.setMacroDefinition(name, definition);
      saved.push(name);
    }
    await rest.markConfiguredAndReload();
    choices.forEach((choice, i) => choice.current.replaceChildren('Current definition: ', el('code', {}, writes[i][1])));
    setStatus(status, 'info', 'Saved. Counting the events of the last 24 hours…');
  } catch (error) {
    const done = saved.length > 0 ? ` Saved before the failure: ${saved.join(', ')}.` : ' Nothing was saved.';
    setStatus(status, 'error', `${describeError(error)}${done}`);
    save.disabled = false;
    return;
  }
  try {
    const rows = await rest.oneshot('Counting events', SETUP_DATA_CHECK_SEARCH, '-24h', 100);
    const counts = new Map(rows.map((row) => [`${row.ide_tunnel_log}:${row.EventCode}`, Number(row.count) || 0]));
    const missing = renderDataCheck(check, choices, writes, counts);
    setStatus(status, missing === 0 ? 'success' : 'warning', missing === 0 ? 'Saved. Every event kind the detections read arrived in the last 24 hours.' : `Saved. ${missing} event kind(s) had no events in the last 24 hours: see below.`);
  } catch (error) {
    setStatus(status, 'warning', `Saved, but the data check failed: ${describeError(error)}`);
  } finally {
    save.disabled = false;
  }
}

/** Fills the data check section; returns how many event kinds had no events. */
function renderDataCheck(check: HTMLElement, choices: IndexChoice[], writes: [string, string][], counts: Map<string, number>): number {
  let missing = 0;
  check.replaceChildren(el('h3', {}, 'Events in the last 24 hours'));
  choices.forEach((choice, i) => {
    const rows = choice.codes.map((code) => {
      const count = counts.get(`${choice.key}:${code}`) ?? 0;
      if (count === 0) missing++;
      return el(
        'tr',
        { class: count === 0 ? 'idt-none' : 'idt-some', 'data-code': code },
        el('td', {}, `EventCode ${code}`),
        el('td', {}, EVENT_NAMES[code] ?? ''),
        el('td', { class: 'idt-count' }, count.toLocaleString('en-US')),
        el('td', {}, count === 0 ? 'none: check the inputs and the index' : 'arriving'),
      );
    });
    check.append(
      el(
        'table',
        { class: 'table idt-table', id: `idt-check-${choice.key}` },
        el('caption', {}, `${choice.legend}: `, el('code', {}, writes[i][1])),
        el('thead', {}, el('tr', {}, el('th', {}, 'Event'), el('th', {}, 'Kind'), el('th', {}, 'Count'), el('th', {}, 'State'))),
        el('tbody', {}, ...rows),
      ),
    );
  });
  check.hidden = false;
  return missing;
}

void start();

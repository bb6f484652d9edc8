/**
 * Allowlist view (default/data/ui/views/idetunnel_allowlist.xml): lists, adds, edits, expires and
 * deletes rows of the idetunnel_allowlist KV store collection through its REST endpoint (rows by
 * `_key`), checks each row against the rules the `_filter` macros apply (./rows.ts) before writing,
 * records who changed what in the append-only idetunnel_allowlist_audit collection, and previews
 * which events of the last 24 hours a row would silence. A user whose roles cannot write the
 * collection (default.meta) sees the rows read-only.
 */
import { describeError, el, pageRest, setStatus, whenElement } from '../dom';
import type { SplunkRest } from '../rest';
import { allowlistPreviewSearch } from '../searches';
import { isActive, isoDay, MATCH_FIELDS, normaliseRow, sameMatch, type AllowlistRow, type RowField } from './rows';

const APP = 'idetunnel';
const COLLECTION = 'idetunnel_allowlist';
const AUDIT = 'idetunnel_allowlist_audit';
const AUDIT_SHOWN = 20;

/** One audit record (collections.conf [idetunnel_allowlist_audit]); before/after are JSON rows. */
interface AuditRecord {
  time: string;
  actor: string;
  action: 'add' | 'edit' | 'expire' | 'delete';
  row_key: string;
  before: string;
  after: string;
}

const LABELS: Record<RowField, string> = { host: 'Host (dest)', user: 'User', process_path: 'Process path', reason: 'Reason', expires: 'Expires' };

interface Page {
  rest: SplunkRest;
  username: string;
  canWrite: boolean;
  rows: AllowlistRow[];
  editing?: AllowlistRow;
  status: HTMLElement;
  form: HTMLFormElement;
  inputs: Record<Exclude<RowField, 'expires'>, HTMLInputElement> & { expires: HTMLInputElement; never: HTMLInputElement };
  errors: Record<RowField, HTMLElement>;
  submit: HTMLButtonElement;
  cancel: HTMLButtonElement;
  formTitle: HTMLElement;
  table: HTMLTableSectionElement;
  preview: HTMLElement;
  audit: HTMLTableSectionElement;
}

const today = (): string => isoDay(new Date());
const yesterday = (): string => isoDay(new Date(Date.now() - 86_400_000));
const nowIso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function stripKey(row: AllowlistRow): Omit<AllowlistRow, '_key'> {
  const { _key: _ignored, ...rest } = row;
  return rest;
}

async function start(): Promise<void> {
  const root = await whenElement('idetunnel-allowlist');
  const rest = pageRest(APP);
  const status = el('p', { class: 'idt-status', id: 'idt-status', hidden: true });
  const readOnly = el('p', { class: 'idt-readonly', id: 'idt-readonly', hidden: true });
  const field = (name: Exclude<RowField, 'expires'>, placeholder: string): HTMLInputElement =>
    el('input', { type: 'text', id: `idt-${name}`, name, class: 'idt-input', placeholder, autocomplete: 'off', spellcheck: 'false' });
  const inputs = {
    host: field('host', '* or a name, e.g. build-*'),
    user: field('user', '* or an account, e.g. corp\\svc_ci'),
    process_path: field('process_path', '* or a path, e.g. *\\code.exe'),
    reason: field('reason', 'why this activity is expected (required)'),
    expires: el('input', { type: 'date', id: 'idt-expires', name: 'expires', class: 'idt-input' }),
    never: el('input', { type: 'checkbox', id: 'idt-never', name: 'never' }),
  };
  const errors = Object.fromEntries((['host', 'user', 'process_path', 'reason', 'expires'] as RowField[]).map((name) => [name, el('p', { class: 'idt-field-error', id: `idt-${name}-error`, hidden: true })])) as Record<RowField, HTMLElement>;
  const formTitle = el('legend', { id: 'idt-form-title' }, 'Add a row');
  const submit = el('button', { type: 'submit', id: 'idt-submit', class: 'btn btn-primary' }, 'Add row');
  const previewButton = el('button', { type: 'button', id: 'idt-preview-form', class: 'btn' }, 'Preview');
  const cancel = el('button', { type: 'button', id: 'idt-cancel', class: 'btn', hidden: true }, 'Cancel edit');
  const labelled = (name: RowField, control: HTMLElement, help?: string): HTMLElement =>
    el('div', { class: 'idt-field' }, el('label', { class: 'idt-label', for: `idt-${name}` }, LABELS[name]), control, help ? el('p', { class: 'idt-help' }, help) : null, errors[name]);
  const form = el(
    'form',
    { id: 'idt-row-form', class: 'idt-form', novalidate: true, hidden: true },
    el(
      'fieldset',
      { class: 'idt-fieldset idt-wide' },
      formTitle,
      el(
        'div',
        { class: 'idt-form' },
        labelled('host', inputs.host, 'As in dest; * matches any text.'),
        labelled('user', inputs.user, 'As in user, e.g. corp\\alice or alice.'),
        labelled('process_path', inputs.process_path, 'Full image path, e.g. c:\\tools\\code.exe.'),
        labelled('reason', inputs.reason),
        labelled('expires', el('div', {}, inputs.expires, el('label', { class: 'idt-check', for: 'idt-never' }, inputs.never, ' Never')), 'The last day the row applies.'),
      ),
      el('p', { class: 'idt-help' }, 'Values are stored in lower case, as the detections compare them; * is the only wildcard.'),
      el('div', { class: 'idt-actions' }, submit, previewButton, cancel),
    ),
  );
  const table = el('tbody', { id: 'idt-rows-body' });
  const preview = el('section', { id: 'idt-preview', class: 'idt-section', hidden: true });
  const audit = el('tbody', { id: 'idt-audit-body' });
  root.replaceChildren(
    el('p', { class: 'idt-intro' }, 'Rows here stop the IDE Tunnel detections from alerting on expected activity: every detection applies them through its _filter macro from its next run on. Each change is recorded in the audit below.'),
    status,
    readOnly,
    form,
    preview,
    el(
      'section',
      { class: 'idt-section' },
      el('h3', {}, 'Rows'),
      el(
        'table',
        { class: 'table idt-table', id: 'idt-rows' },
        el('thead', {}, el('tr', {}, ...['Host', 'User', 'Process path', 'Reason', 'Expires', 'State', 'Added', 'Changed', ''].map((h) => el('th', {}, h)))),
        table,
      ),
    ),
    el(
      'section',
      { class: 'idt-section' },
      el('h3', {}, `Audit (last ${AUDIT_SHOWN} changes)`),
      el('table', { class: 'table idt-table', id: 'idt-audit' }, el('thead', {}, el('tr', {}, ...['When (UTC)', 'Who', 'Action', 'Row', 'Before', 'After'].map((h) => el('th', {}, h)))), audit),
    ),
  );
  const page: Page = { rest, username: '', canWrite: false, rows: [], status, form, inputs, errors, submit, cancel, formTitle, table, preview, audit };

  setStatus(status, 'info', 'Reading the allowlist…');
  try {
    const [user, acl] = await Promise.all([rest.currentUser(), rest.collectionAcl(COLLECTION)]);
    page.username = user.username;
    page.canWrite = acl.canWrite;
    if (!acl.canWrite) {
      readOnly.textContent =
        `You can read the allowlist but not change it: changing it needs one of the roles ${acl.writeRoles.join(', ') || 'admin, sc_admin'} ` +
        `(write permission on the ${COLLECTION} KV store collection, metadata/default.meta). Your roles: ${user.roles.join(', ') || 'none'}.`;
      readOnly.hidden = false;
    }
    form.hidden = !acl.canWrite;
    await reload(page);
    setStatus(status, 'info', '');
  } catch (error) {
    setStatus(status, 'error', `${describeError(error)} The allowlist cannot be shown.`);
    return;
  }
  resetForm(page);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveForm(page);
  });
  previewButton.addEventListener('click', () => {
    const values = formMatchValues(page);
    if (values) void runPreview(page, values);
  });
  cancel.addEventListener('click', () => resetForm(page));
  inputs.never.addEventListener('change', () => {
    inputs.expires.disabled = inputs.never.checked;
  });
}

/** Reads the rows and the audit again and redraws both tables. */
async function reload(page: Page): Promise<void> {
  const [rows, audit] = await Promise.all([
    page.rest.kvRows<AllowlistRow>(COLLECTION),
    page.rest.kvRows<AuditRecord>(AUDIT, { sort: 'time:-1', limit: AUDIT_SHOWN }).catch(() => [] as AuditRecord[]),
  ]);
  const day = today();
  page.rows = rows.sort((a, b) => Number(isActive(b, day)) - Number(isActive(a, day)) || a.host.localeCompare(b.host) || a.user.localeCompare(b.user));
  page.table.replaceChildren(...page.rows.map((row) => rowLine(page, row, day)));
  if (page.rows.length === 0) page.table.append(el('tr', {}, el('td', { colspan: '9', class: 'idt-muted' }, 'No rows: every detection alerts on everything it finds.')));
  page.audit.replaceChildren(
    ...audit.map((record) =>
      el('tr', { 'data-action': record.action }, el('td', {}, record.time.replace('T', ' ').replace('Z', '')), el('td', {}, record.actor), el('td', {}, record.action), el('td', {}, el('code', {}, record.row_key)), el('td', {}, summary(record.before)), el('td', {}, summary(record.after))),
    ),
  );
  if (audit.length === 0) page.audit.append(el('tr', {}, el('td', { colspan: '6', class: 'idt-muted' }, 'No changes recorded yet.')));
}

function summary(json: string): string {
  if (!json) return '';
  try {
    const row = JSON.parse(json) as AllowlistRow;
    return `${row.host} | ${row.user} | ${row.process_path} | ${row.reason} | expires ${row.expires}`;
  } catch {
    return json;
  }
}

function rowLine(page: Page, row: AllowlistRow, day: string): HTMLTableRowElement {
  const active = isActive(row, day);
  const button = (label: string, cls: string, action: () => void): HTMLButtonElement => {
    const b = el('button', { type: 'button', class: `btn btn-small ${cls}`, 'data-action': label.toLowerCase() }, label);
    b.addEventListener('click', action);
    return b;
  };
  const actions = el('td', { class: 'idt-row-actions' }, button('Preview', '', () => void runPreview(page, row)));
  if (page.canWrite) {
    actions.append(button('Edit', '', () => startEdit(page, row)));
    if (active) actions.append(button('Expire', '', () => void change(page, 'expire', row)));
    actions.append(button('Delete', 'btn-danger', () => void change(page, 'delete', row)));
  }
  return el(
    'tr',
    { 'data-key': row._key ?? '', class: active ? 'idt-active' : 'idt-expired' },
    el('td', {}, el('code', {}, row.host)),
    el('td', {}, el('code', {}, row.user)),
    el('td', {}, el('code', {}, row.process_path)),
    el('td', {}, row.reason),
    el('td', {}, row.expires || 'never'),
    el('td', {}, el('span', { class: active ? 'idt-badge' : 'idt-badge idt-badge-expired' }, active ? 'active' : 'expired')),
    el('td', {}, row.created_by ? `${row.created_by}, ${(row.created ?? '').slice(0, 10)}` : ''),
    el('td', {}, row.updated_by ? `${row.updated_by}, ${(row.updated ?? '').slice(0, 10)}` : ''),
    actions,
  );
}

function resetForm(page: Page): void {
  page.editing = undefined;
  page.form.reset();
  page.inputs.host.value = '*';
  page.inputs.user.value = '*';
  page.inputs.process_path.value = '*';
  page.inputs.never.checked = false;
  page.inputs.expires.disabled = false;
  page.inputs.expires.value = isoDay(new Date(Date.now() + 90 * 86_400_000));
  page.formTitle.textContent = 'Add a row';
  page.submit.textContent = 'Add row';
  page.cancel.hidden = true;
  showErrors(page, {});
}

function startEdit(page: Page, row: AllowlistRow): void {
  page.editing = row;
  for (const name of [...MATCH_FIELDS, 'reason'] as const) page.inputs[name].value = row[name];
  const never = !row.expires || row.expires.toLowerCase() === 'never';
  page.inputs.never.checked = never;
  page.inputs.expires.disabled = never;
  page.inputs.expires.value = never ? '' : row.expires;
  page.formTitle.textContent = 'Edit the row';
  page.submit.textContent = 'Save changes';
  page.cancel.hidden = false;
  showErrors(page, {});
  page.inputs.reason.focus();
}

function showErrors(page: Page, errors: Partial<Record<RowField, string>>): void {
  for (const name of Object.keys(page.errors) as RowField[]) {
    page.errors[name].textContent = errors[name] ?? '';
    page.errors[name].hidden = !errors[name];
    const input = page.inputs[name];
    if (errors[name]) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/** The form's match fields for a preview (reason and expiry are not needed), or null after showing why not. */
function formMatchValues(page: Page): Pick<AllowlistRow, 'host' | 'user' | 'process_path'> | null {
  const checked = normaliseRow({ ...readForm(page), reason: 'preview', never: true }, today());
  if ('errors' in checked) {
    showErrors(page, checked.errors);
    setStatus(page.status, 'error', 'Nothing to preview: correct the marked fields.');
    return null;
  }
  showErrors(page, {});
  return checked.row;
}

function readForm(page: Page) {
  return {
    host: page.inputs.host.value,
    user: page.inputs.user.value,
    process_path: page.inputs.process_path.value,
    reason: page.inputs.reason.value,
    expires: page.inputs.expires.value,
    never: page.inputs.never.checked,
  };
}

async function saveForm(page: Page): Promise<void> {
  const checked = normaliseRow(readForm(page), today());
  if ('errors' in checked) {
    showErrors(page, checked.errors);
    setStatus(page.status, 'error', 'Nothing was written: correct the marked fields.');
    return;
  }
  showErrors(page, {});
  const editing = page.editing;
  const clash = page.rows.find((row) => row._key !== editing?._key && isActive(row, today()) && sameMatch(row, checked.row));
  if (clash) {
    showErrors(page, { host: 'An active row already matches this host, user and process path: edit that row instead.' });
    setStatus(page.status, 'error', 'Nothing was written: the row would duplicate an active row.');
    return;
  }
  const stamp = nowIso();
  if (editing) {
    const row: AllowlistRow = { ...stripKey(editing), ...checked.row, updated_by: page.username, updated: stamp };
    await write(page, 'edit', editing, row);
  } else {
    const row: AllowlistRow = { ...checked.row, created_by: page.username, created: stamp, updated_by: page.username, updated: stamp };
    await write(page, 'add', undefined, row);
  }
}

async function change(page: Page, action: 'expire' | 'delete', row: AllowlistRow): Promise<void> {
  if (action === 'delete' && !window.confirm(`Delete the allowlist row ${row.host} | ${row.user} | ${row.process_path}? Expiring it keeps it on record instead.`)) return;
  const after: AllowlistRow | undefined = action === 'expire' ? { ...stripKey(row), expires: yesterday(), updated_by: page.username, updated: nowIso() } : undefined;
  await write(page, action, row, after);
}

/** Writes one change to the collection, then its audit record, then redraws. */
async function write(page: Page, action: AuditRecord['action'], before: AllowlistRow | undefined, after: AllowlistRow | undefined): Promise<void> {
  setStatus(page.status, 'info', 'Saving…');
  let key = before?._key;
  try {
    if (action === 'delete') await page.rest.kvDelete(COLLECTION, key as string);
    else key = await page.rest.kvSave(COLLECTION, after as unknown as Record<string, string>, key);
  } catch (error) {
    setStatus(page.status, 'error', `${describeError(error)} Nothing was changed.`);
    return;
  }
  let auditProblem = '';
  try {
    const record: AuditRecord = {
      time: nowIso(),
      actor: page.username,
      action,
      row_key: key ?? '',
      before: before ? JSON.stringify(stripKey(before)) : '',
      after: after ? JSON.stringify(after) : '',
    };
    await page.rest.kvSave(AUDIT, record as unknown as Record<string, string>);
  } catch (error) {
    auditProblem = ` The audit record was not written: ${describeError(error)}`;
  }
  const done = { add: 'Row added.', edit: 'Row saved.', expire: `Row expired (last day ${yesterday()}).`, delete: 'Row deleted.' }[action];
  if (action !== 'expire' && action !== 'delete') resetForm(page);
  else if (page.editing?._key === key) resetForm(page);
  try {
    await reload(page);
    setStatus(page.status, auditProblem ? 'warning' : 'success', `${done}${auditProblem}`);
  } catch (error) {
    setStatus(page.status, 'warning', `${done}${auditProblem} Reading the rows again failed: ${describeError(error)}`);
  }
}

async function runPreview(page: Page, row: Pick<AllowlistRow, 'host' | 'user' | 'process_path'>): Promise<void> {
  const { preview } = page;
  preview.hidden = false;
  preview.replaceChildren(el('h3', {}, 'Preview'), el('p', { class: 'idt-muted' }, `Searching the last 24 hours for events ${row.host} | ${row.user} | ${row.process_path} would silence…`));
  let results;
  try {
    results = await page.rest.oneshot('Previewing the row', allowlistPreviewSearch(row), '-24h', 50);
  } catch (error) {
    preview.replaceChildren(el('h3', {}, 'Preview'), el('p', { class: 'idt-field-error', role: 'alert' }, describeError(error)));
    return;
  }
  const total = Number(results[0]?.ide_tunnel_preview_total ?? 0);
  const heading = `${row.host} | ${row.user} | ${row.process_path}`;
  if (results.length === 0) {
    preview.replaceChildren(el('h3', {}, 'Preview'), el('p', { id: 'idt-preview-summary' }, `No events over the alert threshold in the last 24 hours match ${heading}.`));
    return;
  }
  const cell = (value: unknown): HTMLTableCellElement => el('td', {}, Array.isArray(value) ? value.join(', ') : String(value ?? ''));
  preview.replaceChildren(
    el('h3', {}, 'Preview'),
    el('p', { id: 'idt-preview-summary' }, `${total} event(s) of the last 24 hours would be silenced by ${heading}${total > results.length ? ` (showing ${results.length})` : ''}.`),
    el(
      'table',
      { class: 'table idt-table', id: 'idt-preview-table' },
      el('thead', {}, el('tr', {}, ...['Time', 'Host', 'User', 'Process path', 'Command line', 'Score'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...results.map((r) => el('tr', {}, cell(r._time), cell(r.dest), cell(r.user), cell(r.process_path), cell(r.process), cell(r.ide_tunnel_score)))),
    ),
  );
}

void start();

import { parseTaskContent } from '../../src/events/taskContent';
import { checkEventXmlSafety, EVENT_XML_LIMITS } from '../../src/events/xmlSafety';
import { encodeCsvCell } from '../../src/protocol/csvBody';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, runInProcess } from '../helpers/protocolRun';
import { parseReplyBody } from './support/csvFuzz';
import { runCommandProcess } from './support/commandProcess';

/**
 * XML taken from events (`_raw` with raw=true; 4698 `TaskContent`): entity-expansion bombs and
 * external entities are never expanded, deep nesting and huge attributes are refused per row with a
 * WARN, and the rest of the chunk goes on. Synthetic events modelled on the Windows Event schema
 * (http://schemas.microsoft.com/win/2004/08/events/event); attacks from the OWASP XXE cheat sheet.
 */

const NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";

function event(commandLine: string, prolog = '', extraData = ''): string {
  return (
    `${prolog}<Event ${NS}><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><Computer>WS1</Computer></System>` +
    `<EventData><Data Name='Image'>C:\\Users\\a\\code.exe</Data><Data Name='CommandLine'>${commandLine}</Data>${extraData}</EventData></Event>`
  );
}

const GOOD = event('code tunnel --accept-server-license-terms');
const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE Event [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`).join('') +
  ']>';
const BOMB = event('&lol9;', BILLION_LAUGHS);
const XXE = event('&e;', '<?xml version="1.0"?><!DOCTYPE Event [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
const PARAMETER_ENTITY = event('x', '<!DOCTYPE Event [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>');
const DEEP = event('<a>'.repeat(100000) + 'tunnel' + '</a>'.repeat(100000));
const HUGE_ATTRIBUTE = event('code tunnel', '', `<Data Name='${'x'.repeat(1024 * 1024)}'>y</Data>`);

describe('checkEventXmlSafety', () => {
  it('lets a real-shaped event, comments, CDATA and processing instructions through', () => {
    expect(checkEventXmlSafety(GOOD)).toBeNull();
    expect(checkEventXmlSafety(`<?xml version="1.0"?><!-- <!DOCTYPE x> --><Event ${NS}><![CDATA[<!DOCTYPE <<<]]></Event>`)).toBeNull();
    expect(checkEventXmlSafety(`<Event a="x>y" b='<!DOCTYPE'/>`)).toBeNull();
  });

  it.each([
    ['a billion-laughs DTD', BOMB, /DOCTYPE/],
    ['an external entity', XXE, /DOCTYPE/],
    ['a parameter entity', PARAMETER_ENTITY, /DOCTYPE/],
    ['a lower-case doctype', '<!doctype Event><Event/>', /DOCTYPE/],
    ['a bare ENTITY declaration', '<Event><!ENTITY e "x"></Event>', /ENTITY/],
    ['nesting 100,000 deep', DEEP, /nested more than 64/],
    ['a 1 MB attribute', HUGE_ATTRIBUTE, /attribute value over 65536/],
  ])('refuses %s', (_name, xml, reason) => {
    expect(checkEventXmlSafety(xml)).toMatch(reason);
  });

  it('puts the limits exactly at 64 levels and 64 Ki characters', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(checkEventXmlSafety(nest(EVENT_XML_LIMITS.maxDepth))).toBeNull();
    expect(checkEventXmlSafety(nest(EVENT_XML_LIMITS.maxDepth + 1))).not.toBeNull();
    expect(checkEventXmlSafety('<a')).toBeNull();
    const attr = (n: number) => `<a b="${'x'.repeat(n)}"/>`;
    expect(checkEventXmlSafety(attr(EVENT_XML_LIMITS.maxAttributeChars))).toBeNull();
    expect(checkEventXmlSafety(attr(EVENT_XML_LIMITS.maxAttributeChars + 1))).not.toBeNull();
    expect(checkEventXmlSafety(`<a b="${'x'.repeat(EVENT_XML_LIMITS.maxAttributeChars + 1)}`)).not.toBeNull();
  });

  it.each([
    ['1 MB of "<"', '<'.repeat(1024 * 1024)],
    ['1 MB of "<a "', '<a '.repeat(350000)],
    ['1 MB of "<!--"', '<!--'.repeat(262144)],
    ['1 MB of unclosed quotes in one tag', '<a ' + 'b="'.repeat(350000)],
    ['1 MB of "</"', '</'.repeat(524288)],
    ['1 MB of self-closing tags', '<a/>'.repeat(262144)],
  ])('returns on adversarial input (%s) without hanging', (_name, xml) => {
    const started = Date.now();
    checkEventXmlSafety(xml);
    expect(Date.now() - started).toBeLessThan(10000); // liveness bound, not a speed target
  });
});

describe('hostile XML through the command (raw=true)', () => {
  const rows = [GOOD, BOMB, XXE, PARAMETER_ENTITY, DEEP, HUGE_ATTRIBUTE, 'not xml at all', GOOD];
  const body = '_raw,_chunked_idx\n' + rows.map((raw, i) => `${encodeCsvCell(raw)},${i}\n`).join('');
  const input = Buffer.concat([getinfoChunk(['raw=true']), executeChunk(body, true)]);

  it('refuses the hostile rows per row with one WARN, scores the good ones, keeps every row unchanged', async () => {
    const out = await runInProcess([input]);
    expect(out.status).toBe(0);
    const table = parseReplyBody(out.replies[1].body);
    expect(table.rows).toHaveLength(rows.length);
    const raw = table.header.indexOf('_raw');
    const tunnel = table.header.indexOf('IsTunnelCommand');
    table.rows.forEach((row, i) => {
      expect(row[raw]).toBe(rows[i]);
      expect(row[table.header.indexOf('_chunked_idx')]).toBe(String(i));
    });
    expect(table.rows.map((row) => row[tunnel])).toEqual(['1', '0', '0', '0', '0', '0', '0', '1']);
    const warnings = inspectorMessages(out.replies[1]).filter(([level]) => level === 'WARN').map(([, text]) => text);
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/5 of 8 rows had a _raw XML that was not parsed/), expect.stringMatching(/1 of 8 rows had a _raw that is not a Windows event XML/)]),
    );
    const text = out.stdout.toString('utf8');
    expect(text).not.toMatch(/root:x?:0:0/); // /etc/passwd never read
    expect(text).not.toContain('lollollollol'); // the bomb never expanded
  });

  it('the bundled process does the same within a liveness bound', async () => {
    const run = await runCommandProcess(input, { timeoutMs: 30000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    expect(parseReplyBody(parseReplies(run.stdout)[1].body).rows).toHaveLength(rows.length);
  });

  it('TaskContent holding a bomb or an external entity passes through unchanged and unexpanded', async () => {
    const task = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE Task [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
      '<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><Actions><Exec><Command>code.exe</Command><Arguments>tunnel &e;</Arguments></Exec></Actions></Task>';
    const taskBody = `EventCode,TaskName,TaskContent,_chunked_idx\n4698,\\CodeTunnel,${encodeCsvCell(task)},0\n4698,\\Bomb,${encodeCsvCell(BILLION_LAUGHS + '<Task>&lol9;</Task>')},1\n`;
    const out = await runInProcess([Buffer.concat([getinfoChunk(), executeChunk(taskBody, true)])]);
    expect(out.status).toBe(0);
    const table = parseReplyBody(out.replies[1].body);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0][table.header.indexOf('TaskContent')]).toBe(task);
    expect(out.stdout.toString('utf8')).not.toMatch(/root:x?:0:0/);
    expect(out.stdout.toString('utf8')).not.toContain('lollollollol');
    // issue 19 item 6: the refusal is not silent (the bomb row names no tool, so its task XML is never read)
    const warnings = inspectorMessages(out.replies[1]).filter(([level]) => level === 'WARN').map(([, text]) => text);
    expect(warnings).toEqual([expect.stringMatching(/^idetunnelscore: 1 of 2 rows had a TaskContent XML that was not parsed \(first: XML markup declaration <!DOCTYPE>/)]);
  });

  it('a refused or unreadable TaskContent gives one WARN per kind per chunk; the same task without the DTD scores (issue 19 item 6)', async () => {
    const ns = 'xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"';
    const task = `<Task ${ns}><Actions><Exec><Command>C:\\Users\\a\\code.exe</Command><Arguments>tunnel --accept-server-license-terms</Arguments></Exec></Actions></Task>`;
    const rows = [task, `<!DOCTYPE Task>${task}`, `<!DOCTYPE Task>${task}`, `<Task ${ns}><Actions>code tunnel`, task];
    const body = 'EventCode,TaskName,TaskContent\n' + rows.map((content) => `4698,\\CodeTunnel,${encodeCsvCell(content)}\n`).join('');
    const chunk = (finished: boolean) => executeChunk(body, finished);
    const out = await runInProcess([Buffer.concat([getinfoChunk(), chunk(false), chunk(true)])]);
    expect(out.status).toBe(0);
    for (const reply of out.replies.slice(1)) {
      const table = parseReplyBody(reply.body);
      const scores = table.rows.map((row) => Number(row[table.header.indexOf('ide_tunnel_score')]));
      expect(scores[0]).toBeGreaterThan(0);
      expect(scores.slice(1, 4)).toEqual([0, 0, 0]);
      expect(scores[4]).toBe(scores[0]);
      const warnings = inspectorMessages(reply).filter(([level]) => level === 'WARN').map(([, text]) => text);
      expect(warnings).toEqual([
        expect.stringMatching(/^idetunnelscore: 2 of 5 rows had a TaskContent XML that was not parsed \(first: XML markup declaration <!DOCTYPE>/),
        expect.stringMatching(/^idetunnelscore: 1 of 5 rows had a TaskContent that is not a task XML/),
      ]);
    }
  });

  it('parseTaskContent (4698 TaskContent) is behind the same guard: a DTD, deep nesting or a huge attribute is not parsed', () => {
    const exec = '<Actions><Exec><Command>code.exe</Command><Arguments>tunnel</Arguments></Exec></Actions>';
    const ns = 'xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"';
    expect(parseTaskContent(`<Task ${ns}>${exec}</Task>`)?.actions).toEqual([{ command: 'code.exe', arguments: 'tunnel' }]);
    expect(parseTaskContent(`<!DOCTYPE Task [<!ENTITY e SYSTEM "file:///etc/passwd">]><Task ${ns}>${exec}</Task>`)).toBeUndefined();
    expect(parseTaskContent(`&lt;!DOCTYPE Task&gt;&lt;Task ${ns}&gt;&lt;/Task&gt;`)).toBeUndefined();
    expect(parseTaskContent(`<Task ${ns}>${'<a>'.repeat(100)}${'</a>'.repeat(100)}${exec}</Task>`)).toBeUndefined();
    expect(parseTaskContent(`<Task ${ns} a="${'x'.repeat(70000)}">${exec}</Task>`)).toBeUndefined();
  });
});


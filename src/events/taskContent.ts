import { Parser } from 'xml2js';
import { checkEventXmlSafety } from './xmlSafety';

/** One `<Exec>` action of a scheduled task. */
export interface TaskExecAction {
  /** `<Command>`: the program (may hold %VARIABLES%). */
  command: string;
  /** `<Arguments>`: the rest of the command line, '' when absent. */
  arguments: string;
}

/** What the detection needs from a task definition. */
export interface TaskDefinition {
  actions: TaskExecAction[];
  /** `<Principals><Principal><UserId>` (a name or a SID such as S-1-5-18), '' when absent. */
  userId: string;
  /** `<RegistrationInfo><URI>` (the task path), '' when absent. */
  uri: string;
}

type Node = Record<string, unknown>;

const parser = new Parser({ explicitArray: true, async: false, strict: true, trim: true, normalize: false });

function child(node: unknown, name: string): Node | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const list = (node as Node)[name];
  return Array.isArray(list) && list.length > 0 && typeof list[0] === 'object' ? (list[0] as Node) : undefined;
}

function children(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const list = (node as Node)[name];
  return Array.isArray(list) ? list : [];
}

function textOf(node: unknown, name: string): string {
  const first = children(node, name)[0];
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as Node)._ === 'string') return (first as Node)._ as string;
  return '';
}

/** Undoes one level of XML entity escaping (the five predefined entities), `&amp;` last. */
function unescapeOnce(text: string): string {
  return text.split('&lt;').join('<').split('&gt;').join('>').split('&quot;').join('"').split('&apos;').join("'").split('&amp;').join('&');
}

/** Task XMLs {@link parseTaskContent} could not read since the last {@link takeTaskContentProblems}. */
export interface TaskContentProblems {
  /** Refused before parsing by checkEventXmlSafety (a DTD, nesting over 64, a huge attribute). */
  refused: number;
  /** The first refusal's reason ('' when none). */
  firstReason: string;
  /** Not a well-formed XML document with a `<Task>` root. */
  unreadable: number;
}

let problems: TaskContentProblems = { refused: 0, firstReason: '', unreadable: 0 };

/**
 * The task XMLs that could not be read since the last call, and starts counting afresh. The command
 * takes them once per chunk for its WARN messages (the detection stays a pure function of the
 * event; a refused TaskContent gives no evidence, which without a WARN looked like a clean event).
 */
export function takeTaskContentProblems(): TaskContentProblems {
  const taken = problems;
  problems = { refused: 0, firstReason: '', unreadable: 0 };
  return taken;
}

/**
 * Reads a Task Scheduler task definition (the XML in Security 4698/4702 `TaskContent` /
 * `TaskContentNew`; schema: learn.microsoft.com/windows/win32/taskschd/task-scheduler-schema).
 * Splunk and nxlog may deliver the XML entity-escaped once more (`&lt;Task ...`); it is then
 * unescaped once before parsing. Parsed with xml2js (sax), behind {@link checkEventXmlSafety}: a
 * DTD (entity bombs, external entities), nesting over 64 or an attribute over 64 Ki characters
 * is refused before parsing.
 *
 * @returns the Exec actions, principal and URI; undefined when the text is not a task XML or is
 *   refused by the safety check (both counted for {@link takeTaskContentProblems})
 */
export function parseTaskContent(text: string): TaskDefinition | undefined {
  let xml = text.trim();
  if (xml.startsWith('&lt;')) xml = unescapeOnce(xml);
  // sax rejects an encoding="UTF-16" declaration on a JavaScript string only in some versions; drop it.
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end > 0) xml = xml.slice(end + 2).trimStart();
  }
  if (!xml.startsWith('<')) return unreadable();
  const refusal = checkEventXmlSafety(xml);
  if (refusal !== null) {
    problems.refused++;
    problems.firstReason ||= refusal;
    return undefined;
  }
  let document: Node | undefined;
  let failed = false;
  parser.reset();
  parser.parseString(xml, (error: Error | null, result: Node) => {
    failed = error !== null;
    document = result;
  });
  if (failed || !document) return unreadable();
  const task = document.Task;
  if (!task || typeof task !== 'object') return unreadable();
  const actions: TaskExecAction[] = [];
  for (const exec of children(child(task, 'Actions'), 'Exec')) {
    const command = textOf(exec, 'Command');
    if (command !== '') actions.push({ command, arguments: textOf(exec, 'Arguments') });
  }
  return {
    actions,
    userId: textOf(child(child(task, 'Principals'), 'Principal'), 'UserId'),
    uri: textOf(child(task, 'RegistrationInfo'), 'URI'),
  };
}

function unreadable(): undefined {
  problems.unreadable++;
  return undefined;
}

/**
 * Dashboard Studio views as Splunk stores them in `default/data/ui/views/<name>.xml` (Splunk docs,
 * Dashboard Studio "Source code editor" / "Dashboard Studio REST usage"):
 *
 *     <dashboard version="2" theme="dark">
 *       <label>...</label>
 *       <definition><![CDATA[ { ...JSON dashboard definition... } ]]></definition>
 *     </dashboard>
 *
 * and the `$token$` references inside a definition's strings (Dashboard Studio "Use tokens"):
 * `$name$`, `$namespace.name$` / `$name.earliest$` for a time range, `$name|s$` with a filter,
 * `$$` for a literal dollar sign.
 */
import { parseStringPromise } from 'xml2js';
import { AppContentError } from './errors';

/** A Dashboard Studio view: its XML attributes and the parsed JSON definition. */
export interface StudioDashboard {
  /** `version` attribute of `<dashboard>`; "2" for Dashboard Studio. */
  readonly version: string | undefined;
  /** `theme` attribute of `<dashboard>` (light or dark), if set. */
  readonly theme: string | undefined;
  /** Text of `<label>`. */
  readonly label: string | undefined;
  /** The JSON definition from the `<definition>` CDATA section. */
  readonly definition: Record<string, unknown>;
}

/** Error codes of {@link DashboardXmlError}. */
export type DashboardXmlErrorCode = 'DASHBOARD_NOT_STUDIO' | 'DASHBOARD_NO_DEFINITION' | 'DASHBOARD_BAD_JSON';

/** The view file is not a Dashboard Studio view Splunk could load. */
export class DashboardXmlError extends AppContentError<DashboardXmlErrorCode> {}

interface DashboardXmlShape {
  dashboard?: {
    $?: Record<string, string>;
    label?: string[];
    definition?: string[];
  };
}

/**
 * Parses a view file.
 * @param xml content of the `.xml` view
 * @throws {DashboardXmlError} `DASHBOARD_NOT_STUDIO` when the root is not `<dashboard>`,
 *   `DASHBOARD_NO_DEFINITION` without a `<definition>`, `DASHBOARD_BAD_JSON` when the definition is not a JSON object;
 *   xml2js errors for malformed XML
 */
export async function parseStudioDashboardXml(xml: string): Promise<StudioDashboard> {
  const doc = (await parseStringPromise(xml)) as DashboardXmlShape;
  const root = doc.dashboard;
  if (!root) throw new DashboardXmlError('DASHBOARD_NOT_STUDIO', 'root element is not <dashboard>');
  const text = root.definition?.[0];
  if (typeof text !== 'string') throw new DashboardXmlError('DASHBOARD_NO_DEFINITION', 'no <definition> element');
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    throw new DashboardXmlError('DASHBOARD_BAD_JSON', (error as Error).message);
  }
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new DashboardXmlError('DASHBOARD_BAD_JSON', 'definition is not a JSON object');
  }
  return {
    version: root.$?.version,
    theme: root.$?.theme,
    label: root.label?.[0],
    definition: definition as Record<string, unknown>,
  };
}

/** One `$...$` token reference. */
export interface TokenReference {
  /** Token name without filters, e.g. `global_time.earliest`, `row.dest.value`, `host_filter`. */
  readonly name: string;
  /** Filters after `|`, e.g. `['s']`. */
  readonly filters: readonly string[];
}

/** Lists the token references in one string; `$$` (a literal dollar sign) is skipped. */
export function findTokenReferences(text: string): TokenReference[] {
  const refs: TokenReference[] = [];
  const pattern = /\$\$|\$([^$\s]+)\$/g;
  for (const match of text.matchAll(pattern)) {
    if (match[0] === '$$') continue;
    const [name, ...filters] = match[1].split('|');
    refs.push({ name, filters });
  }
  return refs;
}

/**
 * The SPL the Splunk Web pages run. The searches themselves live in default/macros.conf; the pages
 * only call them and, for the preview, hand the row's values over as eval string literals.
 */
import { splString, wildcardRegex, type AllowlistRow } from './allowlist/rows';

/** Events per log and EventCode (setup page data check); run over the last 24 hours. */
export const SETUP_DATA_CHECK_SEARCH = 'search `ide_tunnel_setup_data_check`';

/** Sysmon EventCodes the detections read, and the Windows event log ones (what the data check counts). */
export const SYSMON_EVENT_CODES = ['1', '3', '11', '13', '22'] as const;
export const WINEVENTLOG_EVENT_CODES = ['4698', '7045'] as const;

/** Events a candidate allowlist row would silence: at most 50 of the last 24 hours, with the total. */
export function allowlistPreviewSearch(row: Pick<AllowlistRow, 'host' | 'user' | 'process_path'>): string {
  const pattern = (value: string): string => splString(wildcardRegex(value));
  return (
    'search `ide_tunnel_allowlist_preview_events`' +
    ` | eval ide_tunnel_preview_host=${pattern(row.host)}, ide_tunnel_preview_user=${pattern(row.user)}, ide_tunnel_preview_path=${pattern(row.process_path)}` +
    ' | `ide_tunnel_allowlist_preview_match`'
  );
}

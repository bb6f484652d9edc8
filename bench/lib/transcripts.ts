import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'fs';
import * as path from 'path';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { BenchEvent, SYSMON_EID1_FIELDS } from './sysmonEvents';

/** Benchmark input shapes (issue 5). */
export type Shape = 'narrow' | 'wide' | 'raw';

/** Rows per execute chunk: splunkd's default (`maxresultrows` 50,000). */
export const CHUNK_ROWS = 50_000;

/** A transcript file on disk: getinfo + execute chunks as splunkd would write them to the command's stdin. */
export interface Transcript {
  shape: Shape;
  rows: number;
  file: string;
  bytes: number;
  /** Bytes of the CSV bodies only (what MB/s is computed from). */
  bodyBytes: number;
  /** The search's arguments carried in getinfo (`raw=true` for the raw shape). */
  args: string[];
  chunks: number;
  largestChunkBytes: number;
}

/** CIM Endpoint.Processes names the Splunk Add-on for Sysmon adds to EID 1 events (Splunk CIM manual). */
const CIM_FROM_SYSMON: [string, string][] = [
  ['process_path', 'Image'], ['process', 'CommandLine'], ['parent_process_path', 'ParentImage'],
  ['parent_process', 'ParentCommandLine'], ['original_file_name', 'OriginalFileName'], ['user', 'User'],
  ['process_id', 'ProcessId'], ['parent_process_id', 'ParentProcessId'], ['process_guid', 'ProcessGuid'],
  ['parent_process_guid', 'ParentProcessGuid'], ['process_current_directory', 'CurrentDirectory'],
  ['process_integrity_level', 'IntegrityLevel'], ['process_hash', 'Hashes'], ['dest', 'host'], ['signature_id', 'EventCode'],
];

const WIDE_EXTRA = ['_time', 'host', 'source', 'sourcetype', 'index', 'EventCode', 'process_name', 'parent_process_name', 'signature', 'vendor_product'];

/** Every field of a `wide` row except `_raw`: Sysmon EID 1 names, CIM names, Splunk's default fields. */
export const WIDE_FIELDS: readonly string[] = [...WIDE_EXTRA, ...SYSMON_EID1_FIELDS, ...CIM_FROM_SYSMON.map(([cim]) => cim)];

function basename(windowsPath: string | undefined): string {
  if (!windowsPath) return '';
  const i = Math.max(windowsPath.lastIndexOf('\\'), windowsPath.lastIndexOf('/'));
  return windowsPath.slice(i + 1);
}

/** The event's fields as a search head sees them after the Sysmon add-on: Sysmon + CIM + defaults, `_time`/`host` varied per repetition. */
function searchFields(event: BenchEvent, repetition: number, index: number): Record<string, string> {
  const f: Record<string, string> = { ...event.fields };
  f._time = (Number(f._time ?? 1600000000) + repetition * 86400 + (index % 1000) / 1000).toFixed(3);
  f.host = `${f.host ?? 'unknown'}-${repetition}`;
  f.source = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';
  f.sourcetype = 'XmlWinEventLog';
  f.index = 'sysmon';
  f.EventCode = '1';
  for (const [cim, sysmon] of CIM_FROM_SYSMON) if (f[sysmon] !== undefined) f[cim] = f[sysmon];
  f.process_name = basename(f.Image);
  f.parent_process_name = basename(f.ParentImage);
  f.signature = 'Process Create';
  f.vendor_product = 'Microsoft Sysmon';
  return f;
}

function variedRaw(event: BenchEvent, repetition: number): string {
  return event.raw.replace(/<Computer>([^<]*)<\/Computer>/, `<Computer>$1-${repetition}</Computer>`);
}

const PLAIN = /^[A-Za-z0-9]*$/;

/** One CSV cell as splunkd writes it: quoted unless it is empty or only ASCII letters and digits (see the scpv2 recordings). */
export function splunkdCell(value: string): string {
  return PLAIN.test(value) ? value : `"${value.replace(/"/g, '""')}"`;
}

/** The columns of a shape: fields, then `_chunked_idx`, then one `__mv_` column per field (splunkd's order). */
export function shapeColumns(shape: Shape, requiredFields: readonly string[]): string[] {
  if (shape === 'raw') return ['_raw'];
  if (shape === 'narrow') return requiredFields.filter((name) => name !== '_raw' && (WIDE_FIELDS.includes(name)));
  return [...WIDE_FIELDS, '_raw'];
}

function getinfoMetadata(args: string[]): Record<string, unknown> {
  return {
    action: 'getinfo', preview: false, streaming_command_will_restart: false,
    searchinfo: {
      args, raw_args: args, command: 'idetunnelscore', app: 'idetunnel', owner: 'admin', username: 'admin',
      sid: 'bench', splunk_version: '9.4.0', maxresultrows: CHUNK_ROWS, dispatch_dir: '',
      search: encodeURIComponent(`| idetunnelscore ${args.join(' ')}`.trim()), earliest_time: '0', latest_time: '0',
      session_key: 'bench-not-a-session-key', splunkd_uri: 'https://127.0.0.1:8089',
    },
  };
}

/**
 * Writes (or reuses from the cache) a transcript: getinfo, then execute chunks of {@link CHUNK_ROWS}
 * rows, the last with `finished: true`. Events are repeated in order; repetition `r` gets `_time`
 * shifted by `r` days and `host`/`Computer` suffixed with `-r`.
 *
 * @param cacheDir folder for transcripts (bench/.cache); a file is reused when its name (shape, rows,
 *   columns hash, event count) matches
 */
export function buildTranscript(
  shape: Shape, rows: number, events: readonly BenchEvent[], requiredFields: readonly string[], cacheDir: string,
): Transcript {
  const columns = shapeColumns(shape, requiredFields);
  const args = shape === 'raw' ? ['raw=true'] : [];
  const key = `${shape}-${rows}-${events.length}-${hash(columns.join(','))}-v1`;
  const file = path.join(cacheDir, `${key}.chunks`);
  const metaFile = `${file}.json`;
  mkdirSync(cacheDir, { recursive: true });
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Transcript;
    if (meta.bytes === statSync(file).size) return meta;
  }
  const header = [...columns, '_chunked_idx', ...columns.map((c) => `__mv_${c}`), '__mv__chunked_idx'].map(splunkdCell).join(',') + '\n';
  const emptyMv = ','.repeat(columns.length + 1);
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let bytes = 0;
  let bodyBytes = 0;
  let chunks = 0;
  let largest = 0;
  const write = (buffer: Buffer): void => {
    writeSync(fd, buffer);
    bytes += buffer.length;
  };
  try {
    write(encodeChunk(getinfoMetadata(args)));
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const end = Math.min(rows, start + CHUNK_ROWS);
      const lines: string[] = [header];
      for (let n = start; n < end; n++) {
        const event = events[n % events.length];
        const repetition = Math.floor(n / events.length);
        const cells: string[] = [];
        if (shape === 'raw') {
          cells.push(splunkdCell(variedRaw(event, repetition)));
        } else {
          const fields = searchFields(event, repetition, n);
          for (const name of columns) cells.push(splunkdCell(name === '_raw' ? variedRaw(event, repetition) : fields[name] ?? ''));
        }
        cells.push(String(n - start));
        lines.push(cells.join(',') + emptyMv + '\n');
      }
      const body = Buffer.from(lines.join(''), 'utf8');
      const chunk = encodeChunk({ action: 'execute', finished: end >= rows }, body);
      write(chunk);
      bodyBytes += body.length;
      largest = Math.max(largest, chunk.length);
      chunks++;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
  const transcript: Transcript = { shape, rows, file, bytes, bodyBytes, args, chunks, largestChunkBytes: largest };
  writeFileSync(metaFile, JSON.stringify(transcript));
  return transcript;
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16);
}

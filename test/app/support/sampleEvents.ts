import { Table } from '../../../src/protocol/csvBody';

/**
 * Two Sysmon EventCode 1 (process creation) rows as splunkd would send them after field
 * extraction: a VS Code remote tunnel host (`code.exe tunnel`, MITRE ATT&CK T1219.001) and a
 * benign notepad start. Synthetic, modelled on the seed rule's examples (../shared/seed/README.md).
 */
export const SAMPLE_EVENTS: Table = {
  header: ['_time', 'host', 'EventCode', 'Image', 'CommandLine', 'ParentImage', 'User'],
  rows: [
    [
      '1767225600',
      'ws-0142',
      '1',
      'C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe',
      '"C:\\Users\\alice\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe" tunnel --accept-server-license-terms --name ws-0142',
      'C:\\Windows\\System32\\cmd.exe',
      'CORP\\alice',
    ],
    ['1767225601', 'ws-0142', '1', 'C:\\Windows\\System32\\notepad.exe', 'notepad.exe C:\\notes.txt', 'C:\\Windows\\explorer.exe', 'CORP\\alice'],
  ],
};

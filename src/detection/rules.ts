import type { EventField } from '../events/fieldAliases';
import { IDENTITY_SIGNALS } from './identitySignals';

/**
 * THE signal-rule table: every signal the detection can raise, one data entry each: its signed
 * weight, the reason text an analyst reads, the document it comes from, the fields it reads, the
 * literal words every match contains, and the SPL terms that find its events in an index. Change a
 * rule here and nowhere else: the screen that skips rows which cannot match (screen.ts: the
 * JavaScript test and the WebAssembly record index's word table), the grammar's key-word test and
 * the checks of the SPL macros are derived from this table. How weights combine is in combine.ts
 * (and docs/detection.md, which also says how to add a rule).
 *
 * Kinds:
 * - `primary`: evidence of IDE tunnelling by itself (a tunnel subcommand, a tunnel relay name, a
 *   persistence entry whose command is a tunnel, a tunnel artefact file). An event scores only if
 *   at least one primary signal matched; the primary sets `ide_tunnel_activity`.
 * - `context`: raises or lowers a primary (where the program runs from, who started it, which
 *   account, renamed binaries). Never scores on its own, so it declares no words.
 * A `ceiling` caps the final score (housekeeping, desktop-managed tunnels).
 */

/** What an event shows (the `ide_tunnel_activity` field). */
export type Activity =
  | 'tunnel-host'
  | 'serve-web'
  | 'service-install'
  | 'service-run'
  | 'login'
  | 'tunnel-create'
  | 'tunnel-access'
  | 'port-forward'
  | 'client'
  | 'housekeeping'
  | 'dns'
  | 'network'
  | 'persistence'
  | 'file-artefact'
  | 'attempt'
  | 'agent-host'
  | 'tunnel-session'
  | 'token-refresh';

/**
 * The kinds of event a rule reads (scoreEvent.ts picks one per event by EventCode, or by the fields
 * present): `process` Sysmon 1 (Windows and Linux), Security 4688, CIM Endpoint.Processes;
 * `network` Sysmon 3; `dns` Sysmon 22 (QueryName, and QueryResults once a rule reads it), CIM
 * Network_Resolution; `file` Sysmon 11 (Windows and Linux paths); `registry` Sysmon 12/13;
 * `scheduled-task` Security 4698/4702; `service` Security 4697, System 7045; `web` CIM Web (url,
 * http_user_agent) and `sign-in` identity events (Entra ID / Windows logons): no analyser reads
 * them yet; pattern rules may (see {@link SignalRule.pattern}).
 */
export type EventKind = 'process' | 'network' | 'dns' | 'file' | 'registry' | 'scheduled-task' | 'service' | 'web' | 'sign-in' | 'github-grant';

/**
 * The SPL macros (default/macros.conf) that hold index-time terms; test/app/ruleMacros.test.ts
 * checks each against the terms the rules declare for it.
 */
export type SplMacro = 'ide_tunnel_prefilter' | 'ide_tunnel_cim_process_prefilter' | 'ide_tunnel_cim_dns' | 'ide_tunnel_cim_web';

/**
 * What finds a rule's matches: `grammar` the tool argument grammars (invocations.ts, grammar/);
 * `analyser` an event type's hand-written analyser (processSignals.ts, networkSignals.ts,
 * fileSignals.ts, persistenceSignals.ts, context.ts); `pattern` the rule's own {@link SignalRule.pattern}
 * (scoreEvent.ts applies it to the fields it reads; no code to write).
 */
export type Matcher = 'grammar' | 'analyser' | 'pattern';

/** One entry of the rule table. */
export interface SignalRule {
  /** Stable id, `family.name` ({@link SignalId} is the union of the table's ids). */
  id: string;
  kind: 'primary' | 'context';
  /** Signed points (score is 0-100). */
  weight: number;
  /** One short sentence; `{value}` is replaced by the matched value as it is. */
  reason: string;
  /** Activity a primary signal stands for. */
  activity?: Activity;
  /** Highest final score when this signal matched (see combine.ts for how ceilings interact). */
  ceiling?: number;
  /** The ATT&CK (sub-)technique this rule is evidence of (https://attack.mitre.org/techniques/...). */
  technique: string;
  /** ATT&CK techniques this signal adds to `mitre_technique_id` besides T1219.001. */
  techniques?: readonly string[];
  /** Where the rule comes from (documentation, ATT&CK, public research). */
  source: string;
  /** What finds its matches (see {@link Matcher}). */
  matcher: Matcher;
  /**
   * The fields it reads, by event kind (Sysmon names; events/fieldAliases.ts maps CIM and other
   * names onto them). Rules may read parent fields (ParentImage, ParentCommandLine) like any other.
   */
  reads: Readonly<Partial<Record<EventKind, readonly EventField[]>>>;
  /**
   * Primary rules: literal words, lower-case ASCII, 4 to 255 bytes, without `"`, `,` or line
   * breaks; every match holds one of them, in any ASCII case, in one of the fields it reads for
   * that event kind. An event none of whose fields holds a word of any rule of its kind skips that
   * kind's analyser (screen.ts). A rule with a pattern declares them too (test/detection/rules.test.ts
   * proves each pattern's matches hold one).
   */
  words?: readonly string[];
  /**
   * Those of its `words` its matches hold as a whole argument (a subcommand such as `agent` of
   * `code agent host`), never inside a longer name. The grammar's cheap pre-check (screen.ts
   * GRAMMAR_PATTERN) then looks for a word only between argument boundaries when every grammar rule
   * declaring it says so, which keeps `UserAgent` in a browser's flags from tokenizing its command
   * line; the screens still look for the plain substring.
   */
  argumentWords?: readonly string[];
  /**
   * The rule finds a tunnel command line stored in one of its fields (a Run value's data, a task's
   * action, a service's ImagePath, a launcher's argument): its words are every `grammar` rule's words.
   */
  holdsCommand?: boolean;
  /** `pattern` rules: searched (unanchored) in each value of the fields it reads; the match is `{value}`. */
  pattern?: RegExp;
  /**
   * Terms that find its events in an index, per macro: Splunk matches indexed segments (split at
   * its breakers), not substrings, so these are declared, not derived from the words
   * (test/app/ruleMacros.test.ts checks the macros and that every positive corpus event's `_raw` holds one).
   */
  spl?: Readonly<Partial<Record<SplMacro, readonly string[]>>>;
  /**
   * The activity this signal imposes whatever the strongest primary is; of several such matched
   * signals the highest rank wins (a desktop-managed tunnel is housekeeping even when it persists).
   */
  activityOverride?: { activity: Activity; rank: number };
  /**
   * The rule's events are read in full, never screened: identity-plane events (sign-ins, GitHub
   * grants), whose deciding fields hold application ids, not words, and which are few. A chunk whose
   * header holds a field such a rule reads is not screened by the record index (screen.ts UNSCREENED_FIELDS).
   */
  unscreened?: boolean;
  /**
   * The desktop's Remote Tunnel Access runs this subcommand itself (microsoft/vscode
   * remoteTunnelService.ts): with the IDE desktop as parent it is desktop-managed (processSignals.ts).
   */
  desktopRoutine?: boolean;
}

/** Where a process event's program and command line are read (Sysmon 1, Security 4688, CIM process names). */
const PROCESS_FIELDS: readonly EventField[] = ['Image', 'CommandLine', 'OriginalFileName', 'NewProcessName', 'ProcessName'];

/**
 * A rule for something a client can reach (a tunnel host, its service, a web or agent host server) is
 * also read in the parent's command line: the processes it starts carry its evidence (childSignals.ts,
 * whose HOSTING activities test/detection/rules.test.ts checks against these rules).
 */
const HOSTING_FIELDS: readonly EventField[] = [...PROCESS_FIELDS, 'ParentCommandLine'];

const VSCODE_CLI = 'https://code.visualstudio.com/docs/remote/tunnels; microsoft/vscode cli/src/commands/args.rs (clap definitions)';
const VSCODE_SERVE_WEB = 'https://code.visualstudio.com/docs/remote/vscode-server; microsoft/vscode cli/src/commands/args.rs (ServeWebArgs)';
const DEVTUNNEL = 'https://learn.microsoft.com/azure/developer/dev-tunnels/cli-commands';
const VSCODE_AGENT_HOST = 'microsoft/vscode cli/src/commands/agent_host.rs (code agent host --tunnel --host --without-connection-token) and cli/src/tunnels/agent_host_registry.rs';
const JETBRAINS = 'https://www.jetbrains.com/help/idea/remote-development-troubleshooting.html (remote-dev-server commands); https://www.jetbrains.com/help/idea/remote-development-a.html';
const T1219 = 'https://attack.mitre.org/techniques/T1219/001/';
const DIGITAL_EYE = 'https://www.sentinelone.com/labs/operation-digital-eye-chinese-apt-compromises-critical-digital-infrastructure-via-visual-studio-code-tunnels/';
const STATELY_TAURUS = 'https://unit42.paloaltonetworks.com/stately-taurus-abuses-vscode-southeast-asian-espionage/';
const CIM_WEB = 'https://docs.splunk.com/Documentation/CIM/latest/User/Web (url, http_user_agent, src = the endpoint, dest = the server)';
const SIGMA_REMOTE_SHELL = 'SigmaHQ proc_creation_win_vscode_tunnel_remote_shell_ (ParentImage \\servers\\Stable-*\\server\\node.exe; shells)';
const SIGMA = 'SigmaHQ rules: proc_creation_win_vscode_tunnel_*, dns_query_win_vscode_tunnel_communication, file_event_win_vscode_tunnel_*, registry_set_vscode_tunnel_*';

/** Every signal, grouped by family (as literal types, for {@link SignalId}; read it as {@link SIGNALS}). */
const RULE_TABLE = [
  // --- VS Code CLI (code, code-tunnel, code-insiders, Cursor's cursor-tunnel), process grammar ---
  { id: 'vscode.tunnel-host', kind: 'primary', weight: 55, activity: 'tunnel-host', reason: '{value} CLI `tunnel` host subcommand', source: `${VSCODE_CLI}; ${T1219}; ${DIGITAL_EYE}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.process_path="*cursor*"', 'Processes.parent_process="*tunnel*"'] } },
  { id: 'vscode.service-install', kind: 'primary', weight: 65, activity: 'service-install', reason: '{value} CLI `tunnel service install`: tunnel started at every logon', techniques: ['T1547.001'], source: `${VSCODE_CLI}; https://attack.mitre.org/techniques/T1547/001/`,
    technique: 'T1547.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"'] } },
  { id: 'vscode.service-run', kind: 'primary', weight: 60, activity: 'service-run', reason: '{value} CLI `tunnel service internal-run`: the installed tunnel service running', source: VSCODE_CLI,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"'] } },
  { id: 'vscode.login', kind: 'primary', weight: 35, activity: 'login', reason: '{value} CLI `tunnel user login` to the tunnel service', source: `${VSCODE_CLI}; ${STATELY_TAURUS}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"'] }, desktopRoutine: true },
  { id: 'vscode.serve-web', kind: 'primary', weight: 45, activity: 'serve-web', reason: '{value} CLI `serve-web`: the editor served over HTTP', source: VSCODE_SERVE_WEB,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['serve-web'], spl: { ide_tunnel_prefilter: ['"serve-web"'], ide_tunnel_cim_process_prefilter: ['Processes.process="*serve-web*"'] } },
  { id: 'vscode.housekeeping', kind: 'primary', weight: 10, ceiling: 20, activity: 'housekeeping', reason: '{value} CLI tunnel housekeeping subcommand', source: VSCODE_CLI,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'agent'], argumentWords: ['agent'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"'] }, desktopRoutine: true },
  { id: 'vscode.accept-license', kind: 'context', weight: 10, reason: '`--accept-server-license-terms`: started without any prompt', source: `${VSCODE_CLI}; ${SIGMA}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.existing-tunnel', kind: 'context', weight: 15, reason: 'joins a tunnel made elsewhere (`{value}`)', source: 'microsoft/vscode cli/src/commands/args.rs (ExistingTunnelArgs: --host-token, --tunnel-id)',
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.access-token', kind: 'context', weight: 10, reason: 'login with a token on the command line (`--access-token`)', source: 'microsoft/vscode cli/src/commands/args.rs (LoginArgs)',
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.serve-web-public', kind: 'context', weight: 20, reason: '`serve-web --host {value}`: listens beyond loopback', source: VSCODE_SERVE_WEB,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.serve-web-no-token', kind: 'context', weight: 25, reason: '`--without-connection-token`: no secret needed to connect', source: VSCODE_SERVE_WEB,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.serve-web-loopback', kind: 'primary', weight: 25, activity: 'serve-web', reason: '{value} CLI `serve-web` on loopback (its default): the editor served over HTTP to this host only', source: VSCODE_SERVE_WEB,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['serve-web'], spl: { ide_tunnel_prefilter: ['"serve-web"'], ide_tunnel_cim_process_prefilter: ['Processes.process="*serve-web*"'] } },
  { id: 'vscode.serve-web-no-token-loopback', kind: 'context', weight: 5, reason: '`--without-connection-token` on a loopback listener: only local programs can connect', source: VSCODE_SERVE_WEB,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.serve-web-published', kind: 'context', weight: 30, reason: 'its loopback port is published by a tunnel tool in the same command line (`{value}`)', source: `${VSCODE_SERVE_WEB}; https://ngrok.com/docs/agent/cli/; https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/do-more-with-tunnels/trycloudflare/; ${DEVTUNNEL}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.attempt', kind: 'primary', weight: 20, ceiling: 40, activity: 'attempt', reason: '{value}: the CLI refuses this launch, no tunnel starts (an attempt)', source: `${VSCODE_CLI}; https://docs.rs/clap/latest/clap/ (subcommand and long-option names are case-sensitive); microsoft/vscode cli/src/tunnels/dev_tunnels.rs (is_valid_name)`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'serve-web', 'agent'], argumentWords: ['agent'], spl: { ide_tunnel_prefilter: ['tunnel', '"serve-web"', '(agent host)'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.process="*serve-web*"', 'Processes.process="*agent host*"'] } },
  { id: 'vscode.agent-host', kind: 'primary', weight: 30, activity: 'agent-host', reason: '{value} CLI `agent host`: an agent host server for remote clients', source: `${VSCODE_AGENT_HOST}; ${T1219}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['agent'], argumentWords: ['agent'], spl: { ide_tunnel_prefilter: ['(agent host)'], ide_tunnel_cim_process_prefilter: ['Processes.process="*agent host*"'] } },
  { id: 'vscode.agent-host-tunnel', kind: 'context', weight: 30, reason: '`agent host --tunnel`: the agent host is exposed through a dev tunnel', source: VSCODE_AGENT_HOST,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.agent-host-public', kind: 'context', weight: 20, reason: '`agent host --host {value}`: listens beyond loopback', source: VSCODE_AGENT_HOST,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'vscode.desktop-managed', kind: 'context', weight: -20, ceiling: 20, reason: 'run by the editor desktop (Remote Tunnel Access: IDE parent, `--parent-process-id`, login or status)', source: 'microsoft/vscode src/vs/platform/remoteTunnel/node/remoteTunnelService.ts',
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, activityOverride: { activity: 'housekeeping', rank: 2 } },

  // --- devtunnel (Microsoft Dev Tunnels CLI) ---
  { id: 'devtunnel.host', kind: 'primary', weight: 55, activity: 'tunnel-host', reason: '`devtunnel host`: a local port published through Dev Tunnels', source: `${DEVTUNNEL}; ${T1219}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.create', kind: 'primary', weight: 35, activity: 'tunnel-create', reason: '`devtunnel create`: a new tunnel registered', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.access-create', kind: 'primary', weight: 30, activity: 'tunnel-access', reason: '`devtunnel access create`: who may connect is changed', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.port-create', kind: 'primary', weight: 30, activity: 'port-forward', reason: '`devtunnel port create`: a port added to a tunnel', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.login', kind: 'primary', weight: 30, activity: 'login', reason: '`devtunnel user login`', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.connect', kind: 'primary', weight: 20, activity: 'client', reason: '`devtunnel connect`: client side of a tunnel', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.housekeeping', kind: 'primary', weight: 10, ceiling: 20, activity: 'housekeeping', reason: '`devtunnel {value}`: housekeeping subcommand', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['tunnel', 'anonymous', 'mi-client-id'], spl: { ide_tunnel_prefilter: ['devtunnel', 'tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"', 'Processes.original_file_name="*devtunnel*"'] } },
  { id: 'devtunnel.anonymous', kind: 'context', weight: 25, reason: 'anonymous access allowed (`{value}`): anyone with the URL connects', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'devtunnel.device-code', kind: 'context', weight: 10, reason: 'device-code login (`{value}`): authenticated from another machine', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'devtunnel.remote-access-port', kind: 'context', weight: 15, reason: 'publishes a remote-access port (`{value}`: SSH, RDP, VNC, WinRM or SMB)', source: `${DEVTUNNEL}; https://attack.mitre.org/techniques/T1021/`,
    technique: 'T1021', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'devtunnel.managed-identity', kind: 'context', weight: 15, reason: 'unattended login with a managed identity (`--mi-client-id`)', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },

  // --- JetBrains remote development ---
  { id: 'jetbrains.remote-dev-host', kind: 'primary', weight: 45, activity: 'tunnel-host', reason: 'JetBrains `remote-dev-server run`: IDE backend for remote clients', source: `${JETBRAINS}; ${T1219}`,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: HOSTING_FIELDS }, words: ['remote-dev-server'], spl: { ide_tunnel_prefilter: ['"remote-dev-server"'], ide_tunnel_cim_process_prefilter: ['Processes.process="*remote-dev-server*"'] } },
  { id: 'jetbrains.housekeeping', kind: 'primary', weight: 10, ceiling: 20, activity: 'housekeeping', reason: 'JetBrains `remote-dev-server {value}`: housekeeping subcommand', source: JETBRAINS,
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['remote-dev-server'], spl: { ide_tunnel_prefilter: ['"remote-dev-server"'], ide_tunnel_cim_process_prefilter: ['Processes.process="*remote-dev-server*"'] } },
  { id: 'jetbrains.gateway', kind: 'primary', weight: 10, ceiling: 20, activity: 'client', reason: 'JetBrains Gateway: client of a remote IDE backend', source: 'https://www.jetbrains.com/remote-development/gateway/',
    technique: 'T1219.001', matcher: 'grammar', reads: { process: PROCESS_FIELDS }, words: ['gateway'], spl: { ide_tunnel_prefilter: ['gateway', 'jetbrains'], ide_tunnel_cim_process_prefilter: ['Processes.process_name="*gateway*"', 'Processes.process_path="*jetbrains*"'] } },

  // --- children of a tunnel host and of the VS Code server it runs (childSignals.ts) ---
  { id: 'child.tunnel-server', kind: 'primary', weight: 30, activity: 'tunnel-session', reason: 'started by the VS Code server of a tunnel (`{value}` under the tunnel CLI\'s data folder, not Remote-SSH\'s ~/.vscode-server): part of a remote session', source: `${SIGMA_REMOTE_SHELL}; microsoft/vscode cli/src/tunnels/code_server.rs, cli/src/tunnels/paths.rs (servers/<Quality>-<commit>/server)`,
    technique: 'T1219.001', matcher: 'analyser', reads: { process: ['ParentImage'] }, words: ['servers'], spl: { ide_tunnel_prefilter: ['servers'], ide_tunnel_cim_process_prefilter: ['Processes.parent_process_path="*servers*"'] } },
  { id: 'child.shell', kind: 'context', weight: 25, reason: 'a shell (`{value}`) in that remote session', source: SIGMA_REMOTE_SHELL,
    technique: 'T1059', matcher: 'analyser', reads: { process: ['Image', 'NewProcessName', 'ProcessName'] } },
  { id: 'child.recon', kind: 'context', weight: 25, reason: 'a discovery tool (`{value}`) in that remote session', source: 'https://attack.mitre.org/techniques/T1033/; https://attack.mitre.org/techniques/T1082/; https://attack.mitre.org/techniques/T1016/; https://attack.mitre.org/techniques/T1482/',
    technique: 'T1082', matcher: 'analyser', reads: { process: ['Image', 'NewProcessName', 'ProcessName'] } },

  // --- renamed binaries ---
  { id: 'renamed.image', kind: 'context', weight: 25, reason: 'tunnel grammar on a program named `{value}`: renamed binary', source: `${T1219}; https://attack.mitre.org/techniques/T1036/003/`,
    technique: 'T1036.003', matcher: 'grammar', reads: { process: PROCESS_FIELDS } },
  { id: 'renamed.original-file-name', kind: 'context', weight: 30, reason: 'OriginalFileName `{value}` disagrees with the image name: renamed binary', source: 'https://attack.mitre.org/techniques/T1036/003/; Sysmon EID 1 OriginalFileName (PE version resource)',
    technique: 'T1036.003', matcher: 'analyser', reads: { process: PROCESS_FIELDS } },

  // --- where it runs from ---
  { id: 'location.temp', kind: 'context', weight: 25, reason: 'runs from a temporary folder (`{value}`)', source: `${DIGITAL_EYE}; ${STATELY_TAURUS}`,
    technique: 'T1036.005', matcher: 'analyser', reads: { process: ['Image', 'NewProcessName', 'ProcessName', 'CommandLine'], network: ['Image'], dns: ['Image'], file: ['Image'] } },
  { id: 'location.user-writable', kind: 'context', weight: 15, reason: 'runs from a user-writable folder (`{value}`)', source: 'https://attack.mitre.org/techniques/T1036/005/',
    technique: 'T1036.005', matcher: 'analyser', reads: { process: ['Image', 'NewProcessName', 'ProcessName', 'CommandLine'], network: ['Image'], dns: ['Image'], file: ['Image'] } },
  { id: 'location.install', kind: 'context', weight: -5, reason: 'runs from an install folder', source: 'https://code.visualstudio.com/docs/setup/windows; https://code.visualstudio.com/docs/setup/linux',
    technique: 'T1036.005', matcher: 'analyser', reads: { process: ['Image', 'NewProcessName', 'ProcessName', 'CommandLine'], network: ['Image'], dns: ['Image'], file: ['Image'] } },

  // --- who started it ---
  { id: 'parent.office', kind: 'context', weight: 35, reason: 'started by an Office application (`{value}`)', source: 'https://attack.mitre.org/techniques/T1204/002/',
    technique: 'T1204.002', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.server-process', kind: 'context', weight: 30, reason: 'started by a server process (`{value}`): web shell or database command execution', source: `https://attack.mitre.org/techniques/T1505/003/; ${DIGITAL_EYE}`,
    technique: 'T1505.003', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.remote-exec', kind: 'context', weight: 30, reason: 'started through remote execution (`{value}`)', source: 'https://attack.mitre.org/techniques/T1569/002/; https://attack.mitre.org/techniques/T1047/',
    technique: 'T1569.002', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.script-host', kind: 'context', weight: 25, reason: 'started by a script host (`{value}`)', source: `https://attack.mitre.org/techniques/T1059/; ${STATELY_TAURUS}`,
    technique: 'T1059', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.scheduler', kind: 'context', weight: 20, reason: 'started by a service or the task scheduler (`{value}`)', source: 'https://attack.mitre.org/techniques/T1053/005/',
    technique: 'T1053.005', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.batch', kind: 'context', weight: 15, reason: 'started from a batch file (`{value}`)', source: 'https://attack.mitre.org/techniques/T1059/003/',
    technique: 'T1059.003', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.ide', kind: 'context', weight: -15, reason: 'started by the IDE desktop (`{value}`)', source: 'VS Code desktop process model (Electron main/shared process)',
    technique: 'T1219.001', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.ide-terminal', kind: 'context', weight: -10, reason: 'started in a terminal inside the IDE (shell integration)', source: 'https://code.visualstudio.com/docs/terminal/shell-integration',
    technique: 'T1219.001', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },
  { id: 'parent.explorer', kind: 'context', weight: -5, reason: 'started interactively from Explorer', source: 'Windows shell (explorer.exe) launches',
    technique: 'T1219.001', matcher: 'analyser', reads: { process: ['ParentImage', 'ParentCommandLine', 'ParentProcessName', 'Image', 'CommandLine'] } },

  // --- which account ---
  { id: 'account.system', kind: 'context', weight: 20, reason: 'runs as SYSTEM (`{value}`)', source: 'https://learn.microsoft.com/windows/security/identity-protection/access-control/security-identifiers (S-1-5-18)',
    technique: 'T1078', matcher: 'analyser', reads: { process: ['User', 'SubjectUserName'], network: ['User'], dns: ['User'], file: ['User'], web: ['User'], 'scheduled-task': ['TaskContent'], service: ['ServiceAccount'] } },
  { id: 'account.machine', kind: 'context', weight: 20, reason: 'runs as a machine account (`{value}`)', source: 'Active Directory computer accounts end in `$`',
    technique: 'T1078', matcher: 'analyser', reads: { process: ['User', 'SubjectUserName'], network: ['User'], dns: ['User'], file: ['User'], web: ['User'], 'scheduled-task': ['TaskContent'], service: ['ServiceAccount'] } },
  { id: 'account.service', kind: 'context', weight: 10, reason: 'runs as a service account (`{value}`)', source: 'S-1-5-19 LOCAL SERVICE, S-1-5-20 NETWORK SERVICE',
    technique: 'T1078', matcher: 'analyser', reads: { process: ['User', 'SubjectUserName'], network: ['User'], dns: ['User'], file: ['User'], web: ['User'], 'scheduled-task': ['TaskContent'], service: ['ServiceAccount'] } },
  { id: 'account.root', kind: 'context', weight: 15, reason: 'runs as root', source: 'Sysmon for Linux User field',
    technique: 'T1078', matcher: 'analyser', reads: { process: ['User', 'SubjectUserName'], network: ['User'], dns: ['User'], file: ['User'], web: ['User'], 'scheduled-task': ['TaskContent'], service: ['ServiceAccount'] } },

  // --- persistence ---
  { id: 'persist.run-key', kind: 'primary', weight: 20, activity: 'persistence', techniques: ['T1547.001'], reason: 'Run key value `{value}` starts an IDE tunnel', source: `https://attack.mitre.org/techniques/T1547/001/; ${SIGMA}`,
    technique: 'T1547.001', matcher: 'analyser', reads: { process: PROCESS_FIELDS, registry: ['TargetObject', 'Details'] }, holdsCommand: true, spl: { ide_tunnel_prefilter: ['tunnel'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.run-key-name', kind: 'primary', weight: 55, activity: 'persistence', techniques: ['T1547.001'], reason: 'Run key value named `{value}` (the VS Code tunnel service entry)', source: 'microsoft/vscode cli/src/tunnels/service_windows.rs ("Visual Studio Code Tunnel" Run value)',
    technique: 'T1547.001', matcher: 'analyser', reads: { registry: ['TargetObject'] }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.scheduled-task', kind: 'primary', weight: 20, activity: 'persistence', techniques: ['T1053.005'], reason: 'scheduled task `{value}` starts an IDE tunnel', source: 'https://attack.mitre.org/techniques/T1053/005/; ../shared/seed test 3 (4698 TaskContent)',
    technique: 'T1053.005', matcher: 'analyser', reads: { process: PROCESS_FIELDS, 'scheduled-task': ['TaskContent'] }, holdsCommand: true, spl: { ide_tunnel_prefilter: ['tunnel'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.service', kind: 'primary', weight: 20, activity: 'persistence', techniques: ['T1543.003'], reason: 'service `{value}` starts an IDE tunnel', source: 'https://attack.mitre.org/techniques/T1543/003/',
    technique: 'T1543.003', matcher: 'analyser', reads: { process: PROCESS_FIELDS, service: ['ImagePath'] }, holdsCommand: true, spl: { ide_tunnel_prefilter: ['tunnel'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.service-name', kind: 'primary', weight: 50, activity: 'persistence', techniques: ['T1543.003'], reason: 'service named `{value}` (the legacy VS Code tunnel service)', source: 'VS Code CLI 1.7x Windows service `code_tunnel`; https://attack.mitre.org/techniques/T1543/003/',
    technique: 'T1543.003', matcher: 'analyser', reads: { service: ['ServiceName'] }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['code_tunnel', 'tunnel'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.systemd-unit', kind: 'primary', weight: 55, activity: 'persistence', techniques: ['T1543.002'], reason: 'systemd unit `{value}` of the VS Code tunnel service', source: 'microsoft/vscode cli/src/tunnels/service_linux.rs (<applicationName>-tunnel.service written in the CLI data folder, linked and enabled over D-Bus); https://attack.mitre.org/techniques/T1543/002/',
    technique: 'T1543.002', matcher: 'analyser', reads: { process: ['CommandLine', 'Image'], file: ['TargetFilename'] }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.launchd-plist', kind: 'primary', weight: 55, activity: 'persistence', techniques: ['T1543.001'], reason: 'launchd job `{value}` of the VS Code tunnel service (macOS)', source: 'microsoft/vscode cli/src/tunnels/service_macos.rs (~/com.visualstudio.<applicationName>.tunnel.plist, launchctl load, launchctl start <label>); https://attack.mitre.org/techniques/T1543/001/',
    technique: 'T1543.001', matcher: 'analyser', reads: { process: ['CommandLine', 'Image'], file: ['TargetFilename'] }, words: ['tunnel'], spl: { ide_tunnel_prefilter: ['tunnel'], ide_tunnel_cim_process_prefilter: ['Processes.process="*tunnel*"'] }, activityOverride: { activity: 'persistence', rank: 1 } },
  { id: 'persist.writer-not-ide', kind: 'context', weight: 15, reason: 'written by `{value}`, not by the IDE CLI', source: SIGMA,
    technique: 'T1547.001', matcher: 'analyser', reads: { registry: ['Image'], file: ['Image'] } },

  // --- DNS (Sysmon 22) and network (Sysmon 3) ---
  { id: 'net.tunnel-relay', kind: 'primary', weight: 30, reason: 'lookup of/connection to the Dev Tunnels relay `{value}`', source: `${SIGMA}; https://learn.microsoft.com/azure/developer/dev-tunnels/security`,
    technique: 'T1219.001', matcher: 'analyser', reads: { dns: ['QueryName', 'QueryResults'], network: ['DestinationHostname'] }, words: ['tunnels.api.visualstudio.com', 'devtunnels.ms'], spl: { ide_tunnel_prefilter: ['tunnels', 'devtunnels'], ide_tunnel_cim_dns: ['DNS.query="*tunnels*"'] } },
  { id: 'net.relay-cname', kind: 'context', weight: 10, reason: '`{value}` is not a relay name but resolves to one (CNAME chain in QueryResults)', source: 'Sysmon EID 22 QueryResults (CNAME records as `type:  5 <name>`); https://learn.microsoft.com/azure/developer/dev-tunnels/security',
    technique: 'T1219.001', matcher: 'analyser', reads: { dns: ['QueryName', 'QueryResults'] } },
  { id: 'web.tunnel-host', kind: 'primary', weight: 55, activity: 'tunnel-host', reason: 'web proxy (TLS inspection): the Dev Tunnels management API `{value}` asked with `tokenScopes=host`, which only a tunnel host does', source: `microsoft/vscode cli/src/tunnels/dev_tunnels.rs (HOST_TUNNEL_REQUEST_OPTIONS token_scopes host; clients ask for connect); ${CIM_WEB}`,
    technique: 'T1219.001', matcher: 'analyser', reads: { web: ['Url', 'WebDest'] }, words: ['tunnels.api.visualstudio.com', 'devtunnels.ms'], spl: { ide_tunnel_cim_web: ['Web.url="*tunnels*"', 'Web.dest="*tunnels*"'] } },
  { id: 'web.tunnel-relay', kind: 'primary', weight: 30, activity: 'network', reason: 'web proxy: request to the Dev Tunnels service `{value}` (host name and port, or no host scope: a tunnel host and a client look alike)', source: `https://learn.microsoft.com/azure/developer/dev-tunnels/security; ${CIM_WEB}`,
    technique: 'T1219.001', matcher: 'analyser', reads: { web: ['Url', 'WebDest'] }, words: ['tunnels.api.visualstudio.com', 'devtunnels.ms'], spl: { ide_tunnel_cim_web: ['Web.url="*tunnels*"', 'Web.dest="*tunnels*"'] } },
  { id: 'web.tunnel-cli-agent', kind: 'context', weight: 10, reason: 'user agent `{value}` of the VS Code tunnel CLI', source: 'microsoft/vscode cli/src/constants.rs (get_default_user_agent: vscode-server-launcher/<version>)',
    technique: 'T1219.001', matcher: 'analyser', reads: { web: ['HttpUserAgent'] } },
  { id: 'web.ide-agent', kind: 'context', weight: -30, reason: 'user agent `{value}` of Visual Studio\'s own dev tunnels (ServiceHub): the IDE\'s debugging feature, as far as a user agent can be trusted', source: 'https://learn.microsoft.com/aspnet/core/test/dev-tunnels (Visual Studio dev tunnels)',
    technique: 'T1219.001', matcher: 'analyser', reads: { web: ['HttpUserAgent'] } },
  { id: 'asker.tool', kind: 'context', weight: -10, reason: 'asked by the tunnel CLI or IDE itself (`{value}`)', source: VSCODE_CLI,
    technique: 'T1219.001', matcher: 'analyser', reads: { network: ['Image'], dns: ['Image'] } },
  { id: 'tool.portable', kind: 'context', weight: 10, reason: 'the tunnel CLI itself as a portable copy in a temporary or user-writable folder (`{value}`)', source: `${STATELY_TAURUS}; ${DIGITAL_EYE} (portable code.exe)`,
    technique: 'T1036.005', matcher: 'analyser', reads: { network: ['Image'], dns: ['Image'], file: ['Image'] } },
  { id: 'asker.browser', kind: 'context', weight: -10, reason: 'asked by a web browser (`{value}`): visiting a tunnel URL', source: DEVTUNNEL,
    technique: 'T1219.001', matcher: 'analyser', reads: { network: ['Image'], dns: ['Image'], web: ['HttpUserAgent'] } },
  { id: 'asker.script-host', kind: 'context', weight: 25, reason: 'asked by a script host or LOLBin (`{value}`)', source: 'https://attack.mitre.org/techniques/T1059/',
    technique: 'T1059', matcher: 'analyser', reads: { network: ['Image'], dns: ['Image'] } },
  { id: 'asker.system-process', kind: 'context', weight: 25, reason: 'asked by a system process (`{value}`)', source: 'https://attack.mitre.org/techniques/T1055/',
    technique: 'T1219.001', matcher: 'analyser', reads: { network: ['Image'], dns: ['Image'] } },
  { id: 'asker.other', kind: 'context', weight: 15, reason: 'asked by `{value}`, not an IDE, tunnel CLI or browser', source: SIGMA,
    technique: 'T1219.001', matcher: 'analyser', reads: { network: ['Image'], dns: ['Image'] } },

  // --- file artefacts (Sysmon 11) ---
  { id: 'file.tunnel-registration', kind: 'primary', weight: 30, activity: 'file-artefact', reason: 'tunnel registration file `{value}` written', source: `${SIGMA}; microsoft/vscode cli/src/state.rs (code_tunnel.json)`,
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['TargetFilename'] }, words: ['code_tunnel.json'], spl: { ide_tunnel_prefilter: ['code_tunnel'] } },
  { id: 'file.tunnel-service-log', kind: 'primary', weight: 35, activity: 'file-artefact', reason: 'tunnel service log `{value}` written', source: 'microsoft/vscode cli/src/tunnels/service.rs (tunnel-service.log)',
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['TargetFilename'] }, words: ['tunnel-service.log'], spl: { ide_tunnel_prefilter: ['tunnel'] } },
  { id: 'file.server-data', kind: 'primary', weight: 15, activity: 'file-artefact', reason: 'VS Code server / CLI data or remote-edit history written (`{value}`)', source: `${SIGMA} (file_event_win_vscode_tunnel_remote_creation_artefacts)`,
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['TargetFilename'] }, words: ['.vscode', '.cursor'], spl: { ide_tunnel_prefilter: ['vscode', 'cursor'] } },
  { id: 'file.tunnel-remote-edit', kind: 'primary', weight: 40, activity: 'file-artefact', reason: 'a file edited remotely through a tunnel: remote-edit history written by a server the tunnel CLI started (`{value}`)', source: `${SIGMA} (file_event_win_vscode_tunnel_remote_creation_artefacts: node.exe under servers\\Stable-* writing .vscode-server\\data\\User\\History); microsoft/vscode cli/src/state.rs (~/.vscode/cli is the tunnel CLI's data dir)`,
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['TargetFilename', 'Image'] }, words: ['.vscode', '.cursor'], spl: { ide_tunnel_prefilter: ['vscode'] } },
  { id: 'file.devtunnel-extract', kind: 'primary', weight: 25, activity: 'file-artefact', reason: 'devtunnel self-extraction folder written (`{value}`)', source: 'https://learn.microsoft.com/dotnet/core/deploying/single-file/overview (DOTNET_BUNDLE_EXTRACT_BASE_DIR, %TEMP%\\.net\\<app>)',
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['TargetFilename'] }, words: ['devtunnel'], spl: { ide_tunnel_prefilter: ['devtunnel'] } },
  { id: 'file.agent-host-entry', kind: 'primary', weight: 30, activity: 'agent-host', reason: 'agent host registry entry `{value}` written (connection token and tunnel name of a running agent host)', source: VSCODE_AGENT_HOST,
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['TargetFilename'] }, words: ['agent-host'], spl: { ide_tunnel_prefilter: ['"agent-host"'] } },
  { id: 'writer.not-ide', kind: 'context', weight: 25, reason: 'written by `{value}`, not by the IDE or tunnel CLI', source: SIGMA,
    technique: 'T1219.001', matcher: 'analyser', reads: { file: ['Image'] } },

  // --- identity plane: Entra ID sign-ins and GitHub grants (identitySignals.ts) ---
  ...IDENTITY_SIGNALS,
] as const satisfies readonly SignalRule[];

/** The id of a rule of the table. */
export type SignalId = (typeof RULE_TABLE)[number]['id'];

/** Every rule of the table, grouped by family. */
export const SIGNALS: readonly SignalRule[] = RULE_TABLE;

const BY_ID = new Map<string, SignalRule>(SIGNALS.map((s) => [s.id, s]));

/** The rule with this id. @throws Error for an unknown id (a programming error, caught by the tests). */
export function signalRule(id: string): SignalRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown signal id ${id}`);
  return rule;
}

/** Severity cuts (issue 4): informational < 25 <= low < 50 <= medium < 75 <= high < 90 <= critical. */
export const SEVERITY_CUTS: readonly { min: number; severity: Severity }[] = [
  { min: 90, severity: 'critical' },
  { min: 75, severity: 'high' },
  { min: 50, severity: 'medium' },
  { min: 25, severity: 'low' },
  { min: 0, severity: 'informational' },
];

/** `ide_tunnel_severity` values. */
export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** The technique every event with tunnel evidence carries. */
export const BASE_TECHNIQUE = 'T1219.001';

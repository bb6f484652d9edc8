import { baseName, folderKey, programName } from './paths';

/** The `ide_tunnel_tool` values. */
export type Tool = 'vscode' | 'vscode-insiders' | 'vscodium' | 'cursor' | 'devtunnel' | 'jetbrains';

/** Which grammar reads a program's arguments. */
export type Grammar = 'vscode-cli' | 'devtunnel' | 'jetbrains-remote-dev' | 'jetbrains-gateway';

interface ProgramEntry {
  tool: Tool;
  grammar: Grammar;
}

/**
 * Program names (base name without `.exe`/`.cmd`/`.sh`, lower case) of the tunnel-capable tools.
 * Sources: VS Code CLI docs and download page (standalone CLI `code`, desktop `bin\code.cmd`,
 * `bin\code-tunnel.exe`; Insiders `code-insiders`, `code-tunnel-insiders`), Cursor (`cursor`,
 * `cursor-tunnel`), VSCodium (`codium`, `codium-tunnel`, Insiders `codium-insiders`,
 * `codium-insiders-tunnel`: VSCodium prepare_vscode.sh applicationName / tunnelApplicationName and
 * build_cli.sh, which copies the CLI built from microsoft/vscode cli/ to bin/<tunnelApplicationName>),
 * Dev Tunnels CLI (`devtunnel`), JetBrains remote development docs
 * (`bin/remote-dev-server.sh|.bat`, Gateway `gateway64.exe` / `jetbrains-gateway`).
 * The desktop executables (`Code.exe`, `Code - Insiders.exe`, `Cursor.exe`) only act as the CLI
 * through `resources/app/out/cli.js` (the desktop hop, see invocations.ts).
 */
const PROGRAMS: Record<string, ProgramEntry> = {
  code: { tool: 'vscode', grammar: 'vscode-cli' },
  'code-tunnel': { tool: 'vscode', grammar: 'vscode-cli' },
  'code-oss': { tool: 'vscode', grammar: 'vscode-cli' },
  'code-insiders': { tool: 'vscode-insiders', grammar: 'vscode-cli' },
  'code-tunnel-insiders': { tool: 'vscode-insiders', grammar: 'vscode-cli' },
  'code-insiders-tunnel': { tool: 'vscode-insiders', grammar: 'vscode-cli' },
  'code - insiders': { tool: 'vscode-insiders', grammar: 'vscode-cli' },
  cursor: { tool: 'cursor', grammar: 'vscode-cli' },
  'cursor-tunnel': { tool: 'cursor', grammar: 'vscode-cli' },
  codium: { tool: 'vscodium', grammar: 'vscode-cli' },
  'codium-tunnel': { tool: 'vscodium', grammar: 'vscode-cli' },
  'codium-insiders': { tool: 'vscodium', grammar: 'vscode-cli' },
  'codium-insiders-tunnel': { tool: 'vscodium', grammar: 'vscode-cli' },
  devtunnel: { tool: 'devtunnel', grammar: 'devtunnel' },
  'remote-dev-server': { tool: 'jetbrains', grammar: 'jetbrains-remote-dev' },
  'jetbrains-gateway': { tool: 'jetbrains', grammar: 'jetbrains-gateway' },
  gateway64: { tool: 'jetbrains', grammar: 'jetbrains-gateway' },
};

/**
 * OriginalFileName values (PE version resource, Sysmon EID 1) of the tools' binaries. devtunnel is a
 * .NET single-file app whose version resource names `devtunnel.dll`.
 */
const ORIGINAL_FILE_NAMES: Record<string, Tool> = {
  'code-tunnel.exe': 'vscode',
  'code-tunnel-insiders.exe': 'vscode-insiders',
  'cursor-tunnel.exe': 'cursor',
  'devtunnel.dll': 'devtunnel',
  'devtunnel.exe': 'devtunnel',
};

/** The tool and grammar of a program path, by its name; undefined for other programs. */
export function programByName(path: string): ProgramEntry | undefined {
  const name = programName(path);
  const entry = PROGRAMS[name];
  if (entry) return entry;
  // JetBrains Gateway on Linux/macOS is `gateway` / `gateway.sh` inside a JetBrains folder.
  if (name === 'gateway' && folderKey(path).includes('jetbrains')) return { tool: 'jetbrains', grammar: 'jetbrains-gateway' };
  return undefined;
}

/** The tool an OriginalFileName belongs to, if it is one of the tools' binaries. */
export function toolByOriginalFileName(originalFileName: string): Tool | undefined {
  return ORIGINAL_FILE_NAMES[baseName(originalFileName)];
}

/**
 * The IDE desktop executables (Electron main/renderer/utility processes, the JetBrains IDEs):
 * a parent that is one of these is the IDE itself. Program names, lower case.
 */
const IDE_DESKTOPS = new Set([
  'code', 'code - insiders', 'cursor', 'code-oss', 'vscodium', 'vscodium - insiders', 'codium', 'windsurf',
  'idea64', 'idea', 'pycharm64', 'pycharm', 'webstorm64', 'goland64', 'rider64', 'clion64', 'phpstorm64', 'rubymine64', 'datagrip64',
]);

/** JetBrains IDE launchers (Windows `*64.exe`, Linux/macOS names): their processes are the jetbrains tool. */
const JETBRAINS_IDES = new Set(['idea64', 'idea', 'pycharm64', 'pycharm', 'webstorm64', 'goland64', 'rider64', 'clion64', 'phpstorm64', 'rubymine64', 'datagrip64', 'jetbrains_client64', 'jetbrains_client']);

/**
 * The tool a process image belongs to, for `ide_tunnel_tool` on events without tunnel evidence
 * (the desktop editor, a JetBrains IDE): tunnel CLI names, then IDE desktops; undefined otherwise.
 */
export function toolOfImage(path: string): Tool | undefined {
  const name = programName(path); // once per row: this runs for every process event
  const entry = PROGRAMS[name];
  if (entry) return entry.tool;
  if (JETBRAINS_IDES.has(name)) return 'jetbrains';
  if (!IDE_DESKTOPS.has(name)) return name === 'gateway' ? programByName(path)?.tool : undefined;
  return desktopTool(path);
}

/** True when the program is an IDE desktop executable (see IDE_DESKTOPS). */
export function isIdeDesktop(path: string): boolean {
  return IDE_DESKTOPS.has(programName(path));
}

/**
 * Every program name {@link toolOfImage} knows (tunnel CLIs, `gateway`, IDE desktops, JetBrains
 * IDEs): a process whose image holds none of them gets no `ide_tunnel_tool` without tunnel evidence
 * (screen.ts reads them).
 */
export const TOOL_PROGRAM_NAMES: readonly string[] = [...Object.keys(PROGRAMS), 'gateway', ...IDE_DESKTOPS, ...JETBRAINS_IDES];

/** Display name of a tool for reason texts. */
export function toolLabel(tool: Tool): string {
  switch (tool) {
    case 'vscode':
      return 'VS Code';
    case 'vscode-insiders':
      return 'VS Code Insiders';
    case 'vscodium':
      return 'VSCodium';
    case 'cursor':
      return 'Cursor';
    case 'devtunnel':
      return 'Dev Tunnels';
    case 'jetbrains':
      return 'JetBrains';
  }
}

/** The tool a desktop executable's CLI belongs to (`Code.exe` -> vscode, `Cursor.exe` -> cursor, `VSCodium.exe` -> vscodium). */
export function desktopTool(path: string): Tool {
  const name = programName(path);
  if (name.includes('codium')) return 'vscodium';
  if (name.includes('insiders')) return 'vscode-insiders';
  if (name.includes('cursor')) return 'cursor';
  return 'vscode';
}

/**
 * Developer-noise corpus cases: what a developer workstation or build host does every day and
 * what the seed rule (or a naive substring rule) would flag. None of these may alert at the
 * default threshold. Labelling policy: test/corpus/README.md.
 */
import { cim, dns, file, lproc, net, proc, reg, svc7045, task4698 } from './builders.mjs';
import { S } from './sources.mjs';

const w = String.raw;
const N = 'noise';
const SYS = w`NT AUTHORITY\SYSTEM`;
const PS = w`C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`;
const CMD = w`C:\Windows\System32\cmd.exe`;
const EXPLORER = w`C:\Windows\explorer.exe`;
const GIT = w`C:\Program Files\Git\cmd\git.exe`;
const home = (u) => `C:\\Users\\${u}`;
const vsc = (u) => w`${home(u)}\AppData\Local\Programs\Microsoft VS Code`;
const FTH = '--field-trial-handle=1952,i,4411208133815224417,9275632150137771640,262144 --enable-features=DocumentPolicyIncludeJSCallStacksInCrashReports,EarlyEstablishGpuChannel,EstablishGpuChannelAsync --disable-features=CalculateNativeWinOcclusion,PlzDedicatedWorker,SpareRendererForSitePerProcess,WinDelaySpellcheckServiceInit,WinRetrieveSuggestionsOnlyOnDemand --variations-seed-version';
const SCHEMES = '--standard-schemes=vscode-webview,vscode-file --enable-sandbox --secure-schemes=vscode-webview,vscode-file --cors-schemes=vscode-webview,vscode-file --fetch-schemes=vscode-webview,vscode-file --service-worker-schemes=vscode-webview --code-cache-schemes=vscode-webview,vscode-file';

/** Electron child command line of a VS Code-family desktop binary. */
function electronChild(image, dataDir, type, extra = '') {
  const sub = {
    gpu: `--type=gpu-process --user-data-dir="${dataDir}" --gpu-preferences=UAAAAAAAAADgAAAEAAAAAAAAAAAAAAAAAABgAAEAAAAAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= --mojo-platform-channel-handle=2040 ${FTH} /prefetch:2`,
    network: `--type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --user-data-dir="${dataDir}" ${SCHEMES} --mojo-platform-channel-handle=2352 ${FTH} /prefetch:3`,
    renderer: `--type=renderer --user-data-dir="${dataDir}" ${SCHEMES} --app-path="${image.replace(/\\[^\\]+$/, '')}\\resources\\app" --enable-sandbox --enable-blink-features=HighlightAPI --js-flags=--nodecommit_pooled_pages --disable-blink-features=FontMatchingCTMigration,StandardizedBrowserZoom, --lang=en-US --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id=4 --time-ticks-at-unix-epoch=-1731826520377212 --launch-time-ticks=22917374151 --vscode-window-config=vscode:6b1e2c1d-1c4b-4f0e-9a55-2d51a0c0e1f2 --mojo-platform-channel-handle=3236 ${FTH} /prefetch:1`,
    node: `--type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US --service-sandbox-type=none --dns-result-order=ipv4first --inspect-port=0 --user-data-dir="${dataDir}" ${SCHEMES} --mojo-platform-channel-handle=4876 ${FTH} /prefetch:8`,
    crashpad: `--type=crashpad-handler --user-data-dir="${dataDir}" /prefetch:4 --no-rate-limit --monitor-self-annotation=ptype=crashpad-handler --database=${dataDir}\\Crashpad --annotation=_companyName=Microsoft --annotation=_productName=VSCode --annotation=_version=1.95.3 --annotation=plat=Win64 --annotation=prod=Electron --annotation=ver=32.2.1 --initial-client-data=0x4e8,0x4ec,0x4f0,0x4c4,0x4f4,0x7ff7b1f4d7a8,0x7ff7b1f4d7b4,0x7ff7b1f4d7c0`,
  }[type];
  return `"${image}" ${sub}${extra}`;
}

function vscodeDesktop() {
  const category = 'noise-vscode-desktop';
  const c = (o) => ({ label: N, category, ...o });
  const u = 'alice';
  const image = w`${vsc(u)}\Code.exe`;
  const data = w`${home(u)}\AppData\Roaming\Code`;
  const main = { parent: image, parentCmd: `"${image}" ` };
  const base = { host: 'DEV-WS-014', user: w`CORP\alice`, image };
  const hop = (args) => ({ ...base, cmd: w`"${vsc(u)}\bin\..\Code.exe" "${vsc(u)}\bin\..\resources\app\out\cli.js" ${args}`, parent: CMD, parentCmd: w`C:\Windows\system32\cmd.exe /d /s /c ""${vsc(u)}\bin\code.cmd" ${args}"` });
  const tunnelBin = w`${vsc(u)}\bin\code-tunnel.exe`;
  const cliChild = (args) => ({ ...base, image: tunnelBin, cmd: `"${tunnelBin}" ${args}`, parent: image, parentCmd: w`"${vsc(u)}\bin\..\Code.exe" "${vsc(u)}\bin\..\resources\app\out\cli.js" ${args}` });
  return [
    proc(c({ source: `${S.seedFp}; ${S.vscElectron}`, note: 'VS Code window started from the Start menu (matches the seed Image="*\\code.exe").', expect: { tool: 'vscode' }, ...base, cmd: `"${image}" `, parent: EXPLORER })),
    proc(c({ source: S.vscElectron, note: 'Electron GPU process of the desktop.', ...base, cmd: electronChild(image, data, 'gpu'), ...main })),
    proc(c({ source: S.vscElectron, note: 'Electron network service utility process.', ...base, cmd: electronChild(image, data, 'network'), ...main })),
    proc(c({ source: S.vscElectron, note: 'Editor window renderer.', ...base, cmd: electronChild(image, data, 'renderer'), ...main })),
    proc(c({ source: S.vscElectron, note: 'Extension host / shared process (node.mojom.NodeService utility).', ...base, cmd: electronChild(image, data, 'node'), ...main })),
    proc(c({ source: S.vscElectron, note: 'Crashpad handler of the desktop.', ...base, cmd: electronChild(image, data, 'crashpad'), ...main })),
    proc(c({ source: `${S.vscElectron}; ${S.seedFp}`, note: 'System-wide install in Program Files opened on a folder from the Explorer context menu.', host: 'DEV-WS-015', user: w`CORP\ben`, image: w`C:\Program Files\Microsoft VS Code\Code.exe`, cmd: w`"C:\Program Files\Microsoft VS Code\Code.exe" "C:\Users\ben\source\repos\inventory"`, parent: EXPLORER })),
    proc(c({ source: `${S.vscDesktopHop}; ${S.vscCli}`, note: '`code .` from a terminal: the cli.js hop without tunnel or serve-web.', ...hop('.') })),
    proc(c({ source: S.vscCli, note: '`code --status` diagnostics through the cli.js hop.', ...hop('--status') })),
    proc(c({ source: S.vscCli, note: '`code --install-extension` of a Marketplace extension.', ...hop('--install-extension ms-python.python') })),
    proc(c({ source: S.vscCli, note: '`code --list-extensions --show-versions`.', ...hop('--list-extensions --show-versions') })),
    proc(c({ source: S.vscCli, note: '`code --diff` of two files.', ...hop('--diff src\\app.ts src\\app.old.ts') })),
    proc(c({ source: `${S.vscCli}; ${S.seedFp}`, note: 'Opening a REMOTE tunnel as a client (`--remote tunnel+name`): the developer connects out to their own machine; nothing is hosted here.', ...hop('--remote tunnel+alice-devbox /home/alice/src') })),
    proc(c({ source: `${S.vscArgs}; ${S.vscTunnels}`, note: 'Housekeeping: `code tunnel status` (cli.js hop).', expect: { tool: 'vscode', activity: 'housekeeping' }, ...hop('tunnel status') })),
    proc(c({ source: `${S.vscArgs}; ${S.vscTunnels}`, note: 'Housekeeping: `code tunnel status` (code-tunnel.exe child).', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel status') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel kill` stops a running tunnel.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel kill') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel prune` deletes stale server data.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel prune') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel unregister` removes this machine\'s tunnel.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel unregister') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel service uninstall` removes persistence.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel service uninstall') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel user show` prints the signed-in account.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel user show') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel user logout`.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel user logout') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel service log` tails the service log.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel service log') })),
    proc(c({ source: S.vscArgs, note: 'Housekeeping: `code tunnel rename` changes the machine name of an existing tunnel.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel rename alice-laptop') })),
    proc(c({ source: S.vscArgs, note: 'Help text: `code tunnel --help`.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...cliChild('tunnel --help') })),
    proc(c({ source: `${S.vscRemoteTunnelSvc}; ${S.vscTunnels}`, note: 'POLICY: desktop "Turn on Remote Tunnel Access": the window itself starts bin\\code-tunnel.exe with --parent-process-id (dies with the window). Developer-initiated, housekeeping by the issue\'s definition.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...base, image: tunnelBin, cmd: `"${tunnelBin}" tunnel --accept-server-license-terms --log info --name alice-ws14 --parent-process-id 8812 --no-sleep`, ...main })),
    proc(c({ source: S.vscRemoteTunnelSvc, note: 'POLICY: desktop Remote Tunnel Access signs the CLI in with the account already used in the window.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...base, image: tunnelBin, cmd: `"${tunnelBin}" tunnel user login --provider github --log info`, ...main })),
    proc(c({ source: `${S.vscArgs}; ${S.vscRemoteTunnelSvc}`, note: 'Desktop port forwarding (Ports view) runs the CLI\'s forward-internal helper: housekeeping.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...base, image: tunnelBin, cmd: `"${tunnelBin}" tunnel forward-internal --provider github`, ...main })),
    proc(c({ source: S.vscElectron, note: 'Extension host running a language server shipped by an extension.', ...base, image: w`C:\Users\alice\.vscode\extensions\ms-python.python-2024.20.0-win32-x64\python-env-tools\bin\pet.exe`, cmd: w`c:\Users\alice\.vscode\extensions\ms-python.python-2024.20.0-win32-x64\python-env-tools\bin\pet.exe server`, ...main, meta: ['-', '-', '-', '-', '-'] })),
    proc(c({ source: S.vscElectron, note: 'Extension host runs git for the Source Control view.', ...base, image: GIT, cmd: w`"C:\Program Files\Git\cmd\git.exe" -c core.quotepath=false -c color.ui=false rev-parse --show-toplevel`, ...main, cwd: w`C:\Users\alice\source\repos\billing-api` + "\\" })),
    proc(c({ source: S.vscElectron, note: 'Integrated terminal: PowerShell with VS Code shell integration.', ...base, image: PS, cmd: w`C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe -noexit -command "try { . \"${vsc(u)}\resources\app\out\vs\workbench\contrib\terminal\common\scripts\shellIntegration.ps1\" } catch {}"`, ...main })),
    proc(c({ source: S.vscElectron, note: 'VS Code self-update: the desktop runs the downloaded Inno Setup installer silently.', ...base, image: w`C:\Users\alice\AppData\Local\Temp\vscode-stable-user-x64\CodeSetup-stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813.exe`, cmd: w`"C:\Users\alice\AppData\Local\Temp\vscode-stable-user-x64\CodeSetup-stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813.exe" /verysilent /log /update="C:\Users\alice\AppData\Local\Temp\vscode-stable-user-x64\CodeSetup-stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813.flag" /nocloseapplications /mergetasks=runcode,!desktopicon,!quicklaunchicon`, ...main, meta: ['1.95.3', 'Visual Studio Code Setup', 'Visual Studio Code', 'Microsoft Corporation', '-'] })),
  ];
}

function vscodeVariants() {
  const category = 'noise-vscode-variants';
  const c = (o) => ({ label: N, category, ...o });
  const ins = w`C:\Users\dave\AppData\Local\Programs\Microsoft VS Code Insiders\Code - Insiders.exe`;
  const cur = w`C:\Users\dave\AppData\Local\Programs\cursor\Cursor.exe`;
  const base = { host: 'DEV-WS-031', user: w`CORP\dave` };
  return [
    proc(c({ source: S.vscElectron, note: 'VS Code Insiders window.', expect: { tool: 'vscode-insiders' }, ...base, image: ins, cmd: `"${ins}" `, parent: EXPLORER })),
    proc(c({ source: S.vscElectron, note: 'Insiders renderer.', ...base, image: ins, cmd: electronChild(ins, w`C:\Users\dave\AppData\Roaming\Code - Insiders`, 'renderer'), parent: ins, parentCmd: `"${ins}" ` })),
    proc(c({ source: S.vscElectron, note: 'Insiders extension host.', ...base, image: ins, cmd: electronChild(ins, w`C:\Users\dave\AppData\Roaming\Code - Insiders`, 'node'), parent: ins, parentCmd: `"${ins}" ` })),
    proc(c({ source: `${S.cursor}; ${S.seedFp}`, note: 'Cursor window (seed matches Image="*\\cursor.exe").', expect: { tool: 'cursor' }, ...base, image: cur, cmd: `"${cur}" `, parent: EXPLORER })),
    proc(c({ source: S.cursor, note: 'Cursor GPU process.', ...base, image: cur, cmd: electronChild(cur, w`C:\Users\dave\AppData\Roaming\Cursor`, 'gpu'), parent: cur, parentCmd: `"${cur}" ` })),
    proc(c({ source: S.cursor, note: 'Cursor extension host.', ...base, image: cur, cmd: electronChild(cur, w`C:\Users\dave\AppData\Roaming\Cursor`, 'node'), parent: cur, parentCmd: `"${cur}" ` })),
    proc(c({ source: S.cursor, note: '`cursor .` from a terminal (cli.js hop of Cursor).', ...base, image: cur, cmd: w`"C:\Users\dave\AppData\Local\Programs\cursor\resources\app\bin\..\..\..\Cursor.exe" "C:\Users\dave\AppData\Local\Programs\cursor\resources\app\bin\..\..\..\resources\app\out\cli.js" .`, parent: CMD })),
    proc(c({ source: S.vscCli, note: '`code-insiders --status` through the Insiders cli.js hop.', ...base, image: ins, cmd: w`"C:\Users\dave\AppData\Local\Programs\Microsoft VS Code Insiders\bin\..\Code - Insiders.exe" "C:\Users\dave\AppData\Local\Programs\Microsoft VS Code Insiders\bin\..\resources\app\out\cli.js" --status`, parent: CMD })),
  ];
}

function jetbrainsIde() {
  const category = 'noise-jetbrains-ide';
  const c = (o) => ({ label: N, category, ...o });
  const home = w`C:\Users\bob`;
  const idea = w`${home}\AppData\Local\Programs\IntelliJ IDEA Ultimate\bin\idea64.exe`;
  const toolbox = w`${home}\AppData\Local\JetBrains\Toolbox\bin\jetbrains-toolbox.exe`;
  const base = { host: 'DEV-WS-022', user: w`CORP\bob` };
  const fromIdea = { parent: idea, parentCmd: w`"${idea}" "${home}\IdeaProjects\payments-service"` };
  return [
    proc(c({ source: `${S.jbIde}; ${S.seedFp}`, note: 'IntelliJ IDEA started from Toolbox (seed IsJetBrains matches "idea").', expect: { tool: 'jetbrains' }, ...base, image: idea, cmd: w`"${idea}" "${home}\IdeaProjects\payments-service"`, parent: toolbox })),
    proc(c({ source: S.jbIde, note: 'JetBrains Toolbox at logon.', ...base, image: toolbox, cmd: `"${toolbox}" --minimize`, parent: EXPLORER })),
    proc(c({ source: S.jbIde, note: 'Toolbox opening a project from a jetbrains:// link.', ...base, image: toolbox, cmd: `"${toolbox}" --uri jetbrains://idea/checkout/git?checkout.repo=https://github.com/example-corp/payments-service.git&idea.required.plugins.id=Git4Idea`, parent: w`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe` })),
    proc(c({ source: S.jbIde, note: 'fsnotifier file watcher of the IDE.', ...base, image: w`${home}\AppData\Local\Programs\IntelliJ IDEA Ultimate\bin\fsnotifier.exe`, cmd: w`"${home}\AppData\Local\Programs\IntelliJ IDEA Ultimate\bin\fsnotifier.exe"`, ...fromIdea })),
    proc(c({ source: S.jbIde, note: 'JPS build process (java.exe from the bundled JBR).', ...base, image: w`${home}\AppData\Local\Programs\IntelliJ IDEA Ultimate\jbr\bin\java.exe`, cmd: w`"${home}\AppData\Local\Programs\IntelliJ IDEA Ultimate\jbr\bin\java.exe" -Xmx700m -Djava.system.class.loader=com.intellij.util.lang.PathClassLoader -Didea.paths.selector=IntelliJIdea2024.3 -classpath ${home}/AppData/Local/Programs/IntelliJ IDEA Ultimate/lib/util_rt.jar org.jetbrains.jps.cmdline.BuildMain 127.0.0.1 53312 5d1f-77ab ${home}/AppData/Local/JetBrains/IntelliJIdea2024.3/compile-server`, ...fromIdea })),
    proc(c({ source: S.jbIde, note: 'IDE terminal: PowerShell with the JetBrains shell-integration script.', ...base, image: PS, cmd: w`powershell.exe -NoExit -ExecutionPolicy Bypass -File "${home}\AppData\Local\Programs\IntelliJ IDEA Ultimate\plugins\terminal\shell-integrations\powershell\powershell-integration.ps1"`, ...fromIdea })),
    proc(c({ source: S.jbIde, note: 'IDE VCS integration fetches from GitHub.', ...base, image: GIT, cmd: w`"C:\Program Files\Git\cmd\git.exe" -c credential.helper= -c core.quotepath=false -c log.showSignature=false fetch origin --recurse-submodules=no --progress --prune`, ...fromIdea })),
    proc(c({ source: S.jbIde, note: 'Gradle wrapper run from the IDE.', ...base, image: CMD, cmd: w`C:\Windows\system32\cmd.exe /c "${home}\IdeaProjects\payments-service\gradlew.bat" test`, ...fromIdea })),
    proc(c({ source: S.jbIde, note: 'PyCharm with a project (seed IsJetBrains matches "pycharm").', expect: { tool: 'jetbrains' }, ...base, image: w`${home}\AppData\Local\Programs\PyCharm Professional\bin\pycharm64.exe`, cmd: w`"${home}\AppData\Local\Programs\PyCharm Professional\bin\pycharm64.exe" "${home}\PycharmProjects\etl-jobs"`, parent: toolbox })),
    proc(c({ source: S.jbIde, note: 'Rider solution open.', ...base, image: w`${home}\AppData\Local\Programs\Rider\bin\rider64.exe`, cmd: w`"${home}\AppData\Local\Programs\Rider\bin\rider64.exe" "${home}\source\repos\Shop\Shop.sln"`, parent: toolbox })),
    proc(c({ source: `${S.jbGateway}; ${S.seedFp}`, note: 'POLICY: JetBrains Gateway CLIENT on a developer laptop connects out to a remote backend; nothing is hosted here.', expect: { tool: 'jetbrains' }, ...base, image: w`${home}\AppData\Local\Programs\JetBrains Gateway\bin\gateway64.exe`, cmd: w`"${home}\AppData\Local\Programs\JetBrains Gateway\bin\gateway64.exe"`, parent: toolbox })),
    proc(c({ source: S.jbGateway, note: 'JetBrains Client (thin client) launched by Gateway.', ...base, image: w`${home}\AppData\Local\JetBrains\Gateway\JetBrainsClientDist\jbr\bin\jetbrains_client64.exe`, cmd: w`"${home}\AppData\Local\JetBrains\Gateway\JetBrainsClientDist\bin\jetbrains_client64.exe" thinClient "tcp://127.0.0.1:5990#jt=0c5e1d2f-5b0a-4d1c-9a8e-31b1f2a7c4d9&p=IU&fp=8F4E2B0C"`, parent: w`${home}\AppData\Local\Programs\JetBrains Gateway\bin\gateway64.exe`, meta: ['2024.3.0.0', 'JetBrains Client', 'JetBrains Client', 'JetBrains s.r.o.', 'jetbrains_client64.exe'] })),
  ];
}

function gitGithub() {
  const category = 'noise-git-github';
  const c = (o) => ({ label: N, category, ...o });
  const base = { host: 'DEV-WS-014', user: w`CORP\alice` };
  return [
    proc(c({ source: `${S.git}; ${S.seedFp}`, note: 'git clone from GitHub (seed HasGitHubAuth matches "github").', ...base, image: GIT, cmd: w`"C:\Program Files\Git\cmd\git.exe" clone https://github.com/example-corp/billing-api.git`, parent: PS, cwd: w`C:\Users\alice\source\repos` + "\\" })),
    proc(c({ source: S.git, note: 'git clone of the VS Code repository itself (contains "vscode" and "github").', ...base, image: GIT, cmd: w`git clone https://github.com/microsoft/vscode.git`, parent: PS })),
    proc(c({ source: S.git, note: 'git clone of the Dev Tunnels SDK repository (contains "tunnels").', ...base, image: GIT, cmd: w`git clone https://github.com/microsoft/dev-tunnels.git`, parent: PS })),
    proc(c({ source: S.git, note: 'git-remote-https helper talking to github.com.', ...base, image: w`C:\Program Files\Git\mingw64\libexec\git-core\git-remote-https.exe`, cmd: w`"C:\Program Files\Git\mingw64\libexec\git-core\git-remote-https.exe" origin https://github.com/example-corp/billing-api.git`, parent: w`C:\Program Files\Git\mingw64\bin\git.exe`, parentCmd: w`"C:\Program Files\Git\mingw64\bin\git.exe" push origin HEAD` })),
    proc(c({ source: S.git, note: 'Git Credential Manager answering a credential request for github.com.', ...base, image: w`C:\Program Files\Git\mingw64\bin\git-credential-manager.exe`, cmd: w`"C:\Program Files\Git\mingw64\bin\git-credential-manager.exe" get`, parent: w`C:\Program Files\Git\mingw64\bin\git.exe`, parentCmd: w`git credential-manager get` })),
    proc(c({ source: S.gh, note: 'GitHub CLI web login (matches --github style substrings).', ...base, image: w`C:\Program Files\GitHub CLI\gh.exe`, cmd: w`gh auth login --hostname github.com --git-protocol https --web`, parent: PS })),
    proc(c({ source: S.gh, note: 'GitHub CLI opens a pull request.', ...base, image: w`C:\Program Files\GitHub CLI\gh.exe`, cmd: w`"C:\Program Files\GitHub CLI\gh.exe" pr create --fill --base main`, parent: PS })),
    proc(c({ source: S.ghDesktop, note: 'GitHub Desktop (Electron) window.', host: 'DEV-WS-016', user: w`CORP\cleo`, image: w`C:\Users\cleo\AppData\Local\GitHubDesktop\app-3.4.9\GitHubDesktop.exe`, cmd: w`"C:\Users\cleo\AppData\Local\GitHubDesktop\app-3.4.9\GitHubDesktop.exe"`, parent: w`C:\Users\cleo\AppData\Local\GitHubDesktop\GitHubDesktop.exe` })),
    proc(c({ source: S.ghDesktop, note: 'GitHub Desktop runs its bundled git.', host: 'DEV-WS-016', user: w`CORP\cleo`, image: w`C:\Users\cleo\AppData\Local\GitHubDesktop\app-3.4.9\resources\app\git\cmd\git.exe`, cmd: w`"C:\Users\cleo\AppData\Local\GitHubDesktop\app-3.4.9\resources\app\git\cmd\git.exe" -c credential.helper= -c protocol.version=2 fetch --progress --prune --recurse-submodules=on-demand origin`, parent: w`C:\Users\cleo\AppData\Local\GitHubDesktop\app-3.4.9\GitHubDesktop.exe` })),
    proc(c({ source: S.git, note: 'npm installs the Dev Tunnels client SDK packages (contains "tunnels").', ...base, image: w`C:\Program Files\nodejs\node.exe`, cmd: w`"C:\Program Files\nodejs\node.exe" "C:\Program Files\nodejs\node_modules\npm\bin\npm-cli.js" install @microsoft/dev-tunnels-connections @microsoft/dev-tunnels-management`, parent: PS })),
    proc(c({ source: S.git, note: 'pip installs the sshtunnel library from GitHub (contains "tunnel" and "github").', ...base, image: w`C:\Users\alice\AppData\Local\Programs\Python\Python312\python.exe`, cmd: w`python.exe -m pip install git+https://github.com/pahaz/sshtunnel.git`, parent: PS })),
    proc(c({ source: S.git, note: 'winget installs VS Code (installation, not use).', ...base, image: w`C:\Users\alice\AppData\Local\Microsoft\WindowsApps\winget.exe`, cmd: w`winget install --id Microsoft.VisualStudioCode --source winget --silent`, parent: PS, meta: ['1.9.25200', 'Windows Package Manager', 'Windows Package Manager', 'Microsoft Corporation', 'winget.exe'] })),
    lproc(c({ source: S.git, note: 'CI runner (Linux) cloning from GitHub.', host: 'lnx-ci-01', user: 'runner', image: '/usr/bin/git', cmd: 'git clone --depth 1 https://github.com/example-corp/web-portal.git', parent: '/usr/bin/bash', parentCmd: '/usr/bin/bash -e /home/runner/work/_temp/3f1b2c.sh', cwd: '/home/runner/work' })),
  ];
}

function otherTunnels() {
  const category = 'noise-other-tunnels';
  const c = (o) => ({ label: N, category, ...o });
  const base = { host: 'DEV-WS-017', user: w`CORP\dan` };
  return [
    proc(c({ source: S.ngrok, note: 'ngrok HTTP tunnel: a tunnel product, but not an IDE tunnel (other detections own it).', ...base, image: w`C:\Users\dan\tools\ngrok.exe`, cmd: w`ngrok.exe http 8080`, parent: PS })),
    proc(c({ source: S.ngrok, note: 'ngrok TCP tunnel with a config file.', ...base, image: w`C:\Users\dan\tools\ngrok.exe`, cmd: w`ngrok.exe tcp 22 --config C:\Users\dan\.ngrok2\ngrok.yml`, parent: PS })),
    proc(c({ source: S.cloudflared, note: 'Cloudflare quick tunnel (`cloudflared tunnel --url`): contains "tunnel", not an IDE tunnel.', ...base, image: w`C:\Program Files (x86)\cloudflared\cloudflared.exe`, cmd: w`cloudflared.exe tunnel --url http://localhost:8080`, parent: PS })),
    proc(c({ source: S.cloudflared, note: 'Named Cloudflare tunnel run as a service.', host: 'SRV-EDGE-01', user: SYS, image: w`C:\Program Files (x86)\cloudflared\cloudflared.exe`, cmd: w`"C:\Program Files (x86)\cloudflared\cloudflared.exe" tunnel run corp-edge`, parent: w`C:\Windows\System32\services.exe`, parentCmd: w`C:\Windows\system32\services.exe` })),
    proc(c({ source: S.ssh, note: 'OpenSSH local port forward to a database through a bastion.', ...base, image: w`C:\Windows\System32\OpenSSH\ssh.exe`, cmd: w`ssh.exe -N -L 5432:db.internal:5432 dan@bastion.example.com`, parent: PS })),
    proc(c({ source: S.ssh, note: 'PuTTY plink remote forward.', ...base, image: w`C:\Program Files\PuTTY\plink.exe`, cmd: w`plink.exe -ssh -batch -R 8080:127.0.0.1:8080 dan@jump.example.com`, parent: CMD, meta: ['0.81.0.0', 'Command-line SSH, Telnet, and Rlogin client', 'PuTTY suite', 'Simon Tatham', 'Plink'] })),
    proc(c({ source: S.frp, note: 'frp client with its config file.', ...base, image: w`C:\tools\frp\frpc.exe`, cmd: w`C:\tools\frp\frpc.exe -c C:\tools\frp\frpc.toml`, parent: CMD, meta: ['-', '-', '-', '-', '-'] })),
    proc(c({ source: S.ssh, note: 'netsh portproxy rule for WSL development (contains no IDE tool).', ...base, image: w`C:\Windows\System32\netsh.exe`, cmd: w`netsh interface portproxy add v4tov4 listenport=3000 listenaddress=0.0.0.0 connectport=3000 connectaddress=172.24.160.2`, parent: PS, integrity: 'High', meta: ['10.0.22621.1', 'Network Command Shell', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'netsh.exe'] })),
    dns(c({ source: S.ngrok, note: 'ngrok agent resolving its tunnel endpoint (contains "tunnel").', ...base, image: w`C:\Users\dan\tools\ngrok.exe`, query: 'tunnel.us.ngrok.com', results: '::ffff:3.20.27.198;' })),
    dns(c({ source: S.cloudflared, note: 'cloudflared resolving the Argo tunnel edge.', ...base, image: w`C:\Program Files (x86)\cloudflared\cloudflared.exe`, query: 'region1.v2.argotunnel.com', results: '::ffff:198.41.192.7;' })),
    lproc(c({ source: S.ssh, note: 'Linux: autossh keeping a reverse tunnel for a lab device.', host: 'lnx-lab-02', user: 'lab', image: '/usr/bin/autossh', cmd: 'autossh -M 0 -N -R 2222:localhost:22 lab@relay.example.com', parent: '/usr/lib/systemd/systemd', parentCmd: '/sbin/init', cwd: '/home/lab' })),
  ];
}

function lookalikes() {
  const category = 'noise-lookalike-paths';
  const c = (o) => ({ label: N, category, ...o });
  const base = { host: 'WKS-MIX-030', user: w`CORP\erin` };
  return [
    proc(c({ source: S.seedFp, note: 'User profile named "ideaslab" (seed IsJetBrains matches "idea" anywhere in Image).', host: 'LAB-PC-03', user: w`CORP\ideaslab`, image: w`C:\Users\ideaslab\AppData\Local\Programs\Obsidian\Obsidian.exe`, cmd: w`"C:\Users\ideaslab\AppData\Local\Programs\Obsidian\Obsidian.exe"`, parent: EXPLORER, meta: ['1.7.7', 'Obsidian', 'Obsidian', 'Obsidian', 'electron.exe'] })),
    proc(c({ source: S.seedFp, note: 'Notes app under a folder called "ideas".', ...base, image: w`C:\Users\erin\Documents\ideas\notes.exe`, cmd: w`"C:\Users\erin\Documents\ideas\notes.exe" --open backlog.md`, parent: EXPLORER, meta: ['2.3.1.0', 'Notes', 'Notes', '-', 'notes.exe'] })),
    proc(c({ source: S.seedFp, note: '3D-printing slicer ideaMaker (seed IsJetBrains matches "idea").', ...base, image: w`C:\Program Files\Raise3D\ideaMaker\ideaMaker.exe`, cmd: w`"C:\Program Files\Raise3D\ideaMaker\ideaMaker.exe"`, parent: EXPLORER, meta: ['5.1.4.8480', 'ideaMaker', 'ideaMaker', 'Raise3D', 'ideaMaker.exe'] })),
    proc(c({ source: S.seedFp, note: 'barcode.exe: "code.exe" is a substring of the image name.', host: 'FIN-LT-007', user: w`CORP\carol`, image: w`C:\tools\barcode.exe`, cmd: w`"C:\tools\barcode.exe" /print "C:\Users\carol\Documents\labels-1117.csv"`, parent: EXPLORER, meta: ['5.2.0.0', 'Barcode label printer', 'LabelStudio', 'Example Labels Ltd', 'barcode.exe'] })),
    proc(c({ source: S.seedFp, note: 'qrcode.exe generator (substring "code.exe").', ...base, image: w`C:\Program Files\QR Tools\qrcode.exe`, cmd: w`"C:\Program Files\QR Tools\qrcode.exe" --text "https://example.com/menu"`, parent: EXPLORER, meta: ['1.4.0.0', 'QR code generator', 'QR Tools', '-', 'qrcode.exe'] })),
    proc(c({ source: S.seedFp, note: 'opencode.exe, an unrelated coding assistant CLI (substring "code.exe").', ...base, image: w`C:\Users\erin\AppData\Local\opencode\opencode.exe`, cmd: w`opencode.exe run "summarise README.md"`, parent: PS, meta: ['-', '-', '-', '-', '-'] })),
    proc(c({ source: S.seedFp, note: 'ffmpeg-based encode.exe (substring "code.exe").', ...base, image: w`C:\Program Files\MediaTools\encode.exe`, cmd: w`encode.exe -i talk.mov -c:v libx264 talk.mp4`, parent: PS, meta: ['-', '-', '-', '-', '-'] })),
    proc(c({ source: S.seedFp, note: 'Build tool inside a repository named tunnel-sim (path contains "tunnel").', host: 'DEV-WS-022', user: w`CORP\bob`, image: w`C:\src\tunnel-sim\build.exe`, cmd: w`C:\src\tunnel-sim\build.exe --release`, parent: PS, meta: ['0.4.0.0', 'tunnel-sim build driver', 'tunnel-sim', 'Example Corp', 'build.exe'] })),
    proc(c({ source: S.seedFp, note: 'API gateway product named gateway.exe (seed IsJetBrains matches "gateway\\.exe").', host: 'SRV-API-02', user: w`CORP\svc_api`, image: w`C:\Program Files\Acme\API Gateway\gateway.exe`, cmd: w`"C:\Program Files\Acme\API Gateway\gateway.exe" --config "C:\ProgramData\Acme\gateway.yaml"`, parent: w`C:\Windows\System32\services.exe`, parentCmd: w`C:\Windows\system32\services.exe`, meta: ['3.2.1.0', 'Acme API Gateway', 'Acme Gateway', 'Acme', 'gateway.exe'] })),
    proc(c({ source: S.seedFp, note: 'Word opens a document about the Channel Tunnel (command line contains "tunnel").', ...base, image: w`C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE`, cmd: w`"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE" /n "C:\Users\erin\Documents\tunnel-safety-inspection-2026.docx"`, parent: EXPLORER })),
    proc(c({ source: S.seedFp, note: 'Browser tab on a GitHub page about tunnels (command line contains "tunnel" and "github").', ...base, image: w`C:\Program Files\Google\Chrome\Application\chrome.exe`, cmd: w`"C:\Program Files\Google\Chrome\Application\chrome.exe" https://github.com/topics/tunnel`, parent: EXPLORER })),
    proc(c({ source: S.seedFp, note: 'npm script that happens to be named serve-web (seed IsHeadless matches "serve-web").', host: 'DEV-WS-014', user: w`CORP\alice`, image: w`C:\Program Files\nodejs\node.exe`, cmd: w`"C:\Program Files\nodejs\node.exe" "C:\Program Files\nodejs\node_modules\npm\bin\npm-cli.js" run serve-web`, parent: PS })),
    proc(c({ source: S.seedFp, note: 'Python tool with a --no-browser flag (seed IsHeadless matches "--no-browser"): Jupyter.', host: 'DEV-WS-022', user: w`CORP\bob`, image: w`C:\Users\bob\PycharmProjects\etl-jobs\.venv\Scripts\python.exe`, cmd: w`python.exe -m jupyter lab --no-browser --port 8888`, parent: PS })),
    proc(c({ source: S.seedFp, note: 'Executable built in a PycharmProjects folder (seed IsJetBrains matches "pycharm").', host: 'DEV-WS-022', user: w`CORP\bob`, image: w`C:\Users\bob\PycharmProjects\etl-jobs\dist\etl.exe`, cmd: w`C:\Users\bob\PycharmProjects\etl-jobs\dist\etl.exe --dry-run`, parent: PS, meta: ['-', '-', '-', '-', '-'] })),
    lproc(c({ source: S.seedFp, note: 'Linux: a script under ~/github/ that mentions tunnel in its name (wireguard helper).', host: 'lnx-ws-07', user: 'kate', image: '/usr/bin/bash', cmd: 'bash /home/kate/github/dotfiles/bin/wg-tunnel-up.sh', parent: '/usr/bin/bash', parentCmd: '-bash', cwd: '/home/kate' })),
  ];
}

function developerDns() {
  const category = 'noise-dns-developer';
  const c = (o) => ({ label: N, category, ...o });
  const code = w`${vsc('alice')}\Code.exe`;
  const base = { host: 'DEV-WS-014', user: w`CORP\alice` };
  return [
    dns(c({ source: S.vscElectron, note: 'VS Code desktop update check.', ...base, image: code, query: 'update.code.visualstudio.com', results: 'type:  5 vscode-update.azurewebsites.net;::ffff:13.107.246.64;' })),
    dns(c({ source: S.vscElectron, note: 'Extension Marketplace lookup.', ...base, image: code, query: 'marketplace.visualstudio.com', results: 'type:  5 marketplace.trafficmanager.net;::ffff:13.107.42.18;' })),
    dns(c({ source: S.vscElectron, note: 'Copilot endpoint from the extension host.', ...base, image: code, query: 'api.githubcopilot.com', results: '::ffff:140.82.113.21;' })),
    dns(c({ source: `${S.vscTunnels}; ${S.vscRemoteTunnelSvc}`, note: 'POLICY: the desktop (Remote - Tunnels extension / Remote Explorer) lists the developer\'s own tunnels through the tunnels API.', ...base, image: code, query: 'global.rel.tunnels.api.visualstudio.com' })),
    net(c({ source: `${S.vscTunnels}; ${S.vscRemoteTunnelSvc}`, note: 'POLICY: desktop window connecting to a tunnel relay as a client (developer opens their remote machine).', ...base, image: code, destHost: 'euw.rel.tunnels.api.visualstudio.com' })),
    net(c({ source: S.vscElectron, note: 'Desktop downloads an update from the CDN.', ...base, image: code, destHost: 'vscode.download.prss.microsoft.com', destIp: '13.107.246.64' })),
    dns(c({ source: S.vscTunnels, note: 'Browser on vscode.dev (web editor), the client side of tunnels.', ...base, image: w`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`, query: 'vscode.dev', results: '::ffff:13.107.213.41;' })),
    dns(c({ source: `${S.devtunnelSecurity}; ${S.seedFp}`, note: 'POLICY: browser opening a dev tunnel URL a colleague shared (webhook test); the browser is the client, not a tunnel host.', ...base, image: w`C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`, query: 'b8k2d9qx-3000.euw.devtunnels.ms' })),
    dns(c({ source: S.git, note: 'git-remote-https resolving github.com.', ...base, image: w`C:\Program Files\Git\mingw64\libexec\git-core\git-remote-https.exe`, query: 'github.com', results: '::ffff:140.82.121.4;' })),
    dns(c({ source: S.gh, note: 'GitHub CLI API calls.', ...base, image: w`C:\Program Files\GitHub CLI\gh.exe`, query: 'api.github.com', results: '::ffff:140.82.121.6;' })),
    dns(c({ source: S.jbIde, note: 'IntelliJ plugin repository.', host: 'DEV-WS-022', user: w`CORP\bob`, image: w`C:\Users\bob\AppData\Local\Programs\IntelliJ IDEA Ultimate\bin\idea64.exe`, query: 'plugins.jetbrains.com', results: '::ffff:52.17.56.202;' })),
    dns(c({ source: S.jbIde, note: 'Toolbox downloading an IDE update.', host: 'DEV-WS-022', user: w`CORP\bob`, image: w`C:\Users\bob\AppData\Local\JetBrains\Toolbox\bin\jetbrains-toolbox.exe`, query: 'download-cdn.jetbrains.com', results: '::ffff:18.245.60.90;' })),
  ];
}

function developerFiles() {
  const category = 'noise-developer-files';
  const c = (o) => ({ label: N, category, ...o });
  const code = w`${vsc('alice')}\Code.exe`;
  const base = { host: 'DEV-WS-014', user: w`CORP\alice` };
  return [
    file(c({ source: S.vscElectron, note: 'Desktop writes user settings.', ...base, image: code, target: w`C:\Users\alice\AppData\Roaming\Code\User\settings.json` })),
    file(c({ source: S.vscElectron, note: 'Desktop installs an extension under %USERPROFILE%\\.vscode\\extensions.', ...base, image: code, target: w`C:\Users\alice\.vscode\extensions\ms-python.python-2024.20.0-win32-x64\package.json` })),
    file(c({ source: S.git, note: 'git checkout writes a file in a repository whose name contains "tunnel".', host: 'DEV-WS-022', user: w`CORP\bob`, image: w`C:\Program Files\Git\mingw64\bin\git.exe`, target: w`C:\src\tunnel-sim\README.md` })),
  ];
}

function benignPersistence() {
  const category = 'noise-benign-persistence';
  const c = (o) => ({ label: N, category, ...o });
  return [
    task4698(c({ source: S.ev4698, note: 'OneDrive standalone updater task (ordinary per-user task).', host: 'WKS-MIX-030', subject: w`CORP\erin`, taskName: w`\OneDrive Standalone Update Task-S-1-5-21-3623811015-3361044348-30300820-1633`, command: w`%localappdata%\Microsoft\OneDrive\OneDriveStandaloneUpdater.exe`, args: '', trigger: 'daily', encoding: 'escaped' })),
    task4698(c({ source: S.git, note: '`git maintenance start` registers hourly/daily/weekly tasks that run git.exe for-each-repo.', host: 'DEV-WS-014', subject: w`CORP\alice`, taskName: w`\Git Maintenance (hourly)`, command: w`"C:\Program Files\Git\mingw64\bin\git.exe"`, args: '--exec-path=. for-each-repo --config=maintenance.repo maintenance run --schedule=hourly', trigger: 'daily', encoding: 'escaped' })),
    task4698(c({ source: S.ev4698, note: 'Edge updater task, decoded XML.', host: 'DEV-WS-022', subject: w`CORP\bob`, taskName: w`\MicrosoftEdgeUpdateTaskMachineUA`, command: w`C:\Program Files (x86)\Microsoft\EdgeUpdate\MicrosoftEdgeUpdate.exe`, args: '/ua /installsource scheduler', userId: 'S-1-5-18', logonType: 'ServiceAccount', trigger: 'daily', encoding: 'plain' })),
    proc(c({ source: S.git, note: '`git maintenance start` creating its scheduled task through schtasks.', host: 'DEV-WS-014', user: w`CORP\alice`, image: w`C:\Windows\System32\schtasks.exe`, cmd: w`schtasks /create /tn "Git Maintenance (hourly)" /f /xml C:\Users\alice\AppData\Local\Temp\schedule_hourly_x1b2c3`, parent: w`C:\Program Files\Git\mingw64\bin\git.exe`, parentCmd: w`git maintenance start` })),
    reg(c({ source: S.runKey, note: 'Teams Run value at install.', host: 'WKS-MIX-030', user: w`CORP\erin`, image: w`C:\Program Files\WindowsApps\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\ms-teams.exe`, target: w`HKU\S-1-5-21-3623811015-3361044348-30300820-1633\Software\Microsoft\Windows\CurrentVersion\Run\com.squirrel.Teams.Teams`, details: w`C:\Users\erin\AppData\Local\Microsoft\Teams\Update.exe --processStart "Teams.exe" --process-start-args "--system-initiated"` })),
    reg(c({ source: S.runKey, note: 'Docker Desktop Run value on a developer machine.', host: 'DEV-WS-017', user: w`CORP\dan`, image: w`C:\Program Files\Docker\Docker\Docker Desktop.exe`, target: w`HKU\S-1-5-21-3623811015-3361044348-30300820-1620\Software\Microsoft\Windows\CurrentVersion\Run\Docker Desktop`, details: w`C:\Program Files\Docker\Docker\Docker Desktop.exe -Autostart` })),
    svc7045(c({ source: S.ev7045, note: 'Cloudflare tunnel service (other tunnel product, not IDE).', host: 'SRV-EDGE-01', serviceName: 'Cloudflared', imagePath: w`"C:\Program Files (x86)\cloudflared\cloudflared.exe" tunnel run corp-edge` })),
    svc7045(c({ source: S.ev7045, note: 'Azure Pipelines agent service on a build server.', host: 'BUILD-SRV-02', serviceName: 'vstsagent.example.Default.BUILD-SRV-02', imagePath: w`"C:\agent\bin\AgentService.exe"`, account: w`CORP\svc_build` })),
  ];
}

function linuxDev() {
  const category = 'noise-linux-dev';
  const c = (o) => ({ label: N, category, ...o });
  const base = { host: 'lnx-ws-07', user: 'kate', cwd: '/home/kate' };
  return [
    lproc(c({ source: S.vscElectron, note: 'VS Code desktop on Linux opening a folder.', ...base, image: '/usr/share/code/code', cmd: '/usr/share/code/code /home/kate/src/web-portal', parent: '/usr/bin/gnome-shell', parentCmd: '/usr/bin/gnome-shell' })),
    lproc(c({ source: S.vscElectron, note: 'Linux desktop renderer.', ...base, image: '/usr/share/code/code', cmd: '/usr/share/code/code --type=renderer --crashpad-handler-pid=4412 --enable-crash-reporter=6b1e2c1d,no_channel --user-data-dir=/home/kate/.config/Code --standard-schemes=vscode-webview,vscode-file --enable-sandbox --app-path=/usr/share/code/resources/app --lang=en-US --num-raster-threads=4 --renderer-client-id=4 --launch-time-ticks=4411208133 --shared-files=v8_context_snapshot_data:100 --field-trial-handle=3,i,4411208133815224417,9275632150137771640,262144', parent: '/usr/share/code/code', parentCmd: '/usr/share/code/code /home/kate/src/web-portal' })),
    lproc(c({ source: S.vscArgs, note: 'Housekeeping on Linux: `code tunnel status` via the desktop launcher.', expect: { tool: 'vscode', activity: 'housekeeping' }, ...base, image: '/usr/share/code/code', cmd: '/usr/share/code/code /usr/share/code/resources/app/out/cli.js tunnel status', parent: '/usr/bin/bash', parentCmd: '/bin/sh /usr/bin/code tunnel status' })),
    lproc(c({ source: `${S.vscRemoteSsh}; ${S.seedFp}`, note: 'VS Code Remote-SSH server on a dev VM: --accept-server-license-terms and --start-server, but SSH-based, bound to 127.0.0.1 with a connection token; not a tunnel.', host: 'lnx-devvm-11', user: 'kate', image: '/usr/bin/dash', cmd: 'sh /home/kate/.vscode-server/cli/servers/Stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813/server/bin/code-server --connection-token=remotessh --accept-server-license-terms --start-server --enable-remote-auto-shutdown --socket-path=/tmp/code-6b1e2c1d', parent: '/home/kate/.vscode-server/code-f1a4fb101478ce6ec82fe9627c43efbf9e98c813', parentCmd: '/home/kate/.vscode-server/code-f1a4fb101478ce6ec82fe9627c43efbf9e98c813 command-shell --cli-data-dir /home/kate/.vscode-server/cli --parent-process-id 4410 --on-host=127.0.0.1 --on-port', cwd: '/home/kate' })),
    lproc(c({ source: S.vscRemoteSsh, note: 'Remote-SSH server node process.', host: 'lnx-devvm-11', user: 'kate', image: '/home/kate/.vscode-server/cli/servers/Stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813/server/node', cmd: '/home/kate/.vscode-server/cli/servers/Stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813/server/node /home/kate/.vscode-server/cli/servers/Stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813/server/out/server-main.js --connection-token=remotessh --accept-server-license-terms --start-server --enable-remote-auto-shutdown --socket-path=/tmp/code-6b1e2c1d', parent: '/usr/bin/dash', parentCmd: 'sh /home/kate/.vscode-server/cli/servers/Stable-f1a4fb101478ce6ec82fe9627c43efbf9e98c813/server/bin/code-server --connection-token=remotessh --accept-server-license-terms --start-server', cwd: '/home/kate' })),
    lproc(c({ source: S.jbIde, note: 'IntelliJ IDEA on Linux via idea.sh (image is the shell).', ...base, image: '/usr/bin/bash', cmd: '/bin/bash /opt/idea-IU-243.21565.193/bin/idea.sh /home/kate/IdeaProjects/api', parent: '/usr/bin/gnome-shell', parentCmd: '/usr/bin/gnome-shell' })),
    lproc(c({ source: S.jbIde, note: 'fsnotifier on Linux.', ...base, image: '/opt/idea-IU-243.21565.193/bin/fsnotifier', cmd: '/opt/idea-IU-243.21565.193/bin/fsnotifier', parent: '/opt/idea-IU-243.21565.193/jbr/bin/java', parentCmd: '/opt/idea-IU-243.21565.193/jbr/bin/java -classpath /opt/idea-IU-243.21565.193/lib/platform-loader.jar com.intellij.idea.Main /home/kate/IdeaProjects/api' })),
    lproc(c({ source: S.ssh, note: 'ssh local forward from a Linux workstation.', ...base, image: '/usr/bin/ssh', cmd: 'ssh -N -L 8443:grafana.internal:443 kate@bastion.example.com', parent: '/usr/bin/bash', parentCmd: '-bash' })),
  ];
}

function cimNoise() {
  const category = 'noise-cim-fields';
  const c = (o) => ({ label: N, category, ...o });
  const code = w`${vsc('alice')}\Code.exe`;
  return [
    cim(c({ source: `${S.cimEndpoint}; ${S.vscElectron}`, note: 'CIM-only VS Code renderer from an EDR.', fields: { host: 'DEV-WS-014', sourcetype: 'crowdstrike:events:sensor', dest: 'DEV-WS-014', user: w`CORP\alice`, process_name: 'Code.exe', process_path: code, process: electronChild(code, w`C:\Users\alice\AppData\Roaming\Code`, 'renderer'), parent_process_path: code, parent_process: `"${code}" `, original_file_name: 'electron.exe' } })),
    cim(c({ source: `${S.cimEndpoint}; ${S.vscArgs}`, note: 'tstats names: `code tunnel status` housekeeping.', expect: { tool: 'vscode', activity: 'housekeeping' }, fields: { 'Processes.dest': 'DEV-WS-014', 'Processes.user': w`CORP\alice`, 'Processes.process_name': 'code-tunnel.exe', 'Processes.process_path': w`${vsc('alice')}\bin\code-tunnel.exe`, 'Processes.process': w`"${vsc('alice')}\bin\code-tunnel.exe" tunnel status`, 'Processes.parent_process_path': code, 'Processes.parent_process': w`"${vsc('alice')}\bin\..\Code.exe" "${vsc('alice')}\bin\..\resources\app\out\cli.js" tunnel status` } })),
    cim(c({ source: `${S.cimEndpoint}; ${S.cloudflared}`, note: 'CIM-only cloudflared quick tunnel (other product).', fields: { host: 'DEV-WS-017', sourcetype: 'crowdstrike:events:sensor', dest: 'DEV-WS-017', user: w`CORP\dan`, process_name: 'cloudflared.exe', process_path: w`C:\Program Files (x86)\cloudflared\cloudflared.exe`, process: 'cloudflared.exe tunnel --url http://localhost:8080', parent_process_path: PS, parent_process: 'powershell.exe' } })),
    cim(c({ source: `${S.cimDns}; ${S.vscElectron}`, note: 'CIM DNS: Marketplace lookup.', fields: { host: 'DEV-WS-014', sourcetype: 'stream:dns', src: '10.20.4.14', query: 'marketplace.visualstudio.com' } })),
  ];
}

/** All noise cases, grouped by category. */
export function noise() {
  return [...vscodeDesktop(), ...vscodeVariants(), ...jetbrainsIde(), ...gitGithub(), ...otherTunnels(), ...lookalikes(), ...developerDns(), ...developerFiles(), ...benignPersistence(), ...linuxDev(), ...cimNoise()];
}

#!/usr/bin/env node
/**
 * Writes test/fixtures/demo/sysmon-demo.xmlwineventlog.log: the SYNTHETIC default sample that
 * `npm start` scores. One event per line in Splunk's XmlWinEventLog rendering.
 *
 * Content: one working day (2026-11-17 UTC) on six Windows hosts of a fictional company
 * (corp.example.com): ordinary process activity (logon, browsers, Office, Teams, VS Code desktop
 * with its Electron children, JetBrains IDEs, git against GitHub, build server, Windows services),
 * plus the seed's three validation scenarios (../shared/seed/ide-tunneling-detection.txt,
 * "Testing Methodology", tests 1-3):
 *   1. VS Code CLI tunnel: `code.exe tunnel --accept-server-license-terms --name test-tunnel`
 *      (EID 1) + DNS for *.tunnels.api.visualstudio.com (EID 22) + HTTPS to the relay (EID 3);
 *   2. Dev Tunnels: `devtunnel.exe host --port 8080 --allow-anonymous` (EID 1) + DNS for
 *      *.devtunnels.ms (EID 22) + EID 3;
 *   3. Scheduled-task persistence: schtasks.exe /create ... /tr "...code.exe tunnel ..." (EID 1) and
 *      Security 4698 whose TaskContent has <Command> and <Arguments> as separate elements.
 * Each scenario process carries RuleName '-' like every other event; test/fixtures/demo/README.md
 * lists the scenario hosts and times.
 *
 * Deterministic: seeded PRNG, no clock, no Math.random. Run: `node scripts/make-demo-data.mjs`
 * (`--out FILE` writes elsewhere; the demo test uses it to check the committed file is current).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Host } from './lib/host-sim.mjs';
import { makeRandom, renderXmlWinEvent, taskXml } from './lib/synthetic.mjs';

const SEED = 20261117;
const DAY = Date.UTC(2026, 10, 17, 0, 0, 0);
const at = (h, m, s = 0, ms = 0) => DAY + ((h * 60 + m) * 60 + s) * 1000 + ms;
const MIN = 60 * 1000;

const rnd = makeRandom(SEED);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outFile = outArg > 0 ? process.argv[outArg + 1] : join(repoRoot, 'test', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');

const SYS = 'NT AUTHORITY\\SYSTEM';
const W = 'C:\\Windows\\System32\\';

/** Processes that exist on every host before the day starts. */
function baseline(host) {
  const services = host.existing(`${W}services.exe`, 'C:\\Windows\\system32\\services.exe', SYS, { pid: 904 });
  const winlogon = host.existing(`${W}winlogon.exe`, 'winlogon.exe', SYS, { pid: 812 });
  const svcSchedule = host.existing(`${W}svchost.exe`, 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', SYS);
  const svcDcom = host.existing(`${W}svchost.exe`, 'C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p', SYS);
  const searchIndexer = host.existing(`${W}SearchIndexer.exe`, 'C:\\Windows\\system32\\SearchIndexer.exe /Embedding', SYS);
  return { services, winlogon, svcSchedule, svcDcom, searchIndexer };
}

/** Interactive logon: userinit -> explorer, returns explorer. */
function logon(host, base, t, user) {
  const userinit = host.spawn(base.winlogon, t, `${W}userinit.exe`, 'C:\\Windows\\system32\\userinit.exe', { user });
  const explorer = host.spawn(userinit, t + 900, 'C:\\Windows\\explorer.exe', 'C:\\Windows\\Explorer.EXE', { user, cwd: 'C:\\Windows\\system32\\' });
  const home = `C:\\Users\\${user.split('\\')[1]}`;
  explorer.cwd = `${home}\\`;
  host.spawn(explorer, t + 4000, `${home}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe`, `"${home}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background`);
  host.spawn(base.svcDcom, t + 5200, `${W}RuntimeBroker.exe`, 'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding', { user });
  return explorer;
}

/** Chromium-style browser with its child processes. */
function browser(host, explorer, t, kind) {
  const user = explorer.user;
  const home = `C:\\Users\\${user.split('\\')[1]}`;
  const image = kind === 'edge' ? 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe' : 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
  const dataDir = kind === 'edge' ? `${home}\\AppData\\Local\\Microsoft\\Edge\\User Data` : `${home}\\AppData\\Local\\Google\\Chrome\\User Data`;
  const version = kind === 'edge' ? '131.0.2903.51' : '131.0.6778.86';
  const main = host.spawn(explorer, t, image, `"${image}" --profile-directory=Default`);
  const fth = `--field-trial-handle=${1800 + rnd.int(0, 200)},i,${rnd.int(1e15, 9e15)},${rnd.int(1e15, 9e15)},262144`;
  host.spawn(main, t + 300, image, `"${image}" --type=crashpad-handler "--user-data-dir=${dataDir}" /prefetch:4 --monitor-self-annotation=ptype=crashpad-handler "--database=${dataDir}\\Crashpad" --annotation=plat=Win64 --annotation=prod=${kind === 'edge' ? 'Edge' : 'Chrome'} --annotation=ver=${version} --initial-client-data=0x2c4,0x2c8,0x2cc,0x2a0,0x2d4,0x7ffb1c2b5a08,0x7ffb1c2b5a14,0x7ffb1c2b5a20`);
  host.spawn(main, t + 700, image, `"${image}" --type=gpu-process --no-appcompat-clear --gpu-preferences=UAAAAAAAAADgAAAEAAAAAAAAAAAAAAAAAABgAAEAAAAAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= --mojo-platform-channel-handle=${2000 + rnd.int(0, 99)} ${fth} /prefetch:2`);
  host.spawn(main, t + 800, image, `"${image}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --no-appcompat-clear --mojo-platform-channel-handle=${2100 + rnd.int(0, 99)} ${fth} /prefetch:3`);
  const renderers = rnd.int(2, 4);
  for (let i = 0; i < renderers; i++) {
    host.spawn(main, t + 1500 + i * rnd.int(2000, 90000), image, `"${image}" --type=renderer --lang=en-US --js-flags=--ms-user-locale= --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id=${6 + i} --time-ticks-at-unix-epoch=-1731826${rnd.int(100000, 999999)} --launch-time-ticks=${rnd.int(10000000, 99999999)} --mojo-platform-channel-handle=${3000 + i * 37} ${fth} /prefetch:1`);
  }
  host.dns(main, t + 1100, kind === 'edge' ? 'www.bing.com' : 'www.google.com', kind === 'edge' ? '::ffff:13.107.21.200;' : '::ffff:142.250.185.68;');
  return main;
}

/** Office apps, Teams for a knowledge worker. */
function officeDay(host, explorer, t) {
  const user = explorer.user;
  const home = `C:\\Users\\${user.split('\\')[1]}`;
  const outlook = host.spawn(explorer, t, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE" ');
  host.dns(outlook, t + 2000, 'outlook.office365.com', 'type:  5 outlook.ha.office365.com;::ffff:52.97.201.226;');
  const teams = host.spawn(explorer, t + 3000, 'C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe', '"C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe" msteams:system-initiated');
  host.spawn(teams, t + 4200, 'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.51\\msedgewebview2.exe', `"C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.51\\msedgewebview2.exe" --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe --webview-exe-version=24295.605.3225.8804 --user-data-dir="${home}\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView" --noerrdialogs --embedded-browser-webview-dpi-awareness=2 --enable-features=MojoIpcz --mojo-named-platform-channel-pipe=${rnd.int(1000, 9999)}.${rnd.int(1000, 9999)}.${rnd.int(1e9, 9e9)}`);
  host.dns(teams, t + 5000, 'teams.microsoft.com', 'type:  5 teams.office.com;::ffff:52.113.194.132;');
  const docs = ['Q4-forecast.xlsx', 'budget-2027.xlsx', 'minutes-1117.docx', 'vendor-list.xlsx'];
  for (let i = 0; i < 3; i++) {
    const doc = rnd.pick(docs);
    const isXl = doc.endsWith('.xlsx');
    const app = isXl ? 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE' : 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';
    host.spawn(explorer, t + (i + 1) * rnd.int(40, 90) * MIN, app, `"${app}" "${home}\\OneDrive - Example Corp\\Documents\\${doc}"`);
  }
  return { outlook, teams };
}

/** Background Windows activity spread over the day. */
function windowsNoise(host, base, user, t0, t1, count) {
  for (let i = 0; i < count; i++) {
    const t = t0 + Math.floor(rnd.next() * (t1 - t0));
    const k = rnd.int(0, 5);
    if (k === 0) host.spawn(base.svcSchedule, t, `${W}taskhostw.exe`, 'taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly', { user: SYS });
    else if (k === 1) host.spawn(base.svcDcom, t, `${W}backgroundTaskHost.exe`, `"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca`, { user });
    else if (k === 2) host.spawn(base.searchIndexer, t, `${W}SearchProtocolHost.exe`, `"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe${rnd.int(10, 99)}_ Global\\UsGthrCtrlFltPipeMssGthrPipe${rnd.int(10, 99)} 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon" `, { user: SYS });
    else if (k === 3) host.spawn(base.svcDcom, t, `${W}wbem\\WmiPrvSE.exe`, 'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding', { user: 'NT AUTHORITY\\NETWORK SERVICE' });
    else if (k === 4) host.spawn(base.services, t, `${W}svchost.exe`, 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s BITS', { user: SYS });
    else host.spawn(base.svcSchedule, t, 'C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe', '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" /ua /installsource scheduler', { user: SYS, meta: ['1.3.195.35', 'Microsoft Edge Update', 'Microsoft Edge Update', 'Microsoft Corporation', 'msedgeupdate.dll'] });
  }
}

/** VS Code desktop (stable, Insiders or Cursor) with its Electron children and extension host. */
function vscodeDesktop(host, explorer, t, flavour = 'stable') {
  const user = explorer.user;
  const name = user.split('\\')[1];
  const home = `C:\\Users\\${name}`;
  const cfg = {
    stable: { dir: `${home}\\AppData\\Local\\Programs\\Microsoft VS Code`, exe: 'Code.exe', data: `${home}\\AppData\\Roaming\\Code`, model: 'Microsoft.VisualStudioCode' },
    insiders: { dir: `${home}\\AppData\\Local\\Programs\\Microsoft VS Code Insiders`, exe: 'Code - Insiders.exe', data: `${home}\\AppData\\Roaming\\Code - Insiders`, model: 'Microsoft.VisualStudioCode.Insiders' },
    cursor: { dir: `${home}\\AppData\\Local\\Programs\\cursor`, exe: 'Cursor.exe', data: `${home}\\AppData\\Roaming\\Cursor`, model: 'Anysphere.Cursor' },
  }[flavour];
  const image = `${cfg.dir}\\${cfg.exe}`;
  const main = host.spawn(explorer, t, image, `"${image}" `, { cwd: `${cfg.dir}\\` });
  const schemes = '--standard-schemes=vscode-webview,vscode-file --enable-sandbox --secure-schemes=vscode-webview,vscode-file --cors-schemes=vscode-webview,vscode-file --fetch-schemes=vscode-webview,vscode-file --service-worker-schemes=vscode-webview --code-cache-schemes=vscode-webview,vscode-file';
  const fth = `--field-trial-handle=${1900 + rnd.int(0, 99)},i,${rnd.int(1e15, 9e15)},${rnd.int(1e15, 9e15)},262144 --enable-features=DocumentPolicyIncludeJSCallStacksInCrashReports,EarlyEstablishGpuChannel,EstablishGpuChannelAsync --disable-features=CalculateNativeWinOcclusion,PlzDedicatedWorker,SpareRendererForSitePerProcess,WinDelaySpellcheckServiceInit,WinRetrieveSuggestionsOnlyOnDemand --variations-seed-version`;
  host.spawn(main, t + 400, image, `"${image}" --type=crashpad-handler --user-data-dir="${cfg.data}" /prefetch:4 --no-rate-limit --monitor-self-annotation=ptype=crashpad-handler --database=${cfg.data}\\Crashpad --url=appcenter://code?aid=a4e3233c-699c-46ec-b4f4-9c2a77254662&uid=${rnd.int(1000, 9999)}&iid=${rnd.int(1000, 9999)}&sid=${rnd.int(1000, 9999)} --annotation=_companyName=Microsoft --annotation=_productName=VSCode --annotation=_version=1.95.3 --annotation=plat=Win64 --annotation=prod=Electron --annotation=ver=32.2.1 --initial-client-data=0x4e8,0x4ec,0x4f0,0x4c4,0x4f4,0x7ff7b1f4d7a8,0x7ff7b1f4d7b4,0x7ff7b1f4d7c0`);
  host.spawn(main, t + 900, image, `"${image}" --type=gpu-process --user-data-dir="${cfg.data}" --gpu-preferences=UAAAAAAAAADgAAAEAAAAAAAAAAAAAAAAAABgAAEAAAAAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= --mojo-platform-channel-handle=${2000 + rnd.int(0, 99)} ${fth} /prefetch:2`);
  host.spawn(main, t + 1000, image, `"${image}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --user-data-dir="${cfg.data}" ${schemes} --mojo-platform-channel-handle=${2300 + rnd.int(0, 99)} ${fth} /prefetch:3`);
  host.spawn(main, t + 1600, image, `"${image}" --type=renderer --user-data-dir="${cfg.data}" ${schemes} --app-user-model-id=${cfg.model} --app-path="${cfg.dir}\\resources\\app" --enable-sandbox --enable-blink-features=HighlightAPI --js-flags=--nodecommit_pooled_pages --disable-blink-features=FontMatchingCTMigration,StandardizedBrowserZoom, --lang=en-US --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id=4 --time-ticks-at-unix-epoch=-1731826${rnd.int(100000, 999999)} --launch-time-ticks=${rnd.int(10000000, 99999999)} --vscode-window-config=vscode:${rnd.int(10000000, 99999999).toString(16)}-1c4b-4f0e-9a55-${rnd.int(1e11, 9e11).toString(16)} --mojo-platform-channel-handle=${3200 + rnd.int(0, 99)} ${fth} /prefetch:1`);
  const nodeService = (offset, handle) => host.spawn(main, t + offset, image, `"${image}" --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US --service-sandbox-type=none --dns-result-order=ipv4first --inspect-port=0 --user-data-dir="${cfg.data}" ${schemes} --mojo-platform-channel-handle=${handle} ${fth} /prefetch:8`);
  nodeService(2100, 4100 + rnd.int(0, 99)); // shared process
  const extHost = nodeService(3300, 4800 + rnd.int(0, 99)); // extension host
  const ptyHost = nodeService(3900, 5200 + rnd.int(0, 99)); // pty host (terminal)
  const fileWatcher = nodeService(4400, 5600 + rnd.int(0, 99)); // file watcher
  void fileWatcher;
  host.dns(main, t + 5000, 'update.code.visualstudio.com', 'type:  5 vscode-update.azurewebsites.net;::ffff:13.107.246.64;');
  host.dns(extHost, t + 6000, 'marketplace.visualstudio.com', 'type:  5 marketplace.trafficmanager.net;::ffff:13.107.42.18;');
  host.net(main, t + 5200, '13.107.246.64', 'update.code.visualstudio.com');
  return { main, extHost, ptyHost, cfg, image };
}

/** A developer's terminal work inside VS Code: git against GitHub, npm, VS Code CLI housekeeping. */
function devTerminal(host, vs, t, repo) {
  const user = vs.main.user;
  const name = user.split('\\')[1];
  const repoDir = `C:\\Users\\${name}\\source\\repos\\${repo}`;
  const shellInt = `${vs.cfg.dir}\\resources\\app\\out\\vs\\workbench\\contrib\\terminal\\common\\scripts\\shellIntegration.ps1`;
  const ps = host.spawn(vs.ptyHost, t, `${W}WindowsPowerShell\\v1.0\\powershell.exe`, `C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -noexit -command "try { . \\"${shellInt}\\" } catch {}"`, { cwd: `${repoDir}\\` });
  host.spawn(vs.ptyHost, t + 50, `${W}conhost.exe`, '\\??\\C:\\Windows\\system32\\conhost.exe 0x4', { cwd: `${repoDir}\\` });
  const git = 'C:\\Program Files\\Git\\cmd\\git.exe';
  const gitMain = 'C:\\Program Files\\Git\\mingw64\\bin\\git.exe';
  const remote = 'C:\\Program Files\\Git\\mingw64\\libexec\\git-core\\git-remote-https.exe';
  let tt = t + rnd.int(1, 5) * MIN;
  for (const args of ['status', 'pull --rebase', 'log --oneline -n 20', 'add -A', 'commit -m "Fix flaky retry test"', 'push origin HEAD']) {
    const g = host.spawn(ps, tt, git, `"C:\\Program Files\\Git\\cmd\\git.exe" ${args}`, { cwd: `${repoDir}\\` });
    if (args.startsWith('pull') || args.startsWith('push')) {
      const gm = host.spawn(g, tt + 20, gitMain, `"C:\\Program Files\\Git\\mingw64\\bin\\git.exe" ${args}`, { cwd: `${repoDir}\\` });
      const r = host.spawn(gm, tt + 60, remote, `"C:\\Program Files\\Git\\mingw64\\libexec\\git-core\\git-remote-https.exe" origin https://github.com/example-corp/${repo}.git`, { cwd: `${repoDir}\\` });
      host.dns(r, tt + 90, 'github.com', '::ffff:140.82.121.4;');
      host.net(r, tt + 120, '140.82.121.4', 'lb-140-82-121-4-fra.github.com');
    }
    tt += rnd.int(2, 25) * MIN;
  }
  // extension host runs git for the SCM view
  for (let i = 0; i < 3; i++) {
    host.spawn(vs.extHost, t + rnd.int(1, 200) * MIN, git, `"C:\\Program Files\\Git\\cmd\\git.exe" -c core.quotepath=false -c color.ui=false rev-parse --show-toplevel`, { cwd: `${repoDir}\\` });
  }
  host.spawn(ps, tt, 'C:\\Program Files\\nodejs\\node.exe', `"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" test`, { cwd: `${repoDir}\\` });
  return ps;
}

/** `code <args>` typed in a terminal: cmd /c code.cmd -> Code.exe cli.js [-> code-tunnel.exe]. */
function codeCli(host, shell, vs, t, args, { tunnelChild } = {}) {
  const bin = `${vs.cfg.dir}\\bin`;
  const cmd = host.spawn(shell, t, `${W}cmd.exe`, `C:\\Windows\\system32\\cmd.exe /d /s /c ""${bin}\\code.cmd" ${args}"`);
  const cli = host.spawn(cmd, t + 60, vs.image, `"${bin}\\..\\Code.exe" "${bin}\\..\\resources\\app\\out\\cli.js" ${args}`);
  if (tunnelChild) host.spawn(cli, t + 400, `${bin}\\code-tunnel.exe`, `"${bin}\\code-tunnel.exe" ${args}`);
  return cli;
}

/** JetBrains IDE session (IntelliJ IDEA or PyCharm) launched from Toolbox. */
function jetbrainsDay(host, explorer, t) {
  const user = explorer.user;
  const name = user.split('\\')[1];
  const home = `C:\\Users\\${name}`;
  const toolbox = host.spawn(explorer, t, `${home}\\AppData\\Local\\JetBrains\\Toolbox\\bin\\jetbrains-toolbox.exe`, `"${home}\\AppData\\Local\\JetBrains\\Toolbox\\bin\\jetbrains-toolbox.exe" --minimize`);
  host.dns(toolbox, t + 3000, 'download.jetbrains.com', 'type:  5 download.jetbrains.com.cdn.cloudflare.net;::ffff:104.18.10.56;');
  const ideaDir = `${home}\\AppData\\Local\\Programs\\IntelliJ IDEA Ultimate`;
  const idea = host.spawn(toolbox, t + 60000, `${ideaDir}\\bin\\idea64.exe`, `"${ideaDir}\\bin\\idea64.exe" "${home}\\IdeaProjects\\payments-service"`, { cwd: `${ideaDir}\\bin\\` });
  host.spawn(idea, t + 70000, `${ideaDir}\\bin\\fsnotifier.exe`, `"${ideaDir}\\bin\\fsnotifier.exe"`);
  host.spawn(idea, t + 90000, `${ideaDir}\\jbr\\bin\\java.exe`, `"${ideaDir}\\jbr\\bin\\java.exe" -Xmx700m -Djava.system.class.loader=com.intellij.util.lang.PathClassLoader -Didea.vendor.name=JetBrains -Didea.paths.selector=IntelliJIdea2024.3 -Djna.boot.library.path=${ideaDir}/lib/jna/amd64 -classpath ${ideaDir}/lib/util_rt.jar;${ideaDir}/lib/util-8.jar org.jetbrains.jps.cmdline.BuildMain 127.0.0.1 ${rnd.int(50000, 60000)} ${rnd.int(1000, 9999)}-${rnd.int(1000, 9999)} ${home}/AppData/Local/JetBrains/IntelliJIdea2024.3/compile-server`);
  const gradle = host.spawn(idea, t + 120000, 'C:\\Program Files\\Eclipse Adoptium\\jdk-21.0.5.11-hotspot\\bin\\java.exe', `"C:\\Program Files\\Eclipse Adoptium\\jdk-21.0.5.11-hotspot\\bin\\java.exe" --add-opens=java.base/java.util=ALL-UNNAMED -Xmx2g -Dfile.encoding=UTF-8 -cp ${home}\\.gradle\\wrapper\\dists\\gradle-8.11-bin\\gradle-launcher-8.11.jar org.gradle.launcher.daemon.bootstrap.GradleDaemon 8.11`, { meta: ['21.0.5.0', 'OpenJDK Platform binary', 'OpenJDK Platform 21.0.5', 'Eclipse Adoptium', 'java.exe'] });
  host.dns(gradle, t + 125000, 'repo.maven.apache.org', 'type:  5 repo.apache.maven.org;::ffff:146.75.116.215;');
  for (let i = 0; i < 4; i++) {
    host.spawn(idea, t + rnd.int(5, 400) * MIN, 'C:\\Program Files\\Git\\cmd\\git.exe', `"C:\\Program Files\\Git\\cmd\\git.exe" -c credential.helper= -c core.quotepath=false -c log.showSignature=false ${rnd.pick(['fetch origin --recurse-submodules=no --progress --prune', 'status --porcelain', 'log -n 50 --pretty=format:%H', 'branch --no-color'])}`, { cwd: `${home}\\IdeaProjects\\payments-service\\` });
  }
  host.spawn(idea, t + rnd.int(100, 300) * MIN, `${W}cmd.exe`, `C:\\Windows\\system32\\cmd.exe /c "${home}\\IdeaProjects\\payments-service\\gradlew.bat" test`, { cwd: `${home}\\IdeaProjects\\payments-service\\` });
  const pyDir = `${home}\\AppData\\Local\\Programs\\PyCharm Professional`;
  const pycharm = host.spawn(toolbox, t + rnd.int(200, 300) * MIN, `${pyDir}\\bin\\pycharm64.exe`, `"${pyDir}\\bin\\pycharm64.exe" "${home}\\PycharmProjects\\etl-jobs"`, { cwd: `${pyDir}\\bin\\` });
  host.spawn(pycharm, t + rnd.int(301, 350) * MIN, `${home}\\PycharmProjects\\etl-jobs\\.venv\\Scripts\\python.exe`, `"${home}\\PycharmProjects\\etl-jobs\\.venv\\Scripts\\python.exe" -m pytest tests/`, { cwd: `${home}\\PycharmProjects\\etl-jobs\\` });
  return idea;
}

// ---------------------------------------------------------------------------------------------
const hosts = [];
function newHost(name, ip) {
  const h = new Host(name, rnd, { ip });
  hosts.push(h);
  return h;
}

// DEV-WS-014: alice, VS Code developer (also uses the VS Code CLI for housekeeping).
{
  const h = newHost('DEV-WS-014', '10.20.4.14');
  const b = baseline(h);
  const ex = logon(h, b, at(7, 52, 10), 'CORP\\alice');
  browser(h, ex, at(7, 55, 3), 'edge');
  officeDay(h, ex, at(8, 1, 40));
  const vs = vscodeDesktop(h, ex, at(8, 10, 12), 'stable');
  const ps = devTerminal(h, vs, at(8, 22, 5), 'billing-api');
  codeCli(h, ps, vs, at(11, 3, 20), '--status');
  codeCli(h, ps, vs, at(11, 40, 2), '--install-extension ms-python.python');
  codeCli(h, ps, vs, at(14, 12, 44), 'tunnel status', { tunnelChild: true });
  codeCli(h, ps, vs, at(15, 30, 1), '.');
  windowsNoise(h, b, 'CORP\\alice', at(7, 50), at(18, 30), 26);
}

// DEV-WS-022: bob, JetBrains developer; a notes app under a folder called "ideas".
{
  const h = newHost('DEV-WS-022', '10.20.4.22');
  const b = baseline(h);
  const ex = logon(h, b, at(8, 31, 0), 'CORP\\bob');
  browser(h, ex, at(8, 33, 30), 'chrome');
  officeDay(h, ex, at(8, 40, 0));
  jetbrainsDay(h, ex, at(8, 45, 10));
  const notes = 'C:\\Users\\bob\\Documents\\ideas\\notes.exe';
  h.spawn(ex, at(12, 5, 9), notes, `"${notes}" --open "C:\\Users\\bob\\Documents\\ideas\\backlog.md"`, { cwd: 'C:\\Users\\bob\\Documents\\ideas\\', meta: ['2.3.1.0', 'Notes', 'Notes', '-', 'notes.exe'] });
  const ps = h.spawn(ex, at(13, 15, 0), `${W}WindowsPowerShell\\v1.0\\powershell.exe`, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ');
  h.spawn(ps, at(13, 15, 40), 'C:\\Program Files\\GitHub CLI\\gh.exe', '"C:\\Program Files\\GitHub CLI\\gh.exe" auth status', { cwd: 'C:\\Users\\bob\\' });
  h.spawn(ps, at(13, 16, 30), 'C:\\Program Files\\Git\\cmd\\git.exe', '"C:\\Program Files\\Git\\cmd\\git.exe" clone https://github.com/example-corp/tunnel-sim.git C:\\src\\tunnel-sim', { cwd: 'C:\\src\\' });
  h.spawn(ps, at(13, 40, 2), 'C:\\src\\tunnel-sim\\build.exe', 'C:\\src\\tunnel-sim\\build.exe --release', { cwd: 'C:\\src\\tunnel-sim\\', meta: ['0.4.0.0', 'tunnel-sim build driver', 'tunnel-sim', 'Example Corp', 'build.exe'] });
  windowsNoise(h, b, 'CORP\\bob', at(8, 30), at(18, 50), 24);
}

// DEV-WS-031: dave, VS Code Insiders + Cursor user; scenario 1 (VS Code CLI tunnel) at 10:14.
{
  const h = newHost('DEV-WS-031', '10.20.4.31');
  const b = baseline(h);
  const ex = logon(h, b, at(8, 58, 0), 'CORP\\dave');
  browser(h, ex, at(9, 0, 30), 'chrome');
  const ins = vscodeDesktop(h, ex, at(9, 5, 0), 'insiders');
  devTerminal(h, ins, at(9, 12, 0), 'web-portal');
  vscodeDesktop(h, ex, at(15, 2, 0), 'cursor');
  // Scenario 1 (seed test 1): portable VS Code CLI started from PowerShell.
  const ps = h.spawn(ex, at(10, 13, 2), `${W}WindowsPowerShell\\v1.0\\powershell.exe`, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ');
  const cli = 'C:\\Users\\dave\\AppData\\Local\\Temp\\vscode-cli\\code.exe';
  const tun = h.spawn(ps, at(10, 14, 7, 331), cli, `"${cli}" tunnel --accept-server-license-terms --name test-tunnel`, { cwd: 'C:\\Users\\dave\\AppData\\Local\\Temp\\vscode-cli\\', meta: ['1.95.3', 'Visual Studio Code CLI', 'Visual Studio Code', 'Microsoft Corporation', 'code-tunnel.exe'] });
  h.file(tun, at(10, 14, 8, 12), 'C:\\Users\\dave\\.vscode\\cli\\license_consent.json');
  h.dns(tun, at(10, 14, 8, 540), 'github.com', '::ffff:140.82.121.4;');
  h.dns(tun, at(10, 14, 41, 118), 'global.rel.tunnels.api.visualstudio.com', 'type:  5 global.rel.tunnels.api.visualstudio.com.trafficmanager.net;type:  5 tunnels-prod-rel-euw-v3-cluster.westeurope.cloudapp.azure.com;::ffff:20.103.221.187;');
  h.dns(tun, at(10, 14, 41, 806), 'euw.rel.tunnels.api.visualstudio.com', 'type:  5 tunnels-prod-rel-euw-v3-cluster.westeurope.cloudapp.azure.com;::ffff:20.103.221.187;');
  h.net(tun, at(10, 14, 42, 20), '20.103.221.187', 'euw.rel.tunnels.api.visualstudio.com');
  h.file(tun, at(10, 14, 42, 410), 'C:\\Users\\dave\\.vscode\\cli\\code_tunnel.json');
  windowsNoise(h, b, 'CORP\\dave', at(9, 0), at(17, 45), 22);
}

// FIN-LT-007: carol, finance; scenario 2 (devtunnel host, anonymous) at 13:42.
{
  const h = newHost('FIN-LT-007', '10.20.8.7');
  const b = baseline(h);
  const ex = logon(h, b, at(7, 40, 0), 'CORP\\carol');
  browser(h, ex, at(7, 42, 0), 'edge');
  officeDay(h, ex, at(7, 45, 0));
  const bar = 'C:\\tools\\barcode.exe';
  h.spawn(ex, at(9, 30, 0), bar, `"${bar}" /print "C:\\Users\\carol\\Documents\\labels-1117.csv"`, { cwd: 'C:\\tools\\', meta: ['5.2.0.0', 'Barcode label printer', 'LabelStudio', 'Example Labels Ltd', 'barcode.exe'] });
  // Scenario 2 (seed test 2): dev tunnel hosting port 8080 with anonymous access, from cmd.exe.
  const cmd = h.spawn(ex, at(13, 41, 30), `${W}cmd.exe`, '"C:\\Windows\\system32\\cmd.exe" ');
  const dt = 'C:\\Users\\carol\\AppData\\Local\\Temp\\DevTunnels\\devtunnel.exe';
  const host = h.spawn(cmd, at(13, 42, 5, 207), dt, `devtunnel.exe host --port 8080 --allow-anonymous`, { cwd: 'C:\\Users\\carol\\AppData\\Local\\Temp\\DevTunnels\\' });
  h.file(host, at(13, 42, 5, 900), 'C:\\Users\\carol\\AppData\\Local\\Temp\\.net\\devtunnel\\Xq3kV2mPz8rTt0aYc1bN6dLw4eHs5Jf=\\devtunnel.dll');
  h.dns(host, at(13, 42, 7, 11), 'global.rel.tunnels.api.visualstudio.com', 'type:  5 global.rel.tunnels.api.visualstudio.com.trafficmanager.net;type:  5 tunnels-prod-rel-euw-v3-cluster.westeurope.cloudapp.azure.com;::ffff:20.103.221.187;');
  h.dns(host, at(13, 42, 8, 402), 'k7m2q9xp-8080.euw.devtunnels.ms', 'type:  5 tunnels-prod-rel-euw-v3-cluster.westeurope.cloudapp.azure.com;::ffff:20.103.221.187;');
  h.net(host, at(13, 42, 8, 700), '20.103.221.187', 'k7m2q9xp-8080.euw.devtunnels.ms');
  windowsNoise(h, b, 'CORP\\carol', at(7, 40), at(17, 10), 22);
}

// SRV-APP-01: admin session; scenario 3 (scheduled task running a VS Code tunnel) at 16:05.
{
  const h = newHost('SRV-APP-01', '10.30.1.11');
  const b = baseline(h);
  const ex = logon(h, b, at(15, 58, 0), 'CORP\\adm-frank');
  const ps = h.spawn(ex, at(16, 4, 0), `${W}WindowsPowerShell\\v1.0\\powershell.exe`, '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ', { integrity: 'High' });
  h.spawn(ps, at(16, 4, 20), `${W}whoami.exe`, '"C:\\Windows\\system32\\whoami.exe" /groups', { integrity: 'High' });
  // Scenario 3 (seed test 3): the task points at a path that does not exist, so it never runs.
  const target = 'C:\\ProgramData\\vscode\\code.exe';
  const tr = `\\"${target}\\" tunnel --accept-server-license-terms --name test-tunnel`;
  const st = h.spawn(ps, at(16, 5, 12, 640), `${W}schtasks.exe`, `"C:\\Windows\\system32\\schtasks.exe" /create /tn "VSCode Tunnel" /tr "${tr}" /sc onlogon /ru SYSTEM /rl HIGHEST /f`, { integrity: 'High' });
  const xml = taskXml({ uri: '\\VSCode Tunnel', author: 'CORP\\adm-frank', command: `"${target}"`, args: 'tunnel --accept-server-license-terms --name test-tunnel', userId: 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'HighestAvailable', trigger: 'logon', date: '2026-11-17T16:05:12.6398512' });
  h.task4698(at(16, 5, 12, 702), { sid: 'S-1-5-21-3623811015-3361044348-30300820-1611', name: 'adm-frank', domain: 'CORP', logonId: '0x3b1f2c7' }, '\\VSCode Tunnel', xml, st.pid);
  windowsNoise(h, b, 'CORP\\adm-frank', at(6, 0), at(20, 0), 18);
}

// BUILD-SRV-02: CI build agent cloning from GitHub.
{
  const h = newHost('BUILD-SRV-02', '10.30.2.12');
  const b = baseline(h);
  const agent = h.spawn(b.services, at(6, 0, 5), 'C:\\agent\\bin\\Agent.Listener.exe', '"C:\\agent\\bin\\Agent.Listener.exe" run --startuptype service', { user: 'CORP\\svc_build', meta: ['3.248.0', 'Agent.Listener', 'Azure Pipelines Agent', 'Microsoft Corporation', 'Agent.Listener.dll'], cwd: 'C:\\agent\\bin\\' });
  for (let i = 0; i < 6; i++) {
    const t = at(7 + i * 2, rnd.int(0, 59), rnd.int(0, 59));
    const w = h.spawn(agent, t, 'C:\\agent\\bin\\Agent.Worker.exe', `"C:\\agent\\bin\\Agent.Worker.exe" spawnclient ${rnd.int(1000, 4000)} ${rnd.int(1000, 4000)}`, { meta: ['3.248.0', 'Agent.Worker', 'Azure Pipelines Agent', 'Microsoft Corporation', 'Agent.Worker.dll'] });
    const g = h.spawn(w, t + 3000, 'C:\\Program Files\\Git\\cmd\\git.exe', `"C:\\Program Files\\Git\\cmd\\git.exe" -c http.extraheader="AUTHORIZATION: basic ***" fetch --force --tags --prune --progress --no-recurse-submodules origin`, { cwd: `C:\\agent\\_work\\${i + 1}\\s\\` });
    h.dns(g, t + 3300, 'github.com', '::ffff:140.82.121.3;');
    h.spawn(w, t + 60000, 'C:\\Program Files\\Microsoft Visual Studio\\2022\\BuildTools\\MSBuild\\Current\\Bin\\amd64\\MSBuild.exe', `"C:\\Program Files\\Microsoft Visual Studio\\2022\\BuildTools\\MSBuild\\Current\\Bin\\amd64\\MSBuild.exe" C:\\agent\\_work\\${i + 1}\\s\\Payments.sln /nologo /nr:false /p:Configuration=Release /p:platform="Any CPU"`, { cwd: `C:\\agent\\_work\\${i + 1}\\s\\` });
  }
  windowsNoise(h, b, 'CORP\\svc_build', at(6, 0), at(20, 0), 16);
}

// ---------------------------------------------------------------------------------------------
// Serialise: order by time, number records per host and channel, render one line each.
const all = hosts.flatMap((h) => h.events.map((e) => ({ ...e, host: h })));
all.sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq);
const recordIds = new Map();
const lines = all.map((e) => {
  const key = `${e.computer}|${e.channel}`;
  const id = (recordIds.get(key) ?? (e.channel === 'sysmon' ? 481200 : 1893400) + rnd.int(0, 9999)) + 1;
  recordIds.set(key, id);
  return renderXmlWinEvent({
    channel: e.channel,
    eventId: e.eventId,
    timeMs: e.timeMs,
    ticks: rnd.int(0, 9999),
    recordId: id,
    computer: e.computer,
    execPid: e.channel === 'sysmon' ? e.host.sysmonPid : 752,
    execTid: e.channel === 'sysmon' ? e.host.sysmonPid + 400 + rnd.int(0, 20) * 4 : 1000 + rnd.int(0, 500) * 4,
    data: e.data,
  });
});
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, lines.join('\n') + '\n');
const counts = {};
for (const e of all) counts[`${e.channel}:${e.eventId}`] = (counts[`${e.channel}:${e.eventId}`] ?? 0) + 1;
const size = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
console.log(`wrote ${lines.length} events (${size} bytes) to ${outFile}`);
console.log(JSON.stringify({ counts, hosts: hosts.map((h) => `${h.computer}:${h.events.length}`) }));

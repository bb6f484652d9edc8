import type { Match } from '../combine';
import type { Invocation } from './invocation';
import { hasAny, words } from './words';

/** devtunnel command groups whose second word is the action (`access create`, `port create`). */
const DEVTUNNEL_SUBCOMMANDS_WITH_CREATE = new Set(['access', 'port']);

/** Remote-access service ports: SSH 22, RPC 135, SMB 445, RDP 3389, VNC 5900, WinRM 5985/5986. */
const REMOTE_ACCESS_PORTS = new Set(['22', '135', '445', '3389', '5900', '5985', '5986']);

/** The first remote-access port among the values of `-p` / `--port-numbers` (space or comma separated). */
function remoteAccessPort(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].toLowerCase();
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name !== '-p' && name !== '--port-numbers' && name !== '--port') continue;
    const values = eq > 0 ? [a.slice(eq + 1)] : [];
    for (let j = i + 1; eq < 0 && j < args.length && args[j][0] !== '-'; j++) values.push(args[j]);
    for (const port of values.flatMap((v) => v.split(','))) if (REMOTE_ACCESS_PORTS.has(port.trim())) return port.trim();
  }
  return undefined;
}

/** devtunnel subcommands that create, expose or authenticate; everything else is housekeeping. */
export function devtunnelInvocation(program: string, args: readonly string[], strict: boolean): Invocation | undefined {
  const { positionals: p, options } = words(args, new Set(['--log', '--verbosity']));
  const matches: Match[] = [];
  let housekeeping = false;
  const anonymous = hasAny(options, p[0] === 'access' ? ['--anonymous', '-a'] : ['--allow-anonymous', '-a']);
  // `devtunnel login` / `logout` are documented shorthands for `user login` / `user logout`.
  const words0 = p[0] === 'login' || p[0] === 'logout' ? ['user', p[0], ...p.slice(1)] : p;
  const sub = DEVTUNNEL_SUBCOMMANDS_WITH_CREATE.has(words0[0]) || words0[0] === 'user' ? `${words0[0]} ${words0[1] ?? ''}`.trim() : words0[0];
  switch (sub) {
    case 'host':
      if (strict && !options.has('--allow-anonymous')) return undefined;
      matches.push({ id: 'devtunnel.host' });
      break;
    case 'create':
      if (strict && !options.has('--allow-anonymous')) return undefined;
      matches.push({ id: 'devtunnel.create' });
      break;
    case 'access create':
      if (strict && !options.has('--anonymous')) return undefined;
      matches.push({ id: 'devtunnel.access-create' });
      break;
    case 'port create':
      if (strict) return undefined;
      matches.push({ id: 'devtunnel.port-create' });
      break;
    case 'user login': {
      const github = hasAny(options, ['-g', '--github']);
      const device = hasAny(options, ['-d', '--use-device-code-auth']);
      const managed = options.has('--mi-client-id');
      if (strict && !managed && !(github && device)) return undefined;
      matches.push({ id: 'devtunnel.login' });
      if (device) matches.push({ id: 'devtunnel.device-code', value: device });
      if (managed) matches.push({ id: 'devtunnel.managed-identity' });
      break;
    }
    case 'connect':
      if (strict) return undefined;
      matches.push({ id: 'devtunnel.connect' });
      housekeeping = true;
      break;
    default:
      if (strict || sub === undefined) return undefined;
      matches.push({ id: 'devtunnel.housekeeping', value: sub });
      housekeeping = true;
  }
  if (anonymous && (sub === 'host' || sub === 'create' || sub === 'access create')) matches.push({ id: 'devtunnel.anonymous', value: anonymous });
  const remotePort = sub === 'host' || sub === 'port create' ? remoteAccessPort(args) : undefined;
  if (remotePort) matches.push({ id: 'devtunnel.remote-access-port', value: remotePort });
  return { tool: 'devtunnel', program, matches, byShape: strict, parentProcessId: false, housekeeping };
}

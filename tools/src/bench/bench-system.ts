// The whole system for a benchmark (embedded PostgreSQL in a throw-away folder, free ports) and
// sign-in through its router: shared by the parts that measure through the router.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ensureServerBuild } from '../build.ts';
import { startSystem, type RunningSystem } from '../system.ts';

export const BENCH_PASSWORD = 'bench-password-0123';

export interface BenchSystem extends RunningSystem {
  /** Stops the system and removes its data folder. */
  shutdown(): Promise<void>;
}

export async function startBenchSystem(
  name: string,
  options: { demoData?: boolean; env?: Record<string, string> } = {},
): Promise<BenchSystem> {
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-bench-${name}-`);
  chmodSync(dataDir, 0o755);
  // Measured as it runs in production: compiled (build.ts). BENCH_FROM_SOURCE=1: under tsx.
  const build =
    process.env.BENCH_FROM_SOURCE === '1'
      ? undefined
      : await ensureServerBuild((line) => console.log(`[build] ${line}`));
  const system = await startSystem({
    buildDir: build?.dir,
    dataDir,
    routerPort: 0,
    freePorts: true,
    authKeySecret: 'bench-auth-key-secret-0123456789abcdef',
    demoPassword: BENCH_PASSWORD,
    resetDemoPasswords: false,
    logLevel: 'warn',
    demoData: options.demoData,
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    ...system,
    shutdown: async () => {
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A demo user's access token, signed in through the router. */
export async function signIn(
  system: Pick<RunningSystem, 'routerUrl'>,
  username: string,
  password = BENCH_PASSWORD,
): Promise<string> {
  const res = await fetch(system.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }',
      variables: { u: username, p: password },
    }),
  });
  const body = (await res.json()) as {
    data?: { login: { accessToken: string } };
    errors?: unknown;
  };
  if (!body.data) throw new Error(`sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.accessToken;
}

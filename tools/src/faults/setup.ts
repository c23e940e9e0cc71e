// The system the fault suite breaks: its own embedded PostgreSQL (a throw-away folder, a port of its
// own — never the machine's shared server) and its own redis-server, both of which the suite stops
// and starts; the router and subgraphs supervised (restarted with backoff when they die), compiled as
// in production. Everything on loopback.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { ensureServerBuild } from '../build.ts';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '../embedded-postgres.ts';
import { startRedis, type RunningRedis } from '../redis-server.ts';
import { startSystem, type RunningSystem } from '../system.ts';

export const FAULT_PASSWORD = 'fault-password-0123';

export interface FaultSystem {
  system: RunningSystem;
  redis: RunningRedis;
  /** The superuser URL of the suite's own database (for counting rows afterwards). */
  databaseUrl: string;
  /** Fast shutdown of PostgreSQL (what a restart or a failover does to open connections). */
  stopPostgres(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  startPostgres(): Promise<void>;
  /** What the supervisor said (crashes, restarts). */
  restarts: string[];
  shutdown(): Promise<void>;
}

export async function startFaultSystem(): Promise<FaultSystem> {
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-faults-`);
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const startPg = () =>
    startEmbeddedPostgres({ dataDir: `${dataDir}/pg`, port, handleSignals: false });
  let postgres: RunningPostgres | undefined = await startPg();
  const redis = await startRedis();
  const databaseUrl = await createDatabase(postgres.url, 'autolytiq');
  const restarts: string[] = [];
  let system: RunningSystem | undefined;
  const shutdown = async () => {
    await system?.stop();
    await redis.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const build =
      process.env.BENCH_FROM_SOURCE === '1'
        ? undefined
        : await ensureServerBuild((line) => console.log(`[build] ${line}`));
    system = await startSystem({
      buildDir: build?.dir,
      databaseUrl,
      dataDir,
      routerPort: 0,
      freePorts: true,
      redisUrl: redis.url,
      authKeySecret: 'fault-auth-key-secret-0123456789abcdef',
      demoPassword: FAULT_PASSWORD,
      resetDemoPasswords: false,
      logLevel: 'error',
      restartCrashed: { onRestart: (message) => restarts.push(`${stamp()} ${message}`) },
    });
  } catch (error) {
    await shutdown();
    throw error;
  }
  return {
    system,
    redis,
    databaseUrl,
    restarts,
    stopPostgres: async () => {
      await postgres?.stop();
      postgres = undefined;
    },
    startPostgres: async () => {
      postgres = await startPg();
    },
    shutdown,
  };
}

const stamp = () => new Date().toISOString().slice(11, 23);

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

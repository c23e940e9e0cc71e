// `npm start`: the whole system on embedded defaults. With no DATABASE_URL, PostgreSQL runs embedded
// under .data/ (kept between runs). Secrets that must survive restarts are kept in .data/secrets.json.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureServerBuild } from './build.ts';
import { ROOT } from './compose.ts';
import type { DemoDataSummary } from './demo/index.ts';
import { startSystem, type RunningSystem } from './system.ts';

const DATA_DIR = process.env.DATA_DIR ?? `${ROOT}.data`;

interface LocalSecrets {
  authKeySecret: string;
  demoPassword: string;
  /** CUSTOMERS_PII_KEYS (added to older files on first start after the credit applications landed). */
  customersPiiKeys?: string;
}

const newPiiKeys = () => `local1:${randomBytes(32).toString('base64')}`;

// Generated once and kept, so signing keys stay decryptable and the printed password stays true.
function localSecrets(): { secrets: LocalSecrets; fresh: boolean } {
  const file = `${DATA_DIR}/secrets.json`;
  if (existsSync(file)) {
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
    if (!secrets.customersPiiKeys) {
      secrets.customersPiiKeys = newPiiKeys();
      writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    }
    return { secrets, fresh: false };
  }
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
  const secrets = {
    authKeySecret: randomBytes(32).toString('base64url'),
    demoPassword: `demo-${randomBytes(9).toString('base64url')}`,
    customersPiiKeys: newPiiKeys(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, fresh: true };
}

/** What the demo seed did, in a line of the start banner. */
function demoDataLine(data: DemoDataSummary | null): string {
  if (!data) return 'demo data off (DEMO_DATA=false)';
  if (!data.seeded) return 'has data already (seeded on first start only)';
  const states = Object.entries(data.byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return `seeded now in ${(data.ms / 1000).toFixed(1)} s: ${data.vehicles} vehicles, ${data.customers} customers (${data.timeline.activities} activities, ${data.timeline.notes} notes), ${data.deals} deals (${states})`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const { secrets, fresh } = localSecrets();
  const demoPassword = process.env.DEMO_PASSWORD ?? secrets.demoPassword;
  const verbose = process.env.LOG_LEVEL === 'debug' || process.env.START_VERBOSE === '1';
  // Signals are handled from the first moment: a Ctrl-C during start-up must still stop the
  // children already running (the default handler would exit and orphan them).
  const state: { running?: RunningSystem; stopRequested: boolean } = { stopRequested: false };
  const stopAndExit = (system: RunningSystem) =>
    system.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  const shutdown = () => {
    if (state.stopRequested) return;
    state.stopRequested = true;
    console.log('\nStopping…');
    if (state.running) void stopAndExit(state.running);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // The router and subgraphs run compiled (dist/<hash>/, built when the sources changed);
  // START_FROM_SOURCE=1 runs their TypeScript under tsx instead, as the tests do.
  const build =
    process.env.START_FROM_SOURCE === '1'
      ? undefined
      : await ensureServerBuild((line) => console.log(`[build] ${line}`));
  const system = await startSystem({
    buildDir: build?.dir,
    databaseUrl: process.env.DATABASE_URL,
    dataDir: DATA_DIR,
    routerPort: Number(process.env.PORT ?? 4000),
    webPort: Number(process.env.WEB_PORT ?? 3000),
    authKeySecret: process.env.AUTH_KEY_SECRET ?? secrets.authKeySecret,
    customersPiiKeys: process.env.CUSTOMERS_PII_KEYS ?? secrets.customersPiiKeys,
    demoPassword,
    resetDemoPasswords: Boolean(process.env.DEMO_PASSWORD),
    demoData: process.env.DEMO_DATA !== 'false',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    env: { NODE_ENV: process.env.NODE_ENV ?? 'production' },
    // A crashed subgraph, router or web server is started again (1 s, 2 s, 4 s … 30 s) and says so.
    restartCrashed: { onRestart: (message) => console.log(`[start] ${message}`) },
    // Child logs are JSON lines; show warnings and errors unless asked for everything.
    onLine: (name, line) => {
      if (verbose || /"level":"(warn|error|fatal)"/.test(line) || !line.startsWith('{')) {
        process.stdout.write(`[${name}] ${line}\n`);
      }
    },
  });
  state.running = system;
  if (state.stopRequested) return void stopAndExit(system);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const showPassword = fresh || process.env.DEMO_PASSWORD || system.seed.created.length > 0;
  console.log(`
Autolytiq is running (ready in ${seconds} s).
  Web app: ${system.webUrl}/  (sign in with a demo login below)
  GraphQL API and explorer: ${system.routerUrl.replace('/graphql', '/')}  (POST ${system.routerUrl})
  Server code: ${build ? `compiled, ${build.dir.slice(ROOT.length)}/` : 'TypeScript sources under tsx (START_FROM_SOURCE=1)'}
  Database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL, data in ${DATA_DIR}/pg`}
  Mail: ${process.env.SMTP_URL ? 'sent through SMTP_URL' : `written as .eml files to ${DATA_DIR}/mail/ (set SMTP_URL to send)`}
  Demo dealership "Autolytiq Demo Motors" — ${demoDataLine(system.seed.data)}
  Logins: admin, manager, sales, sales2, finance
  Password: ${showPassword ? demoPassword : `(unchanged; see ${DATA_DIR}/secrets.json or set DEMO_PASSWORD)`}
Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

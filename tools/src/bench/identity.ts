// `npm run bench -- identity`: the auth subgraph's services in-process against an embedded
// PostgreSQL and a loopback SMTP server (no router: these figures are about the identity work).
// - login + verifyMfa (TOTP) per user: p50/p95 (bcrypt dominates; budget p95 ≤ 150 ms)
// - requestPasswordReset for existing vs unknown accounts, interleaved: means within 10 %
// - the mail outbox: 1,000 queued messages delivered to the SMTP server (budget ≤ 10 s)
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import pg from 'pg';
import {
  createLogger,
  createMailTransport,
  createTokenVerifier,
  enqueueMail,
  openDatabase,
  startMailRelay,
  type Database,
} from '@autolytiq/kit';
import { migrations } from '../../../subgraphs/auth/src/migrations/index.ts';
import { AuthService } from '../../../subgraphs/auth/src/domain/auth-service.ts';
import { KeyManager } from '../../../subgraphs/auth/src/domain/key-manager.ts';
import { secretBox } from '../../../subgraphs/auth/src/domain/key-crypto.ts';
import { RecoveryService } from '../../../subgraphs/auth/src/domain/recovery-service.ts';
import { SecondFactorService } from '../../../subgraphs/auth/src/domain/second-factor-service.ts';
import { createUser } from '../../../subgraphs/auth/src/domain/users.ts';
import { BCRYPT_COST } from '../../../subgraphs/auth/src/domain/passwords.ts';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';
import { startTestSmtpServer } from '../test-smtp.ts';
import { fmt, summarize } from './stats.ts';

const SECRET = 'bench-identity-secret-0123456789abcdef0123';
const PASSWORD = 'bench-password-orbit-42';
const USERS = 30;

export async function benchIdentity(): Promise<void> {
  const dir = mkdtempSync(`${tmpdir()}/bench-identity-`);
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: `${dir}/pg`, port: 0, ephemeral: true });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('create database bench_identity');
  await admin.end();
  const url = new URL(server.url);
  url.pathname = '/bench_identity';
  const db = await openDatabase({ url: url.toString(), schema: 'auth', migrations });
  const smtp = await startTestSmtpServer();
  try {
    await db.migrate();
    await loginFigures(db);
    await resetFigures(db);
    await outboxFigures(db, smtp.url, () => smtp.received.length);
  } finally {
    await db.close();
    await smtp.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loginFigures(db: Database): Promise<void> {
  const keys = await KeyManager.open(db, SECRET);
  const verify = createTokenVerifier(keys.getKey);
  const auth = new AuthService(db, keys, {
    lockout: { perAddress: 1e6, everywhere: 1e6, windowMs: 60_000 },
  });
  const mfa = new SecondFactorService(db, secretBox(SECRET), auth);
  const dealershipId = randomUUID();
  const secrets: string[] = [];
  // One user per sample: a TOTP time step is accepted once per user (replay protection).
  for (let i = 0; i < USERS; i++) {
    const username = `bench${i}`;
    await db.withTenant({ dealershipId }, (em) =>
      createUser(em, {
        dealershipId,
        username,
        displayName: username,
        password: PASSWORD,
        roles: ['finance'],
      }),
    );
    const out = await auth.login(username, PASSWORD);
    if (out.status !== 'SIGNED_IN') throw new Error('expected one-step sign-in');
    const principal = await verify(out.accessToken);
    const { secret } = await mfa.enroll(principal);
    // Confirm with the previous step's code so the current one stays free for the timed sign-in.
    const previous = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
    await mfa.confirm(principal, previous, {});
    secrets.push(secret);
  }
  const samples: number[] = [];
  const passwordStep: number[] = [];
  for (let i = 0; i < USERS; i++) {
    const started = performance.now();
    const first = await auth.login(`bench${i}`, PASSWORD);
    passwordStep.push(performance.now() - started);
    if (first.status !== 'MFA_REQUIRED') throw new Error('expected MFA_REQUIRED');
    const code = await generate({ secret: secrets[i]! });
    const done = await mfa.verify(first.mfaToken, code, {});
    if (done.status !== 'SIGNED_IN') throw new Error('expected SIGNED_IN');
    samples.push(performance.now() - started);
  }
  const all = summarize(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!;
  console.log(
    `\nSign-in with a second factor: login + verifyMfa, sequential, in-process (n=${all.n})`,
  );
  console.log(`  p50 ${fmt(all.p50)}  p95 ${fmt(p95)}   (budget p95 ≤ 150 ms)`);
  console.log(
    `  of which the password step (bcrypt cost ${BCRYPT_COST}): p50 ${fmt(summarize(passwordStep).p50)}`,
  );
}

async function resetFigures(db: Database): Promise<void> {
  const keys = await KeyManager.open(db, SECRET);
  const auth = new AuthService(db, keys);
  const recovery = new RecoveryService(db, auth, 'http://localhost:3000');
  const dealershipId = randomUUID();
  await db.withTenant({ dealershipId }, (em) =>
    createUser(em, {
      dealershipId,
      username: 'resetme',
      displayName: 'Reset Me',
      email: 'resetme@bench.test',
      password: PASSWORD,
      roles: ['salesperson'],
    }),
  );
  const existing: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 40; i++) {
    for (const [login, into] of [
      ['resetme', existing],
      [`nobody-${i}`, unknown],
    ] as const) {
      const started = performance.now();
      await recovery.requestPasswordReset(login, {});
      into.push(performance.now() - started);
    }
  }
  const a = summarize(existing);
  const b = summarize(unknown);
  console.log(
    '\nrequestPasswordReset answer time, existing vs unknown account (interleaved, n=40 each)',
  );
  console.log(`  existing: mean ${fmt(a.mean)}  p50 ${fmt(a.p50)}  p90 ${fmt(a.p90)}`);
  console.log(`  unknown : mean ${fmt(b.mean)}  p50 ${fmt(b.p50)}  p90 ${fmt(b.p90)}`);
  console.log(
    `  difference of means: ${((Math.abs(a.mean - b.mean) / b.mean) * 100).toFixed(1)} %   (budget ≤ 10 %)`,
  );
}

async function outboxFigures(db: Database, smtpUrl: string, received: () => number): Promise<void> {
  const relay = startMailRelay({
    db,
    schema: 'auth',
    transport: createMailTransport({ smtpUrl, dataDir: '.', maxConnections: 8 }),
    from: 'Bench <bench@bench.test>',
    logger: createLogger('bench', 'silent'),
    pollMs: 60_000,
    concurrency: 8,
  });
  await relay.drain(); // what the reset figures queued
  const before = received();
  const dealershipId = randomUUID();
  await db.withTenant({ dealershipId }, async (em) => {
    for (let i = 0; i < 1000; i++)
      await enqueueMail(em, 'auth', {
        dealershipId,
        kind: 'bench',
        to: `user${i}@bench.test`,
        subject: `Bench message ${i}`,
        text: 'A message of ordinary size.\n'.repeat(20),
        html: `<p>${'A message of ordinary size. '.repeat(20)}</p>`,
      });
  });
  const started = performance.now();
  const handled = await relay.drain();
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  console.log(
    '\nMail outbox → loopback SMTP server (relay concurrency 8, 8 pooled SMTP connections)',
  );
  console.log(
    `  ${received() - before} of ${handled} queued messages delivered in ${seconds.toFixed(2)} s (${(handled / seconds).toFixed(0)}/s)   (budget 1,000 in ≤ 10 s)`,
  );
}

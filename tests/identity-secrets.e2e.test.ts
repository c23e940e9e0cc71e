// No secret in logs, errors or answers: the auth subgraph runs as its own process at LOG_LEVEL=debug
// with mail to a loopback SMTP server, the second-factor and recovery flows run against it (right and
// wrong inputs), and then every line it logged, every error and every later answer is searched for
// the TOTP secret, the backup codes, the reset token, the mfa token and the passwords.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, migrations } from '@autolytiq/auth';
import { openDatabase } from '@autolytiq/kit';
import { freePort } from '@autolytiq/tools/embedded-postgres.ts';
import { startChild, stopChild, waitReady, type Child } from '@autolytiq/tools/processes.ts';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { startTestSmtpServer, type TestSmtpServer } from '@autolytiq/tools/test-smtp.ts';

const PASSWORD = 'secret-test-orbit-lunch';
const NEW_PASSWORD = 'fresh-tractor-meadow-9';
const WEAK_PASSWORD = 'Password2024!';
const SUBGRAPH_SECRET = randomBytes(24).toString('base64url');
let database: TestDatabase;
let smtp: TestSmtpServer;
let auth: Child;
let url: string;
const lines: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await openDatabase({ url: database.url, schema: 'auth', migrations });
  await db.migrate();
  const dealershipId = randomUUID();
  await db.withTenant({ dealershipId }, (em) =>
    createUser(em, {
      dealershipId,
      username: 'keeper',
      displayName: 'Keeper',
      email: 'keeper@dealer.test',
      password: PASSWORD,
      roles: ['finance'],
    }),
  );
  await db.close();
  smtp = await startTestSmtpServer();
  const port = await freePort();
  auth = startChild(
    'auth',
    'subgraphs/auth/src/main.ts',
    {
      DATABASE_URL: database.url,
      PORT: String(port),
      SUBGRAPH_SECRET,
      AUTH_KEY_SECRET: randomBytes(32).toString('base64url'),
      SMTP_URL: smtp.url,
      WEB_URL: 'https://web.test',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    },
    (_name, line) => lines.push(line),
  );
  url = `http://127.0.0.1:${port}/graphql`;
  await waitReady(auth, `http://127.0.0.1:${port}/ready`, 120_000);
}, 180_000);
afterAll(async () => {
  if (auth) await stopChild(auth);
  await smtp?.close();
  await database?.drop();
});

async function call(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-subgraph-secret': SUBGRAPH_SECRET,
      'x-client-ip': '10.9.0.1',
      'x-client-user-agent': 'secrets-test',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  answers.push(text);
  return JSON.parse(text) as { data?: any; errors?: Array<{ message: string; extensions?: any }> };
}

const LOGIN = `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { status accessToken mfaToken } }`;
const VERIFY = `mutation($t: String!, $c: String!) { verifyMfa(input: { mfaToken: $t, code: $c }) { status accessToken } }`;
const code = (secret: string, at = new Date()) =>
  execFileSync('oathtool', ['--totp', '-b', secret, '--now', at.toISOString()], {
    encoding: 'utf8',
  }).trim();

describe('secrets stay secret', () => {
  it('leave no trace of the TOTP secret, backup codes, tokens or passwords after creation', async () => {
    const secrets: string[] = [PASSWORD, NEW_PASSWORD, WEAK_PASSWORD];
    // Each secret with the number of answers seen when it was created: later answers must not hold it.
    const createdAt = new Map<string, number>(secrets.map((s) => [s, 0]));
    const created = (...values: string[]) => {
      for (const v of values) {
        secrets.push(v);
        createdAt.set(v, answers.length);
      }
    };
    const first = await call(LOGIN, { u: 'keeper', p: PASSWORD });
    const token = first.data.login.accessToken as string;
    await call(LOGIN, { u: 'keeper', p: 'wrong-' + PASSWORD });

    const enrolled = await call(
      'mutation { enrollTotp { secret otpauthUri qrCodeSvg } }',
      {},
      token,
    );
    const secret = enrolled.data.enrollTotp.secret as string;
    created(secret);
    const at = new Date();
    const confirmed = await call(
      'mutation($c: String!) { confirmTotp(code: $c) }',
      { c: code(secret, at) },
      token,
    );
    const backup = confirmed.data.confirmTotp as string[];
    expect(backup).toHaveLength(10);
    created(...backup, ...backup.map((b) => b.replace('-', '')));

    const step = await call(LOGIN, { u: 'keeper', p: PASSWORD });
    const mfaToken = step.data.login.mfaToken as string;
    created(mfaToken);
    const wrong = await call(VERIFY, { t: mfaToken, c: '000000' });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.code',
    });
    const done = await call(VERIFY, { t: mfaToken, c: backup[0]! });
    expect(done.data.verifyMfa.status).toBe('SIGNED_IN');
    await call(
      '{ mySecondFactor { enabled backupCodesLeft } me { username } }',
      {},
      done.data.verifyMfa.accessToken,
    );

    await call('mutation { requestPasswordReset(input: { login: "keeper" }) }');
    const [mail] = await smtp.waitFor(1, 30_000);
    const resetToken = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail!.decoded)![1]!;
    created(resetToken);
    const weak = await call(
      'mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) }',
      {
        t: resetToken,
        p: WEAK_PASSWORD,
      },
    );
    expect(weak.errors?.[0]?.extensions).toMatchObject({ field: 'input.newPassword' });
    const reset = await call(
      'mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) }',
      {
        t: resetToken,
        p: NEW_PASSWORD,
      },
    );
    expect(reset.data.resetPassword).toBe(true);
    const used = await call(
      'mutation($t: String!, $p: String!) { resetPassword(input: { token: $t, newPassword: $p }) }',
      {
        t: resetToken,
        p: NEW_PASSWORD,
      },
    );
    expect(used.errors?.[0]?.extensions).toMatchObject({ field: 'input.token' });

    // Give the process a moment to flush its last log lines.
    await new Promise((r) => setTimeout(r, 500));
    expect(lines.length).toBeGreaterThan(10); // debug logging really ran
    const logText = lines.join('\n');
    for (const s of secrets) {
      expect(logText.includes(s), `a secret appeared in the logs`).toBe(false);
      const later = answers.slice(createdAt.get(s)).join('\n');
      expect(later.includes(s), `a secret appeared in an answer after its creation`).toBe(false);
    }
  }, 120_000);
});

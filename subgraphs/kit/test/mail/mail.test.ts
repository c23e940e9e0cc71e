// The kit's mail path against real PostgreSQL and a real SMTP server on loopback: a message exists
// only if its transaction committed, is delivered once even with two relays (replicas) racing, is
// retried after a temporary refusal, kept as failed after a permanent one, and stays in its tenant.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { startTestSmtpServer, type TestSmtpServer } from '@autolytiq/tools/test-smtp.ts';
import { Migration, openDatabase, type Database } from '../../src/db/index.ts';
import { createLogger } from '../../src/logger.ts';
import {
  createMailTransport,
  enqueueMail,
  listMail,
  mailOutboxSql,
  renderMail,
  startMailRelay,
} from '../../src/mail/index.ts';

const SCHEMA = 'kit_mail';
class CreateOutbox extends Migration {
  override up(): void {
    for (const sql of mailOutboxSql(SCHEMA)) this.addSql(sql);
  }
}

let testDb: TestDatabase;
let db: Database;
let smtp: TestSmtpServer;
const logger = createLogger('kit-mail-test', 'silent');
const dealerA = randomUUID();
const dealerB = randomUUID();

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({
    url: testDb.url,
    schema: SCHEMA,
    migrations: [{ name: '0001-outbox', class: CreateOutbox }],
  });
  await db.migrate();
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await db?.close();
  await testDb?.drop();
});
beforeEach(() => {
  smtp.received.length = 0;
});

const relayTo = (url: string, extra: { backoffMs?: number; maxAttempts?: number } = {}) =>
  startMailRelay({
    db,
    schema: SCHEMA,
    transport: createMailTransport({ smtpUrl: url, dataDir: '.' }),
    from: 'Autolytiq <no-reply@test.local>',
    logger,
    pollMs: 60_000,
    ...extra,
  });

const mail = (dealershipId: string, to: string, subject = 'Hello') => ({
  dealershipId,
  kind: 'test',
  to,
  subject,
  text: `Text for ${to}`,
  html: `<p>HTML for ${to}</p>`,
});

describe('mail outbox', () => {
  it('sends what committed, once, and nothing of a rolled-back transaction', async () => {
    const relay = relayTo(smtp.url);
    try {
      await db
        .withTenant({ dealershipId: dealerA }, async (em) => {
          await enqueueMail(em, SCHEMA, mail(dealerA, 'never@test.local'));
          throw new Error('the change failed');
        })
        .catch(() => undefined);
      const id = await db.withTenant({ dealershipId: dealerA }, (em) =>
        enqueueMail(em, SCHEMA, mail(dealerA, 'ana@test.local', 'Your code')),
      );
      expect(await relay.drain()).toBe(1);
      expect(await relay.drain()).toBe(0); // nothing left: not sent twice
      expect(smtp.received).toHaveLength(1);
      const got = smtp.received[0]!;
      expect(got.to).toEqual(['ana@test.local']);
      expect(got.header('subject')).toBe('Your code');
      expect(got.header('message-id')).toBe(`<${id}@autolytiq.mail>`);
      expect(got.header('from')).toContain('no-reply@test.local');
      const [status] = await db.withTenant({ dealershipId: dealerA }, (em) => listMail(em, SCHEMA));
      expect(status).toMatchObject({ id, status: 'sent', attempts: 1, lastError: null });
    } finally {
      await relay.stop();
    }
  });

  it('two relays racing deliver every message exactly once', async () => {
    const addresses = Array.from({ length: 40 }, (_, i) => `user${i}@test.local`);
    await db.withTenant({ dealershipId: dealerA }, async (em) => {
      for (const to of addresses) await enqueueMail(em, SCHEMA, mail(dealerA, to));
    });
    const one = relayTo(smtp.url);
    const two = relayTo(smtp.url);
    try {
      const [a, b] = await Promise.all([one.drain(), two.drain()]);
      expect(a + b).toBe(40);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      const to = smtp.received.flatMap((m) => m.to).sort();
      expect(to).toEqual([...addresses].sort());
    } finally {
      await one.stop();
      await two.stop();
    }
  });

  it('retries a temporary refusal with backoff and keeps a permanent one as failed', async () => {
    const relay = relayTo(smtp.url, { backoffMs: 30 });
    try {
      smtp.refuse(451, 1);
      await db.withTenant({ dealershipId: dealerB }, (em) =>
        enqueueMail(em, SCHEMA, mail(dealerB, 'later@test.local', 'Retry me')),
      );
      expect(await relay.drain()).toBe(1); // refused, rescheduled
      expect(smtp.received).toHaveLength(0);
      await new Promise((r) => setTimeout(r, 60));
      expect(await relay.drain()).toBe(1);
      expect(smtp.received.map((m) => m.to[0])).toEqual(['later@test.local']);

      smtp.refuse(550, 1);
      await db.withTenant({ dealershipId: dealerB }, (em) =>
        enqueueMail(em, SCHEMA, mail(dealerB, 'nobody@test.local', 'Bounce')),
      );
      await relay.drain();
      await new Promise((r) => setTimeout(r, 60));
      expect(await relay.drain()).toBe(0); // permanent: not retried
      const rows = await db.withTenant({ dealershipId: dealerB }, (em) => listMail(em, SCHEMA));
      const byTo = new Map(rows.map((r) => [r.to, r]));
      expect(byTo.get('later@test.local')).toMatchObject({ status: 'sent', attempts: 2 });
      expect(byTo.get('nobody@test.local')).toMatchObject({ status: 'failed', attempts: 1 });
      expect(byTo.get('nobody@test.local')!.lastError).toMatch(/refused/);
    } finally {
      await relay.stop();
    }
  });

  it('keeps each dealership to its own messages (RLS)', async () => {
    const seenByB = await db.withTenant({ dealershipId: dealerB }, (em) => listMail(em, SCHEMA));
    expect(seenByB.length).toBeGreaterThan(0);
    expect(seenByB.some((m) => m.to.startsWith('user') || m.to.startsWith('ana'))).toBe(false);
    const forged = await db
      .withTenant({ dealershipId: dealerB }, (em) =>
        enqueueMail(em, SCHEMA, mail(dealerA, 'forged@test.local')),
      )
      .catch((e: unknown) => e);
    expect(String(forged)).toMatch(/row-level security/);
    const none = await db.asSystem((em) => listMail(em, SCHEMA));
    expect(none).toEqual([]);
  });

  it('without SMTP_URL writes standard .eml files to <dataDir>/mail/', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mail-'));
    const transport = createMailTransport({ dataDir });
    try {
      expect(transport.target).toBe(path.join(dataDir, 'mail'));
      const id = randomUUID();
      await transport.send({
        id,
        from: 'a@test.local',
        to: 'b@test.local',
        subject: 'File me',
        text: 'plain',
        html: '<b>rich</b>',
      });
      const files = await readdir(path.join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(new RegExp(`${id}\\.eml$`));
      const eml = await readFile(path.join(dataDir, 'mail', files[0]!), 'utf8');
      expect(eml).toMatch(/^Subject: File me\r$/m);
      expect(eml).toContain(`Message-ID: <${id}@autolytiq.mail>`);
      expect(eml).toMatch(/multipart\/alternative/);
    } finally {
      transport.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('mail templates', () => {
  const template = {
    subject: 'Welcome to {{dealershipName}}\n',
    text: 'Hi {{name}}, open {{link}}',
    html: '<p>Hi {{name}}, <a href="{{link}}">open</a></p>',
  };
  it('fills values, escapes them in HTML, keeps the subject on one line', () => {
    const out = renderMail(template, {
      dealershipName: 'A & B Motors',
      name: '<script>',
      link: 'https://x.test/?a=1&b=2',
    });
    expect(out.subject).toBe('Welcome to A & B Motors ');
    expect(out.text).toBe('Hi <script>, open https://x.test/?a=1&b=2');
    expect(out.html).toBe(
      '<p>Hi &lt;script&gt;, <a href="https://x.test/?a=1&amp;b=2">open</a></p>',
    );
  });
  it('refuses a template naming a value it was not given', () => {
    expect(() => renderMail(template, { name: 'x', link: 'y' })).toThrow(/dealershipName/);
  });
});

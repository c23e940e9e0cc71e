// The dealership's wording of auth's messages against real PostgreSQL: defaults listed until a copy
// is saved; the saved copy is what an invitation then sends; unknown placeholders, a dropped {{link}}
// and unknown kinds are refused on their fields with nothing saved; a preview fills sample values
// (HTML-escaped) and saves nothing; reset goes back to the default; audited; per dealership.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { MailTemplateAdmin } from '../src/domain/mail-template-admin.ts';
import {
  DEFAULT_TEMPLATES,
  queueAuthMail,
  setDealershipName,
} from '../src/domain/mail-templates.ts';
import { migrations } from '../src/migrations/index.ts';

let testDb: TestDatabase;
let db: Database;
let templates: MailTemplateAdmin;
const dealerA = randomUUID();
const dealerB = randomUUID();
const admin = (dealershipId: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'boss',
  roles: ['admin'],
  permissions: ['admin.settings'],
});
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { extensions?: Record<string, unknown> }) => e.extensions,
  );
const invitation = (kind = 'invitation') => ({
  subject: 'Welcome to {{dealershipName}}, {{displayName}}',
  text: 'Hi {{displayName}} — pick a password: {{link}} (valid {{days}} days)',
  html: '<p>{{dealershipName}}: hi {{displayName}}, <a href="{{link}}">pick a password</a>.</p>',
  kind,
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'auth', migrations });
  await db.migrate();
  templates = new MailTemplateAdmin(db);
  await db.withTenant({ dealershipId: dealerA }, (em) =>
    setDealershipName(em, dealerA, 'North & Sons'),
  );
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('mail templates', () => {
  it('lists the defaults with their placeholders', async () => {
    const list = await templates.list(admin(dealerA));
    const inv = list.find((t) => t.kind === 'invitation')!;
    expect(inv).toMatchObject({ custom: false, subject: DEFAULT_TEMPLATES.invitation.subject });
    expect(inv.placeholders).toEqual([
      'days',
      'dealershipName',
      'displayName',
      'invitedBy',
      'link',
      'username',
    ]);
  });

  it('previews with sample values, escaped in HTML, and saves nothing', async () => {
    const { kind: _kind, ...input } = invitation();
    const out = await templates.preview(admin(dealerA), 'invitation', input);
    expect(out.subject).toBe('Welcome to North & Sons, Jordan Rivera');
    expect(out.html).toContain('North &amp; Sons: hi Jordan Rivera');
    expect(out.text).toContain('https://dealer.example.com/link?token=sample');
    expect((await templates.list(admin(dealerA))).every((t) => !t.custom)).toBe(true);
  });

  it('refuses unknown placeholders, a dropped link and unknown kinds; saves nothing', async () => {
    const { kind: _kind, ...input } = invitation();
    expect(
      await errorOf(
        templates.save(admin(dealerA), 'invitation', { ...input, text: 'Hi {{ssn}} {{link}}' }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    expect(
      await errorOf(
        templates.save(admin(dealerA), 'invitation', { ...input, html: '<p>Welcome</p>' }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.html' });
    expect(await errorOf(templates.save(admin(dealerA), 'spam', input))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'kind',
    });
    expect(
      await errorOf(templates.save(admin(dealerA), 'invitation', { ...input, subject: ' ' })),
    ).toMatchObject({ field: 'input.subject' });
    expect((await templates.list(admin(dealerA))).every((t) => !t.custom)).toBe(true);
  });

  it('a saved copy is what is sent, for that dealership only; reset restores the default; audited', async () => {
    const { kind: _kind, ...input } = invitation();
    const saved = await templates.save(admin(dealerA), 'invitation', input);
    expect(saved).toMatchObject({ custom: true, subject: input.subject });
    const values = {
      displayName: 'Pat',
      username: 'pat',
      invitedBy: 'boss',
      days: '7',
      link: 'https://x.test/l',
    };
    const sent = (dealershipId: string) =>
      db.withTenant({ dealershipId }, async (em) => {
        await queueAuthMail(em, {
          dealershipId,
          kind: 'invitation',
          to: 'pat@dealer.test',
          values,
        });
        const rows = await em.execute<Array<{ subject: string }>>(
          'select subject from auth.mail_outbox order by created_at desc limit 1',
        );
        return rows[0]!.subject;
      });
    expect(await sent(dealerA)).toBe('Welcome to North & Sons, Pat');
    expect(await sent(dealerB)).toBe('Your dealership: you are invited to Autolytiq');
    expect((await templates.list(admin(dealerB))).every((t) => !t.custom)).toBe(true);
    const back = await templates.reset(admin(dealerA), 'invitation');
    expect(back).toMatchObject({ custom: false, subject: DEFAULT_TEMPLATES.invitation.subject });
    expect(await sent(dealerA)).toBe('North & Sons: you are invited to Autolytiq');
    const actions = await db.withTenant({ dealershipId: dealerA }, (em) =>
      em.execute<Array<{ action: string }>>(
        "select action from audit.entries where entity_type = 'MailTemplate' order by at, id",
      ),
    );
    expect(actions.map((a) => a.action)).toEqual(['update', 'reset']);
  });
});

// Credit applications against real PostgreSQL: PII encrypted at rest and masked on read, the audited
// reveal (atomic with its audit record), key rotation, validation, tenant isolation, merge.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { CreditService } from '../src/domain/credit-service.ts';
import { CustomerService } from '../src/domain/customer-service.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';
import type { CreditApplicantInput } from '../src/domain/credit-application.ts';
import { PiiCipher } from '../src/domain/pii-crypto.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let owner: pg.Client;
let customers: CustomerService;

const KEY_2025 = `k2025:${randomBytes(32).toString('base64')}`;
const KEY_2026 = `k2026:${randomBytes(32).toString('base64')}`;
const credit = () => new CreditService(db, PiiCipher.fromConfig(KEY_2025));

function principal(dealershipId: string, permissions: string[]): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'u',
    roles: [],
    permissions,
  };
}
const dealer = randomUUID();
const sales = principal(dealer, ['customers.read', 'customers.write']);
const finance = {
  ...principal(dealer, ['customers.read', 'customers.write', 'customers.pii.read']),
  username: 'fin',
};
const rival = principal(randomUUID(), ['customers.read', 'customers.write', 'customers.pii.read']);

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return (e as { extensions?: Record<string, unknown> }).extensions ?? { message: String(e) };
  }
  throw new Error('expected an error');
}

const applicant = (over: Partial<CreditApplicantInput> = {}): CreditApplicantInput => ({
  firstName: 'Maria',
  lastName: 'Gonzalez',
  ssn: '536-22-1234',
  dateOfBirth: '1985-04-12',
  email: 'maria@example.com',
  phone: '512-555-0142',
  residences: [
    {
      address: { line1: '1100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' },
      housingStatus: 'RENT',
      monthsAtAddress: 30,
    },
  ],
  employments: [
    {
      employer: 'H-E-B',
      title: 'Store manager',
      status: 'FULL_TIME',
      monthlyIncome: '6,250',
      monthsEmployed: 48,
    },
  ],
  grossMonthlyIncome: '6250',
  monthlyHousingPayment: '1,850.00',
  ...over,
});

async function newCustomer(p: Principal, lastName = 'Gonzalez') {
  const r = await customers.create(
    p,
    { firstName: 'Maria', lastName, emails: [`${randomUUID()}@example.com`] },
    true,
  );
  return r.customer!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'customers', migrations });
  await db.migrate();
  customers = new CustomerService(db, new OfflineAddressValidator());
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await db?.close();
  await database?.drop();
});

describe('credit applications', () => {
  it('stores SSN and DOB encrypted with their key id and reads them back masked', async () => {
    const c = await newCustomer(sales);
    const app = await credit().create(sales, c.id, {
      applicant: applicant(),
      coApplicant: applicant({
        firstName: 'Luis',
        ssn: '536221999',
        dateOfBirth: '1983-09-30',
        email: null,
        phone: null,
      }),
    });
    expect(app.customerId).toBe(c.id);
    expect(app.applicant).toMatchObject({
      ssnLast4: '1234',
      birthYear: 1985,
      monthlyHousingPayment: '1850.00',
    });
    expect(app.applicant.employments[0]).toMatchObject({ monthlyIncome: '6250.00' });
    expect(app.applicant.residences[0]!.address.county).toBe('Travis');
    expect(app.coApplicant).toMatchObject({
      role: 'CO_APPLICANT',
      ssnLast4: '1999',
      birthYear: 1983,
    });
    expect(JSON.stringify(app)).not.toMatch(/536-?22-?1234|1985-04-12/);

    const { rows } = await owner.query(
      'select ssn_encrypted, date_of_birth_encrypted, row_to_json(a)::text as whole from customers.credit_applicants a where application_id = $1',
      [app.id],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.ssn_encrypted).toMatch(/^v1\.k2025\./);
      expect(r.date_of_birth_encrypted).toMatch(/^v1\.k2025\./);
      expect(r.whole).not.toMatch(/536221234|536-22-1234|536221999|1985-04-12|1983-09-30/);
    }
    const [listed] = await credit().ofCustomers(sales, [c.id]);
    expect(listed!.id).toBe(app.id);
    expect((await credit().get(sales, app.id))!.applicant.ssnLast4).toBe('1234');
  });

  it('reveals in full only with customers.pii.read, and writes the audit record with it', async () => {
    const c = await newCustomer(sales);
    const app = await credit().create(sales, c.id, {
      applicant: applicant({ ssn: '536-22-4321' }),
    });
    expect(await failure(credit().reveal(sales, app.id, null, 'req-1'))).toMatchObject({
      code: 'FORBIDDEN',
    });

    const shown = await credit().reveal(finance, app.id, null, 'req-2');
    expect(shown.applicant).toEqual({ ssn: '536-22-4321', dateOfBirth: '1985-04-12' });
    expect(shown.coApplicant).toBeNull();
    expect(shown.audit).toMatchObject({
      customerId: c.id,
      applicationId: app.id,
      revealedBy: finance.userId,
      revealedByUsername: 'fin',
      fields: ['APPLICANT_DATE_OF_BIRTH', 'APPLICANT_SSN'], // co-applicant fields: there is none
      requestId: 'req-2',
    });
    const onlySsn = await credit().reveal(finance, app.id, ['APPLICANT_SSN'], 'req-3');
    expect(onlySsn.applicant).toEqual({ ssn: '536-22-4321', dateOfBirth: null });
    expect(onlySsn.audit.fields).toEqual(['APPLICANT_SSN']);

    const { rows } = await owner.query(
      'select revealed_by, fields, request_id, dealership_id from customers.pii_reveals where application_id = $1 order by revealed_at',
      [app.id],
    );
    expect(rows.map((r) => [r.revealed_by, r.fields, r.request_id, r.dealership_id])).toEqual([
      [finance.userId, ['APPLICANT_DATE_OF_BIRTH', 'APPLICANT_SSN'], 'req-2', dealer],
      [finance.userId, ['APPLICANT_SSN'], 'req-3', dealer],
    ]);
    const log = await credit().reveals(finance, { customerId: c.id }, 10);
    expect(log.map((r) => r.requestId)).toEqual(['req-3', 'req-2']);
    expect(await credit().reveals(rival, { customerId: c.id }, 10)).toEqual([]);
    expect(
      await failure(credit().reveal(finance, app.id, ['CO_APPLICANT_SSN'], null)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fields',
    });
  });

  it('reveals nothing when the audit record cannot be written', async () => {
    const c = await newCustomer(sales);
    const app = await credit().create(sales, c.id, { applicant: applicant() });
    await owner.query(`create function customers.test_refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable'; end $$`);
    await owner.query(`create trigger test_refuse_audit before insert on customers.pii_reveals
      for each row execute function customers.test_refuse_audit()`);
    try {
      let revealed: unknown;
      const error = await failure(
        credit()
          .reveal(finance, app.id, null, 'req-fail')
          .then((r) => {
            revealed = r;
          }),
      );
      expect(String(error.message ?? JSON.stringify(error))).toMatch(/audit store unavailable/);
      expect(revealed).toBeUndefined();
    } finally {
      await owner.query('drop trigger test_refuse_audit on customers.pii_reveals');
      await owner.query('drop function customers.test_refuse_audit()');
    }
    const { rows } = await owner.query(
      'select count(*)::int as n from customers.pii_reveals where request_id = $1',
      ['req-fail'],
    );
    expect(rows[0].n).toBe(0);
  });

  it('keeps the audit append-only', async () => {
    const c = await newCustomer(sales);
    const app = await credit().create(sales, c.id, { applicant: applicant() });
    const shown = await credit().reveal(finance, app.id, null, 'req-keep');
    await expect(
      db.withTenant(finance, (em) =>
        em.execute('update customers.pii_reveals set revealed_by = ?::uuid where id = ?::uuid', [
          sales.userId,
          shown.audit.id,
        ]),
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.withTenant(finance, (em) =>
        em.execute('delete from customers.pii_reveals where id = ?::uuid', [shown.audit.id]),
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('rotates keys: old values stay readable, rotation re-seals them, then the old key can go', async () => {
    const rotDealer = randomUUID();
    const p = principal(rotDealer, ['customers.read', 'customers.write', 'customers.pii.read']);
    const c = await newCustomer(p);
    const app = await credit().create(p, c.id, { applicant: applicant({ ssn: '536-22-7777' }) });

    const both = new CreditService(db, PiiCipher.fromConfig(`${KEY_2026},${KEY_2025}`));
    expect((await both.reveal(p, app.id, null, null)).applicant.ssn).toBe('536-22-7777');
    const app2 = await both.create(p, c.id, { applicant: applicant({ ssn: '536-22-8888' }) });
    const keyIds = async () =>
      (
        await owner.query(
          `select split_part(ssn_encrypted, '.', 2) as ssn_key, split_part(date_of_birth_encrypted, '.', 2) as dob_key
             from customers.credit_applicants where dealership_id = $1 order by ssn_last4`,
          [rotDealer],
        )
      ).rows.map((r) => `${r.ssn_key}/${r.dob_key}`);
    expect(await keyIds()).toEqual(['k2025/k2025', 'k2026/k2026']);

    const onlyNew = new CreditService(db, PiiCipher.fromConfig(KEY_2026));
    expect(String((await failure(onlyNew.reveal(p, app.id, null, null))).message)).toMatch(/k2025/);

    expect(await both.rotateKeys(rotDealer, 1)).toBe(1);
    expect(await keyIds()).toEqual(['k2026/k2026', 'k2026/k2026']);
    expect((await onlyNew.reveal(p, app.id, null, null)).applicant).toEqual({
      ssn: '536-22-7777',
      dateOfBirth: '1985-04-12',
    });
    expect((await onlyNew.reveal(p, app2.id, null, null)).applicant.ssn).toBe('536-22-8888');
  });

  it('refuses a ciphertext copied to another applicant row', async () => {
    const c = await newCustomer(sales);
    const a = await credit().create(sales, c.id, { applicant: applicant({ ssn: '536-22-1111' }) });
    const b = await credit().create(sales, c.id, { applicant: applicant({ ssn: '536-22-2222' }) });
    await owner.query(
      `update customers.credit_applicants set ssn_encrypted = (select ssn_encrypted from customers.credit_applicants where application_id = $1)
        where application_id = $2`,
      [a.id, b.id],
    );
    await expect(credit().reveal(finance, b.id, ['APPLICANT_SSN'], null)).rejects.toThrow();
  });

  it('validates every field, naming it, and writes nothing on bad input', async () => {
    const c = await newCustomer(sales, 'Validated');
    const cases: [Partial<CreditApplicantInput>, string][] = [
      [{ ssn: '666-12-3456' }, 'input.applicant.ssn'],
      [{ ssn: '12345' }, 'input.applicant.ssn'],
      [{ dateOfBirth: '2015-01-01' }, 'input.applicant.dateOfBirth'],
      [{ dateOfBirth: '1985-02-30' }, 'input.applicant.dateOfBirth'],
      [{ grossMonthlyIncome: '-5' }, 'input.applicant.grossMonthlyIncome'],
      [{ monthlyHousingPayment: '12.345' }, 'input.applicant.monthlyHousingPayment'],
      [{ email: 'nope' }, 'input.applicant.email'],
      [{ phone: '555-0100' }, 'input.applicant.phone'],
      [{ residences: [] }, 'input.applicant.residences'],
      [
        {
          residences: [
            {
              address: { line1: '1 Main', city: 'Austin', state: 'TX', zip: '80202' },
              housingStatus: 'OWN',
              monthsAtAddress: 3,
            },
          ],
        },
        'input.applicant.residences.0.address.state',
      ],
      [
        { employments: [{ employer: 'X', status: 'FULL_TIME', monthsEmployed: -1 }] },
        'input.applicant.employments.0.monthsEmployed',
      ],
    ];
    for (const [over, field] of cases) {
      expect(
        await failure(credit().create(sales, c.id, { applicant: applicant(over) })),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(
      await failure(
        credit().create(sales, c.id, { applicant: applicant(), coApplicant: applicant() }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.coApplicant.ssn' });
    expect(await failure(credit().create(sales, 'x', { applicant: applicant() }))).toMatchObject({
      field: 'customerId',
    });
    expect(await credit().ofCustomers(sales, [c.id])).toEqual([]);
  });

  it('keeps dealerships apart', async () => {
    const c = await newCustomer(sales);
    const app = await credit().create(sales, c.id, { applicant: applicant() });
    expect(await credit().get(rival, app.id)).toBeNull();
    expect(await credit().ofCustomers(rival, [c.id])).toEqual([]);
    expect(await failure(credit().reveal(rival, app.id, null, null))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(credit().create(rival, c.id, { applicant: applicant() }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    // A value sealed for one dealership does not open for another even if the row were copied.
    const { rows } = await owner.query(
      'select count(*)::int as n from customers.pii_reveals where dealership_id = $1',
      [rival.dealershipId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('moves credit applications to the survivor on merge', async () => {
    const a = await newCustomer(sales, 'Mergeone');
    const b = await newCustomer(sales, 'Mergetwo');
    const app = await credit().create(sales, b.id, { applicant: applicant() });
    await customers.merge(sales, a.id, a.version, b.id);
    expect((await credit().ofCustomers(sales, [a.id])).map((x) => x.id)).toEqual([app.id]);
    expect((await credit().reveal(finance, app.id, ['APPLICANT_SSN'], null)).customerId).toBe(a.id);
  });
});

// Correcting a credit application against real PostgreSQL: optimistic concurrency, fields left out
// kept, SSN / date of birth re-sealed with the current key, validation naming the field with nothing
// written, co-applicant added / changed / removed, tenant isolation, permission, and the append-only
// record of which fields changed (never their values).
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { CreditService } from '../src/domain/credit-service.ts';
import { CustomerService } from '../src/domain/customer-service.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';
import type {
  CreditApplicantInput,
  CreditApplicantPatch,
} from '../src/domain/credit-application.ts';
import { PiiCipher } from '../src/domain/pii-crypto.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
let db: Database;
let owner: pg.Client;
let customers: CustomerService;

const KEY_OLD = `kold:${randomBytes(32).toString('base64')}`;
const KEY_NEW = `knew:${randomBytes(32).toString('base64')}`;
const credit = (keys = KEY_OLD) => new CreditService(db, PiiCipher.fromConfig(keys));

function principal(dealershipId: string, permissions: string[]): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'fi',
    roles: [],
    permissions,
  };
}
const dealer = randomUUID();
const fi = principal(dealer, ['customers.read', 'customers.write', 'customers.pii.read']);
const reader = principal(dealer, ['customers.read']);
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
  residences: [
    {
      address: { line1: '1100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' },
      housingStatus: 'RENT',
      monthsAtAddress: 30,
    },
  ],
  employments: [
    { employer: 'H-E-B', status: 'FULL_TIME', monthlyIncome: '6250', monthsEmployed: 48 },
  ],
  grossMonthlyIncome: '6250',
  monthlyHousingPayment: '1850',
  ...over,
});

async function newApplication(p: Principal = fi, input = { applicant: applicant() }) {
  const c = await customers.create(
    p,
    { firstName: 'Maria', lastName: 'Gonzalez', emails: [`${randomUUID()}@example.com`] },
    true,
  );
  return credit().create(p, c.customer!.id, input);
}

/** Everything stored for an application (rows as JSON), to prove nothing changed. */
async function snapshot(applicationId: string) {
  const { rows } = await owner.query(
    `select (select row_to_json(a)::text from customers.credit_applications a where a.id = $1) as app,
            (select json_agg(x order by x.role)::text from customers.credit_applicants x where x.application_id = $1) as applicants,
            (select count(*)::int from customers.credit_application_changes c where c.application_id = $1) as changes`,
    [applicationId],
  );
  return rows[0];
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'customers', migrations });
  await db.migrate();
  customers = new CustomerService(db, new OfflineAddressValidator(), PiiCipher.fromConfig(KEY_OLD));
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
}, 60_000);
afterAll(async () => {
  await owner?.end();
  await db?.close();
  await database?.drop();
});

describe('updateCreditApplication', () => {
  it('corrects employer and income; fields left out keep their value; records which fields changed', async () => {
    const app = await newApplication();
    expect(app.version).toBe(1);
    const fixed = await credit().update(
      fi,
      app.id,
      1,
      {
        applicant: {
          employments: [
            {
              employer: 'H-E-B Grocery',
              status: 'FULL_TIME',
              monthlyIncome: '6,500',
              monthsEmployed: 48,
            },
          ],
          grossMonthlyIncome: '6500',
          middleName: 'Luisa',
          // Given but the same: not a change.
          monthlyHousingPayment: '1,850.00',
        },
      },
      'req-fix',
    );
    expect(fixed.version).toBe(2);
    // (timestamps come back from the driver as text)
    expect(new Date(String(fixed.updatedAt)).getTime()).toBeGreaterThan(
      new Date(String(fixed.createdAt)).getTime(),
    );
    expect(fixed.applicant).toMatchObject({
      id: app.applicant.id,
      firstName: 'Maria',
      middleName: 'Luisa',
      ssnLast4: '1234',
      birthYear: 1985,
      grossMonthlyIncome: '6500.00',
      monthlyHousingPayment: '1850.00',
      email: 'maria@example.com',
      employments: [{ employer: 'H-E-B Grocery', monthlyIncome: '6500.00' }],
    });
    expect(fixed.applicant.residences).toEqual(app.applicant.residences);
    const [change] = await credit().changes(fi, [app.id]);
    expect(change).toMatchObject({
      applicationId: app.id,
      customerId: app.customerId,
      changedBy: fi.userId,
      changedByUsername: 'fi',
      fields: ['applicant.middleName', 'applicant.employments', 'applicant.grossMonthlyIncome'],
      version: 2,
      requestId: 'req-fix',
    });
    // Unchanged SSN and date of birth keep their envelopes.
    const before = await owner.query(
      'select ssn_encrypted from customers.credit_applicants where id = $1',
      [app.applicant.id],
    );
    expect((await credit().reveal(fi, app.id, null, null)).applicant).toEqual({
      ssn: '536-22-1234',
      dateOfBirth: '1985-04-12',
    });
    expect(before.rows[0].ssn_encrypted).toMatch(/^v1\.kold\./);
  });

  it('re-seals a corrected SSN and date of birth with the current key; the record names the fields, never the values', async () => {
    const app = await newApplication();
    const rotated = credit(`${KEY_NEW},${KEY_OLD}`);
    const fixed = await rotated.update(
      fi,
      app.id,
      app.version,
      { applicant: { ssn: '536-22-9876', dateOfBirth: '1985-04-21' } },
      'req-pii',
    );
    expect(fixed.applicant).toMatchObject({ ssnLast4: '9876', birthYear: 1985 });
    const { rows } = await owner.query(
      `select ssn_encrypted, date_of_birth_encrypted, ssn_last4, birth_year, row_to_json(a)::text as whole
         from customers.credit_applicants a where id = $1`,
      [app.applicant.id],
    );
    expect(rows[0]).toMatchObject({ ssn_last4: '9876', birth_year: 1985 });
    expect(rows[0].ssn_encrypted).toMatch(/^v1\.knew\./);
    expect(rows[0].date_of_birth_encrypted).toMatch(/^v1\.knew\./);
    expect(rows[0].whole).not.toMatch(/536-?22-?9876|1985-04-21/);
    expect((await rotated.reveal(fi, app.id, null, null)).applicant).toEqual({
      ssn: '536-22-9876',
      dateOfBirth: '1985-04-21',
    });
    const audit = await owner.query(
      'select fields, row_to_json(c)::text as whole from customers.credit_application_changes c where application_id = $1',
      [app.id],
    );
    expect(audit.rows.map((r) => r.fields)).toEqual([['applicant.ssn', 'applicant.dateOfBirth']]);
    expect(audit.rows[0].whole).not.toMatch(/9876|1234|1985-04/);
    // Sealed to the applicant row: copied to another applicant it does not open.
    const other = await newApplication();
    await owner.query('update customers.credit_applicants set ssn_encrypted = $1 where id = $2', [
      rows[0].ssn_encrypted,
      other.applicant.id,
    ]);
    await expect(rotated.reveal(fi, other.id, ['APPLICANT_SSN'], null)).rejects.toThrow();
  });

  it('a stale version is CONFLICT and changes nothing', async () => {
    const app = await newApplication();
    await credit().update(fi, app.id, 1, { applicant: { suffix: 'Jr' } }, null);
    const before = await snapshot(app.id);
    expect(
      await failure(credit().update(fi, app.id, 1, { applicant: { ssn: '536-22-5555' } }, null)),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await snapshot(app.id)).toEqual(before);
  });

  it('bad input is BAD_USER_INPUT naming the field, and nothing is changed', async () => {
    const app = await newApplication(fi, {
      applicant: applicant(),
      coApplicant: applicant({ firstName: 'Luis', ssn: '536-22-1999', email: null }),
    } as never);
    const before = await snapshot(app.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ applicant: { ssn: '666-12-3456' } }, 'input.applicant.ssn'],
      [{ applicant: { ssn: null } }, 'input.applicant.ssn'],
      [{ applicant: { dateOfBirth: '2015-01-01' } }, 'input.applicant.dateOfBirth'],
      [{ applicant: { dateOfBirth: '1985-02-30' } }, 'input.applicant.dateOfBirth'],
      [{ applicant: { firstName: ' ' } }, 'input.applicant.firstName'],
      [{ applicant: { lastName: null } }, 'input.applicant.lastName'],
      [{ applicant: { grossMonthlyIncome: '-1' } }, 'input.applicant.grossMonthlyIncome'],
      [{ applicant: { monthlyHousingPayment: null } }, 'input.applicant.monthlyHousingPayment'],
      [{ applicant: { email: 'nope' } }, 'input.applicant.email'],
      [{ applicant: { residences: [] } }, 'input.applicant.residences'],
      [
        {
          applicant: {
            residences: [
              {
                address: { line1: '1 Main', city: 'Austin', state: 'TX', zip: '80202' },
                housingStatus: 'OWN',
                monthsAtAddress: 3,
              },
            ],
          },
        },
        'input.applicant.residences.0.address.state',
      ],
      [
        {
          applicant: {
            employments: [{ employer: '', status: 'FULL_TIME', monthsEmployed: 1 }],
          },
        },
        'input.applicant.employments.0.employer',
      ],
      [{ applicant: null }, 'input.applicant'],
      [{ coApplicant: { ssn: '536-22-1234' } }, 'input.coApplicant.ssn'],
      [{ applicant: { ssn: '536-22-1999' } }, 'input.applicant.ssn'],
      // a valid change beside a bad one: the valid one is not written either
      [
        { applicant: { suffix: 'Sr', grossMonthlyIncome: '1.234' } },
        'input.applicant.grossMonthlyIncome',
      ],
      [{ coApplicant: { phone: '555-0100' } }, 'input.coApplicant.phone'],
    ];
    for (const [input, field] of cases) {
      expect(
        await failure(
          credit()
            .update(fi, app.id, app.version, input as never, null)
            .then(() => {
              throw new Error(`no error for ${field}`);
            }),
        ),
        field,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await failure(credit().update(fi, 'nope', 1, {}, null))).toMatchObject({ field: 'id' });
    expect(await snapshot(app.id)).toEqual(before);
  });

  it('adds, corrects and removes the co-applicant', async () => {
    const app = await newApplication();
    const co: CreditApplicantPatch = applicant({
      firstName: 'Luis',
      ssn: '536-22-1999',
      dateOfBirth: '1983-09-30',
    });
    const incomplete = { ...co, grossMonthlyIncome: undefined };
    expect(
      await failure(credit().update(fi, app.id, 1, { coApplicant: incomplete }, null)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.coApplicant.grossMonthlyIncome' });
    expect(
      await failure(
        credit().update(fi, app.id, 1, { coApplicant: { ...co, ssn: '536-22-1234' } }, null),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.coApplicant.ssn' });

    const added = await credit().update(fi, app.id, 1, { coApplicant: co }, 'add');
    expect(added).toMatchObject({
      version: 2,
      coApplicant: { firstName: 'Luis', ssnLast4: '1999', birthYear: 1983 },
    });
    const corrected = await credit().update(
      fi,
      app.id,
      2,
      { coApplicant: { employments: [], otherMonthlyIncome: '300', otherIncomeSource: 'Rental' } },
      'fix',
    );
    expect(corrected.coApplicant).toMatchObject({
      employments: [],
      otherMonthlyIncome: '300.00',
      otherIncomeSource: 'Rental',
      ssnLast4: '1999',
    });
    expect((await credit().reveal(fi, app.id, ['CO_APPLICANT_SSN'], null)).coApplicant!.ssn).toBe(
      '536-22-1999',
    );
    const removed = await credit().update(fi, app.id, 3, { coApplicant: null }, 'remove');
    expect(removed).toMatchObject({ version: 4, coApplicant: null });
    expect(
      (await credit().changes(fi, [app.id])).map((c) => [c.version, c.fields, c.requestId]),
    ).toEqual([
      [4, ['coApplicant'], 'remove'],
      [
        3,
        [
          'coApplicant.employments',
          'coApplicant.otherMonthlyIncome',
          'coApplicant.otherIncomeSource',
        ],
        'fix',
      ],
      [2, ['coApplicant'], 'add'],
    ]);
  });

  it('a correction that changes nothing writes nothing', async () => {
    const app = await newApplication();
    const before = await snapshot(app.id);
    const same = await credit().update(
      fi,
      app.id,
      1,
      { applicant: { ssn: '536221234', firstName: ' Maria ', dateOfBirth: '1985-04-12' } },
      null,
    );
    expect(same.version).toBe(1);
    expect(await snapshot(app.id)).toEqual(before);
    // still checked against the version read
    expect(await failure(credit().update(fi, app.id, 7, {}, null))).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('another dealership gets NOT_FOUND and changes nothing; customers.write is needed', async () => {
    const app = await newApplication();
    const before = await snapshot(app.id);
    expect(
      await failure(credit().update(rival, app.id, 1, { applicant: { suffix: 'III' } }, null)),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(await credit().changes(rival, [app.id])).toEqual([]);
    expect(
      await failure(credit().update(reader, app.id, 1, { applicant: { suffix: 'III' } }, null)),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot(app.id)).toEqual(before);
  });

  it('keeps the change record append-only', async () => {
    const app = await newApplication();
    await credit().update(fi, app.id, 1, { applicant: { suffix: 'Jr' } }, null);
    await expect(
      db.withTenant(fi, (em) =>
        em.execute(
          'update customers.credit_application_changes set fields = ? where application_id = ?::uuid',
          ['{x}', app.id],
        ),
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.withTenant(fi, (em) =>
        em.execute(
          'delete from customers.credit_application_changes where application_id = ?::uuid',
          [app.id],
        ),
      ),
    ).rejects.toThrow(/append-only/);
  });
});

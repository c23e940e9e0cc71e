// Credit applications and ADF leads through the router: a salesperson takes an application and sees
// it masked; finance reveals it (audited, in the same transaction); a salesperson's reveal is
// FORBIDDEN; another dealership finds nothing; the audit log is readable with audit.read.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gql,
  login,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let sales: string;
let finance: string;
let manager: string;
let rival: string;
let financeId: string;

const APPLICANT = {
  firstName: 'Maria',
  lastName: 'Gonzalez',
  ssn: '536-22-1234',
  dateOfBirth: '1985-04-12',
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
};

const CREATE_APP = `mutation($c: ID!, $input: CreditApplicationInput!) {
  createCreditApplication(customerId: $c, input: $input) {
    id customer { id displayName }
    applicant { ssn dateOfBirth grossMonthlyIncome monthlyHousingPayment residences { address { county } housingStatus } }
    coApplicant { ssn }
    createdBy { id }
  }
}`;
const REVEAL = `mutation($id: ID!, $fields: [PiiField!]) {
  revealCreditApplicationPii(applicationId: $id, fields: $fields) {
    applicationId customerId applicant { ssn dateOfBirth } coApplicant { ssn dateOfBirth }
    audit { id fields revealedBy { id } revealedByUsername requestId revealedAt }
  }
}`;
const GET_APP = `query($id: ID!) { creditApplication(id: $id) { id applicant { ssn dateOfBirth } } }`;
const LOG = `query($c: ID) { piiRevealLog(customerId: $c) { applicationId fields revealedByUsername requestId } }`;

let customerId: string;
let applicationId: string;

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'rival-admin-credit', ['admin']);
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
  finance = (await login(sys.routerUrl, 'finance')).accessToken;
  manager = (await login(sys.routerUrl, 'manager')).accessToken;
  rival = (await login(sys.routerUrl, 'rival-admin-credit')).accessToken;
  financeId = (await gql(sys.routerUrl, '{ me { id } }', { token: finance })).data!.me.id;
  const created = await gql(
    sys.routerUrl,
    `mutation { createCustomer(input: { firstName: "Maria", lastName: "Gonzalez", emails: ["maria.credit@example.com"] }) { customer { id } } }`,
    { token: sales },
  );
  customerId = created.data!.createCustomer.customer.id;
}, 180_000);
afterAll(async () => {
  await sys?.shutdown();
});

describe('credit application PII', () => {
  it('a salesperson takes an application and sees SSN and date of birth masked', async () => {
    const res = await gql(sys.routerUrl, CREATE_APP, {
      token: sales,
      variables: { c: customerId, input: { applicant: APPLICANT } },
    });
    expect(res.errors).toBeUndefined();
    const app = res.data!.createCreditApplication;
    applicationId = app.id;
    expect(app).toMatchObject({
      customer: { id: customerId, displayName: 'Maria Gonzalez' },
      applicant: {
        ssn: '***-**-1234',
        dateOfBirth: '1985-**-**',
        grossMonthlyIncome: '6250.00',
        monthlyHousingPayment: '1850.00',
        residences: [{ address: { county: 'Travis' }, housingStatus: 'RENT' }],
      },
      coApplicant: null,
    });
    const read = await gql(
      sys.routerUrl,
      `query($id: ID!) { customer(id: $id) { creditApplications { id applicant { ssn dateOfBirth } } } }`,
      { token: finance, variables: { id: customerId } },
    );
    expect(read.data!.customer.creditApplications).toEqual([
      { id: applicationId, applicant: { ssn: '***-**-1234', dateOfBirth: '1985-**-**' } },
    ]);
  });

  it('a bad SSN is BAD_USER_INPUT naming the field', async () => {
    const res = await gql(sys.routerUrl, CREATE_APP, {
      token: sales,
      variables: { c: customerId, input: { applicant: { ...APPLICANT, ssn: '666-12-3456' } } },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.applicant.ssn',
    });
    expect(res.errors?.[0]?.extensions?.requestId).toBeTruthy();
  });

  it('a salesperson cannot reveal: FORBIDDEN, and no audit row', async () => {
    const res = await gql(sys.routerUrl, REVEAL, {
      token: sales,
      variables: { id: applicationId },
    });
    expect(res.data?.revealCreditApplicationPii ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toContain('536-22-1234');
  });

  it('finance reveals in full and the audit record is written (who, when, which customer, which fields)', async () => {
    const res = await gql(sys.routerUrl, REVEAL, {
      token: finance,
      variables: { id: applicationId },
      headers: { 'x-request-id': 'e2e-reveal-1' },
    });
    expect(res.errors).toBeUndefined();
    const r = res.data!.revealCreditApplicationPii;
    expect(r).toMatchObject({
      applicationId,
      customerId,
      applicant: { ssn: '536-22-1234', dateOfBirth: '1985-04-12' },
      coApplicant: null,
      audit: {
        fields: ['APPLICANT_DATE_OF_BIRTH', 'APPLICANT_SSN'],
        revealedBy: { id: financeId },
        revealedByUsername: 'finance',
        requestId: 'e2e-reveal-1',
      },
    });
    const db = new pg.Client({ connectionString: sys.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        'select revealed_by, customer_id, application_id, fields, revealed_at from customers.pii_reveals',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        revealed_by: financeId,
        customer_id: customerId,
        application_id: applicationId,
        fields: ['APPLICANT_DATE_OF_BIRTH', 'APPLICANT_SSN'],
      });
      expect(Date.now() - new Date(rows[0].revealed_at).getTime()).toBeLessThan(120_000);
      const stored = await db.query('select ssn_encrypted from customers.credit_applicants');
      expect(stored.rows[0].ssn_encrypted).toMatch(/^v1\.run\./);
    } finally {
      await db.end();
    }
    const log = await gql(sys.routerUrl, LOG, { token: manager, variables: { c: customerId } });
    expect(log.data!.piiRevealLog).toEqual([
      {
        applicationId,
        fields: ['APPLICANT_DATE_OF_BIRTH', 'APPLICANT_SSN'],
        revealedByUsername: 'finance',
        requestId: 'e2e-reveal-1',
      },
    ]);
    const noAudit = await gql(sys.routerUrl, LOG, { token: finance, variables: { c: customerId } });
    expect(noAudit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('re-encryption under the current key is for admins; nothing is stale in a fresh system', async () => {
    const M = 'mutation { reencryptCreditApplicationPii }';
    const denied = await gql(sys.routerUrl, M, { token: finance });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = (await login(sys.routerUrl, 'admin')).accessToken;
    const done = await gql(sys.routerUrl, M, { token: admin });
    expect(done.errors).toBeUndefined();
    expect(done.data!.reencryptCreditApplicationPii).toBe(0);
  });

  it('another dealership finds nothing, even with reveal rights', async () => {
    const get = await gql(sys.routerUrl, GET_APP, {
      token: rival,
      variables: { id: applicationId },
    });
    expect(get.errors).toBeUndefined();
    expect(get.data!.creditApplication).toBeNull();
    const reveal = await gql(sys.routerUrl, REVEAL, {
      token: rival,
      variables: { id: applicationId },
    });
    expect(reveal.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const create = await gql(sys.routerUrl, CREATE_APP, {
      token: rival,
      variables: { c: customerId, input: { applicant: APPLICANT } },
    });
    expect(create.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const log = await gql(sys.routerUrl, LOG, { token: rival, variables: { c: customerId } });
    expect(log.data!.piiRevealLog).toEqual([]);
  });
});

describe('correcting a credit application', () => {
  const UPDATE = `mutation($id: ID!, $version: Int!, $input: CreditApplicationPatch!) {
    updateCreditApplication(id: $id, version: $version, input: $input) {
      id version applicant { ssn dateOfBirth grossMonthlyIncome employments { employer } residences { monthsAtAddress } }
      coApplicant { ssn }
      changes { fields version changedBy { id } changedByUsername requestId }
    }
  }`;
  let appId: string;

  beforeAll(async () => {
    const res = await gql(sys.routerUrl, CREATE_APP, {
      token: sales,
      variables: { c: customerId, input: { applicant: APPLICANT } },
    });
    appId = res.data!.createCreditApplication.id;
  });

  it('F&I corrects employer, income and SSN: masks follow, fields left out keep, the change is recorded', async () => {
    const res = await gql(sys.routerUrl, UPDATE, {
      token: finance,
      variables: {
        id: appId,
        version: 1,
        input: {
          applicant: {
            ssn: '536-22-4321',
            grossMonthlyIncome: '6400',
            employments: [{ employer: 'H-E-B Grocery', status: 'FULL_TIME', monthsEmployed: 48 }],
          },
        },
      },
      headers: { 'x-request-id': 'e2e-correct-1' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCreditApplication).toMatchObject({
      version: 2,
      applicant: {
        ssn: '***-**-4321',
        dateOfBirth: '1985-**-**',
        grossMonthlyIncome: '6400.00',
        employments: [{ employer: 'H-E-B Grocery' }],
        residences: [{ monthsAtAddress: 30 }],
      },
      changes: [
        {
          fields: ['applicant.ssn', 'applicant.employments', 'applicant.grossMonthlyIncome'],
          version: 2,
          changedBy: { id: financeId },
          changedByUsername: 'finance',
          requestId: 'e2e-correct-1',
        },
      ],
    });
    expect(JSON.stringify(res)).not.toContain('4321-');
    const shown = await gql(sys.routerUrl, REVEAL, {
      token: finance,
      variables: { id: appId, fields: ['APPLICANT_SSN'] },
    });
    expect(shown.data!.revealCreditApplicationPii.applicant.ssn).toBe('536-22-4321');
  });

  it('stale version → CONFLICT; bad input → BAD_USER_INPUT naming the field; neither changes anything', async () => {
    const stale = await gql(sys.routerUrl, UPDATE, {
      token: finance,
      variables: { id: appId, version: 1, input: { applicant: { suffix: 'Jr' } } },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const bad = await gql(sys.routerUrl, UPDATE, {
      token: finance,
      variables: {
        id: appId,
        version: 2,
        input: { applicant: { suffix: 'Jr', dateOfBirth: '2015-01-01' } },
      },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.applicant.dateOfBirth',
    });
    const read = await gql(
      sys.routerUrl,
      `query($id: ID!) { creditApplication(id: $id) { version applicant { suffix dateOfBirth } changes { version } } }`,
      { token: sales, variables: { id: appId } },
    );
    expect(read.data!.creditApplication).toEqual({
      version: 2,
      applicant: { suffix: null, dateOfBirth: '1985-**-**' },
      changes: [{ version: 2 }],
    });
  });

  it('another dealership gets NOT_FOUND; no customers.write is FORBIDDEN; nothing changes', async () => {
    const foreign = await gql(sys.routerUrl, UPDATE, {
      token: rival,
      variables: { id: appId, version: 2, input: { applicant: { suffix: 'Jr' } } },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await provisionOtherDealership(sys.databaseUrl, 'no-roles-credit', []);
    const nobody = (await login(sys.routerUrl, 'no-roles-credit')).accessToken;
    const denied = await gql(sys.routerUrl, UPDATE, {
      token: nobody,
      variables: { id: appId, version: 2, input: { applicant: { suffix: 'Jr' } } },
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await gql(
      sys.routerUrl,
      `query($id: ID!) { creditApplication(id: $id) { version } }`,
      {
        token: sales,
        variables: { id: appId },
      },
    );
    expect(read.data!.creditApplication.version).toBe(2);
  });
});

describe('customer record date of birth', () => {
  const REVEAL_DOB = `mutation($c: ID!) { revealCustomerDateOfBirth(customerId: $c) {
    customerId dateOfBirth audit { applicationId fields revealedByUsername requestId }
  } }`;
  let dobCustomer: string;

  beforeAll(async () => {
    const res = await gql(
      sys.routerUrl,
      `mutation { createCustomer(input: { firstName: "Dora", lastName: "Birthday", dateOfBirth: "1979-11-23" }) { customer { id dateOfBirth birthYear } } }`,
      { token: sales },
    );
    expect(res.data!.createCustomer.customer).toMatchObject({
      dateOfBirth: '1979-**-**',
      birthYear: 1979,
    });
    dobCustomer = res.data!.createCustomer.customer.id;
  });

  it('is stored encrypted and read masked; duplicates by name + date of birth are still found', async () => {
    const db = new pg.Client({ connectionString: sys.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        'select date_of_birth, date_of_birth_encrypted, row_to_json(c)::text as whole from customers.customers c where id = $1',
        [dobCustomer],
      );
      expect(rows[0].date_of_birth).toBeNull();
      expect(rows[0].date_of_birth_encrypted).toMatch(/^v1\.run\./);
      expect(rows[0].whole).not.toContain('1979-11-23');
    } finally {
      await db.end();
    }
    // The sealed date still matches for a reader of dates of birth (customers.pii.read); for sales a
    // name + date-of-birth match is not reported, so the check is no oracle (issue 12, weakness 1).
    const query = `query { possibleDuplicates(input: { firstName: "D", lastName: "birthday", dateOfBirth: "1979-11-23" }) { id dateOfBirth } }`;
    const dups = await gql(sys.routerUrl, query, { token: finance });
    expect(dups.data!.possibleDuplicates).toEqual([{ id: dobCustomer, dateOfBirth: '1979-**-**' }]);
    const salesDups = await gql(sys.routerUrl, query, { token: sales });
    expect(salesDups.data!.possibleDuplicates).toEqual([]);
  });

  it('finance reveals it (audited); a salesperson is FORBIDDEN; another dealership NOT_FOUND', async () => {
    const denied = await gql(sys.routerUrl, REVEAL_DOB, {
      token: sales,
      variables: { c: dobCustomer },
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await gql(sys.routerUrl, REVEAL_DOB, {
      token: rival,
      variables: { c: dobCustomer },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const shown = await gql(sys.routerUrl, REVEAL_DOB, {
      token: finance,
      variables: { c: dobCustomer },
      headers: { 'x-request-id': 'e2e-dob-1' },
    });
    expect(shown.errors).toBeUndefined();
    expect(shown.data!.revealCustomerDateOfBirth).toEqual({
      customerId: dobCustomer,
      dateOfBirth: '1979-11-23',
      audit: {
        applicationId: null,
        fields: ['CUSTOMER_DATE_OF_BIRTH'],
        revealedByUsername: 'finance',
        requestId: 'e2e-dob-1',
      },
    });
    const log = await gql(sys.routerUrl, LOG, { token: manager, variables: { c: dobCustomer } });
    // The reveal, and finance's earlier duplicate check that matched on the date of birth (audited too).
    expect(log.data!.piiRevealLog).toHaveLength(2);
    expect(log.data!.piiRevealLog).toContainEqual({
      applicationId: null,
      fields: ['CUSTOMER_DATE_OF_BIRTH'],
      revealedByUsername: 'finance',
      requestId: 'e2e-dob-1',
    });
    expect(log.data!.piiRevealLog).toContainEqual(
      expect.objectContaining({
        fields: ['CUSTOMER_DATE_OF_BIRTH_MATCH'],
        revealedByUsername: 'finance',
      }),
    );
  });
});

describe('ADF lead import', () => {
  const IMPORT = `mutation($xml: String!) { importAdfLead(xml: $xml) {
    customer { id displayName source } matchedExisting alreadyImported
    activity { kind summary } provider vehicles { year make model price } warnings { path message }
  } }`;
  const xml = readFileSync(
    new URL('../subgraphs/customers/test/fixtures/adf/cars-com.xml', import.meta.url),
    'utf8',
  );

  it('imports a lead, then recognises the re-send; malformed XML is BAD_USER_INPUT', async () => {
    const first = await gql(sys.routerUrl, IMPORT, { token: sales, variables: { xml } });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importAdfLead).toMatchObject({
      customer: { displayName: 'Maria Gonzalez', source: 'WEB_LEAD' },
      matchedExisting: false,
      alreadyImported: false,
      activity: { kind: 'LEAD' },
      provider: 'Cars.com',
      vehicles: [{ year: 2021, make: 'Honda', model: 'Civic', price: '21995.00' }],
      warnings: [],
    });
    const again = await gql(sys.routerUrl, IMPORT, { token: sales, variables: { xml } });
    expect(again.data!.importAdfLead).toMatchObject({
      alreadyImported: true,
      customer: { id: first.data!.importAdfLead.customer.id },
    });
    const bad = await gql(sys.routerUrl, IMPORT, {
      token: sales,
      variables: { xml: '<adf><prospect>' },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'xml' });
    const rivalSees = await gql(sys.routerUrl, `query($id: ID!) { customer(id: $id) { id } }`, {
      token: rival,
      variables: { id: first.data!.importAdfLead.customer.id },
    });
    expect(rivalSees.data!.customer).toBeNull();
  });
});

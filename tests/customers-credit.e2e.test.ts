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

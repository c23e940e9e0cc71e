// The customers subgraph through the router: CRUD with normalized contacts, versioned updates,
// field-level input errors, search and paging, duplicates and merge, the timeline, address checks,
// and isolation between dealerships (including `_entities` called directly with the router's secret).
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
let manager: string;
let rival: string;
let nobody: string;
let salesId: string;

const FIELDS = `id kind firstName lastName businessName displayName emails phones { number kind }
  addresses { kind line1 city state zip county } dateOfBirth birthYear preferredContact marketingConsent
  doNotContact source version assignedSalesperson { id username }`;

const CREATE = `mutation C($input: CustomerInput!, $confirm: Boolean) {
  createCustomer(input: $input, confirmNotDuplicate: $confirm) {
    customer { ${FIELDS} } duplicates { id displayName }
  }
}`;
const UPDATE = `mutation U($id: ID!, $version: Int!, $input: CustomerPatch!) {
  updateCustomer(id: $id, version: $version, input: $input) { ${FIELDS} }
}`;
const GET = `query G($id: ID!) { customer(id: $id) {
  ${FIELDS} notes { body author { id } } activities { kind summary actor { id } }
} }`;
const LIST = `query L($search: String, $first: Int, $after: String, $filter: CustomerFilter) {
  customers(search: $search, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id displayName } }
  }
}`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id displayName } } }`;

async function create(token: string, input: Record<string, unknown>, confirm = false) {
  const res = await gql(sys.routerUrl, CREATE, { token, variables: { input, confirm } });
  expect(res.errors).toBeUndefined();
  return res.data!.createCustomer as {
    customer: Record<string, any> | null;
    duplicates: { id: string }[];
  };
}

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'rival-admin', ['admin']);
  await provisionOtherDealership(sys.databaseUrl, 'no-roles', []);
  sales = (await login(sys.routerUrl, 'sales')).accessToken;
  manager = (await login(sys.routerUrl, 'manager')).accessToken;
  rival = (await login(sys.routerUrl, 'rival-admin')).accessToken;
  nobody = (await login(sys.routerUrl, 'no-roles')).accessToken;
  salesId = (await gql(sys.routerUrl, '{ me { id } }', { token: sales })).data!.me.id;
}, 180_000);
afterAll(async () => {
  await sys?.shutdown();
});

describe('customer records', () => {
  let id: string;

  it('creates a customer with E.164 phones, lower-case emails, a checked address and its county', async () => {
    const { customer } = await create(sales, {
      firstName: 'Jonathan',
      lastName: 'Smith',
      emails: ['Jon.Smith@Example.com'],
      phones: [{ number: '(512) 555-0100', kind: 'MOBILE' }],
      addresses: [{ line1: '1100 Congress Ave', city: 'Austin', state: 'tx', zip: '78701' }],
      dateOfBirth: '1985-04-12',
      preferredContact: 'SMS',
      marketingConsent: true,
      source: 'WEB_LEAD',
      assignedSalespersonId: salesId,
    });
    expect(customer).toMatchObject({
      kind: 'INDIVIDUAL',
      displayName: 'Jonathan Smith',
      emails: ['jon.smith@example.com'],
      phones: [{ number: '+15125550100', kind: 'MOBILE' }],
      addresses: [{ kind: 'HOME', state: 'TX', county: 'Travis' }],
      // encrypted at rest, masked on read (revealCustomerDateOfBirth shows it, audited)
      dateOfBirth: '1985-**-**',
      birthYear: 1985,
      source: 'WEB_LEAD',
      version: 1,
      assignedSalesperson: { id: salesId, username: 'sales' },
    });
    id = customer!.id;
  });

  it('updates with the current version; a stale version is CONFLICT', async () => {
    const ok = await gql(sys.routerUrl, UPDATE, {
      token: manager,
      variables: {
        id,
        version: 1,
        input: { doNotContact: true, phones: [{ number: '+44 20 7946 0958', kind: 'WORK' }] },
      },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateCustomer).toMatchObject({
      version: 2,
      doNotContact: true,
      marketingConsent: false,
      phones: [{ number: '+442079460958', kind: 'WORK' }],
      preferredContact: 'SMS',
    });
    const stale = await gql(sys.routerUrl, UPDATE, {
      token: sales,
      variables: { id, version: 1, input: { firstName: 'Jon' } },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('bad input is BAD_USER_INPUT naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ lastName: 'X', emails: ['not-an-email'] }, 'input.emails.0'],
      [{ lastName: 'X', phones: [{ number: '555-0100' }] }, 'input.phones.0.number'],
      [{ lastName: 'X', dateOfBirth: '2030-01-01' }, 'input.dateOfBirth'],
      [{ kind: 'BUSINESS', lastName: 'X' }, 'input.businessName'],
      [
        {
          lastName: 'X',
          addresses: [{ line1: '1 Main', city: 'Austin', state: 'CA', zip: '78701' }],
        },
        'input.addresses.0.state',
      ],
      [{ lastName: 'X', assignedSalespersonId: 'bob' }, 'input.assignedSalespersonId'],
    ];
    for (const [input, field] of cases) {
      const res = await gql(sys.routerUrl, CREATE, { token: sales, variables: { input } });
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const upd = await gql(sys.routerUrl, UPDATE, {
      token: sales,
      variables: { id, version: 2, input: { emails: ['a@b.co', 'bad@'] } },
    });
    expect(upd.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.emails.1',
    });
  });

  it('notes and the activity timeline', async () => {
    const note = await gql(
      sys.routerUrl,
      `mutation($id: ID!) { addCustomerNote(customerId: $id, body: "Wants a hybrid.") { id body author { id } } }`,
      { token: sales, variables: { id } },
    );
    expect(note.data!.addCustomerNote).toMatchObject({
      body: 'Wants a hybrid.',
      author: { id: salesId },
    });
    const act = await gql(
      sys.routerUrl,
      `mutation($id: ID!) { logCustomerActivity(customerId: $id, input: { kind: TEST_DRIVE, summary: "Drove a Kona." }) { kind summary occurredAt } }`,
      { token: sales, variables: { id } },
    );
    expect(act.errors).toBeUndefined();
    const got = await gql(sys.routerUrl, GET, { token: sales, variables: { id } });
    expect(got.data!.customer.notes).toEqual([
      { body: 'Wants a hybrid.', author: { id: salesId } },
    ]);
    expect(got.data!.customer.activities).toEqual([
      { kind: 'TEST_DRIVE', summary: 'Drove a Kona.', actor: { id: salesId } },
    ]);
  });

  it('another dealership cannot read, change, annotate or merge it', async () => {
    const got = await gql(sys.routerUrl, GET, { token: rival, variables: { id } });
    expect(got.errors).toBeUndefined();
    expect(got.data!.customer).toBeNull();
    const upd = await gql(sys.routerUrl, UPDATE, {
      token: rival,
      variables: { id, version: 2, input: { firstName: 'Mallory' } },
    });
    expect(upd.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const note = await gql(
      sys.routerUrl,
      `mutation($id: ID!) { addCustomerNote(customerId: $id, body: "x") { id } }`,
      { token: rival, variables: { id } },
    );
    expect(note.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const act = await gql(
      sys.routerUrl,
      `mutation($id: ID!) { logCustomerActivity(customerId: $id, input: { kind: CALL, summary: "x" }) { id } }`,
      { token: rival, variables: { id } },
    );
    expect(act.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = (await create(rival, { lastName: 'Rival' })).customer!;
    const merge = await gql(
      sys.routerUrl,
      `mutation($s: ID!, $d: ID!) { mergeCustomers(survivorId: $s, survivorVersion: 1, duplicateId: $d) { id } }`,
      { token: rival, variables: { s: own.id, d: id } },
    );
    expect(merge.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await gql(sys.routerUrl, LIST, { token: rival, variables: { search: 'smith' } });
    expect(list.data!.customers.edges).toEqual([]);
    const dups = await gql(
      sys.routerUrl,
      `query { possibleDuplicates(input: { lastName: "Q", emails: ["jon.smith@example.com"] }) { id } }`,
      { token: rival },
    );
    expect(dups.data!.possibleDuplicates).toEqual([]);
  });

  it('_entities with another dealership’s ids answers null (subgraph called with the router’s secret)', async () => {
    const sub = sys.subgraphs.customers!;
    const theirs = await gql(sub.url, ENTITIES, {
      token: rival,
      headers: { 'x-subgraph-secret': sub.secret },
      variables: { r: [{ __typename: 'Customer', id }] },
    });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data!._entities).toEqual([null]);
    const ours = await gql(sub.url, ENTITIES, {
      token: sales,
      headers: { 'x-subgraph-secret': sub.secret },
      variables: { r: [{ __typename: 'Customer', id }] },
    });
    expect(ours.data!._entities).toEqual([{ id, displayName: 'Jonathan Smith' }]);
  });

  it('a user without customers.write / customers.read gets FORBIDDEN', async () => {
    const res = await gql(sys.routerUrl, CREATE, {
      token: nobody,
      variables: { input: { lastName: 'X' } },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const upd = await gql(sys.routerUrl, UPDATE, {
      token: nobody,
      variables: { id, version: 2, input: { firstName: 'X' } },
    });
    expect(upd.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await gql(sys.routerUrl, LIST, { token: nobody });
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('search, paging, duplicates and merge', () => {
  it('finds "jon smth", a phone fragment and an email; pages with cursors; filters', async () => {
    for (const [firstName, lastName, phone] of [
      ['Mary', 'Johnson', '737-555-0111'],
      ['Joan', 'Smart', '737-555-0112'],
      ['Jon', 'Smyth', '737-555-0113'],
    ] as const) {
      await create(sales, { firstName, lastName, phones: [{ number: phone }], source: 'PHONE' });
    }
    const search = async (s: string) =>
      (
        await gql(sys.routerUrl, LIST, { token: sales, variables: { search: s } })
      ).data!.customers.edges.map((e: any) => e.node.displayName);
    const fuzzy = await search('jon smth');
    expect(fuzzy).toEqual(expect.arrayContaining(['Jonathan Smith', 'Jon Smyth']));
    expect(fuzzy).not.toContain('Mary Johnson');
    expect(await search('555-0112')).toEqual(['Joan Smart']);
    expect(await search('jon.smith@')).toEqual(['Jonathan Smith']);

    const page1 = (await gql(sys.routerUrl, LIST, { token: sales, variables: { first: 2 } })).data!
      .customers;
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.totalCount).toBe(4);
    const page2 = (
      await gql(sys.routerUrl, LIST, {
        token: sales,
        variables: { first: 2, after: page1.pageInfo.endCursor },
      })
    ).data!.customers;
    expect(page2.edges).toHaveLength(2);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const seen = new Set([...page1.edges, ...page2.edges].map((e: any) => e.node.id));
    expect(seen.size).toBe(4);

    const bySource = (
      await gql(sys.routerUrl, LIST, { token: sales, variables: { filter: { source: 'PHONE' } } })
    ).data!.customers;
    expect(bySource.totalCount).toBe(3);
    const bySalesperson = (
      await gql(sys.routerUrl, LIST, {
        token: sales,
        variables: { filter: { assignedSalespersonId: salesId } },
      })
    ).data!.customers;
    expect(bySalesperson.edges.map((e: any) => e.node.displayName)).toEqual(['Jonathan Smith']);
    const future = (
      await gql(sys.routerUrl, LIST, {
        token: sales,
        variables: { filter: { createdFrom: new Date(Date.now() + 3_600_000).toISOString() } },
      })
    ).data!.customers;
    expect(future.totalCount).toBe(0);
    const badCursor = await gql(sys.routerUrl, LIST, {
      token: sales,
      variables: { after: 'nope' },
    });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('reports duplicates on create; the client confirms; merge keeps notes, activities and references', async () => {
    const first = (
      await create(sales, { firstName: 'Ann', lastName: 'Lee', emails: ['ann@lee.example'] })
    ).customer!;
    const again = await create(sales, {
      firstName: 'Annie',
      lastName: 'Lee',
      emails: ['ANN@lee.example'],
    });
    expect(again.customer).toBeNull();
    expect(again.duplicates.map((d) => d.id)).toEqual([first.id]);
    const dup = (
      await create(
        sales,
        { firstName: 'Annie', lastName: 'Lee', emails: ['ann@lee.example'] },
        true,
      )
    ).customer!;
    await gql(
      sys.routerUrl,
      `mutation($id: ID!) { addCustomerNote(customerId: $id, body: "From the dup.") { id } }`,
      {
        token: sales,
        variables: { id: dup.id },
      },
    );
    const MERGE = `mutation($s: ID!, $v: Int!, $d: ID!) { mergeCustomers(survivorId: $s, survivorVersion: $v, duplicateId: $d) { id version notes { body } } }`;
    const stale = await gql(sys.routerUrl, MERGE, {
      token: sales,
      variables: { s: first.id, v: 7, d: dup.id },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const merged = await gql(sys.routerUrl, MERGE, {
      token: sales,
      variables: { s: first.id, v: 1, d: dup.id },
    });
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeCustomers).toMatchObject({
      id: first.id,
      version: 2,
      notes: [{ body: 'From the dup.' }],
    });
    // The merged-away id still resolves (to the survivor) for subgraphs that reference it.
    const sub = sys.subgraphs.customers!;
    const refs = await gql(sub.url, ENTITIES, {
      token: sales,
      headers: { 'x-subgraph-secret': sub.secret },
      variables: { r: [{ __typename: 'Customer', id: dup.id }] },
    });
    expect(refs.data!._entities).toEqual([{ id: first.id, displayName: 'Ann Lee' }]);
  });

  it('validateAddress reports inconsistencies and fills the county', async () => {
    const Q = `query($a: CustomerAddressInput!) { validateAddress(input: $a) { valid normalized { county zip } problems { field message } } }`;
    const ok = await gql(sys.routerUrl, Q, {
      token: sales,
      variables: { a: { line1: '1 Main', city: 'Denver', state: 'CO', zip: '80202' } },
    });
    expect(ok.data!.validateAddress).toMatchObject({
      valid: true,
      normalized: { county: 'Denver' },
    });
    const bad = await gql(sys.routerUrl, Q, {
      token: sales,
      variables: { a: { line1: '1 Main', city: 'Boulder', state: 'CO', zip: '80202' } },
    });
    expect(bad.data!.validateAddress).toMatchObject({
      valid: false,
      normalized: null,
      problems: [{ field: 'city' }],
    });
  });
});

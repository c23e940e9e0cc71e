// Inventory through the router and directly against the subgraph: CRUD, field-level permissions on
// cost/invoice, FORBIDDEN writes for roles without inventory.write, wrong-tenant reads and writes
// (including `_entities`), CONFLICT on a stale version, field errors, search and VIN decoding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '@autolytiq/inventory';
import {
  gql,
  login,
  provisionOtherDealership,
  startTestSystem,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let manager: string; // demo dealership (A), inventory.write
let sales: string; // A, inventory.read only
let finance: string; // A, inventory.read only
let rival: string; // dealership B's admin

const FIELDS = `id vin stockNumber year make model trim condition status mileage listPrice msrp
  inStockDate daysInStock photos options version`;
const ADD = `mutation($i: AddVehicleInput!) { addVehicle(input: $i) { ${FIELDS} cost invoice } }`;
const UPDATE = `mutation($i: UpdateVehicleInput!) { updateVehicle(input: $i) { id version status listPrice } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Vehicle { id vin } } }`;

const kona = {
  vin: 'KM8K2CAB4PU001140',
  stockNumber: 'K1140',
  year: 2023,
  make: 'Hyundai',
  model: 'Kona',
  trim: 'SE',
  mileage: 12000,
  condition: 'USED',
  listPrice: '21995.00',
  msrp: '24500',
  cost: '18250.50',
  invoice: '23000',
  photos: ['https://cdn.example.com/k1140/1.jpg'],
  options: ['Convenience package'],
};
let konaId: string;

beforeAll(async () => {
  sys = await startTestSystem();
  await provisionOtherDealership(sys.databaseUrl, 'inv-rival', ['admin']);
  const token = async (u: string) => (await login(sys.routerUrl, u)).accessToken;
  manager = await token('manager');
  sales = await token('sales');
  finance = await token('finance');
  rival = await token('inv-rival');
}, 180_000);
afterAll(async () => {
  await sys?.shutdown();
});

function direct(query: string, token: string | undefined, variables?: Record<string, unknown>) {
  const inv = sys.subgraphs.inventory!;
  return gql(inv.url, query, { token, variables, headers: { 'x-subgraph-secret': inv.secret } });
}

describe('vehicles through the router', () => {
  it('a manager adds a vehicle; money comes back exact; days in stock is 0', async () => {
    const res = await gql(sys.routerUrl, ADD, { token: manager, variables: { i: kona } });
    expect(res.errors).toBeUndefined();
    const v = res.data!.addVehicle;
    expect(v).toMatchObject({
      vin: 'KM8K2CAB4PU001140',
      condition: 'USED',
      status: 'AVAILABLE',
      listPrice: '21995.00',
      msrp: '24500.00',
      cost: '18250.50',
      invoice: '23000.00',
      daysInStock: 0,
      version: 1,
    });
    konaId = v.id;
  });

  it('refuses bad input with the field named', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp?]> = [
      [{ vin: '1HGCM82633A123456' }, 'input.vin', /check digit/i],
      [{ vin: 'KM8K2CAB4PU00114O' }, 'input.vin', /I, O or Q/],
      [{ vin: '1G4AH59H45G118341', listPrice: '12.345' }, 'input.listPrice'],
      [{ vin: '1G4AH59H45G118341', mileage: -5 }, 'input.mileage'],
      [{ vin: '1G4AH59H45G118341', photos: ['ftp://x/y.jpg'] }, 'input.photos.0'],
      [{ vin: 'KM8K2CAB4PU001140' }, 'input.vin', /already/],
      // A stock number names one car of the dealership (case does not matter).
      [{ vin: '1G4AH59H45G118341', stockNumber: 'k1140' }, 'input.stockNumber', /already used/],
    ];
    for (const [patch, field, message] of cases) {
      const res = await gql(sys.routerUrl, ADD, {
        token: manager,
        variables: { i: { ...kona, ...patch } },
      });
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      if (message) expect(res.errors![0]!.message).toMatch(message);
    }
  });

  it('salesperson and finance may read but not write, nor see cost or invoice', async () => {
    for (const token of [sales, finance]) {
      const read = await gql(
        sys.routerUrl,
        `query($id: ID!) { vehicle(id: $id) { vin listPrice } }`,
        {
          token,
          variables: { id: konaId },
        },
      );
      expect(read.data!.vehicle).toEqual({ vin: kona.vin, listPrice: '21995.00' });
      const cost = await gql(sys.routerUrl, `query($id: ID!) { vehicle(id: $id) { vin cost } }`, {
        token,
        variables: { id: konaId },
      });
      expect(cost.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const add = await gql(sys.routerUrl, ADD, {
        token,
        variables: { i: { ...kona, vin: '1G4AH59H45G118341', stockNumber: 'X1' } },
      });
      expect(add.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const upd = await gql(sys.routerUrl, UPDATE, {
        token,
        variables: { i: { id: konaId, version: 1, status: 'SOLD' } },
      });
      expect(upd.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const del = await gql(
        sys.routerUrl,
        'mutation($id: ID!) { deleteVehicle(id: $id, version: 1) }',
        {
          token,
          variables: { id: konaId },
        },
      );
      expect(del.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // The subgraph refuses on its own too.
      const directCost = await direct(`query($id: ID!) { vehicle(id: $id) { cost } }`, token, {
        id: konaId,
      });
      expect(directCost.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a stale version gets CONFLICT and changes nothing', async () => {
    const ok = await gql(sys.routerUrl, UPDATE, {
      token: manager,
      variables: { i: { id: konaId, version: 1, status: 'ON_HOLD', listPrice: '20995' } },
    });
    expect(ok.data!.updateVehicle).toEqual({
      id: konaId,
      version: 2,
      status: 'ON_HOLD',
      listPrice: '20995.00',
    });
    const stale = await gql(sys.routerUrl, UPDATE, {
      token: manager,
      variables: { i: { id: konaId, version: 1, status: 'SOLD' } },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const now = await gql(
      sys.routerUrl,
      `query($id: ID!) { vehicle(id: $id) { status version } }`,
      {
        token: manager,
        variables: { id: konaId },
      },
    );
    expect(now.data!.vehicle).toEqual({ status: 'ON_HOLD', version: 2 });
    const bad = await gql(sys.routerUrl, UPDATE, {
      token: manager,
      variables: { i: { id: konaId, version: 2, mileage: -1 } },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.mileage',
    });
  });
});

describe('another dealership', () => {
  it('cannot read, find, search, update or delete A’s vehicle', async () => {
    const read = await gql(
      sys.routerUrl,
      `query($id: ID!, $vin: String!) { vehicle(id: $id) { id } vehicleByVin(vin: $vin) { id }
        vehicles(filter: { make: "Hyundai" }) { edges { node { id } } } }`,
      { token: rival, variables: { id: konaId, vin: kona.vin } },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({ vehicle: null, vehicleByVin: null, vehicles: { edges: [] } });
    const upd = await gql(sys.routerUrl, UPDATE, {
      token: rival,
      variables: { i: { id: konaId, version: 2, status: 'SOLD' } },
    });
    expect(upd.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const del = await gql(
      sys.routerUrl,
      'mutation($id: ID!) { deleteVehicle(id: $id, version: 2) }',
      {
        token: rival,
        variables: { id: konaId },
      },
    );
    expect(del.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The same VIN (and stock number K1140) is B's to add: both are unique per dealership only.
    const add = await gql(sys.routerUrl, ADD, { token: rival, variables: { i: kona } });
    expect(add.errors).toBeUndefined();
    const mine = await gql(
      sys.routerUrl,
      `query($id: ID!) { vehicle(id: $id) { status version } }`,
      {
        token: manager,
        variables: { id: konaId },
      },
    );
    expect(mine.data!.vehicle).toEqual({ status: 'ON_HOLD', version: 2 });
  });

  it("_entities with A's ids answers null for B, and A's rows for A", async () => {
    const r = [
      { __typename: 'Vehicle', id: konaId },
      { __typename: 'Vehicle', id: 'not-a-uuid' },
    ];
    const b = await direct(ENTITIES, rival, { r });
    expect(b.errors).toBeUndefined();
    expect(b.data!._entities).toEqual([null, null]);
    const a = await direct(ENTITIES, manager, { r });
    expect(a.data!._entities).toEqual([{ id: konaId, vin: kona.vin }, null]);
    const none = await direct(ENTITIES, undefined, { r });
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('search', () => {
  it('filters, sorts and pages', async () => {
    for (const [i, v] of [
      {
        vin: '1G4AH59H45G118341',
        make: 'Buick',
        model: 'LaCrosse',
        year: 2005,
        listPrice: '4995',
        mileage: 150000,
      },
      {
        vin: '1M8GDM9AXKP042788',
        make: 'MCI',
        model: '102C3',
        year: 1989,
        listPrice: '39000',
        mileage: 900000,
      },
    ].entries()) {
      const res = await gql(sys.routerUrl, ADD, {
        token: manager,
        variables: {
          i: { ...v, stockNumber: `S${i}`, condition: 'USED', inStockDate: '2026-01-15' },
        },
      });
      expect(res.errors).toBeUndefined();
    }
    const Q = `query($f: VehicleFilter, $s: VehicleSort, $n: Int, $a: String) {
      vehicles(filter: $f, sort: $s, first: $n, after: $a) { edges { cursor node { make listPrice daysInStock } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = await gql(sys.routerUrl, Q, {
      token: sales,
      variables: { s: 'PRICE_DESC', n: 2 },
    });
    expect(page1.data!.vehicles.edges.map((e: { node: { make: string } }) => e.node.make)).toEqual([
      'MCI',
      'Hyundai',
    ]);
    expect(page1.data!.vehicles.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql(sys.routerUrl, Q, {
      token: sales,
      variables: { s: 'PRICE_DESC', n: 2, a: page1.data!.vehicles.pageInfo.endCursor },
    });
    expect(page2.data!.vehicles.edges.map((e: { node: { make: string } }) => e.node.make)).toEqual([
      'Buick',
    ]);
    expect(page2.data!.vehicles.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: page2.data!.vehicles.edges[0].cursor,
    });
    const filtered = await gql(sys.routerUrl, Q, {
      token: sales,
      variables: {
        f: { yearMin: 2000, mileageMax: 200000, daysInStockMin: 30, text: 'lacro' },
        s: 'YEAR_DESC',
      },
    });
    expect(
      filtered.data!.vehicles.edges.map((e: { node: { make: string } }) => e.node.make),
    ).toEqual(['Buick']);
    const bad = await gql(sys.routerUrl, Q, { token: sales, variables: { a: 'nonsense' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('CSV import', () => {
  const IMPORT = `mutation($csv: String!) { importVehicles(csv: $csv) { rows imported failed
    errors { row field message } batches { batch rows imported } } }`;
  const csv =
    'VIN,Stock,Year,Make,Model,Mileage,Condition,Price\n5YJ3E1EA2KF317000,T1,2019,Tesla,Model 3,30000,Used,27995\n5YJ3E1EA7KF317000,T2,2019,Tesla,Model 3,1,Used,1';

  it('imports good rows, reports bad ones; FORBIDDEN without inventory.write', async () => {
    const res = await gql(sys.routerUrl, IMPORT, { token: manager, variables: { csv } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importVehicles).toMatchObject({
      rows: 2,
      imported: 1,
      failed: 1,
      errors: [{ row: 3, field: 'vin' }],
      batches: [{ batch: 1, rows: 1, imported: 1 }],
    });
    const denied = await gql(sys.routerUrl, IMPORT, { token: sales, variables: { csv } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const broken = await gql(sys.routerUrl, IMPORT, {
      token: manager,
      variables: { csv: 'VIN\n"x' },
    });
    expect(broken.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
  });

  it('runs a large file in the background; its progress can be polled, by this dealership only', async () => {
    const START = `mutation($csv: String!) { startVehicleImport(csv: $csv) { id status rows processedRows } }`;
    const JOB = `query($id: ID!) { vehicleImportJob(id: $id) { status rows processedRows progress imported
      failed batches { rows } finishedAt } }`;
    const lines = ['VIN,Stock,Year,Make,Model,Mileage,Condition,Price'];
    for (let i = 0; i < 1200; i++) {
      const body = `1G1ZB5ST0PF${String(700000 + i).padStart(6, '0')}`;
      const vin = body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
      lines.push(`${vin},BG${i},2023,Chevrolet,Malibu,${i},Used,${19000 + i}`);
    }
    const started = await gql(sys.routerUrl, START, {
      token: manager,
      variables: { csv: lines.join('\n') },
    });
    expect(started.errors).toBeUndefined();
    const job = started.data!.startVehicleImport as { id: string; rows: number };
    expect(job.rows).toBe(1200);
    let polled: Record<string, unknown> | undefined;
    const progress: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await gql(sys.routerUrl, JOB, { token: sales, variables: { id: job.id } });
      polled = res.data!.vehicleImportJob as Record<string, unknown>;
      progress.push(polled.progress as number);
      if (polled.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(polled).toMatchObject({
      status: 'COMPLETED',
      processedRows: 1200,
      progress: 1,
      imported: 1200,
    });
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes backwards
    const other = await gql(sys.routerUrl, JOB, { token: rival, variables: { id: job.id } });
    expect(other.data?.vehicleImportJob).toBeNull();
    const denied = await gql(sys.routerUrl, START, { token: sales, variables: { csv: lines[0]! } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('stock numbers', () => {
  it('a dealership cannot name two cars alike; the CSV import names the line', async () => {
    // The rival dealership has its own K1140 (added above); a second one is refused there too.
    const rivalAdd = await gql(sys.routerUrl, ADD, {
      token: rival,
      variables: { i: { ...kona, vin: '1M8GDM9AXKP042788', stockNumber: 'k1140' } },
    });
    expect(rivalAdd.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.stockNumber',
    });
    const res = await gql(
      sys.routerUrl,
      'mutation($c: String!) { importVehicles(csv: $c) { imported failed errors { row field message } } }',
      {
        token: manager,
        variables: {
          c: 'VIN,Stock,Year,Make,Model,Mileage,Condition,Price\n2T1BURHE8KC123457,K1140,2019,Toyota,Corolla,1,Used,4000',
        },
      },
    );
    expect(res.data!.importVehicles).toMatchObject({
      imported: 0,
      failed: 1,
      errors: [{ row: 2, field: 'stockNumber', message: expect.stringMatching(/K1140/) }],
    });
  });
});

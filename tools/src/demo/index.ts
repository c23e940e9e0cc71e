// The demo dealership's data: a lot, customers with their history, and deals in every state — all
// written through the subgraphs' own services (so every rule the API applies applies here too),
// deterministic for a given seed and day, and only ever into the demo dealership: every write runs
// as one of its users, under its tenant.
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import {
  createVinDecoder,
  VehicleService,
  migrations as inventoryMigrations,
} from '@autolytiq/inventory';
import {
  CustomerService,
  OfflineAddressValidator,
  migrations as customersMigrations,
} from '@autolytiq/customers';
import {
  DealService,
  type Caller,
  type DealStatus,
  migrations as dealsMigrations,
} from '@autolytiq/deals';
import { localGraph } from './local-graph.ts';
import { demoLot } from './lot.ts';
import { Random } from './random.ts';
import { stockLot } from './stock.ts';
import { createCustomers, writeTimelines, type TimelineCounts } from './timeline.ts';
import { deskDeals } from './deals.ts';
import { deliverVehicleStatuses } from './outbox.ts';

export const DEMO_SEED = 20261206;
export const DEMO_VEHICLES = 300;
export const DEMO_CUSTOMERS = 500;
/** The doc fee the demo dealership charges (capped per deal by the buyer state's cap). */
export const DEMO_DOC_FEE = '150.00';

export interface DemoCast {
  admin: Principal;
  manager: Principal;
  salespeople: Principal[];
  finance: Principal;
}

export interface DemoDataSummary {
  seeded: boolean;
  vehicles: number;
  customers: number;
  deals: number;
  byStatus: Partial<Record<DealStatus, number>>;
  timeline: TimelineCounts;
  vehicleStatuses: number;
  ms: number;
}

/** The dealership's calendar date (what "today" means on its floor). */
export function localDate(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now);
}

async function open(
  url: string,
  schema: string,
  migrations: Parameters<typeof openDatabase>[0]['migrations'],
) {
  const db = await openDatabase({ url, schema, migrations, poolSize: 10 });
  await db.migrate();
  return db;
}

const callerOf = (p: Principal): Caller => ({
  principal: p,
  requestId: `demo-seed`,
  token: p.username,
});

export async function seedDemoData(
  databaseUrl: string,
  cast: DemoCast,
  opts: { timezone: string; now?: Date; seed?: number },
): Promise<DemoDataSummary> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const today = localDate(opts.timezone, now);
  const dbs: Database[] = [];
  const decoder = createVinDecoder();
  try {
    const [customersDb, inventoryDb, dealsDb] = await Promise.all([
      open(databaseUrl, 'customers', customersMigrations),
      open(databaseUrl, 'inventory', inventoryMigrations),
      open(databaseUrl, 'deals', dealsMigrations),
    ]);
    dbs.push(customersDb, inventoryDb, dealsDb);
    const customers = new CustomerService(customersDb, new OfflineAddressValidator());
    const vehicles = new VehicleService(inventoryDb, decoder);
    const everyone = [cast.admin, cast.manager, cast.finance, ...cast.salespeople];
    const graph = localGraph(customers, vehicles, new Map(everyone.map((p) => [p.username, p])));
    const deals = new DealService(dealsDb, graph);
    const empty = { vehicles: 0, customers: 0, deals: 0, byStatus: {}, vehicleStatuses: 0 };
    if (await alreadyHasData(customers, vehicles, cast.admin)) {
      return {
        seeded: false,
        ...empty,
        timeline: { activities: 0, notes: 0 },
        ms: performance.now() - started,
      };
    }
    const seed = opts.seed ?? DEMO_SEED;
    const settings = await deals.settings(cast.admin);
    await deals.updateSettings(cast.admin, settings.version, { defaultDocFee: DEMO_DOC_FEE });
    // The lot and the customers are independent: written side by side, each from its own stream.
    const [lot, { people, timeline }] = await Promise.all([
      stockLot(vehicles, cast.manager, demoLot(new Random(seed), today, DEMO_VEHICLES)),
      (async () => {
        const random = new Random(seed + 1);
        const people = await createCustomers(customers, random, DEMO_CUSTOMERS, cast.salespeople);
        const timeline = await writeTimelines(
          customers,
          random,
          people,
          cast.salespeople,
          today,
          now,
        );
        return { people, timeline };
      })(),
    ]);
    const desk = {
      salespeople: cast.salespeople.map(callerOf),
      manager: callerOf(cast.manager),
      admin: callerOf(cast.admin),
      finance: callerOf(cast.finance),
    };
    const random = new Random(seed + 2);
    const desked = await deskDeals({
      deals,
      customers,
      vehicles,
      random,
      today,
      now,
      lot,
      people,
      desk,
    });
    const vehicleStatuses = await deliverVehicleStatuses(dealsDb, vehicles, cast.admin);
    return {
      seeded: true,
      vehicles: lot.length,
      customers: people.length,
      deals: desked.count,
      byStatus: desked.byStatus,
      timeline: { activities: timeline.activities + desked.activities, notes: timeline.notes },
      vehicleStatuses,
      ms: performance.now() - started,
    };
  } finally {
    await decoder.close();
    await Promise.all(dbs.map((db) => db.close()));
  }
}

/** Seeded once: any customer or vehicle in the demo dealership means it was (or is in use). */
async function alreadyHasData(customers: CustomerService, vehicles: VehicleService, p: Principal) {
  const page = await customers.list(p, { first: 1 });
  if (page.edges.length > 0) return true;
  const lot = await vehicles.search(p, null, 'PRICE_ASC', 1, null);
  return lot.edges.length > 0;
}

// Live deal activity (real PostgreSQL, in-process bus): a message per committed deal event, none for
// a rolled-back change; the subscription reads the deal as the subscriber and refuses a message that
// names another dealership's deal.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppError,
  MemoryEventBus,
  createLogger,
  openDatabase,
  type BusMessage,
  type Database,
  type Principal,
  type RequestContext,
} from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import {
  DEALS_TOPIC,
  publishDealActivityOn,
  type DealActivityMessage,
} from '../src/domain/deal-activity.ts';
import { DealService, type Caller } from '../src/domain/deal-service.ts';
import type { GraphClient, VehicleFacts } from '../src/domain/graph.ts';
import { migrations } from '../src/migrations/index.ts';
import { dealActivityResolvers } from '../src/resolvers/deal-activity.ts';

let database: TestDatabase;
let db: Database;
let service: DealService;
const bus = new MemoryEventBus();
let stopPublishing: () => void;

const A = randomUUID();
const B = randomUUID();
const who = (dealershipId: string, permissions: string[]): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'u',
  roles: [],
  permissions,
});
const salesA = who(A, ['deals.read', 'deals.write']);
const salesB = who(B, ['deals.read', 'deals.write']);
const caller = (p: Principal): Caller => ({ principal: p, requestId: 't', token: p.userId });

// Every customer and vehicle exists for whoever asks (tenant checks are service.test.ts's subject).
const graph: GraphClient = {
  refs: async (c, ids, vehicleId) => ({
    customers: await graph.customers(c, ids),
    vehicle: await graph.vehicle(c, vehicleId),
  }),
  customers: async (_c, ids) =>
    new Map(
      ids.map((id) => [
        id,
        { id, addresses: [{ kind: 'HOME', state: 'TX', zip: '78701', county: null }] },
      ]),
    ),
  vehicle: async (_c, id): Promise<VehicleFacts> => ({
    id,
    status: 'AVAILABLE',
    condition: 'NEW',
    msrp: new Decimal('31000'),
    listPrice: new Decimal('29500'),
    cost: new Decimal('20000'),
  }),
  vehicleCosts: async () => new Map(),
  localRate: async () => null,
  request: async <T>(_t: string, _r: string, query: string, variables: object): Promise<T> => {
    if (query.includes('validateAddress'))
      return { validateAddress: { valid: true, problems: [] } } as T;
    if (query.includes('DealBuyerAddress')) {
      const addresses = [
        {
          kind: 'HOME',
          state: 'TX',
          zip: '78701',
          county: null,
          line1: '1 Main',
          line2: null,
          city: 'Austin',
        },
      ];
      void variables;
      return { customer: { addresses } } as T;
    }
    throw new AppError('INTERNAL', `unexpected ${query}`);
  },
};

const heard: Array<BusMessage<DealActivityMessage>> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'deals', migrations });
  await db.migrate();
  service = new DealService(db, graph);
  stopPublishing = publishDealActivityOn(bus);
  await bus.subscribe<DealActivityMessage>(A, DEALS_TOPIC, (m) => void heard.push(m));
}, 60_000);
afterAll(async () => {
  stopPublishing?.();
  await db?.close();
  await database?.drop();
});

const settle = () => new Promise((r) => setTimeout(r, 50));

async function newDeal(p: Principal) {
  return service.create(caller(p), {
    buyerId: randomUUID(),
    vehicleId: randomUUID(),
    dealDate: '2026-11-20',
    scenarios: [{ kind: 'CASH', name: 'Cash' }],
  } as never);
}

describe('deal activity', () => {
  it('publishes once per committed event, to the deal’s dealership, and nothing for a rollback', async () => {
    heard.length = 0;
    const deal = await newDeal(salesA);
    await settle();
    expect(heard.map((m) => [m.dealershipId, m.payload.dealId, m.payload.kind])).toEqual([
      [A, deal.id, 'CREATED'],
    ]);
    // A stale version: CONFLICT, rolled back, no message.
    await expect(
      service.transition(caller(salesA), deal.id, deal.version + 5, 'submit' as never, null),
    ).rejects.toThrow();
    await newDeal(salesB); // another dealership's deal: not on A's channel
    await settle();
    expect(heard).toHaveLength(1);
  });

  it('resolves each message as the subscriber, and refuses one naming another dealership’s deal', async () => {
    const resolvers = dealActivityResolvers(service, bus);
    const resolve = (
      resolvers.dealEvents as unknown as {
        resolve: (m: unknown, a: unknown, c: RequestContext) => Promise<any>;
      }
    ).resolve;
    const ctx = (p: Principal) =>
      ({
        principal: p,
        requestId: 'r',
        logger: createLogger('t', 'silent'),
        client: {},
        scoped: new Map(),
      }) as RequestContext;
    heard.length = 0;
    const deal = await newDeal(salesA);
    await settle();
    const message = heard[0]!.payload;
    const activity = await resolve(message, {}, ctx(salesA));
    expect(activity.deal.id).toBe(deal.id);
    expect(activity.event).toMatchObject({ id: message.eventId, kind: 'CREATED' });
    await expect(resolve(message, {}, ctx(salesB))).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('reads an event once for all subscribers of the dealership, never across dealerships', async () => {
    let reads = 0;
    const counting = Object.create(service) as DealService;
    counting.byIdWithEvents = (p, id) => (reads++, service.byIdWithEvents(p, id));
    const resolve = (
      dealActivityResolvers(counting, bus).dealEvents as unknown as {
        resolve: (m: unknown, a: unknown, c: RequestContext) => Promise<any>;
      }
    ).resolve;
    const ctx = (p: Principal) =>
      ({
        principal: p,
        requestId: 'r',
        logger: createLogger('t', 'silent'),
        client: {},
        scoped: new Map(),
      }) as RequestContext;
    heard.length = 0;
    await newDeal(salesA);
    await settle();
    const message = heard[0]!.payload;
    const all = await Promise.all([1, 2, 3].map(() => resolve(message, {}, ctx(salesA))));
    expect(new Set(all.map((a) => a.event.id))).toEqual(new Set([message.eventId]));
    expect(reads).toBe(1);
    await expect(resolve(message, {}, ctx(salesB))).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    expect(reads).toBe(2); // the other dealership read for itself (and found nothing)
  });
});

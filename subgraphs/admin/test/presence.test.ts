// Team presence on a real database (admin.presence, migration 0045): joining shows the team, changes
// reach the dealership only, the last connection ending says online: false — also when the member's
// tabs are on two admin replicas, or the replica holding one dies — and nothing is left behind.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventBus, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { PresenceHub, PresenceInputError } from '../src/domain/presence.ts';
import { migrations } from '../src/migrations/index.ts';

let database: TestDatabase;
// Two admin replicas: each its own pool on the one database.
let db: Database;
let db2: Database;
const hubs: PresenceHub[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'admin', migrations });
  await db.migrate();
  db2 = await openDatabase({ url: database.url, schema: 'admin', migrations });
}, 60_000);
afterAll(async () => {
  for (const h of hubs) h.stop();
  await db?.close();
  await db2?.close();
  await database?.drop();
});

const hubOn = (
  d: Database,
  bus: MemoryEventBus,
  opts?: ConstructorParameters<typeof PresenceHub>[2],
) => {
  const hub = new PresenceHub(d, bus, opts);
  hubs.push(hub);
  return hub;
};

const who = (dealershipId: string, username: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username,
  roles: [],
  permissions: [],
});

const settle = () => new Promise((r) => setTimeout(r, 50));

async function take<T>(it: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push((await it.next()).value as T);
  return out;
}

/**
 * Reads an iterator in the background, so "nothing arrived" can be checked without leaving a pending
 * next() behind that would swallow the following change.
 */
function tap<T>(it: AsyncIterableIterator<T>) {
  const got: T[] = [];
  let read = 0;
  void (async () => {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      got.push(r.value);
    }
  })();
  return {
    async take(n: number): Promise<T[]> {
      const end = Date.now() + 5000;
      while (got.length < read + n && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      const out = got.slice(read, read + n);
      read += out.length;
      return out;
    },
    async nothing(): Promise<boolean> {
      await settle();
      return got.length === read;
    },
    end: () => it.return!(),
  };
}

/** Resolves to 'nothing' when no change arrives within a moment. */
async function nothingNext<T>(it: AsyncIterator<T>): Promise<unknown> {
  return Promise.race([it.next().then((r) => r.value), settle().then(() => 'nothing')]);
}

describe('team presence', () => {
  it('shows the team, streams changes within the dealership, and expires with the last socket', async () => {
    const bus = new MemoryEventBus();
    const hub = hubOn(db, bus);
    const [A, B] = [randomUUID(), randomUUID()];
    const maria = who(A, 'maria');
    const sam = who(A, 'sam');
    const rival = who(B, 'rival');

    const mariaSees = await hub.subscribe(maria);
    const [self] = await take(mariaSees, 1);
    expect(self).toMatchObject({
      online: true,
      presence: { username: 'maria', status: 'AVAILABLE' },
    });
    const rivalSees = await hub.subscribe(rival);
    await take(rivalSees, 2); // rival itself (snapshot, then the bus's echo: changes are upserts)

    const samTab1 = await hub.subscribe(sam);
    const samTab2 = await hub.subscribe(sam);
    // Sam's first tab sees both members; Maria hears Sam once (the second tab changes nothing).
    const samFirst = await take(samTab1, 2);
    expect(samFirst.map((c) => c.presence.username).sort()).toEqual(['maria', 'sam']);
    const dealId = randomUUID();
    await hub.set(sam, {
      status: 'WITH_CUSTOMER',
      note: ' test drive ',
      viewing: { kind: 'DEAL', id: dealId },
    });
    const heard = await take(mariaSees, 3);
    expect(heard.map((c) => [c.presence.username, c.online, c.presence.status])).toEqual([
      ['maria', true, 'AVAILABLE'], // her own join, echoed by the bus
      ['sam', true, 'AVAILABLE'],
      ['sam', true, 'WITH_CUSTOMER'],
    ]);
    expect(heard[2]!.presence).toMatchObject({
      note: 'test drive',
      viewing: { kind: 'DEAL', id: dealId },
    });

    await samTab1.return!();
    await settle();
    await samTab2.return!();
    const gone = await take(mariaSees, 1);
    expect(gone[0]).toMatchObject({ online: false, presence: { username: 'sam' } });

    await mariaSees.return!();
    await rivalSees.return!();
    await settle();
    expect(hub.stats()).toEqual({ dealerships: 0, connections: 0 });
    expect(bus.stats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('keeps other dealerships out and refuses bad input', async () => {
    const bus = new MemoryEventBus();
    const hub = hubOn(db, bus);
    const rival = who(randomUUID(), 'rival');
    const rivalSees = await hub.subscribe(rival);
    await take(rivalSees, 2); // itself from the snapshot, then its own join from the bus
    const maria = who(randomUUID(), 'maria');
    await hub.set(maria, { status: 'BUSY' });
    await expect(hub.set(maria, { status: 'BUSY', note: 'x'.repeat(141) })).rejects.toBeInstanceOf(
      PresenceInputError,
    );
    await expect(
      hub.set(maria, { status: 'BUSY', viewing: { kind: 'DEAL', id: 'nope' } }),
    ).rejects.toMatchObject({ field: 'input.viewing.id' });
    expect(await nothingNext(rivalSees)).toBe('nothing');
    await rivalSees.return!();
  });

  it('two replicas agree: a member with a tab on each stays online until the last one closes', async () => {
    const bus = new MemoryEventBus(); // stands for Redis: both replicas hear every change
    const one = hubOn(db, bus);
    const two = hubOn(db2, bus);
    const A = randomUUID();
    const sam = who(A, 'sam');
    const maria = who(A, 'maria');
    const samOnOne = tap(await one.subscribe(sam));
    await samOnOne.take(2); // himself (snapshot), his join (bus)
    // Replica two had no subscriber in this dealership until now: it still knows Sam is online.
    const mariaOnTwo = tap(await two.subscribe(maria));
    const first = await mariaOnTwo.take(2);
    expect(first.map((c) => c.presence.username).sort()).toEqual(['maria', 'sam']);
    await mariaOnTwo.take(1); // her own join, echoed
    const samOnTwo = tap(await two.subscribe(sam));
    await samOnTwo.take(2);
    expect(await mariaOnTwo.nothing()).toBe(true); // a second tab changes nothing
    await one.set(sam, { status: 'BUSY', note: 'desk' });
    expect((await mariaOnTwo.take(1))[0]).toMatchObject({
      online: true,
      presence: { username: 'sam', status: 'BUSY', note: 'desk' },
    });
    // His tab on replica one closes: he is still on replica two, so nobody hears him leave.
    await samOnOne.end();
    expect(await mariaOnTwo.nothing()).toBe(true);
    // A newcomer on replica one sees him online, with his latest status.
    const lee = who(A, 'lee');
    const leeOnOne = tap(await one.subscribe(lee));
    const leeFirst = await leeOnOne.take(3);
    expect(leeFirst.find((c) => c.presence.username === 'sam')?.presence.status).toBe('BUSY');
    await mariaOnTwo.take(1); // lee's join
    await samOnTwo.end();
    expect((await mariaOnTwo.take(1))[0]).toMatchObject({
      online: false,
      presence: { username: 'sam' },
    });
    for (const t of [mariaOnTwo, leeOnOne]) await t.end();
    await settle();
    expect(one.stats()).toEqual({ dealerships: 0, connections: 0 });
    expect(two.stats()).toEqual({ dealerships: 0, connections: 0 });
    const rows = await db.withTenant({ dealershipId: A }, (em) =>
      em.execute<{ n: number }[]>(
        'select (select count(*) from admin.presence)::int + (select count(*) from admin.presence_connections)::int as n',
      ),
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('a replica that dies: its members go offline once, after the stale time, told by another replica', async () => {
    const bus = new MemoryEventBus();
    const dying = hubOn(db, bus, { heartbeatMs: 60_000 });
    const alive = hubOn(db2, bus, { heartbeatMs: 60_000, staleAfterMs: 1000 });
    const A = randomUUID();
    const B = randomUUID();
    const sam = who(A, 'sam');
    const maria = who(A, 'maria');
    const rival = who(B, 'rival');
    await tap(await dying.subscribe(sam)).take(2);
    const mariaSees = tap(await alive.subscribe(maria));
    await mariaSees.take(3);
    const rivalSees = tap(await alive.subscribe(rival));
    await rivalSees.take(2);
    dying.stop(); // crashed: its subscription never returns, its rows are no longer refreshed
    await new Promise((r) => setTimeout(r, 2100));
    await alive.heartbeat(); // refreshes Maria and Rival, ends Sam
    await alive.heartbeat(); // a second sweep finds nothing more
    expect((await mariaSees.take(1))[0]).toMatchObject({
      online: false,
      presence: { username: 'sam' },
    });
    expect(await mariaSees.nothing()).toBe(true);
    expect(await rivalSees.nothing()).toBe(true); // another dealership hears nothing
    for (const t of [mariaSees, rivalSees]) await t.end();
  });

  it('teamOnline reads who is online without joining, in the caller’s dealership only', async () => {
    const hub = hubOn(db, new MemoryEventBus());
    const [A, B] = [randomUUID(), randomUUID()];
    const ana = who(A, 'ana');
    const looker = who(A, 'looker');
    const rival = who(B, 'rival');
    const anaTab = await hub.subscribe(ana);
    await take(anaTab, 1);
    expect((await hub.online(looker)).map((p) => p.username)).toEqual(['ana']);
    expect(await hub.online(rival)).toEqual([]);
    // Looking did not make the looker online: Ana leaving leaves nobody.
    await anaTab.return!();
    await settle();
    expect(await hub.online(looker)).toEqual([]);
  });
});

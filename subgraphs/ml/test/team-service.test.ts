// The Oscillator team network from a dealership's deals: rhythm, load, bottlenecks, mentoring and
// lead assignment, against real PostgreSQL (deals read through the scripted graph stand-in), and a
// second dealership seeing none of it.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventBus, openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { Learner } from '../src/domain/learner.ts';
import { SegmentService } from '../src/domain/segment-service.ts';
import { TEAM_TOPIC, TeamService } from '../src/domain/team-service.ts';
import { assignLeadFrom, type TeamMember } from '../src/domain/team-model.ts';
import {
  CachedTeamDirectory,
  PRESENCE_TOPIC,
  type TeamDirectory,
  type TeamView,
} from '../src/domain/team-directory.ts';
import { createRng } from '../src/engine/index.ts';
import { migrations } from '../src/migrations/index.ts';
import { ScriptedDeals, deal } from './deal-fixtures.ts';
import type { SourceDeal } from '../src/domain/graph-source.ts';

let testDb: TestDatabase;
let db: Database;
const NOW = new Date('2026-12-01T12:00:00Z');
const logger = pino({ level: 'silent' });

const principal = (dealershipId = randomUUID()): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username: 'm',
  roles: ['manager'],
  permissions: ['ml.read', 'customers.read'],
});

const sam = randomUUID(); // busy, works mornings with Riley
const riley = randomUUID(); // mornings, light load, delivers most
const nora = randomUUID(); // evenings, delivers little
const ivy = randomUUID(); // nothing in the last 14 days

/** A deal sold by `seller`, touched by `actors` at `hour` UTC on `daysAgo`. */
function worked(
  seller: string,
  status: string,
  hour: number,
  daysAgo: number,
  actors: string[] = [seller],
): SourceDeal {
  const d = deal('budget', createRng(daysAgo * 31 + hour), status);
  const at = new Date(NOW.getTime() - daysAgo * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return {
    ...d,
    salespersonId: seller,
    updatedAt: at,
    facts: {
      ...d.facts,
      status,
      activity: actors.map((userId, i) => ({
        userId,
        at: new Date(at.getTime() + i * 600_000).toISOString(),
      })),
    },
  };
}

function teamDeals(): SourceDeal[] {
  const out: SourceDeal[] = [];
  for (let day = 1; day <= 10; day++) {
    // Sam: 6 open, delivers 3 of 4. Riley: 2 open, delivers all 8. Nora: delivers 1 of 10.
    out.push(
      worked(sam, day <= 6 ? 'SUBMITTED' : day < 10 ? 'DELIVERED' : 'CANCELLED', 9, day, [
        sam,
        riley,
      ]),
    );
    out.push(worked(riley, day <= 2 ? 'DRAFT' : 'DELIVERED', 10, day, [riley, sam]));
    out.push(worked(nora, day === 4 ? 'DELIVERED' : 'CANCELLED', 20, day));
  }
  out.push(worked(ivy, 'DELIVERED', 12, 40));
  return out;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({ url: testDb.url, schema: 'ml', migrations });
  await db.migrate();
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('the team network', () => {
  const a = principal();
  const b = principal();
  let team: TeamService;
  let newCustomerId: string;
  let samsCustomer: string;

  beforeAll(async () => {
    const source = new ScriptedDeals();
    const deals = teamDeals();
    samsCustomer = deals.find((d) => d.salespersonId === sam)!.customerId;
    newCustomerId = randomUUID();
    source.put(a.dealershipId, deals);
    const learner = new Learner(db, source, new SegmentService(db, logger), null, logger);
    await learner.follow(a.dealershipId);
    await learner.follow(b.dealershipId);
    await learner.idle();
    await learner.stop();
    team = new TeamService(db, null, () => NOW);
  });

  it('shows each salesperson’s rhythm, load and pace; the coupled pair works in one rhythm', async () => {
    const status = await team.status(a);
    expect(status.ready).toBe(true);
    const by = new Map(status.members.map((m) => [m.userId, m]));
    expect(by.get(ivy)).toMatchObject({ state: 'IDLE', pace: 0 });
    expect(by.get(sam)!.load).toBe(6);
    expect(by.get(riley)!.load).toBe(2);
    expect(by.get(nora)).toMatchObject({ load: 0, closeRate: 0.1 });
    expect(Math.abs(by.get(sam)!.phaseLagHours - by.get(riley)!.phaseLagHours)).toBeLessThan(2);
    // Nora works evenings, half a day from the others: out of rhythm, on the other side of ψ.
    expect(by.get(nora)!.state).toBe('OUT_OF_RHYTHM');
    expect(status.coherence).toBeGreaterThan(0);
    expect(status.coherence).toBeLessThan(1);
  });

  it('names the bottleneck and a mentor for the member who delivers least', async () => {
    const status = await team.status(a);
    expect(status.bottlenecks.map((x) => x.userId)).toEqual([sam]);
    expect(status.bottlenecks[0]!.reason).toMatch(/^6 open deals against a team median of 1/);
    expect(status.mentoringPairs).toEqual([
      expect.objectContaining({ mentorId: riley, menteeId: nora }),
    ]);
    expect(status.mentoringPairs[0]!.reason).toMatch(
      /^Delivers 100 % of closed deals against 10 %/,
    );
  });

  it('assigns a new lead to the lightest, in-rhythm member; a known customer stays with theirs', async () => {
    const fresh = await team.assignLead(a, newCustomerId);
    expect(fresh.userId).toBe(riley);
    expect(fresh.explanation).toMatch(/^Lightest load/);
    expect(fresh.alternatives).not.toContain(riley);
    expect(fresh.alternatives).not.toContain(ivy);
    const known = await team.assignLead(a, samsCustomer);
    expect(known.userId).toBe(sam);
    expect(known.explanation).toMatch(/^Already works this customer's deal/);
  });

  it('shows another dealership nothing: no team, no assignment (wrong tenant)', async () => {
    const status = await team.status(b);
    expect(status).toMatchObject({
      ready: false,
      members: [],
      bottlenecks: [],
      mentoringPairs: [],
    });
    expect(status.message).toMatch(/^Not enough data yet/);
    const lead = await team.assignLead(b, samsCustomer);
    expect(lead).toMatchObject({ userId: null, alternatives: [] });
    expect(lead.explanation).toMatch(/^Not enough data yet/);
  });

  it('refuses a customer id that is not an id', async () => {
    await expect(team.assignLead(a, 'nope')).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
  });

  describe('with who is active and online (the directory)', () => {
    /** A directory stand-in: one view per dealership, and how often it was read. */
    function directoryOf(views: Record<string, () => TeamView>) {
      const reads: string[] = [];
      const source: TeamDirectory = {
        read: async (dealershipId) => {
          reads.push(dealershipId);
          const view = views[dealershipId];
          if (!view) throw new Error('graph down');
          return view();
        },
      };
      return { reads, directory: new CachedTeamDirectory(source, logger) };
    }

    it('never gives a lead to a deactivated salesperson, not even their own customer’s', async () => {
      const { directory } = directoryOf({
        [a.dealershipId]: () => ({
          active: new Map([
            [riley, false],
            [sam, true],
          ]),
          online: new Map(),
        }),
      });
      const withDirectory = new TeamService(db, null, () => NOW, directory);
      const fresh = await withDirectory.assignLead(a, newCustomerId);
      expect(fresh.userId).not.toBe(riley); // Riley was the best; deactivated now
      expect(fresh.alternatives).not.toContain(riley);
      expect(fresh.explanation).toMatch(/not online now\.$/);
      const status = await withDirectory.status(a);
      const rileyNow = status.members.find((m) => m.userId === riley)!;
      expect(rileyNow).toMatchObject({ active: false, online: false, presence: null });
      expect(status.bottlenecks.find((b) => b.userId === riley)?.reason).toBe(
        '2 open deals, and no longer active: reassign them.',
      );
      expect(status.mentoringPairs.some((p) => p.mentorId === riley)).toBe(false);

      const samOut = directoryOf({
        [a.dealershipId]: () => ({ active: new Map([[sam, false]]), online: new Map() }),
      });
      const known = await new TeamService(db, null, () => NOW, samOut.directory).assignLead(
        a,
        samsCustomer,
      );
      expect(known.userId).not.toBe(sam);
      expect(known.explanation).toMatch(/^Their salesperson is no longer active\. Lightest load/);
    });

    it('prefers who is online now, and the status says who is', async () => {
      const { directory } = directoryOf({
        [a.dealershipId]: () => ({
          active: new Map(),
          online: new Map([[nora, 'AVAILABLE' as const]]),
        }),
      });
      const status = await new TeamService(db, null, () => NOW, directory).status(a);
      expect(status.members.find((m) => m.userId === nora)).toMatchObject({
        online: true,
        presence: 'AVAILABLE',
      });
      expect(status.members.filter((m) => m.online).map((m) => m.userId)).toEqual([nora]);
      // Two salespeople alike in everything but presence: the one on the floor gets the lead.
      const twin = (userId: string, online: boolean): TeamMember => ({
        userId,
        state: 'IN_RHYTHM',
        phaseLag: 0,
        phaseLagHours: 0,
        load: 2,
        pace: 1,
        closeRate: 0.5,
        closedDeals: 4,
        active: true,
        online,
        presence: online ? 'AVAILABLE' : null,
      });
      const alike = { ...status, members: [twin('a-off', false), twin('b-on', true)] };
      const lead = assignLeadFrom(alike, null);
      expect(lead.userId).toBe('b-on');
      expect(lead.explanation).toMatch(/; online now\.$/);
      const nobody = { ...alike, members: [twin('a-off', false), twin('b-off', false)] };
      expect(assignLeadFrom(nobody, null).userId).toBe('a-off'); // the tie falls to the id order
    });

    it('a directory that cannot be read leaves the status working (nobody marked), read again soon', async () => {
      const { directory, reads } = directoryOf({});
      const svc = new TeamService(db, null, () => NOW, directory);
      const status = await svc.status(a);
      expect(status.members.every((m) => m.active && !m.online)).toBe(true);
      await svc.status(a);
      expect(reads).toEqual([a.dealershipId]); // cached for a moment even when it failed
    });

    it('pushes a new status on presence changes of its own dealership only, and cleans up', async () => {
      const bus = new MemoryEventBus();
      let online = new Map<string, 'AVAILABLE' | 'BUSY'>();
      const { directory } = directoryOf({
        [a.dealershipId]: () => ({ active: new Map(), online }),
        [b.dealershipId]: () => ({ active: new Map(), online: new Map() }),
      });
      const svc = new TeamService(db, bus, () => NOW, directory);
      await svc.status(a); // the view is cached: a change is applied to it, not read again
      online = new Map();
      const events = await svc.subscribe(a);
      const presence = {
        userId: riley,
        username: 'riley',
        status: 'BUSY',
        note: null,
        viewing: null,
        since: NOW.toISOString(),
      };
      await bus.publish(b.dealershipId, PRESENCE_TOPIC, { online: true, presence });
      await bus.publish(a.dealershipId, PRESENCE_TOPIC, { online: true, presence });
      const first = await events.next();
      expect(first.value).toMatchObject({ online: true, presence: { userId: riley } });
      const member = (await svc.status(a)).members.find((m) => m.userId === riley)!;
      expect(member).toMatchObject({ online: true, presence: 'BUSY' });
      await bus.publish(a.dealershipId, TEAM_TOPIC, { at: NOW.toISOString() });
      expect((await events.next()).value).toMatchObject({ at: NOW.toISOString() });
      await bus.publish(a.dealershipId, PRESENCE_TOPIC, { online: false, presence });
      await events.next();
      expect((await svc.status(a)).members.find((m) => m.userId === riley)!.online).toBe(false);
      await events.return!();
      expect(bus.stats()).toEqual({ channels: 0, listeners: 0 });
    });
  });
});

// The Oscillator team network from a dealership's deals: rhythm, load, bottlenecks, mentoring and
// lead assignment, against real PostgreSQL (deals read through the scripted graph stand-in), and a
// second dealership seeing none of it.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { Learner } from '../src/domain/learner.ts';
import { SegmentService } from '../src/domain/segment-service.ts';
import { TeamService } from '../src/domain/team-service.ts';
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
});

// Customers and what happened with them: the CRM side of the demo (records, activities, notes),
// written through the customers service.
import type { Principal } from '@autolytiq/kit';
import type { CustomerService } from '@autolytiq/customers';
import { ACTIVITY_SUMMARIES, NOTES, demoCustomer } from './people.ts';
import { daysBefore, type Random } from './random.ts';
import { CONCURRENCY, mapLimit } from './stock.ts';

export interface SeededCustomer {
  id: string;
  business: boolean;
}

export async function createCustomers(
  customers: CustomerService,
  random: Random,
  count: number,
  /** Who creates them (the salespeople take turns) and who they are assigned to. */
  salespeople: readonly Principal[],
): Promise<SeededCustomer[]> {
  const inputs = Array.from({ length: count }, (_, n) => {
    const owner = salespeople[n % salespeople.length]!;
    const input = demoCustomer(random, n + 1);
    const assigned = random.chance(0.75) ? owner.userId : null;
    return { owner, input: { ...input, assignedSalespersonId: assigned } };
  });
  return mapLimit(inputs, CONCURRENCY, async ({ owner, input }) => {
    // Made-up people may share a name: they are different people, not duplicates to merge.
    const { customer } = await customers.create(owner, input, true);
    return { id: customer!.id, business: input.kind === 'BUSINESS' };
  });
}

/** A moment on `date` (dealership-local noon-ish, in UTC), never later than now. */
function momentOn(date: string, random: Random, now: Date): Date {
  const at = new Date(`${date}T${String(random.int(15, 23)).padStart(2, '0')}:15:00Z`);
  return at.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : at;
}

export interface TimelineCounts {
  activities: number;
  notes: number;
}

/** Activities in the last 90 days for most customers, and notes for some. */
export async function writeTimelines(
  customers: CustomerService,
  random: Random,
  people: readonly SeededCustomer[],
  salespeople: readonly Principal[],
  today: string,
  now: Date,
): Promise<TimelineCounts> {
  const kinds = Object.keys(ACTIVITY_SUMMARIES) as (keyof typeof ACTIVITY_SUMMARIES)[];
  const work: (() => Promise<unknown>)[] = [];
  const counts: TimelineCounts = { activities: 0, notes: 0 };
  people.forEach((person, n) => {
    const by = salespeople[n % salespeople.length]!;
    const activities = random.weighted([
      [0, 4],
      [1, 4],
      [2, 2],
    ] as const);
    for (let i = 0; i < activities; i++) {
      const kind = random.pick(kinds);
      const input = {
        kind,
        summary: random.pick(ACTIVITY_SUMMARIES[kind]),
        occurredAt: momentOn(daysBefore(today, random.int(0, 90)), random, now),
      };
      work.push(() => customers.logActivity(by, person.id, input));
      counts.activities += 1;
    }
    if (random.chance(0.25)) {
      const body = random.pick(NOTES);
      work.push(() => customers.addNote(by, person.id, body));
      counts.notes += 1;
    }
  });
  await mapLimit(work, CONCURRENCY, (run) => run());
  return counts;
}

/** The visit and test drive on the day a deal was written (its buyer's timeline shows the deal day). */
export function dealDayActivities(
  customers: CustomerService,
  random: Random,
  deals: readonly { buyerId: string; dealDate: string; salesperson: Principal }[],
  now: Date,
): Promise<unknown> {
  const visits = deals.map((d) => ({ ...d, occurredAt: momentOn(d.dealDate, random, now) }));
  return mapLimit(visits, CONCURRENCY, (d) =>
    customers.logActivity(d.salesperson, d.buyerId, {
      kind: 'TEST_DRIVE',
      summary: 'Test drive and walk-around; sat down to talk numbers',
      occurredAt: d.occurredAt,
    }),
  );
}

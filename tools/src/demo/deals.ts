// The demo deals end to end: a car and a buyer for each plan, the deal desked (in date order, so
// deal numbers rise with the deal date) and walked to its planned state, and the buyer's test drive
// on the deal day.
import type { CustomerService } from '@autolytiq/customers';
import type { Caller, DealService, DealStatus } from '@autolytiq/deals';
import type { VehicleRecord, VehicleService } from '@autolytiq/inventory';
import { VIN_PATTERNS, vinFor } from './catalog.ts';
import { dealPlans, type CreateDealInput, type DealPlan } from './deal-plans.ts';
import { dealInput, stepsTo, walkDeal, type DeskCast, type LotCar, type Step } from './desk.ts';
import type { Random } from './random.ts';
import { decodeOrFail, type VehicleDecode } from './stock.ts';
import { dealDayActivities, type SeededCustomer } from './timeline.ts';

export interface DeskContext {
  deals: DealService;
  customers: CustomerService;
  vehicles: VehicleService;
  random: Random;
  today: string;
  now: Date;
  lot: readonly VehicleRecord[];
  people: readonly SeededCustomer[];
  desk: DeskCast;
}

const toCar = (v: VehicleRecord): LotCar => ({
  id: v.id,
  condition: v.condition,
  msrp: v.msrp?.toNumber() ?? 0,
  listPrice: v.listPrice?.toNumber() ?? 0,
  inStockDate: v.inStockDate,
});

async function tradeFor(ctx: DeskContext): Promise<VehicleDecode> {
  const pattern = ctx.random.pick(VIN_PATTERNS.filter((p) => p.years.some((y) => y <= 2023)));
  const year = ctx.random.pick(pattern.years.filter((y) => y <= 2023));
  const d = await decodeOrFail(ctx.vehicles, vinFor(pattern, year, ctx.random.int(100000, 999999)));
  const mileage = (2026 - year) * ctx.random.int(10000, 15000);
  return { vin: d.check.vin, year: d.year, make: d.make, model: d.model, mileage };
}

interface Prepared {
  plan: DealPlan;
  input: CreateDealInput;
  salesperson: Caller;
  steps: Step[];
}

export async function deskDeals(ctx: DeskContext) {
  const { random, desk } = ctx;
  const cars = ctx.lot.map(toCar);
  const taken = new Set<string>();
  const buyers = random.shuffle(ctx.people.filter((p) => !p.business));
  let nextBuyer = 0;
  const prepared: Prepared[] = [];
  for (const plan of dealPlans(random, ctx.today)) {
    const fits = (c: LotCar) =>
      !taken.has(c.id) && (plan.kind !== 'LEASE' || c.condition === 'NEW');
    // A car on the lot by the deal date; failing that (a deal older than every free car), any.
    const onLot = cars.filter((c) => fits(c) && c.inStockDate <= plan.dealDate);
    const car = random.pick(onLot.length > 0 ? onLot : cars.filter(fits));
    taken.add(car.id);
    const buyer = buyers[nextBuyer++]!;
    const coBuyerId = random.chance(0.12) ? buyers[nextBuyer++]!.id : null;
    const trade = random.chance(0.35) ? await tradeFor(ctx) : null;
    const salesperson = random.pick(desk.salespeople);
    const input = dealInput(random, plan, car, buyer, coBuyerId, trade, desk, salesperson);
    prepared.push({ plan, input, salesperson, steps: stepsTo(plan, random) });
  }
  // Written one at a time (numbers follow dates); each is walked while the next ones are written.
  const walks: Promise<DealStatus>[] = [];
  for (const p of prepared) {
    // The desk manager writes it up for the salesperson: reconditioning and F&I costs are gross
    // figures a salesperson may not set (the salesperson still submits it, as on the floor).
    const deal = await ctx.deals.create(desk.manager, p.input);
    walks.push(walkDeal(ctx.deals, deal, p.steps, desk, p.salesperson));
  }
  const statuses = await Promise.all(walks);
  await dealDayActivities(
    ctx.customers,
    random,
    prepared.map((p) => ({
      buyerId: p.input.buyerId,
      dealDate: p.plan.dealDate,
      salesperson: p.salesperson.principal,
    })),
    ctx.now,
  );
  const byStatus: Partial<Record<DealStatus, number>> = {};
  for (const s of statuses) byStatus[s] = (byStatus[s] ?? 0) + 1;
  return { count: statuses.length, byStatus, activities: prepared.length };
}

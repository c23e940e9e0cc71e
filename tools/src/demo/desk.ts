// Desks the demo deals through the deals service and moves each through the state machine with the
// transition rules (who may approve, reasons, holds), one role per step as on a real floor: the desk
// manager writes the deal up for the salesperson, who submits it; the general manager approves or
// rejects it (whoever wrote it may not); F&I contracts and delivers; the manager unwinds.
import {
  acknowledgeMissingLocalTax,
  missingLocalTax,
  type Caller,
  type DealRecord,
  type DealService,
  type DealStatus,
} from '@autolytiq/deals';
import type { VehicleDecode } from './stock.ts';
import {
  REASONS,
  productsFor,
  scenariosFor,
  type CreateDealInput,
  type DealPlan,
} from './deal-plans.ts';
import { roundTo, type Random } from './random.ts';

export interface DeskCast {
  salespeople: Caller[];
  /** Desks (writes up) the deals. */
  manager: Caller;
  /** The general manager: approves or rejects what the desk manager wrote (separation of duties). */
  admin: Caller;
  finance: Caller;
}

export interface LotCar {
  id: string;
  condition: string;
  msrp: number;
  listPrice: number;
  inStockDate: string;
}

export interface Buyer {
  id: string;
  business: boolean;
}

type Step = {
  name: Parameters<DealService['transition']>[3];
  by: 'sales' | 'manager' | 'admin' | 'finance';
  reason?: string;
  /** What F&I records when contracting (the retail installment contract's number and date). */
  contract?: { contractNumber: string; contractDate: string };
};

const TO_DELIVERED: Step[] = [
  { name: 'submit', by: 'sales' },
  { name: 'approve', by: 'admin' },
  { name: 'sendToFinance', by: 'finance' },
  { name: 'contract', by: 'finance' },
  { name: 'deliver', by: 'finance' },
];

function stepsTo(plan: DealPlan, random: Random): Step[] {
  const contract = {
    contractNumber: `RIC-${random.int(100000, 999999)}`,
    contractDate: plan.dealDate,
  };
  const upTo = (n: number) =>
    TO_DELIVERED.slice(0, n).map((s) => (s.name === 'contract' ? { ...s, contract } : s));
  const steps: Partial<Record<DealStatus, Step[]>> = {
    SUBMITTED: upTo(1),
    APPROVED: upTo(2),
    IN_FINANCE: upTo(3),
    CONTRACTED: upTo(4),
    DELIVERED: upTo(5),
    REJECTED: [...upTo(1), { name: 'reject', by: 'admin', reason: random.pick(REASONS.reject) }],
    CANCELLED: [
      ...(plan.cancelAfterApproval ? upTo(2) : []),
      { name: 'cancel', by: 'sales', reason: random.pick(REASONS.cancel) },
    ],
    UNWOUND: [...upTo(5), { name: 'unwind', by: 'manager', reason: random.pick(REASONS.unwind) }],
  };
  return steps[plan.status] ?? [];
}

/** A trade-in from the VIN patterns the decoder knows (year, make, model as it decodes them). */
function tradeIn(random: Random, decode: VehicleDecode, price: number) {
  // Equity stays well under the price, so every scenario still finances a real amount.
  const allowance = roundTo(price * (0.1 + random.next() * 0.3), 250);
  const payoff = random.chance(0.45) ? roundTo(allowance * (0.3 + random.next() * 0.6), 1) : 0;
  return {
    vin: decode.vin,
    year: decode.year,
    make: decode.make,
    model: decode.model,
    mileage: decode.mileage,
    allowance: allowance.toFixed(2),
    actualCashValue: (allowance - roundTo(random.int(0, 1500), 250)).toFixed(2),
    payoff: payoff.toFixed(2),
    lienholder: payoff > 0 ? random.pick(['Ally Financial', 'Wells Fargo Auto', 'USAA']) : null,
  };
}

export function dealInput(
  random: Random,
  plan: DealPlan,
  car: LotCar,
  buyer: Buyer,
  coBuyerId: string | null,
  trade: VehicleDecode | null,
  cast: DeskCast,
  salesperson: Caller,
): CreateDealInput {
  const discount = roundTo(car.listPrice * random.next() * 0.04, 50);
  const price = car.listPrice - discount;
  const rebate =
    car.condition === 'NEW' && random.chance(0.35) ? roundTo(random.int(500, 2000), 250) : 0;
  return {
    buyerId: buyer.id,
    coBuyerId,
    vehicleId: car.id,
    salespersonId: salesperson.principal.userId,
    salesManagerId: cast.manager.principal.userId,
    dealDate: plan.dealDate,
    sellingPrice: price.toFixed(2),
    accessories: random.chance(0.15) ? '495.00' : '0',
    rebates:
      rebate > 0
        ? [
            {
              code: 'CUSTCASH',
              description: 'Manufacturer customer cash',
              amount: rebate.toFixed(2),
            },
          ]
        : [],
    tradeIns: trade ? [tradeIn(random, trade, price)] : [],
    products: productsFor(random, plan.kind),
    reconditioning: car.condition === 'NEW' ? '0' : roundTo(random.int(150, 1800), 5).toFixed(2),
    scenarios: scenariosFor(random, plan.kind, car.msrp, price),
  };
}

/** Walks a created deal through its steps, each by the role that takes it on a real floor. */
export async function walkDeal(
  deals: DealService,
  created: DealRecord,
  steps: readonly Step[],
  cast: DeskCast,
  salesperson: Caller,
): Promise<DealStatus> {
  let deal = created;
  for (const step of steps) {
    const by = step.by === 'sales' ? salesperson : cast[step.by];
    if (step.name === 'contract' && missingLocalTax(deal).length > 0) {
      // A buyer where no local rate is known (e.g. New Orleans): the desk manager signs off first.
      deal = await acknowledgeMissingLocalTax(deals, cast.manager, deal.id, deal.version);
    }
    deal = await deals.transition(
      by,
      deal.id,
      deal.version,
      step.name,
      step.reason ?? null,
      step.contract,
    );
  }
  return deal.status;
}

export { stepsTo, type Step };

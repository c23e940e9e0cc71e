// One car, one deal: a deal may not be opened on (or moved to) a vehicle another open deal has,
// unless the caller says they know (`acknowledgeOpenDeals`). Messages name deal numbers and people,
// never ids; the people come from the graph (auth's users), asked as the caller.
import { badInput, type EntityManager } from '@autolytiq/kit';
import { openDealsOn, type OpenDeal } from '../store/open-deals-store.ts';
import { STATUS_WORDS } from './actions.ts';
import type { Caller, DealBase } from './deal-base.ts';
import type { DealChangeRecord } from './records.ts';

export interface NamedOpenDeal extends OpenDeal {
  salespersonName: string | null;
}

/** The salesperson's name of each deal (null when unknown or the graph cannot say). */
export async function salespeopleOf(
  service: DealBase,
  c: Caller,
  dealIds: readonly string[],
): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>(dealIds.map((id) => [id, null]));
  if (dealIds.length === 0) return names;
  const fields = dealIds.map((_, i) => `d${i}: deal(id: $d${i}) { salesperson { displayName } }`);
  try {
    const data = await service.graph.request<
      Record<string, { salesperson: { displayName: string } | null } | null>
    >(
      c.token,
      c.requestId,
      `query DealSalespeople(${dealIds.map((_, i) => `$d${i}: ID!`).join(', ')}) { ${fields.join(' ')} }`,
      Object.fromEntries(dealIds.map((id, i) => [`d${i}`, id])),
    );
    dealIds.forEach((id, i) => names.set(id, data[`d${i}`]?.salesperson?.displayName ?? null));
  } catch {
    // Names are a courtesy in a message: the deal numbers alone still say which deals.
  }
  return names;
}

/** "deal #1002 (Morgan Lee, submitted)" */
export function describeDeal(d: NamedOpenDeal): string {
  const who = d.salespersonName ? `${d.salespersonName}, ` : '';
  return `deal #${d.dealNumber} (${who}${STATUS_WORDS[d.status]})`;
}

/** Raised inside the write's transaction (no network there); turned into words after rollback. */
export class OpenDealsRefusal extends Error {
  constructor(readonly others: OpenDeal[]) {
    super('the vehicle is in another open deal');
  }
}

/**
 * Inside the write's transaction, after the input checks: the other open deals on `vehicleId`.
 * Without the acknowledgement any such deal refuses the write; with it they are returned (to be
 * recorded with the write).
 */
export async function openDealsGuard(
  em: EntityManager,
  vehicleId: string,
  exceptDealId: string | null,
  acknowledged: boolean,
): Promise<OpenDeal[]> {
  const others = await openDealsOn(em, [vehicleId], exceptDealId);
  if (others.length > 0 && !acknowledged) throw new OpenDealsRefusal(others);
  return others;
}

/**
 * After the transaction rolled back: an OpenDealsRefusal becomes BAD_USER_INPUT on input.vehicleId
 * naming the deals' numbers and salespeople; any other error passes through.
 */
export async function explainRefusal(service: DealBase, c: Caller, error: unknown): Promise<never> {
  if (!(error instanceof OpenDealsRefusal)) throw error;
  const others = error.others;
  const names = await salespeopleOf(
    service,
    c,
    others.map((d) => d.id),
  );
  const named = others.map((d) => ({ ...d, salespersonName: names.get(d.id) ?? null }));
  const list = named.map(describeDeal).join(', ');
  throw badInput(
    'input.vehicleId',
    `This vehicle is already in ${list}. Choose another vehicle, or confirm a second deal on it (acknowledgeOpenDeals).`,
    {
      openDeals: named.map((d) => ({
        dealNumber: d.dealNumber,
        status: d.status,
        salesperson: d.salespersonName,
      })),
    },
  );
}

/** The other open deals the caller knowingly shares the vehicle with, as an event change. */
export function acknowledgedChange(others: readonly OpenDeal[]): DealChangeRecord[] {
  if (others.length === 0) return [];
  return [
    {
      field: 'acknowledgedOpenDeals',
      from: null,
      to: JSON.stringify(others.map((d) => d.dealNumber)),
    },
  ];
}

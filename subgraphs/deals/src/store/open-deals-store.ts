// Which open deals a vehicle is in (one car, one deal): a deal counts until it is delivered,
// cancelled or unwound. Inside a tenant transaction, so only the caller's dealership's deals.
import { isUuid, uuidArray, type EntityManager } from '@autolytiq/kit';
import type { DealStatus } from '../domain/records.ts';

/** Statuses in which a deal still claims its vehicle (REJECTED can be reopened). */
export const OPEN_STATUSES: readonly DealStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'IN_FINANCE',
  'CONTRACTED',
  'REJECTED',
];

export interface OpenDeal {
  id: string;
  vehicleId: string;
  dealNumber: number;
  status: DealStatus;
  salespersonId: string | null;
}

/** Open deals on these vehicles (oldest deal number first), leaving out `exceptDealId`. */
export async function openDealsOn(
  em: EntityManager,
  vehicleIds: readonly string[],
  exceptDealId: string | null = null,
): Promise<OpenDeal[]> {
  const valid = vehicleIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await em.execute<
    {
      id: string;
      vehicle_id: string;
      deal_number: number;
      status: DealStatus;
      salesperson_id: string | null;
    }[]
  >(
    `select id, vehicle_id, deal_number, status, salesperson_id from deals.deals
     where vehicle_id = any(?::uuid[]) and status = any(?::text[])
       and (?::uuid is null or id <> ?::uuid)
     order by deal_number`,
    [uuidArray(valid), `{${OPEN_STATUSES.join(',')}}`, exceptDealId, exceptDealId],
  );
  return rows.map((r) => ({
    id: r.id,
    vehicleId: r.vehicle_id,
    dealNumber: r.deal_number,
    status: r.status,
    salespersonId: r.salesperson_id,
  }));
}

// deals.outbox: vehicle-status changes for inventory, queued in the deal's transaction and delivered
// by the relay (claim, then delivered / refused / failed).
import type { EntityManager } from '@autolytiq/kit';

export async function insertOutbox(
  em: EntityManager,
  dealershipId: string,
  dealId: string,
  vehicleId: string,
  vehicleStatus: 'ON_HOLD' | 'SOLD' | 'AVAILABLE',
): Promise<void> {
  await em.execute(
    `insert into deals.outbox (dealership_id, deal_id, vehicle_id, vehicle_status) values (?, ?, ?, ?)`,
    [dealershipId, dealId, vehicleId, vehicleStatus],
  );
}

export interface OutboxItem {
  id: string;
  dealershipId: string;
  dealId: string;
  vehicleId: string;
  vehicleStatus: 'ON_HOLD' | 'SOLD' | 'AVAILABLE';
  attempts: number;
}

export async function claimOutbox(
  em: EntityManager,
  limit: number,
  leaseSeconds: number,
): Promise<OutboxItem[]> {
  const rows = await em.execute<
    {
      id: string;
      dealership_id: string;
      deal_id: string;
      vehicle_id: string;
      vehicle_status: OutboxItem['vehicleStatus'];
      attempts: number;
    }[]
  >('select * from deals.claim_outbox(?, ?)', [limit, leaseSeconds]);
  return rows.map((r) => ({
    id: r.id,
    dealershipId: r.dealership_id,
    dealId: r.deal_id,
    vehicleId: r.vehicle_id,
    vehicleStatus: r.vehicle_status,
    attempts: r.attempts,
  }));
}

export async function markDelivered(em: EntityManager, id: string): Promise<void> {
  await em.execute('select deals.outbox_delivered(?)', [id]);
}

/** Inventory refused the change for good: settled, but kept as refused with the reason. */
export async function markRefused(em: EntityManager, id: string, error: string): Promise<void> {
  await em.execute('select deals.outbox_refused(?, ?)', [id, error]);
}

export async function markFailed(em: EntityManager, id: string, error: string): Promise<void> {
  await em.execute('select deals.outbox_failed(?, ?)', [id, error]);
}

/** Who holds the vehicle, as far as this dealership's deals know: the latest status sent for it. */
export async function vehicleHolder(em: EntityManager, vehicleId: string) {
  const rows = await em.execute<{ deal_id: string; vehicle_status: string }[]>(
    'select deal_id, vehicle_status from deals.outbox where vehicle_id = ? order by seq desc limit 1',
    [vehicleId],
  );
  return rows[0] ?? null;
}

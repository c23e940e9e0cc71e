// Vehicle holds and sales the demo deals queued (approve → ON_HOLD, deliver → SOLD, cancel/unwind →
// AVAILABLE), delivered to inventory in-process as the outbox relay would deliver them through the
// router. Only the demo dealership's rows are read (its tenant; row-level security), unlike the
// relay, which works for every dealership; inventory records each row id, so a later relay pass
// over the same rows would change nothing.
import type { Database, Principal } from '@autolytiq/kit';
import type { VehicleService } from '@autolytiq/inventory';

interface PendingRow {
  id: string;
  deal_id: string;
  vehicle_id: string;
  vehicle_status: 'ON_HOLD' | 'SOLD' | 'AVAILABLE';
}

export async function deliverVehicleStatuses(
  dealsDb: Database,
  vehicles: VehicleService,
  principal: Principal,
): Promise<number> {
  const tenant = { dealershipId: principal.dealershipId };
  const pending = await dealsDb.withTenant(tenant, (em) =>
    em.execute<PendingRow[]>(
      'select id, deal_id, vehicle_id, vehicle_status from deals.outbox where delivered_at is null order by seq',
    ),
  );
  for (const row of pending) {
    await vehicles.applyDealStatus(principal, {
      eventId: row.id,
      vehicleId: row.vehicle_id,
      dealId: row.deal_id,
      status: row.vehicle_status,
    });
    await dealsDb.withTenant(tenant, (em) =>
      em.execute('select deals.outbox_delivered(?)', [row.id]),
    );
  }
  return pending.length;
}

// Vehicle-status changes sent by the deals service (hold on approval, sold on delivery, release on
// cancel/unwind). Each arrives with the id of the deals outbox row; recording it makes a redelivery
// a no-op.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0003DealVehicleStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table inventory.deal_status_events (
        event_id uuid primary key,
        dealership_id uuid not null,
        vehicle_id uuid not null,
        deal_id uuid not null,
        status text not null check (status in ('AVAILABLE', 'ON_HOLD', 'SOLD')),
        applied_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('inventory.deal_status_events')) this.addSql(sql);
    this.addSql(
      'create index deal_status_events_by_vehicle on inventory.deal_status_events (dealership_id, vehicle_id, applied_at)',
    );
  }
}

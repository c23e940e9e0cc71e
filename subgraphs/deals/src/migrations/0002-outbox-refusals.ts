// A vehicle-status change that inventory refuses for good (the vehicle is gone, the status is not
// allowed) used to be marked delivered and only logged. It is now kept as refused — with the reason —
// and written into the deal's history, so the desk sees that the vehicle's status did not follow.
import { Migration } from '@autolytiq/kit';

export class Migration0002OutboxRefusals extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table deals.outbox add column refused_at timestamptz');
    // Refused rows count as settled: later changes for the same vehicle are not held behind them.
    this.addSql(`
      create function deals.outbox_refused(p_id uuid, p_error text) returns void
      language sql volatile security definer set search_path = pg_catalog, deals as $$
        update deals.outbox
           set delivered_at = now(), refused_at = now(), last_error = left(p_error, 500)
         where id = p_id
      $$`);
    this.addSql('revoke all on function deals.outbox_refused(uuid, text) from public');
    this.addSql('grant execute on function deals.outbox_refused(uuid, text) to autolytiq_app');
  }
}

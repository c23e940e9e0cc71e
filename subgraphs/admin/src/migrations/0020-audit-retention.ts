// How long a dealership keeps its audit trail, and the list the retention job reads across
// dealerships (SECURITY DEFINER: only ids and days, nothing else of the rows).
import { Migration } from '@autolytiq/kit';

export class Migration0020AuditRetention extends Migration {
  override async up(): Promise<void> {
    // 7 years by default (what US dealers commonly keep deal records for); never under 1 year (the
    // FTC Safeguards Rule's monitoring needs a trail to look back on) nor over 10.
    this.addSql(`alter table admin.dealerships add column audit_retention_days integer not null
      default 2555 check (audit_retention_days between 365 and 3650)`);
    this.addSql(`create function admin.audit_retention() returns table (id uuid, days integer)
      language sql stable security definer set search_path = pg_catalog, admin as $$
        select d.id, d.audit_retention_days from admin.dealerships d
      $$`);
    this.addSql('revoke all on function admin.audit_retention() from public');
    this.addSql('grant execute on function admin.audit_retention() to autolytiq_app');
    // The owner's policy on admin.dealerships that this function needs comes from 0010-operator-list.
  }
}

// The platform operator's list of dealerships (`npm run dealership -- list`). It spans tenants, so it
// is a SECURITY DEFINER function owned by the migrating role and NOT granted to the application role:
// only a connection as the database owner (the operator's DATABASE_URL) may call it.
import { Migration } from '@autolytiq/kit';

export class Migration0010OperatorList extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create policy definer_access on admin.dealerships to current_user using (true) with check (true)',
    );
    this.addSql(`
      create function admin.all_dealerships()
      returns table (id uuid, name text, state text, timezone text, created_at timestamptz)
      language sql stable security definer set search_path = pg_catalog, admin as $$
        select d.id, d.name, d.address_state::text, d.timezone, d.created_at from admin.dealerships d order by d.created_at
      $$`);
    this.addSql('revoke all on function admin.all_dealerships() from public');
  }
}

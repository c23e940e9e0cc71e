// The customer record's date of birth sealed like the credit application's, and credit applications
// made editable (versioned, with an append-only audit of which fields changed).
//
// A migration cannot read CUSTOMERS_PII_KEYS, so it only adds the sealed columns; the subgraph seals
// the rows still holding a clear date_of_birth at start-up (CustomerService.sealClearDatesOfBirth:
// per dealership, in batches, idempotent), nulling the clear column as it goes. Until a row is
// sealed, reads take its birth year from the clear column and duplicate detection still compares it.
// Finding the dealerships with clear values spans tenants: a SECURITY DEFINER function returning only
// dealership ids, which reads through an owner-only SELECT policy (the app role is not the owner, so
// the policy never applies to application queries).
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0003SealedDobAndApplicationEdits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table customers.customers
        add column date_of_birth_encrypted text,
        add column birth_year smallint,
        -- HMAC of the date (key derived from the PII key, per dealership): name + DOB duplicate match
        add column dob_match text`);
    this.addSql(`
      alter table customers.customers
        add constraint customers_dob_sealed check (
          (date_of_birth_encrypted is null
            or (birth_year is not null and dob_match is not null and date_of_birth is null))
          and (date_of_birth is null or date_of_birth_encrypted is null))`);
    this.addSql('drop index customers.customers_name_dob_idx');
    this.addSql(
      'create index customers_dob_match_idx on customers.customers (dealership_id, dob_match) where dob_match is not null',
    );
    // Rows still in clear (none once the start-up pass has run): the pass and the interim match use it.
    this.addSql(
      'create index customers_clear_dob_idx on customers.customers (dealership_id, date_of_birth) where date_of_birth is not null',
    );
    this.addSql(
      'create policy definer_read on customers.customers for select to current_user using (true)',
    );
    this.addSql(`
      create function customers.dealerships_with_clear_dob()
      returns setof uuid
      language sql stable security definer set search_path = pg_catalog, customers as $$
        select distinct c.dealership_id from customers.customers c where c.date_of_birth is not null
      $$`);
    this.addSql('revoke all on function customers.dealerships_with_clear_dob() from public');
    this.addSql(
      'grant execute on function customers.dealerships_with_clear_dob() to autolytiq_app',
    );

    // Customer-record reveals share the PII audit: no application then.
    this.addSql('alter table customers.pii_reveals alter column application_id drop not null');

    this.addSql(`
      alter table customers.credit_applications
        add column version integer not null default 1,
        add column updated_at timestamptz`);
    this.addSql(`
      create table customers.credit_application_changes (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        application_id uuid not null references customers.credit_applications (id),
        -- no foreign key: merges and removals never rewrite the history
        customer_id uuid not null,
        changed_by uuid not null,
        changed_by_username text,
        -- input paths only (applicant.ssn, coApplicant...), never values
        fields text[] not null check (cardinality(fields) > 0),
        version integer not null,
        request_id text,
        changed_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.credit_application_changes')) this.addSql(sql);
    this.addSql(
      'create index credit_application_changes_app_idx on customers.credit_application_changes (application_id, changed_at desc)',
    );
    this.addSql(`
      create function customers.append_only() returns trigger
      language plpgsql as $$
      begin
        raise exception 'customers.% is append-only', tg_table_name using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger credit_application_changes_append_only
        before update or delete on customers.credit_application_changes
        for each row execute function customers.append_only()`);
  }
}

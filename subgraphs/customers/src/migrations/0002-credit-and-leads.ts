// Credit applications (PII encrypted at rest), the audit of every PII reveal, and imported ADF leads.
//
// PII columns hold AES-256-GCM envelopes that name their key ("v1.<keyId>.<nonce>.<ct>"), never clear
// text; the masked forms (last four SSN digits, birth year) are kept beside them so ordinary reads
// decrypt nothing. The reveal audit is append-only: a trigger refuses UPDATE and DELETE for every
// role (the kit grants the app role all DML on the schema's tables after each migration run), and its
// customer id carries no foreign key so merging or removing a customer never rewrites history.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0002CreditAndLeads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table customers.credit_applications (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        customer_id uuid not null references customers.customers (id),
        created_by uuid,
        created_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.credit_applications')) this.addSql(sql);
    this.addSql(
      'create index credit_applications_customer_idx on customers.credit_applications (customer_id, created_at desc)',
    );

    this.addSql(`
      create table customers.credit_applicants (
        id uuid primary key,
        dealership_id uuid not null,
        application_id uuid not null references customers.credit_applications (id) on delete cascade,
        role text not null check (role in ('APPLICANT', 'CO_APPLICANT')),
        first_name text not null,
        middle_name text,
        last_name text not null,
        suffix text,
        ssn_encrypted text not null,
        ssn_last4 char(4) not null,
        date_of_birth_encrypted text not null,
        birth_year smallint not null,
        email text,
        phone text,
        residences jsonb not null default '[]',
        employments jsonb not null default '[]',
        gross_monthly_income numeric(12, 2) not null,
        other_monthly_income numeric(12, 2),
        other_income_source text,
        monthly_housing_payment numeric(12, 2) not null,
        unique (application_id, role)
      )`);
    for (const sql of tenantTableSql('customers.credit_applicants')) this.addSql(sql);

    this.addSql(`
      create table customers.pii_reveals (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        customer_id uuid not null,
        application_id uuid not null references customers.credit_applications (id),
        revealed_by uuid not null,
        revealed_by_username text,
        fields text[] not null check (cardinality(fields) > 0),
        request_id text,
        revealed_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.pii_reveals')) this.addSql(sql);
    this.addSql(
      'create index pii_reveals_customer_idx on customers.pii_reveals (dealership_id, customer_id, revealed_at desc)',
    );
    this.addSql(`
      create function customers.pii_reveals_append_only() returns trigger
      language plpgsql as $$
      begin
        raise exception 'customers.pii_reveals is append-only' using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger pii_reveals_append_only before update or delete on customers.pii_reveals
        for each row execute function customers.pii_reveals_append_only()`);

    this.addSql(`
      create table customers.adf_leads (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        customer_id uuid not null references customers.customers (id),
        activity_id uuid references customers.activities (id),
        -- provider (or source) plus the provider's prospect id: the same lead sent twice is one lead
        lead_key text,
        provider text,
        request_date timestamptz,
        vehicles jsonb not null default '[]',
        warnings jsonb not null default '[]',
        xml text not null,
        imported_by uuid,
        imported_at timestamptz not null default now()
      )`);
    for (const sql of tenantTableSql('customers.adf_leads')) this.addSql(sql);
    this.addSql(
      'create unique index adf_leads_key_idx on customers.adf_leads (dealership_id, lead_key) where lead_key is not null',
    );
    this.addSql('create index adf_leads_customer_idx on customers.adf_leads (customer_id)');
  }
}

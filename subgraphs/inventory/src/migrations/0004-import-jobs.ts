// Background CSV imports: one row per import, updated in the same transaction as each batch of
// vehicles it saves, so the progress a client polls is exactly what has been committed.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0004ImportJobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table inventory.import_jobs (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        created_by uuid,
        status text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
        total_rows integer not null,
        processed_rows integer not null default 0,
        imported integer not null default 0,
        failed integer not null default 0,
        errors jsonb not null default '[]',
        batches jsonb not null default '[]',
        failure_message text,
        started_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        finished_at timestamptz
      )`);
    for (const sql of tenantTableSql('inventory.import_jobs')) this.addSql(sql);
    this.addSql(
      'create index import_jobs_recent on inventory.import_jobs (dealership_id, started_at desc)',
    );
  }
}

// Deal numbers: a human number per deal, sequential per dealership. deals.deal_counters holds one row
// per dealership (its first number and the last one given); creating a deal bumps that row in its own
// transaction (the row stays locked until commit), so committed numbers have no gaps and concurrent
// creates queue on the row. Existing deals are numbered here from 1001 in deal-date, then creation,
// order per dealership.
import { Migration, tenantTableSql } from '@autolytiq/kit';

// Literal on purpose: a migration must not change when application constants do.
const FIRST = 1001;

export class Migration0003DealNumbers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table deals.deal_counters (
        dealership_id uuid primary key,
        first_number integer not null default ${FIRST}
          check (first_number between 1 and 999999999),
        last_number integer check (last_number >= first_number),
        updated_at timestamptz not null default now()
      )`);
    this.addSql('alter table deals.deals add column deal_number integer');
    // The backfill spans every dealership: the owner may read them all while RLS is not forced.
    this.addSql('alter table deals.deals no force row level security');
    this.addSql(`
      update deals.deals d set deal_number = n.num
        from (select id, ${FIRST - 1} + row_number() over (
                partition by dealership_id order by deal_date, created_at, id) as num
              from deals.deals) n
       where n.id = d.id`);
    this.addSql(`
      insert into deals.deal_counters (dealership_id, first_number, last_number)
      select dealership_id, ${FIRST}, max(deal_number)
        from deals.deals group by dealership_id`);
    this.addSql('alter table deals.deals force row level security');
    this.addSql('alter table deals.deals alter column deal_number set not null');
    this.addSql(
      'alter table deals.deals add constraint deals_deal_number_positive check (deal_number > 0)',
    );
    this.addSql(
      'alter table deals.deals add constraint deals_number_unique unique (dealership_id, deal_number)',
    );
    for (const sql of tenantTableSql('deals.deal_counters')) this.addSql(sql);
  }
}

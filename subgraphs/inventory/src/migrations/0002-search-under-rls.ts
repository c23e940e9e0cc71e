// Search that stays on indexes under row-level security. With RLS, PostgreSQL may use only
// leakproof operators as index conditions ahead of the policy; numeric comparisons and the full-text
// `@@` are not leakproof, so price ranges and text search fell back to sequential scans at 50k rows.
// - price: a generated bigint key in cents (int8 comparisons are leakproof), indexed for sort + range;
// - free text: one row per (vehicle, word) with a C-collated btree; a prefix is a text range
//   (text comparisons are leakproof), kept in step by a trigger from the `search` tsvector.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0002SearchUnderRls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table inventory.vehicles add column price_cents bigint not null
      generated always as (coalesce(round(list_price * 100)::bigint, 0)) stored`);
    this.addSql('drop index inventory.vehicles_by_price');
    this.addSql(
      'create index vehicles_by_price on inventory.vehicles (dealership_id, price_cents, id)',
    );
    this.addSql('drop index inventory.vehicles_search');
    this.addSql(`
      create table inventory.vehicle_words (
        dealership_id uuid not null,
        vehicle_id uuid not null references inventory.vehicles (id) on delete cascade,
        word text collate "C" not null,
        primary key (dealership_id, word, vehicle_id)
      )`);
    this.addSql('create index vehicle_words_by_vehicle on inventory.vehicle_words (vehicle_id)');
    for (const sql of tenantTableSql('inventory.vehicle_words')) this.addSql(sql);
    this.addSql(`
      create function inventory.sync_vehicle_words() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          if new.search = old.search then return null; end if;
          delete from inventory.vehicle_words where vehicle_id = new.id;
        end if;
        insert into inventory.vehicle_words (dealership_id, vehicle_id, word)
        select distinct new.dealership_id, new.id, w
        from unnest(tsvector_to_array(new.search)) as w
        where length(w) between 1 and 100;
        return null;
      end $$`);
    this.addSql(`create trigger vehicles_words after insert or update on inventory.vehicles
      for each row execute function inventory.sync_vehicle_words()`);
  }
}

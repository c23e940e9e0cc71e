// Free-text search as salespeople type it: "2019 camry" (the model year is a search word), "f150"
// for an F-150 (the model without its punctuation is one too) and "F-150" itself (the query is split
// into "f" and "150", but the tsvector's parser keeps "-150" as a signed number, so "150" never
// matched: the words of make, model and trim split like a query are added). The words trigger adds
// them; vehicles saved before get them here.
import { Migration } from '@autolytiq/kit';

export class Migration0006SearchYearAndCompactModel extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function inventory.sync_vehicle_words() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          if new.search = old.search and new.year = old.year then return null; end if;
          delete from inventory.vehicle_words where vehicle_id = new.id;
        end if;
        insert into inventory.vehicle_words (dealership_id, vehicle_id, word)
        select distinct new.dealership_id, new.id, w
        from unnest(tsvector_to_array(new.search) || array[
               new.year::text, regexp_replace(lower(new.model), '[^a-z0-9]', '', 'g')] ||
               regexp_split_to_array(
                 lower(new.make || ' ' || new.model || ' ' || coalesce(new.trim, '')), '[^a-z0-9]+')
             ) as w
        where length(w) between 1 and 100;
        return null;
      end $$`);
    this.addSql(`
      insert into inventory.vehicle_words (dealership_id, vehicle_id, word)
      select distinct dealership_id, id, w
        from inventory.vehicles,
             unnest(array[year::text, regexp_replace(lower(model), '[^a-z0-9]', '', 'g')] ||
               regexp_split_to_array(
                 lower(make || ' ' || model || ' ' || coalesce(trim, '')), '[^a-z0-9]+')) as w
       where length(w) between 1 and 100
      on conflict do nothing`);
  }
}

// A stock number is how a dealership names a car (the sticker on the windshield, the key tag, the
// deal jacket, the salesperson's search): two vehicles of one dealership may not share one, compared
// without regard to case ("a100" is "A100"). Duplicates already saved are kept as they are (changing
// a stock number in the database would no longer match the tag on the car): the oldest vehicle of
// each clashing group holds the number, the others are marked `stock_number_clash` and stay outside
// the unique index until their stock number is changed.
import { Migration } from '@autolytiq/kit';

export class Migration0005UniqueStockNumber extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table inventory.vehicles add column stock_number_clash boolean not null default false',
    );
    this.addSql(`
      update inventory.vehicles v set stock_number_clash = true
        from (select id, row_number() over (
                partition by dealership_id, upper(stock_number) order by created_at, id) as n
                from inventory.vehicles) ranked
       where ranked.id = v.id and ranked.n > 1`);
    this.addSql(`
      create unique index vehicles_stock_number_per_dealership
        on inventory.vehicles (dealership_id, upper(stock_number)) where not stock_number_clash`);
  }
}

// The deals list breaks ties within one sort key (many deals on one deal date) by deal number, newest
// first, instead of by the random id: the list indexes follow.
import { Migration } from '@autolytiq/kit';

export class Migration0004ListByDealNumber extends Migration {
  override async up(): Promise<void> {
    for (const [name, column] of [
      ['deals_by_date', 'deal_date'],
      ['deals_by_updated', 'updated_at'],
      ['deals_by_created', 'created_at'],
    ] as const) {
      this.addSql(`drop index if exists deals.${name}`);
      this.addSql(
        `create index ${name} on deals.deals (dealership_id, ${column} desc, deal_number desc)`,
      );
    }
  }
}

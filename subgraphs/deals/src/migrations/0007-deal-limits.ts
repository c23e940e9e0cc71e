// The dealership's limits on what a deal may say: the longest finance term it writes (default 96
// months; RV and marine dealers go to 240) and the highest doc fee where the state sets no cap.
import { Migration } from '@autolytiq/kit';

export class Migration0007DealLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table deals.settings add column max_term_months int not null default 96 check (max_term_months between 1 and 240)',
    );
    this.addSql(
      'alter table deals.settings add column max_doc_fee numeric(12, 2) not null default 1500 check (max_doc_fee >= 0)',
    );
  }
}

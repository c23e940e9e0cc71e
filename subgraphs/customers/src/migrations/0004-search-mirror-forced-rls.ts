// The search mirror is guarded like every other tenant table (issue 12). 0001 left
// customers.customer_search with row-level security enabled but not forced, read through a view that
// was no security barrier, so that trigram conditions would reach the indexes. But a caller's
// condition could then run on other dealerships' rows before the view's tenant predicate, and an
// error raised by it showed another dealership's customer name. Now the mirror's RLS is forced and
// the view is a security barrier: the tenant predicate always runs first. The cost is that a name
// search filters the dealership's mirror rows (its dealership_id index) instead of reaching the
// trigram index directly; the mirror rows are small (names, contact text, ids).
import { Migration } from '@autolytiq/kit';

export class Migration0004SearchMirrorForcedRls extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customers.customer_search force row level security');
    this.addSql('alter view customers.customer_search_v set (security_barrier = true)');
  }
}

// A re-import (a nightly DMS feed) updates the units already in inventory by VIN: the job records how
// many rows changed a vehicle and how many matched one without changing anything, apart from the
// rows it added.
import { Migration } from '@autolytiq/kit';

export class Migration0100ImportUpdates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table inventory.import_jobs add column updated integer not null default 0, add column unchanged integer not null default 0',
    );
  }
}

// The dealership's own local tax rate for the deal's state and ZIP (from calc, as taxQuote applies
// it), kept on the deal: every scenario and grid of the deal is computed at it, and the web's
// instant grid reads it so the browser computes the same numbers.
import { Migration } from '@autolytiq/kit';

export class Migration0006LocalRate extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table deals.deals add column local_rate jsonb');
  }
}

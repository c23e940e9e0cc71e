// F&I marks a deal contracted with the lender, contract number and date (who and when as well); a
// manager's acknowledgement that a deal's tax lacks a local rate is recorded on the deal. Both are
// small JSON documents on the deal row: they are read with the deal and never queried on their own.
import { Migration } from '@autolytiq/kit';

export class Migration0005ContractAndAcknowledgements extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table deals.deals add column contract jsonb');
    this.addSql('alter table deals.deals add column local_rate_acknowledgement jsonb');
  }
}

// The selling dealership's ZIP, taken from its address when the deal is opened: where a vehicle's
// local tax follows the dealer's location (WA, IL, AZ), every scenario and the web's instant grid
// compute the local tax at it (calc's dealerZip). deals.deals already has RLS enabled and forced.
import { Migration } from '@autolytiq/kit';

export class Migration0090DealerZip extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table deals.deals add column dealer_zip text');
  }
}

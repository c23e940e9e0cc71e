// The dealership's business information beyond name and address: its federal tax id (EIN), main
// phone, logo, and opening hours (one range per weekday; a day not listed is closed). Hours are a
// small JSON list because they are read and written whole, never queried by part.
import { Migration } from '@autolytiq/kit';

export class Migration0061BusinessInfo extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table admin.dealerships
      add column tax_id text check (tax_id ~ '^[0-9]{2}-[0-9]{7}$'),
      add column phone text check (length(phone) <= 30),
      add column logo_url text check (length(logo_url) <= 500),
      add column hours jsonb not null default '[]'::jsonb`);
  }
}

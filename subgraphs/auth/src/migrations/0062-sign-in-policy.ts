// The dealership's sign-in policy beside its second-factor roles: the shortest password it accepts
// (12 to 64 characters; NIST's floor is the platform's, a dealership may only ask for more) and the
// policy's own version, so a rename refreshing the mail copy of the name (which bumps `version`)
// never makes an administrator's policy edit a CONFLICT.
import { Migration } from '@autolytiq/kit';

export class Migration0062SignInPolicy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table auth.dealership_settings
      add column password_min_length integer not null default 12
        check (password_min_length between 12 and 64),
      add column policy_version integer not null default 1`);
  }
}

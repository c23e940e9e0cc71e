import { Migration0001Identity } from './0001-identity.ts';
import { Migration0002RevokedSessions } from './0002-revoked-sessions.ts';
import { Migration0003LoginFailures } from './0003-login-failures.ts';
import { Migration0004MailOutbox } from './0004-mail-outbox.ts';
import {
  Migration0005LockoutSessionsAudit,
  Migration0006IdentitySettings,
} from './0005-lockout-sessions-audit.ts';
import { Migration0007SecondFactor } from './0007-second-factor.ts';
import { Migration0008Recovery } from './0008-recovery.ts';
import { Migration0010UserAdmin } from './0010-user-admin.ts';
import { Migration0011CustomRoles } from './0011-custom-roles.ts';
import { Migration0110UnknownSignIns } from './0110-unknown-sign-ins.ts';
import { Migration0060ApiClients } from './0060-api-clients.ts';
import { Migration0050UserSearch } from './0050-user-search.ts';
import { Migration0062SignInPolicy } from './0062-sign-in-policy.ts';

export const migrations = [
  { name: '0001-identity', class: Migration0001Identity },
  { name: '0002-revoked-sessions', class: Migration0002RevokedSessions },
  { name: '0003-login-failures', class: Migration0003LoginFailures },
  { name: '0004-mail-outbox', class: Migration0004MailOutbox },
  { name: '0005-lockout-sessions-audit', class: Migration0005LockoutSessionsAudit },
  { name: '0006-identity-settings', class: Migration0006IdentitySettings },
  { name: '0007-second-factor', class: Migration0007SecondFactor },
  { name: '0008-recovery', class: Migration0008Recovery },
  { name: '0010-user-admin', class: Migration0010UserAdmin },
  { name: '0011-custom-roles', class: Migration0011CustomRoles },
  { name: '0110-unknown-sign-ins', class: Migration0110UnknownSignIns },
  { name: '0060-api-clients', class: Migration0060ApiClients },
  { name: '0050-user-search', class: Migration0050UserSearch },
  { name: '0062-sign-in-policy', class: Migration0062SignInPolicy },
];

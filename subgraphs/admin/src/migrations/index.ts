import { Migration0001Dealerships } from './0001-dealerships.ts';
import { Migration0010OperatorList } from './0010-operator-list.ts';
import { Migration0045Presence } from './0045-presence.ts';
import { Migration0020AuditRetention } from './0020-audit-retention.ts';
import { Migration0061BusinessInfo } from './0061-business-info.ts';

export const migrations = [
  { name: '0001-dealerships', class: Migration0001Dealerships },
  { name: '0010-operator-list', class: Migration0010OperatorList },
  { name: '0045-presence', class: Migration0045Presence },
  { name: '0020-audit-retention', class: Migration0020AuditRetention },
  { name: '0061-business-info', class: Migration0061BusinessInfo },
];

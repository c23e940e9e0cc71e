import { Migration0001Customers } from './0001-customers.ts';
import { Migration0002CreditAndLeads } from './0002-credit-and-leads.ts';
import { Migration0003SealedDobAndApplicationEdits } from './0003-sealed-dob-and-application-edits.ts';
import { Migration0004SearchMirrorForcedRls } from './0004-search-mirror-forced-rls.ts';
import { Migration0050SearchFunctions } from './0050-search-functions.ts';

export const migrations = [
  { name: '0001-customers', class: Migration0001Customers },
  { name: '0002-credit-and-leads', class: Migration0002CreditAndLeads },
  {
    name: '0003-sealed-dob-and-application-edits',
    class: Migration0003SealedDobAndApplicationEdits,
  },
  { name: '0004-search-mirror-forced-rls', class: Migration0004SearchMirrorForcedRls },
  { name: '0050-search-functions', class: Migration0050SearchFunctions },
];

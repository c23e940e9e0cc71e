import { Migration0001Customers } from './0001-customers.ts';
import { Migration0002CreditAndLeads } from './0002-credit-and-leads.ts';
import { Migration0003SealedDobAndApplicationEdits } from './0003-sealed-dob-and-application-edits.ts';

export const migrations = [
  { name: '0001-customers', class: Migration0001Customers },
  { name: '0002-credit-and-leads', class: Migration0002CreditAndLeads },
  {
    name: '0003-sealed-dob-and-application-edits',
    class: Migration0003SealedDobAndApplicationEdits,
  },
];

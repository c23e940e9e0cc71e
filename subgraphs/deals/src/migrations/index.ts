import { Migration0001Deals } from './0001-deals.ts';
import { Migration0002OutboxRefusals } from './0002-outbox-refusals.ts';
import { Migration0003DealNumbers } from './0003-deal-numbers.ts';
import { Migration0004ListByDealNumber } from './0004-list-by-deal-number.ts';
import { Migration0005ContractAndAcknowledgements } from './0005-contract-and-acknowledgements.ts';
import { Migration0006LocalRate } from './0006-local-rate.ts';
import { Migration0007DealLimits } from './0007-deal-limits.ts';
import { Migration0090DealerZip } from './0090-dealer-zip.ts';

export const migrations = [
  { name: '0001-deals', class: Migration0001Deals },
  { name: '0002-outbox-refusals', class: Migration0002OutboxRefusals },
  { name: '0003-deal-numbers', class: Migration0003DealNumbers },
  { name: '0004-list-by-deal-number', class: Migration0004ListByDealNumber },
  {
    name: '0005-contract-and-acknowledgements',
    class: Migration0005ContractAndAcknowledgements,
  },
  { name: '0006-local-rate', class: Migration0006LocalRate },
  { name: '0007-deal-limits', class: Migration0007DealLimits },
  { name: '0090-dealer-zip', class: Migration0090DealerZip },
];

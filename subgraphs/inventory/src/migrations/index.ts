import { Migration0001Vehicles } from './0001-vehicles.ts';
import { Migration0002SearchUnderRls } from './0002-search-under-rls.ts';
import { Migration0003DealVehicleStatus } from './0003-deal-vehicle-status.ts';
import { Migration0004ImportJobs } from './0004-import-jobs.ts';
import { Migration0005UniqueStockNumber } from './0005-unique-stock-number.ts';
import { Migration0006SearchYearAndCompactModel } from './0006-search-year-and-compact-model.ts';
import { Migration0100ImportUpdates } from './0100-import-updates.ts';

export const migrations = [
  { name: '0001-vehicles', class: Migration0001Vehicles },
  { name: '0002-search-under-rls', class: Migration0002SearchUnderRls },
  { name: '0003-deal-vehicle-status', class: Migration0003DealVehicleStatus },
  { name: '0004-import-jobs', class: Migration0004ImportJobs },
  { name: '0005-unique-stock-number', class: Migration0005UniqueStockNumber },
  {
    name: '0006-search-year-and-compact-model',
    class: Migration0006SearchYearAndCompactModel,
  },
  { name: '0100-import-updates', class: Migration0100ImportUpdates },
];

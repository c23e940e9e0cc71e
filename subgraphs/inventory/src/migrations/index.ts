import { Migration0001Vehicles } from './0001-vehicles.ts';
import { Migration0002SearchUnderRls } from './0002-search-under-rls.ts';

export const migrations = [
  { name: '0001-vehicles', class: Migration0001Vehicles },
  { name: '0002-search-under-rls', class: Migration0002SearchUnderRls },
];

import { Migration0001Deals } from './0001-deals.ts';

export const migrations = [{ name: '0001-deals', class: Migration0001Deals }];

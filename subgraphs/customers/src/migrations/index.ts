import { Migration0001Customers } from './0001-customers.ts';

export const migrations = [{ name: '0001-customers', class: Migration0001Customers }];

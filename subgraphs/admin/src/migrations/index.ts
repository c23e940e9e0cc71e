import { Migration0001Dealerships } from './0001-dealerships.ts';

export const migrations = [{ name: '0001-dealerships', class: Migration0001Dealerships }];

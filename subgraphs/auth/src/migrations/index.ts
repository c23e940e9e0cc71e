import { Migration0001Identity } from './0001-identity.ts';

export const migrations = [{ name: '0001-identity', class: Migration0001Identity }];

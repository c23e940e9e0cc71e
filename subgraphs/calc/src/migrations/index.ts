import { Migration0001LocalTaxRates } from './0001-local-tax-rates.ts';

export const migrations = [{ name: '0001-local-tax-rates', class: Migration0001LocalTaxRates }];

import { describe, expect, it } from 'vitest';
import { ident, qualified, tenantTableSql } from '../../src/db/index.ts';

describe('SQL helpers', () => {
  it('builds the tenant table statements of the platform contract', () => {
    expect(tenantTableSql('deals.deal')).toEqual([
      'alter table "deals"."deal" enable row level security',
      'alter table "deals"."deal" force row level security',
      "create policy tenant_isolation on \"deals\".\"deal\" using (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) with check (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid)",
    ]);
  });

  it('refuses identifiers that would need escaping', () => {
    expect(ident('auth')).toBe('"auth"');
    for (const bad of ['Auth', 'a"b', 'a;drop', '', '1x'])
      expect(() => ident(bad)).toThrow(/invalid SQL identifier/);
    expect(() => qualified('note')).toThrow(/schema.table/);
  });
});

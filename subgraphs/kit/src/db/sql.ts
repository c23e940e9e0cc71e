// SQL text helpers for migrations. Identifiers are validated rather than escaped: schema, table and
// role names come from code, never from users, and a strict pattern keeps the generated DDL readable.

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a plain lower-case identifier; throws on anything else so a typo cannot become SQL. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** `schema.table` → `"schema"."table"`. */
export function qualified(schemaDotTable: string): string {
  const parts = schemaDotTable.split('.');
  if (parts.length !== 2)
    throw new Error(`expected schema.table, got ${JSON.stringify(schemaDotTable)}`);
  return parts.map(ident).join('.');
}

/** The tenant of the current transaction, as the RLS policies read it (NULL when none is set). */
export const CURRENT_DEALERSHIP_SQL =
  "nullif(current_setting('app.dealership_id', true), '')::uuid";

/**
 * Statements that make an existing table tenant-owned: RLS enabled AND forced (so even the table
 * owner is filtered), and one policy for reads and writes on `dealership_id`. With no tenant set the
 * setting is NULL, the comparison is NULL, and no row is visible or writable.
 * The table must already have `dealership_id uuid NOT NULL`.
 */
export function tenantTableSql(schemaDotTable: string): string[] {
  const table = qualified(schemaDotTable);
  const rule = `dealership_id = ${CURRENT_DEALERSHIP_SQL}`;
  return [
    `alter table ${table} enable row level security`,
    `alter table ${table} force row level security`,
    `create policy tenant_isolation on ${table} using (${rule}) with check (${rule})`,
  ];
}

// Ids are UUIDs. Anything else cannot name a row, so it is dropped before it reaches SQL (where a
// malformed uuid would be a database error rather than "not found").
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A PostgreSQL array literal of the valid UUIDs in `ids`, for `= any(?::uuid[])`. */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.filter(isUuid).join(',')}}`;
}

/**
 * A PostgreSQL text[] literal (each element quoted and escaped; null becomes NULL), for
 * `?::text[]` parameters — also for `?::numeric[]` with decimal strings.
 */
export function textArray(values: readonly (string | null)[]): string {
  const element = (v: string | null) =>
    v === null ? 'NULL' : `"${v.replace(/(["\\])/g, '\\$1')}"`;
  return `{${values.map(element).join(',')}}`;
}

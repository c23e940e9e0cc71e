// Relay-style pages, one way for every list in the graph: one page-size rule with one message, and
// one cursor format. A cursor is opaque to clients (base64url of JSON `[kind, ...values]`) and
// validated on the way back in, value by value, before any of it reaches SQL: a crafted or stale
// cursor is BAD_USER_INPUT naming the argument, never a database error (INTERNAL).
import { badInput } from './errors.ts';
import { isUuid } from './ids.ts';

/** The largest page any list serves; `first` above it is refused, not clamped (no silent surprise). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** `first` checked against the one rule: a whole number from 1 to MAX_PAGE_SIZE (default 25). */
export function pageSize(
  first: number | null | undefined,
  options: { default?: number; field?: string } = {},
): number {
  const field = options.field ?? 'first';
  const n = first ?? options.default ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badInput(field, `${field} must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, {
      max: MAX_PAGE_SIZE,
    });
  }
  return n;
}

export type CursorValue = string | number;
type Check<T> = (value: unknown) => value is T;
type Checked<C extends readonly Check<unknown>[]> = {
  -readonly [K in keyof C]: C[K] extends Check<infer T> ? T : never;
};

/**
 * The cursor for one row. `kind` names the list and its order ("customers:created",
 * "vehicles:PRICE_ASC") so a cursor from one list or sort is refused by another.
 */
export function encodeCursor(kind: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([kind, ...values]), 'utf8').toString('base64url');
}

/**
 * The values of a cursor this list gave out, each passing its check (see `cursorValue`), or
 * BAD_USER_INPUT on `field` (default "after").
 */
export function decodeCursor<const C extends readonly Check<unknown>[]>(
  cursor: string,
  kind: string,
  checks: C,
  field = 'after',
): Checked<C> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed[0] === kind && parsed.length === checks.length + 1) {
    const values = parsed.slice(1);
    if (checks.every((check, i) => check(values[i]))) return values as Checked<C>;
  }
  throw badInput(field, `${field} is not a cursor this list gave out (for this sort).`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date that exists (PostgreSQL refuses 2026-02-30; Date.parse rolls it over). */
const isCalendarDate = (v: string) =>
  ISO_DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
// PostgreSQL's timestamptz text (and ISO-8601): microseconds and offset optional.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Checks for the values inside a cursor: each one is safe to cast in SQL once it passes. */
export const cursorValue = {
  uuid: isUuid,
  text: (v: unknown): v is string => typeof v === 'string' && v.length <= 1000,
  int: (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0,
  date: (v: unknown): v is string => typeof v === 'string' && isCalendarDate(v),
  timestamp: (v: unknown): v is string =>
    typeof v === 'string' && TIMESTAMP.test(v) && isCalendarDate(v.slice(0, 10)),
  decimal: (v: unknown): v is string => typeof v === 'string' && DECIMAL.test(v),
  /** A whole number written as text (a bigint column's value). */
  intText: (v: unknown): v is string => typeof v === 'string' && /^-?\d{1,18}$/.test(v),
} as const;

export interface Edge<N> {
  cursor: string;
  node: N;
}
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface Connection<N> {
  edges: Edge<N>[];
  pageInfo: PageInfo;
}

/**
 * A page from `rows` fetched with limit `first + 1`: the extra row only says there is a next page.
 * `node` maps a row to what the edge carries (default: the row itself).
 */
export function connectionOf<R, N = R>(
  rows: readonly R[],
  first: number,
  cursorOf: (row: R, index: number) => string,
  node: (row: R) => N = (row) => row as unknown as N,
): Connection<N> {
  const edges = rows
    .slice(0, first)
    .map((row, i) => ({ cursor: cursorOf(row, i), node: node(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

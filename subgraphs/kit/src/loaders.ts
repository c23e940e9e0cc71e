// Per-request DataLoaders, the one way a subgraph batches lookups: every `__resolveReference` and
// every per-parent list (a customer's notes, a deal's events) asks one loader, which makes one
// query for all the keys one tick of execution asks for. Loaders live on the request context, so
// they die with the request and never serve one caller's rows to another; the fetch runs as the
// signed-in caller (UNAUTHENTICATED without one).
import DataLoader from 'dataloader';
import { requestScoped, requirePrincipal, type RequestContext } from './context.ts';
import type { Principal } from './tokens.ts';

type Fetch<R> = (keys: readonly string[], principal: Principal) => Promise<R>;

/**
 * One record per id: `fetch` returns the rows it found, in any order; an id it did not find —
 * missing, or another dealership's under RLS — loads as null. (A fetch that answers a map by id:
 * `valueLoader(…, null)`.)
 * `name` is unique within the subgraph ("deals", "dealsByCustomer:10").
 */
export function entityLoader<V extends { id: string }>(
  ctx: RequestContext,
  name: string,
  fetch: Fetch<Iterable<V>>,
): DataLoader<string, V | null> {
  return loader(ctx, name, async (keys, principal) => {
    const found = await fetch(keys, principal);
    const byId = new Map([...found].map((v) => [v.id, v]));
    return keys.map((key) => byId.get(key) ?? null);
  });
}

/**
 * Many records per key: `fetch` returns them grouped by key (see `groupBy`); a key with none loads
 * as an empty list.
 */
export function listLoader<V>(
  ctx: RequestContext,
  name: string,
  fetch: Fetch<ReadonlyMap<string, readonly V[]>>,
): DataLoader<string, V[]> {
  return loader(ctx, name, async (keys, principal) => {
    const found = await fetch(keys, principal);
    return keys.map((key) => [...(found.get(key) ?? [])]);
  });
}

/**
 * One value per key, or `missing` (null, say) for a key `fetch` did not answer. For values that
 * are not records (a vehicle's cost).
 */
export function valueLoader<V, M>(
  ctx: RequestContext,
  name: string,
  fetch: Fetch<ReadonlyMap<string, V>>,
  missing: M,
): DataLoader<string, V | M> {
  return loader(ctx, name, async (keys, principal) => {
    const found = await fetch(keys, principal);
    return keys.map((key) => (found.has(key) ? found.get(key)! : missing));
  });
}

/** Rows grouped by the key they belong to (a note by its customer id), order kept. */
export function groupBy<V>(rows: Iterable<V>, keyOf: (row: V) => string): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

const LOADERS = Symbol('kit.loaders');

function loader<V>(
  ctx: RequestContext,
  name: string,
  batch: (keys: readonly string[], principal: Principal) => Promise<V[]>,
): DataLoader<string, V> {
  const principal = requirePrincipal(ctx);
  const all = requestScoped(ctx, LOADERS, () => new Map<string, DataLoader<string, V>>());
  let found = all.get(name);
  if (!found) {
    found = new DataLoader<string, V>((keys) => batch(keys, principal));
    all.set(name, found);
  }
  return found;
}

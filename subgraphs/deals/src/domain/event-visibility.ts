// What a deal's history shows to someone without `deals.gross.read`: the same events, minus the
// dealer's costs the deal itself hides from them (vehicle cost, reconditioning, F&I product costs).
// Without this, any `deals.read` user could read a cost from the old/new values of an edit.
import type { DealChangeRecord } from './records.ts';

/** Changes that are nothing but a cost. */
const COST_FIELDS = new Set(['vehicleCost', 'reconditioning']);

/** The changes with every cost taken out; an entry left with no visible difference is dropped. */
export function changesWithoutCosts(changes: readonly DealChangeRecord[]): DealChangeRecord[] {
  const out: DealChangeRecord[] = [];
  for (const change of changes) {
    if (COST_FIELDS.has(change.field)) continue;
    if (change.field !== 'products') {
      out.push(change);
      continue;
    }
    const from = withoutProductCosts(change.from);
    const to = withoutProductCosts(change.to);
    if (from !== to) out.push({ field: change.field, from, to });
  }
  return out;
}

function withoutProductCosts(value: string | null): string | null {
  if (value === null) return null;
  const products = JSON.parse(value) as unknown;
  if (!Array.isArray(products)) return value;
  return JSON.stringify(
    products.map((p) => {
      if (p === null || typeof p !== 'object') return p;
      const { cost: _cost, ...visible } = p as Record<string, unknown>;
      return visible;
    }),
  );
}

// What a deal's history shows to someone without `deals.gross.read`: the same events, minus the
// dealer's costs the deal itself hides from them (vehicle cost, reconditioning, F&I product costs,
// and a finance scenario's buy rate and markup, from which the reserve follows).
// Without this, any `deals.read` user could read a cost from the old/new values of an edit.
import type { DealChangeRecord } from './records.ts';

/** Changes that are nothing but a cost. */
const COST_FIELDS = new Set(['vehicleCost', 'reconditioning']);

/** The changes with every cost taken out; an entry left with no visible difference is dropped. */
export function changesWithoutCosts(changes: readonly DealChangeRecord[]): DealChangeRecord[] {
  const out: DealChangeRecord[] = [];
  for (const change of changes) {
    if (COST_FIELDS.has(change.field)) continue;
    const strip =
      change.field === 'products'
        ? withoutProductCosts
        : change.field.startsWith('scenario.')
          ? withoutBuyRate
          : undefined;
    if (!strip) {
      out.push(change);
      continue;
    }
    const from = strip(change.from);
    const to = strip(change.to);
    if (from !== to) out.push({ field: change.field, from, to });
  }
  return out;
}

/** A scenario's terms without the buy rate and markup (with the apr they give the reserve away). */
function withoutBuyRate(value: string | null): string | null {
  if (value === null) return null;
  // A created deal records its scenarios as `scenario.<KIND>` → the scenario's id (not JSON).
  const scenario = parseJson(value) as { terms?: Record<string, unknown> | null } | null;
  if (!scenario || typeof scenario !== 'object' || !scenario.terms) return value;
  const { buyRate: _b, rateMarkup: _m, ...terms } = scenario.terms;
  return JSON.stringify({ ...scenario, terms });
}

function withoutProductCosts(value: string | null): string | null {
  if (value === null) return null;
  const products = parseJson(value);
  if (!Array.isArray(products)) return value;
  return JSON.stringify(
    products.map((p) => {
      if (p === null || typeof p !== 'object') return p;
      const { cost: _cost, ...visible } = p as Record<string, unknown>;
      return visible;
    }),
  );
}

/** The JSON value, or null when the text is not JSON (then there is nothing to strip). */
function parseJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

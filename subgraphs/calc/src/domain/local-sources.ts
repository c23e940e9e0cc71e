// The local-rate layers the subgraph fetches before calling the pure engine, in precedence order:
// the dealership's own rate for the ZIP (its table, tenant-scoped) and, when none, the configured
// rates provider's answer for the address (cached; never waits long). The engine adds the shipped
// table and the state rule itself.
import { tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { TableLocalRateLookup, stateTaxRules, type LocalityInput } from '../engine/index.ts';
import { situsFor } from '../engine/tax/shipped-local.ts';
import { findRate } from '../store/local-rates-store.ts';
import type { CachedRates } from './rates/cached-rates.ts';

export interface QuotePlace {
  state?: unknown;
  zip?: unknown;
  city?: unknown;
  dealerZip?: unknown;
  dealDate?: unknown;
  contractDate?: unknown;
}

export type LocalSources = LocalityInput & { localRates?: TableLocalRateLookup };

/** Whether the provider should be asked: local tax applies and follows the buyer's address. */
export function providerWanted(state: string, date: string): boolean {
  try {
    if (!stateTaxRules(state, date).current.local.applies) return false;
  } catch {
    return false; // the engine reports the bad state or date itself
  }
  return situsFor(state)?.situs !== 'DEALER';
}

export async function localSources(
  db: Database,
  provider: CachedRates | undefined,
  principal: Principal,
  place: QuotePlace,
): Promise<LocalSources> {
  const { state, zip } = place;
  if (typeof state !== 'string' || typeof zip !== 'string' || !/^\d{5}/.test(zip)) return {};
  const st = state.toUpperCase();
  const z5 = zip.slice(0, 5);
  // Where the local tax follows the dealer's location, the dealership's own row is the one for its
  // ZIP (the engine looks it up the same way); leases keep the lessee's (LeaseDealInput has none).
  const dz = place.dealerZip;
  const rowZip =
    situsFor(st)?.situs === 'DEALER' && typeof dz === 'string' && /^\d{5}/.test(dz)
      ? dz.slice(0, 5)
      : z5;
  const row = await db.withTenant(tenantOf(principal), (em) => findRate(em, st, rowZip));
  if (row) return { localRates: new TableLocalRateLookup([row]) };
  const date = [place.dealDate, place.contractDate].find((d) => typeof d === 'string') as
    string | undefined;
  if (!provider || !providerWanted(st, date ?? new Date().toISOString().slice(0, 10))) return {};
  const city = typeof place.city === 'string' && place.city.trim() ? place.city : undefined;
  const answer = await provider.rateFor({ state: st, zip: z5, ...(city ? { city } : {}) });
  return {
    ...(answer.rate ? { providerRate: answer.rate } : {}),
    ...(answer.notice ? { providerNotice: answer.notice } : {}),
  };
}

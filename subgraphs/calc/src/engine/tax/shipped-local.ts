// The shipped local vehicle rates, compiled once at module load and indexed by state, county and
// city (names normalised: "Milwaukee County" = "milwaukee"), plus each state's locality rule.
import { Decimal } from 'decimal.js';
import { SHIPPED_LOCAL_RATES, type ShippedLocalRate } from './data/local-rates.ts';
import { CA_LOCAL_RATES } from './data/local-rates-ca.ts';
import { METRO_LOCAL_RATES } from './data/local-rates-metro.ts';
import { OH_LOCAL_RATES } from './data/local-rates-oh.ts';
import { WA_LOCAL_RATES } from './data/local-rates-wa.ts';
import { WI_LOCAL_RATES } from './data/local-rates-wi.ts';
import { LOCAL_SITUS, type LocalSitusRule } from './data/local-situs.ts';
import type { TaxLineKind } from './types.ts';

export const ALL_SHIPPED_LOCAL: readonly ShippedLocalRate[] = [
  ...SHIPPED_LOCAL_RATES,
  ...OH_LOCAL_RATES,
  ...METRO_LOCAL_RATES,
  ...CA_LOCAL_RATES,
  ...WA_LOCAL_RATES,
  ...WI_LOCAL_RATES,
];

export interface CompiledLocal {
  county: string;
  city: string | undefined;
  from: string;
  to: string | undefined;
  lines: Array<{ kind: TaxLineKind; name: string; rate: Decimal }>;
  source: string;
  publication: string | undefined;
  note: string | undefined;
  verified: boolean;
  confirmedThrough: string | undefined;
  replacesCounty: boolean;
}

/** "Milwaukee County" → "milwaukee", "St. Louis City" stays distinct from "St. Louis";
 *  "La Cañada" = "La Canada", "Saint Helena" = "St. Helena". */
export function normPlace(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/^saint /, 'st ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(city and county of|city of) /, '')
    .replace(/ (county|parish|borough)$/, '');
}

const LOCAL = new Map<string, CompiledLocal[]>();
/** Counties (state|county) that have city-level entries: the buyer's city then matters. */
const WITH_CITIES = new Set<string>();
/** Counties whose city entries carry each city's whole rate (the county entry is then its
 *  unincorporated area's rate). */
const CITY_TOTALS = new Set<string>();
for (const r of ALL_SHIPPED_LOCAL) {
  const countyKey = `${r.state}|${normPlace(r.county)}`;
  const key = r.city ? `${countyKey}|${normPlace(r.city)}` : countyKey;
  if (r.city) WITH_CITIES.add(countyKey);
  if (r.city && r.replacesCounty) CITY_TOTALS.add(countyKey);
  const list = LOCAL.get(key) ?? [];
  list.push({
    county: r.county,
    city: r.city,
    from: r.effectiveFrom,
    to: r.effectiveTo,
    lines: r.lines.map((l) => ({ kind: l.kind, name: l.name, rate: new Decimal(l.rate) })),
    source: r.source,
    publication: r.publication,
    note: r.note,
    verified: r.verified,
    confirmedThrough: r.confirmedThrough,
    replacesCounty: r.replacesCounty === true,
  });
  LOCAL.set(key, list);
}

function inForce(list: CompiledLocal[] | undefined, date: string): CompiledLocal | undefined {
  if (!list) return undefined;
  for (const l of list) if (l.from <= date && (l.to === undefined || date <= l.to)) return l;
  return undefined;
}

/** Shipped entries in force on `date` for a county and, where the table has city levies, a city. */
export function shippedLocalFor(
  state: string,
  county: string,
  city: string | undefined,
  date: string,
): CompiledLocal[] {
  const countyKey = `${state}|${normPlace(county)}`;
  const t =
    city && WITH_CITIES.has(countyKey)
      ? inForce(LOCAL.get(`${countyKey}|${normPlace(city)}`), date)
      : undefined;
  if (t?.replacesCounty) return [t];
  const c = inForce(LOCAL.get(countyKey), date);
  return [c, t].filter((e): e is CompiledLocal => e !== undefined);
}

/** Whether the buyer's city changes the shipped rate in this county. */
export function cityMatters(state: string, county: string): boolean {
  return WITH_CITIES.has(`${state}|${normPlace(county)}`);
}

const SITUS = new Map(LOCAL_SITUS.map((r) => [r.state, r]));

export function situsFor(state: string): LocalSitusRule | undefined {
  return SITUS.get(state);
}

/** Whether the county's entry is its unincorporated area's rate (each city has its own entry). */
export function countyIsUnincorporatedRate(state: string, county: string): boolean {
  return CITY_TOTALS.has(`${state}|${normPlace(county)}`);
}

/** Whether a vehicle's local tax in the state follows the selling dealer's location (WA, IL, AZ). */
export function localTaxFollowsDealer(state: string): boolean {
  return SITUS.get(state.toUpperCase())?.situs === 'DEALER';
}

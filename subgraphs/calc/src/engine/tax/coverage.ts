// What the shipped local vehicle tax data covers, per state and nationally, weighted by the 2020
// Census population. A person counts as covered on a date when the engine's answer for their home is
// complete without a dealer table: their state levies no local tax on vehicles, or the shipped table
// holds every levying locality of the state, or it holds their county/city with every levy there
// (`complete`). Kept out of the engine's public entry (the browser never needs it).
import { Decimal } from 'decimal.js';
import type { ShippedLocalRate } from './data/local-rates.ts';
import { LOCALITY_POPULATION_2020, STATE_POPULATION_2020 } from './data/population.ts';
import { recordFor, versionFor } from './rules.ts';
import { ALL_SHIPPED_LOCAL, situsFor } from './shipped-local.ts';

export interface ShippedLocalView {
  county: string;
  city: string | undefined;
  effectiveFrom: string;
  effectiveTo: string | undefined;
  rate: Decimal;
  levies: string[];
  source: string;
  publication: string | undefined;
  verified: boolean;
  confirmedThrough: string | undefined;
  note: string | undefined;
}

export interface LocalTaxCoverage {
  state: string;
  asOf: string;
  localTaxApplies: boolean;
  situs: string | undefined;
  situsRule: string | undefined;
  situsSource: string | undefined;
  shipped: string;
  complete: boolean;
  coveredFrom: string | undefined;
  population: number;
  coveredPopulation: number;
  /** Covered by shipped rates marked verified (or by the absence of local vehicle tax). */
  verifiedPopulation: number;
  populationCovered: Decimal;
  localities: ShippedLocalView[];
}

const inForce = (r: ShippedLocalRate, date: string) =>
  r.effectiveFrom <= date && (r.effectiveTo === undefined || date <= r.effectiveTo);

function view(r: ShippedLocalRate): ShippedLocalView {
  return {
    county: r.county,
    city: r.city,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    rate: r.lines.reduce((a, l) => a.plus(l.rate), new Decimal(0)),
    levies: r.lines.map((l) => l.name),
    source: r.source,
    publication: r.publication,
    verified: r.verified,
    confirmedThrough: r.confirmedThrough,
    note: r.note,
  };
}

export function localTaxCoverage(stateIn: string, date: string): LocalTaxCoverage {
  const { record } = recordFor(stateIn);
  const state = record.state;
  const applies = versionFor(state, date).raw.local.applies;
  const situs = situsFor(state);
  const rows = ALL_SHIPPED_LOCAL.filter((r) => r.state === state);
  const population = STATE_POPULATION_2020[state] ?? 0;
  let covered = 0;
  let verified = 0;
  if (!applies) {
    covered = verified = population;
  } else if (situs?.complete && situs.completeFrom && date >= situs.completeFrom) {
    covered = verified = population;
    for (const r of rows) {
      if (!inForce(r, date) || r.verified) continue;
      const n = LOCALITY_POPULATION_2020[[state, r.county, r.city].filter(Boolean).join('|')];
      if (n === undefined) {
        verified = 0; // an unverified locality of unknown size: claim nothing as verified
        break;
      }
      verified -= n;
    }
  } else {
    // A county entry counts with its whole population; a city entry only where its county has none.
    const live = rows.filter((r) => inForce(r, date) && r.complete);
    const counties = new Set(live.filter((r) => !r.city).map((r) => r.county));
    for (const r of live) {
      if (r.city && counties.has(r.county)) continue;
      const n = LOCALITY_POPULATION_2020[[state, r.county, r.city].filter(Boolean).join('|')] ?? 0;
      covered += n;
      if (r.verified) verified += n;
    }
  }
  covered = Math.min(covered, population); // county figures are rounded
  verified = Math.min(verified, population);
  const froms = rows.map((r) => r.effectiveFrom).sort();
  return {
    state,
    asOf: date,
    localTaxApplies: applies,
    situs: situs?.situs,
    situsRule: situs?.rule,
    situsSource: situs?.source,
    shipped: !applies
      ? `no local tax on vehicles in ${state}: the state rule is complete`
      : (situs?.shipped ??
        (rows.length > 0 ? `${rows.length} shipped entries` : 'nothing shipped')),
    complete: !applies || situs?.complete === true,
    coveredFrom: froms[0],
    population,
    coveredPopulation: covered,
    verifiedPopulation: verified,
    populationCovered:
      population === 0 ? new Decimal(0) : new Decimal(covered).div(population).toDecimalPlaces(4),
    localities: rows.map(view),
  };
}

// Which local rates apply to a deal, in order of precedence: the dealership's own rate for the ZIP,
// then a rates provider's answer for the address, then the shipped table for the county/city the
// state's rule points to, else a notice that the local rate is unknown (never a silent zero). Every
// line says which layer it came from (`origin`). Shared by sales quotes and leases.
import { Decimal } from 'decimal.js';
import { CalcInputError } from '../errors.ts';
import type { CompiledVersion } from './rules.ts';
import {
  cityMatters,
  countyIsUnincorporatedRate,
  shippedLocalFor,
  situsFor,
} from './shipped-local.ts';
import type {
  LocalityInput,
  LocalRateLookup,
  LocalRateRow,
  TaxLineKind,
  TaxLineOrigin,
} from './types.ts';
import { ZERO, fmtRate } from './validate.ts';
import { resolveZip, type ZipPlace } from './zip.ts';

export interface LocalRateLine {
  jurisdiction: string;
  kind: TaxLineKind;
  rate: Decimal;
  rule: string;
  source: string;
  origin: TaxLineOrigin;
}

export const DEALER_TABLE_SOURCE = 'dealership local rate table (imported by the dealership)';

/** Who a rate row came from, as the lines and notices name it. */
interface RowOrigin {
  /** "the dealership table" / "TaxJar" */
  who: string;
  source: string;
  origin: TaxLineOrigin;
}

const DEALER: RowOrigin = {
  who: 'the dealership table',
  source: DEALER_TABLE_SOURCE,
  origin: 'DEALER_OVERRIDE',
};

function rowParts(row: LocalRateRow, from: RowOrigin): LocalRateLine[] {
  const where = row.region ? `${row.region} (ZIP ${row.zip})` : `ZIP ${row.zip}`;
  const out: LocalRateLine[] = [];
  const push = (kind: TaxLineKind, r: Decimal | undefined, label: string) => {
    if (r && !r.isZero()) {
      out.push({
        jurisdiction: `${where} ${label}`,
        kind,
        rate: r,
        rule: `${label} rate from ${from.who}`,
        source: from.source,
        origin: from.origin,
      });
    }
  };
  push('COUNTY', row.countyRate, 'county');
  push('CITY', row.cityRate, 'city');
  push('DISTRICT', row.specialRate, 'special district');
  return out;
}

/** A general-rate row (dealership table or provider) as vehicle local lines for this state. */
function rowLines(
  v: CompiledVersion,
  row: LocalRateRow,
  zip: string,
  from: RowOrigin,
  notices: string[],
): LocalRateLine[] {
  const state = v.state;
  const parts = rowParts(row, from);
  const stateRef = row.stateRate ?? v.stateRate;
  const whereRow = row.region ?? `ZIP ${row.zip}`;
  // Without parts, the local share is the combined rate less the row's state rate.
  const asGiven: LocalRateLine[] =
    parts.length > 0
      ? parts
      : row.combinedRate.greaterThan(stateRef)
        ? [
            {
              jurisdiction: whereRow,
              kind: 'DISTRICT',
              rate: row.combinedRate.minus(stateRef),
              rule: `local rate = ${from.who} combined ${fmtRate(row.combinedRate)} less state ${fmtRate(stateRef)}`,
              source: from.source,
              origin: from.origin,
            },
          ]
        : [];
  // A table's state rate is the general one, which may differ from the vehicle rate: AL's auto
  // rate is 2%, not 4% (local auto rates differ too: warn); WA adds 0.3% on vehicles (nothing to
  // do); CA's 7.25% already holds the 1.25% uniform local rate the table lists as local (net out).
  if (row.stateRate && row.stateRate.greaterThan(v.stateRate)) {
    notices.push(
      `${from.who} lists a ${fmtRate(row.stateRate)} state rate for ZIP ${zip} but ${state} vehicles pay ${fmtRate(v.stateRate)}; its local rates were used as given — check the local vehicle rates`,
    );
    return asGiven;
  }
  const gap = v.stateRate.minus(stateRef);
  const overlap = v.localIncluded && gap.isPositive() ? Decimal.min(v.localIncluded, gap) : ZERO;
  if (overlap.isZero()) return asGiven;
  const net = asGiven.reduce((a, p) => a.plus(p.rate), ZERO).minus(overlap);
  notices.push(
    `${fmtRate(overlap)} of ${from.who}’s local rate for ZIP ${zip} is already in the ${state} rate ${fmtRate(v.stateRate)} and was netted out`,
  );
  if (!net.isPositive()) return [];
  return [
    {
      jurisdiction: whereRow,
      kind: 'DISTRICT',
      rate: net,
      rule: `local rates from ${from.who}, net of the ${fmtRate(overlap)} included in the state rate`,
      source: from.source,
      origin: from.origin,
    },
  ];
}

/** Lines from the shipped table for the county/city, or undefined when it has none there. */
function shippedLines(
  state: string,
  zip: string | undefined,
  place: ZipPlace | undefined,
  date: string,
  locality: LocalityInput,
  notices: string[],
): LocalRateLine[] | undefined {
  const county = locality.county?.trim() || place?.county;
  if (!county) return undefined;
  const city = locality.city?.trim() || place?.city;
  const found = shippedLocalFor(state, county, city, date);
  if (found.length === 0) return undefined;
  const byCity = cityMatters(state, county);
  if (!zip || !place) {
    if (byCity && !city) {
      notices.push(
        `${county} County, ${state}: no city given — a city’s own levy there is not included`,
      );
    }
  } else if (!locality.county || (byCity && !locality.city)) {
    // The offline index knows one county and one postal city per ZIP: the one most of it lies in.
    const what = byCity ? `${county} County, ${city ?? 'no city'}` : `${county} County`;
    notices.push(
      `local tax for ${what} taken from ZIP ${zip}’s main county${byCity ? ' and postal city' : ''}; a ZIP can cross county${byCity ? ' and city' : ''} lines — give the ${byCity ? 'county and city' : 'county'} on the deal if the buyer lives elsewhere`,
    );
  }
  if (city && !found.some((e) => e.city) && countyIsUnincorporatedRate(state, county)) {
    notices.push(
      `${city} is not an incorporated city of ${county} County in the shipped ${state} table: the county’s unincorporated-area rate was used — give the city on the deal if the buyer’s address is inside one`,
    );
  }
  const out: LocalRateLine[] = [];
  for (const e of found) {
    const where = e.city ? `${e.city}, ${state}` : `${e.county} County, ${state}`;
    if (e.note) notices.push(`${where}: ${e.note}`);
    if (e.confirmedThrough && date > e.confirmedThrough) {
      notices.push(
        `${where}: shipped local rate last confirmed for ${e.confirmedThrough}; re-check it for ${date}`,
      );
    }
    for (const l of e.lines) {
      out.push({
        jurisdiction: l.name,
        kind: l.kind,
        rate: l.rate,
        rule: `${l.name} ${fmtRate(l.rate)} (shipped table: ${e.publication ?? 'published rate'}; in force from ${e.from}${e.verified ? '' : '; confirm against the source'})`,
        source: e.source,
        origin: 'SHIPPED_TABLE',
      });
    }
    if (e.lines.length === 0) {
      notices.push(
        `${where}: no local tax on vehicles here (shipped table: ${e.publication ?? 'published rate'})`,
      );
    }
  }
  return out;
}

/** Where the local tax is due: the buyer's ZIP, or in dealer-located states the dealership's. */
interface Locus {
  zip: string | undefined;
  place: ZipPlace | undefined;
  /** The dealership is in another state: the local tax cannot be placed (said in a notice). */
  away?: true;
}

/** WA, IL, AZ: the selling dealer's ZIP (validated like the buyer's, but a mismatch is a notice). */
function dealerLocus(state: string, dealerZip: string | undefined, notices: string[]): Locus {
  if (dealerZip === undefined || dealerZip === null || dealerZip === '') {
    return { zip: undefined, place: undefined };
  }
  if (typeof dealerZip !== 'string' || !/^\d{5}(-?\d{4})?$/.test(dealerZip.trim())) {
    throw new CalcInputError('dealerZip', `not a US ZIP code: ${String(dealerZip)}`);
  }
  const z5 = dealerZip.trim().slice(0, 5);
  const place = resolveZip(z5);
  if (place && place.state !== state) {
    notices.push(
      `the dealership (ZIP ${z5}) is in ${place.state}: ${state} local tax on a vehicle bought out of state follows the buyer’s registration address and is NOT included — load the dealership rate table`,
    );
    return { zip: undefined, place: undefined, away: true };
  }
  if (!place) notices.push(`dealership ZIP ${z5} is not in the offline ZIP index`);
  return { zip: z5, place };
}

/**
 * Local rate lines (without base/amount) and notices. `applies` false: nothing, but a dealership
 * row with local parts is reported as ignored. In states whose vehicle local tax follows the
 * dealer's location, the locality is the dealership's ZIP (`dealerZip`) or the county/city given.
 */
export function localRates(
  v: CompiledVersion,
  buyerZip: string | undefined,
  buyerPlace: ZipPlace | undefined,
  date: string,
  lookup: LocalRateLookup | undefined,
  notices: string[],
  applies: boolean = v.raw.local.applies,
  locality: LocalityInput = {},
  lease = false,
): LocalRateLine[] {
  const state = v.state;
  const situs = situsFor(state);
  const byDealer = applies && situs?.situs === 'DEALER' && !lease;
  if (lease && applies && situs?.situs === 'DEALER') {
    // RCW 82.32.730(3): a lease's recurring payments are sourced to where the vehicle is kept.
    notices.push(
      `${state} lease: the local rate of the lessee’s address was used (lease payments follow where the vehicle is kept, not the dealer’s location)`,
    );
  }
  const at: Locus = byDealer
    ? dealerLocus(state, locality.dealerZip, notices)
    : { zip: buyerZip, place: buyerPlace };
  if (at.away) return [];
  const { zip, place } = at;
  const row = zip && lookup ? lookup.find(state, zip) : undefined;
  if (!applies) {
    if (row && !row.combinedRate.minus(row.stateRate ?? row.combinedRate).isZero()) {
      notices.push(
        `${state}: ${v.raw.local.note}; the dealership table’s local rates for ZIP ${zip} were not applied`,
      );
    }
    return [];
  }
  if (row) return rowLines(v, row, zip!, DEALER, notices);
  const pr = locality.providerRate;
  if (pr && pr.state.toUpperCase() === state) {
    if (pr.stale) {
      notices.push(
        `${pr.provider} could not be reached: its earlier answer (${pr.fetchedAt}) for this address was used`,
      );
    }
    const from: RowOrigin = {
      who: pr.provider,
      source: `${pr.provider} rates API, answered ${pr.fetchedAt}`,
      origin: 'PROVIDER',
    };
    return rowLines(v, pr, pr.zip, from, notices);
  }
  if (locality.providerNotice) notices.push(locality.providerNotice);
  if (byDealer && !zip && !locality.county) {
    notices.push(
      `${state}: ${situs!.rule} — not the buyer’s ZIP; give the dealership’s ZIP (dealerZip) or its county and city: local tax is NOT included`,
    );
    return [];
  }
  if (!zip && !locality.county) {
    notices.push(`no ZIP given: ${state} local taxes (${v.raw.local.note}) are not included`);
    return [];
  }
  const shipped = shippedLines(state, zip, place, date, locality, notices);
  if (shipped) {
    if (byDealer) {
      notices.push(
        `${state}: ${situs!.rule} — the dealership’s locality was used, not the buyer’s`,
      );
    }
    return shipped;
  }
  if (byDealer) {
    notices.push(
      `${state}: ${situs!.rule} — no shipped rate for the dealership’s locality (${situs!.shipped}): local tax is NOT included — load the dealership rate table`,
    );
    return [];
  }
  const where = locality.county
    ? `${locality.county}${locality.city ? `, ${locality.city}` : ''}`
    : place
      ? `${place.city}, ${place.county} County`
      : 'this ZIP';
  if (situs?.complete && situs.completeFrom && date >= situs.completeFrom) {
    notices.push(`${where}: no ${state} local tax on vehicles here (${situs.shipped})`);
    return [];
  }
  notices.push(
    `no local rate known for ${zip ? `ZIP ${zip}` : 'this address'} (${where}); ${state} local tax is NOT included — load the dealership rate table${situs ? ` (shipped ${state} data: ${situs.shipped})` : ''}`,
  );
  return [];
}

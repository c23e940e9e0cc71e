// Which local rates apply to a deal: the dealership's table first, then the shipped data, else a
// notice that the local rate is unknown (never a silent zero). Shared by sales quotes and leases.
import { Decimal } from 'decimal.js';
import { shippedLocal, type CompiledVersion } from './rules.ts';
import type { LocalRateLookup, LocalRateRow, TaxLineKind } from './types.ts';
import { ZERO, fmtRate } from './validate.ts';
import type { ZipPlace } from './zip.ts';

export interface LocalRateLine {
  jurisdiction: string;
  kind: TaxLineKind;
  rate: Decimal;
  rule: string;
  source: string;
}

export const DEALER_TABLE_SOURCE = 'dealership local rate table (imported by the dealership)';

function rowParts(row: LocalRateRow): LocalRateLine[] {
  const where = row.region ? `${row.region} (ZIP ${row.zip})` : `ZIP ${row.zip}`;
  const out: LocalRateLine[] = [];
  const push = (kind: TaxLineKind, r: Decimal | undefined, label: string) => {
    if (r && !r.isZero()) {
      out.push({
        jurisdiction: `${where} ${label}`,
        kind,
        rate: r,
        rule: `${label} rate from the dealership table`,
        source: DEALER_TABLE_SOURCE,
      });
    }
  };
  push('COUNTY', row.countyRate, 'county');
  push('CITY', row.cityRate, 'city');
  push('DISTRICT', row.specialRate, 'special district');
  return out;
}

/**
 * Local rate lines (without base/amount) and notices. `localApplies` false: nothing, but a
 * dealership row with local parts is reported as ignored.
 */
export function localRates(
  v: CompiledVersion,
  zip: string | undefined,
  place: ZipPlace | undefined,
  date: string,
  lookup: LocalRateLookup | undefined,
  notices: string[],
  applies: boolean = v.raw.local.applies,
): LocalRateLine[] {
  const state = v.state;
  const row = zip && lookup ? lookup.find(state, zip) : undefined;
  if (!applies) {
    if (row && !row.combinedRate.minus(row.stateRate ?? row.combinedRate).isZero()) {
      notices.push(
        `${state}: ${v.raw.local.note}; the dealership table’s local rates for ZIP ${zip} were not applied`,
      );
    }
    return [];
  }
  if (row) {
    const parts = rowParts(row);
    const stateRef = row.stateRate ?? v.stateRate;
    const whereRow = row.region ?? `ZIP ${row.zip}`;
    // Without parts, the local share is the combined rate less the table's state rate.
    const asGiven: LocalRateLine[] =
      parts.length > 0
        ? parts
        : row.combinedRate.greaterThan(stateRef)
          ? [
              {
                jurisdiction: whereRow,
                kind: 'DISTRICT',
                rate: row.combinedRate.minus(stateRef),
                rule: `local rate = dealership combined ${fmtRate(row.combinedRate)} less state ${fmtRate(stateRef)}`,
                source: DEALER_TABLE_SOURCE,
              },
            ]
          : [];
    // A table's state rate is the general one, which may differ from the vehicle rate: AL's auto
    // rate is 2%, not 4% (local auto rates differ too: warn); WA adds 0.3% on vehicles (nothing to
    // do); CA's 7.25% already holds the 1.25% uniform local rate the table lists as local (net out).
    if (row.stateRate && row.stateRate.greaterThan(v.stateRate)) {
      notices.push(
        `dealership table lists a ${fmtRate(row.stateRate)} state rate for ZIP ${zip} but ${state} vehicles pay ${fmtRate(v.stateRate)}; the table’s local rates were used as given — check the local vehicle rates`,
      );
      return asGiven;
    }
    const gap = v.stateRate.minus(stateRef);
    const overlap = v.localIncluded && gap.isPositive() ? Decimal.min(v.localIncluded, gap) : ZERO;
    if (overlap.isZero()) return asGiven;
    const net = asGiven.reduce((a, p) => a.plus(p.rate), ZERO).minus(overlap);
    notices.push(
      `${fmtRate(overlap)} of the dealership table’s local rate for ZIP ${zip} is already in the ${state} rate ${fmtRate(v.stateRate)} and was netted out`,
    );
    if (!net.isPositive()) return [];
    return [
      {
        jurisdiction: whereRow,
        kind: 'DISTRICT',
        rate: net,
        rule: `local rates from the dealership table, net of the ${fmtRate(overlap)} included in the state rate`,
        source: DEALER_TABLE_SOURCE,
      },
    ];
  }
  if (!zip) {
    notices.push(`no ZIP given: ${state} local taxes (${v.raw.local.note}) are not included`);
    return [];
  }
  const shipped = place ? shippedLocal(state, place.county, date) : undefined;
  if (shipped) {
    if (shipped.note) notices.push(`${place!.county} County, ${state}: ${shipped.note}`);
    if (shipped.confirmedThrough && date > shipped.confirmedThrough) {
      notices.push(
        `${place!.county} County, ${state}: shipped local rate last confirmed for ${shipped.confirmedThrough}; re-check it for ${date}`,
      );
    }
    return shipped.lines.map((l) => ({
      jurisdiction: l.name,
      kind: l.kind,
      rate: l.rate,
      rule: `${l.name} ${fmtRate(l.rate)} (shipped rate table, in force from ${shipped.from}${shipped.verified ? '' : '; confirm against the source'})`,
      source: shipped.source,
    }));
  }
  const where = place ? `${place.city}, ${place.county} County` : 'this ZIP';
  notices.push(
    `no local rate known for ZIP ${zip} (${where}); ${state} local tax is NOT included — load the dealership rate table`,
  );
  return [];
}

// Loads the rule tables once, at module load: validates them, converts every money/rate string to a
// Decimal and indexes versions by state, so a quote does a Map lookup plus a short scan of dated
// versions and allocates nothing big per call.
import { Decimal } from 'decimal.js';
import { CalcInputError } from '../errors.ts';
import { MIDWEST } from './data/states-midwest.ts';
import { MID_ATLANTIC } from './data/states-mid-atlantic.ts';
import { NEW_ENGLAND } from './data/states-new-england.ts';
import { SOUTH } from './data/states-south.ts';
import { SOUTH_ATLANTIC } from './data/states-south-atlantic.ts';
import { MOUNTAIN } from './data/states-mountain.ts';
import { PACIFIC } from './data/states-pacific.ts';
import { SOUTH_CENTRAL } from './data/states-south-central.ts';
import { validateRecord, type StateRuleVersion, type StateTaxRecord } from './schema.ts';

export const ALL_RECORDS: readonly StateTaxRecord[] = [
  ...NEW_ENGLAND,
  ...MID_ATLANTIC,
  ...SOUTH,
  ...SOUTH_ATLANTIC,
  ...MIDWEST,
  ...SOUTH_CENTRAL,
  ...MOUNTAIN,
  ...PACIFIC,
];

const d = (s: string | undefined): Decimal | undefined =>
  s === undefined ? undefined : new Decimal(s);

/** A rule version with its numbers as Decimals (built once). */
export interface CompiledVersion {
  raw: StateRuleVersion;
  state: string;
  stateName: string;
  from: string;
  to: string | undefined;
  stateRate: Decimal;
  leaseRate: Decimal;
  tradeCap: Decimal | undefined;
  localBaseCap: Decimal | undefined;
  localIncluded: Decimal | undefined;
  docFeeCap: Decimal | undefined;
  minimumTax: Decimal | undefined;
  maximumTax: Decimal | undefined;
  highValue: { threshold: Decimal; rate: Decimal } | undefined;
  slice: { rate: Decimal; from: Decimal; to: Decimal; label: string } | undefined;
  flatFirst: { amount: Decimal; upTo: Decimal; condition: 'NEW' | 'USED' | 'ANY' } | undefined;
  additional: { name: string; rate: Decimal; source: string } | undefined;
  excess: { rate: Decimal; threshold: Decimal; label: string; source: string } | undefined;
  weightBands:
    | Array<{
        minLbs: number;
        maxLbs: number;
        rate: Decimal;
        byMpg: Array<{ minMpg: number; rate: Decimal }> | undefined;
      }>
    | undefined;
  /** First source URL, used on every line of this version. */
  source: string;
  leaseSource: string;
}

function compile(rec: StateTaxRecord, v: StateRuleVersion): CompiledVersion {
  const stateRate = new Decimal(v.stateRate);
  return {
    raw: v,
    state: rec.state,
    stateName: rec.name,
    from: v.effectiveFrom,
    to: v.effectiveTo,
    stateRate,
    leaseRate: d(v.lease.stateRate) ?? stateRate,
    tradeCap: v.tradeIn.kind === 'CAPPED' ? new Decimal(v.tradeIn.cap) : undefined,
    localBaseCap: d(v.local.baseCap),
    localIncluded: d(v.local.includedInStateRate),
    docFeeCap: d(v.docFee.cap),
    minimumTax: d(v.minimumTax),
    maximumTax: d(v.maximumTax),
    highValue: v.highValue
      ? { threshold: new Decimal(v.highValue.threshold), rate: new Decimal(v.highValue.rate) }
      : undefined,
    slice: v.stateSlice
      ? {
          rate: new Decimal(v.stateSlice.rate),
          from: new Decimal(v.stateSlice.from),
          to: new Decimal(v.stateSlice.to),
          label: v.stateSlice.label,
        }
      : undefined,
    flatFirst: v.flatFirst
      ? {
          amount: new Decimal(v.flatFirst.amount),
          upTo: new Decimal(v.flatFirst.upTo),
          condition: v.flatFirst.condition,
        }
      : undefined,
    additional: v.additional
      ? {
          name: v.additional.name,
          rate: new Decimal(v.additional.rate),
          source: v.additional.sources[0]!,
        }
      : undefined,
    excess: v.excess
      ? {
          rate: new Decimal(v.excess.rate),
          threshold: new Decimal(v.excess.threshold),
          label: v.excess.label,
          source: v.excess.sources[0]!,
        }
      : undefined,
    weightBands: v.weightBands?.map((b) => ({
      minLbs: b.minLbs,
      maxLbs: b.maxLbs ?? Number.POSITIVE_INFINITY,
      rate: new Decimal(b.rate),
      // Highest threshold first, so the first match is the band the vehicle reaches.
      byMpg: b.byMpg
        ?.map((m) => ({ minMpg: m.minMpg, rate: new Decimal(m.rate) }))
        .sort((x, y) => y.minMpg - x.minMpg),
    })),
    source: v.sources[0]!,
    leaseSource: v.lease.sources[0]!,
  };
}

const problems = ALL_RECORDS.flatMap(validateRecord);
if (problems.length > 0) throw new Error(`tax rule table invalid:\n${problems.join('\n')}`);

const BY_STATE = new Map<string, { record: StateTaxRecord; versions: CompiledVersion[] }>();
for (const rec of ALL_RECORDS) {
  if (BY_STATE.has(rec.state)) throw new Error(`duplicate state ${rec.state}`);
  BY_STATE.set(rec.state, { record: rec, versions: rec.versions.map((v) => compile(rec, v)) });
}
const SUPPORTED = [...BY_STATE.keys()].sort();

export function supportedStates(): string[] {
  return SUPPORTED.slice();
}

/** The state's record, or CalcInputError('state') when unknown. */
export function recordFor(state: string): { record: StateTaxRecord; versions: CompiledVersion[] } {
  const hit = typeof state === 'string' ? BY_STATE.get(state.toUpperCase()) : undefined;
  if (!hit)
    throw new CalcInputError(
      'state',
      `unknown state "${String(state)}"; expected a 2-letter code of the 50 states or DC`,
    );
  return hit;
}

/** The compiled version in force on `date` (ISO), or CalcInputError('dealDate'). */
export function versionFor(state: string, date: string): CompiledVersion {
  const { versions } = recordFor(state);
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    if (v.from <= date && (v.to === undefined || date <= v.to)) return v;
  }
  throw new CalcInputError(
    'dealDate',
    `no ${state.toUpperCase()} tax rule on file for ${date} (table starts ${versions[0]!.from})`,
  );
}

/** View for the GraphQL `stateTaxRules` query: the whole record plus the version in force. */
export interface StateTaxRulesView extends StateTaxRecord {
  asOf: string;
  current: StateRuleVersion;
}

export function stateTaxRules(state: string, date?: string): StateTaxRulesView {
  const asOf = date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    throw new CalcInputError('date', `not an ISO date: ${asOf}`);
  const { record } = recordFor(state);
  const current = versionFor(state, asOf).raw;
  return { ...record, asOf, current };
}

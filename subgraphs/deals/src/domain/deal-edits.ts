// The pieces of a deal edit that need no database: what changed (for the deal event), the rules
// across fields, and scenario bookkeeping.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { resolveZip } from '@autolytiq/calc';
import { badInput, notFound } from '@autolytiq/kit';
import type { VehicleFacts } from './graph.ts';
import type {
  DealChangeRecord,
  DealRecord,
  DealSettingsRecord,
  DealTerms,
  ScenarioRecord,
} from './records.ts';
import { docFeeCap } from './scenarios.ts';

const TERM_FIELDS: readonly (keyof DealTerms)[] = [
  'buyerId',
  'coBuyerId',
  'vehicleId',
  'salespersonId',
  'salesManagerId',
  'dealDate',
  'buyerState',
  'buyerZip',
  'vehicleCondition',
  'msrp',
  'sellingPrice',
  'accessories',
  'dealerDiscount',
  'rebates',
  'docFee',
  'titleFee',
  'registrationFee',
  'tradeIns',
  'products',
  'reconditioning',
  'vehicleCost',
  // The dealership's rate for the place: when it changed, every scenario is recomputed at the new one.
  'localRate',
];

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Field-by-field difference of two sets of terms (JSON of old and new value). */
export function diffTerms(before: DealTerms | null, after: DealTerms): DealChangeRecord[] {
  const changes: DealChangeRecord[] = [];
  for (const field of TERM_FIELDS) {
    const from = before ? json(before[field]) : null;
    const to = json(after[field]);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

export function applyVehicle(t: DealTerms, v: VehicleFacts) {
  t.vehicleId = v.id;
  t.vehicleCondition = v.condition === 'NEW' ? 'NEW' : 'USED';
  t.msrp = v.msrp;
  t.vehicleCost = v.cost;
}

/** Rules across fields: the doc-fee cap, discount within the price, the ZIP in the tax state. */
export function checkTerms(t: DealTerms, prefix: string) {
  const cap = docFeeCap(t.buyerState, t.dealDate);
  if (cap && t.docFee.greaterThan(cap)) {
    throw badInput(
      `${prefix}.docFee`,
      `The doc fee ${t.docFee.toFixed(2)} is above the ${t.buyerState} cap of ${cap.toFixed(2)}.`,
    );
  }
  if (t.dealerDiscount.greaterThan(t.sellingPrice.plus(t.accessories))) {
    throw badInput(`${prefix}.dealerDiscount`, 'The dealer discount exceeds the price.');
  }
  // The engine would refuse it too, but only while computing a scenario (naming the scenario, not
  // the ZIP) — and a deal without scenarios would keep a place no tax can be computed for.
  const place = t.buyerZip ? resolveZip(t.buyerZip.slice(0, 5)) : undefined;
  if (place && place.state !== t.buyerState) {
    throw badInput(
      `${prefix}.buyerZip`,
      `ZIP ${t.buyerZip} is in ${place.state}, not ${t.buyerState}: tax is computed for the buyer's state and ZIP.`,
    );
  }
}

/**
 * The dealership's own limits (settings): the doc fee where the state has no cap, and the longest
 * finance term of a scenario. Checked only for what the write changes, so lowering a limit later
 * does not lock existing deals.
 */
export function checkDocFeeLimit(
  t: DealTerms,
  settings: Pick<DealSettingsRecord, 'maxDocFee'>,
  prefix: string,
) {
  if (docFeeCap(t.buyerState, t.dealDate)) return; // the state's cap rules (checkTerms)
  if (t.docFee.greaterThan(settings.maxDocFee)) {
    throw badInput(
      `${prefix}.docFee`,
      `The doc fee ${t.docFee.toFixed(2)} is above the dealership's maximum of ${settings.maxDocFee.toFixed(2)} (${t.buyerState} sets no cap).`,
    );
  }
}

/** Field relative to the scenario input (withField prefixes it). */
export function checkTermLimit(
  s: Pick<ScenarioRecord, 'kind' | 'finance'>,
  settings: Pick<DealSettingsRecord, 'maxTermMonths'>,
) {
  const months = s.finance?.termMonths;
  if (s.kind === 'FINANCE' && months !== undefined && months > settings.maxTermMonths) {
    throw badInput(
      'finance.termMonths',
      `The term ${months} months is longer than the dealership's maximum of ${settings.maxTermMonths} months.`,
    );
  }
}

export function scenarioOf(deal: DealRecord, scenarioId: string): ScenarioRecord {
  const found = deal.scenarios.find((s) => s.id === scenarioId);
  if (!found) throw notFound(`Scenario ${scenarioId} is not on deal ${deal.id}.`);
  return found;
}

export function blankScenario(dealId: string, position: number): ScenarioRecord {
  return {
    id: randomUUID(),
    dealId,
    kind: 'CASH',
    name: null,
    selected: false,
    finance: null,
    lease: null,
    calcInput: {},
    result: {},
    reserve: new Decimal(0),
    calculatedAt: new Date(),
    position,
  };
}

export function sameScenarioTerms(a: ScenarioRecord, b: ScenarioRecord): boolean {
  return (
    a.kind === b.kind && json(a.finance) === json(b.finance) && json(a.lease) === json(b.lease)
  );
}

export function scenarioChanges(
  before: ScenarioRecord[],
  after: ScenarioRecord[],
): DealChangeRecord[] {
  const out: DealChangeRecord[] = [];
  const old = new Map(before.map((s) => [s.id, s]));
  for (const s of after) {
    const o = old.get(s.id);
    const view = (x: ScenarioRecord) =>
      json({ kind: x.kind, name: x.name, selected: x.selected, terms: x.finance ?? x.lease });
    if (!o) out.push({ field: `scenario.${s.id}`, from: null, to: view(s) });
    else if (view(o) !== view(s))
      out.push({ field: `scenario.${s.id}`, from: view(o), to: view(s) });
    old.delete(s.id);
  }
  for (const o of old.values()) {
    out.push({ field: `scenario.${o.id}`, from: json({ kind: o.kind, name: o.name }), to: null });
  }
  return out;
}

/** Errors from computing a scenario name the scenario input they came from. */
export function withField<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const e = error as { extensions?: { code?: string; field?: string } };
    if (e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.field) {
      const field = e.extensions.field;
      if (!field.startsWith('input')) e.extensions.field = `${prefix}.${field}`;
    }
    throw error;
  }
}

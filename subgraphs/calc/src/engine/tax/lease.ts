// leaseTaxTreatment: how the state taxes a lease and at what combined rate. The lease engine
// computes bases and amounts (monthly payment, total of payments or price) from this answer.
import { Decimal } from 'decimal.js';
import { CalcInputError } from '../errors.ts';
import { localRates } from './local.ts';
import { versionFor } from './rules.ts';
import type { LeaseTaxInput, LeaseTaxTreatment, TaxLine, TaxLineKind } from './types.ts';
import { ZERO, checkZip, fmtRate, isoDate, rate } from './validate.ts';

type RateLine = Omit<TaxLine, 'base' | 'amount'>;

export function leaseTaxTreatment(input: LeaseTaxInput): LeaseTaxTreatment {
  if (!input || typeof input !== 'object')
    throw new CalcInputError('input', 'lease tax input is required');
  const date = isoDate(input.dealDate, 'dealDate');
  const v = versionFor(input.state, date);
  const r = v.raw;
  const state = v.state;
  const override = rate(input.taxRateOverride, 'taxRateOverride');
  const zc = checkZip(input.zip, state);
  const notices: string[] = [];
  if (zc.notice) notices.push(zc.notice);
  const base = {
    method: r.lease.method,
    capCostReductionTaxed: r.lease.capCostReductionTaxed,
    feesTaxed: r.lease.feesTaxed,
    rule: r.lease.note,
    source: v.leaseSource,
  };
  if (input.taxExempt) {
    notices.push('lease marked tax-exempt: keep the exemption certificate with the deal');
    return {
      ...base,
      rate: ZERO,
      lines: [
        {
          jurisdiction: state,
          kind: 'STATE',
          rate: ZERO,
          rule: 'tax-exempt lease: no tax',
          source: v.leaseSource,
          origin: 'STATE_RULE',
        },
      ],
      notices,
    };
  }
  const overridable =
    r.regime === 'SALES_TAX' ||
    (r.regime === 'NONE' && r.local.applies) ||
    r.lease.localApplies === true;
  if (override && overridable) {
    notices.push('taxRateOverride used: state and local lease rates were not applied');
    return {
      ...base,
      rate: override,
      lines: [
        {
          jurisdiction: `${state} (dealership rate)`,
          kind: 'STATE',
          rate: override,
          rule: `dealership rate override ${fmtRate(override)} replaces the state and local rates`,
          source: v.leaseSource,
          origin: 'DEALER_OVERRIDE',
        },
      ],
      notices,
    };
  }
  if (override)
    notices.push(`taxRateOverride ignored: ${r.taxName} is a special regime with its own rate`);

  const kind: TaxLineKind = r.regime === 'SALES_TAX' || r.regime === 'NONE' ? 'STATE' : 'SPECIAL';
  const lines: RateLine[] = [];
  let stRate = v.leaseRate;
  if (v.weightBands && r.lease.stateRate === undefined) {
    notices.push(
      `${state}: the excise depends on curb weight; the ${fmtRate(stRate)} class is shown`,
    );
  }
  if (r.regime === 'NONE') notices.push(`${state}: no state tax on vehicle leases`);
  for (const n of r.notices ?? []) notices.push(`${state}: ${n.text}`);
  if (v.highValue)
    notices.push(
      `${state}: ${fmtRate(v.highValue.rate)} applies instead when the vehicle price exceeds $${v.highValue.threshold.toString()}`,
    );
  if (v.minimumTax || v.maximumTax || v.flatFirst || v.slice) {
    notices.push(`${state}: ${r.summary} — apply to the lease base as the lease method says`);
  }
  if (r.onlyCondition === 'USED') stRate = ZERO;
  if (v.excess) {
    notices.push(
      `${state}: ${v.excess.label} — ${fmtRate(v.excess.rate)} of the vehicle's value above $${v.excess.threshold.toString()} at lease inception, on top of this rate`,
    );
  }
  lines.push({
    jurisdiction: state,
    kind,
    rate: stRate,
    rule: `${r.taxName} on leases: ${r.lease.note}`,
    source: v.leaseSource,
    origin: 'STATE_RULE',
  });
  if (v.additional) {
    lines.push({
      jurisdiction: state,
      kind: 'STATE',
      rate: v.additional.rate,
      rule: v.additional.name,
      source: v.additional.source,
      origin: 'STATE_RULE',
    });
  }
  const localApplies = r.lease.localApplies ?? r.local.applies;
  const locals = localRates(
    v,
    zc.zip,
    zc.place,
    date,
    input.localRates,
    notices,
    localApplies,
    input,
    true,
  );
  for (const l of locals) lines.push({ ...l });
  if (v.localBaseCap && lines.length > 1) {
    notices.push(
      `${state}: local tax applies only to the first $${v.localBaseCap.toString()} of each taxable amount`,
    );
  }
  let total = new Decimal(0);
  for (const l of lines) total = total.plus(l.rate);
  return { ...base, rate: total, lines, notices };
}

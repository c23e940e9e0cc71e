// Steps 1–2 of quoteTax: the deal's amounts read and checked, then the taxable base built from the
// state's flags (add-ons, rebates, negative equity, trade-in credit) with the words that explain it.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from '../errors.ts';
import type { CompiledVersion } from './rules.ts';
import type { TaxQuoteInput, VehicleCondition } from './types.ts';
import { ZERO, fmtMoney, money } from './validate.ts';

export interface Base {
  amount: Decimal;
  /** "price $30000.00 + doc fee $499.00 − trade-in $10000.00 (full credit)" */
  text: string;
}

function tradeCredit(
  v: CompiledVersion,
  cond: VehicleCondition,
  allowance: Decimal,
): [Decimal, string] {
  if (allowance.isZero()) return [ZERO, ''];
  const t = v.raw.tradeIn;
  switch (t.kind) {
    case 'FULL':
      return [allowance, 'full credit'];
    case 'NONE':
      return [ZERO, 'no trade-in credit in this state'];
    case 'CAPPED':
      return allowance.greaterThan(v.tradeCap!)
        ? [v.tradeCap!, `credit capped at ${fmtMoney(v.tradeCap!)}`]
        : [allowance, `credit cap ${fmtMoney(v.tradeCap!)} not reached`];
    case 'NEW_ONLY':
      return cond === 'NEW'
        ? [allowance, 'credit on new vehicles']
        : [ZERO, 'credit only on new vehicles — none on this used one'];
    case 'USED_ONLY':
      return cond === 'USED'
        ? [allowance, 'credit on used vehicles']
        : [ZERO, 'credit only on used vehicles — none on this new one'];
  }
}

export interface Amounts {
  price: Decimal;
  acc: Decimal;
  doc: Decimal;
  sc: Decimal;
  gap: Decimal;
  mfr: Decimal;
  dealer: Decimal;
  allowance: Decimal;
  payoff: Decimal;
  fmv: Decimal | undefined;
}

export function taxableBase(
  v: CompiledVersion,
  cond: VehicleCondition,
  a: Amounts,
  notices: string[],
): Base {
  const r = v.raw;
  const parts: string[] = [];
  let amount: Decimal;
  if (r.valueBasis === 'GREATER_OF_PRICE_AND_FMV') {
    // Georgia TAVT: new = greater of (price + accessories + doc fee) and the assessment-manual
    // value; used = the assessment-manual value. Both less trade-in; new also less dealer rebates.
    const retail = a.price.plus(a.acc).plus(a.doc);
    if (a.fmv === undefined) {
      notices.push(
        `${v.state} ${r.taxName}: fair market (assessment-manual) value not given; the selling price was used`,
      );
    }
    if (cond === 'NEW') {
      amount = a.fmv && a.fmv.greaterThan(retail) ? a.fmv : retail;
      parts.push(
        a.fmv && a.fmv.greaterThan(retail)
          ? `assessment value ${fmtMoney(a.fmv)}`
          : `retail price incl. fees ${fmtMoney(retail)}`,
      );
      if (!a.dealer.isZero()) {
        amount = amount.minus(a.dealer);
        parts.push(`− dealer rebate ${fmtMoney(a.dealer)}`);
      }
      if (!a.mfr.isZero()) {
        parts.push(`(manufacturer rebate ${fmtMoney(a.mfr)} not deducted: taxable here)`);
      }
    } else {
      amount = a.fmv ?? retail;
      parts.push(`${a.fmv ? 'assessment value' : 'retail price'} ${fmtMoney(amount)}`);
    }
  } else {
    amount = a.price;
    parts.push(`price ${fmtMoney(a.price)}`);
    const excluded: string[] = [];
    // A plain loop rather than a per-call closure: this runs on every quote.
    const addOns: ReadonlyArray<readonly [boolean, Decimal, string]> = [
      [r.accessoriesTaxable, a.acc, 'accessories'],
      [r.docFee.taxable, a.doc, 'doc fee'],
      [r.serviceContractTaxable, a.sc, 'service contract'],
      [r.gapTaxable, a.gap, 'GAP'],
    ];
    for (const [flag, x, label] of addOns) {
      if (x.isZero()) continue;
      if (flag) {
        amount = amount.plus(x);
        parts.push(`+ ${label} ${fmtMoney(x)}`);
      } else excluded.push(label);
    }
    if (excluded.length > 0) parts.push(`(not taxed here: ${excluded.join(', ')})`);
    if (!r.manufacturerRebateTaxable && !a.mfr.isZero()) {
      amount = amount.minus(a.mfr);
      parts.push(`− manufacturer rebate ${fmtMoney(a.mfr)}`);
    } else if (!a.mfr.isZero()) {
      parts.push(`(manufacturer rebate ${fmtMoney(a.mfr)} not deducted: taxable here)`);
    }
    if (!r.dealerRebateTaxable && !a.dealer.isZero()) {
      amount = amount.minus(a.dealer);
      parts.push(`− dealer rebate ${fmtMoney(a.dealer)}`);
    }
    if (r.negativeEquityTaxable && a.payoff.greaterThan(a.allowance)) {
      const neg = a.payoff.minus(a.allowance);
      amount = amount.plus(neg);
      parts.push(`+ negative equity ${fmtMoney(neg)}`);
    }
  }
  const [credit, why] = tradeCredit(v, cond, a.allowance);
  if (!credit.isZero()) {
    amount = amount.minus(credit);
    parts.push(`− trade-in ${fmtMoney(credit)} (${why})`);
  } else if (why) parts.push(`(trade-in: ${why})`);
  if (amount.isNegative()) amount = ZERO;
  return { amount, text: parts.join(' ') };
}

/** The deal's amounts, each checked (field-named errors), and the rebates within the price. */
export function readAmounts(input: TaxQuoteInput): Amounts {
  const a: Amounts = {
    price: money(input.sellingPrice, 'sellingPrice', true),
    acc: money(input.accessories, 'accessories'),
    doc: money(input.docFee, 'docFee'),
    sc: money(input.serviceContract, 'serviceContract'),
    gap: money(input.gap, 'gap'),
    mfr: money(input.manufacturerRebate, 'manufacturerRebate'),
    dealer: money(input.dealerRebate, 'dealerRebate'),
    allowance: money(input.tradeInAllowance, 'tradeInAllowance'),
    payoff: money(input.tradeInPayoff, 'tradeInPayoff'),
    fmv:
      input.fairMarketValue === undefined
        ? undefined
        : money(input.fairMarketValue, 'fairMarketValue'),
  };
  const rebateRoom = a.price.plus(a.acc);
  if (a.mfr.greaterThan(rebateRoom))
    throw new CalcInputError('manufacturerRebate', 'manufacturer rebate exceeds the selling price');
  if (a.mfr.plus(a.dealer).greaterThan(rebateRoom))
    throw new CalcInputError('dealerRebate', 'rebates exceed the selling price');
  return a;
}

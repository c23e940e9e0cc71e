// GraphQL inputs → domain values, each bad value reported with the field at fault.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { badInput, parse } from '@autolytiq/kit/core';
import type {
  FinanceTermsInput,
  LeaseTermsInput,
  ProductInput,
  RebateInput,
  ScenarioInput,
  TradeInInput,
} from '../generated/resolvers-types.ts';
import { money, optMoney, parseAmount, ZERO } from './money.ts';
import type {
  FinanceTermsRecord,
  LeaseTermsRecord,
  ProductKind,
  ProductRecord,
  RebateRecord,
  TradeInRecord,
} from './records.ts';
import type { LeaseGridTerms, ScenarioTerms } from './scenarios.ts';

// The generic checks are the kit's (field first, then the value); this module adds the deal's own.
export const { id, optId, isoDate } = parse;
export const state = parse.stateCode;
export const zip = parse.zip5;
const text = parse.text;
const count = parse.wholeNumber;

/** The longest term any deal may have (the dealership's own maximum is at most this). */
export const TERM_LIMIT = 240;

function term(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > TERM_LIMIT) {
    throw badInput(field, `${field} must be 1 to ${TERM_LIMIT} months.`);
  }
  return value;
}

/** A dealership's longest finance term: 1 to TERM_LIMIT months. */
export function maxTermMonths(field: string, value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : term(field, value);
}

export function rebates(field: string, list: readonly RebateInput[]): RebateRecord[] {
  return list.map((r, i) => {
    const code = text(`${field}[${i}].code`, r.code, 40);
    if (!code) throw badInput(`${field}[${i}].code`, 'A rebate needs a code.');
    return {
      code,
      description: text(`${field}[${i}].description`, r.description),
      amount: money(`${field}[${i}].amount`, r.amount),
    };
  });
}

export function tradeIns(field: string, list: readonly TradeInInput[]): TradeInRecord[] {
  return list.map((t, i) => {
    const f = `${field}[${i}]`;
    const vin = text(`${f}.vin`, t.vin, 17)?.toUpperCase() ?? null;
    if (vin !== null && !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) {
      throw badInput(`${f}.vin`, 'A VIN has 17 letters and digits (no I, O or Q).');
    }
    return {
      id: randomUUID(),
      vin,
      year: count(`${f}.year`, t.year, 2100),
      make: text(`${f}.make`, t.make, 60),
      model: text(`${f}.model`, t.model, 60),
      mileage: count(`${f}.mileage`, t.mileage, 2_000_000),
      allowance: money(`${f}.allowance`, t.allowance),
      actualCashValue: optMoney(`${f}.actualCashValue`, t.actualCashValue),
      payoff: optMoney(`${f}.payoff`, t.payoff) ?? ZERO,
      lienholder: text(`${f}.lienholder`, t.lienholder),
    };
  });
}

const PRODUCT_NAMES: Record<ProductKind, string> = {
  SERVICE_CONTRACT: 'Service contract',
  GAP: 'GAP waiver',
  MAINTENANCE: 'Maintenance plan',
  TIRE_AND_WHEEL: 'Tire & wheel protection',
  APPEARANCE: 'Appearance protection',
  THEFT: 'Theft protection',
  KEY_REPLACEMENT: 'Key replacement',
  OTHER: 'Other product',
};

/**
 * The deal's products from input. An entry naming an existing product (`id`) keeps that id and, when
 * `cost` is left out (not null), its cost: the list replaces the old one whole, and a user who cannot
 * see costs must not wipe them by editing a price.
 */
export function products(
  field: string,
  list: readonly ProductInput[],
  existing: readonly ProductRecord[] = [],
): ProductRecord[] {
  const before = new Map(existing.map((e) => [e.id, e]));
  return list.map((p, i) => {
    const f = `${field}[${i}]`;
    const prior = p.id == null ? undefined : before.get(p.id);
    if (p.id != null && !prior) throw badInput(`${f}.id`, 'This deal has no product with that id.');
    return {
      id: prior?.id ?? randomUUID(),
      kind: p.kind,
      name: text(`${f}.name`, p.name, 100) ?? PRODUCT_NAMES[p.kind],
      price: money(`${f}.price`, p.price),
      cost: p.cost === undefined ? (prior?.cost ?? null) : optMoney(`${f}.cost`, p.cost),
      termMonths: count(`${f}.termMonths`, p.termMonths, 240),
      termMiles: count(`${f}.termMiles`, p.termMiles, 1_000_000),
    };
  });
}

const rate = parse.rate;

function finance(field: string, f: FinanceTermsInput): FinanceTermsRecord {
  const buyRate = f.buyRate == null ? null : rate(`${field}.buyRate`, f.buyRate, 40);
  const rateMarkup = f.rateMarkup == null ? null : rate(`${field}.rateMarkup`, f.rateMarkup, 10);
  let apr: Decimal;
  if (f.apr != null) {
    apr = rate(`${field}.apr`, f.apr, 40);
    if (buyRate && !buyRate.plus(rateMarkup ?? ZERO).equals(apr) && rateMarkup !== null) {
      throw badInput(
        `${field}.apr`,
        'apr must equal buyRate + rateMarkup when all three are given.',
      );
    }
  } else if (buyRate) {
    apr = buyRate.plus(rateMarkup ?? ZERO);
  } else {
    throw badInput(`${field}.apr`, 'Give apr, or buyRate (and rateMarkup).');
  }
  if (buyRate && apr.lessThan(buyRate)) {
    throw badInput(`${field}.apr`, 'The contract rate cannot be below the buy rate.');
  }
  return {
    lender: text(`${field}.lender`, f.lender),
    apr,
    buyRate,
    rateMarkup: rateMarkup ?? (buyRate ? apr.minus(buyRate) : null),
    termMonths: term(`${field}.termMonths`, f.termMonths),
    downPayment: optMoney(`${field}.downPayment`, f.downPayment) ?? ZERO,
    firstPaymentDate:
      f.firstPaymentDate == null ? null : isoDate(`${field}.firstPaymentDate`, f.firstPaymentDate),
  };
}

/**
 * The residual fraction from `residualRate` or the deprecated `residualPercent` (the same fraction
 * under its old name); both given must agree.
 */
function residualRate(
  field: string,
  args: { residualRate?: string | null; residualPercent?: string | null },
): Decimal | null {
  const r = args.residualRate == null ? null : rate(`${field}residualRate`, args.residualRate, 1);
  const p =
    args.residualPercent == null ? null : rate(`${field}residualPercent`, args.residualPercent, 1);
  if (r && p && !r.equals(p)) {
    throw badInput(
      `${field}residualPercent`,
      'Give residualRate only (residualPercent is its old name).',
    );
  }
  return r ?? p;
}

function lease(field: string, l: LeaseTermsInput): LeaseTermsRecord {
  const residualPercent = residualRate(`${field}.`, l);
  const residualValue = optMoney(`${field}.residualValue`, l.residualValue);
  if (!residualPercent && !residualValue) {
    throw badInput(`${field}.residualRate`, 'Give residualRate (0.58 for 58 %) or residualValue.');
  }
  return {
    lender: text(`${field}.lender`, l.lender),
    moneyFactor: rate(`${field}.moneyFactor`, l.moneyFactor, 1),
    residualPercent,
    residualValue,
    termMonths: term(`${field}.termMonths`, l.termMonths),
    milesPerYear: count(`${field}.milesPerYear`, l.milesPerYear, 100_000),
    cashDown: optMoney(`${field}.cashDown`, l.cashDown) ?? ZERO,
    acquisitionFee: optMoney(`${field}.acquisitionFee`, l.acquisitionFee) ?? ZERO,
  };
}

export interface ParsedScenario extends ScenarioTerms {
  name: string | null;
  select: boolean;
}

export function scenario(field: string, s: ScenarioInput): ParsedScenario {
  const base = { name: text(`${field}.name`, s.name, 80), select: s.select === true };
  if (s.kind === 'CASH') return { ...base, kind: 'CASH', finance: null, lease: null };
  if (s.kind === 'FINANCE') {
    if (!s.finance) throw badInput(`${field}.finance`, 'A FINANCE scenario needs finance terms.');
    return {
      ...base,
      kind: 'FINANCE',
      finance: finance(`${field}.finance`, s.finance),
      lease: null,
    };
  }
  if (!s.lease) throw badInput(`${field}.lease`, 'A LEASE scenario needs lease terms.');
  return { ...base, kind: 'LEASE', finance: null, lease: lease(`${field}.lease`, s.lease) };
}

export function settingsAmount(field: string, value: string | null | undefined, signed = false) {
  if (value === null || value === undefined) return null;
  if (signed) {
    const d = parseAmount(field, value);
    if (d.decimalPlaces() > 2) throw badInput(field, `${field} has more than two decimals.`);
    return d;
  }
  return money(field, value);
}

export interface LeaseGridArgs {
  cashDowns: readonly string[];
  moneyFactor?: string | null;
  residualRate?: string | null;
  residualPercent?: string | null;
  residualValue?: string | null;
  milesPerYear?: number | null;
  acquisitionFee?: string | null;
}

/**
 * The lease grid's terms: each one given wins, the rest come from `from` (the deal's selected, else
 * first, lease scenario). A term neither gives is BAD_USER_INPUT naming the argument.
 */
export function leaseGrid(
  args: LeaseGridArgs,
  from: LeaseTermsRecord | null,
): LeaseGridTerms & { cashDowns: Decimal[] } {
  const cashDowns = args.cashDowns.map((c, j) => money(`cashDowns[${j}]`, c));
  const noScenario = 'the deal has no lease scenario to take it from.';
  const moneyFactor =
    args.moneyFactor == null ? from?.moneyFactor : rate('moneyFactor', args.moneyFactor, 1);
  if (!moneyFactor) throw badInput('moneyFactor', `Give moneyFactor: ${noScenario}`);
  const givenRate = residualRate('', args);
  if (givenRate && args.residualValue != null) {
    throw badInput('residualValue', 'Give residualRate or residualValue, not both.');
  }
  let residualPercent: Decimal | null = null;
  let residualValue: Decimal | null = null;
  if (givenRate) {
    residualPercent = givenRate;
  } else if (args.residualValue != null) {
    residualValue = money('residualValue', args.residualValue);
  } else if (from) {
    residualPercent = from.residualPercent;
    residualValue = from.residualValue;
  } else {
    throw badInput('residualRate', `Give residualRate (or residualValue): ${noScenario}`);
  }
  return {
    cashDowns,
    moneyFactor,
    residualPercent,
    residualValue,
    milesPerYear:
      args.milesPerYear == null
        ? (from?.milesPerYear ?? null)
        : count('milesPerYear', args.milesPerYear, 100_000),
    acquisitionFee:
      args.acquisitionFee == null
        ? (from?.acquisitionFee ?? ZERO)
        : money('acquisitionFee', args.acquisitionFee),
  };
}

/** A deal number (or a first deal number): a whole number from 1 to 999,999,999. */
export function dealNumber(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > 999_999_999) {
    throw badInput(field, `${field} must be a whole number from 1 to 999999999.`);
  }
  return value;
}

export interface ContractInput {
  lender?: string | null;
  contractNumber?: string | null;
  contractDate?: string | null;
}

/** What F&I records with contractDeal (all optional; the lender defaults from the scenario). */
export function contract(field: string, c: ContractInput | null) {
  return {
    lender: text(`${field}.lender`, c?.lender),
    contractNumber: text(`${field}.contractNumber`, c?.contractNumber, 60),
    contractDate: c?.contractDate == null ? null : isoDate(`${field}.contractDate`, c.contractDate),
  };
}

export function fraction(field: string, value: string | null | undefined): Decimal | null {
  return value === null || value === undefined ? null : rate(field, value, 1);
}

export { Decimal };

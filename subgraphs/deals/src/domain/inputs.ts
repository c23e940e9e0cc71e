// GraphQL inputs → domain values, each bad value reported with the field at fault.
import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { badInput, isUuid } from '@autolytiq/kit/core';
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATE = /^[A-Z]{2}$/;
const ZIP = /^\d{5}(-\d{4})?$/;

export function id(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(field, `${field} is not a valid id.`);
  return value;
}

export function optId(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : id(value, field);
}

export function isoDate(value: string, field: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw badInput(field, `${field} must be a date (YYYY-MM-DD).`);
  }
  return value;
}

export function state(value: string, field: string): string {
  const s = value.trim().toUpperCase();
  if (!STATE.test(s)) throw badInput(field, `${field} must be a two-letter state code.`);
  return s;
}

export function zip(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const z = value.trim();
  if (!ZIP.test(z)) throw badInput(field, `${field} must be a 5-digit ZIP (or ZIP+4).`);
  return z.slice(0, 5);
}

function text(value: string | null | undefined, field: string, max = 200): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (t.length > max) throw badInput(field, `${field} is longer than ${max} characters.`);
  return t === '' ? null : t;
}

function count(value: number | null | undefined, field: string, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw badInput(field, `${field} must be a whole number from 0 to ${max}.`);
  }
  return value;
}

function term(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 120) {
    throw badInput(field, `${field} must be 1 to 120 months.`);
  }
  return value;
}

export function rebates(list: readonly RebateInput[], field: string): RebateRecord[] {
  return list.map((r, i) => {
    const code = text(r.code, `${field}[${i}].code`, 40);
    if (!code) throw badInput(`${field}[${i}].code`, 'A rebate needs a code.');
    return {
      code,
      description: text(r.description, `${field}[${i}].description`),
      amount: money(r.amount, `${field}[${i}].amount`),
    };
  });
}

export function tradeIns(list: readonly TradeInInput[], field: string): TradeInRecord[] {
  return list.map((t, i) => {
    const f = `${field}[${i}]`;
    const vin = text(t.vin, `${f}.vin`, 17)?.toUpperCase() ?? null;
    if (vin !== null && !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) {
      throw badInput(`${f}.vin`, 'A VIN has 17 letters and digits (no I, O or Q).');
    }
    return {
      id: randomUUID(),
      vin,
      year: count(t.year, `${f}.year`, 2100),
      make: text(t.make, `${f}.make`, 60),
      model: text(t.model, `${f}.model`, 60),
      mileage: count(t.mileage, `${f}.mileage`, 2_000_000),
      allowance: money(t.allowance, `${f}.allowance`),
      actualCashValue: optMoney(t.actualCashValue, `${f}.actualCashValue`),
      payoff: optMoney(t.payoff, `${f}.payoff`) ?? ZERO,
      lienholder: text(t.lienholder, `${f}.lienholder`),
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
  list: readonly ProductInput[],
  field: string,
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
      name: text(p.name, `${f}.name`, 100) ?? PRODUCT_NAMES[p.kind],
      price: money(p.price, `${f}.price`),
      cost: p.cost === undefined ? (prior?.cost ?? null) : optMoney(p.cost, `${f}.cost`),
      termMonths: count(p.termMonths, `${f}.termMonths`, 240),
      termMiles: count(p.termMiles, `${f}.termMiles`, 1_000_000),
    };
  });
}

function rate(value: string, field: string, max: number): Decimal {
  const d = parseAmount(value, field);
  if (d.isNegative() || d.greaterThan(max))
    throw badInput(field, `${field} must be from 0 to ${max}.`);
  return d;
}

function finance(f: FinanceTermsInput, field: string): FinanceTermsRecord {
  const buyRate = f.buyRate == null ? null : rate(f.buyRate, `${field}.buyRate`, 40);
  const rateMarkup = f.rateMarkup == null ? null : rate(f.rateMarkup, `${field}.rateMarkup`, 10);
  let apr: Decimal;
  if (f.apr != null) {
    apr = rate(f.apr, `${field}.apr`, 40);
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
    lender: text(f.lender, `${field}.lender`),
    apr,
    buyRate,
    rateMarkup: rateMarkup ?? (buyRate ? apr.minus(buyRate) : null),
    termMonths: term(f.termMonths, `${field}.termMonths`),
    downPayment: optMoney(f.downPayment, `${field}.downPayment`) ?? ZERO,
    firstPaymentDate:
      f.firstPaymentDate == null ? null : isoDate(f.firstPaymentDate, `${field}.firstPaymentDate`),
  };
}

/**
 * The residual fraction from `residualRate` or the deprecated `residualPercent` (the same fraction
 * under its old name); both given must agree.
 */
function residualRate(
  args: { residualRate?: string | null; residualPercent?: string | null },
  field: string,
): Decimal | null {
  const r = args.residualRate == null ? null : rate(args.residualRate, `${field}residualRate`, 1);
  const p =
    args.residualPercent == null ? null : rate(args.residualPercent, `${field}residualPercent`, 1);
  if (r && p && !r.equals(p)) {
    throw badInput(
      `${field}residualPercent`,
      'Give residualRate only (residualPercent is its old name).',
    );
  }
  return r ?? p;
}

function lease(l: LeaseTermsInput, field: string): LeaseTermsRecord {
  const residualPercent = residualRate(l, `${field}.`);
  const residualValue = optMoney(l.residualValue, `${field}.residualValue`);
  if (!residualPercent && !residualValue) {
    throw badInput(`${field}.residualRate`, 'Give residualRate (0.58 for 58 %) or residualValue.');
  }
  return {
    lender: text(l.lender, `${field}.lender`),
    moneyFactor: rate(l.moneyFactor, `${field}.moneyFactor`, 1),
    residualPercent,
    residualValue,
    termMonths: term(l.termMonths, `${field}.termMonths`),
    milesPerYear: count(l.milesPerYear, `${field}.milesPerYear`, 100_000),
    cashDown: optMoney(l.cashDown, `${field}.cashDown`) ?? ZERO,
    acquisitionFee: optMoney(l.acquisitionFee, `${field}.acquisitionFee`) ?? ZERO,
  };
}

export interface ParsedScenario extends ScenarioTerms {
  name: string | null;
  select: boolean;
}

export function scenario(s: ScenarioInput, field: string): ParsedScenario {
  const base = { name: text(s.name, `${field}.name`, 80), select: s.select === true };
  if (s.kind === 'CASH') return { ...base, kind: 'CASH', finance: null, lease: null };
  if (s.kind === 'FINANCE') {
    if (!s.finance) throw badInput(`${field}.finance`, 'A FINANCE scenario needs finance terms.');
    return {
      ...base,
      kind: 'FINANCE',
      finance: finance(s.finance, `${field}.finance`),
      lease: null,
    };
  }
  if (!s.lease) throw badInput(`${field}.lease`, 'A LEASE scenario needs lease terms.');
  return { ...base, kind: 'LEASE', finance: null, lease: lease(s.lease, `${field}.lease`) };
}

export function settingsAmount(value: string | null | undefined, field: string, signed = false) {
  if (value === null || value === undefined) return null;
  if (signed) {
    const d = parseAmount(value, field);
    if (d.decimalPlaces() > 2) throw badInput(field, `${field} has more than two decimals.`);
    return d;
  }
  return money(value, field);
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
  const cashDowns = args.cashDowns.map((c, j) => money(c, `cashDowns[${j}]`));
  const noScenario = 'the deal has no lease scenario to take it from.';
  const moneyFactor =
    args.moneyFactor == null ? from?.moneyFactor : rate(args.moneyFactor, 'moneyFactor', 1);
  if (!moneyFactor) throw badInput('moneyFactor', `Give moneyFactor: ${noScenario}`);
  const givenRate = residualRate(args, '');
  if (givenRate && args.residualValue != null) {
    throw badInput('residualValue', 'Give residualRate or residualValue, not both.');
  }
  let residualPercent: Decimal | null = null;
  let residualValue: Decimal | null = null;
  if (givenRate) {
    residualPercent = givenRate;
  } else if (args.residualValue != null) {
    residualValue = money(args.residualValue, 'residualValue');
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
        : count(args.milesPerYear, 'milesPerYear', 100_000),
    acquisitionFee:
      args.acquisitionFee == null
        ? (from?.acquisitionFee ?? ZERO)
        : money(args.acquisitionFee, 'acquisitionFee'),
  };
}

/** A deal number (or a first deal number): a whole number from 1 to 999,999,999. */
export function dealNumber(value: number | null | undefined, field: string): number | null {
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
export function contract(c: ContractInput | null, field: string) {
  return {
    lender: text(c?.lender, `${field}.lender`),
    contractNumber: text(c?.contractNumber, `${field}.contractNumber`, 60),
    contractDate: c?.contractDate == null ? null : isoDate(c.contractDate, `${field}.contractDate`),
  };
}

export function fraction(value: string | null | undefined, field: string): Decimal | null {
  return value === null || value === undefined ? null : rate(value, field, 1);
}

export { Decimal };

// DealScenario fields read from the stored calc result (JSON, Decimals as strings): the numbers shown
// are exactly the ones the engine returned when the scenario was computed.
import type DataLoader from 'dataloader';
import type { RequestContext } from '@autolytiq/kit';
import { Decimal } from 'decimal.js';
import type { DealScenarioResolvers } from '../generated/resolvers-types.ts';
import type { ScenarioRecord } from '../domain/records.ts';

type J = Record<string, unknown>;
const obj = (v: unknown): J => (v && typeof v === 'object' ? (v as J) : {});
const list = (v: unknown): J[] => (Array.isArray(v) ? (v as J[]) : []);
const dec = (v: unknown) => new Decimal(typeof v === 'string' || typeof v === 'number' ? v : 0);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

interface TaxLineJson {
  jurisdiction: string;
  kind: string;
  rate: Decimal;
  base: Decimal;
  amount: Decimal;
  rule: string;
  source: string;
}

function taxLine(l: J): TaxLineJson {
  return {
    jurisdiction: text(l.jurisdiction),
    kind: text(l.kind),
    rate: dec(l.rate),
    base: dec(l.base),
    amount: dec(l.amount),
    rule: text(l.rule),
    source: text(l.source),
  };
}

function taxLines(s: ScenarioRecord): TaxLineJson[] {
  const r = s.result;
  if (s.kind === 'LEASE') {
    const t = obj(r.taxes);
    return [...list(t.upfrontLines), ...list(t.monthlyLines)].map(taxLine);
  }
  return list(obj(r.tax).lines).map(taxLine);
}

function leaseTerm(s: ScenarioRecord): number {
  return s.lease?.termMonths ?? 0;
}

/** The payment schedule: in the result when just computed; otherwise loaded (reads leave it out). */
export async function scenarioPayments(
  s: ScenarioRecord,
  load: () => DataLoader<string, unknown[]>,
) {
  if (s.kind !== 'FINANCE') return [];
  const rows = list(s.result.schedule ?? (await load().load(s.id)));
  return rows.map((p) => ({
    number: Number(p.number),
    dueDate: typeof p.dueDate === 'string' ? p.dueDate : null,
    payment: dec(p.payment),
    interest: dec(p.interest),
    principal: dec(p.principal),
    balance: dec(p.balance),
  }));
}

export function scenarioFields(
  schedules: (ctx: RequestContext) => DataLoader<string, unknown[]>,
): DealScenarioResolvers {
  return {
    payments: (s, _a, ctx) => scenarioPayments(s, () => schedules(ctx)),
    lines: (s) =>
      list(s.result.lines).map((l) => ({
        code: text(l.code),
        label: text(l.label),
        amount: dec(l.amount),
      })),
    taxLines: (s) => taxLines(s),
    taxableAmount: (s) => {
      if (s.kind !== 'LEASE') return dec(obj(s.result.tax).taxableAmount);
      // Lease: what is taxed at signing plus each monthly payment's base over the term.
      const t = obj(s.result.taxes);
      const upfront = list(t.upfrontLines)[0];
      const monthly = list(t.monthlyLines)[0];
      return dec(upfront?.base).plus(dec(monthly?.base).times(leaseTerm(s)));
    },
    totalTax: (s) =>
      s.kind === 'LEASE'
        ? dec(s.result.upfrontTax).plus(dec(s.result.monthlyTax).times(leaseTerm(s)))
        : dec(s.result.totalTax),
    dueFromBuyer: (s) =>
      s.kind === 'CASH'
        ? dec(s.result.totalDue)
        : s.kind === 'FINANCE'
          ? dec(s.result.downPayment)
          : dec(s.result.dueAtSigning),
    monthlyPayment: (s) =>
      s.kind === 'FINANCE'
        ? dec(s.result.monthlyPayment)
        : s.kind === 'LEASE'
          ? dec(s.result.totalMonthlyPayment)
          : null,
    truthInLending: (s) => {
      if (s.kind !== 'FINANCE') return null;
      const r = s.result;
      return {
        apr: dec(r.disclosedApr),
        financeCharge: dec(r.financeCharge),
        amountFinanced: dec(r.amountFinanced),
        totalOfPayments: dec(r.totalOfPayments),
        totalSalePrice: dec(r.totalSalePrice),
        totalDownPayment: dec(r.totalDownPayment),
        numberOfPayments: Number(r.numberOfPayments),
        monthlyPayment: dec(r.monthlyPayment),
        finalPayment: dec(r.finalPayment),
        firstPaymentDate: text(r.firstPaymentDate),
      };
    },
    leaseResult: (s) => {
      if (s.kind !== 'LEASE') return null;
      const r = s.result;
      return {
        grossCapCost: dec(r.grossCapCost),
        capCostReduction: dec(r.capCostReduction),
        adjustedCapCost: dec(r.adjustedCapCost),
        residualValue: dec(r.residualValue),
        depreciation: dec(r.depreciation),
        rentCharge: dec(r.rentCharge),
        basePayment: dec(r.basePayment),
        monthlyTax: dec(r.monthlyTax),
        totalMonthlyPayment: dec(r.totalMonthlyPayment),
        upfrontTax: dec(r.upfrontTax),
        cashDueAtSigning: dec(r.dueAtSigning),
        dueAtSigning: dec(r.dueAtSigning),
        amountDueAtSigning: dec(obj(r.regulationM).amountDueAtSigning),
        totalOfPayments: dec(r.totalOfPayments),
        aprEquivalent: dec(r.aprEquivalent),
      };
    },
    notices: (s) => (Array.isArray(s.result.notices) ? (s.result.notices as string[]) : []),
    reserve: (s) => (s.kind === 'FINANCE' && s.finance?.buyRate ? s.reserve : null),
  };
}

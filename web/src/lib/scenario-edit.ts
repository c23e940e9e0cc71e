// Editing a scenario's terms on the desk (loaded with the editors: zod): the form's values as typed and
// their translation to the API's ScenarioInput, and server field paths back to the form. A lease
// residual is typed as a percentage of MSRP ("58") or in dollars; the API takes the fraction.
import { z } from 'zod';
import type { ScenarioInput, ScenarioViewFragment } from '../generated/graphql.ts';
import { number, opt, optInt, optionalAmount, optionalWhole, str, text } from './deal-edit.ts';
import { percentToRate, rateToPercent } from './numbers.ts';

const RATE = /^\d+(\.\d{1,4})?$/;
const rate = number.refine(
  (s) => s === '' || RATE.test(s),
  'Enter the rate in percent, such as 4.9 or 4.9%.',
);
// 1–100 % of MSRP, at most two decimals (the API keeps four on the fraction). Below 1 % is a
// fraction typed out of habit (0.58 meaning 58 %): refused rather than quoted as a 0.58 % residual.
const residualPercent = number.refine(
  (s) => s === '' || (/^\d{1,3}(\.\d{1,2})?$/.test(s) && Number(s) >= 1 && Number(s) <= 100),
  'Enter the residual as a percentage of MSRP, such as 58 or 57.5% (not 0.58).',
);

export const scenarioFormSchema = z
  .object({
    kind: z.enum(['CASH', 'FINANCE', 'LEASE']),
    name: text(80),
    rateMode: z.enum(['APR', 'BUY_RATE']),
    apr: rate,
    buyRate: rate,
    rateMarkup: rate,
    termMonths: optionalWhole(120),
    downPayment: optionalAmount,
    moneyFactor: z
      .string()
      .trim()
      .refine((s) => s === '' || /^0?\.\d{1,6}$/.test(s), 'Enter a money factor such as 0.00125.'),
    /** The residual as a percentage of MSRP, or in dollars. */
    residualMode: z.enum(['PERCENT', 'DOLLARS']),
    residualPercent,
    residualValue: optionalAmount,
    milesPerYear: optionalWhole(100_000),
    cashDown: optionalAmount,
  })
  .superRefine((v, ctx) => {
    const need = (key: keyof typeof v, message: string) =>
      v[key] === '' && ctx.addIssue({ code: 'custom', path: [key], message });
    if (v.kind === 'CASH') return;
    need('termMonths', 'Enter the term in months.');
    if (v.termMonths !== '' && Number(v.termMonths) < 1)
      ctx.addIssue({ code: 'custom', path: ['termMonths'], message: 'At least 1 month.' });
    if (v.kind === 'FINANCE') {
      if (v.rateMode === 'APR') need('apr', 'Enter the APR.');
      else need('buyRate', 'Enter the buy rate.');
    } else {
      need('moneyFactor', 'Enter the money factor.');
      if (v.residualMode === 'PERCENT') need('residualPercent', 'Enter the residual %.');
      else need('residualValue', 'Enter the residual in dollars.');
    }
  });

export type ScenarioFormValues = z.infer<typeof scenarioFormSchema>;

export function fromScenario(s: ScenarioViewFragment): ScenarioFormValues {
  const f = s.finance;
  const l = s.lease;
  return {
    kind: s.kind,
    name: s.name ?? '',
    rateMode: f?.buyRate ? 'BUY_RATE' : 'APR',
    apr: f?.apr ?? '',
    buyRate: f?.buyRate ?? '',
    rateMarkup: f?.rateMarkup ?? '',
    termMonths: str(f?.termMonths ?? l?.termMonths),
    downPayment: f?.downPayment ?? '0',
    moneyFactor: l?.moneyFactor ?? '',
    // A residual quoted in dollars stays in dollars; otherwise the percentage.
    residualMode: l?.residualValue && !l.residualRate ? 'DOLLARS' : 'PERCENT',
    residualPercent: l?.residualRate ? rateToPercent(l.residualRate) : '',
    residualValue: l?.residualValue && !l.residualRate ? l.residualValue : '',
    milesPerYear: str(l?.milesPerYear),
    cashDown: l?.cashDown ?? '0',
  };
}

/** The residual the form holds (nothing when the box is blank: the server then names it). */
function residualOf(v: ScenarioFormValues) {
  if (v.residualMode === 'DOLLARS')
    return opt(v.residualValue) ? { residualValue: v.residualValue.trim() } : {};
  return opt(v.residualPercent) ? { residualRate: percentToRate(v.residualPercent) } : {};
}

/**
 * The scenario input for `updateScenario`, which replaces the terms whole: what the form does not
 * show (lender, first payment date, acquisition fee) is carried over from `kept`, the scenario being
 * edited — leaving it out would reset it.
 */
export function toScenarioInput(v: ScenarioFormValues, kept?: ScenarioViewFragment): ScenarioInput {
  const base = { kind: v.kind, name: opt(v.name) };
  const f = kept?.kind === v.kind ? kept.finance : null;
  const l = kept?.kind === v.kind ? kept.lease : null;
  if (v.kind === 'FINANCE')
    return {
      ...base,
      finance: {
        ...(f?.lender ? { lender: f.lender } : {}),
        ...(f?.firstPaymentDate ? { firstPaymentDate: f.firstPaymentDate } : {}),
        ...(v.rateMode === 'APR'
          ? { apr: v.apr.trim() }
          : { buyRate: v.buyRate.trim(), rateMarkup: opt(v.rateMarkup) ?? '0' }),
        termMonths: Number(v.termMonths),
        downPayment: opt(v.downPayment) ?? '0',
      },
    };
  if (v.kind === 'LEASE')
    return {
      ...base,
      lease: {
        ...(l?.lender ? { lender: l.lender } : {}),
        ...(l?.acquisitionFee ? { acquisitionFee: l.acquisitionFee } : {}),
        moneyFactor: v.moneyFactor.trim(),
        ...residualOf(v),
        termMonths: Number(v.termMonths),
        milesPerYear: optInt(v.milesPerYear),
        cashDown: opt(v.cashDown) ?? '0',
      },
    };
  return base;
}

/** `finance.apr` / `lease.termMonths` (after `input.`) → the scenario form's field. */
export function scenarioFieldOf(serverPath: string): keyof ScenarioFormValues | undefined {
  const m = /^(?:finance|lease)\.(\w+)$/.exec(serverPath);
  const name = m ? m[1]! : serverPath;
  // The API's residual fraction (and its deprecated name) is the form's percentage box.
  if (name === 'residualRate' || name === 'residualPercent') return 'residualPercent';
  const known: Array<keyof ScenarioFormValues> = [
    'name',
    'apr',
    'buyRate',
    'rateMarkup',
    'termMonths',
    'downPayment',
    'moneyFactor',
    'residualValue',
    'milesPerYear',
    'cashDown',
  ];
  return known.find((k) => k === name);
}

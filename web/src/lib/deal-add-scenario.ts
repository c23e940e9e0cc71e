// The desk's quick "add a scenario" form: its boxes → ScenarioInput, each bad value named on its box
// (before asking the server), and the server's input errors put back on the box they are about.
import type { ScenarioInput, ScenarioKind } from '../generated/graphql.ts';
import { cleanNumber, percentToRate } from './numbers.ts';

export interface AddScenarioForm {
  apr: string;
  termMonths: string;
  downPayment: string;
  moneyFactor: string;
  /** A percentage of MSRP as people say it ("58"); sent as the fraction (residualRate 0.58). */
  residualPercent: string;
  leaseTerm: string;
  cashDown: string;
}

export type AddScenarioErrors = Partial<Record<keyof AddScenarioForm, string>>;

const DECIMAL = /^\d+(\.\d+)?$/;
const MONEY = /^\d+(\.\d{1,2})?$/;

const clean = cleanNumber;

export function addScenarioInput(
  kind: ScenarioKind,
  f: AddScenarioForm,
): { input: ScenarioInput; errors?: undefined } | { input?: undefined; errors: AddScenarioErrors } {
  const errors: AddScenarioErrors = {};
  const term = (key: 'termMonths' | 'leaseTerm') => {
    const t = clean(f[key]);
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 120) {
      errors[key] = 'Enter the term in whole months (1 to 120).';
    }
    return Number(t);
  };
  const money = (key: 'downPayment' | 'cashDown') => {
    const v = clean(f[key]) || '0';
    if (!MONEY.test(v)) errors[key] = 'Enter an amount such as 1500 or 1500.00.';
    return v;
  };
  const rate = (key: 'apr' | 'moneyFactor', max: number, hint: string) => {
    const v = clean(f[key]);
    if (!DECIMAL.test(v) || Number(v) > max) errors[key] = hint;
    return v;
  };
  const residualRate = () => {
    const v = clean(f.residualPercent);
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(v) || Number(v) < 1 || Number(v) > 100) {
      errors.residualPercent =
        'Enter the residual as a percentage of MSRP (e.g. 58 for 58 %, not 0.58).';
      return '0';
    }
    return percentToRate(v);
  };
  let input: ScenarioInput;
  if (kind === 'CASH') input = { kind, name: 'Cash' };
  else if (kind === 'FINANCE') {
    const termMonths = term('termMonths');
    input = {
      kind,
      name: `Finance ${termMonths} mo`,
      finance: {
        apr: rate('apr', 40, 'Enter the APR in percent, 0 to 40 (e.g. 6.9).'),
        termMonths,
        downPayment: money('downPayment'),
      },
    };
  } else {
    const termMonths = term('leaseTerm');
    input = {
      kind,
      name: `Lease ${termMonths} mo`,
      lease: {
        moneyFactor: rate('moneyFactor', 1, 'Enter the money factor as quoted (e.g. 0.00125).'),
        residualRate: residualRate(),
        termMonths,
        cashDown: money('cashDown'),
      },
    };
  }
  return Object.keys(errors).length > 0 ? { errors } : { input };
}

/** The box a server input error (`input.lease.residualRate`…) belongs on, if any. */
export function addScenarioFieldOf(serverPath: string): keyof AddScenarioForm | undefined {
  const m = /^(finance|lease)\.(\w+)$/.exec(serverPath);
  if (!m) return undefined;
  const [, block, name] = m;
  if (name === 'termMonths') return block === 'lease' ? 'leaseTerm' : 'termMonths';
  if (name === 'residualRate' || name === 'residualPercent') return 'residualPercent';
  const known: Record<string, Array<keyof AddScenarioForm>> = {
    finance: ['apr', 'downPayment'],
    lease: ['moneyFactor', 'cashDown'],
  };
  return known[block!]!.find((k) => k === name);
}

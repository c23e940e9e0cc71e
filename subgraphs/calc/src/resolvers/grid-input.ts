// PaymentGridInput (GraphQL) → the engine's grid input. The embedded deal carries the fixed terms;
// the grid's own axes (terms, down payments or residual options) replace the varying ones.
import { badInput } from '@autolytiq/kit';
import type { PaymentGridInput as EngineGridInput } from '../engine/index.ts';
import type { PaymentGridInput } from '../generated/resolvers-types.ts';

function compact<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as T;
}

export function toGridInput(input: PaymentGridInput): EngineGridInput {
  if (input.kind === 'FINANCE') {
    if (!input.finance) throw badInput('input.finance', 'A FINANCE grid needs the finance deal.');
    if (!input.downPayments?.length)
      throw badInput('input.downPayments', 'List the down payments to compare.');
    const { termMonths: _t, downPayment: _d, ...deal } = compact(input.finance);
    return {
      kind: 'FINANCE',
      ...deal,
      terms: input.terms,
      downPayments: input.downPayments,
    } as EngineGridInput;
  }
  if (!input.lease) throw badInput('input.lease', 'A LEASE grid needs the lease deal.');
  if (!input.residuals?.length)
    throw badInput('input.residuals', 'List the residual options to compare.');
  const { termMonths: _t, residualPercent: _p, residualValue: _v, ...deal } = compact(input.lease);
  return {
    kind: 'LEASE',
    ...deal,
    terms: input.terms,
    residuals: input.residuals.map((r) => compact(r)),
  } as EngineGridInput;
}

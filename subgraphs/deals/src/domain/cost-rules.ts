// Who may write what moves gross: costs only with deals.gross.read; a user who cannot see the buy
// rate edits a finance scenario by its sell rate alone.
import { forbidden, type Principal } from '@autolytiq/kit';
import type { FinanceTermsRecord } from './records.ts';

/**
 * Costs move gross, so only users who may read gross may write them (issue 12: reconditioning and
 * product costs were accepted from sales). The web app leaves them out for those users; a product
 * entry without `cost` keeps its stored cost (inputs.ts).
 */
export function refuseCostWrite(p: Principal, field: string): void {
  if (p.permissions.includes('deals.gross.read')) return;
  throw forbidden(
    `Setting ${field.replace(/^input\./, '')} requires permission deals.gross.read.`,
    {
      requiredPermissions: ['deals.gross.read'],
      field,
    },
  );
}

export function refuseCostWrites(
  p: Principal,
  input: { reconditioning?: unknown; products?: ReadonlyArray<{ cost?: unknown }> | null },
): void {
  if (input.reconditioning != null) refuseCostWrite(p, 'input.reconditioning');
  input.products?.forEach((product, i) => {
    if (product.cost !== undefined) refuseCostWrite(p, `input.products[${i}].cost`);
  });
}

/**
 * A user who cannot see the buy rate edits a finance scenario by its sell rate (apr) alone: the
 * lender's buy rate stays, and the markup is what the new apr leaves over it. Below the buy rate
 * there is no markup to keep, and the scenario becomes a plain-apr one (the manager re-desks it).
 */
export function keepBuyRate(
  next: FinanceTermsRecord | null | undefined,
  stored: FinanceTermsRecord | null | undefined,
): void {
  if (!next || next.buyRate || !stored?.buyRate) return;
  if (next.apr.lessThan(stored.buyRate)) return;
  next.buyRate = stored.buyRate;
  next.rateMarkup = next.apr.minus(stored.buyRate);
}

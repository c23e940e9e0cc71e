// Gross profit. Front: selling price + accessories − dealer discount − vehicle cost − reconditioning
// − trade over-allowance (allowance above ACV). Back: dealer reserve + Σ (product price − cost).
// The doc fee is left out of both (dealerships book it differently; say so if it should move).
import type { Decimal } from 'decimal.js';
import { sum, ZERO } from './money.ts';
import type { DealRecord } from './records.ts';

export interface GrossProfit {
  frontGross: Decimal | null;
  backGross: Decimal;
  totalGross: Decimal | null;
  vehicleCost: Decimal | null;
  reconditioning: Decimal;
  tradeOverAllowance: Decimal;
  reserve: Decimal;
  productMargin: Decimal;
  lowGrossThreshold: Decimal;
  isLowGross: boolean;
}

export function grossProfit(deal: DealRecord, lowGrossThreshold: Decimal): GrossProfit {
  const tradeOverAllowance = sum(
    deal.tradeIns
      .filter((t) => t.actualCashValue !== null)
      .map((t) => t.allowance.minus(t.actualCashValue!)),
  );
  const selected = deal.scenarios.find((s) => s.selected);
  const reserve = selected?.reserve ?? ZERO;
  const productMargin = sum(deal.products.map((p) => p.price.minus(p.cost ?? ZERO)));
  const frontGross =
    deal.vehicleCost === null
      ? null
      : deal.sellingPrice
          .plus(deal.accessories)
          .minus(deal.dealerDiscount)
          .minus(deal.vehicleCost)
          .minus(deal.reconditioning)
          .minus(tradeOverAllowance);
  const backGross = reserve.plus(productMargin);
  return {
    frontGross,
    backGross,
    totalGross: frontGross === null ? null : frontGross.plus(backGross),
    vehicleCost: deal.vehicleCost,
    reconditioning: deal.reconditioning,
    tradeOverAllowance,
    reserve,
    productMargin,
    lowGrossThreshold,
    // Unknown cost counts as low: approval must not slip through on a missing number.
    isLowGross: frontGross === null || frontGross.lessThan(lowGrossThreshold),
  };
}

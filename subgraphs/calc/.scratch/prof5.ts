import { measure } from '../src/engine/bench.ts';
import { Dec } from '../src/engine/decimal.ts';
import { amortizationSchedule, paymentFactor } from '../src/engine/amortization.ts';
import { buildDealSheet } from '../src/engine/deal-sheet.ts';
import { parseFinanceTerms, financeDeal } from '../src/engine/finance.ts';
import { defaultTax } from '../src/engine/index.ts';
import { toIsoDate, addMonths } from '../src/engine/dates.ts';
const rate = new Dec('7.49').div(1200);
const first = { t: 1, fNum: 14, fDen: 30 };
const CASH = { state: 'TX', vehicleCondition: 'NEW' as const, sellingPrice: '38500', accessories: '1200', manufacturerRebate: '1000', tradeInAllowance: '12000', tradeInPayoff: '9000', docFee: '150', feeTier: 'NONATTAINMENT_COUNTY', registrationFee: '51.75', serviceContract: '1995', gap: '695' };
const FIN = { ...CASH, downPayment: '3000', apr: '7.49', termMonths: 84, contractDate: '2025-03-01', firstPaymentDate: '2025-04-15' };
for (let k = 0; k < 2; k++) {
console.log('factor', measure(() => paymentFactor(rate, 84, first)));
console.log('schedule', measure(() => amortizationSchedule({ amountFinanced: new Dec('31234.56'), noteRate: new Dec('7.49'), termMonths: 84, payment: new Dec('476.12'), first, dueDates: null })));
console.log('dates', measure(() => { const a = []; for (let n = 0; n < 84; n++) a.push(toIsoDate(addMonths(20000, n, 15))); return a; }));
console.log('terms', measure(() => parseFinanceTerms(FIN)));
console.log('sheet', measure(() => buildDealSheet(CASH, '2025-03-01', defaultTax)));
console.log('finance', measure(() => financeDeal(FIN, defaultTax)));
}

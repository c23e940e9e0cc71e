import { measure } from '../src/engine/bench.ts';
import { prepareLease, residualFrom, leaseDeal } from '../src/engine/lease.ts';
import { priceLease } from '../src/engine/lease-pricing.ts';
import { defaultTax } from '../src/engine/index.ts';
const LEASE = { state: 'CA', zip: '90012', dealDate: '2025-03-01', msrp: '45000', sellingPrice: '43000', capitalizedFees: '695', cashDown: '3000', rebates: '500', residualPercent: '0.58', moneyFactor: '0.00175', termMonths: 36, titleFee: '0', registrationFee: '0' };
const LTI = { state: 'CA', zip: '90012', dealDate: '2025-03-01' };
for (let k = 0; k < 2; k++) {
console.log('treatment', measure(() => defaultTax.leaseTaxTreatment(LTI)));
console.log('prepare', measure(() => prepareLease(LEASE, defaultTax)));
const p = prepareLease(LEASE, defaultTax);
console.log('residual', measure(() => residualFrom(p, '0.58', undefined)));
const r = residualFrom(p, '0.58', undefined);
console.log('price', measure(() => priceLease(p, 36, r)));
console.log('lease', measure(() => leaseDeal(LEASE, defaultTax)));
}

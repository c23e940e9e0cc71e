import { leaseDeal, cashDeal, financeDeal } from '../src/engine/index.ts';
const LEASE = { state: 'CA', zip: '90012', dealDate: '2025-03-01', msrp: '45000', sellingPrice: '43000', capitalizedFees: '695', cashDown: '3000', rebates: '500', residualPercent: '0.58', moneyFactor: '0.00175', termMonths: 36, titleFee: '0', registrationFee: '0' };
function cpu(run: () => unknown, batches = 40, batch = 50) {
  for (let i = 0; i < 300; i++) run();
  const s: number[] = [];
  for (let b = 0; b < batches; b++) { const c0 = process.cpuUsage(); for (let i = 0; i < batch; i++) run(); const c = process.cpuUsage(c0); s.push((c.user + c.system) / batch); }
  s.sort((a, b) => a - b); return s[s.length >> 1];
}
console.log('lease cpu µs', cpu(() => leaseDeal(LEASE)));

// Segment profiles in dealer terms: typical values (medians and shares), a name derived from them,
// and a suggested approach. Plain functions over the deal facts of each segment's customers.
import { Decimal } from 'decimal.js';
import { daysToClose, type DealFacts } from './features.ts';

export interface SegmentProfile {
  sellingPrice: number;
  termMonths: number;
  downPaymentShare: number;
  tradeEquityShare: number;
  apr: number | null;
  newVehicleShare: number;
  leadSource: string;
  daysToClose: number;
  cashShare: number;
  financeShare: number;
  leaseShare: number;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const round = (v: number, places: number) => Number(v.toFixed(places));

const LEAD_WORDS: Record<string, string> = {
  WALK_IN: 'walk-in',
  PHONE: 'phone',
  WEB_LEAD: 'web lead',
  REFERRAL: 'referral',
  REPEAT: 'repeat customer',
  THIRD_PARTY: 'third-party lead',
  EVENT: 'event',
  OTHER: 'other',
};

export function profileOf(deals: DealFacts[], now: Date): SegmentProfile {
  const n = deals.length || 1;
  const price = (f: DealFacts) => new Decimal(f.sellingPrice);
  const share = (f: DealFacts, v: string) => new Decimal(v).div(price(f)).toNumber();
  const financed = deals.filter((f) => f.kind === 'FINANCE' && f.apr !== null);
  const sources = new Map<string, number>();
  for (const f of deals) {
    const s = f.leadSource ?? 'OTHER';
    sources.set(s, (sources.get(s) ?? 0) + 1);
  }
  const topSource = [...sources].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return {
    sellingPrice: Math.round(median(deals.map((f) => price(f).toNumber()))),
    termMonths: Math.round(median(deals.map((f) => (f.kind === 'CASH' ? 0 : (f.termMonths ?? 0))))),
    downPaymentShare: round(
      median(deals.map((f) => (f.kind === 'CASH' ? 1 : share(f, f.downPayment)))),
      3,
    ),
    tradeEquityShare: round(median(deals.map((f) => share(f, f.tradeEquity))), 3),
    apr: financed.length ? round(median(financed.map((f) => Number(f.apr))), 2) : null,
    newVehicleShare: round(deals.filter((f) => f.vehicleCondition === 'NEW').length / n, 3),
    leadSource: LEAD_WORDS[topSource?.[0] ?? 'OTHER'] ?? 'other',
    daysToClose: round(median(deals.map((f) => daysToClose(f, now))), 1),
    cashShare: round(deals.filter((f) => f.kind === 'CASH').length / n, 3),
    financeShare: round(deals.filter((f) => f.kind === 'FINANCE').length / n, 3),
    leaseShare: round(deals.filter((f) => f.kind === 'LEASE').length / n, 3),
  };
}

/** "Long-term financers, used, negative equity" — from the profile, relative to the dealership. */
export function nameOf(p: SegmentProfile, all: SegmentProfile): string {
  let structure: string;
  if (p.cashShare >= 0.5) structure = 'Cash buyers';
  else if (p.leaseShare >= 0.5) structure = 'Lessees';
  else if (p.termMonths > 72) structure = 'Long-term financers';
  else if (p.termMonths <= 48) structure = 'Short-term financers';
  else structure = 'Financers';
  const parts = [structure];
  if (p.sellingPrice >= all.sellingPrice * 1.3) parts.push('premium');
  else if (p.sellingPrice <= all.sellingPrice * 0.75) parts.push('budget');
  parts.push(p.newVehicleShare >= 0.6 ? 'new' : p.newVehicleShare <= 0.4 ? 'used' : 'new and used');
  if (p.tradeEquityShare <= -0.03) parts.push('negative equity');
  else if (p.tradeEquityShare >= 0.1) parts.push('trade equity');
  if (p.cashShare < 0.5 && p.downPaymentShare >= 0.2) parts.push('big down');
  return `${parts[0]}, ${parts.slice(1).join(', ')}`;
}

/** How to work these customers, from the profile (a few sentences, most telling first). */
export function approachOf(p: SegmentProfile): string {
  const tips: string[] = [];
  if (p.tradeEquityShare <= -0.03)
    tips.push(
      'Plan for the negative equity up front: rebates, a longer term or a lower-priced vehicle, and GAP.',
    );
  if (p.cashShare >= 0.5)
    tips.push('Sell the out-the-door price and the products on their own merits; no payment talk.');
  else if (p.leaseShare >= 0.5)
    tips.push(
      'Lead with the lease payment and the upgrade at term end; quote miles per year early.',
    );
  else if (p.termMonths > 72)
    tips.push('Lead with the monthly payment; show the 72/84-month grid and protect it with GAP.');
  else if (p.termMonths <= 48)
    tips.push('Show the total interest saved: these buyers accept a higher payment to pay less.');
  else tips.push('Present the balanced four-square: payment, term and down side by side.');
  if (p.downPaymentShare >= 0.2 && p.cashShare < 0.5)
    tips.push('They bring cash down: show what it does to the payment and the rate.');
  if (p.leadSource === 'web lead' || p.leadSource === 'third-party lead')
    tips.push('They came in online: answer fast and with a real price; they have compared.');
  if (p.leadSource === 'referral' || p.leadSource === 'repeat customer')
    tips.push('A relationship buyer: thank the referral, and keep the process short.');
  return tips.join(' ');
}

/** Distinct names: a repeated name gets its segment id. */
export function distinctNames(names: string[], ids: string[]): string[] {
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  return names.map((n, i) => ((count.get(n) ?? 0) > 1 ? `${n} (${ids[i]})` : n));
}

// A deal whose tax lacks a local rate for its place (the engine says "local tax is NOT included")
// under-collects; it is contracted only after a manager has acknowledged exactly those notices,
// recorded on the deal (who, when, what). A later change of the numbers that brings other notices
// needs a new acknowledgement.
import type { DealRecord, LocalRateAcknowledgementRecord } from './records.ts';

// The engine's wording for a local tax it could not include (tax/local.ts): a notice, not a field.
const MISSING = /local tax(es)? (is NOT included|\(.*\) are not included)/;

/** The selected scenario's notices that say a local tax is missing from the deal. */
export function missingLocalTax(deal: Pick<DealRecord, 'scenarios'>): string[] {
  const selected = deal.scenarios.find((s) => s.selected);
  const notices = selected?.result.notices;
  return Array.isArray(notices)
    ? (notices as unknown[]).filter((n): n is string => typeof n === 'string' && MISSING.test(n))
    : [];
}

/** Whether the deal's acknowledgement covers exactly what is missing now. */
export function acknowledged(
  missing: readonly string[],
  ack: LocalRateAcknowledgementRecord | null,
): boolean {
  if (missing.length === 0) return true;
  if (!ack) return false;
  return missing.every((n) => ack.notices.includes(n));
}

/** Why the deal cannot be contracted yet for its tax (null: it can). */
export function localTaxRefusal(deal: DealRecord): string | null {
  const missing = missingLocalTax(deal);
  if (acknowledged(missing, deal.localRateAcknowledgement)) return null;
  return `The deal's tax has no local rate for its place (${missing.join('; ')}). A manager must acknowledge it (acknowledgeMissingLocalTax) before the deal is contracted, or load the dealership's rate for the ZIP.`;
}

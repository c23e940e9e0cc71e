// How the desk reads what the server says it may do (`Deal.editMode`, `Deal.actions`), and how a
// stale edit shows (light: imported by the desk page). No status or permission rules live here.
import type { DealEditMode, DealStatus } from '../generated/graphql.ts';
import { ApiError } from './errors.ts';

/** The server's word on editing this deal, for this caller. */
export interface EditState {
  status: DealStatus;
  editMode: DealEditMode;
}

/** Edit buttons and inputs exist only when the server says the caller may edit the deal. */
export function canEditDeal(deal: EditState): boolean {
  return deal.editMode === 'EDITABLE' || deal.editMode === 'REAPPROVAL';
}

/** The words shown before an edit that sends the deal back for approval (null when none is needed). */
export function resubmitWarning(deal: EditState): string | null {
  if (deal.editMode !== 'REAPPROVAL') return null;
  const now =
    deal.status === 'SUBMITTED'
      ? 'submitted'
      : deal.status === 'APPROVED'
        ? 'approved'
        : 'in finance';
  return `This deal is ${now}: changing it sends it back to Submitted, and it needs approval again.`;
}

/** A stale version: someone else changed the deal since it was read. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.errors.some((e) => e.extensions?.code === 'CONFLICT');
}

/** "Deal #1002 · Maria Lopez": how a deal is named in titles and messages. */
export function dealTitle(deal: {
  dealNumber: number;
  buyer?: { displayName: string } | null;
}): string {
  return deal.buyer
    ? `Deal #${deal.dealNumber} · ${deal.buyer.displayName}`
    : `Deal #${deal.dealNumber}`;
}

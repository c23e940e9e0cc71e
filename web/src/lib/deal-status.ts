// Which deal statuses allow edits, and how a stale edit shows (light: imported by the desk page).
import type { DealStatus } from '../generated/graphql.ts';
import { ApiError } from './errors.ts';

/** edit: as is (REJECTED returns to DRAFT); resubmit: the edit sends the deal back to SUBMITTED; frozen. */
export type EditMode = 'edit' | 'resubmit' | 'frozen';

export function editMode(status: DealStatus): EditMode {
  if (status === 'DRAFT' || status === 'REJECTED') return 'edit';
  if (status === 'SUBMITTED' || status === 'APPROVED' || status === 'IN_FINANCE') return 'resubmit';
  return 'frozen';
}

/** Edit buttons and inputs exist only with deals.write and while the status is not frozen. */
export function canEditDeal(permissions: readonly string[], status: DealStatus): boolean {
  return permissions.includes('deals.write') && editMode(status) !== 'frozen';
}

/** The words shown before an edit that sends the deal back for approval (null when none is needed). */
export function resubmitWarning(status: DealStatus): string | null {
  if (editMode(status) !== 'resubmit') return null;
  const now =
    status === 'SUBMITTED' ? 'submitted' : status === 'APPROVED' ? 'approved' : 'in finance';
  return `This deal is ${now}: changing it sends it back to Submitted, and it needs approval again.`;
}

/** A stale version: someone else changed the deal since it was read. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.errors.some((e) => e.extensions?.code === 'CONFLICT');
}

// What THIS caller may do with a deal, and why not: the answers the transition mutations would give,
// computed from the same rules (state-machine.ts) so a client never re-implements them. Only
// permissions are consulted, never role names.
import type { Principal } from '@autolytiq/kit/core';
import { localTaxRefusal } from './local-tax-check.ts';
import type { DealRecord, DealStatus } from './records.ts';
import {
  NEEDS_REASON,
  TRANSITION_ORDER,
  TRANSITIONS,
  allowedTransitions,
  editEffect,
  ownDealApprovalRefusal,
  type Transition,
} from './state-machine.ts';

export type DealTransitionName =
  | 'SUBMIT'
  | 'APPROVE'
  | 'REJECT'
  | 'REOPEN'
  | 'SEND_TO_FINANCE'
  | 'CONTRACT'
  | 'DELIVER'
  | 'CANCEL'
  | 'UNWIND';

const NAMES: Record<Transition, { name: DealTransitionName; mutation: string }> = {
  submit: { name: 'SUBMIT', mutation: 'submitDeal' },
  approve: { name: 'APPROVE', mutation: 'approveDeal' },
  reject: { name: 'REJECT', mutation: 'rejectDeal' },
  reopen: { name: 'REOPEN', mutation: 'reopenDeal' },
  sendToFinance: { name: 'SEND_TO_FINANCE', mutation: 'sendDealToFinance' },
  contract: { name: 'CONTRACT', mutation: 'contractDeal' },
  deliver: { name: 'DELIVER', mutation: 'deliverDeal' },
  cancel: { name: 'CANCEL', mutation: 'cancelDeal' },
  unwind: { name: 'UNWIND', mutation: 'unwindDeal' },
};

export const STATUS_WORDS: Record<DealStatus, string> = {
  DRAFT: 'a draft',
  SUBMITTED: 'submitted',
  APPROVED: 'approved',
  IN_FINANCE: 'in finance',
  CONTRACTED: 'contracted',
  DELIVERED: 'delivered',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
  UNWOUND: 'unwound',
};

export interface DealActionView {
  transition: DealTransitionName;
  mutation: string;
  toStatus: DealStatus;
  permission: string;
  allowed: boolean;
  reason: string | null;
  needsReason: boolean;
  confirmation: string | null;
}

/** The approval gross check, when the caller may see gross (null: not computed / not shown). */
export interface ApprovalGross {
  isLowGross: boolean;
  /** Front gross as text (null: unknown, no vehicle cost). */
  frontGross: string | null;
  threshold: string;
}

/**
 * Why `name` cannot be taken now by `p` (first reason that applies), or null. `submittedById`: who
 * sent the deal for approval last (`latestSubmitter`), so a manager who only submitted it is told
 * here, not refused after pressing Approve.
 */
export function refusal(
  name: Transition,
  deal: DealRecord,
  p: Principal,
  submittedById?: string | null,
): string | null {
  const rule = TRANSITIONS[name];
  if (!rule.from.includes(deal.status)) {
    const next = allowedTransitions(deal.status);
    return `The deal is ${STATUS_WORDS[deal.status]}; from here it can go to ${next.length ? next.join(', ') : 'nothing'}.`;
  }
  if (!p.permissions.includes(rule.permission)) {
    return `This requires permission ${rule.permission}.`;
  }
  if (name === 'approve') {
    const own = ownDealApprovalRefusal(deal, p.userId, submittedById);
    if (own) return own;
  }
  if (name === 'submit' && !deal.scenarios.some((s) => s.selected)) {
    return 'Select a scenario before submitting the deal.';
  }
  if (name === 'contract') return localTaxRefusal(deal);
  return null;
}

/** Every transition for the caller, in the order of the flow. */
export function dealActions(
  deal: DealRecord,
  p: Principal,
  gross: ApprovalGross | null,
  submittedById?: string | null,
): DealActionView[] {
  return TRANSITION_ORDER.map((name) => {
    const rule = TRANSITIONS[name];
    let reason = refusal(name, deal, p, submittedById);
    let confirmation: string | null = null;
    if (!reason && name === 'approve' && gross?.isLowGross) {
      const why =
        gross.frontGross === null
          ? 'The front gross is unknown (no vehicle cost)'
          : `The front gross ${gross.frontGross} is below the dealership threshold ${gross.threshold}`;
      if (p.permissions.includes('deals.approve.low_gross')) {
        confirmation = `${why}. Approve anyway?`;
      } else {
        reason = `${why}; approving it requires permission deals.approve.low_gross.`;
      }
    }
    return {
      transition: NAMES[name].name,
      mutation: NAMES[name].mutation,
      toStatus: rule.to,
      permission: rule.permission,
      allowed: reason === null,
      reason,
      needsReason: NEEDS_REASON.has(name),
      confirmation,
    };
  });
}

/** Who sent the deal for approval last: the actor of its newest transition into SUBMITTED. */
export function latestSubmitter(
  history: readonly { kind: string; toStatus: string | null; actorId: string | null }[],
): string | null {
  return (
    history.findLast((e) => e.kind === 'TRANSITION' && e.toStatus === 'SUBMITTED')?.actorId ?? null
  );
}

export type DealEditMode = 'EDITABLE' | 'REAPPROVAL' | 'FROZEN' | 'READ_ONLY';

/** What an edit by the caller does now, and why they cannot edit when they cannot. */
export function editMode(
  deal: DealRecord,
  p: Principal,
): { mode: DealEditMode; reason: string | null } {
  const effect = editEffect(deal.status);
  if ('frozen' in effect) {
    return {
      mode: 'FROZEN',
      reason: `A ${STATUS_WORDS[deal.status]} deal cannot be changed.`,
    };
  }
  if (!p.permissions.includes('deals.write')) {
    return { mode: 'READ_ONLY', reason: 'Editing deals requires permission deals.write.' };
  }
  return {
    mode: deal.status === 'DRAFT' || deal.status === 'REJECTED' ? 'EDITABLE' : 'REAPPROVAL',
    reason: null,
  };
}

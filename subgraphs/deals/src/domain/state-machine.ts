// The deal state machine: which transition goes from where, what permission it takes, and what it
// asks inventory to do with the vehicle. Illegal moves name the current state and the allowed ones.
import { badInput, forbidden } from '@autolytiq/kit/core';
import type { DealStatus } from './records.ts';

export type Transition =
  | 'submit'
  | 'approve'
  | 'reject'
  | 'reopen'
  | 'sendToFinance'
  | 'contract'
  | 'deliver'
  | 'cancel'
  | 'unwind';

interface Rule {
  from: readonly DealStatus[];
  to: DealStatus;
  permission: string;
  /** What inventory must set the vehicle to, when anything. */
  vehicleStatus?: 'ON_HOLD' | 'SOLD' | 'AVAILABLE';
}

const BEFORE_DELIVERY: readonly DealStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'IN_FINANCE',
  'CONTRACTED',
  'REJECTED',
];

export const TRANSITIONS: Record<Transition, Rule> = {
  submit: { from: ['DRAFT'], to: 'SUBMITTED', permission: 'deals.write' },
  approve: {
    from: ['SUBMITTED'],
    to: 'APPROVED',
    permission: 'deals.approve',
    vehicleStatus: 'ON_HOLD',
  },
  reject: { from: ['SUBMITTED'], to: 'REJECTED', permission: 'deals.approve' },
  reopen: { from: ['REJECTED'], to: 'DRAFT', permission: 'deals.write' },
  sendToFinance: { from: ['APPROVED'], to: 'IN_FINANCE', permission: 'deals.write' },
  // Contract and delivery are F&I's: a salesperson must not mark their own deal sold.
  contract: { from: ['IN_FINANCE'], to: 'CONTRACTED', permission: 'deals.finance' },
  deliver: {
    from: ['CONTRACTED'],
    to: 'DELIVERED',
    permission: 'deals.finance',
    vehicleStatus: 'SOLD',
  },
  cancel: {
    from: BEFORE_DELIVERY,
    to: 'CANCELLED',
    permission: 'deals.write',
    vehicleStatus: 'AVAILABLE',
  },
  unwind: {
    from: ['DELIVERED'],
    to: 'UNWOUND',
    permission: 'deals.approve',
    vehicleStatus: 'AVAILABLE',
  },
};

/** The order states are listed in when a deal's next steps are shown. */
const FLOW: readonly DealStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'IN_FINANCE',
  'CONTRACTED',
  'DELIVERED',
  'REJECTED',
  'CANCELLED',
  'UNWOUND',
];

export function allowedTransitions(status: DealStatus): DealStatus[] {
  const targets = new Set(
    Object.values(TRANSITIONS)
      .filter((r) => r.from.includes(status))
      .map((r) => r.to),
  );
  return FLOW.filter((s) => targets.has(s));
}

/** The rule for `transition` from `status`, or BAD_USER_INPUT naming where the deal is and can go. */
export function checkTransition(transition: Transition, status: DealStatus): Rule {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(status)) {
    const allowed = allowedTransitions(status);
    throw badInput(
      'id',
      `A ${status} deal cannot move to ${rule.to}; allowed from ${status}: ${allowed.length ? allowed.join(', ') : 'none'}.`,
      { currentStatus: status, allowedTransitions: allowed },
    );
  }
  return rule;
}

/** The transitions in the order of the flow (how a deal's actions are listed). */
export const TRANSITION_ORDER: readonly Transition[] = [
  'submit',
  'approve',
  'reject',
  'reopen',
  'sendToFinance',
  'contract',
  'deliver',
  'cancel',
  'unwind',
];

/** Transitions that take a reason from the caller. */
export const NEEDS_REASON: ReadonlySet<Transition> = new Set(['reject', 'cancel', 'unwind']);

/**
 * Separation of duties: whoever sells a deal does not approve it. Returns why the caller may not
 * approve, or null. (The one place this rule lives: transitions and Deal.actions both ask it.)
 */
/**
 * Separation of duties: whoever sells, writes or submits a deal does not approve it. The salesperson
 * field alone is not enough (issue 12): the approver could set it to anyone, so the deal's creator
 * and its latest submitter (from the history, which nobody edits) count too.
 */
export function ownDealApprovalRefusal(
  deal: { salespersonId: string | null; createdById?: string | null },
  userId: string,
  submittedById?: string | null,
): string | null {
  if (deal.salespersonId === userId)
    return "You are this deal's salesperson: another manager must approve it.";
  if (deal.createdById === userId) return 'You wrote this deal: another manager must approve it.';
  if (submittedById === userId) return 'You submitted this deal: another manager must approve it.';
  return null;
}

export function requirePermissionFor(rule: Rule, permissions: readonly string[]): void {
  if (!permissions.includes(rule.permission)) {
    throw forbidden(`This requires permission ${rule.permission}.`, {
      requiredPermissions: [rule.permission],
    });
  }
}

/** How an edit affects the status: DRAFT stays, REJECTED reopens, desked-and-later goes back for approval. */
export type EditEffect = { next: DealStatus } | { frozen: true };

export function editEffect(status: DealStatus): EditEffect {
  switch (status) {
    case 'DRAFT':
    case 'REJECTED':
      return { next: 'DRAFT' };
    case 'SUBMITTED':
    case 'APPROVED':
    case 'IN_FINANCE':
      return { next: 'SUBMITTED' };
    default:
      return { frozen: true };
  }
}

/** Fields F&I sells after approval without a new approval (price, trade and terms are not here). */
const SOLD_IN_FINANCE: ReadonlySet<string> = new Set(['products']);

/**
 * Whether an edit keeps an APPROVED or IN_FINANCE deal where it is: F&I adding or changing products
 * (service contract, GAP...) does not send the deal back for approval. Products move back gross and
 * the payment, not front gross, so the approval's gross check still holds. Anything else — price,
 * trade, fees, people, scenario terms — does.
 */
export function keepsApproval(
  status: DealStatus,
  kind: string,
  changes: readonly { field: string }[],
): boolean {
  return (
    (status === 'APPROVED' || status === 'IN_FINANCE') &&
    kind === 'EDITED' &&
    changes.length > 0 &&
    changes.every((c) => SOLD_IN_FINANCE.has(c.field))
  );
}

export function assertEditable(status: DealStatus): DealStatus {
  const effect = editEffect(status);
  if ('frozen' in effect) {
    throw badInput(
      'id',
      `A ${status} deal cannot be changed; allowed from ${status}: ${allowedTransitions(status).join(', ') || 'none'}.`,
      { currentStatus: status, allowedTransitions: allowedTransitions(status) },
    );
  }
  return effect.next;
}

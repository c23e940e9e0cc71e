// Deal.actions and Deal.editMode: what the server tells a caller it may do, decided by permissions
// (never role names), the deal's state and the own-deal approval rule.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Principal } from '@autolytiq/kit/core';
import { dealActions, editMode, latestSubmitter } from '../src/domain/actions.ts';
import type { ScenarioRecord } from '../src/domain/records.ts';
import { deal } from './fixtures.ts';

function who(permissions: string[], roles: string[] = ['custom']): Principal {
  const userId = randomUUID();
  return {
    userId,
    dealershipId: randomUUID(),
    sessionId: randomUUID(),
    username: 'u',
    roles,
    permissions,
  };
}
const selected = { id: 's1', selected: true } as ScenarioRecord;
const byName = (list: ReturnType<typeof dealActions>) =>
  Object.fromEntries(list.map((a) => [a.transition, a]));

describe('Deal.actions', () => {
  it('lists every transition in flow order with the mutation and the permission it takes', () => {
    const list = dealActions(deal({ scenarios: [selected] }), who(['deals.write']), null);
    expect(list.map((a) => `${a.transition}:${a.mutation}:${a.permission}`)).toEqual([
      'SUBMIT:submitDeal:deals.write',
      'APPROVE:approveDeal:deals.approve',
      'REJECT:rejectDeal:deals.approve',
      'REOPEN:reopenDeal:deals.write',
      'SEND_TO_FINANCE:sendDealToFinance:deals.write',
      'CONTRACT:contractDeal:deals.finance',
      'DELIVER:deliverDeal:deals.finance',
      'CANCEL:cancelDeal:deals.write',
      'UNWIND:unwindDeal:deals.approve',
    ]);
    const a = byName(list);
    expect(a.SUBMIT).toMatchObject({ allowed: true, reason: null, toStatus: 'SUBMITTED' });
    expect(a.CANCEL).toMatchObject({ allowed: true, needsReason: true });
    expect(a.APPROVE!.allowed).toBe(false);
    expect(a.APPROVE!.reason).toContain('draft');
  });

  it('names the missing permission, not a role: a role called "manager" without deals.approve cannot approve', () => {
    const d = deal({ status: 'SUBMITTED', scenarios: [selected] });
    const a = byName(dealActions(d, who(['deals.write'], ['manager']), null));
    expect(a.APPROVE).toMatchObject({
      allowed: false,
      reason: 'This requires permission deals.approve.',
    });
    const b = byName(dealActions(d, who(['deals.approve'], ['salesperson']), null));
    expect(b.APPROVE).toMatchObject({ allowed: true, reason: null });
  });

  it('refuses the own-deal approval with the rule in words', () => {
    const me = who(['deals.approve']);
    const d = deal({ status: 'SUBMITTED', salespersonId: me.userId, scenarios: [selected] });
    const a = byName(dealActions(d, me, null));
    expect(a.APPROVE!.allowed).toBe(false);
    expect(a.APPROVE!.reason).toContain("this deal's salesperson");
  });

  it('says what is missing before submit', () => {
    const a = byName(dealActions(deal({ scenarios: [] }), who(['deals.write']), null));
    expect(a.SUBMIT).toMatchObject({
      allowed: false,
      reason: 'Select a scenario before submitting the deal.',
    });
  });

  it('contract and delivery need deals.finance (deals.write is not enough)', () => {
    const inFinance = deal({ status: 'IN_FINANCE' });
    const seller = byName(dealActions(inFinance, who(['deals.write']), null));
    expect(seller.CONTRACT).toMatchObject({
      allowed: false,
      reason: 'This requires permission deals.finance.',
    });
    const fi = byName(dealActions(inFinance, who(['deals.write', 'deals.finance']), null));
    expect(fi.CONTRACT!.allowed).toBe(true);
  });

  it('low or unknown gross: a confirmation for who may approve it, a reason for who may not', () => {
    const d = deal({ status: 'SUBMITTED', scenarios: [selected] });
    const low = { isLowGross: true, frontGross: '120.00', threshold: '500.00' };
    const may = byName(dealActions(d, who(['deals.approve', 'deals.approve.low_gross']), low));
    expect(may.APPROVE!.allowed).toBe(true);
    expect(may.APPROVE!.confirmation).toBe(
      'The front gross 120.00 is below the dealership threshold 500.00. Approve anyway?',
    );
    const unknown = { isLowGross: true, frontGross: null, threshold: '500.00' };
    const mayNot = byName(dealActions(d, who(['deals.approve']), unknown));
    expect(mayNot.APPROVE!.allowed).toBe(false);
    expect(mayNot.APPROVE!.reason).toContain('unknown (no vehicle cost)');
    expect(mayNot.APPROVE!.reason).toContain('deals.approve.low_gross');
  });
});

describe('Deal.editMode', () => {
  it('follows the state and the caller', () => {
    const writer = who(['deals.write']);
    expect(editMode(deal({ status: 'DRAFT' }), writer)).toEqual({ mode: 'EDITABLE', reason: null });
    expect(editMode(deal({ status: 'REJECTED' }), writer).mode).toBe('EDITABLE');
    expect(editMode(deal({ status: 'APPROVED' }), writer).mode).toBe('REAPPROVAL');
    expect(editMode(deal({ status: 'IN_FINANCE' }), writer).mode).toBe('REAPPROVAL');
    expect(editMode(deal({ status: 'CONTRACTED' }), writer)).toEqual({
      mode: 'FROZEN',
      reason: 'A contracted deal cannot be changed.',
    });
    expect(editMode(deal({ status: 'DRAFT' }), who(['deals.read']))).toEqual({
      mode: 'READ_ONLY',
      reason: 'Editing deals requires permission deals.write.',
    });
  });
});

describe('latestSubmitter', () => {
  it('is the actor of the newest move into SUBMITTED (a resubmission after a rejection wins)', () => {
    const first = randomUUID();
    const second = randomUUID();
    const history = [
      { kind: 'CREATED', toStatus: 'DRAFT', actorId: first },
      { kind: 'TRANSITION', toStatus: 'SUBMITTED', actorId: first },
      { kind: 'TRANSITION', toStatus: 'REJECTED', actorId: randomUUID() },
      { kind: 'EDITED', toStatus: 'SUBMITTED', actorId: randomUUID() },
      { kind: 'TRANSITION', toStatus: 'SUBMITTED', actorId: second },
    ];
    expect(latestSubmitter(history)).toBe(second);
    expect(latestSubmitter(history.slice(0, 4))).toBe(first);
    expect(latestSubmitter([])).toBeNull();
  });

  it('makes Approve not allowed, with the reason, for the manager who submitted', () => {
    const manager = who(['deals.write', 'deals.approve']);
    const d = deal({ status: 'SUBMITTED', scenarios: [selected] });
    const approve = byName(dealActions(d, manager, null, manager.userId)).APPROVE!;
    expect(approve).toMatchObject({
      allowed: false,
      reason: 'You submitted this deal: another manager must approve it.',
    });
    expect(byName(dealActions(d, manager, null, randomUUID())).APPROVE!.allowed).toBe(true);
  });
});

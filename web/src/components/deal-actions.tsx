'use client';
// The desk's status buttons, straight from the server's `Deal.actions` for this caller: a button for
// each allowed move, the reason in words for a move the caller's role could make but not now (the
// own-deal approval rule, a missing scenario), a reason dialog for reject/cancel/unwind, the contract
// dialog for "Mark contracted" (lender, contract number, date) and a
// confirmation where the server asks for one (a low-gross approval). Errors sit under the buttons; a
// CONFLICT comes with Reload.
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import type { DealDeskFragment } from '../generated/graphql.ts';
import { ACTION_LABELS } from '../lib/desk.ts';
import { useDealTransitions } from '../lib/use-deal-transitions.ts';
import { hasPermission, type SessionState } from '../lib/session.ts';
import { EditError } from './deal-guard.tsx';
import { Button, Field, Modal } from './ui.tsx';

type Action = DealDeskFragment['actions'][number];

// Only F&I contracts deals: the dialog is loaded when "Mark contracted" is pressed.
const ContractDialog = dynamic(() => import('./deal-contract.tsx').then((m) => m.ContractDialog), {
  ssr: false,
});
const DANGER = new Set(['CANCEL', 'REJECT', 'UNWIND']);

/** The buttons to show, and why a move this user's role makes is not possible right now. */
export function useDealActions(deal: DealDeskFragment, state: SessionState) {
  const allowed = deal.actions.filter((a) => a.allowed);
  // A move the status allows and the user's permissions cover, refused all the same: say why.
  const blocked = deal.actions.filter(
    (a) =>
      !a.allowed &&
      a.reason &&
      deal.allowedTransitions.includes(a.toStatus) &&
      hasPermission(state, a.permission),
  );
  return { allowed, blocked };
}

export function DealActions({ deal, allowed }: { deal: DealDeskFragment; allowed: Action[] }) {
  const transitions = useDealTransitions(deal);
  const [asking, setAsking] = useState<Action | null>(null);
  const [contracting, setContracting] = useState(false);
  const [reason, setReason] = useState('');
  const close = () => (setAsking(null), setReason(''));
  return (
    <>
      <div className="row no-print" aria-label="Deal actions">
        {allowed.map((a) => (
          <Button
            key={a.transition}
            variant={DANGER.has(a.transition) ? 'danger' : 'primary'}
            busy={transitions.busy}
            onClick={() =>
              a.transition === 'CONTRACT'
                ? setContracting(true)
                : a.needsReason || a.confirmation
                  ? setAsking(a)
                  : void transitions.run(a.toStatus).catch(() => undefined)
            }
          >
            {ACTION_LABELS[a.transition]}
          </Button>
        ))}
        <Link className="btn" href={`/deals/${deal.id}/recap`}>
          Printable recap
        </Link>
      </div>
      <EditError
        error={contracting ? null : transitions.error}
        onReload={() => void transitions.reload()}
      />
      {contracting ? (
        <ContractDialog
          deal={deal}
          open
          busy={transitions.busy}
          onClose={() => setContracting(false)}
          onContract={(contract) => transitions.run('CONTRACTED', undefined, contract)}
        />
      ) : null}
      <Modal
        open={asking !== null}
        onOpenChange={(open) => !open && close()}
        title={asking ? ACTION_LABELS[asking.transition] : ''}
      >
        {asking?.confirmation ? (
          <p data-testid="action-confirmation">{asking.confirmation}</p>
        ) : null}
        {asking?.needsReason ? (
          <Field id="reason" label="Reason">
            <input id="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        ) : null}
        <div className="row" style={{ marginTop: 12 }}>
          <Button
            variant={asking && DANGER.has(asking.transition) ? 'danger' : 'primary'}
            busy={transitions.busy}
            disabled={!!asking?.needsReason && !reason.trim()}
            onClick={() =>
              void transitions
                .run(asking!.toStatus, asking!.needsReason ? reason.trim() : undefined)
                .then(close)
                .catch(close)
            }
          >
            Confirm
          </Button>
          <Button onClick={close}>Back</Button>
        </div>
      </Modal>
    </>
  );
}

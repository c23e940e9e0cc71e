'use client';
// Managers' approvals queue, live: a deal submitted anywhere in the dealership refreshes the list and
// raises a notification (in the page, and from the browser when the user has allowed it).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDealsQuery } from '../generated/graphql.ts';
import { useSubscription } from '../lib/realtime.ts';

const SUBMITTED = `subscription ApprovalsQueue {
  dealEvents {
    event { id kind toStatus }
    deal { id dealNumber status buyer { displayName } }
  }
}`;

interface Message {
  dealEvents: {
    event: { id: string; kind: string; toStatus: string | null };
    deal: { id: string; dealNumber: number; status: string; buyer: { displayName: string } | null };
  };
}

export function ApprovalsLive() {
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  useSubscription<Message>(SUBMITTED, undefined, (r) => {
    const a = r.data?.dealEvents;
    if (!a || a.event.kind !== 'TRANSITION') return;
    void client.invalidateQueries({ queryKey: useDealsQuery.getKey() });
    void client.invalidateQueries({ queryKey: ['DealQueue'] });
    if (a.event.toStatus !== 'SUBMITTED') return;
    const text = `Deal #${a.deal.dealNumber}${a.deal.buyer ? ` (${a.deal.buyer.displayName})` : ''} is waiting for approval.`;
    setNotice(text);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification('Deal submitted', { body: text });
    }
  });
  return notice ? (
    <div className="banner-info" role="status" data-testid="approval-notice">
      {notice}{' '}
      <button className="btn" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </div>
  ) : null;
}

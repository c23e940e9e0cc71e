'use client';
// Live desk: tells the team this deal is open here, shows who else is on it, and refreshes the desk
// when someone else changes the deal (instead of only a CONFLICT when saving).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDealQuery, useSetPresenceMutation } from '../generated/graphql.ts';
import { useSubscription } from '../lib/realtime.ts';
import { othersViewing, presenceStore, useTeam } from '../lib/presence.ts';
import { useSession } from '../lib/session.ts';
import { titleCase } from '../lib/format.ts';

export const DEAL_ACTIVITY = `subscription DealActivity($dealId: ID) {
  dealEvents(dealId: $dealId) {
    event { id kind toStatus actor { id } }
    deal { id version status }
  }
}`;

interface ActivityMessage {
  dealEvents: {
    event: { id: string; kind: string; toStatus: string | null; actor: { id: string } | null };
    deal: { id: string; version: number; status: string };
  };
}

export function DealLive({ dealId, version }: { dealId: string; version: number }) {
  const state = useSession();
  const me = state.status === 'signedIn' ? state.user.id : undefined;
  const team = useTeam();
  const client = useQueryClient();
  const { mutate } = useSetPresenceMutation();
  const [notice, setNotice] = useState<string | null>(null);

  // "I am on this deal" while the desk is open; back to no record when leaving it.
  useEffect(() => {
    const mine = () => presenceStore.members().find((m) => m.userId === me);
    const status = mine()?.status ?? 'AVAILABLE';
    mutate({
      input: { status, note: mine()?.note ?? null, viewing: { kind: 'DEAL', id: dealId } },
    });
    return () =>
      mutate({
        input: { status: mine()?.status ?? 'AVAILABLE', note: mine()?.note ?? null, viewing: null },
      });
  }, [dealId, me, mutate]);

  useSubscription<ActivityMessage>(DEAL_ACTIVITY, { dealId }, (r) => {
    const activity = r.data?.dealEvents;
    if (!activity || activity.deal.version <= version) return;
    const who = team.find((m) => m.userId === activity.event.actor?.id);
    if (activity.event.actor?.id !== me) {
      setNotice(
        `${who?.name ?? 'Someone'} changed this deal (${titleCase(activity.event.kind)}) — refreshed.`,
      );
    }
    void client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: dealId }) });
  });

  const others = othersViewing(team, me, 'DEAL', dealId);
  if (others.length === 0 && !notice) return null;
  return (
    <div className="banner-info" role="status" data-testid="deal-live">
      {others.length > 0 ? (
        <div data-testid="also-on-deal">
          {others.map((o) => o.name).join(', ')} {others.length === 1 ? 'is' : 'are'} also on this
          deal.
        </div>
      ) : null}
      {notice ? <div data-testid="deal-changed">{notice}</div> : null}
    </div>
  );
}

'use client';
// The team panel in the app shell: who in the dealership is online and what they are on, and the
// caller's own status. Holding this subscription is what shows the caller online to the others.
import Link from 'next/link';
import { useEffect } from 'react';
import { useSetPresenceMutation, type PresenceStatus } from '../generated/graphql.ts';
import { useSubscription } from '../lib/realtime.ts';
import {
  TEAM_PRESENCE,
  presenceStore,
  useTeam,
  type PresenceChangeMessage,
} from '../lib/presence.ts';
import { titleCase } from '../lib/format.ts';

const STATUSES: PresenceStatus[] = ['AVAILABLE', 'WITH_CUSTOMER', 'BUSY', 'AWAY'];

function viewingLink(viewing: { kind: string; id: string } | null) {
  if (!viewing) return null;
  const base = { DEAL: '/deals', CUSTOMER: '/customers', VEHICLE: '/inventory' }[viewing.kind];
  return base ? (
    <Link href={`${base}/${viewing.id}`}>on a {viewing.kind.toLowerCase()}</Link>
  ) : null;
}

export function TeamPanel({ userId }: { userId: string }) {
  const team = useTeam();
  const setPresence = useSetPresenceMutation();
  useSubscription<{ teamPresence: PresenceChangeMessage }>(TEAM_PRESENCE, undefined, (r) => {
    if (r.data?.teamPresence) presenceStore.apply(r.data.teamPresence);
  });
  useEffect(() => () => presenceStore.clear(), []);
  const me = team.find((m) => m.userId === userId);
  return (
    <section className="team-panel" aria-label="Team" data-testid="team-panel">
      <h3 style={{ margin: '12px 0 4px', fontSize: 13 }}>Team online</h3>
      <label className="muted" style={{ fontSize: 12 }}>
        I am{' '}
        <select
          aria-label="My availability"
          value={me?.status ?? 'AVAILABLE'}
          onChange={(e) =>
            setPresence.mutate({
              input: {
                status: e.target.value as PresenceStatus,
                note: me?.note ?? null,
                viewing: me?.viewing ? { kind: me.viewing.kind as never, id: me.viewing.id } : null,
              },
            })
          }
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
            </option>
          ))}
        </select>
      </label>
      <ul style={{ listStyle: 'none', padding: 0, margin: '6px 0', fontSize: 12 }}>
        {team.map((m) => (
          <li key={m.userId} data-testid="team-member">
            <strong>{m.name}</strong> · {titleCase(m.status)}
            {m.note ? ` — ${m.note}` : ''} {viewingLink(m.viewing)}
          </li>
        ))}
      </ul>
    </section>
  );
}

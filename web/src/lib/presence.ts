// The dealership's team presence as this tab knows it: filled by the one teamPresence subscription
// (TeamPanel, mounted with the app shell), read by the team panel and by the desk ("Maria is also on
// this deal"). Changes are upserts by user; online: false removes the member.
import { useSyncExternalStore } from 'react';

export type PresenceStatus = 'AVAILABLE' | 'WITH_CUSTOMER' | 'BUSY' | 'AWAY';

export interface TeamMember {
  userId: string;
  name: string;
  username: string;
  status: PresenceStatus;
  note: string | null;
  viewing: { kind: string; id: string } | null;
  since: string;
}

export interface PresenceChangeMessage {
  online: boolean;
  presence: {
    user: { id: string; displayName?: string | null };
    username: string;
    status: PresenceStatus;
    note?: string | null;
    viewing?: { kind: string; id: string } | null;
    since: string;
  };
}

export const TEAM_PRESENCE = `subscription TeamPresence {
  teamPresence {
    online
    presence { user { id displayName } username status note viewing { kind id } since }
  }
}`;

export function createPresenceStore() {
  let members = new Map<string, TeamMember>();
  const listeners = new Set<() => void>();
  let snapshot: TeamMember[] = [];
  const emit = () => {
    snapshot = [...members.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const l of listeners) l();
  };
  return {
    apply(change: PresenceChangeMessage) {
      const p = change.presence;
      const next = new Map(members);
      if (!change.online) next.delete(p.user.id);
      else {
        next.set(p.user.id, {
          userId: p.user.id,
          name: p.user.displayName || p.username,
          username: p.username,
          status: p.status,
          note: p.note ?? null,
          viewing: p.viewing ?? null,
          since: p.since,
        });
      }
      members = next;
      emit();
    },
    clear() {
      members = new Map();
      emit();
    },
    members: () => snapshot,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export const presenceStore = createPresenceStore();
const EMPTY: TeamMember[] = [];

export function useTeam(): TeamMember[] {
  return useSyncExternalStore(presenceStore.subscribe, presenceStore.members, () => EMPTY);
}

/** Others (not `me`) who are looking at this record. */
export function othersViewing(
  team: TeamMember[],
  me: string | undefined,
  kind: string,
  id: string,
) {
  return team.filter((m) => m.userId !== me && m.viewing?.kind === kind && m.viewing.id === id);
}

// Words and numbers for what the learning engines say (ml subgraph): deal structures, team states,
// the board's rows with who is online. Display only; the engines decide everything server-side.
import type { DealStrategy, TeamMemberState } from '../generated/graphql.ts';

export const STRATEGY_LABELS: Record<DealStrategy, { name: string; detail: string }> = {
  BALANCED: { name: 'Balanced finance', detail: '49–72 months' },
  LOW_PAYMENT_LONG_TERM: { name: 'Low payment, long term', detail: 'finance over 72 months' },
  SHORT_TERM_LOW_TOTAL: { name: 'Short term, low total cost', detail: 'finance up to 48 months' },
  CASH_INCENTIVE: { name: 'Cash or incentive', detail: 'cash, or carried by rebates' },
  LEASE: { name: 'Lease', detail: 'lease the vehicle' },
};

export const STATE_LABELS: Record<TeamMemberState, string> = {
  IN_RHYTHM: 'In rhythm',
  DRIFTING: 'Drifting',
  OUT_OF_RHYTHM: 'Out of rhythm',
  IDLE: 'Idle',
};

/** 0.873 → "87 %". */
export const share = (value: number) => `${Math.round(value * 100)} %`;

/** A phase lag in hours for people: "on the team's time", "1.5 h later", "2 h earlier". */
export function lagWords(hours: number): string {
  if (Math.abs(hours) < 0.05) return 'on the team’s time';
  const h = Math.abs(hours).toFixed(1).replace(/\.0$/, '');
  return `${h} h ${hours > 0 ? 'later' : 'earlier'}`;
}

/** The coherence r in words (what a manager reads next to the number). */
export function coherenceWords(r: number): string {
  if (r >= 0.8) return 'The team works in one rhythm';
  if (r >= 0.5) return 'The team mostly works together';
  if (r >= 0.2) return 'The team is loosely coupled';
  return 'Everyone works on their own';
}

export interface BoardMember {
  user: { id: string; displayName: string };
  /** Null: online, but no deal in the network's 90 days (a manager, a new hire). */
  state: TeamMemberState | null;
  phaseLagHours: number;
  load: number;
  pace: number;
  closeRate?: number | null;
  /** False once deactivated (the network still shows their open deals). */
  active?: boolean;
}

/**
 * The board's rows: the network's members with whether each is online now (from presence), online
 * people first, then by load (heaviest first) and name. Someone online who has no deal yet is not
 * in the network: they are added with no state and no load, so the board shows everyone on the floor.
 */
export type BoardRow = BoardMember & { online: boolean; presence: string | null };

export function boardRows(
  members: readonly BoardMember[],
  online: ReadonlyMap<string, { name: string; status: string }>,
): BoardRow[] {
  const rows: BoardRow[] = members.map((m) => ({
    ...m,
    online: online.has(m.user.id),
    presence: online.get(m.user.id)?.status ?? null,
  }));
  const known = new Set(members.map((m) => m.user.id));
  for (const [id, p] of online) {
    if (known.has(id)) continue;
    rows.push({
      user: { id, displayName: p.name },
      state: null,
      phaseLagHours: 0,
      load: 0,
      pace: 0,
      closeRate: null,
      online: true,
      presence: p.status,
    });
  }
  return rows.sort(
    (a, b) =>
      Number(b.online) - Number(a.online) ||
      b.load - a.load ||
      a.user.displayName.localeCompare(b.user.displayName),
  );
}

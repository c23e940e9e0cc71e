// The Oscillator team network from a dealership's deals (plain functions; the service loads the
// deals). Salespeople are the oscillators:
//  - natural frequency ωᵢ: their pace, relative to the team's (activities a day over the last 14
//    days ÷ the team's mean − 1: a member at the team's pace turns with the frame, ω = 0);
//  - phase θᵢ: when in the day they work (the circular mean of their activities' time of day);
//  - coupling Kᵢⱼ: how much they work together (deals one sells and the other acts on, or both act
//    on), scaled so the closest pair has K = 1.
// The network is integrated forward (engine/team.ts): coherence r says whether the team pulls into
// one rhythm; each member's lag is their phase against the team's mean phase. Load is open deals.
import { teamDynamics } from '../engine/index.ts';
import type { StoredDeal } from '../store/deal-facts-store.ts';
import type { PresenceStatus, TeamView } from './team-directory.ts';

const DAY_MS = 86_400_000;
export const RHYTHM_WINDOW_DAYS = 14;
export const TEAM_WINDOW_DAYS = 90;
const OPEN = new Set(['DRAFT', 'SUBMITTED', 'APPROVED', 'IN_FINANCE', 'CONTRACTED', 'REJECTED']);

export type MemberState = 'IN_RHYTHM' | 'DRIFTING' | 'OUT_OF_RHYTHM' | 'IDLE';

export interface TeamMember {
  userId: string;
  state: MemberState;
  /** Radians in (−π, π]: positive = later in the day than the team. */
  phaseLag: number;
  /** The same lag in hours of the day. */
  phaseLagHours: number;
  /** Open deals. */
  load: number;
  /** Activities a day over the last 14 days. */
  pace: number;
  /** Delivered ÷ closed over the last 90 days (null: none closed). */
  closeRate: number | null;
  closedDeals: number;
  /** False once deactivated: no new leads, no mentoring; their open deals still count. */
  active: boolean;
  /** Online now (presence), and with what status. */
  online: boolean;
  presence: PresenceStatus | null;
}

export interface Bottleneck {
  userId: string;
  load: number;
  reason: string;
}

export interface MentoringPair {
  mentorId: string;
  menteeId: string;
  reason: string;
}

export interface TeamStatus {
  ready: boolean;
  message: string;
  coherence: number;
  members: TeamMember[];
  bottlenecks: Bottleneck[];
  mentoringPairs: MentoringPair[];
}

/**
 * Milliseconds into the (UTC) day of an activity within [from, to], else null. The graph's DateTimes
 * are `toISOString()` text: those compare as strings and their clock is read from fixed positions
 * (Date.parse of thousands of them was most of teamStatus's time); anything else is parsed.
 */
function digits(text: string, from: number, len: number): number {
  let v = 0;
  for (let k = from; k < from + len; k++) v = v * 10 + (text.charCodeAt(k) - 48);
  return v;
}

function timeOfDayIfWithin(at: string, window: { from: string; to: string }): number | null {
  if (at.length === 24 && at.charCodeAt(10) === 84 /* T */ && at.charCodeAt(23) === 90 /* Z */) {
    if (at < window.from || at > window.to) return null;
    return (
      ((digits(at, 11, 2) * 60 + digits(at, 14, 2)) * 60 + digits(at, 17, 2)) * 1000 +
      digits(at, 20, 3)
    );
  }
  const t = Date.parse(at);
  if (!(t >= Date.parse(window.from) && t <= Date.parse(window.to))) return null;
  return ((t % DAY_MS) + DAY_MS) % DAY_MS;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const pct = (v: number) => `${Math.round(v * 100)} %`;

/**
 * The team status from the deals ml has read; `view` (who is active and online, null when it could
 * not be read) marks members deactivated or online. Presence does not move the rhythm (that is
 * learned from work done) but decides who is on the floor for a new lead.
 */
export function teamStatusOf(
  deals: StoredDeal[],
  now: Date,
  view: TeamView | null = null,
): TeamStatus {
  const since90 = now.getTime() - TEAM_WINDOW_DAYS * DAY_MS;
  const since14 = now.getTime() - RHYTHM_WINDOW_DAYS * DAY_MS;
  const recent = deals.filter((d) => d.updatedAt.getTime() >= since90 && d.salespersonId);
  const ids = [...new Set(recent.map((d) => d.salespersonId as string))].sort();
  const empty: TeamStatus = {
    ready: false,
    message: 'Not enough data yet: no salesperson has a deal in the last 90 days.',
    coherence: 0,
    members: [],
    bottlenecks: [],
    mentoringPairs: [],
  };
  if (ids.length === 0) return empty;
  const index = new Map(ids.map((id, i) => [id, i]));
  const window = { from: new Date(since14).toISOString(), to: now.toISOString() };
  const n = ids.length;
  const times: number[][] = ids.map(() => []);
  const shared: number[][] = ids.map(() => new Array<number>(n).fill(0));
  const load = new Array<number>(n).fill(0);
  const delivered = new Array<number>(n).fill(0);
  const closed = new Array<number>(n).fill(0);
  for (const d of recent) {
    const owner = index.get(d.salespersonId as string)!;
    if (OPEN.has(d.status)) load[owner]!++;
    if (d.status === 'DELIVERED') delivered[owner]!++;
    if (d.status === 'DELIVERED' || d.status === 'CANCELLED' || d.status === 'REJECTED')
      closed[owner]!++;
    const actors = [owner]; // a handful per deal: an array beats a Set here
    for (const a of d.facts.activity ?? []) {
      const i = index.get(a.userId);
      if (i === undefined) continue;
      if (!actors.includes(i)) actors.push(i);
      const t = timeOfDayIfWithin(a.at, window);
      if (t !== null) times[i]!.push(t);
    }
    for (const i of actors) for (const j of actors) if (i !== j) shared[i]![j]!++;
  }
  const pace = times.map((t) => t.length / RHYTHM_WINDOW_DAYS);
  const active = ids.map((_, i) => times[i]!.length > 0);
  const meanPace =
    pace.reduce((s, v, i) => s + (active[i] ? v : 0), 0) / (active.filter(Boolean).length || 1);
  const phase = times.map((ts) => {
    let c = 0;
    let s = 0;
    for (const t of ts) {
      const a = (2 * Math.PI * t) / DAY_MS;
      c += Math.cos(a);
      s += Math.sin(a);
    }
    return Math.atan2(s, c);
  });
  let maxShared = 1;
  for (const row of shared) for (const v of row) if (v > maxShared) maxShared = v;
  const activeIdx = ids.map((_, i) => i).filter((i) => active[i]);
  const dyn = teamDynamics({
    omega: activeIdx.map((i) => (meanPace > 0 ? pace[i]! / meanPace - 1 : 0)),
    phases: activeIdx.map((i) => phase[i]!),
    coupling: activeIdx.map((i) => activeIdx.map((j) => shared[i]![j]! / maxShared)),
  });
  const lagOf = new Map(activeIdx.map((i, k) => [i, dyn.lags[k]!]));
  const members: TeamMember[] = ids.map((userId, i) => {
    const lag = lagOf.get(i) ?? 0;
    const state: MemberState = !active[i]
      ? 'IDLE'
      : Math.abs(lag) <= Math.PI / 4
        ? 'IN_RHYTHM'
        : Math.abs(lag) <= Math.PI / 2
          ? 'DRIFTING'
          : 'OUT_OF_RHYTHM';
    return {
      userId,
      state,
      phaseLag: Math.round(lag * 1000) / 1000,
      phaseLagHours: Math.round((lag / (2 * Math.PI)) * 24 * 10) / 10,
      load: load[i]!,
      pace: Math.round(pace[i]! * 100) / 100,
      closeRate: closed[i] ? delivered[i]! / closed[i]! : null,
      closedDeals: closed[i]!,
      active: view?.active.get(userId) ?? true,
      online: view?.online.has(userId) ?? false,
      presence: view?.online.get(userId) ?? null,
    };
  });
  const medianLoad = median(members.map((m) => m.load));
  const bottlenecks = members
    .filter(
      (m) =>
        (!m.active && m.load > 0) ||
        (m.load >= 3 && m.load >= 1.5 * medianLoad && m.load > medianLoad),
    )
    .sort((a, b) => b.load - a.load)
    .map((m) => ({
      userId: m.userId,
      load: m.load,
      reason: m.active
        ? `${m.load} open deals against a team median of ${medianLoad}${m.state === 'OUT_OF_RHYTHM' || m.state === 'IDLE' ? ', and out of the team’s rhythm' : ''}: deals wait on them.`
        : `${m.load} open deals, and no longer active: reassign them.`,
    }));
  const rated = members.filter((m) => m.active && m.closedDeals >= 3 && m.closeRate !== null);
  const medianRate = median(rated.map((m) => m.closeRate as number));
  const mentoringPairs: MentoringPair[] = [];
  for (const mentee of rated) {
    if ((mentee.closeRate as number) > medianRate - 0.15) continue;
    // The best deliverer at least 25 points ahead (and not below the team's median); among equals
    // the one who works with the mentee least, since pairing them is what would change.
    const mentor = rated
      .filter(
        (m) =>
          m.userId !== mentee.userId &&
          (m.closeRate as number) >= (mentee.closeRate as number) + 0.25 &&
          (m.closeRate as number) >= medianRate,
      )
      .sort(
        (a, b) =>
          (b.closeRate as number) - (a.closeRate as number) ||
          shared[index.get(a.userId)!]![index.get(mentee.userId)!]! -
            shared[index.get(b.userId)!]![index.get(mentee.userId)!]! ||
          a.userId.localeCompare(b.userId),
      )[0];
    if (!mentor) continue;
    const together = shared[index.get(mentor.userId)!]![index.get(mentee.userId)!]!;
    mentoringPairs.push({
      mentorId: mentor.userId,
      menteeId: mentee.userId,
      reason: `Delivers ${pct(mentor.closeRate as number)} of closed deals against ${pct(mentee.closeRate as number)}; they have worked ${together} deal${together === 1 ? '' : 's'} together.`,
    });
  }
  const activeCount = activeIdx.length;
  return {
    ready: true,
    message:
      activeCount === 0
        ? 'No salesperson activity in the last 14 days: everyone is idle.'
        : `${activeCount} of ${n} salespeople active in the last 14 days.`,
    coherence: Math.round(dyn.r * 1000) / 1000,
    members,
    bottlenecks,
    mentoringPairs,
  };
}

export interface LeadAssignment {
  userId: string | null;
  explanation: string;
  alternatives: string[];
}

/** Who should get a new lead: active, load-, rhythm-, results- and presence-aware (lower wins). */
export function assignLeadFrom(
  status: TeamStatus,
  existingSalespersonId: string | null,
): LeadAssignment {
  // A deactivated salesperson never gets a lead, not even their customer's next one.
  const candidates = status.members.filter((m) => m.state !== 'IDLE' && m.active);
  const gone = status.members.find((m) => m.userId === existingSalespersonId && !m.active);
  const preface = gone ? 'Their salesperson is no longer active. ' : '';
  if (candidates.length === 0) {
    return {
      userId: null,
      explanation: `${preface}Not enough data yet: no active salesperson has worked a deal in the last 14 days.`,
      alternatives: [],
    };
  }
  const existing = candidates.find((m) => m.userId === existingSalespersonId);
  const meanLoad = candidates.reduce((s, m) => s + m.load, 0) / candidates.length;
  // Someone on the floor now can answer a fresh lead at once: a quarter point ahead.
  const score = (m: TeamMember) =>
    m.load / (meanLoad + 1) +
    (0.5 * Math.abs(m.phaseLag)) / Math.PI -
    0.5 * (m.closeRate ?? 0.5) -
    (m.online ? 0.25 : 0);
  const ranked = [...candidates].sort(
    (a, b) => score(a) - score(b) || a.userId.localeCompare(b.userId),
  );
  const best = existing ?? ranked[0]!;
  const why = [
    `${best.load} open deal${best.load === 1 ? '' : 's'} (team mean ${meanLoad.toFixed(1)})`,
    best.state === 'IN_RHYTHM'
      ? 'in the team’s rhythm'
      : `${best.state.toLowerCase().replace(/_/g, ' ')} (${best.phaseLagHours} h from the team)`,
    best.closeRate === null
      ? 'no closed deals yet'
      : `delivers ${pct(best.closeRate)} of closed deals`,
    best.online ? 'online now' : 'not online now',
  ];
  return {
    userId: best.userId,
    explanation: existing
      ? `Already works this customer's deal: ${why.join('; ')}.`
      : `${preface}Lightest load for the best rhythm and results: ${why.join('; ')}.`,
    alternatives: ranked
      .filter((m) => m.userId !== best.userId)
      .slice(0, 2)
      .map((m) => m.userId),
  };
}

// Names for codegen's mappers (the GraphQL types have the plain names).
export type TeamStatusRecord = TeamStatus;
export type MentoringPairRecord = MentoringPair;
export type LeadAssignmentRecord = LeadAssignment;

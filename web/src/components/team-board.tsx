'use client';
// The team status board: the Oscillator network's view of the sales team (coherence, each member's
// rhythm and load, bottlenecks, mentoring pairs) with who is online now. Live: the teamStatus
// subscription pushes a recomputed status whenever ml has read changed deals, and presence (the
// app shell's teamPresence subscription) marks who is on the floor.
import { useQueryClient } from '@tanstack/react-query';
import {
  TeamStatusViewFragmentDoc,
  useTeamStatusQuery,
  type TeamStatusQuery,
} from '../generated/graphql.ts';
import { titleCase } from '../lib/format.ts';
import { boardRows, coherenceWords, lagWords, share, STATE_LABELS } from '../lib/ml.ts';
import { useTeam } from '../lib/presence.ts';
import { useSubscription } from '../lib/realtime.ts';
import { Empty, ErrorBanner, Loading } from './ui.tsx';

const TEAM_STATUS_LIVE = `subscription TeamStatusLive { teamStatus { ...TeamStatusView } }
${TeamStatusViewFragmentDoc.toString()}`;

type Status = TeamStatusQuery['teamStatus'];

function Members({ status }: { status: Status }) {
  const team = useTeam();
  const online = new Map(team.map((m) => [m.userId, { name: m.name, status: m.status }]));
  const rows = boardRows(status.members, online);
  if (rows.length === 0) return <Empty>{status.message}</Empty>;
  return (
    <table aria-label="Team members">
      <thead>
        <tr>
          <th>Salesperson</th>
          <th>Now</th>
          <th>Rhythm</th>
          <th className="num">Open deals</th>
          <th className="num">Activities a day</th>
          <th className="num">Delivered</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.user.id} data-testid="team-board-member" data-online={m.online}>
            <td>
              {m.user.displayName}
              {m.active === false ? (
                <span className="badge badge-warn"> No longer active</span>
              ) : null}
            </td>
            <td>
              {m.online ? (
                <span className="badge">Online · {titleCase(m.presence ?? 'AVAILABLE')}</span>
              ) : (
                <span className="muted">Offline</span>
              )}
            </td>
            <td>
              {m.state ? (
                <>
                  {STATE_LABELS[m.state]}
                  {m.state === 'IDLE' ? '' : ` · ${lagWords(m.phaseLagHours)}`}
                </>
              ) : (
                <span className="muted">No deals yet</span>
              )}
            </td>
            <td className="num">{m.load}</td>
            <td className="num">{m.pace}</td>
            <td className="num">{m.closeRate == null ? '—' : share(m.closeRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TeamBoard() {
  const client = useQueryClient();
  const query = useTeamStatusQuery();
  // Each pushed status replaces the query's data (it is the same selection).
  useSubscription<TeamStatusQuery>(TEAM_STATUS_LIVE, undefined, (r) => {
    if (r.data?.teamStatus) client.setQueryData(useTeamStatusQuery.getKey(), r.data);
  });
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorBanner error={query.error} />;
  const status = query.data.teamStatus;
  return (
    <>
      <section className="card" aria-label="Coherence">
        <h2>Team rhythm</h2>
        {status.ready ? (
          <p data-testid="team-coherence">
            <strong>{coherenceWords(status.coherence)}</strong> — coherence{' '}
            {status.coherence.toFixed(2)} (0 = everyone on their own, 1 = one rhythm).{' '}
            <span className="muted">{status.message}</span>
          </p>
        ) : (
          <p className="muted" data-testid="team-coherence">
            {status.message}
          </p>
        )}
        <Members status={status} />
      </section>
      <div className="grid2">
        <section className="card" aria-label="Bottlenecks">
          <h2>Bottlenecks</h2>
          {status.bottlenecks.length === 0 ? (
            <Empty>No one’s open deals pile up against the team.</Empty>
          ) : (
            <ul data-testid="team-bottlenecks">
              {status.bottlenecks.map((b) => (
                <li key={b.user.id}>
                  <strong>{b.user.displayName}</strong>: {b.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-label="Mentoring pairs">
          <h2>Mentoring pairs</h2>
          {status.mentoringPairs.length === 0 ? (
            <Empty>No pairing suggested: nobody trails the team by enough closed deals.</Empty>
          ) : (
            <ul data-testid="team-mentoring">
              {status.mentoringPairs.map((m) => (
                <li key={`${m.mentor.id}:${m.mentee.id}`}>
                  <strong>{m.mentor.displayName}</strong> could help{' '}
                  <strong>{m.mentee.displayName}</strong>: {m.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

'use client';
import { identity, useAction, type MySession } from '../lib/identity.ts';
import { Button, ErrorBanner } from './ui.tsx';

const when = (iso: string) => new Date(iso).toLocaleString();

export function Sessions(props: { sessions: MySession[]; onChange: () => void }) {
  const end = useAction(identity.endSession);
  const endOthers = useAction(identity.endOtherSessions);
  return (
    <div>
      <ErrorBanner error={end.error ?? endOthers.error} />
      <table className="table" data-testid="sessions">
        <thead>
          <tr>
            <th>Device</th>
            <th>Address</th>
            <th>Signed in</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr key={s.id}>
              <td>{s.userAgent ?? 'Unknown device'}</td>
              <td>{s.ipAddress ?? '—'}</td>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.lastUsedAt)}</td>
              <td>
                {s.current ? (
                  <strong>This device</strong>
                ) : (
                  <Button
                    busy={end.busy}
                    onClick={async () => {
                      await end.run(s.id);
                      props.onChange();
                    }}
                  >
                    Sign out
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ height: 8 }} />
      <Button
        busy={endOthers.busy}
        disabled={props.sessions.length < 2}
        onClick={async () => {
          await endOthers.run();
          props.onChange();
        }}
      >
        Sign out every other device
      </Button>
    </div>
  );
}

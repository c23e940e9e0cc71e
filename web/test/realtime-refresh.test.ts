// The tab's in-band token refresh: every new token of the session goes to the open socket once, in
// a ping payload; nothing is sent while disconnected or for the token the socket started with.
import { describe, expect, it } from 'vitest';
import { createTokenRelay } from '../src/lib/realtime-refresh.ts';

function fakeSession(first: string | null) {
  let token = first;
  const listeners = new Set<() => void>();
  return {
    deps: {
      currentToken: () => token,
      onSessionChange: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    },
    set(next: string | null) {
      token = next;
      for (const l of listeners) l();
    },
    listeners,
  };
}

describe('token relay', () => {
  it('sends each refreshed token once to the connected socket, as a ping payload', () => {
    const session = fakeSession('t1');
    const relay = createTokenRelay(session.deps);
    const sent: string[] = [];
    session.set('t0'); // not connected yet: nothing to send to
    relay.connected({ send: (d) => void sent.push(d) }, 't0');
    expect(sent).toEqual([]); // the socket started with this token
    session.set('t2');
    session.set('t2'); // the same token again (another session change): not resent
    expect(sent.map((d) => JSON.parse(d))).toEqual([
      { type: 'ping', payload: { authorization: 'Bearer t2' } },
    ]);
    relay.pong({ refreshed: true, expiresAt: '2026-12-06T21:00:00Z' });
    relay.pong({ refreshed: false, reason: 'Unauthorized' });
    relay.pong(undefined); // an ordinary keep-alive pong
    expect(relay.stats()).toEqual({ sent: 1, accepted: 1, refused: 1 });
    relay.closed();
    session.set('t3');
    expect(sent).toHaveLength(1);
    session.set(null); // signed out: nothing to send
    relay.stop();
    expect(session.listeners.size).toBe(0);
  });

  it('catches up when the token changed while the socket was opening', () => {
    const session = fakeSession('t1');
    const relay = createTokenRelay(session.deps);
    const sent: string[] = [];
    session.set('t2');
    relay.connected({ send: (d) => void sent.push(d) }, 't1');
    expect(sent.map((d) => JSON.parse(d).payload)).toEqual([{ authorization: 'Bearer t2' }]);
  });
});

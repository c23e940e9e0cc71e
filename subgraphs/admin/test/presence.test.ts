// Team presence over the in-process bus: joining shows the team, changes reach the dealership only,
// the last connection ending says online: false, and nothing is left behind.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryEventBus, type Principal } from '@autolytiq/kit';
import { PresenceHub, PresenceInputError } from '../src/domain/presence.ts';

const who = (dealershipId: string, username: string): Principal => ({
  userId: randomUUID(),
  dealershipId,
  sessionId: randomUUID(),
  username,
  roles: [],
  permissions: [],
});

const settle = () => new Promise((r) => setTimeout(r, 20));

async function take<T>(it: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push((await it.next()).value as T);
  return out;
}

describe('team presence', () => {
  it('shows the team, streams changes within the dealership, and expires with the last socket', async () => {
    const bus = new MemoryEventBus();
    const hub = new PresenceHub(bus);
    const [A, B] = [randomUUID(), randomUUID()];
    const maria = who(A, 'maria');
    const sam = who(A, 'sam');
    const rival = who(B, 'rival');

    const mariaSees = await hub.subscribe(maria);
    const [self] = await take(mariaSees, 1);
    expect(self).toMatchObject({
      online: true,
      presence: { username: 'maria', status: 'AVAILABLE' },
    });
    const rivalSees = await hub.subscribe(rival);
    await take(rivalSees, 2); // rival itself (snapshot, then the bus's echo: changes are upserts)

    const samTab1 = await hub.subscribe(sam);
    const samTab2 = await hub.subscribe(sam);
    // Sam's first tab sees both members; Maria hears Sam once (the second tab changes nothing).
    const samFirst = await take(samTab1, 2);
    expect(samFirst.map((c) => c.presence.username).sort()).toEqual(['maria', 'sam']);
    const dealId = randomUUID();
    await hub.set(sam, {
      status: 'WITH_CUSTOMER',
      note: ' test drive ',
      viewing: { kind: 'DEAL', id: dealId },
    });
    const heard = await take(mariaSees, 3);
    expect(heard.map((c) => [c.presence.username, c.online, c.presence.status])).toEqual([
      ['maria', true, 'AVAILABLE'], // her own join, echoed by the bus
      ['sam', true, 'AVAILABLE'],
      ['sam', true, 'WITH_CUSTOMER'],
    ]);
    expect(heard[2]!.presence).toMatchObject({
      note: 'test drive',
      viewing: { kind: 'DEAL', id: dealId },
    });

    await samTab1.return!();
    await settle();
    await samTab2.return!();
    const gone = await take(mariaSees, 1);
    expect(gone[0]).toMatchObject({ online: false, presence: { username: 'sam' } });

    await mariaSees.return!();
    await rivalSees.return!();
    await settle();
    expect(hub.stats()).toEqual({ dealerships: 0, connections: 0 });
    expect(bus.stats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('keeps other dealerships out and refuses bad input', async () => {
    const bus = new MemoryEventBus();
    const hub = new PresenceHub(bus);
    const rival = who(randomUUID(), 'rival');
    const rivalSees = await hub.subscribe(rival);
    await take(rivalSees, 2); // itself from the snapshot, then its own join from the bus
    const maria = who(randomUUID(), 'maria');
    await hub.set(maria, { status: 'BUSY' });
    await expect(hub.set(maria, { status: 'BUSY', note: 'x'.repeat(141) })).rejects.toBeInstanceOf(
      PresenceInputError,
    );
    await expect(
      hub.set(maria, { status: 'BUSY', viewing: { kind: 'DEAL', id: 'nope' } }),
    ).rejects.toMatchObject({ field: 'input.viewing.id' });
    const next = rivalSees.next();
    const raced = await Promise.race([next, settle().then(() => 'nothing')]);
    expect(raced).toBe('nothing');
    await rivalSees.return!();
  });
});

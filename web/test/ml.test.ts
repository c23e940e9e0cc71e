// The team board's rows and the engines' words: who is online comes first, online people with no
// deal are added without a rhythm, lags and coherence read as words.
import { describe, expect, it } from 'vitest';
import { boardRows, coherenceWords, lagWords, share, type BoardMember } from '../src/lib/ml.ts';

const member = (id: string, name: string, load: number): BoardMember => ({
  user: { id, displayName: name },
  state: 'IN_RHYTHM',
  phaseLagHours: 0,
  load,
  pace: 1,
  closeRate: null,
});

describe('team board rows', () => {
  it('puts online people first, then the heaviest load, then names', () => {
    const rows = boardRows(
      [member('a', 'Ann', 1), member('b', 'Bob', 4), member('c', 'Cy', 2)],
      new Map([['c', { name: 'Cy', status: 'BUSY' }]]),
    );
    expect(rows.map((r) => [r.user.displayName, r.online, r.presence])).toEqual([
      ['Cy', true, 'BUSY'],
      ['Bob', false, null],
      ['Ann', false, null],
    ]);
  });

  it('adds someone online who is not in the network, without a state or load', () => {
    const rows = boardRows(
      [member('a', 'Ann', 1)],
      new Map([['m', { name: 'Mia Manager', status: 'AVAILABLE' }]]),
    );
    expect(rows[0]).toMatchObject({ user: { id: 'm' }, state: null, load: 0, online: true });
    expect(rows).toHaveLength(2);
  });
});

describe('words', () => {
  it('says lags, coherence and shares in words', () => {
    expect(lagWords(0)).toBe('on the team’s time');
    expect(lagWords(1.5)).toBe('1.5 h later');
    expect(lagWords(-2)).toBe('2 h earlier');
    expect(coherenceWords(0.9)).toBe('The team works in one rhythm');
    expect(coherenceWords(0.05)).toBe('Everyone works on their own');
    expect(share(0.873)).toBe('87 %');
  });
});

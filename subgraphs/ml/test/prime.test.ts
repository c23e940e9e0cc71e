// Prime against a seeded logistic contextual bandit, and its determinism and saved state.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPrime, createRng, restorePrime } from '../src/engine/index.ts';
import { epsilonGreedy, logisticBandit, regret } from './bandit-helpers.ts';

describe('Prime (contextual Thompson sampling)', () => {
  it.each([1, 2, 3])(
    'keeps cumulative regret ≤ 0.8× ε-greedy (0.1) over 5000 rounds (seed %s)',
    (seed) => {
      const thompson = logisticBandit(seed);
      const greedy = logisticBandit(seed);
      const primeRegret = regret(
        thompson,
        createPrime({ arms: thompson.arms, contextDims: thompson.dims, seed }),
        5000,
      );
      const greedyRegret = regret(
        greedy,
        epsilonGreedy(greedy.arms, greedy.dims, 0.1, createRng(seed + 100)),
        5000,
      );
      expect(primeRegret).toBeLessThanOrEqual(0.8 * greedyRegret);
    },
  );

  it('recommends by context: learns that different customers need different arms', () => {
    const prime = createPrime({ arms: ['low-payment', 'short-term'], contextDims: 1, seed: 3 });
    const rng = createRng(4);
    for (let t = 0; t < 500; t++) {
      const x = [rng.next() < 0.5 ? -1 : 1];
      const arm = prime.choose(x);
      const good = (arm === 'low-payment') === (x[0] as number) < 0;
      prime.record(x, arm, rng.next() < (good ? 0.8 : 0.2) ? 1 : 0);
    }
    const tally = (x: number[]) => {
      let low = 0;
      for (let i = 0; i < 200; i++) if (prime.choose(x) === 'low-payment') low++;
      return low / 200;
    };
    expect(tally([-1])).toBeGreaterThan(0.9);
    expect(tally([1])).toBeLessThan(0.1);
    const before = prime.state();
    const p = prime.probabilities([-1]);
    expect((p['low-payment'] as number) + (p['short-term'] as number)).toBeCloseTo(1, 10);
    expect(p['low-payment']).toBeGreaterThan(0.9);
    expect(prime.probabilities([1])['low-payment']).toBeLessThan(0.1);
    expect(prime.state()).toEqual(before); // reading probabilities does not move the generator
  });

  const history = fc.array(
    fc.record({
      context: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
        minLength: 3,
        maxLength: 3,
      }),
      arm: fc.constantFrom('a', 'b', 'c'),
      reward: fc.constantFrom(0, 1),
    }),
    { maxLength: 40 },
  );

  it('is deterministic by seed and continues identically after a state round trip', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 2 ** 31 }), (events, seed) => {
        const options = { arms: ['a', 'b', 'c'], contextDims: 3, seed };
        const one = createPrime(options);
        const two = createPrime(options);
        for (const e of events) {
          one.record(e.context, e.arm, e.reward);
          two.record(e.context, e.arm, e.reward);
          expect(one.choose(e.context)).toBe(two.choose(e.context));
        }
        const saved = JSON.parse(JSON.stringify(one.state()));
        const restored = restorePrime(saved);
        expect(restored.state()).toEqual(one.state());
        for (const e of events.slice(0, 5))
          expect(restored.choose(e.context)).toBe(one.choose(e.context));
      }),
      { numRuns: 50 },
    );
  });

  it('rejects unknown arms, wrong context sizes and mismatched state', () => {
    const prime = createPrime({ arms: ['a', 'b'], contextDims: 2 });
    expect(() => prime.record([0, 0], 'z', 1)).toThrow(RangeError);
    expect(() => prime.choose([0])).toThrow(RangeError);
    expect(() => prime.record([0, Number.NaN], 'a', 1)).toThrow(RangeError);
    expect(() => createPrime({ arms: ['a', 'c'], contextDims: 2, state: prime.state() })).toThrow(
      RangeError,
    );
    expect(() => createPrime({ arms: [], contextDims: 2 })).toThrow(RangeError);
  });
});

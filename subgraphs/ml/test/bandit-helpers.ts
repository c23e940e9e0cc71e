// A seeded logistic contextual bandit and the ε-greedy baseline Prime is measured against.
import { createPrime, createRng, type Rng } from '../src/engine/index.ts';

export interface Bandit {
  arms: string[];
  dims: number;
  context(): number[];
  /** Success probability of each arm for a context. */
  probabilities(context: number[]): number[];
  reward(context: number[], arm: number): number;
}

export function logisticBandit(seed: number, armCount = 5, dims = 5): Bandit {
  const rng = createRng(seed);
  const weights = Array.from({ length: armCount }, () =>
    Array.from({ length: dims + 1 }, (_, j) =>
      j === 0 ? -0.5 + 0.5 * rng.normal() : 1.2 * rng.normal(),
    ),
  );
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const probabilities = (x: number[]) =>
    weights.map((w) =>
      sigmoid(w.reduce((s, wj, j) => s + wj * (j === 0 ? 1 : (x[j - 1] as number)), 0)),
    );
  return {
    arms: weights.map((_, i) => `arm${i}`),
    dims,
    context: () => Array.from({ length: dims }, () => rng.normal()),
    probabilities,
    reward: (x, arm) => (rng.next() < (probabilities(x)[arm] as number) ? 1 : 0),
  };
}

export interface Policy {
  choose(context: number[]): string;
  record(context: number[], arm: string, reward: number): void;
}

/** ε-greedy over the same per-arm regressions (their posterior means), exploring uniformly. */
export function epsilonGreedy(arms: string[], dims: number, epsilon: number, rng: Rng): Policy {
  const model = createPrime({ arms, contextDims: dims });
  return {
    choose(context) {
      if (rng.next() < epsilon) return arms[rng.int(arms.length)] as string;
      const means = model.expected(context);
      return arms.reduce((best, arm) =>
        (means[arm] as number) > (means[best] as number) ? arm : best,
      );
    },
    record: model.record,
  };
}

/** Cumulative expected regret (best arm's probability minus the chosen one's) over `rounds`. */
export function regret(bandit: Bandit, policy: Policy, rounds: number): number {
  let total = 0;
  for (let t = 0; t < rounds; t++) {
    const x = bandit.context();
    const p = bandit.probabilities(x);
    const arm = policy.choose(x);
    const index = bandit.arms.indexOf(arm);
    total += Math.max(...p) - (p[index] as number);
    policy.record(x, arm, bandit.reward(x, index));
  }
  return total;
}

// Requests per user per minute (sliding window, in this process). With several replicas each keeps
// its own window, so the effective limit is per replica — stated in the README.
import { rateLimited } from '@autolytiq/kit/core';

export class PerUserRateLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `userId`, or throws RATE_LIMITED (nothing counted) when over the limit. */
  take(userId: string): void {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((at) => at > t - 60_000);
    if (recent.length >= this.perMinute) {
      const retryAfterSeconds = Math.ceil((recent[0]! + 60_000 - t) / 1000);
      this.hits.set(userId, recent);
      throw rateLimited(
        `You asked the assistant ${this.perMinute} times in the last minute; try again in ${retryAfterSeconds} s.`,
        { retryAfterSeconds, limitPerMinute: this.perMinute },
      );
    }
    recent.push(t);
    this.hits.set(userId, recent);
    if (this.hits.size > 10_000) this.prune(t);
  }

  private prune(t: number) {
    for (const [user, times] of this.hits) {
      if (!times.some((at) => at > t - 60_000)) this.hits.delete(user);
    }
  }
}

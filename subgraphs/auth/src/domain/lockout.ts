// Sign-in lockout that protects without letting a stranger lock people out.
// - `perAddress` failures for a username from one client address lock that username for that address
//   for the window (even the right password is refused there, with retryAfterSeconds).
// - `everywhere` failures across addresses lock the username for every address; the user is mailed an
//   unlock link (once, when the count reaches the threshold).
// Unknown usernames are counted and refused the same way, so the lockout reveals nothing.
import { rateLimited, type Database } from '@autolytiq/kit';
import {
  clearLoginFailures,
  loginFailureCounts,
  recordLoginFailure,
} from '../store/login-failures-store.ts';

export interface LockoutPolicy {
  perAddress: number;
  everywhere: number;
  windowMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  perAddress: 5,
  everywhere: 20,
  windowMs: 15 * 60_000,
};

export class Lockout {
  constructor(
    private readonly db: Database,
    readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  /** Throws RATE_LIMITED when the username is locked for this address or everywhere. */
  async assertOpen(username: string, ip: string): Promise<void> {
    const { perAddress, everywhere, windowMs } = this.policy;
    const now = Date.now();
    const counts = await this.db.asSystem((em) =>
      loginFailureCounts(em, username, ip, new Date(now - windowMs)),
    );
    const retryAfter = (oldest: Date | null) =>
      Math.max(1, Math.ceil(((oldest?.getTime() ?? now) + windowMs - now) / 1000));
    if (counts.everywhere >= everywhere) {
      const retryAfterSeconds = retryAfter(counts.oldest);
      throw rateLimited(
        `This username is locked after many failed sign-ins. Use the unlock link mailed to its owner, reset the password, ask an administrator, or try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { limit: 'username', retryAfterSeconds },
      );
    }
    if (counts.atAddress >= perAddress) {
      const retryAfterSeconds = retryAfter(counts.oldestAtAddress);
      throw rateLimited(
        `Too many failed sign-ins for this username from here. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s), or reset your password.`,
        { limit: 'username-address', retryAfterSeconds },
      );
    }
  }

  /** Counts a failure; true when it just locked the username everywhere (mail the unlock link). */
  async recordFailure(username: string, ip: string): Promise<boolean> {
    return this.db.asSystem(async (em) => {
      await recordLoginFailure(em, username, ip);
      const counts = await loginFailureCounts(
        em,
        username,
        ip,
        new Date(Date.now() - this.policy.windowMs),
      );
      return counts.everywhere === this.policy.everywhere;
    });
  }

  /** Lifts every lock on the username (successful sign-in, password reset, admin, unlock link). */
  async clear(username: string): Promise<void> {
    await this.db.asSystem((em) => clearLoginFailures(em, username));
  }
}

// Sessions that have ended (logout, refresh-token reuse) while their access tokens are still
// unexpired. The auth subgraph publishes them at GET /internal/revoked-sessions; the router and every
// other subgraph poll that feed and refuse those tokens, so a sign-out takes effect within one poll
// interval (default 2 s) instead of when the token expires (15 min) — also for a caller who reaches a
// subgraph without the router (issue 12). Every process polls on its own: no shared store is
// needed, and an auth outage leaves the known set in place (logged).
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { Principal, TokenVerifier } from './tokens.ts';

export interface RevocationFeedConfig {
  /** The auth subgraph's feed, e.g. http://127.0.0.1:4001/internal/revoked-sessions. */
  url: string;
  /** Sent as x-subgraph-secret: the auth subgraph's own secret (router) or AUTH_REVOCATIONS_SECRET. */
  secret: string;
  pollMs: number;
}

interface FeedAnswer {
  asOf: number;
  sessions: Array<{ id: string; revokedAt: number }>;
}

// Access tokens live 15 minutes; a revoked session is remembered a little longer than that.
const REMEMBER_MS = 16 * 60_000;

export class RevocationList {
  private readonly revoked = new Map<string, number>(); // session id → forget after (epoch ms)
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastFailureLogged = 0;

  constructor(
    private readonly config: RevocationFeedConfig,
    private readonly logger: Logger,
  ) {}

  has(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  /** Polls once now (so a restarted router knows recent sign-outs), then every `pollMs`. */
  async start(): Promise<void> {
    await this.poll();
    const tick = () => {
      this.timer = setTimeout(() => void this.poll().finally(tick), this.config.pollMs);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  async poll(): Promise<boolean> {
    try {
      const res = await fetch(`${this.config.url}?since=${this.since}`, {
        headers: { 'x-subgraph-secret': this.config.secret },
        signal: AbortSignal.timeout(Math.max(1000, this.config.pollMs)),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const answer = (await res.json()) as FeedAnswer;
      const now = Date.now();
      for (const s of answer.sessions) this.revoked.set(s.id, s.revokedAt + REMEMBER_MS);
      for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
      this.since = answer.asOf;
      return true;
    } catch (error) {
      const now = Date.now();
      if (now - this.lastFailureLogged > 60_000) {
        this.lastFailureLogged = now;
        this.logger.warn(
          { err: error, url: this.config.url },
          'revoked-sessions feed unavailable; sign-outs since the last poll are not yet enforced',
        );
      }
      return false;
    }
  }
}

/** Wraps a token verifier: a token whose session has ended is refused like an invalid one. */
export function refuseRevoked(
  verify: TokenVerifier,
  list: RevocationList | undefined,
): TokenVerifier {
  if (!list) return verify;
  return async (token): Promise<Principal> => {
    const principal = await verify(token);
    if (list.has(principal.sessionId)) {
      throw new AppError('UNAUTHENTICATED', 'This session has ended. Sign in again.');
    }
    return principal;
  };
}

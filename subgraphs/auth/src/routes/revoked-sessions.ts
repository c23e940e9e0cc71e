// The revocation feed: sessions ended (logout, refresh-token reuse) while access tokens issued for them
// may still be unexpired. The router polls it and refuses those tokens at once, so signing out takes
// effect across the whole graph within a poll interval instead of when the 15-minute token expires.
//
// GET /internal/revoked-sessions?since=<epoch ms>, only for the router (x-subgraph-secret). Not part
// of the GraphQL API; answers across dealerships (session ids only, nothing else about them).
import { timingSafeEqual } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { subgraphSecretMiddleware, type Database, type Logger } from '@autolytiq/kit';
import { ACCESS_TOKEN_TTL_SECONDS } from '../domain/tokens.ts';

// A revocation is stamped with its transaction's start time and may commit a little later than a poll
// that read past that stamp; every answer reaches back this far before `since`, and the router's set
// absorbs the repeats.
const COMMIT_LAG_MS = 10_000;

export interface RevokedSessions {
  /** Pass back as `since` on the next poll. */
  asOf: number;
  sessions: Array<{ id: string; revokedAt: number }>;
}

export async function revokedSessionsSince(db: Database, since: number): Promise<RevokedSessions> {
  const asOf = Date.now();
  // Older revocations no longer matter: every token of those sessions has expired.
  const from = Math.max(since - COMMIT_LAG_MS, asOf - ACCESS_TOKEN_TTL_SECONDS * 1000);
  const rows = await db.asSystem((em) =>
    em.execute<Array<{ id: string; revoked_ms: string }>>(
      `select id, (extract(epoch from revoked_at) * 1000)::bigint as revoked_ms
         from auth.revoked_sessions_since(to_timestamp(? / 1000.0))`,
      [from],
    ),
  );
  return { asOf, sessions: rows.map((r) => ({ id: r.id, revokedAt: Number(r.revoked_ms) })) };
}

export function revokedSessionsRoute(
  app: Express,
  db: Database,
  subgraphSecret: string,
  logger: Logger,
  /** AUTH_REVOCATIONS_SECRET: what the other subgraphs send (they do not know auth's own secret). */
  feedSecret?: string,
): void {
  const routerOnly = subgraphSecretMiddleware(subgraphSecret);
  app.get(
    '/internal/revoked-sessions',
    (req: Request, res: Response, next: NextFunction) => {
      const given = req.get('x-subgraph-secret');
      if (feedSecret && given && sameText(given, feedSecret)) return next();
      return routerOnly(req, res, next);
    },
    async (req: Request, res: Response) => {
      const since = Number(req.query.since ?? 0);
      if (!Number.isFinite(since) || since < 0) {
        res.status(400).json({ error: 'since must be epoch milliseconds' });
        return;
      }
      try {
        res.setHeader('cache-control', 'no-store');
        res.json(await revokedSessionsSince(db, since));
      } catch (error) {
        logger.error({ err: error }, 'revoked-sessions feed failed');
        res.status(500).json({ error: 'internal' });
      }
    },
  );
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

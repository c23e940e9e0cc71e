// A user's own sessions: the list (device, address, created, last used, which is this one) and
// ending them. Ending is immediate for auth; the router and the other subgraphs learn of it through
// the revoked-sessions feed.
import { parse, tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { listLiveSessions, revokeOwnSession, revokeUserSessions } from '../store/sessions-store.ts';
import { audit, type RequestMeta } from './audit.ts';
import { subjectOf } from './auth-service.ts';

export class SessionsService {
  constructor(private readonly db: Database) {}

  async mine(principal: Principal) {
    const sessions = await this.db.withTenant(tenantOf(principal), (em) =>
      listLiveSessions(em, principal.userId),
    );
    return sessions.map((s) => ({ ...s, current: s.id === principal.sessionId }));
  }

  /** Ends one of the caller's sessions (another user's id, or an ended one, answers false). */
  async end(principal: Principal, id: string, meta: RequestMeta): Promise<boolean> {
    parse.id('id', id);
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const ended = await revokeOwnSession(em, principal.userId, id, 'ended by user');
      if (ended) await audit(em, subjectOf(principal), 'session-ended', meta, { sessionId: id });
      return ended;
    });
  }

  /** Ends every session of the caller except this one; returns how many. */
  async endOthers(principal: Principal, meta: RequestMeta): Promise<number> {
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const ended = await revokeUserSessions(
        em,
        principal.userId,
        'ended by user',
        principal.sessionId,
      );
      if (ended.length > 0)
        await audit(em, subjectOf(principal), 'other-sessions-ended', meta, {
          count: ended.length,
        });
      return ended.length;
    });
  }
}

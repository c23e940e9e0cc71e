// What an administrator (admin.users) does to accounts of their dealership: lift a lockout, read the
// auth audit trail. RLS keeps both to the administrator's dealership.
import { pageSize, parse, notFound, tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { listAuthEvents } from '../store/audit-store.ts';
import { findUsers } from '../store/users-store.ts';
import { audit, type RequestMeta } from './audit.ts';
import type { Lockout } from './lockout.ts';

export class AccountAdmin {
  constructor(
    private readonly db: Database,
    private readonly lockout: Lockout,
  ) {}

  async unlockUser(admin: Principal, userId: string, meta: RequestMeta): Promise<boolean> {
    parse.id('userId', userId);
    const [user] = await this.db.withTenant(tenantOf(admin), (em) => findUsers(em, [userId]));
    if (!user) throw notFound('No such user in your dealership.');
    await this.lockout.clear(user.username);
    await this.db.withTenant(tenantOf(admin), (em) =>
      audit(
        em,
        { dealershipId: user.dealershipId, userId: user.id, username: user.username },
        'unlocked',
        meta,
        { by: admin.username },
      ),
    );
    return true;
  }

  async events(admin: Principal, args: { userId?: string | null; first?: number | null }) {
    if (args.userId) parse.id('userId', args.userId);
    const first = pageSize(args.first, { default: 50 });
    return this.db.withTenant(tenantOf(admin), (em) =>
      listAuthEvents(em, { userId: args.userId, limit: first }),
    );
  }
}

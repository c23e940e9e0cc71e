// Thin resolvers: each field hands over to the domain services.
import DataLoader from 'dataloader';
import {
  DateTimeScalar,
  requestScoped,
  requirePrincipal,
  tenantOf,
  type Database,
  type RequestContext,
} from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { AuthService } from '../domain/auth-service.ts';
import { BUILT_IN_ROLES, permissionsOf } from '../domain/permissions.ts';
import { findUsers, listUsers, type UserRecord } from '../store/users-store.ts';

export interface AuthServices {
  db: Database;
  auth: AuthService;
}

const USER_LOADER = Symbol('userLoader');

// Batches every User reference of one request into one query, under the caller's tenant: RLS
// answers null for another dealership's user, whatever id was asked for.
function userLoader(s: AuthServices, ctx: RequestContext) {
  const principal = requirePrincipal(ctx);
  return requestScoped(
    ctx,
    USER_LOADER,
    () =>
      new DataLoader<string, UserRecord | null>(async (ids) => {
        const users = await s.db.withTenant(tenantOf(principal), (em) => findUsers(em, ids));
        const byId = new Map(users.map((u) => [u.id, u]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

export function createResolvers(s: AuthServices): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Query: {
      me: (_parent, _args, ctx) => s.auth.me(requirePrincipal(ctx)),
      roles: () => [...BUILT_IN_ROLES],
      users: (_parent, _args, ctx) =>
        s.db.withTenant(tenantOf(requirePrincipal(ctx)), (em) => listUsers(em)),
    },
    Mutation: {
      login: (_parent, { input }) => s.auth.login(input.username, input.password),
      refresh: (_parent, { refreshToken }) => s.auth.refresh(refreshToken),
      logout: (_parent, _args, ctx) => s.auth.logout(requirePrincipal(ctx)),
    },
    User: {
      __resolveReference: (ref, ctx) => userLoader(s, ctx).load(ref.id),
      permissions: (user) => permissionsOf(user.roles),
      dealership: (user) => ({ id: user.dealershipId }),
    },
    Role: {
      permissions: (role) => [...role.permissions],
    },
  };
}

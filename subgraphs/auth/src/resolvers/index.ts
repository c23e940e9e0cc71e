// Thin resolvers: each field hands over to the domain services.
import {
  entityLoader,
  requirePrincipal,
  tenantOf,
  type Database,
  type RequestContext,
} from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { AccountAdmin } from '../domain/account-admin.ts';
import type { ApiClients } from '../domain/api-clients.ts';
import type { SignInPolicyAdmin } from '../domain/sign-in-policy.ts';
import type { UserImport } from '../domain/user-import.ts';
import type { MailTemplateAdmin } from '../domain/mail-template-admin.ts';
import type { RequestMeta } from '../domain/audit.ts';
import type { AuthService } from '../domain/auth-service.ts';
import { colleaguesWith } from '../domain/colleagues.ts';
import type { RecoveryService } from '../domain/recovery-service.ts';
import type { SecondFactorService } from '../domain/second-factor-service.ts';
import type { SessionsService } from '../domain/sessions-service.ts';
import type { UserAdmin } from '../domain/user-admin.ts';
import { PERMISSIONS } from '../domain/permissions.ts';
import { permissionsForRoles, type RoleAdmin } from '../domain/role-admin.ts';
import { isGrantable } from '../domain/role-catalog.ts';
import { findUsers, listUsers, type UserStatus } from '../store/users-store.ts';

export interface AuthServices {
  db: Database;
  auth: AuthService;
  sessions: SessionsService;
  accounts: AccountAdmin;
  secondFactor: SecondFactorService;
  recovery: RecoveryService;
  userAdmin: UserAdmin;
  roleAdmin: RoleAdmin;
  apiClients: ApiClients;
  signInPolicy: SignInPolicyAdmin;
  userImport: UserImport;
  mailTemplates: MailTemplateAdmin;
}

/** The caller's client as the router reported it, for session records and the audit. */
const metaOf = (ctx: RequestContext): RequestMeta => ({
  requestId: ctx.requestId,
  ip: ctx.client.ip,
  userAgent: ctx.client.userAgent,
});

// Batches every User reference of one request into one query, under the caller's tenant: RLS
// answers null for another dealership's user, whatever id was asked for.
const users = (s: AuthServices, ctx: RequestContext) =>
  entityLoader(ctx, 'users', (ids, principal) =>
    s.db.withTenant(tenantOf(principal), (em) => findUsers(em, ids)),
  );

const toStatus = (s: UserStatus) =>
  s === 'active' ? 'ACTIVE' : s === 'invited' ? 'INVITED' : ('DEACTIVATED' as const);

export function createResolvers(s: AuthServices): Resolvers {
  return {
    Query: {
      me: (_parent, _args, ctx) => s.auth.me(requirePrincipal(ctx)),
      roles: (_parent, _args, ctx) => s.roleAdmin.list(requirePrincipal(ctx)),
      permissionCatalog: () =>
        Object.entries(PERMISSIONS)
          .filter(([name]) => isGrantable(name))
          .map(([name, description]) => ({ name, description })),
      users: (_parent, _args, ctx) =>
        s.db.withTenant(tenantOf(requirePrincipal(ctx)), (em) => listUsers(em)),
      userAccounts: (_parent, args, ctx) => s.userAdmin.list(requirePrincipal(ctx), args),
      userAccount: (_parent, { id }, ctx) => s.userAdmin.get(requirePrincipal(ctx), id),
      colleagues: async (_parent, { permission }, ctx) =>
        (await colleaguesWith(s.db, requirePrincipal(ctx), permission)).map((u) => ({
          id: u.id,
          displayName: u.displayName,
          roles: u.roles,
          active: true,
        })),
      mySessions: (_parent, _args, ctx) => s.sessions.mine(requirePrincipal(ctx)),
      mySecondFactor: (_parent, _args, ctx) => s.secondFactor.status(requirePrincipal(ctx)),
      secondFactorRequiredRoles: (_parent, _args, ctx) =>
        s.secondFactor.requiredRoles(requirePrincipal(ctx)),
      authEvents: (_parent, args, ctx) => s.accounts.events(requirePrincipal(ctx), args),
      team: async (_parent, _args, ctx) => {
        const users = await s.db.withTenant(tenantOf(requirePrincipal(ctx)), (em) => listUsers(em));
        return users.map((u) => ({
          id: u.id,
          displayName: u.displayName,
          roles: [...u.roles],
          active: u.active,
        }));
      },
      signInPolicy: (_parent, _args, ctx) => s.signInPolicy.get(requirePrincipal(ctx)),
      mailTemplates: (_parent, _args, ctx) => s.mailTemplates.list(requirePrincipal(ctx)),
      mailTemplatePreview: (_parent, { kind, input }, ctx) =>
        s.mailTemplates.preview(requirePrincipal(ctx), kind, input),
      apiClients: (_parent, args, ctx) =>
        s.apiClients.list(requirePrincipal(ctx), args.includeRevoked ?? false),
    },
    Mutation: {
      login: (_parent, { input }, ctx) => s.auth.login(input.username, input.password, metaOf(ctx)),
      refresh: (_parent, { refreshToken }) => s.auth.refresh(refreshToken),
      logout: (_parent, _args, ctx) => s.auth.logout(requirePrincipal(ctx), metaOf(ctx)),
      requestPasswordReset: (_parent, { input }, ctx) =>
        s.recovery.requestPasswordReset(input.login, metaOf(ctx)),
      resetPassword: (_parent, { input }, ctx) =>
        s.recovery.resetPassword(input.token, input.newPassword, metaOf(ctx)),
      changePassword: (_parent, { input }, ctx) =>
        s.recovery.changePassword(requirePrincipal(ctx), input, metaOf(ctx)),
      updateMyEmail: (_parent, { email }, ctx) =>
        s.recovery.updateMyEmail(requirePrincipal(ctx), email, metaOf(ctx)),
      verifyEmail: (_parent, { token }, ctx) => s.recovery.verifyEmail(token, metaOf(ctx)),
      verifyMfa: (_parent, { input }, ctx) =>
        s.secondFactor.verify(input.mfaToken, input.code, metaOf(ctx)),
      enrollTotp: (_parent, _args, ctx) => s.secondFactor.enroll(requirePrincipal(ctx)),
      confirmTotp: (_parent, { code }, ctx) =>
        s.secondFactor.confirm(requirePrincipal(ctx), code, metaOf(ctx)),
      regenerateBackupCodes: (_parent, { code }, ctx) =>
        s.secondFactor.regenerateBackupCodes(requirePrincipal(ctx), code, metaOf(ctx)),
      requireSecondFactorFor: (_parent, { roles }, ctx) =>
        s.secondFactor.requireFor(requirePrincipal(ctx), roles, metaOf(ctx)),
      disableTotp: (_parent, { code }, ctx) =>
        s.secondFactor.disable(requirePrincipal(ctx), code, metaOf(ctx)),
      endSession: (_parent, { id }, ctx) => s.sessions.end(requirePrincipal(ctx), id, metaOf(ctx)),
      endOtherSessions: (_parent, _args, ctx) =>
        s.sessions.endOthers(requirePrincipal(ctx), metaOf(ctx)),
      unlockUser: (_parent, { userId }, ctx) =>
        s.accounts.unlockUser(requirePrincipal(ctx), userId, metaOf(ctx)),
      createUser: (_parent, { input }, ctx) =>
        s.userAdmin.create(requirePrincipal(ctx), input, metaOf(ctx)),
      updateUser: (_parent, { id, version, input }, ctx) =>
        s.userAdmin.update(requirePrincipal(ctx), id, version, input, metaOf(ctx)),
      deactivateUser: (_parent, { id }, ctx) =>
        s.userAdmin.deactivate(requirePrincipal(ctx), id, metaOf(ctx)),
      reactivateUser: (_parent, { id }, ctx) =>
        s.userAdmin.reactivate(requirePrincipal(ctx), id, metaOf(ctx)),
      resetUserPassword: (_parent, { id }, ctx) =>
        s.userAdmin.sendPasswordReset(requirePrincipal(ctx), id, metaOf(ctx)),
      importUsers: (_parent, { csv, dryRun }, ctx) =>
        s.userImport.run(requirePrincipal(ctx), csv, dryRun ?? false, metaOf(ctx)),
      resendInvitation: (_parent, { id }, ctx) =>
        s.userAdmin.resendInvitation(requirePrincipal(ctx), id, metaOf(ctx)),
      acceptInvitation: (_parent, { input }, ctx) =>
        s.userAdmin.acceptInvitation(input.token, input.password, metaOf(ctx)),
      createRole: (_parent, { input }, ctx) =>
        s.roleAdmin.create(requirePrincipal(ctx), input, metaOf(ctx)),
      updateRole: (_parent, { name, input }, ctx) =>
        s.roleAdmin.update(requirePrincipal(ctx), name, input, metaOf(ctx)),
      deleteRole: (_parent, { name }, ctx) =>
        s.roleAdmin.delete(requirePrincipal(ctx), name, metaOf(ctx)),
      unlockAccount: (_parent, { token }, ctx) => s.auth.unlockAccount(token, metaOf(ctx)),
      createApiClient: (_parent, { input }, ctx) =>
        s.apiClients.create(requirePrincipal(ctx), input),
      rotateApiClientSecret: (_parent, { id }, ctx) =>
        s.apiClients.rotateSecret(requirePrincipal(ctx), id),
      revokeApiClient: (_parent, { id }, ctx) => s.apiClients.revoke(requirePrincipal(ctx), id),
      updateSignInPolicy: (_parent, { input }, ctx) =>
        s.signInPolicy.update(requirePrincipal(ctx), input),
      updateMailTemplate: (_parent, { kind, input }, ctx) =>
        s.mailTemplates.save(requirePrincipal(ctx), kind, input),
      resetMailTemplate: (_parent, { kind }, ctx) =>
        s.mailTemplates.reset(requirePrincipal(ctx), kind),
    },
    ApiClient: {
      createdBy: (client) => client.createdByUsername,
    },
    User: {
      __resolveReference: (ref, ctx) => users(s, ctx).load(ref.id),
      permissions: (user) => permissionsForRoles(s.db, user.dealershipId, user.roles),
      status: (user) => toStatus(user.status),
      lastSignInAt: (user) => user.lastLoginAt,
      dealership: (user) => ({ id: user.dealershipId }),
    },
  };
}

// User administration (admin.users): create (active with a password, or INVITED with a mailed
// 7-day single-use link), edit with optimistic concurrency, deactivate / reactivate, send a reset
// link. Every check runs before the first write and every write of one call is one transaction, so
// a refused call changes nothing. Each change is recorded in auth's append-only auth_events with who
// did it. Ending sessions (deactivation, a change of roles) goes through auth.sessions, which the
// revocation feed publishes: the user's tokens stop working across the graph within one poll (~2 s).
import {
  badInput,
  changesOf,
  conflict,
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  forbidden,
  notFound,
  pageSize,
  parse,
  recordAudit,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { dealershipPasswordProblem } from './sign-in-policy.ts';
import { audit, type AuthEventSubject, type RequestMeta } from './audit.ts';
import { queueAuthMail } from './mail-templates.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { loadCatalog } from './role-admin.ts';
import { BUILT_IN_CATALOG, permissionsOfRoles, type RoleCatalog } from './role-catalog.ts';
import { hashOpaqueToken, newOpaqueToken } from './tokens.ts';
import { findUsers, insertUser, type UserRecord, type UserStatus } from '../store/users-store.ts';
import {
  acceptInvitationRow,
  insertInvitation,
  invitationOwner,
  listUserPage,
  lockActiveHolders,
  setUserStatus,
  updateUserRow,
  usernameTaken,
} from '../store/user-admin-store.ts';
import { insertPasswordReset } from '../store/recovery-store.ts';
import { revokeUserSessions } from '../store/sessions-store.ts';
import type { Lockout } from './lockout.ts';

const SEALED_PASSWORD = { field: 'password', from: null, to: null, sealed: true };
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
const RESET_TTL_MS = 30 * 60_000;
const USERNAME = /^[a-z0-9._-]{2,64}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;
/** The role an administrator holds; a dealership always keeps one active holder. */
export const ADMIN_ROLE = 'admin';

export interface NewUserInput {
  username: string;
  displayName: string;
  email?: string | null;
  roles: readonly string[];
  password?: string | null;
}

export interface UserChangesInput {
  displayName?: string | null;
  email?: string | null;
  roles?: readonly string[] | null;
}

export interface UserFilterInput {
  search?: string | null;
  role?: string | null;
  status?: 'ACTIVE' | 'INVITED' | 'DEACTIVATED' | null;
}

export interface UserPage {
  edges: Array<{ cursor: string; node: UserRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** A new user's input, checked and normalised (no database needed). `field` prefixes paths. */
export interface CheckedNewUser {
  username: string;
  displayName: string;
  email: string | null;
  roles: string[];
  password: string | null;
}

export function checkNewUser(input: NewUserInput, field = 'input'): CheckedNewUser {
  const username = (input.username ?? '').trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw badInput(
      `${field}.username`,
      'Use 2–64 lower-case letters, digits, dots, dashes or underscores.',
    );
  }
  const displayName = parse.requiredText(`${field}.displayName`, input.displayName, 100);
  const email = checkEmail(`${field}.email`, input.email);
  const roles = checkRoles(`${field}.roles`, input.roles);
  const password = input.password ?? null;
  if (password !== null) {
    const problem = passwordProblem(password, { username });
    if (problem) throw badInput(`${field}.password`, `Password ${problem}.`);
  } else if (!email) {
    throw badInput(
      `${field}.email`,
      'Without a password the user is invited by mail: give an email address.',
    );
  }
  return { username, displayName, email, roles, password };
}

function checkEmail(field: string, value: string | null | undefined): string | null {
  const email = parse.text(field, value, 320);
  if (email !== null && !EMAIL.test(email))
    throw badInput(field, 'Enter an email address like name@example.com.');
  return email;
}

function checkRoles(field: string, value: readonly string[] | null | undefined): string[] {
  const roles = [...new Set((value ?? []).map((r) => r.trim()))];
  if (roles.length === 0) throw badInput(field, 'Give the user at least one role.');
  return roles.sort();
}

/**
 * The dealership's roles, held (FOR SHARE) until the transaction ends so none of them can be deleted
 * while being assigned; refuses names that are not in it.
 */
export async function rolesInCatalog(
  em: EntityManager,
  field: string,
  roles: readonly string[],
): Promise<RoleCatalog> {
  const catalog = await loadCatalog(em, 'share');
  const unknown = roles.filter((r) => !catalog.has(r));
  if (unknown.length) throw badInput(field, `Unknown role(s): ${unknown.join(', ')}.`);
  return catalog;
}

export interface UserAdminOptions {
  webUrl: string;
  /** Called after a transaction that queued mail committed (wakes the mail relay). */
  onMailQueued: () => void;
}

/** The fields of a user the platform audit trail shows (never a password or its hash). */
const audited = (u: UserRecord | null) =>
  u && {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    roles: [...u.roles].sort().join(', '),
    status: u.status,
  };

/** One row in the platform audit trail (audit.entries), in the transaction of the change. */
const trail = (
  em: EntityManager,
  user: UserRecord,
  action: string,
  before: UserRecord | null,
  after: UserRecord | null,
  extra: Array<{ field: string; from: string | null; to: string | null; sealed?: boolean }> = [],
) =>
  recordAudit(em, {
    source: 'auth',
    entityType: 'User',
    entityId: user.id,
    action,
    changes: [...changesOf(audited(before), audited(after)), ...extra],
  });

const subjectOf = (u: UserRecord): AuthEventSubject => ({
  dealershipId: u.dealershipId,
  userId: u.id,
  username: u.username,
});

export class UserAdmin {
  private readonly webUrl: string;

  constructor(
    private readonly db: Database,
    private readonly lockout: Lockout,
    private readonly options: UserAdminOptions,
  ) {
    this.webUrl = options.webUrl.replace(/\/$/, '');
  }

  async list(
    admin: Principal,
    args: { filter?: UserFilterInput | null; first?: number | null; after?: string | null },
  ): Promise<UserPage> {
    const first = pageSize(args.first);
    const [after] = args.after
      ? decodeCursor(args.after, 'users:username', [cursorValue.text])
      : [null];
    const search = parse.text('filter.search', args.filter?.search, 100);
    const role = parse.text('filter.role', args.filter?.role, 64);
    const status = args.filter?.status ? (args.filter.status.toLowerCase() as UserStatus) : null;
    const { rows, totalCount } = await this.db.withTenant(tenantOf(admin), (em) =>
      listUserPage(em, { search, role, status, after, limit: first + 1 }),
    );
    return {
      ...connectionOf(rows, first, (u) => encodeCursor('users:username', [u.username])),
      totalCount,
    };
  }

  async get(admin: Principal, id: string): Promise<UserRecord> {
    parse.id('id', id);
    const [user] = await this.db.withTenant(tenantOf(admin), (em) => findUsers(em, [id]));
    if (!user) throw notFound('No such user in your dealership.');
    return user;
  }

  async create(admin: Principal, input: NewUserInput, meta: RequestMeta): Promise<UserRecord> {
    const checked = checkNewUser(input);
    const passwordHash = checked.password ? await hashPassword(checked.password) : null;
    const user = await this.db.withTenant(tenantOf(admin), (em) =>
      this.insert(em, admin, checked, passwordHash, meta, 'input'),
    );
    if (!checked.password) this.options.onMailQueued();
    return user;
  }

  /**
   * Inserts one checked user (and its invitation) in the caller's transaction. Shared with the CSV
   * import, which inserts every line in one transaction.
   */
  async insert(
    em: EntityManager,
    admin: Principal,
    u: CheckedNewUser,
    passwordHash: string | null,
    meta: RequestMeta,
    field: string,
  ): Promise<UserRecord> {
    if (u.password) {
      const short = await dealershipPasswordProblem(em, admin.dealershipId, u.password);
      if (short) throw badInput(`${field}.password`, short);
    }
    const catalog = await rolesInCatalog(em, `${field}.roles`, u.roles);
    assertMayGrant(catalog, admin, u.roles, [], `${field}.roles`);
    if (await usernameTaken(em, u.username))
      throw badInput(`${field}.username`, `The username ${u.username} is taken.`);
    const user = await insertUser(em, {
      dealershipId: admin.dealershipId,
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      passwordHash,
      roles: u.roles,
      status: passwordHash ? 'active' : 'invited',
    }).catch((error: unknown) => {
      // Another request took the name between the check and the insert.
      if (error instanceof UniqueConstraintViolationException)
        throw badInput(`${field}.username`, `The username ${u.username} is taken.`);
      throw error;
    });
    await audit(em, subjectOf(user), 'user-created', meta, {
      by: admin.username,
      roles: user.roles,
      invited: !passwordHash,
    });
    await trail(em, user, 'create', null, user, passwordHash ? [SEALED_PASSWORD] : []);
    if (!passwordHash) await this.invite(em, admin, user, meta);
    return user;
  }

  private async invite(em: EntityManager, admin: Principal, user: UserRecord, meta: RequestMeta) {
    const token = newOpaqueToken(INVITATION_TTL_MS);
    await insertInvitation(em, {
      userId: user.id,
      dealershipId: user.dealershipId,
      hash: token.hash,
      expiresAt: token.expiresAt,
    });
    await queueAuthMail(em, {
      dealershipId: user.dealershipId,
      kind: 'invitation',
      to: user.email!,
      values: {
        displayName: user.displayName,
        username: user.username,
        invitedBy: admin.username,
        days: String(INVITATION_TTL_MS / 86_400_000),
        link: `${this.webUrl}/accept-invitation?token=${encodeURIComponent(token.token)}`,
      },
    });
    await audit(em, subjectOf(user), 'invitation-sent', meta, { by: admin.username });
    await trail(em, user, 'invitation-sent', null, null);
  }

  /** A fresh invitation for a user still INVITED (the old link stops working). */
  async resendInvitation(admin: Principal, id: string, meta: RequestMeta): Promise<UserRecord> {
    parse.id('id', id);
    const user = await this.db.withTenant(tenantOf(admin), async (em) => {
      const user = await this.target(em, id);
      if (user.status !== 'invited')
        throw badInput('id', 'This user has already accepted the invitation.');
      if (!user.email) throw badInput('id', 'This user has no email address.');
      await this.invite(em, admin, user, meta);
      return user;
    });
    this.options.onMailQueued();
    return user;
  }

  async update(
    admin: Principal,
    id: string,
    version: number,
    input: UserChangesInput,
    meta: RequestMeta,
  ): Promise<UserRecord> {
    parse.id('id', id);
    if (!Number.isInteger(version) || version < 1)
      throw badInput('version', 'version must be the one read.');
    const displayName =
      input.displayName === undefined || input.displayName === null
        ? undefined
        : parse.requiredText('input.displayName', input.displayName, 100);
    const email = input.email === undefined ? undefined : checkEmail('input.email', input.email);
    const roles =
      input.roles === undefined || input.roles === null
        ? undefined
        : checkRoles('input.roles', input.roles);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const user = await this.target(em, id);
      if (user.version !== version)
        throw conflict('Someone changed this user since you read it. Reload and try again.');
      const nextRoles = roles ?? user.roles;
      const catalog = await rolesInCatalog(em, 'input.roles', roles ?? []);
      assertMayGrant(catalog, admin, nextRoles, user.roles, 'input.roles');
      if (user.roles.includes(ADMIN_ROLE) && !nextRoles.includes(ADMIN_ROLE))
        await this.assertNotLastAdmin(em, user, 'input.roles');
      const nextEmail = email === undefined ? user.email : email;
      if (nextEmail === null && user.status === 'invited')
        throw badInput('input.email', 'An invited user needs an email address.');
      const ok = await updateUserRow(em, id, version, {
        displayName: displayName ?? user.displayName,
        email: nextEmail,
        emailChanged: nextEmail !== user.email,
        roles: nextRoles,
      });
      if (!ok) throw conflict('Someone changed this user since you read it. Reload and try again.');
      const changes = changedFields(user, {
        displayName: displayName ?? user.displayName,
        email: nextEmail,
        roles: nextRoles,
      });
      // New permissions (fewer or more) must not wait for a token's expiry: the user's sessions end
      // and they sign in again with tokens carrying the new ones.
      const rolesChanged = changes.includes('roles');
      const ended = rolesChanged ? await revokeUserSessions(em, id, 'roles changed') : [];
      await audit(em, subjectOf(user), 'user-updated', meta, {
        by: admin.username,
        changed: changes,
        ...(rolesChanged ? { rolesFrom: user.roles, rolesTo: nextRoles } : {}),
        sessionsEnded: ended.length,
      });
      const [updated] = await findUsers(em, [id]);
      await trail(em, user, 'update', user, updated!);
      return updated!;
    });
  }

  /** Sign-in refused and every session ended at once (tokens stop within one revocation poll). */
  async deactivate(admin: Principal, id: string, meta: RequestMeta): Promise<UserRecord> {
    parse.id('id', id);
    if (id === admin.userId) throw badInput('id', 'You cannot deactivate yourself.');
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const user = await this.target(em, id);
      if (user.status === 'deactivated') return user;
      if (user.roles.includes(ADMIN_ROLE)) await this.assertNotLastAdmin(em, user, 'id');
      await setUserStatus(em, id, 'deactivated');
      const ended = await revokeUserSessions(em, id, 'user deactivated');
      await audit(em, subjectOf(user), 'user-deactivated', meta, {
        by: admin.username,
        sessionsEnded: ended.length,
      });
      const [updated] = await findUsers(em, [id]);
      await trail(em, user, 'status:DEACTIVATED', user, updated!);
      return updated!;
    });
  }

  /** Back to ACTIVE, or to INVITED when the user never chose a password. */
  async reactivate(admin: Principal, id: string, meta: RequestMeta): Promise<UserRecord> {
    parse.id('id', id);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const user = await this.target(em, id);
      if (user.status !== 'deactivated') return user;
      assertMayGrant(await loadCatalog(em, 'share'), admin, user.roles, [], 'id');
      const rows = await em.execute<Array<{ has: boolean }>>(
        'select password_hash is not null as has from auth.users where id = ?',
        [id],
      );
      await setUserStatus(em, id, rows[0]?.has ? 'active' : 'invited');
      await audit(em, subjectOf(user), 'user-reactivated', meta, { by: admin.username });
      const [updated] = await findUsers(em, [id]);
      await trail(em, user, `status:${updated!.status.toUpperCase()}`, user, updated!);
      return updated!;
    });
  }

  /** Mails the user a reset link (30 minutes, single use), as "forgot password" would. */
  async sendPasswordReset(admin: Principal, id: string, meta: RequestMeta): Promise<boolean> {
    parse.id('id', id);
    await this.db.withTenant(tenantOf(admin), async (em) => {
      const user = await this.target(em, id);
      if (user.status !== 'active')
        throw badInput(
          'id',
          'Only an active user can reset a password (an invited one: resend the invitation).',
        );
      if (!user.email) throw badInput('id', 'This user has no email address to send the link to.');
      const token = newOpaqueToken(RESET_TTL_MS);
      await insertPasswordReset(em, {
        userId: user.id,
        dealershipId: user.dealershipId,
        hash: token.hash,
        expiresAt: token.expiresAt,
      });
      await queueAuthMail(em, {
        dealershipId: user.dealershipId,
        kind: 'password-reset',
        to: user.email,
        values: {
          displayName: user.displayName,
          username: user.username,
          minutes: String(RESET_TTL_MS / 60_000),
          link: `${this.webUrl}/reset-password?token=${encodeURIComponent(token.token)}`,
        },
      });
      await audit(em, subjectOf(user), 'password-reset-sent', meta, { by: admin.username });
      await trail(em, user, 'password-reset-sent', null, null);
    });
    this.options.onMailQueued();
    return true;
  }

  /** The invited user chooses a password with the mailed link: the account becomes ACTIVE. */
  async acceptInvitation(token: string, password: string, meta: RequestMeta): Promise<boolean> {
    const bad =
      'This invitation link is not valid, was used, or expired. Ask your administrator for a new one.';
    if (!token || token.length > 200) throw badInput('input.token', bad);
    const hash = hashOpaqueToken(token);
    const owner = await this.db.asSystem((em) => invitationOwner(em, hash));
    if (!owner) throw badInput('input.token', bad);
    const [user] = await this.db.withTenant(owner, (em) => findUsers(em, [owner.userId]));
    if (!user || user.status !== 'invited') throw badInput('input.token', bad);
    const problem = passwordProblem(password ?? '', { username: user.username });
    if (problem) throw badInput('input.password', `Password ${problem}.`);
    const short = await this.db.withTenant(owner, (em) =>
      dealershipPasswordProblem(em, owner.dealershipId, password),
    );
    if (short) throw badInput('input.password', short);
    const passwordHash = await hashPassword(password);
    await this.db.withTenant(owner, async (em) => {
      if (!(await acceptInvitationRow(em, hash, passwordHash))) throw badInput('input.token', bad);
      await audit(em, subjectOf(user), 'invitation-accepted', meta);
      const [after] = await findUsers(em, [user.id]);
      await trail(em, user, 'invitation-accepted', user, after!, [SEALED_PASSWORD]);
    });
    await this.lockout.clear(user.username);
    return true;
  }

  private async target(em: EntityManager, id: string): Promise<UserRecord> {
    const [user] = await findUsers(em, [id]);
    if (!user) throw notFound('No such user in your dealership.');
    return user;
  }

  private async assertNotLastAdmin(em: EntityManager, user: UserRecord, field: string) {
    const holders = await lockActiveHolders(em, ADMIN_ROLE);
    if (holders.length <= 1 && holders.includes(user.id))
      throw badInput(
        field,
        'This is the last active administrator: make someone else an admin first.',
      );
  }
}

/**
 * An administrator may give only permissions they hold themselves. Roles the user already had are
 * not re-checked (editing a name must not fail because someone else granted more earlier).
 */
export function assertMayGrant(
  catalog: RoleCatalog,
  admin: Principal,
  roles: readonly string[],
  alreadyHeld: readonly string[],
  field: string,
): void {
  const added = roles.filter((r) => !alreadyHeld.includes(r));
  const held = new Set(admin.permissions);
  const missing = permissionsOfRoles(catalog, added).filter((p) => !held.has(p));
  if (missing.length)
    throw forbidden(`You cannot grant permissions you do not hold: ${missing.join(', ')}.`, {
      field,
      permissions: missing,
    });
}

function changedFields(
  before: UserRecord,
  after: { displayName: string; email: string | null; roles: string[] },
): string[] {
  const changed: string[] = [];
  if (before.displayName !== after.displayName) changed.push('displayName');
  if (before.email !== after.email) changed.push('email');
  if ([...before.roles].sort().join() !== [...after.roles].sort().join()) changed.push('roles');
  return changed;
}

/** Checks a first administrator before anything is provisioned (nothing half-made on a taken name). */
export async function checkFirstAdmin(
  db: Database,
  input: { username: string; displayName: string; email: string },
): Promise<void> {
  const checked = checkNewUser({ ...input, roles: [ADMIN_ROLE] }, 'admin');
  if (await db.asSystem((em) => usernameTaken(em, checked.username)))
    throw badInput('admin.username', `The username ${checked.username} is taken.`);
}

/**
 * The first administrator of a new dealership (platform operator, `npm run dealership -- create`):
 * INVITED, with the invitation queued in auth's mail outbox (the auth service's relay sends it).
 */
export async function inviteFirstAdmin(
  db: Database,
  input: {
    dealershipId: string;
    username: string;
    displayName: string;
    email: string;
    webUrl: string;
  },
): Promise<UserRecord> {
  const checked = checkNewUser(
    {
      username: input.username,
      displayName: input.displayName,
      email: input.email,
      roles: [ADMIN_ROLE],
    },
    'admin',
  );
  const operator: Principal = {
    userId: '',
    dealershipId: input.dealershipId,
    sessionId: '',
    username: 'platform-operator',
    roles: [],
    permissions: permissionsOfRoles(BUILT_IN_CATALOG, [ADMIN_ROLE]),
  };
  const admin = new UserAdmin(db, undefined as unknown as Lockout, {
    webUrl: input.webUrl,
    onMailQueued: () => undefined,
  });
  return db.withTenant({ dealershipId: input.dealershipId }, (em) =>
    admin.insert(em, operator, checked, null, {}, 'admin'),
  );
}

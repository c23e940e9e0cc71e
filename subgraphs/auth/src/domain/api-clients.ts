// Integration clients: a third-party system (DMS, CRM, lead provider) of one dealership calling the
// graph with OAuth 2.0 client credentials (RFC 6749 §4.4). An administrator creates a client with a
// name and permissions they hold themselves; the secret is shown once and kept as SHA-256 only.
// The token's dealership and permissions come from the stored client, never from the request.
// Rotating or revoking ends the client's secrets, and with them (revocation feed) its tokens.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  badInput,
  changesOf,
  forbidden,
  isUuid,
  notFound,
  recordAudit,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import type { KeyManager } from './key-manager.ts';
import { isGrantable } from './role-catalog.ts';
import { hashOpaqueToken, issueAccessToken } from './tokens.ts';
import {
  clientCredentials,
  endClientSecrets,
  insertApiClient,
  insertClientSecret,
  listApiClients,
  lockApiClient,
  markClientRevoked,
  markClientUsed,
  type ApiClientRecord,
} from '../store/api-clients-store.ts';

/** Client tokens live 10 minutes: a client asks again, it has its secret at hand. */
export const CLIENT_TOKEN_TTL_SECONDS = 10 * 60;
export const CLIENT_ROLE = 'integration';
/** A client never manages clients: a leaked secret must not be able to mint more secrets. */
const NOT_FOR_CLIENTS = new Set(['admin.clients']);

export interface NewClientSecret {
  client: ApiClientRecord;
  clientId: string;
  clientSecret: string;
}

/** What the token endpoint answers: a token, or an RFC 6749 §5.2 error and its HTTP status. */
export type TokenOutcome =
  | { ok: true; accessToken: string; expiresIn: number; scope: string }
  | {
      ok: false;
      status: 400 | 401;
      error: 'invalid_client' | 'invalid_request';
      description: string;
    };

const newSecret = () => `acs_${randomBytes(32).toString('base64url')}`;

const audited = (c: ApiClientRecord) => ({
  name: c.name,
  permissions: [...c.permissions].sort().join(', '),
});

export class ApiClients {
  constructor(
    private readonly db: Database,
    private readonly keys: KeyManager,
  ) {}

  async list(admin: Principal, includeRevoked: boolean): Promise<ApiClientRecord[]> {
    return this.db.withTenant(tenantOf(admin), (em) => listApiClients(em, includeRevoked));
  }

  async create(
    admin: Principal,
    input: { name: string; permissions: readonly string[] },
  ): Promise<NewClientSecret> {
    refuseClients(admin);
    const name = (input.name ?? '').trim();
    if (name.length < 2 || name.length > 80)
      throw badInput('input.name', 'Name the client in 2–80 characters (e.g. "DMS sync").');
    const permissions = checkPermissions(admin, input.permissions);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const client = await insertApiClient(em, {
        id: randomUUID(),
        dealershipId: admin.dealershipId,
        name,
        permissions,
        createdBy: isUuid(admin.userId) ? admin.userId : null,
        createdByUsername: admin.username,
      });
      const clientSecret = await this.addSecret(em, client);
      await recordAudit(em, {
        source: 'auth',
        entityType: 'ApiClient',
        entityId: client.id,
        action: 'create',
        changes: [...changesOf(null, audited(client)), secretChange],
      });
      return { client, clientId: client.id, clientSecret };
    });
  }

  /** A new secret; the old one and every token issued with it stop working. */
  async rotateSecret(admin: Principal, id: string): Promise<NewClientSecret> {
    refuseClients(admin);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const client = await this.liveClient(em, id);
      await endClientSecrets(em, client.id);
      const clientSecret = await this.addSecret(em, client);
      await recordAudit(em, {
        source: 'auth',
        entityType: 'ApiClient',
        entityId: client.id,
        action: 'rotate-secret',
        changes: [secretChange],
      });
      return { client, clientId: client.id, clientSecret };
    });
  }

  /** Refuses the client's secret at once and ends its tokens (revocation feed). */
  async revoke(admin: Principal, id: string): Promise<boolean> {
    refuseClients(admin);
    return this.db.withTenant(tenantOf(admin), async (em) => {
      const client = await this.liveClient(em, id);
      await endClientSecrets(em, client.id);
      const revokedAt = await markClientRevoked(em, client.id);
      await recordAudit(em, {
        source: 'auth',
        entityType: 'ApiClient',
        entityId: client.id,
        action: 'revoke',
        changes: changesOf({ revokedAt: null }, { revokedAt }),
      });
      return true;
    });
  }

  /**
   * The client credentials grant. Every failure to authenticate is the same `invalid_client`
   * (unknown id, wrong secret, revoked), so the answer tells nothing about which it was.
   */
  async issueToken(clientId: string, clientSecret: string): Promise<TokenOutcome> {
    const refused = {
      ok: false,
      status: 401,
      error: 'invalid_client',
      description: 'Client authentication failed.',
    } as const;
    const hash = Buffer.from(hashOpaqueToken(clientSecret));
    if (!isUuid(clientId)) return refused;
    const live = await this.db.asSystem((em) => clientCredentials(em, clientId));
    const match = live.find((c) => {
      const stored = Buffer.from(c.secretHash);
      return stored.length === hash.length && timingSafeEqual(stored, hash);
    });
    if (!match) return refused;
    const permissions = match.permissions.filter((p) => isGrantable(p)).sort();
    const { token } = await issueAccessToken(
      await this.keys.signingKey(),
      {
        userId: `client:${clientId}`,
        clientId,
        dealershipId: match.dealershipId,
        sessionId: match.secretId,
        username: match.name,
        roles: [CLIENT_ROLE],
        permissions,
      },
      new Date(),
      CLIENT_TOKEN_TTL_SECONDS,
    );
    await this.db.withTenant({ dealershipId: match.dealershipId, userId: null }, async (em) => {
      await markClientUsed(em, clientId);
      await recordAudit(em, {
        source: 'auth',
        entityType: 'ApiClient',
        entityId: clientId,
        action: 'token',
        actor: { userId: null, username: match.name, clientId },
      });
    });
    return {
      ok: true,
      accessToken: token,
      expiresIn: CLIENT_TOKEN_TTL_SECONDS,
      scope: permissions.join(' '),
    };
  }

  private async liveClient(em: EntityManager, id: string): Promise<ApiClientRecord> {
    const client = isUuid(id) ? await lockApiClient(em, id) : undefined;
    if (!client) throw notFound('No such integration client in your dealership.');
    if (client.revokedAt) throw badInput('id', 'This client is revoked.');
    return client;
  }

  private async addSecret(em: EntityManager, client: ApiClientRecord): Promise<string> {
    const secret = newSecret();
    await insertClientSecret(em, {
      id: randomUUID(),
      dealershipId: client.dealershipId,
      clientId: client.id,
      hash: hashOpaqueToken(secret),
    });
    return secret;
  }
}

// The secret itself is recorded by name only.
const secretChange = { field: 'clientSecret', from: null, to: null, sealed: true };

function refuseClients(p: Principal): void {
  if (p.clientId) throw forbidden('Integration clients cannot manage integration clients.');
}

/** Known, grantable, held by the administrator, and not reserved from clients. */
function checkPermissions(admin: Principal, given: readonly string[]): string[] {
  const permissions = [...new Set((given ?? []).map((p) => p.trim()))].sort();
  if (permissions.length === 0)
    throw badInput('input.permissions', 'Give the client at least one permission.');
  const unknown = permissions.filter((p) => !isGrantable(p));
  if (unknown.length)
    throw badInput('input.permissions', `Unknown permission(s): ${unknown.join(', ')}.`, {
      unknown,
    });
  const reserved = permissions.filter((p) => NOT_FOR_CLIENTS.has(p));
  if (reserved.length)
    throw badInput('input.permissions', `Not for integration clients: ${reserved.join(', ')}.`);
  const held = new Set(admin.permissions);
  const beyond = permissions.filter((p) => !held.has(p));
  if (beyond.length)
    throw forbidden(`You cannot grant permissions you do not hold: ${beyond.join(', ')}.`, {
      field: 'input.permissions',
      permissions: beyond,
    });
  return permissions;
}

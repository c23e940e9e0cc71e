// auth.api_clients and auth.api_client_secrets. Everything runs in the administrator's tenant
// transaction (RLS-scoped) except clientCredentials, the token endpoint's lookup by client id
// before any tenant is known (SECURITY DEFINER, one client's live secrets only).
import { textArray, type EntityManager } from '@autolytiq/kit';

export interface ApiClientRecord {
  id: string;
  dealershipId: string;
  name: string;
  permissions: string[];
  createdByUsername: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface ApiClientRow {
  id: string;
  dealership_id: string;
  name: string;
  permissions: string[];
  created_by_username: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const COLUMNS =
  'id, dealership_id, name, permissions, created_by_username, created_at, last_used_at, revoked_at';

const toClient = (r: ApiClientRow): ApiClientRecord => ({
  id: r.id,
  dealershipId: r.dealership_id,
  name: r.name,
  permissions: r.permissions,
  createdByUsername: r.created_by_username,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

export async function insertApiClient(
  em: EntityManager,
  c: {
    id: string;
    dealershipId: string;
    name: string;
    permissions: string[];
    createdBy: string | null;
    createdByUsername: string;
  },
): Promise<ApiClientRecord> {
  const rows = await em.execute<ApiClientRow[]>(
    `insert into auth.api_clients (id, dealership_id, name, permissions, created_by, created_by_username)
     values (?, ?, ?, ?::text[], ?, ?) returning ${COLUMNS}`,
    [c.id, c.dealershipId, c.name, textArray(c.permissions), c.createdBy, c.createdByUsername],
  );
  return toClient(rows[0]!);
}

export async function insertClientSecret(
  em: EntityManager,
  s: { id: string; dealershipId: string; clientId: string; hash: string },
): Promise<void> {
  await em.execute(
    `insert into auth.api_client_secrets (id, dealership_id, client_id, secret_hash)
     values (?, ?, ?, ?)`,
    [s.id, s.dealershipId, s.clientId, s.hash],
  );
}

/** The dealership's clients, newest first; revoked ones only when asked. */
export async function listApiClients(
  em: EntityManager,
  includeRevoked: boolean,
): Promise<ApiClientRecord[]> {
  const rows = await em.execute<ApiClientRow[]>(
    `select ${COLUMNS} from auth.api_clients
      where (?::boolean or revoked_at is null) order by created_at desc, id`,
    [includeRevoked],
  );
  return rows.map(toClient);
}

/** One client of the tenant, locked for the change about to be made (undefined: none such). */
export async function lockApiClient(
  em: EntityManager,
  id: string,
): Promise<ApiClientRecord | undefined> {
  const rows = await em.execute<ApiClientRow[]>(
    `select ${COLUMNS} from auth.api_clients where id = ? for update`,
    [id],
  );
  return rows[0] ? toClient(rows[0]) : undefined;
}

/** Ends every live secret of the client (their tokens join the revocation feed); returns how many. */
export async function endClientSecrets(em: EntityManager, clientId: string): Promise<number> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update auth.api_client_secrets set ended_at = now()
      where client_id = ? and ended_at is null returning id`,
    [clientId],
  );
  return rows.length;
}

export async function markClientRevoked(em: EntityManager, id: string): Promise<Date> {
  const rows = await em.execute<Array<{ revoked_at: Date | string }>>(
    'update auth.api_clients set revoked_at = now() where id = ? returning revoked_at',
    [id],
  );
  return new Date(rows[0]!.revoked_at);
}

export async function markClientUsed(em: EntityManager, id: string): Promise<void> {
  await em.execute('update auth.api_clients set last_used_at = now() where id = ?', [id]);
}

export interface ClientCredential {
  secretId: string;
  secretHash: string;
  dealershipId: string;
  name: string;
  permissions: string[];
}

/** The live secrets of a client that is not revoked (any dealership: the caller has no tenant yet). */
export async function clientCredentials(
  em: EntityManager,
  clientId: string,
): Promise<ClientCredential[]> {
  const rows = await em.execute<
    Array<{
      secret_id: string;
      secret_hash: string;
      dealership_id: string;
      name: string;
      permissions: string[];
    }>
  >(
    `select secret_id, secret_hash, dealership_id, name, permissions
       from auth.api_client_credentials(?::uuid)`,
    [clientId],
  );
  return rows.map((r) => ({
    secretId: r.secret_id,
    secretHash: r.secret_hash,
    dealershipId: r.dealership_id,
    name: r.name,
    permissions: r.permissions,
  }));
}

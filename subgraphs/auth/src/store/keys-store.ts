// Signing keys in auth.signing_keys (installation-wide, not tenant-owned).
import type { EntityManager } from '@autolytiq/kit';
import type { JWK } from 'jose';
import type { StoredSigningKey } from '../domain/key-ring.ts';

interface KeyRow {
  kid: string;
  private_key_encrypted: string;
  public_jwk: JWK | string;
  created_at: Date | string;
  retired_at: Date | string | null;
}

function toKey(row: KeyRow): StoredSigningKey {
  return {
    kid: row.kid,
    privateKeyEncrypted: row.private_key_encrypted,
    publicJwk:
      typeof row.public_jwk === 'string' ? (JSON.parse(row.public_jwk) as JWK) : row.public_jwk,
    createdAt: new Date(row.created_at),
    retiredAt: row.retired_at ? new Date(row.retired_at) : null,
  };
}

export async function loadKeys(em: EntityManager): Promise<StoredSigningKey[]> {
  const rows = await em.execute<KeyRow[]>(
    'select kid, private_key_encrypted, public_jwk, created_at, retired_at from auth.signing_keys',
  );
  return rows.map(toKey);
}

/** Serializes key creation across replicas for the rest of the transaction. */
export async function lockKeys(em: EntityManager): Promise<void> {
  await em.execute("select pg_advisory_xact_lock(hashtext('autolytiq.auth.signing_keys'))");
}

export async function insertKey(em: EntityManager, key: StoredSigningKey): Promise<void> {
  await em.execute(
    'insert into auth.signing_keys (kid, private_key_encrypted, public_jwk, created_at) values (?, ?, ?::jsonb, ?)',
    [key.kid, key.privateKeyEncrypted, JSON.stringify(key.publicJwk), key.createdAt],
  );
}

export async function retireKeysExcept(em: EntityManager, kid: string, at: Date): Promise<void> {
  await em.execute(
    'update auth.signing_keys set retired_at = ? where kid <> ? and retired_at is null',
    [at, kid],
  );
}

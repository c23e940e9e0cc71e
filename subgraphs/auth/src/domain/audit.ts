// Who did what to an account, from where: every auth event goes to the append-only auth.auth_events
// with the client's address, user agent and the request id. Never a secret: details hold kinds,
// limits and counts, not passwords, codes or tokens.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@autolytiq/kit';
import { insertAuthEvent } from '../store/audit-store.ts';

/** What the request tells about the caller's client (from the router's x-client-* headers). */
export interface RequestMeta {
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

export type AuthEvent =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-in-refused'
  | 'locked-out'
  | 'unlocked'
  | 'sign-out'
  | 'session-ended'
  | 'other-sessions-ended'
  | 'mfa-challenge-failed'
  | 'mfa-enrolled'
  | 'mfa-disabled'
  | 'mfa-policy-changed'
  | 'backup-codes-regenerated'
  | 'backup-code-used'
  | 'password-reset-requested'
  | 'password-reset'
  | 'password-changed'
  | 'email-verification-sent'
  | 'email-verified'
  | 'user-created'
  | 'user-updated'
  | 'user-deactivated'
  | 'user-reactivated'
  | 'invitation-sent'
  | 'invitation-accepted'
  | 'password-reset-sent'
  | 'role-changed';

export interface AuthEventSubject {
  dealershipId: string;
  userId: string | null;
  username: string;
}

export function audit(
  em: EntityManager,
  subject: AuthEventSubject,
  event: AuthEvent,
  meta: RequestMeta,
  detail?: Record<string, unknown>,
): Promise<void> {
  return insertAuthEvent(em, {
    ...subject,
    event,
    ipAddress: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
    requestId: meta.requestId ?? null,
    detail,
  });
}

/**
 * A sign-in step for a username that exists nowhere: to auth.unknown_sign_ins (no dealership to file
 * it under), by digest, through the SECURITY DEFINER function. The caller runs it in one transaction
 * like a known user's audit row, so the answer takes as long either way.
 */
export async function auditUnknownName(
  em: EntityManager,
  name: string,
  event: 'sign-in-failed' | 'sign-in-refused',
  meta: RequestMeta,
): Promise<void> {
  const digest = createHash('sha256').update(`autolytiq-sign-in-name:${name}`).digest('hex');
  await em.execute('select auth.record_unknown_sign_in(?, ?, ?, ?, ?)', [
    digest,
    event,
    meta.ip ?? null,
    meta.userAgent ?? null,
    meta.requestId ?? null,
  ]);
}

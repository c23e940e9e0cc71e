// Service identities for internal work that has no user request at hand (the deals outbox relay).
// Not part of the GraphQL API: POST /internal/service-token, guarded by a shared secret
// (SERVICE_TOKEN_SECRET, compared in constant time). The token is a normal RS256 access token for
// `sub: "service:<name>"`, one dealership, and only the permissions that service is allowed; it
// lives 5 minutes. No human role is ever granted these permissions.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { isUuid, type Logger } from '@autolytiq/kit';
import type { Permission } from '../domain/permissions.ts';
import type { KeyManager } from '../domain/key-manager.ts';
import { issueAccessToken } from '../domain/tokens.ts';

export const SERVICE_TOKEN_TTL_SECONDS = 5 * 60;

/** What each internal service may do. */
export const SERVICE_PERMISSIONS: Record<string, readonly Permission[]> = {
  deals: ['inventory.status.write'],
  // The ml subgraph learns from the dealership's deals and each buyer's lead source (read only).
  ml: ['deals.read', 'customers.read'],
};

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readJson(req: Request): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

export function serviceTokenRoute(
  app: Express,
  keys: KeyManager,
  secret: string | undefined,
  logger: Logger,
): void {
  app.post('/internal/service-token', async (req: Request, res: Response) => {
    const given = req.header('x-service-token-secret');
    if (!secret || !given || !sameSecret(given, secret)) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJson(req);
    } catch {
      res.status(400).json({ error: 'body must be JSON: { service, dealershipId }' });
      return;
    }
    const service = typeof body.service === 'string' ? body.service : '';
    const permissions = SERVICE_PERMISSIONS[service];
    if (!permissions || !isUuid(body.dealershipId)) {
      res.status(400).json({ error: 'unknown service or invalid dealershipId' });
      return;
    }
    const now = new Date();
    const { token } = await issueAccessToken(
      await keys.signingKey(),
      {
        userId: `service:${service}`,
        dealershipId: body.dealershipId,
        sessionId: randomUUID(),
        username: `service:${service}`,
        roles: ['service'],
        permissions: [...permissions],
      },
      now,
      SERVICE_TOKEN_TTL_SECONDS,
    );
    logger.info({ service, dealershipId: body.dealershipId }, 'service token issued');
    res.json({
      accessToken: token,
      expiresAt: new Date(now.getTime() + SERVICE_TOKEN_TTL_SECONDS * 1000).toISOString(),
    });
  });
}

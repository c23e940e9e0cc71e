// POST /internal/client-token: the router's POST /auth/token (OAuth 2.0 client credentials) hands
// the client id and secret it parsed here. Only the router may call it (x-subgraph-secret), so the
// router's per-address limit stands in front of every guess. The answer is already RFC 6749 shaped;
// the router passes it on as it is.
import express, { type Express, type Request, type Response } from 'express';
import { runInRequestScope, subgraphSecretMiddleware, type Logger } from '@autolytiq/kit';
import type { ApiClients } from '../domain/api-clients.ts';

export function clientTokenRoute(
  app: Express,
  clients: ApiClients,
  subgraphSecret: string,
  logger: Logger,
): void {
  app.post(
    '/internal/client-token',
    subgraphSecretMiddleware(subgraphSecret),
    express.json({ limit: '4kb' }),
    async (req: Request, res: Response) => {
      res.setHeader('cache-control', 'no-store');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const clientId = typeof body.clientId === 'string' ? body.clientId : '';
      const clientSecret = typeof body.clientSecret === 'string' ? body.clientSecret : '';
      if (!clientId || !clientSecret) {
        res.status(400).json({
          error: 'invalid_request',
          error_description: 'client_id and client_secret are required.',
        });
        return;
      }
      const scope = {
        requestId: req.header('x-request-id') ?? undefined,
        address: req.header('x-client-ip') ?? undefined,
        userAgent: req.header('x-client-user-agent') ?? undefined,
      };
      try {
        const out = await runInRequestScope(scope, () =>
          clients.issueToken(clientId, clientSecret),
        );
        if (!out.ok) {
          logger.info({ clientId, requestId: scope.requestId }, 'client token refused');
          res.status(out.status).json({ error: out.error, error_description: out.description });
          return;
        }
        res.json({
          access_token: out.accessToken,
          token_type: 'Bearer',
          expires_in: out.expiresIn,
          scope: out.scope,
        });
      } catch (error) {
        logger.error({ err: error, requestId: scope.requestId }, 'client token failed');
        res.status(500).json({ error: 'server_error' });
      }
    },
  );
}

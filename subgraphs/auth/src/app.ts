// Assembles the auth subgraph: database, signing keys, services, server. `main.ts` runs it as a
// process; tests call startAuthSubgraph directly with their own config.
import {
  bootSubgraph,
  createLogger,
  createMailTransport,
  mailConfigSchema,
  startMailRelay,
  createTokenVerifier,
  secret,
  subgraphConfigSchema,
} from '@autolytiq/kit';
import { z } from 'zod';
import { AccountAdmin } from './domain/account-admin.ts';
import { ApiClients } from './domain/api-clients.ts';
import { SignInPolicyAdmin } from './domain/sign-in-policy.ts';
import { AuthService } from './domain/auth-service.ts';
import { secretBox } from './domain/key-crypto.ts';
import { RecoveryService } from './domain/recovery-service.ts';
import { SecondFactorService } from './domain/second-factor-service.ts';
import { SessionsService } from './domain/sessions-service.ts';
import { RoleAdmin } from './domain/role-admin.ts';
import { UserAdmin } from './domain/user-admin.ts';
import { UserImport } from './domain/user-import.ts';
import { MailTemplateAdmin } from './domain/mail-template-admin.ts';
import { KeyManager } from './domain/key-manager.ts';
import { revokedSessionsRoute } from './routes/revoked-sessions.ts';
import { serviceTokenRoute } from './routes/service-token.ts';
import { clientTokenRoute } from './routes/client-token.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

export const authConfigSchema = subgraphConfigSchema('auth').extend({
  ...mailConfigSchema.shape,
  /** The web app's address, for links in mail (reset password, verify email, unlock). */
  WEB_URL: z.url().default('http://localhost:3000'),
  /** Encrypts the private signing keys at rest. Losing it means every key must be regenerated. */
  AUTH_KEY_SECRET: secret(32),
  /** Shared with internal services (deals' outbox relay); unset = no service tokens are issued. */
  SERVICE_TOKEN_SECRET: z.string().min(32).optional(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

export function startAuthSubgraph(config: AuthConfig) {
  return bootSubgraph({
    name: 'auth',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db) => {
      const keys = await KeyManager.open(db, config.AUTH_KEY_SECRET);
      const logger = createLogger('auth', config.LOG_LEVEL);
      const mail = startMailRelay({
        db,
        schema: 'auth',
        transport: createMailTransport({ smtpUrl: config.SMTP_URL, dataDir: config.DATA_DIR }),
        from: config.MAIL_FROM,
        logger,
      });
      const auth = new AuthService(db, keys, {
        webUrl: config.WEB_URL,
        onMailQueued: () => mail.notify(),
      });
      const apiClients = new ApiClients(db, keys);
      const userAdmin = new UserAdmin(db, auth.lockout, {
        webUrl: config.WEB_URL,
        onMailQueued: () => mail.notify(),
      });
      return {
        services: { keys, db, mail, apiClients },
        resolvers: createResolvers({
          db,
          auth,
          sessions: new SessionsService(db),
          accounts: new AccountAdmin(db, auth.lockout),
          secondFactor: new SecondFactorService(db, secretBox(config.AUTH_KEY_SECRET), auth),
          recovery: new RecoveryService(db, auth, config.WEB_URL, () => mail.notify()),
          roleAdmin: new RoleAdmin(db),
          apiClients,
          signInPolicy: new SignInPolicyAdmin(db),
          mailTemplates: new MailTemplateAdmin(db),
          userAdmin,
          userImport: new UserImport(db, userAdmin, () => mail.notify()),
        }),
        // The auth subgraph verifies against its own key table rather than fetching its own JWKS.
        verifyToken: createTokenVerifier(keys.getKey),
      };
    },
    stop: ({ mail }) => mail.stop(),
    routes:
      ({ keys, db, apiClients }) =>
      (app) => {
        app.get('/.well-known/jwks.json', (_req, res) => {
          res.setHeader('cache-control', 'public, max-age=300');
          res.json(keys.jwks());
        });
        revokedSessionsRoute(
          app,
          db,
          config.SUBGRAPH_SECRET,
          createLogger('auth', config.LOG_LEVEL),
          config.AUTH_REVOCATIONS_SECRET,
        );
        serviceTokenRoute(
          app,
          keys,
          config.SERVICE_TOKEN_SECRET,
          createLogger('auth', config.LOG_LEVEL),
        );
        clientTokenRoute(
          app,
          apiClients,
          config.SUBGRAPH_SECRET,
          createLogger('auth', config.LOG_LEVEL),
        );
      },
  });
}

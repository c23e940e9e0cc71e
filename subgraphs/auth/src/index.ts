// Public entry points of the auth subgraph package (used by tools: the runner and the demo seed).
export { startAuthSubgraph, authConfigSchema, type AuthConfig } from './app.ts';
export { createUser, resetUserPassword, type CreateUserInput } from './domain/users.ts';
export { loginCandidate } from './store/users-store.ts';
export { BUILT_IN_ROLES, PERMISSIONS, permissionsOf } from './domain/permissions.ts';
export { migrations } from './migrations/index.ts';
export { KeyManager } from './domain/key-manager.ts';
export { issueAccessToken } from './domain/tokens.ts';
export { setDealershipName } from './domain/mail-templates.ts';
export { checkFirstAdmin, inviteFirstAdmin } from './domain/user-admin.ts';

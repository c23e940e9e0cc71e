// The light half of the kit: what the router and tools need without the database and server stack
// (importing MikroORM and Apollo Server costs seconds of start-up a router does not need).
export * from './subgraphs.ts';
export * from './errors.ts';
export * from './unavailable.ts';
export * from './format-error.ts';
export * from './config.ts';
export * from './logger.ts';
export * from './tokens.ts';
export * from './token-cache.ts';
export * from './authz.ts';
export * from './ids.ts';
export * from './operation-check.ts';
export * from './input-screen.ts';
export * from './revocations.ts';
export * from './connection.ts';
export * as parse from './input.ts';

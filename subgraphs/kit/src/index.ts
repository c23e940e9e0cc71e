export * from './core.ts';
export * from './context.ts';
export * from './metrics.ts';
export * from './http-guards.ts';
export * from './server.ts';
export * from './subgraph-config.ts';
export * from './db/index.ts';
export * from './scalars.ts';

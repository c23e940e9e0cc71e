// Configuration from the environment, and the process entry (start, refuse bad config, SIGTERM).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@autolytiq/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, routerConfigFromEnv } from '../src/config.ts';
import {
  composeSupergraphFile,
  startJwks,
  startSubgraph,
  ACCOUNTS_SDL,
  type FakeSubgraph,
  type Jwks,
} from './support.ts';

const graphs = [
  { name: 'auth', url: 'http://composed/auth' }, // in kit's SUBGRAPHS list: default port 4001
  { name: 'widgets', url: 'http://127.0.0.1:4999/graphql' }, // not in the list: URL from the supergraph
];
const secrets = { SUBGRAPH_AUTH_SECRET: 'a'.repeat(16), SUBGRAPH_WIDGETS_SECRET: 'w'.repeat(16) };

describe('routerConfigFromEnv', () => {
  it('has documented defaults', () => {
    const config = routerConfigFromEnv(secrets, graphs);
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      jwksUrl: 'http://127.0.0.1:4001/.well-known/jwks.json',
      introspection: true,
      explorer: true,
      limits: DEFAULT_LIMITS,
      queryPlanCacheMiB: 30,
      development: false,
      logLevel: 'info',
      subgraphs: {
        auth: { url: 'http://127.0.0.1:4001/graphql', secret: 'a'.repeat(16) },
        widgets: { url: 'http://127.0.0.1:4999/graphql', secret: 'w'.repeat(16) },
      },
    });
    expect(config.supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
  });

  it('reads every variable', () => {
    const config = routerConfigFromEnv(
      {
        ...secrets,
        PORT: '5000',
        HOST: '0.0.0.0',
        AUTH_JWKS_URL: 'http://auth:4001/jwks',
        SUBGRAPH_AUTH_URL: 'http://auth:4001/graphql',
        ROUTER_INTROSPECTION: 'false',
        ROUTER_EXPLORER: '0',
        ROUTER_MAX_DEPTH: '7',
        ROUTER_MAX_ALIASES: '0',
        ROUTER_MAX_COST: '500',
        ROUTER_DEFAULT_LIST_SIZE: '20',
        NODE_ENV: 'development',
        LOG_LEVEL: 'debug',
      },
      graphs,
    );
    expect(config).toMatchObject({
      port: 5000,
      host: '0.0.0.0',
      jwksUrl: 'http://auth:4001/jwks',
      introspection: false,
      explorer: false,
      limits: { maxDepth: 7, maxAliases: 0, maxCost: 500, defaultListSize: 20 },
      development: true,
      logLevel: 'debug',
    });
    expect(config.subgraphs.auth!.url).toBe('http://auth:4001/graphql');
  });

  it('names each missing or invalid variable', () => {
    try {
      routerConfigFromEnv(
        { SUBGRAPH_AUTH_SECRET: 'short', ROUTER_MAX_DEPTH: 'deep', AUTH_JWKS_URL: 'nope' },
        graphs,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variables.sort()).toEqual(
        [
          'AUTH_JWKS_URL',
          'ROUTER_MAX_DEPTH',
          'SUBGRAPH_AUTH_SECRET',
          'SUBGRAPH_WIDGETS_SECRET',
        ].sort(),
      );
    }
  });
});

describe('main.ts', () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  let accounts: FakeSubgraph;
  let jwks: Jwks;
  let supergraphPath: string;
  beforeAll(async () => {
    accounts = await startSubgraph('accounts', ACCOUNTS_SDL, { Query: { ping: () => 'pong' } });
    jwks = await startJwks();
    supergraphPath = composeSupergraphFile([accounts]);
  });
  afterAll(async () => {
    await accounts?.stop();
    await jwks?.stop();
  });

  const run = (env: Record<string, string>) =>
    spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        PATH: process.env.PATH,
        SUPERGRAPH_PATH: supergraphPath,
        AUTH_JWKS_URL: jwks.url,
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('exits 78 naming a missing subgraph secret', async () => {
    const child = run({});
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(stderr).toContain('SUBGRAPH_ACCOUNTS_SECRET');
  });

  it('serves, then stops cleanly on SIGTERM', async () => {
    const child = run({
      PORT: '0',
      SUBGRAPH_ACCOUNTS_URL: accounts.url,
      SUBGRAPH_ACCOUNTS_SECRET: accounts.secret,
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /"url":"([^"]+)"/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}`)));
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ ping }"}',
    });
    expect(await res.json()).toEqual({ data: { ping: 'pong' } });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout).toContain('router stopped');
  });
});

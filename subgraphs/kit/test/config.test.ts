import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, subgraphConfigSchema } from '../src/index.ts';

describe('loadConfig', () => {
  const schema = subgraphConfigSchema(4100);

  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      SUBGRAPH_SECRET: 'x'.repeat(16),
      PORT: '4555',
    });
    expect(config).toMatchObject({
      PORT: 4555,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing or invalid variable', () => {
    try {
      loadConfig(schema, { SUBGRAPH_SECRET: 'short', PORT: 'eighty' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variables.sort()).toEqual([
        'DATABASE_URL',
        'PORT',
        'SUBGRAPH_SECRET',
      ]);
      expect((error as Error).message).toMatch(/SUBGRAPH_SECRET: must be at least 16 characters/);
    }
  });
});

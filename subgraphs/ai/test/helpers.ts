// Test support: principals, a recording GraphClient (the tools' one dependency, answering per
// operation name like the router would) and an assistant wired to the real database and the real
// ChatOpenAI talking to the scripted OpenAI-compatible server.
import { randomUUID } from 'node:crypto';
import type { Database, Principal } from '@autolytiq/kit';
import { AssistantService, DEFAULT_LIMITS, type AssistantLimits } from '../src/domain/assistant.ts';
import { GraphError, type Caller, type GraphClient } from '../src/domain/graph.ts';
import { createChatModel } from '../src/domain/model.ts';
import { TOOLS } from '../src/domain/tools/index.ts';
import type { KnowledgeSearch } from '../src/domain/tools/types.ts';

export function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    userId: randomUUID(),
    dealershipId: randomUUID(),
    sessionId: randomUUID(),
    username: 'sam',
    roles: ['salesperson'],
    permissions: ['ai.chat', 'deals.read', 'inventory.read', 'customers.read', 'calc.use'],
    timezone: 'America/Chicago',
    ...overrides,
  };
}

export interface GraphCall {
  operation: string;
  variables: Record<string, unknown>;
  caller: Caller;
}

/** Answers by operation name; a handler may throw GraphError (e.g. FORBIDDEN) as the router would. */
export function recordingGraph(
  handlers: Record<string, (variables: Record<string, unknown>) => unknown>,
): GraphClient & { calls: GraphCall[] } {
  const calls: GraphCall[] = [];
  return {
    calls,
    async request<T>(caller: Caller, query: string, variables: object = {}): Promise<T> {
      const operation = /query (\w+)/.exec(query)?.[1] ?? 'anonymous';
      calls.push({ operation, variables: variables as Record<string, unknown>, caller });
      const handler = handlers[operation];
      if (!handler) throw new GraphError('INTERNAL', `no handler for ${operation}`);
      return handler(variables as Record<string, unknown>) as T;
    },
  };
}

export function assistantWith(
  db: Database,
  graph: GraphClient,
  baseUrl: string | null,
  limits: Partial<AssistantLimits> = {},
  knowledge?: KnowledgeSearch,
): AssistantService {
  const model = baseUrl
    ? createChatModel({ baseUrl, apiKey: 'test-key', model: 'scripted', maxTokens: 256 })
    : null;
  return new AssistantService(db, graph, model, TOOLS, { ...DEFAULT_LIMITS, ...limits }, knowledge);
}

export const forbidden = (permission: string) => () => {
  throw new GraphError('FORBIDDEN', `This requires permission ${permission}.`);
};

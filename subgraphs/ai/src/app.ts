// Assembles the ai subgraph (the dealership assistant). `main.ts` runs it as a process.
import { bootSubgraph, subgraphConfigSchema } from '@autolytiq/kit';
import { z } from 'zod';
import { AssistantService, DEFAULT_LIMITS } from './domain/assistant.ts';
import { ConversationService } from './domain/conversation-service.ts';
import { createGraphClient } from './domain/graph.ts';
import { DocumentService } from './domain/knowledge/documents.ts';
import { createEmbedder } from './domain/knowledge/embedder.ts';
import { KnowledgeRetriever } from './domain/knowledge/retriever.ts';
import { indexTaxRules } from './domain/knowledge/tax-index.ts';
import { createChatModel } from './domain/model.ts';
import { TOOLS } from './domain/tools/index.ts';
import { migrations } from './migrations/index.ts';
import { createResolvers } from './resolvers/index.ts';

const int = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

export const aiConfigSchema = subgraphConfigSchema('ai').extend({
  /** The router (base URL): the assistant's tools ask its /graphql, as the caller. */
  ROUTER_URL: z.url().default('http://127.0.0.1:4000'),
  /** An OpenAI-compatible endpoint (…/v1). Unset together with OPENAI_API_KEY = no model. */
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Optional: an embeddings model at the same endpoint for the knowledge retriever. */
  AI_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  /** Tokens one model call may write. */
  AI_MAX_OUTPUT_TOKENS: int(16, 1024),
  AI_MAX_TOKENS_PER_TURN: int(100, DEFAULT_LIMITS.maxTokensPerTurn),
  AI_MAX_TOOL_CALLS: int(0, DEFAULT_LIMITS.maxToolCalls),
  AI_TURN_TIMEOUT_MS: int(100, DEFAULT_LIMITS.timeoutMs),
  AI_REQUESTS_PER_MINUTE: int(1, DEFAULT_LIMITS.requestsPerMinute),
});
export type AiConfig = z.infer<typeof aiConfigSchema>;

export function startAiSubgraph(config: AiConfig) {
  return bootSubgraph({
    name: 'ai',
    config,
    schemaUrl: new URL('../schema.graphql', import.meta.url),
    migrations,
    setup: async (db, { logger }) => {
      const model = createChatModel({
        baseUrl: config.OPENAI_BASE_URL,
        apiKey: config.OPENAI_API_KEY,
        model: config.AI_MODEL,
        maxTokens: config.AI_MAX_OUTPUT_TOKENS,
      });
      if (!model) {
        logger.warn('no OPENAI_BASE_URL or OPENAI_API_KEY: the assistant answers without a model');
      }
      const embedder = createEmbedder({
        baseUrl: config.OPENAI_BASE_URL,
        apiKey: config.OPENAI_API_KEY,
        model: config.AI_EMBEDDINGS_MODEL,
      });
      if (await indexTaxRules(db, new Date().toISOString().slice(0, 10))) {
        logger.info("indexed calc's tax rules for the assistant");
      }
      const knowledge = new KnowledgeRetriever(db, embedder);
      const warn = (message: string, details: Record<string, unknown>) =>
        logger.warn(details, message);
      const graph = createGraphClient(`${config.ROUTER_URL.replace(/\/+$/, '')}/graphql`);
      const assistant = new AssistantService(
        db,
        graph,
        model,
        TOOLS,
        {
          ...DEFAULT_LIMITS,
          maxToolCalls: config.AI_MAX_TOOL_CALLS,
          maxTokensPerTurn: config.AI_MAX_TOKENS_PER_TURN,
          timeoutMs: config.AI_TURN_TIMEOUT_MS,
          requestsPerMinute: config.AI_REQUESTS_PER_MINUTE,
        },
        knowledge,
        warn,
      );
      const services = {
        assistant,
        conversations: new ConversationService(db),
        documents: new DocumentService(db, embedder, warn),
        knowledge,
      };
      return { services, resolvers: createResolvers(services) };
    },
  });
}

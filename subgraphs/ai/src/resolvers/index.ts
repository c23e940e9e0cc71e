// Thin resolvers: each field is one call into the domain, as the caller (their token for the tools).
import { requirePrincipal, requireToken, type RequestContext } from '@autolytiq/kit';
import { parse } from '@autolytiq/kit/core';
import type { AssistantService, AskInput, TurnCaller } from '../domain/assistant.ts';
import type { ConversationService } from '../domain/conversation-service.ts';
import type { DocumentService, UploadInput } from '../domain/knowledge/documents.ts';
import type { KnowledgeSearch } from '../domain/knowledge/types.ts';
import type { AssistantEventRecord, ConversationWithMessages } from '../domain/records.ts';
import { turnEvents } from '../domain/stream.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';

export interface AiServices {
  assistant: AssistantService;
  conversations: ConversationService;
  documents: DocumentService;
  knowledge: KnowledgeSearch;
}

function callerOf(ctx: RequestContext): TurnCaller {
  return { principal: requirePrincipal(ctx), token: requireToken(ctx), requestId: ctx.requestId };
}

const EVENT_TYPE = {
  token: 'AssistantToken',
  tool: 'AssistantToolCall',
  done: 'AssistantDone',
} as const;

const MAX_SEARCH_HITS = 20;

export function createResolvers({
  assistant,
  conversations,
  documents,
  knowledge,
}: AiServices): Resolvers {
  return {
    Query: {
      conversations: (_p, args, ctx) =>
        conversations.list(requirePrincipal(ctx), args.first, args.after),
      conversation: (_p, args, ctx) => conversations.get(requirePrincipal(ctx), args.id),
      assistantStatus: () => ({
        modelConfigured: assistant.modelName !== null,
        model: assistant.modelName,
      }),
      assistantDocuments: (_p, _a, ctx) => documents.list(requirePrincipal(ctx)),
      knowledgeSearch: async (_p, args, ctx) => {
        const query = parse.requiredText('query', args.query, 300);
        const first = parse.wholeNumber('first', args.first ?? 5, MAX_SEARCH_HITS, 1) ?? 5;
        const hits = await knowledge.search(requirePrincipal(ctx), query, first);
        return hits.map(({ documentId, title, snippet, url }) => ({
          documentId,
          title,
          snippet,
          url,
        }));
      },
    },
    Mutation: {
      askAssistant: (_p, args, ctx) => assistant.ask(callerOf(ctx), args.input as AskInput),
      uploadAssistantDocument: (_p, args, ctx) =>
        documents.upload(requirePrincipal(ctx), args.input as UploadInput),
      deleteAssistantDocument: (_p, args, ctx) => documents.remove(requirePrincipal(ctx), args.id),
    },
    Subscription: {
      assistantChat: {
        subscribe: (_p, args, ctx) => {
          const who = callerOf(ctx);
          return turnEvents((emit, signal) =>
            assistant.ask(who, args.input as AskInput, emit, signal),
          ) as never;
        },
        resolve: (event: AssistantEventRecord) => event as never,
      },
    },
    AssistantConversation: {
      messages: (c, _a, ctx) =>
        'messages' in c
          ? (c as ConversationWithMessages).messages
          : conversations.messages(requirePrincipal(ctx), c.id),
    },
    AssistantEvent: {
      __resolveType: (event) => EVENT_TYPE[(event as unknown as AssistantEventRecord).kind],
    },
  };
}

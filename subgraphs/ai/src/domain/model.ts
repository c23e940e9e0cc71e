// The language model: any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, llama.cpp
// server, Ollama) through LangChain's ChatOpenAI (its Chat Completions form, which every such
// server speaks). Always streamed with `.stream()`: `invoke()` with streaming on fetches tokenizer
// files from the internet and stalls offline. Without OPENAI_BASE_URL/OPENAI_API_KEY there is no
// model, and the assistant says so rather than inventing an answer.
import { ChatOpenAICompletions } from '@langchain/openai';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { AssistantTool } from './tools/index.ts';

export interface ModelToolCall {
  id: string;
  name: string;
  args: unknown;
}

export interface ModelStep {
  text: string;
  toolCalls: ModelToolCall[];
  /** Tokens the endpoint reported for this call (0 when it reports none). */
  tokens: number;
}

export interface ChatModel {
  readonly name: string;
  /** One model call; `onToken` gets the text as it streams. */
  step(
    messages: BaseMessage[],
    tools: readonly AssistantTool[],
    onToken: (text: string) => void,
    signal: AbortSignal,
  ): Promise<ModelStep>;
}

export interface ModelSettings {
  baseUrl?: string;
  apiKey?: string;
  model: string;
  maxTokens: number;
}

function toolSpec(tool: AssistantTool) {
  return {
    type: 'function' as const,
    function: {
      name: tool.name,
      description: tool.description,
      parameters: z.toJSONSchema(tool.args, { target: 'draft-7', io: 'input' }),
    },
  };
}

/** The configured model, or null when no endpoint is configured. */
export function createChatModel(settings: ModelSettings): ChatModel | null {
  if (!settings.baseUrl && !settings.apiKey) return null;
  const llm = new ChatOpenAICompletions({
    model: settings.model,
    apiKey: settings.apiKey ?? 'not-needed',
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
    streaming: true,
    streamUsage: true,
    maxTokens: settings.maxTokens,
    temperature: 0,
    // A reused keep-alive connection the server just closed fails at once (ECONNRESET): retry
    // that. The turn's own deadline (AI_TURN_TIMEOUT_MS) still bounds every attempt together.
    maxRetries: 2,
  });
  return {
    name: settings.model,
    async step(messages, tools, onToken, signal) {
      const bound = tools.length > 0 ? llm.bindTools(tools.map(toolSpec)) : llm;
      let acc: AIMessageChunk | undefined;
      for await (const chunk of await bound.stream(messages, { signal })) {
        const text = typeof chunk.content === 'string' ? chunk.content : '';
        if (text) onToken(text);
        acc = acc ? acc.concat(chunk) : chunk;
      }
      const text = typeof acc?.content === 'string' ? acc.content : '';
      return {
        text,
        toolCalls: (acc?.tool_calls ?? []).map((c, i) => ({
          id: c.id ?? `call_${i}`,
          name: c.name,
          args: c.args,
        })),
        tokens: acc?.usage_metadata?.total_tokens ?? 0,
      };
    },
  };
}

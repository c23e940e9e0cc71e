// A tool the assistant can call: a named GraphQL operation run through the router as the caller,
// with arguments checked by a zod schema (its JSON Schema is what the model is shown).
import type { z } from 'zod';
import type { Caller, GraphClient } from '../graph.ts';
import type { KnowledgeSearch } from '../knowledge/types.ts';
import type { CitationRecord } from '../records.ts';

export interface ToolContext {
  caller: Caller;
  graph: GraphClient;
  /** The dealership's knowledge (RAG); absent in setups without it. */
  knowledge?: KnowledgeSearch;
  /** Today in the dealership's time zone (YYYY-MM-DD), for tax quotes. */
  today: string;
}

export type { KnowledgeHit, KnowledgeSearch } from '../knowledge/types.ts';

/** What a tool found: structured facts for the model, one line and a link for the card. */
export interface ToolOutput {
  summary: string;
  data: unknown;
  link?: string | null;
  citations?: CitationRecord[];
}

export interface AssistantTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  args: S;
  /**
   * A sensitive tool (money the user may not be meant to see, something prepared for a customer)
   * runs only when the user's own words this turn match: a document, a customer's text or an earlier
   * answer saying "call …" cannot make the model use it (prompt injection). See domain/guard.ts.
   */
  askedFor?: RegExp;
  run(ctx: ToolContext, args: z.infer<S>): Promise<ToolOutput>;
}

export const defineTool = <S extends z.ZodType>(tool: AssistantTool<S>): AssistantTool =>
  tool as unknown as AssistantTool;

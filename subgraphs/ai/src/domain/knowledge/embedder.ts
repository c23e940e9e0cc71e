// Embeddings from the configured OpenAI-compatible endpoint (AI_EMBEDDINGS_MODEL), for re-ranking
// retrieved passages by meaning. Optional: without it retrieval is lexical only (there is no
// pgvector here, so vectors are stored as real[] and compared in the process).
import { OpenAIEmbeddings } from '@langchain/openai';

export interface Embedder {
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

export function createEmbedder(settings: {
  baseUrl?: string;
  apiKey?: string;
  model?: string;
}): Embedder | null {
  if (!settings.model || (!settings.baseUrl && !settings.apiKey)) return null;
  const client = new OpenAIEmbeddings({
    model: settings.model,
    apiKey: settings.apiKey ?? 'not-needed',
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
    batchSize: 64,
    maxRetries: 2,
  });
  return {
    model: settings.model,
    embed: (texts) => client.embedDocuments([...texts]),
  };
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

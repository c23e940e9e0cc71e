// What the retriever returns, and the one interface every retrieval goes through.

export interface KnowledgeHit {
  documentId: string;
  title: string;
  snippet: string;
  /** The whole passage (what the model reads). */
  text: string;
  /** Where it is from, when it is a public source (the tax rules' statute or DOR page). */
  url: string | null;
}

/** The one retriever interface (domain/knowledge/retriever.ts): the caller's dealership only. */
export interface KnowledgeSearch {
  search(who: { dealershipId: string }, query: string, limit: number): Promise<KnowledgeHit[]>;
}

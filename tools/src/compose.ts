// Builds schema/supergraph.graphql from every listed subgraph's schema.graphql with Apollo's
// composition library. `npm run compose` writes it; tests/composition.test.ts fails when the
// committed file differs or composition reports errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, defaultSubgraphUrl } from '@autolytiq/kit';

// The repository's root, also when this file runs compiled from dist/<hash>/tools/src (build.ts).
export const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(
  /dist\/[0-9a-f]{16}\/$/,
  '',
);
export const SUPERGRAPH_PATH = `${ROOT}schema/supergraph.graphql`;

export function subgraphSdl(name: string): string {
  return readFileSync(`${ROOT}subgraphs/${name}/schema.graphql`, 'utf8');
}

export interface CompositionResult {
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

export function composeSupergraph(): CompositionResult {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: defaultSubgraphUrl(s),
      typeDefs: parse(subgraphSdl(s.name)),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message), hints: [] };
  return {
    supergraphSdl: result.supergraphSdl,
    errors: [],
    hints: result.hints.map((h) => h.toString()),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { supergraphSdl, errors, hints } = composeSupergraph();
  for (const hint of hints) console.warn(`hint: ${hint}`);
  if (errors.length || !supergraphSdl) {
    for (const error of errors) console.error(`error: ${error}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.log(`wrote ${SUPERGRAPH_PATH} (${SUBGRAPHS.map((s) => s.name).join(', ')})`);
}

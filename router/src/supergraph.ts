// The static supergraph: read once at start. The gateway plans queries from its SDL; the router also
// builds a plain GraphQLSchema from the SAME SDL for authorization, because the gateway's API schema
// (toAPISchema) strips our composed @public/@signedIn/@hasPermission directives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, buildASTSchema, parse, type DocumentNode, type GraphQLSchema } from 'graphql';

/** Where `npm run compose` writes the supergraph, relative to this file. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);

export interface SupergraphGraph {
  /** The subgraph's name as composed (`auth`); the join__Graph enum value is its upper-case form. */
  name: string;
  /** The URL recorded at composition time; the router's configuration overrides it. */
  url: string;
}

export interface Supergraph {
  sdl: string;
  graphs: SupergraphGraph[];
  /** Full supergraph schema, directives included, for the router's authorization check. */
  authzSchema: GraphQLSchema;
}

export function loadSupergraph(path: string): Supergraph {
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the supergraph at ${path} (SUPERGRAPH_PATH); run \`npm run compose\`.`,
      {
        cause: error,
      },
    );
  }
  return parseSupergraph(sdl);
}

export function parseSupergraph(sdl: string): Supergraph {
  const document = parse(sdl);
  // assumeValidSDL: the supergraph uses @link/@join__* machinery that only the gateway interprets.
  const authzSchema = buildASTSchema(document, { assumeValidSDL: true });
  return { sdl, graphs: supergraphGraphs(document), authzSchema };
}

/** Subgraphs listed in the `join__Graph` enum: `AUTH @join__graph(name: "auth", url: "...")`. */
export function supergraphGraphs(document: DocumentNode): SupergraphGraph[] {
  const graphs: SupergraphGraph[] = [];
  for (const def of document.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => {
        const node = directive?.arguments?.find((a) => a.name.value === name)?.value;
        return node?.kind === Kind.STRING ? node.value : undefined;
      };
      graphs.push({ name: arg('name') ?? value.name.value.toLowerCase(), url: arg('url') ?? '' });
    }
  }
  return graphs;
}

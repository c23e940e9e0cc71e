// The committed supergraph and generated resolver types must match their sources, composition must
// succeed, and every entry point of every subgraph must say who may call it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import { parse, visit, type FieldDefinitionNode } from 'graphql';
import { SUBGRAPHS } from '@autolytiq/kit';
import codegenConfig from '../codegen.ts';
import { ROOT, SUPERGRAPH_PATH, composeSupergraph, subgraphSdl } from '@autolytiq/tools/compose.ts';

describe('composition', () => {
  it('composes without errors', () => {
    const result = composeSupergraph();
    expect(result.errors).toEqual([]);
    expect(result.supergraphSdl).toBeTruthy();
  });

  it('schema/supergraph.graphql is up to date (run `npm run compose`)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph().supergraphSdl);
  });

  it('keeps the authorization directives in the supergraph', () => {
    const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(sdl).toContain(
      'directive @hasPermission(permission: String!) repeatable on FIELD_DEFINITION | OBJECT',
    );
    expect(sdl).toMatch(
      /users: \[User!\]! @join__field\(graph: AUTH\) @hasPermission\(permission: "admin.users"\)|users: \[User!\]!.*@hasPermission/,
    );
  });
});

describe('authorization coverage', () => {
  for (const { name } of SUBGRAPHS) {
    it(`every Query/Mutation/Subscription field of ${name} carries @public, @signedIn or @hasPermission`, () => {
      const missing: string[] = [];
      visit(parse(subgraphSdl(name)), {
        ObjectTypeDefinition(node) {
          if (!['Query', 'Mutation', 'Subscription'].includes(node.name.value)) return;
          for (const field of node.fields ?? ([] as FieldDefinitionNode[])) {
            const ok = field.directives?.some((d) =>
              ['public', 'signedIn', 'hasPermission'].includes(d.name.value),
            );
            if (!ok) missing.push(`${node.name.value}.${field.name.value}`);
          }
        },
      });
      expect(missing).toEqual([]);
    });
  }
});

describe('generated code', () => {
  it('resolver types and the web app hooks are up to date (run `npm run codegen`)', async () => {
    const outputs = await generate({ ...codegenConfig, cwd: ROOT, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.map((o: { filename: string }) => o.filename)).toContain(
      'web/src/generated/graphql.ts',
    );
    for (const output of outputs) {
      const committed = readFileSync(`${ROOT}${output.filename}`, 'utf8');
      expect(committed, output.filename).toBe(output.content);
    }
  });
});

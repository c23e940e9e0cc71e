// Breaking-change report for the public graph: the committed supergraph against the one of a
// previous commit (default HEAD~1). Prints every breaking and dangerous change; fails only when a
// field or type is removed without having been marked @deprecated first (deprecate, ship, then
// remove). `tsx tools/src/schema-changes.ts [REV]`; .ci/run prints it on every build.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  BreakingChangeType,
  buildASTSchema,
  findBreakingChanges,
  findDangerousChanges,
  isInterfaceType,
  isObjectType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { ROOT, SUPERGRAPH_PATH } from './compose.ts';

const schemaOf = (sdl: string) => buildASTSchema(parse(sdl), { assumeValidSDL: true });

/** Whether `Type.field` was deprecated in `schema` (a removal it announced). */
function wasDeprecated(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
  const type = schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return false;
  return Boolean(type.getFields()[fieldName]?.deprecationReason);
}

export interface SchemaReport {
  breaking: string[];
  dangerous: string[];
  /** Breaking removals that were not deprecated first: these fail the build. */
  unannounced: string[];
}

export function compareSchemas(beforeSdl: string, afterSdl: string): SchemaReport {
  const before = schemaOf(beforeSdl);
  const after = schemaOf(afterSdl);
  const breaking = findBreakingChanges(before, after);
  const unannounced = breaking
    .filter((c) => {
      if (c.type === BreakingChangeType.TYPE_REMOVED) return true;
      if (c.type !== BreakingChangeType.FIELD_REMOVED) return false;
      const [typeName, fieldName] = c.description.split(' ')[0]!.split('.') as [string, string];
      return !wasDeprecated(before, typeName, fieldName);
    })
    .map((c) => c.description);
  return {
    breaking: breaking.map((c) => `${c.type}: ${c.description}`),
    dangerous: findDangerousChanges(before, after).map((c) => `${c.type}: ${c.description}`),
    unannounced,
  };
}

function previousSupergraph(rev: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${rev}:schema/supergraph.graphql`], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

if (process.argv[1]?.endsWith('schema-changes.ts')) {
  const rev = process.argv[2] ?? 'HEAD~1';
  const before = previousSupergraph(rev);
  if (before === undefined) {
    console.log(`schema changes: no supergraph at ${rev} to compare with`);
  } else {
    const report = compareSchemas(before, readFileSync(SUPERGRAPH_PATH, 'utf8'));
    console.log(
      `schema changes since ${rev}: ${report.breaking.length} breaking, ${report.dangerous.length} dangerous`,
    );
    for (const line of report.breaking) console.log(`  breaking   ${line}`);
    for (const line of report.dangerous) console.log(`  dangerous  ${line}`);
    if (report.unannounced.length > 0) {
      console.error('Removed without being @deprecated first:');
      for (const line of report.unannounced) console.error(`  ${line}`);
      process.exit(1);
    }
  }
}

// Breaking-change report for the public graph: the committed supergraph against the one main had
// before the submission (see `baseRevision`: not HEAD~1, or a submission of two commits — deprecate,
// then remove — would pass). Prints every breaking and dangerous change; fails only when a field or
// type is removed without having been marked @deprecated first (deprecate, ship, then remove).
// `tsx tools/src/schema-changes.ts [REV]`; .ci/run prints it on every build.
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

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export interface BaseRevision {
  rev: string;
  why: string;
}

/**
 * What main had before the submission, first found of:
 * 1. `CI_BASE_REV` (the runner names the last landed commit it checked);
 * 2. on a branch other than main: its merge base with main (everything the branch adds);
 * 3. on main: `main@{1}`, main before its last move (a fast-forward landing the submission), when
 *    that is an ancestor of HEAD;
 * 4. HEAD~1 (a fresh clone knows nothing better).
 */
export function baseRevision(cwd = ROOT, env: NodeJS.ProcessEnv = process.env): BaseRevision {
  const given = env.CI_BASE_REV?.trim();
  if (given) return { rev: given, why: 'CI_BASE_REV' };
  const head = git(cwd, ['rev-parse', 'HEAD']);
  const main = git(cwd, ['rev-parse', '--verify', '-q', 'refs/heads/main']);
  if (head && main && head !== main) {
    const base = git(cwd, ['merge-base', 'HEAD', 'main']);
    if (base && base !== head) return { rev: base, why: 'merge base with main' };
  }
  if (head && main && head === main) {
    const before = git(cwd, ['rev-parse', '--verify', '-q', 'main@{1}']);
    const ancestor =
      before !== undefined &&
      before !== head &&
      git(cwd, ['merge-base', '--is-ancestor', before, 'HEAD']) !== undefined;
    if (ancestor) return { rev: before, why: 'main before its last landing (main@{1})' };
  }
  return { rev: 'HEAD~1', why: 'previous commit' };
}

export function supergraphAt(rev: string, cwd = ROOT): string | undefined {
  const sdl = git(cwd, ['show', `${rev}:schema/supergraph.graphql`]);
  return sdl === undefined ? undefined : `${sdl}\n`;
}

if (process.argv[1]?.endsWith('schema-changes.ts')) {
  const { rev, why } = process.argv[2] ? { rev: process.argv[2], why: 'given' } : baseRevision();
  const before = supergraphAt(rev);
  if (before === undefined) {
    console.log(`schema changes: no supergraph at ${rev} to compare with`);
  } else {
    const report = compareSchemas(before, readFileSync(SUPERGRAPH_PATH, 'utf8'));
    console.log(
      `schema changes since ${rev} (${why}): ${report.breaking.length} breaking, ${report.dangerous.length} dangerous`,
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

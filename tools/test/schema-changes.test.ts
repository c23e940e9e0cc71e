import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseRevision, compareSchemas, supergraphAt } from '../src/schema-changes.ts';

const base = `type Query { deal(id: ID!): Deal }
type Deal { id: ID! residualPercent: String @deprecated(reason: "use residualRate") note: String }`;

describe('schema changes', () => {
  it('lets a deprecated field go and reports it as breaking', () => {
    const r = compareSchemas(
      base,
      `type Query { deal(id: ID!): Deal } type Deal { id: ID! note: String }`,
    );
    expect(r.breaking.join('\n')).toContain('Deal.residualPercent');
    expect(r.unannounced).toEqual([]);
  });

  it('refuses a field removed without deprecation', () => {
    const r = compareSchemas(
      base,
      `type Query { deal(id: ID!): Deal }
type Deal { id: ID! residualPercent: String @deprecated(reason: "x") }`,
    );
    expect(r.unannounced).toEqual(['Deal.note was removed.']);
  });

  it('reports an added optional argument as nothing and a new enum value as dangerous', () => {
    const r = compareSchemas(
      `type Query { a: E } enum E { X }`,
      `type Query { a(x: Int): E } enum E { X Y }`,
    );
    expect(r.breaking).toEqual([]);
    expect(r.dangerous.join('\n')).toContain('Y');
  });
});

describe('the base a submission is compared with', () => {
  // A real repository: main with one supergraph, then a submission of two commits that deprecates
  // a field and removes it. Against HEAD~1 the removal looks announced; against main's state before
  // the submission it is not.
  const dir = mkdtempSync(join(tmpdir(), 'schema-base-'));
  const run = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const commit = (sdl: string, message: string) => {
    writeFileSync(join(dir, 'schema/supergraph.graphql'), sdl);
    run('add', '-A');
    run('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', message);
    return run('rev-parse', 'HEAD').trim();
  };
  const noteGone = `type Query { deal(id: ID!): Deal } type Deal { id: ID! }`;
  let landedBefore = '';

  beforeAll(() => {
    mkdirSync(join(dir, 'schema'));
    run('init', '-q', '-b', 'main');
    landedBefore = commit(
      `type Query { deal(id: ID!): Deal } type Deal { id: ID! note: String }`,
      'base',
    );
    run('checkout', '-q', '-b', 'h-x');
    commit(
      `type Query { deal(id: ID!): Deal } type Deal { id: ID! note: String @deprecated(reason: "x") }`,
      'deprecate',
    );
    commit(noteGone, 'remove');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is CI_BASE_REV when the runner names one', () => {
    expect(baseRevision(dir, { CI_BASE_REV: 'abc123' })).toEqual({
      rev: 'abc123',
      why: 'CI_BASE_REV',
    });
  });

  it('is the merge base with main on a submission branch, so a two-commit removal fails', () => {
    const base = baseRevision(dir, {});
    expect(base.rev).toBe(landedBefore);
    expect(compareSchemas(supergraphAt('HEAD~1', dir)!, noteGone).unannounced).toEqual([]);
    expect(compareSchemas(supergraphAt(base.rev, dir)!, noteGone).unannounced).toEqual([
      'Deal.note was removed.',
    ]);
  });

  it('is main before its last fast-forward when checked on main after landing', () => {
    run('checkout', '-q', 'main');
    run('merge', '-q', '--ff-only', 'h-x');
    expect(baseRevision(dir, {})).toEqual({
      rev: landedBefore,
      why: 'main before its last landing (main@{1})',
    });
  });
});

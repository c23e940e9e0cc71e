import { describe, expect, it } from 'vitest';
import { compareSchemas } from '../src/schema-changes.ts';

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

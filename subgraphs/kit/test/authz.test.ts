import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { SignJWT, generateKeyPair } from 'jose';
import {
  AUTHZ_LINK_SDL,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  assertOperationAccess,
  createTokenVerifier,
  type Principal,
} from '../src/index.ts';

const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
      ${AUTHZ_LINK_SDL}
      type Query {
        open: String @public
        me: User @signedIn
        team: [User!]! @signedIn
        mine: Secret @signedIn
        gross: Int @hasPermission(permission: "deals.gross.read")
        forgotten: String
      }
      type User @signedIn { id: ID!, secret: Secret }
      type Mutation { enrollTotp: String @signedIn }
      type Secret @key(fields: "id") @signedIn {
        id: ID!
        note: String @hasPermission(permission: "customers.pii.read")
      }
    `),
    resolvers: {},
  },
]);

const sales: Principal = {
  userId: 'u',
  dealershipId: 'd',
  sessionId: 's',
  username: 'sales',
  roles: ['salesperson'],
  permissions: ['deals.read'],
};

function check(query: string, principal?: Principal) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  return () => assertOperationAccess(schema, document, operation as never, principal);
}

describe('assertOperationAccess', () => {
  it('lets anyone read @public fields', () => {
    expect(check('{ open }')).not.toThrow();
  });

  it('refuses anonymous callers on @signedIn fields with UNAUTHENTICATED', () => {
    expect(check('{ mine { id } }')).toThrow(/signed in to read Query.mine/);
  });

  it('refuses a missing permission with FORBIDDEN naming the field', () => {
    try {
      check('{ gross }', sales)();
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: 'Query.gross',
        requiredPermissions: ['deals.gross.read'],
      });
    }
  });

  it('checks fields inside fragments and entity inline fragments', () => {
    expect(check('query { mine { ...F } } fragment F on Secret { note }', sales)).toThrow(
      /Secret.note/,
    );
    expect(
      check(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Secret { note } } }',
        sales,
      ),
    ).toThrow(/Secret.note/);
    expect(
      check(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Secret { id } } }',
        sales,
      ),
    ).not.toThrow();
  });

  it('refuses root fields that declare no rule', () => {
    expect(check('{ forgotten }', sales)).toThrow(/declares no access rule/);
  });

  it('applies a type-level directive to fields returning that type', () => {
    const anonymousEntity = check(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Secret { id } } }',
    );
    expect(anonymousEntity).toThrow(/signed in/);
  });
});

describe('assertOperationAccess on a document seen before', () => {
  // Servers parse a query text once and hand the same document to every request: the checks the
  // first request worked out must still judge each later caller by their own permissions.
  it('judges each caller afresh', () => {
    const document = parse('query Q { mine { id note } gross }');
    const operation = document.definitions[0] as never;
    const manager = { ...sales, permissions: ['deals.gross.read', 'customers.pii.read'] };
    const run = (p?: Principal) => () => assertOperationAccess(schema, document, operation, p);
    expect(run(manager)).not.toThrow();
    expect(run(sales)).toThrow(/Secret.note requires permission customers.pii.read/);
    expect(run(undefined)).toThrow(/signed in to read Query.mine/);
    expect(run(manager)).not.toThrow();
    const forgotten = parse('{ open forgotten }');
    const op = forgotten.definitions[0] as never;
    expect(() => assertOperationAccess(schema, forgotten, op, manager)).toThrow(/declares no/);
    expect(() => assertOperationAccess(schema, forgotten, op, manager)).toThrow(/declares no/);
  });
});

describe('a limited sign-in (second-factor enrollment only)', () => {
  const enrolling: Principal = {
    ...sales,
    roles: [],
    permissions: [],
    limitedTo: 'second-factor-enrollment',
  };
  const full: Principal = { ...enrolling, limitedTo: undefined };

  it('reaches its own account fields only; other @signedIn fields are FORBIDDEN naming the field', () => {
    expect(check('{ me { id } }', enrolling)).not.toThrow();
    expect(check('mutation { enrollTotp }', enrolling)).not.toThrow();
    expect(check('{ open }', enrolling)).not.toThrow();
    for (const [query, field] of [
      ['{ team { id } }', 'Query.team'],
      ['{ mine { id } }', 'Query.mine'],
      ['{ me { secret { id } } }', 'Secret.id'],
      ['query { me { id } ...F } fragment F on Query { team { id } }', 'Query.team'],
    ] as const) {
      // The same permissions without the limit may read it: the limit is what refuses.
      expect(check(query, full)).not.toThrow();
      try {
        check(query, enrolling)();
        expect.unreachable(query);
      } catch (error) {
        expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({
          code: 'FORBIDDEN',
          field,
          limitedTo: 'second-factor-enrollment',
        });
      }
    }
  });

  it('comes from the token claim, and a limit the kit does not know is refused', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const verify = createTokenVerifier(async () => publicKey);
    const token = (claims: Record<string, unknown>) =>
      new SignJWT({
        dealershipId: 'd',
        sessionId: 's',
        username: 'gus',
        roles: [],
        permissions: [],
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('u')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setExpirationTime('5m')
        .sign(privateKey);
    expect(await verify(await token({ limitedTo: 'second-factor-enrollment' }))).toMatchObject({
      limitedTo: 'second-factor-enrollment',
    });
    expect((await verify(await token({}))).limitedTo).toBeUndefined();
    await expect(verify(await token({ limitedTo: 'something-else' }))).rejects.toThrow(
      /Invalid access token/,
    );
  });
});

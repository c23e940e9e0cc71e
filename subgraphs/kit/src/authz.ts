// The project's own authorization directives (docs/platform-contract.md). Apollo's @authenticated /
// @requiresScopes are refused by @apollo/gateway, so ours are linked from our own spec URL and kept in
// the supergraph with @composeDirective. The same functions read them in a subgraph schema and in the
// supergraph SDL, so the router and the subgraphs enforce one rule.
import {
  TypeInfo,
  getNamedType,
  isObjectType,
  isInterfaceType,
  visit,
  visitWithTypeInfo,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { AppError } from './errors.ts';
import type { Principal, SignInLimit } from './tokens.ts';

export const AUTHZ_SPEC_URL = 'https://specs.autolytiq.dev/authz/v0.1';

/** SDL every subgraph puts at the top of its schema.graphql (with its own @link to federation). */
export const AUTHZ_LINK_SDL = `
extend schema
  @link(url: "${AUTHZ_SPEC_URL}", import: ["@public", "@signedIn", "@hasPermission"])
  @composeDirective(name: "@public")
  @composeDirective(name: "@signedIn")
  @composeDirective(name: "@hasPermission")

directive @public on FIELD_DEFINITION | OBJECT
directive @signedIn on FIELD_DEFINITION | OBJECT
directive @hasPermission(permission: String!) repeatable on FIELD_DEFINITION | OBJECT
`;

export interface AccessRule {
  signedIn: boolean;
  permissions: string[];
  /** True when the field (or its type) is marked @public and nothing stricter applies. */
  declaredPublic: boolean;
  /** True when no directive applies at all. */
  undeclared: boolean;
}

function readDirectives(nodes: ReadonlyArray<DirectiveNode> | undefined, into: AccessRule): void {
  for (const d of nodes ?? []) {
    const name = d.name.value;
    if (name === 'public') into.declaredPublic = true;
    else if (name === 'signedIn') into.signedIn = true;
    else if (name === 'hasPermission') {
      into.signedIn = true;
      const arg = d.arguments?.find((a) => a.name.value === 'permission');
      if (arg?.value.kind === 'StringValue') into.permissions.push(arg.value.value);
    }
  }
}

function typeDirectives(type: GraphQLNamedType | null | undefined): DirectiveNode[] {
  if (!type) return [];
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  return nodes.flatMap((n) => (n && 'directives' in n ? [...(n.directives ?? [])] : []));
}

/** The rule for one field: its own directives + its parent type's + its return type's. */
export function accessRuleFor(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
): AccessRule {
  const rule: AccessRule = {
    signedIn: false,
    permissions: [],
    declaredPublic: false,
    undeclared: false,
  };
  readDirectives(field.astNode?.directives, rule);
  readDirectives(typeDirectives(parent), rule);
  readDirectives(typeDirectives(getNamedType(field.type)), rule);
  rule.undeclared = !rule.declaredPublic && !rule.signedIn;
  return rule;
}

/** Throws UNAUTHENTICATED / FORBIDDEN (naming the field) when the caller may not see the field. */
export function assertAccess(
  rule: AccessRule,
  principal: Principal | undefined,
  fieldPath: string,
): void {
  if (!rule.signedIn) return;
  if (!principal) {
    throw new AppError('UNAUTHENTICATED', `You must be signed in to read ${fieldPath}.`, {
      details: { field: fieldPath },
    });
  }
  const missing = rule.permissions.filter((p) => !principal.permissions.includes(p));
  if (missing.length > 0) {
    throw new AppError('FORBIDDEN', `${fieldPath} requires permission ${missing.join(', ')}.`, {
      details: { field: fieldPath, requiredPermissions: missing },
    });
  }
}

/**
 * What a limited sign-in (token claim `limitedTo`) may reach: these root fields, and below them
 * fields of these types. Every other field with a rule is refused, so an enrollment-only token
 * cannot read the team, deals, customers or presence although its directives say only @signedIn.
 */
export const LIMITED_SIGN_IN_ACCESS: Record<
  SignInLimit,
  { rootFields: ReadonlySet<string>; types: ReadonlySet<string> }
> = {
  'second-factor-enrollment': {
    rootFields: new Set([
      'Query.me',
      'Query.mySecondFactor',
      'Query.mySessions',
      'Query.secondFactorRequiredRoles',
      'Mutation.enrollTotp',
      'Mutation.confirmTotp',
      'Mutation.logout',
      'Mutation.endSession',
      'Mutation.endOtherSessions',
    ]),
    types: new Set(['User', 'Session', 'SecondFactorStatus', 'TotpEnrollment']),
  },
};

function assertWithinLimit(principal: Principal, check: FieldCheck): void {
  const limit = principal.limitedTo;
  if (!limit || !check.rule.signedIn) return;
  const allowed = LIMITED_SIGN_IN_ACCESS[limit];
  const parent = check.path.slice(0, check.path.indexOf('.'));
  if (check.root ? allowed.rootFields.has(check.path) : allowed.types.has(parent)) return;
  throw new AppError(
    'FORBIDDEN',
    `This sign-in is only good for setting up two-step sign-in; ${check.path} needs a full sign-in.`,
    { details: { field: check.path, limitedTo: limit } },
  );
}

/** One field an operation selects that someone could be refused, in document order. */
interface FieldCheck {
  rule: AccessRule;
  path: string;
  /** A field of Query, Mutation or Subscription. */
  root: boolean;
  /** A root field that declares no rule: refused whoever asks. */
  undeclaredRoot: boolean;
}

// What to check depends only on the schema and the parsed document, not on the caller, and a
// server parses a given query text once: the walk over the document is done once per document
// (a TypeInfo visit cost ≈ 40 µs a request), and each request only compares permissions.
const checksCache = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<OperationDefinitionNode | undefined, FieldCheck[]>>
>();

/**
 * Checks every field an operation selects (including fields inside fragments and `_entities`
 * inline fragments) before anything runs. Root fields with no directive are refused: every entry
 * point must say who may call it.
 */
export function assertOperationAccess(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  principal: Principal | undefined,
): void {
  let byDocument = checksCache.get(schema);
  if (!byDocument) checksCache.set(schema, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  let checks = byOperation.get(operation);
  if (!checks) byOperation.set(operation, (checks = operationChecks(schema, document, operation)));
  for (const check of checks) {
    if (check.undeclaredRoot) {
      throw new AppError('FORBIDDEN', `${check.path} declares no access rule and is refused.`, {
        details: { field: check.path },
      });
    }
    assertAccess(check.rule, principal, check.path);
    if (principal?.limitedTo) assertWithinLimit(principal, check);
  }
}

function operationChecks(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
): FieldCheck[] {
  const checks: FieldCheck[] = [];
  const typeInfo = new TypeInfo(schema);
  const rootTypes = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter(Boolean)
      .map((t) => t!.name),
  );
  const checkNodes = operation
    ? [operation, ...document.definitions.filter((d) => d.kind === 'FragmentDefinition')]
    : document.definitions;
  for (const def of checkNodes) {
    visit(
      def,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || node.name.value.startsWith('__')) return;
          if (!isObjectType(parent) && !isInterfaceType(parent)) return;
          const rule = accessRuleFor(parent, field);
          const path = `${parent.name}.${field.name}`;
          const root = rootTypes.has(parent.name);
          const undeclaredRoot = rule.undeclared && root && !isFederationRoot(field.name);
          // A field open to everyone can never be refused: nothing to check per request.
          if (undeclaredRoot || rule.signedIn) checks.push({ rule, path, root, undeclaredRoot });
        },
      }),
    );
  }
  return checks;
}

// `_entities` and `_service` are guarded by the router's per-subgraph secret, not by a directive.
function isFederationRoot(name: string): boolean {
  return name === '_entities' || name === '_service';
}

// Writes docs/permissions.md from the permission catalog (subgraphs/auth/src/domain/permissions.ts).
// `npx tsx tools/src/permissions-doc.ts` regenerates it; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_ROLES, PERMISSIONS } from '@autolytiq/auth';
import { ROOT } from './compose.ts';

export const PERMISSIONS_DOC = `${ROOT}docs/permissions.md`;

export function permissionsDoc(): string {
  const roles = BUILT_IN_ROLES.map((r) => r.name);
  const lines = [
    '# Permissions and built-in roles',
    '',
    'Generated from `subgraphs/auth/src/domain/permissions.ts` by `npx tsx tools/src/permissions-doc.ts`.',
    'A field of the graph that needs a permission says so with `@hasPermission(permission: "…")`.',
    '',
    `| permission | what it allows | ${roles.join(' | ')} |`,
    `|---|---|${roles.map(() => '---').join('|')}|`,
  ];
  for (const [permission, description] of Object.entries(PERMISSIONS)) {
    const marks = BUILT_IN_ROLES.map((r) =>
      (r.permissions as readonly string[]).includes(permission) ? 'yes' : '',
    );
    lines.push(`| \`${permission}\` | ${description} | ${marks.join(' | ')} |`);
  }
  lines.push('', '## Roles', '');
  for (const role of BUILT_IN_ROLES) lines.push(`- **${role.name}**: ${role.description}`);
  lines.push(
    '',
    '## Custom roles',
    '',
    'The built-in roles above are system roles: not editable, not deletable. A dealership adds its own',
    '(`createRole`, `updateRole`, `deleteRole`; `admin.users`), each with permissions from this catalog',
    '(except those reserved for internal services) and roles it inherits from, built-in or custom.',
    'Inheritance is transitive; a cycle is refused. An administrator grants only permissions they hold.',
    'A change to a role ends the sessions of everyone holding it or a role inheriting it, so tokens',
    'carry the new effective permissions within seconds (`roles` shows own and effective permissions).',
  );
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(PERMISSIONS_DOC, permissionsDoc());
  console.log(`wrote ${PERMISSIONS_DOC}`);
}

// The permission catalog and the built-in roles. This file is the one place the list lives;
// docs/permissions.md is written from it and a test keeps the two in step.

export const PERMISSIONS = {
  'deals.read': 'See deals, scenarios and their numbers.',
  'deals.write': 'Create and edit deals; submit them for approval.',
  'deals.approve': 'Approve or reject submitted deals.',
  'deals.approve.low_gross': 'Approve deals whose front gross is below the dealership threshold.',
  'deals.gross.read': 'See front and back gross profit.',
  'deals.finance': 'Mark deals contracted (lender, contract number, date) and delivered (F&I).',
  'customers.read': 'See customers and their activity.',
  'customers.write': 'Create, edit and merge customers; import leads.',
  'customers.pii.read':
    'Reveal full SSN and dates of birth (credit applications, customer records); audited.',
  'inventory.read': 'See vehicles.',
  'inventory.write': 'Add, edit and import vehicles.',
  'inventory.status.write':
    'Set a vehicle on hold / sold / available for a deal (internal: the deals service only).',
  'calc.use': 'Use the tax and payment calculators.',
  'calc.rates.write': "Load and override the dealership's local tax rates.",
  'admin.users': "Manage the dealership's users and their roles.",
  'admin.settings': "Change the dealership's settings.",
  'admin.clients':
    'Create and revoke integration clients (API access for DMS, CRM and lead systems).',
  'audit.read': 'Read the audit log.',
  'ai.chat': 'Use the assistant.',
  'ai.documents.manage':
    "Upload and delete the dealership's documents the assistant searches (policies, lender guidelines); audited.",
  'ml.read': 'See recommendations and scores.',
  'ml.admin': 'Reset and tune the learning engines.',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: readonly Permission[];
}

/** Held only by internal services (see service-tokens.ts), never by a role. */
export const SERVICE_ONLY: readonly Permission[] = ['inventory.status.write'];

const ALL = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => !SERVICE_ONLY.includes(p));

export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  { name: 'admin', description: 'Runs the dealership account: everything.', permissions: ALL },
  {
    name: 'manager',
    description: 'Sales / desk manager: desks and approves deals, sees gross.',
    permissions: [
      'deals.read',
      'deals.write',
      'deals.approve',
      'deals.approve.low_gross',
      'deals.gross.read',
      'deals.finance',
      'customers.read',
      'customers.write',
      'inventory.read',
      'inventory.write',
      'calc.use',
      'audit.read',
      'ai.chat',
      'ai.documents.manage',
      'ml.read',
    ],
  },
  {
    name: 'finance',
    description: 'F&I manager: structures financing, prints contracts, sees credit data.',
    permissions: [
      'deals.read',
      'deals.write',
      'deals.gross.read',
      'deals.finance',
      'customers.read',
      'customers.write',
      'customers.pii.read',
      'inventory.read',
      'calc.use',
      'ai.chat',
      'ml.read',
    ],
  },
  {
    name: 'salesperson',
    description: 'Works customers and desks deals; cannot approve or see gross.',
    permissions: [
      'deals.read',
      'deals.write',
      'customers.read',
      'customers.write',
      'inventory.read',
      'calc.use',
      'ai.chat',
      'ml.read',
    ],
  },
];

const ROLE_BY_NAME = new Map(BUILT_IN_ROLES.map((r) => [r.name, r]));

export function isRole(name: string): boolean {
  return ROLE_BY_NAME.has(name);
}

/** The union of the roles' permissions, sorted so tokens are stable. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_BY_NAME.get(role)?.permissions ?? []) set.add(p);
  return [...set].sort();
}

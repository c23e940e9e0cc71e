// CSV import of users (admin.users): `username,displayName,email,roles` (roles separated by ";" or
// "|"; headers in any order and case). The whole file is checked before anything is written — every
// line with the rules of createUser, names repeated within the file, the dealership's roles, what
// the administrator may grant, usernames taken on the platform — and every bad line is reported.
// With no error the users are created INVITED, each mailed an invitation, in one transaction: all
// of them or none. A dealership's staff fits in one file; larger files are refused.
import {
  AppError,
  badInput,
  parseCsv,
  tenantOf,
  type Database,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import type { RequestMeta } from './audit.ts';
import {
  assertMayGrant,
  checkNewUser,
  rolesInCatalog,
  type CheckedNewUser,
  type UserAdmin,
} from './user-admin.ts';
import { usernameTaken } from '../store/user-admin-store.ts';
import type { UserRecord } from '../store/users-store.ts';

export const MAX_USER_IMPORT_LINES = 500;
const COLUMNS = ['username', 'displayname', 'email', 'roles'] as const;

export interface UserImportError {
  /** Line of the file (the header is line 1). */
  line: number;
  field: string;
  message: string;
}

export interface UserImportResult {
  lines: number;
  created: number;
  errors: UserImportError[];
  users: UserRecord[];
}

interface Line {
  line: number;
  user: CheckedNewUser;
}

/** The rows as createUser input, or the file-level problem (no header, too many lines). */
function readFile(csv: string): Array<{ line: number; cells: Record<string, string> }> {
  let table: string[][];
  try {
    table = parseCsv(csv ?? '');
  } catch {
    throw badInput('csv', 'The file has a quote that is never closed.');
  }
  const header = (table[0] ?? []).map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[^a-z]/g, ''),
  );
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw badInput(
      'csv',
      `The first line must name the columns username, displayName, email, roles (missing: ${missing.join(', ')}).`,
    );
  if (table.length - 1 > MAX_USER_IMPORT_LINES)
    throw badInput('csv', `At most ${MAX_USER_IMPORT_LINES} users per file.`);
  if (table.length < 2) throw badInput('csv', 'The file has no users after the header line.');
  return table.slice(1).map((row, i) => ({
    line: i + 2,
    cells: Object.fromEntries(COLUMNS.map((c) => [c, (row[header.indexOf(c)] ?? '').trim()])),
  }));
}

/** A refusal naming a field as a line error ("row.email" → "email"); anything else is rethrown. */
function lineError(line: number, error: unknown): UserImportError {
  const field = error instanceof AppError ? error.extensions.field : undefined;
  if (typeof field !== 'string') throw error;
  return { line, field: field.replace(/^row\./, ''), message: (error as AppError).message };
}

/** Checks that need nothing but the line itself, and names repeated within the file. */
function checkLines(rows: ReturnType<typeof readFile>) {
  const errors: UserImportError[] = [];
  const lines: Line[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    try {
      const user = checkNewUser(
        {
          username: cells.username!,
          displayName: cells.displayname!,
          email: cells.email || null,
          roles: cells.roles!.split(/[;|]/).filter((r) => r.trim()),
        },
        'row',
      );
      const first = seen.get(user.username);
      if (first)
        errors.push({ line, field: 'username', message: `Also on line ${first} of the file.` });
      else seen.set(user.username, line);
      lines.push({ line, user });
    } catch (error) {
      errors.push(lineError(line, error));
    }
  }
  return { lines, errors };
}

export class UserImport {
  constructor(
    private readonly db: Database,
    private readonly users: UserAdmin,
    private readonly onMailQueued: () => void,
  ) {}

  async run(
    admin: Principal,
    csv: string,
    dryRun: boolean,
    meta: RequestMeta,
  ): Promise<UserImportResult> {
    const rows = readFile(csv);
    const { lines, errors } = checkLines(rows);
    const result = await this.db.withTenant(tenantOf(admin), async (em) => {
      errors.push(...(await this.checkAgainstDealership(em, admin, lines)));
      if (errors.length > 0 || dryRun) return { users: [] as UserRecord[] };
      const users: UserRecord[] = [];
      for (const { line, user } of lines)
        users.push(await this.users.insert(em, admin, user, null, meta, `line ${line}`));
      return { users };
    });
    if (result.users.length) this.onMailQueued();
    errors.sort((a, b) => a.line - b.line);
    return { lines: rows.length, created: result.users.length, errors, users: result.users };
  }

  /** Roles the dealership has and the administrator may give; usernames nobody has yet. */
  private async checkAgainstDealership(
    em: EntityManager,
    admin: Principal,
    lines: readonly Line[],
  ): Promise<UserImportError[]> {
    const errors: UserImportError[] = [];
    const catalog = await rolesInCatalog(em, 'roles', []);
    for (const { line, user } of lines) {
      const unknown = user.roles.filter((r) => !catalog.has(r));
      if (unknown.length) {
        errors.push({ line, field: 'roles', message: `Unknown role(s): ${unknown.join(', ')}.` });
        continue;
      }
      try {
        assertMayGrant(catalog, admin, user.roles, [], 'roles');
      } catch (error) {
        errors.push(lineError(line, error));
      }
      if (await usernameTaken(em, user.username))
        errors.push({
          line,
          field: 'username',
          message: `The username ${user.username} is taken.`,
        });
    }
    return errors;
  }
}

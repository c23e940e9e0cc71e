// Users as the graph sees them, and creating them (seed, admin screens).
import { badInput, type EntityManager } from '@autolytiq/kit';
import { insertUser, setPassword, type UserRecord } from '../store/users-store.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { isRole } from './permissions.ts';

/** What User resolvers receive: a full record, or a bare reference from another subgraph. */
export type UserParent = UserRecord;

const USERNAME = /^[a-z0-9._-]{2,64}$/;

export interface CreateUserInput {
  dealershipId: string;
  username: string;
  displayName: string;
  email?: string | null;
  password: string;
  roles: string[];
}

export async function createUser(em: EntityManager, input: CreateUserInput): Promise<UserRecord> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw badInput('username', 'Use 2–64 letters, digits, dots, dashes or underscores.');
  }
  const problem = passwordProblem(input.password, { username });
  if (problem) throw badInput('password', `Password ${problem}.`);
  const unknown = input.roles.filter((r) => !isRole(r));
  if (unknown.length) throw badInput('roles', `Unknown role(s): ${unknown.join(', ')}.`);
  return insertUser(em, {
    dealershipId: input.dealershipId,
    username,
    displayName: input.displayName.trim() || username,
    email: input.email ?? null,
    passwordHash: await hashPassword(input.password),
    roles: input.roles,
  });
}

export async function resetUserPassword(
  em: EntityManager,
  userId: string,
  password: string,
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw badInput('password', `Password ${problem}.`);
  await setPassword(em, userId, await hashPassword(password));
}

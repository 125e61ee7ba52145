/**
 * The users who may sign in, in `ROOT/.dossier/users.json`: names and scrypt hashes, nothing else.
 * `dossier user add` and `dossier user remove` manage the file; the server only reads it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashPassword, verifyPassword } from './passwords.js';

export interface UserRecord {
  readonly name: string;
  readonly hash: string;
  readonly added: string;
}

/** Who may sign in. */
export interface UserDirectory {
  /** The user's name when name and password match, else null. Takes as long either way. */
  authenticate(name: string, password: string): Promise<string | null>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Whether a string may be a user name. */
export function isUserName(name: string): boolean {
  return NAME.test(name);
}

/** The users file of a corpus root. */
export function usersFile(root: string): string {
  return path.join(root, '.dossier', 'users.json');
}

export async function readUsers(file: string): Promise<UserRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const data = JSON.parse(text) as { users?: unknown };
  if (!Array.isArray(data.users)) throw new TypeError(`${file} is not a dossier users file`);
  return (data.users as UserRecord[]).filter((user) => typeof user.name === 'string' && typeof user.hash === 'string');
}

async function writeUsers(file: string, users: readonly UserRecord[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Adds a user, or changes the password of one who exists. */
export async function addUser(file: string, name: string, password: string): Promise<'added' | 'changed'> {
  if (!isUserName(name)) throw new TypeError(`"${name}" cannot be a user name: letters, digits, ".", "_", "@" and "-"`);
  const users = await readUsers(file);
  const existing = users.some((user) => user.name === name);
  const record = { name, hash: await hashPassword(password), added: new Date().toISOString() };
  await writeUsers(file, [...users.filter((user) => user.name !== name), record]);
  return existing ? 'changed' : 'added';
}

/** Removes a user; false when there was none by that name. */
export async function removeUser(file: string, name: string): Promise<boolean> {
  const users = await readUsers(file);
  if (!users.some((user) => user.name === name)) return false;
  await writeUsers(file, users.filter((user) => user.name !== name));
  return true;
}

/** A directory over a list of users (read from the file at start, or given by tests). */
export function userDirectory(users: readonly UserRecord[]): UserDirectory {
  const byName = new Map(users.map((user) => [user.name, user]));
  // A hash to check against when the name is unknown, so that timing does not tell names apart.
  const decoy = hashPassword('decoy password that matches nothing');
  return {
    async authenticate(name, password) {
      const user = byName.get(name);
      const ok = await verifyPassword(password, user?.hash ?? (await decoy));
      return ok && user !== undefined ? user.name : null;
    },
  };
}

/**
 * The users who may sign in, in `ROOT/.dossier/users.json`: names and scrypt hashes, nothing else.
 * `dossier user add` and `dossier user remove` manage the file; the server only reads it.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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
  /**
   * What a session was granted on: it changes when the user's password does, and is null once
   * the user is removed, so that sessions can end then.
   */
  credentials(name: string): string | null;
  /** Takes in changes to where the users are kept (the users file); nothing for a fixed list. */
  refresh(): Promise<void>;
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

/** Users from a list, which the users file may replace. */
class ListedUsers implements UserDirectory {
  private byName = new Map<string, UserRecord>();
  // A hash to check against when the name is unknown, so that timing does not tell names apart.
  private readonly decoy = hashPassword('decoy password that matches nothing');

  constructor(users: readonly UserRecord[]) {
    this.replace(users);
  }

  replace(users: readonly UserRecord[]): void {
    this.byName = new Map(users.map((user) => [user.name, user]));
  }

  async authenticate(name: string, password: string): Promise<string | null> {
    const user = this.byName.get(name);
    const ok = await verifyPassword(password, user?.hash ?? (await this.decoy));
    return ok && user !== undefined ? user.name : null;
  }

  credentials(name: string): string | null {
    return this.byName.get(name)?.hash ?? null;
  }

  async refresh(): Promise<void> {}
}

/** A directory over a fixed list of users (given by tests). */
export function userDirectory(users: readonly UserRecord[]): UserDirectory {
  return new ListedUsers(users);
}

/**
 * The users of a users file, read again whenever the file changes (it is replaced by
 * `dossier user`, so its inode changes too): removing a user or changing a password takes effect
 * at once. A file that cannot be read lets nobody in.
 */
export function usersFileDirectory(file: string): UserDirectory {
  const directory = new ListedUsers([]);
  let seen: string | null = null;
  return {
    authenticate: (name, password) => directory.authenticate(name, password),
    credentials: (name) => directory.credentials(name),
    async refresh() {
      const signature = await stat(file).then(
        (info) => `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`,
        () => 'missing',
      );
      if (signature === seen) return;
      seen = signature;
      try {
        directory.replace(await readUsers(file));
      } catch (error) {
        directory.replace([]);
        process.stderr.write(`dossier: ${file} cannot be read, so nobody can sign in: ${(error as Error).message}\n`);
      }
    },
  };
}

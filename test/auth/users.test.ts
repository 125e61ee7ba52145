/**
 * The users file: names and hashes only, the owner's alone, managed by `dossier user`; the
 * server's directory takes in each change and lets nobody in when the file cannot be read.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addUser, isUserName, readUsers, removeUser, usersFile, usersFileDirectory } from '../../src/auth/users.js';
import { capturedStderr } from '../helpers/stderr.js';

const PASSWORD = 'correct horse battery staple';
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});
async function freshUsersFile(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-users-'));
  roots.push(root);
  return usersFile(root);
}

const logged = capturedStderr();

describe('user names', () => {
  test.each([
    ['ann', true],
    ['ann.lee@ngo.org', true],
    ['A_1-b', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['', false],
    ['.ann', false],
    ['ann lee', false],
    ['ann/../root', false],
    ['<script>', false],
  ])('%j: %s', (name, valid) => {
    expect(isUserName(name)).toBe(valid);
  });

  test('adding a user with a name that cannot be one throws, saying what a name may hold', async () => {
    const file = await freshUsersFile();
    await expect(addUser(file, 'ann lee', PASSWORD)).rejects.toThrow(new TypeError('"ann lee" cannot be a user name: letters, digits, ".", "_", "@" and "-"'));
  });
});

describe('the users file', () => {
  test('add, change and remove, in a file only its owner can read', async () => {
    const file = await freshUsersFile();
    expect(await readUsers(file)).toEqual([]);
    expect(await addUser(file, 'ann', PASSWORD)).toBe('added');
    expect(await addUser(file, 'bob', PASSWORD)).toBe('added');
    const before = (await readUsers(file)).find((user) => user.name === 'ann')!.hash;
    expect(await addUser(file, 'ann', 'another password')).toBe('changed');
    const users = await readUsers(file);
    expect(users.map((user) => user.name).sort()).toEqual(['ann', 'bob']);
    expect(users.find((user) => user.name === 'ann')!.hash).not.toBe(before);
    expect(await readFile(file, 'utf8')).not.toContain(PASSWORD);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await removeUser(file, 'bob')).toBe(true);
    expect(await removeUser(file, 'bob')).toBe(false);
    expect((await readUsers(file)).map((user) => user.name)).toEqual(['ann']);
  });

  test('a file that is not a users file is refused rather than read as no users', async () => {
    const file = await freshUsersFile();
    await addUser(file, 'ann', PASSWORD);
    await writeFile(file, '{"people": []}\n');
    await expect(readUsers(file)).rejects.toThrow(TypeError);
  });
});

describe('the server’s directory over the file', () => {
  test('takes in each change; a file that cannot be read lets nobody in, and says so', async () => {
    const file = await freshUsersFile();
    const directory = usersFileDirectory(file);
    await directory.refresh();
    expect(await directory.authenticate('ann', PASSWORD)).toBeNull();
    await addUser(file, 'ann', PASSWORD);
    await directory.refresh();
    expect(await directory.authenticate('ann', PASSWORD)).toBe('ann');
    expect(await directory.authenticate('ann', 'wrong')).toBeNull();
    const granted = directory.credentials('ann');
    await addUser(file, 'ann', 'a new password');
    await directory.refresh();
    expect(directory.credentials('ann')).not.toBe(granted);
    await writeFile(file, 'not json');
    await directory.refresh();
    expect(await directory.authenticate('ann', 'a new password')).toBeNull();
    expect(directory.credentials('ann')).toBeNull();
    expect(logged.join('')).toContain(`dossier: ${file} cannot be read, so nobody can sign in`);
  });
});

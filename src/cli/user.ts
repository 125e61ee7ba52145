/** `dossier user add|remove|list`: manage who may sign in (ROOT/.dossier/users.json). */
import { createInterface } from 'node:readline';
import { addUser, isUserName, readUsers, removeUser, usersFile } from '../auth/users.js';
import type { CliOutput } from './output.js';

/** Reads a password: the first line of standard input, without echo when it is a terminal. */
async function readPassword(prompt: string, output: CliOutput): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) output.stderr(prompt);
  const lines = createInterface({ input, terminal: false });
  if (input.isTTY) input.setRawMode?.(false);
  for await (const line of lines) {
    lines.close();
    if (input.isTTY) output.stderr('\n');
    return line;
  }
  return '';
}

export async function runUser(action: string, name: string | undefined, root: string, output: CliOutput): Promise<number> {
  const file = usersFile(root);
  if (action === 'list') {
    for (const user of await readUsers(file)) output.stdout(`${user.name}\t(added ${user.added})\n`);
    return 0;
  }
  if (name === undefined || !isUserName(name)) {
    output.stderr('dossier user: give a user name (letters, digits, ".", "_", "@" and "-")\n');
    return 2;
  }
  if (action === 'remove') {
    const removed = await removeUser(file, name);
    output.stdout(removed ? `dossier: removed ${name}\n` : `dossier: there is no user ${name}\n`);
    return removed ? 0 : 1;
  }
  if (action === 'add') {
    const password = await readPassword(`Password for ${name}: `, output);
    if (password.length < 12) {
      output.stderr('dossier user add: the password must have at least 12 characters\n');
      return 1;
    }
    const result = await addUser(file, name, password);
    output.stdout(`dossier: ${result === 'added' ? 'added' : 'changed the password of'} ${name} in ${file}\n`);
    return 0;
  }
  output.stderr(`dossier user: unknown action "${action}"; use add, remove or list\n`);
  return 2;
}

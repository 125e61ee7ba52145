/** Passwords are kept only as salted scrypt hashes; a hash that is not one of ours never matches. */
import { describe, expect, test } from '@jest/globals';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.js';

const PASSWORD = 'correct horse battery staple';

describe('a hash of ours', () => {
  test('matches its password and no other, and never holds the password', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  test('the same password twice gives two hashes (each has its own salt)', async () => {
    const [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(first).not.toBe(second);
  });
});

describe('a stored value that is not a hash of ours never matches', () => {
  test.each([
    ['empty', ''],
    ['the password itself', PASSWORD],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['too few parts', 'scrypt$16384$8$1$c2FsdA=='],
    ['parameters that are not numbers', 'scrypt$many$8$1$c2FsdA==$a2V5'],
    ['a cost too high to compute', `scrypt$${2 ** 24}$8$1$c2FsdA==$a2V5`],
    ['an empty key', 'scrypt$16384$8$1$c2FsdA==$'],
  ])('%s', async (_case, stored) => {
    await expect(verifyPassword(PASSWORD, stored)).resolves.toBe(false);
  });
});

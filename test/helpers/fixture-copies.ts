/** Fixture corpora copied to temporary folders a test may change; every copy removed after each test. */
import { afterEach } from '@jest/globals';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixture } from './server.js';

/** Registers the clean-up and returns a function that copies a named fixture corpus to a fresh folder. */
export function fixtureCopies(prefix = 'dossier-live-'): (name: string) => Promise<string> {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return async (name) => {
    const root = await mkdtemp(path.join(os.tmpdir(), prefix));
    folders.push(root);
    await cp(fixture(name), root, { recursive: true });
    return root;
  };
}

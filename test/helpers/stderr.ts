/** What the code under test writes to standard error, captured instead of printed. */
import { afterEach, beforeEach, jest } from '@jest/globals';

/** Registers the capture around each test; the returned list holds this test's writes. */
export function capturedStderr(): string[] {
  const logged: string[] = [];
  beforeEach(() => {
    logged.length = 0;
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return logged;
}

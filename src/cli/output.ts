/** Where a dossier command writes; tests pass collectors, `bin/dossier` passes the process streams. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard error is a terminal: long commands draw a progress bar instead of plain lines. */
  readonly isTerminal?: boolean;
}

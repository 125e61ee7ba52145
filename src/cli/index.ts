/** The `dossier` commands; the only code that decides an exit status. The top layer: may import every other. */
export { type CliOutput, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main } from './main.js';

// citation-js ships no type declarations; this covers the part of its API dossier calls.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(input: unknown, options: { forceType?: string; generateGraph?: boolean }): unknown[];
    };
    config: { get(name: string): Record<string, unknown> };
  };
  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: unknown[];
    format(format: string, options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';

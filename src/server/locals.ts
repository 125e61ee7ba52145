/**
 * What the middleware leaves in `res.locals` for the routes, typed once by declaration merging
 * with express's `Locals`, so no route casts it.
 */
import type { ServedCorpus } from './holder.js';
import type { Session } from './sessions.js';

declare global {
  // express types res.locals through this global namespace; merging into it is the documented way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The corpus generation this response serves, taken once when the request started. */
      served?: ServedCorpus;
      /** Pages link the files `dossier build` writes instead of the server's API. */
      staticSite?: boolean;
      /** The signed-in reader, or null for an anonymous one (set by the session middleware). */
      session?: Session | null;
      /** The citation style chosen by the query or the reader's cookie. */
      styleId?: string;
    }
  }
}

// What @types/lunr leaves out of the part of Lunr 2.3 that dossier uses.
import 'lunr';

declare module 'lunr' {
  namespace Query {
    interface Clause {
      presence?: Query.presence;
    }
  }
  class QueryParser {
    constructor(query: string, into: Query);
    parse(): Query;
  }
}

/**
 * The Content Security Policy of every page: scripts, styles and everything else from this origin
 * only, no inline code. The server sends it as a header; a static copy carries it as a meta element.
 */

/** The policy's directives, by name. */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Browsers ignore these in a meta element (and warn on the console), so a static page leaves them out. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as the content of `<meta http-equiv="Content-Security-Policy">`. */
export function contentSecurityPolicyForMetaElement(): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

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

/**
 * Fetch directives that fall back to default-src when absent (CSP Level 3, "directive fallback
 * list"): one that says the same as default-src says nothing more, and a static page, which carries
 * the policy in every file, leaves it out.
 */
// Not frame-src nor worker-src: they fall back to child-src (and worker-src then to script-src) first.
const FALLS_BACK_TO_DEFAULT_SRC = new Set(['script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'media-src', 'object-src', 'child-src', 'manifest-src']);

/** The same sources, in any order. */
function sameSources(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((source) => b.includes(source));
}

/** The policy as the content of `<meta http-equiv="Content-Security-Policy">`: the header's policy, less what a meta element cannot carry and the directives default-src already says. */
export function contentSecurityPolicyForMetaElement(): string {
  const defaultSources = CONTENT_SECURITY_POLICY['default-src'] ?? [];
  return Object.entries(CONTENT_SECURITY_POLICY)
    .filter(([name]) => !HEADER_ONLY_DIRECTIVES.has(name))
    .filter(([name, values]) => !(FALLS_BACK_TO_DEFAULT_SRC.has(name) && sameSources(values, defaultSources)))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

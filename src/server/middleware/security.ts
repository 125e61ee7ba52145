/** Security headers on every response, with a Content Security Policy that allows no inline code. */
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { CONTENT_SECURITY_POLICY } from '../../render/content-security-policy.js';

/** helmet, with a strict policy: scripts, styles and everything else from this origin only. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // One policy for the server's header and the static site's meta element.
      directives: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]])),
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

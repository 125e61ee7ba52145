/**
 * Signed-in sessions: a random id in an HttpOnly, SameSite=Strict cookie (Secure behind HTTPS),
 * kept in memory with an expiry, and a CSRF token bound to each session.
 */
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

export const SESSION_COOKIE = 'dossier-session';
export const CSRF_COOKIE = 'dossier-csrf';
const LIFETIME_MS = 12 * 3600 * 1000;

export interface Session {
  readonly id: string;
  readonly user: string;
  readonly csrf: string;
  expires: number;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(user: string): Session {
    this.sweep();
    const session = { id: token(), user, csrf: token(), expires: Date.now() + LIFETIME_MS };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | null {
    if (id === undefined) return null;
    const session = this.sessions.get(id);
    if (session === undefined || session.expires < Date.now()) {
      this.sessions.delete(id ?? '');
      return null;
    }
    session.expires = Date.now() + LIFETIME_MS;
    return session;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id);
  }
}

/** Cookie options: HttpOnly, SameSite=Strict, and Secure when the request came over HTTPS. */
export function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' };
}

/** Who is asking: sets res.locals.session (or null); signed-in pages are never cached. */
export function identify(store: SessionStore): RequestHandler {
  return (req, res, next) => {
    const session = store.get((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
    res.locals.session = session;
    if (session !== null) res.set('Cache-Control', 'private, no-store');
    next();
  };
}

/** The CSRF token for a form on this response: the session's, or a cookie's for signing in. */
export function csrfToken(req: Request, res: Response): string {
  const session = res.locals.session as Session | null;
  if (session !== null) return session.csrf;
  let value = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE];
  if (typeof value !== 'string' || value.length < 32) {
    value = token();
    res.cookie(CSRF_COOKIE, value, { ...cookieOptions(req), maxAge: 2 * 3600 * 1000 });
  }
  return value;
}

/**
 * Signed-in sessions: a random id in an HttpOnly, SameSite=Strict cookie (Secure behind HTTPS),
 * kept in memory with an expiry, and a CSRF token bound to each session.
 */
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { UserDirectory } from '../auth/users.js';

export const SESSION_COOKIE = 'dossier-session';
export const CSRF_COOKIE = 'dossier-csrf';
/** A session unused this long ends. */
export const IDLE_LIFETIME_MS = 12 * 3600 * 1000;
/** A session ends this long after sign-in however much it is used: a stolen cookie does not live for ever. */
export const ABSOLUTE_LIFETIME_MS = 24 * 3600 * 1000;

export interface Session {
  readonly id: string;
  readonly user: string;
  readonly csrf: string;
  /** The user's credentials at sign-in: the session ends when they change or the user goes. */
  readonly credentials: string;
  readonly created: number;
  expires: number;
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

/** The sessions of signed-in readers, in memory. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new session for a user who just signed in with these credentials. */
  create(user: string, credentials: string): Session {
    this.sweep();
    const now = this.now();
    const session = { id: token(), user, csrf: token(), credentials, created: now, expires: now + IDLE_LIFETIME_MS };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle time restarted; null when there is none or it ended. */
  get(id: string | undefined): Session | null {
    if (typeof id !== 'string') return null;
    const session = this.sessions.get(id);
    const now = this.now();
    if (session === undefined || this.ended(session, now)) {
      this.sessions.delete(id);
      return null;
    }
    session.expires = Math.min(now + IDLE_LIFETIME_MS, session.created + ABSOLUTE_LIFETIME_MS);
    return session;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  private ended(session: Session, now: number): boolean {
    return session.expires <= now || now - session.created >= ABSOLUTE_LIFETIME_MS;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (this.ended(session, now)) this.sessions.delete(id);
  }
}

/** Cookie options: HttpOnly, SameSite=Strict, and Secure when the request came over HTTPS. */
export function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' };
}

/**
 * Who is asking: sets res.locals.session (or null); signed-in pages are never cached. The users
 * are read again first when they changed, and a session whose user was removed or changed
 * password ends here.
 */
export function identify(store: SessionStore, users: UserDirectory): RequestHandler {
  return async (req, res, next) => {
    await users.refresh();
    let session = store.get((req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE] as string | undefined);
    if (session !== null && users.credentials(session.user) !== session.credentials) {
      store.destroy(session.id);
      session = null;
    }
    res.locals.session = session;
    if (session !== null) res.set('Cache-Control', 'private, no-store');
    next();
  };
}

/** The CSRF token for a form on this response: the session's, or a cookie's for signing in. */
export function csrfToken(req: Request, res: Response): string {
  const session = res.locals.session ?? null;
  if (session !== null) return session.csrf;
  let value = (req.cookies as Record<string, string> | undefined)?.[CSRF_COOKIE];
  if (typeof value !== 'string' || value.length < 32) {
    value = token();
    res.cookie(CSRF_COOKIE, value, { ...cookieOptions(req), maxAge: 2 * 3600 * 1000 });
  }
  return value;
}

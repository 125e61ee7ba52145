/**
 * Sessions on a clock of the test's own: how long one lasts, what ends it, and the cookies and
 * CSRF token a browser is given. (Signing in through the routes is in routes/auth.test.ts.)
 */
import { describe, expect, test } from '@jest/globals';
import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import { ABSOLUTE_LIFETIME_MS, CSRF_COOKIE, csrfToken, IDLE_LIFETIME_MS, identify, SESSION_COOKIE, SessionStore } from '../../src/server/sessions.js';
import type { UserDirectory } from '../../src/auth/users.js';

const HOUR = 3600_000;

describe('how long a session lasts', () => {
  test.each([
    ['just signed in', [], 0, true],
    ['unused for a minute less than the idle lifetime', [], IDLE_LIFETIME_MS - 60_000, true],
    ['unused for the idle lifetime', [], IDLE_LIFETIME_MS, false],
    ['used every hour, asked at 20 hours', Array.from({ length: 19 }, (_, i) => (i + 1) * HOUR), 20 * HOUR, true],
    ['used every hour, asked at the absolute lifetime', Array.from({ length: 23 }, (_, i) => (i + 1) * HOUR), ABSOLUTE_LIFETIME_MS, false],
    ['used once at 11 hours, asked at 22', [11 * HOUR], 22 * HOUR, true],
    ['used once at 11 hours, asked at 23 and a half', [11 * HOUR], 23.5 * HOUR, false],
  ])('%s: alive is %s', (_case, usedAt, askedAt, alive) => {
    let now = 0;
    const store = new SessionStore(() => now);
    const session = store.create('ann', 'hash');
    for (const at of usedAt) {
      now = at;
      expect(store.get(session.id)).not.toBeNull();
    }
    now = askedAt;
    expect(store.get(session.id) !== null).toBe(alive);
  });

  test('an unknown, missing or destroyed id is no session', () => {
    const store = new SessionStore(() => 0);
    const session = store.create('ann', 'hash');
    expect(store.get('not-an-id')).toBeNull();
    expect(store.get(undefined)).toBeNull();
    store.destroy(session.id);
    expect(store.get(session.id)).toBeNull();
  });

  test('each session has its own unguessable id and CSRF token', () => {
    const store = new SessionStore(() => 0);
    const sessions = Array.from({ length: 50 }, () => store.create('ann', 'hash'));
    const tokens = sessions.flatMap((session) => [session.id, session.csrf]);
    expect(new Set(tokens).size).toBe(100);
    for (const value of tokens) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

/** An app that says who is asking and hands out a CSRF token, over users whose credentials the test sets. */
function appWith(store: SessionStore, credentials: Map<string, string>) {
  const users: UserDirectory = { authenticate: async () => null, credentials: (name) => credentials.get(name) ?? null, refresh: async () => undefined };
  const app = express();
  app.use(cookieParser());
  app.use(identify(store, users));
  app.get('/', (req, res) => {
    const csrf = csrfToken(req, res);
    res.json({ user: (res.locals.session as { user: string } | null)?.user ?? null, csrf });
  });
  return app;
}

describe('who is asking', () => {
  test('a live session names its user, and the page is not cached', async () => {
    const store = new SessionStore();
    const session = store.create('ann', 'v1');
    const res = await request(appWith(store, new Map([['ann', 'v1']]))).get('/').set('Cookie', `${SESSION_COOKIE}=${session.id}`).expect(200);
    expect(res.body).toEqual({ user: 'ann', csrf: session.csrf });
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  test.each([
    ['the user was removed', new Map<string, string>()],
    ['the password changed', new Map([['ann', 'v2']])],
  ])('a session ends when %s', async (_case, credentials) => {
    const store = new SessionStore();
    const session = store.create('ann', 'v1');
    const res = await request(appWith(store, credentials)).get('/').set('Cookie', `${SESSION_COOKIE}=${session.id}`).expect(200);
    expect(res.body.user).toBeNull();
    expect(store.get(session.id)).toBeNull();
  });

  test('an anonymous reader gets a CSRF cookie: HttpOnly, SameSite=Strict, and kept once given', async () => {
    const app = appWith(new SessionStore(), new Map());
    const first = await request(app).get('/').expect(200);
    const cookie = (first.headers['set-cookie'] as unknown as string[]).find((line) => line.startsWith(`${CSRF_COOKIE}=`))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toContain(`${CSRF_COOKIE}=${first.body.csrf};`);
    const again = await request(app).get('/').set('Cookie', `${CSRF_COOKIE}=${first.body.csrf}`).expect(200);
    expect(again.body.csrf).toBe(first.body.csrf);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  test('a CSRF cookie too short to be one of ours is replaced', async () => {
    const res = await request(appWith(new SessionStore(), new Map())).get('/').set('Cookie', `${CSRF_COOKIE}=short`).expect(200);
    expect(res.body.csrf).not.toBe('short');
    expect(res.body.csrf.length).toBeGreaterThanOrEqual(32);
  });
});

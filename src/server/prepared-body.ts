/**
 * A response body prepared once and sent many times: its bytes and its ETag worked out when it is
 * made, so a cached page or search answer costs the server no encoding, no hashing and no
 * JSON.stringify per request (each of which, at 50 connections, holds the event loop).
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';

/** Bytes ready to send, with their ETag. */
export interface PreparedBody {
  readonly bytes: Buffer;
  readonly etag: string;
}

/** Prepares a body; its ETag is a weak one of the kind express makes, so conditional requests behave the same. */
export function preparedBody(text: string): PreparedBody {
  const bytes = Buffer.from(text, 'utf8');
  const hash = createHash('sha1').update(bytes).digest('base64').slice(0, 27);
  return { bytes, etag: `W/"${bytes.length.toString(16)}-${hash}"` };
}

/** JSON as express's `res.json` writes it with "json escape" on: <, > and & escaped, so no answer can be read as markup. */
export function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => (c === '<' ? '\\u003c' : c === '>' ? '\\u003e' : '\\u0026'));
}

/** Sends a prepared body with its type and ETag (express answers 304 when the reader has it already). */
export function sendPrepared(res: Response, type: string, body: PreparedBody): void {
  res.set('ETag', body.etag);
  res.type(type).send(body.bytes);
}

/**
 * The one error handler of the server: every failure becomes a 4xx or 5xx page (or JSON under
 * /api) with a message a reader can act on, and no stack trace ever leaves the process.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** An error whose status and message may be shown to the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields for the JSON body (e.g. the position of a query's fault). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A 404 for any request no route answered. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `Nothing here: ${req.path}`));
};

/** Renders errors; `renderPage` draws the HTML error page. */
export function errorHandler(renderPage: (status: number, message: string, req: Parameters<ErrorRequestHandler>[1]) => string): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let status = 500;
    let message = 'Something went wrong on our side. The error has been logged.';
    let details: Record<string, unknown> = {};
    if (error instanceof HttpError) {
      ({ status, message, details } = error);
    } else if (isClientError(error)) {
      status = error.status;
      message = error.expose && typeof error.message === 'string' ? error.message : 'The request could not be read.';
    } else {
      process.stderr.write(`dossier: ${req.method} ${req.originalUrl}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    res.status(status);
    if (req.path.startsWith('/api/') || req.path === '/api') {
      res.json({ error: { status, message, ...details } });
    } else {
      res.type('html').send(renderPage(status, message, req));
    }
  };
}

/** Errors raised by express's own parsers (bad JSON, too large) carry a 4xx status. */
function isClientError(error: unknown): error is { status: number; expose?: boolean; message?: string } {
  if (error === null || typeof error !== 'object' || !('status' in error)) return false;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

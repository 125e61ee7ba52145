/** /live: a server-sent event each time the corpus is replaced, so open pages reload themselves. */
import type { Router } from 'express';
import type { ServerDeps } from '../context.js';

/** Registers /live when live reload is on. */
export function liveRoutes(router: Router, deps: ServerDeps): void {
  if (!deps.live) return;
  router.get('/live', (req, res) => {
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.flushHeaders();
    const send = (version: number): void => {
      res.write(`event: version\ndata: ${version}\n\n`);
    };
    send(deps.holder.current().version);
    const unsubscribe = deps.holder.subscribe((served) => send(served.version));
    const heartbeat = setInterval(() => res.write(': still here\n\n'), 15000);
    // On shutdown the stream ends, so that the server's close is not held open by it.
    const stopClosing = deps.holder.onClose(() => res.end());
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      stopClosing();
    });
  });
}

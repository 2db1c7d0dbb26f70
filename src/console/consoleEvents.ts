import type { Request, Response, Server } from 'restify';
import type { HandoffQueue } from '../domain/handoff/handoffQueue.js';
import type { AppLogger } from '../observability/logger.js';
import type { StaffAuth } from './auth/staffAuth.js';
import { CONSOLE_API } from './handoffRoutes.js';
import { ticketView } from './ticketView.js';

/** Dependencies of {@link registerConsoleEvents}. */
export interface ConsoleEventsDeps {
  readonly queue: HandoffQueue;
  readonly auth: StaffAuth;
  readonly logger: AppLogger;
  /** How often the stream renews the caseworker's leases and checks the session, in ms, default a third of the lease. */
  readonly heartbeatMs?: number;
  readonly now?: () => number;
}

/**
 * `GET /console/api/events`: a Server-Sent Events stream of queue changes (`ticket` with the ticket's view,
 * `summary` with counts per priority). While it is open the caseworker's claims stay leased (the console is "there");
 * when it closes, the leases run out and their tickets go back to the queue.
 */
export function registerConsoleEvents(server: Server, deps: ConsoleEventsDeps): () => void {
  const now = deps.now ?? Date.now;
  const heartbeatMs = deps.heartbeatMs ?? Math.max(1000, Math.floor(deps.queue.leaseMs / 3));
  const open = new Set<() => void>();

  server.get(
    `${CONSOLE_API}/events`,
    deps.auth.guard(
      async (req: Request, res: Response, staff) => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
        const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        let pending = Promise.resolve();
        const changed = (id: string) => {
          // One at a time, so events keep the order of changes.
          pending = pending
            .then(async () => {
              const ticket = await deps.queue.get(id);
              send('ticket', ticket ? ticketView(ticket, now(), (await deps.queue.position(id))?.place) : { id, status: 'erased' });
              send('summary', await deps.queue.summary());
            })
            .catch((err: Error) => deps.logger.warn({ err: { name: err.name } }, 'console event could not be sent'));
        };
        const unsubscribe = deps.queue.subscribe(changed);
        const beat = async () => {
          try {
            if (!(await deps.auth.authenticate(req, false))) {
              send('logout', { reason: 'session_expired' });
              close();
              return;
            }
            await deps.queue.heartbeat(staff.username);
            res.write(': keep-alive\n\n');
          } catch (err) {
            deps.logger.warn({ err: { name: (err as Error).name } }, 'console heartbeat failed');
          }
        };
        const timer = setInterval(() => void beat(), heartbeatMs);
        const close = () => {
          clearInterval(timer);
          unsubscribe();
          open.delete(close);
          res.end();
        };
        open.add(close);
        req.on('close', close);
        send('hello', { username: staff.username, role: staff.role });
        send('summary', await deps.queue.summary());
        await deps.queue.heartbeat(staff.username);
      },
      { touch: false },
    ),
  );
  return () => {
    for (const close of [...open]) close();
  };
}

// The application's log: one access line per request (decision 010), written to standard output
// through a buffer that is flushed every second and when the process exits (decision 012).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import pino from 'pino';
import { redactSecrets } from './redact.ts';

/**
 * The access log: one line per request, written when it is answered, with what an operator
 * follows traffic and errors with, instead of Fastify's two lines ("incoming request", "request
 * completed"). Secrets are redacted from URLs.
 */
export class AccessLog extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { method: request.method, url: redactSecrets(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ip: request.ip };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request');
  }
}

const FLUSH_EVERY_MS = 1000;

/**
 * Standard output, written in blocks of at least 4 KB instead of one system call per line: the
 * write was a fifth of a cached page's cost. A timer flushes what is waiting every second, so a
 * quiet server's lines still show within a second; the app flushes the rest when it closes, and
 * pino when the process exits (also on an uncaught exception). What a killed process (SIGKILL)
 * had not flushed is lost.
 */
export function bufferedStdout(): { write(line: string): void; close(): void } {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  // asynchronous, after a write under way: the lines stay in order
  const timer = setInterval(() => destination.flush(), FLUSH_EVERY_MS);
  timer.unref();
  return {
    write: (line) => void destination.write(line),
    close() {
      clearInterval(timer);
      destination.flush();
    },
  };
}

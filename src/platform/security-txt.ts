// /.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, and the policy it
// points at, SECURITY.md, served from the running version so that it always matches the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const policy = readFileSync(join(import.meta.dirname, '..', '..', 'SECURITY.md'), 'utf8');

// RFC 9116 asks for an expiry less than a year ahead; counted from the request, so that an
// instance that runs for months never serves an expired file.
const VALID_DAYS = 180;

export function securityTxt(contact: string, baseUrl: string, now = new Date()): string {
  const expires = new Date(now.getTime() + VALID_DAYS * 86_400_000);
  expires.setUTCHours(0, 0, 0, 0);
  return [
    `Contact: ${contact}`,
    `Expires: ${expires.toISOString()}`,
    'Preferred-Languages: ar, fr, en',
    `Canonical: ${baseUrl}/.well-known/security.txt`,
    `Policy: ${baseUrl}/SECURITY.md`,
    '',
  ].join('\n');
}

export async function securityTxtRoutes(app: FastifyInstance): Promise<void> {
  app.get('/.well-known/security.txt', (_req, reply) =>
    reply.type('text/plain; charset=utf-8').send(securityTxt(app.config.securityContact, app.config.baseUrl)),
  );
  app.get('/SECURITY.md', (_req, reply) => reply.type('text/markdown; charset=utf-8').send(policy));
}

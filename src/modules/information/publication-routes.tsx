import type { FastifyInstance } from 'fastify';

export async function publicationRoutes(_app: FastifyInstance): Promise<void> {}

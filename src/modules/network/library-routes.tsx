import type { FastifyInstance } from 'fastify';

export async function libraryRoutes(_app: FastifyInstance): Promise<void> {}

import type { FastifyInstance } from 'fastify';

export async function rulesRoutes(_app: FastifyInstance): Promise<void> {}

import type { FastifyInstance } from 'fastify';

export async function themesRoutes(_app: FastifyInstance): Promise<void> {}

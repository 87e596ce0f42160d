import type { FastifyInstance } from 'fastify';

export async function informationAdminRoutes(_app: FastifyInstance): Promise<void> {}

import type { FastifyInstance } from 'fastify';

export async function requestRoutes(_app: FastifyInstance): Promise<void> {}

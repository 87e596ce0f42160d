import type { FastifyInstance } from 'fastify';

export async function informationApi(_app: FastifyInstance): Promise<void> {}

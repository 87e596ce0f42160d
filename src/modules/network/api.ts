import type { FastifyInstance } from 'fastify';

export async function networkApi(_app: FastifyInstance): Promise<void> {}

// Open-data API of the surveys module (to be built).
import type { FastifyInstance } from 'fastify';

export async function surveysApi(_app: FastifyInstance): Promise<void> {}

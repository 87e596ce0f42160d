// Back office of the surveys module: the builder, paper answers, desk codes (to be built).
import type { FastifyInstance } from 'fastify';

export async function surveysAdminRoutes(_app: FastifyInstance): Promise<void> {}

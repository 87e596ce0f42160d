// Results of a survey: public page, moderation of free text, exports (to be built).
import type { FastifyInstance } from 'fastify';

export async function resultsRoutes(_app: FastifyInstance): Promise<void> {}

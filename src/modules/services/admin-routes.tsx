// Back office of the digital services module (to be built).
import type { FastifyInstance } from 'fastify';

export async function servicesAdminRoutes(_app: FastifyInstance): Promise<void> {}

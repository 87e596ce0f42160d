// Open-data API of the digital services module (to be built).
import type { FastifyInstance } from 'fastify';

export async function servicesApi(_app: FastifyInstance): Promise<void> {}

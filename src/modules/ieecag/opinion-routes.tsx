// (being built) see the module's manifest
import type { FastifyInstance } from 'fastify';

export async function opinionRoutes(_app: FastifyInstance) {}

import type { FastifyInstance } from 'fastify';

export async function informationReminders(_app: FastifyInstance): Promise<void> {}

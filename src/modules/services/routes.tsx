// Public pages of the digital services module (to be built).
import type { FastifyInstance } from 'fastify';
import type { SitemapProvider } from '../manifest.ts';

export async function servicesRoutes(_app: FastifyInstance): Promise<void> {}

export const servicesSitemap: SitemapProvider = async () => [];

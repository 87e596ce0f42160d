import type { FastifyInstance } from 'fastify';
import type { SitemapProvider } from '../manifest.ts';

export async function informationRoutes(_app: FastifyInstance): Promise<void> {}

export const informationSitemap: SitemapProvider = async () => [];

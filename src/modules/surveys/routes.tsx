// Public pages of the surveys module: the list and the answer form (to be built).
import type { FastifyInstance } from 'fastify';
import type { SitemapProvider } from '../manifest.ts';

export async function surveysRoutes(_app: FastifyInstance): Promise<void> {}

export const surveysSitemap: SitemapProvider = async () => [];

// What the site shows outside itself: the Open Graph picture of each collectivity (its names on
// the brand's colour, drawn by sharp from an SVG), the favicon and robots.txt. The page's
// <head> that points at them is in ui/page.tsx.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findCollectivity } from './tenancy.ts';
import { escapeAttr, textWidth } from './ui/charts.tsx';
import { shareImageSize } from './ui/page.tsx';

const brand = '#0b6e4f';
const font = "'Noto Naskh Arabic','Noto Sans Arabic','Noto Sans',sans-serif";
const iconSvg = readFileSync(join(import.meta.dirname, '..', '..', 'public', 'favicon.svg'), 'utf8');

/** One centred line of text, made smaller until its estimated width fits the picture. */
function line(text: string, y: number, largest: number, attrs = ''): string {
  const room = shareImageSize.width - 160;
  const size = Math.max(28, Math.min(largest, Math.floor(room / Math.max(1, textWidth(text, 1) * 1.15))));
  // text-anchor middle: no direction to guess, and the renderer's bidi orders Arabic right to left
  return `<text x="${shareImageSize.width / 2}" y="${y}" text-anchor="middle" font-size="${size}" ${attrs}>${escapeAttr(text)}</text>`;
}

/** The picture as SVG: the main name large, the other below, the site's name and icon at the foot. */
export function shareSvg(main: string, second: string | null): string {
  const { width, height } = shareImageSize;
  const icon = iconSvg.replace('<svg ', `<svg x="${width / 2 - 250}" y="${height - 130}" width="72" height="72" `);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeAttr(font)}">`,
    `<rect width="${width}" height="${height}" fill="${brand}"/>`,
    `<rect y="${height - 160}" width="${width}" height="160" fill="#fff"/>`,
    line(main, second ? 230 : 280, 92, 'font-weight="bold" fill="#fff"'),
    second ? line(second, 360, 60, 'fill="#e8f5ee"') : '',
    icon,
    `<text x="${width / 2 - 160}" y="${height - 70}" font-size="48" fill="${brand}" font-weight="bold">Infitah · انفتاح</text>`,
    '</svg>',
  ].join('');
}

/** A PNG of few colours: a few KB, under what WhatsApp and Facebook accept. */
// sharp is imported when a picture is first drawn: loading libvips costs every start 0.25 s and 30 MB
export async function sharePng(main: string, second: string | null): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(shareSvg(main, second))).png({ palette: true, colours: 32, compressionLevel: 9 }).toBuffer();
}

/** A Windows icon holding one PNG (allowed since Vista, read by every browser). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

interface Picture {
  body: Buffer;
  etag: string;
}

const picture = (body: Buffer): Picture => ({ body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` });

function sendPicture(request: FastifyRequest, reply: FastifyReply, p: Picture, type: string) {
  reply.header('content-type', type).header('etag', p.etag).header('cache-control', 'public, max-age=86400');
  if (request.headers['if-none-match'] === p.etag) return reply.code(304).send();
  return reply.send(p.body);
}

const MAX_PICTURES = 200;

export async function shareRoutes(app: FastifyInstance): Promise<void> {
  // drawn on first request, not at start-up (every instance, every test app would pay for them)
  const once = (draw: () => Promise<Picture>) => {
    let drawing: Promise<Picture> | undefined;
    return () => (drawing ??= draw());
  };
  const favicon = once(async () => {
    const { default: sharp } = await import('sharp');
    return picture(icoOf(await sharp(Buffer.from(iconSvg)).resize(32, 32).png().toBuffer(), 32));
  });
  const site = once(async () => picture(await sharePng('انفتاح', 'Infitah')));
  // drawn once per collectivity and names (a rename draws it again), the least recent dropped first
  const drawn = new Map<string, Picture>();

  app.get('/favicon.ico', async (request, reply) => sendPicture(request, reply, await favicon(), 'image/x-icon'));
  app.get('/share.png', async (request, reply) => sendPicture(request, reply, await site(), 'image/png'));
  app.get<{ Params: { slug: string } }>('/c/:slug/share.png', async (request, reply) => {
    const c = await findCollectivity(app.db, request.params.slug, request);
    if (!c) return reply.callNotFound();
    // Arabic first; below it French, else English, when the collectivity has one
    const second = c.name.fr ?? c.name.en;
    const key = `${c.slug}|${c.name.ar}|${second}`;
    let p = drawn.get(key);
    if (p) drawn.delete(key);
    else p = picture(await sharePng(c.name.ar, second));
    drawn.set(key, p);
    if (drawn.size > MAX_PICTURES) drawn.delete(drawn.keys().next().value!);
    return sendPicture(request, reply, p, 'image/png');
  });
  app.get('/robots.txt', (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', '', `Sitemap: ${app.config.baseUrl}/sitemap.xml`, ''].join('\n')),
  );
}

// File uploads in ordinary forms. `multipartForms` lets the routes of one plugin scope take
// multipart bodies without reading them; a route calls `readForm` once it has checked the session
// and the role, and `readForm` checks the CSRF token before it reads any file — nobody's 10 × 5 MB
// is read for a request that will be refused. `checkFiles` accepts a file only if its bytes
// (file-type) are of an allowed type that matches its name's extension, within the size and count
// limits, and re-encodes images (sharp) so that what is published carries no Exif (GPS) metadata.
import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors, FormValues } from './validation.ts';

/** A file as the form posted it. */
export interface UploadedFile {
  filename: string;
  content: Buffer;
  /** true when it was cut at the size limit */
  truncated: boolean;
}

export interface CheckedFile {
  name: string;
  mime: string;
  size: number;
  /** of the stored bytes (an image's re-encoded bytes), which name the file in its URL */
  sha256: string;
  content: Buffer;
}

/** Takes multipart bodies in this plugin scope, left unread until a route calls `readForm`. */
export async function multipartForms(app: FastifyInstance, limits: { fileSize: number; files: number; fields?: number; fieldSize?: number }): Promise<void> {
  await app.register(multipart, {
    // a file over the limit is cut and flagged, so the form can say which one
    throwFileSizeLimit: false,
    limits: { fileSize: limits.fileSize, files: limits.files, fields: limits.fields ?? 30, parts: limits.files + (limits.fields ?? 30), fieldSize: limits.fieldSize ?? 64 * 1024 },
  });
}

/** @fastify/csrf-protection's check, as a promise: it rejects with the plugin's own error (→ 403). */
function checkCsrf(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    // the check answers a bad token through reply.send(error): turn that into a rejection instead
    const probe = Object.create(reply, { send: { value: reject } }) as FastifyReply;
    request.server.csrfProtection.call(request.server, request, probe, () => resolve());
  });
}

const addValue = (form: FormValues, name: string, v: string) => {
  const prev = form[name];
  form[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
};

/**
 * The posted form (text fields → strings, repeated names → arrays) and its files (empty file
 * inputs left out). Call it after the session and role checks: it checks the CSRF token first,
 * then reads the files. In a multipart body the token must come before the first file, as every
 * form of the site puts it (`_csrf` is its first field); a file before it is refused unread.
 */
export async function readForm(request: FastifyRequest, reply: FastifyReply): Promise<{ form: FormValues; files: UploadedFile[] }> {
  if (!request.isMultipart()) {
    await checkCsrf(request, reply);
    return { form: (request.body ?? {}) as FormValues, files: [] };
  }
  const form: FormValues = {};
  const files: UploadedFile[] = [];
  let checked = false;
  const check = async () => {
    request.body = { _csrf: form._csrf };
    try {
      await checkCsrf(request, reply);
    } catch (e) {
      // the rest of the body is never read: close the connection rather than wait for it
      reply.header('connection', 'close');
      throw e;
    }
    checked = true;
  };
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      addValue(form, part.fieldname, String(part.value ?? ''));
      continue;
    }
    if (!checked) await check();
    const content = await part.toBuffer();
    if (part.filename && content.length > 0) files.push({ filename: part.filename, content, truncated: part.file.truncated });
  }
  if (!checked) await check();
  request.body = form;
  return { form, files };
}

/** A file name safe to keep and to send back: no folders, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'file').slice(-200);
}

export interface FileRules {
  /** allowed types by extension, e.g. { jpg: 'image/jpeg' } */
  types: Record<string, string>;
  maxBytes: number;
  maxFiles: number;
  /** the form field the errors are reported on */
  field: string;
}

/** Reports and documents: PDF or office files (Word, Excel, PowerPoint, OpenDocument), by extension. */
export const documentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** Pictures, by extension. */
export const pictureTypes: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** The `accept` attribute of a file input for these types. */
export const acceptOf = (types: Record<string, string>) => [...Object.keys(types).map((e) => `.${e}`), ...new Set(Object.values(types))].join(',');

/** The accepted kinds as people name them ("PDF / JPEG / WebP"), for messages in any language. */
const kinds = (types: Record<string, string>) =>
  [...new Set(Object.values(types).map((m) => ({ 'image/webp': 'WebP' })[m] ?? m.split('/')[1]!.toUpperCase()))].join(' / ');

/** Larger pictures are refused: decoding 50 megapixels already takes 200 MB (phone photos are 12–50). */
export const MAX_IMAGE_PIXELS = 50_000_000;

/**
 * The image decoded and written again in its own format, turned upright by its Exif orientation
 * and without any metadata (sharp keeps none unless asked): no GPS position, camera or author is
 * republished. Null when it does not decode. sharp works on libuv's threads, off the event loop.
 */
async function reencode(content: Buffer, mime: string): Promise<Buffer | null> {
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(content, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    if (mime === 'image/jpeg') return await image.jpeg({ quality: 85 }).toBuffer();
    if (mime === 'image/png') return await image.png().toBuffer();
    if (mime === 'image/webp') return await image.webp({ quality: 85 }).toBuffer();
    return null;
  } catch {
    return null;
  }
}

export async function checkFiles(files: UploadedFile[], rules: FileRules): Promise<{ files: CheckedFile[]; errors: FieldErrors }> {
  if (files.length > rules.maxFiles) return { files: [], errors: { [rules.field]: { key: 'errors.tooManyFiles', values: { max: rules.maxFiles } } } };
  const allowedMimes = new Set(Object.values(rules.types));
  const { fileTypeFromBuffer } = await import('file-type'); // on the first upload, not at start-up
  const out: CheckedFile[] = [];
  for (const f of files) {
    const name = cleanName(f.filename);
    const fail = (key: string) => ({ files: [], errors: { [rules.field]: { key, values: { name, max: rules.maxBytes / 1024 / 1024, kinds: kinds(rules.types) } } } });
    if (f.truncated || f.content.length > rules.maxBytes) return fail('errors.fileTooLarge');
    const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    const expected = rules.types[ext];
    if (!expected) return fail('errors.fileType');
    const detected = await fileTypeFromBuffer(f.content);
    if (!detected || !allowedMimes.has(detected.mime) || detected.mime !== expected) return fail('errors.fileNotWhatItSays');
    const content = detected.mime.startsWith('image/') ? await reencode(f.content, detected.mime) : f.content;
    if (!content) return fail('errors.imageUnreadable');
    out.push({ name, mime: detected.mime, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content });
  }
  return { files: out, errors: {} };
}

/**
 * A stored upload sent back as a download: a browser's PDF viewer would run a PDF's scripts under
 * our address, so never inline. Its stored type with nosniff, a name safe in the header (and the
 * real one as UTF-8), and an ETag of its bytes; the URL names the thing it belongs to, not the
 * file (a new upload replaces it), so it is kept for an hour, then revalidated.
 */
export function sendStoredFile(request: FastifyRequest, reply: FastifyReply, file: { mime: string; sha256: string; original_name: string; content: Buffer }) {
  const etag = `"${file.sha256}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  const ascii = file.original_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return reply
    .type(file.mime)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
    .send(Buffer.from(file.content));
}

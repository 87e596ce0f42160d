// File uploads in ordinary forms. `multipartForms` parses multipart bodies in one plugin scope
// into a plain form (so CSRF and the zod schemas see what they see for any form) plus
// `request.uploads`; `checkFiles` accepts a file only if its bytes (file-type) are of an allowed
// type that matches its name's extension, within the size and count limits.
import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
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
  sha256: string;
  content: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the files of a multipart form (empty file inputs left out), in a `multipartForms` scope */
    uploads?: UploadedFile[];
  }
}

/** A multipart part once buffered by @fastify/multipart (attachFieldsToBody). */
interface Part {
  type: 'file' | 'field';
  value?: unknown;
  filename?: string;
  file?: { truncated?: boolean };
  _buf?: Buffer | null;
}

/** The multipart body as a plain form (text fields → strings, repeated names → arrays) plus its files. */
function flatten(body: Record<string, Part | Part[]>): { form: FormValues; files: UploadedFile[] } {
  const form: FormValues = {};
  const files: UploadedFile[] = [];
  for (const [name, entry] of Object.entries(body)) {
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      if (part.type === 'file') {
        const content = part._buf ?? Buffer.alloc(0);
        if (part.filename && content.length > 0) files.push({ filename: part.filename, content, truncated: part.file?.truncated === true });
      } else {
        const v = String(part.value ?? '');
        const prev = form[name];
        form[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
    }
  }
  return { form, files };
}

/** Parses multipart forms in this plugin scope: `request.body` a plain form, files in `request.uploads`. */
export async function multipartForms(app: FastifyInstance, limits: { fileSize: number; files: number; fields?: number; fieldSize?: number }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: true,
    // a file over the limit is cut and flagged, so the form can say which one
    throwFileSizeLimit: false,
    limits: { fileSize: limits.fileSize, files: limits.files, fields: limits.fields ?? 30, parts: limits.files + (limits.fields ?? 30), fieldSize: limits.fieldSize ?? 64 * 1024 },
  });
  // runs after the multipart parser (registered just above, same hook)
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart() || !request.body) return;
    const { form, files } = flatten(request.body as Record<string, Part>);
    request.body = form;
    request.uploads = files;
  });
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

/** The `accept` attribute of a file input for these types. */
export const acceptOf = (types: Record<string, string>) => [...Object.keys(types).map((e) => `.${e}`), ...new Set(Object.values(types))].join(',');

/** The accepted kinds as people name them ("PDF / JPEG / WebP"), for messages in any language. */
const kinds = (types: Record<string, string>) =>
  [...new Set(Object.values(types).map((m) => ({ 'image/webp': 'WebP' })[m] ?? m.split('/')[1]!.toUpperCase()))].join(' / ');

export async function checkFiles(files: UploadedFile[], rules: FileRules): Promise<{ files: CheckedFile[]; errors: FieldErrors }> {
  if (files.length > rules.maxFiles) return { files: [], errors: { [rules.field]: { key: 'errors.tooManyFiles', values: { max: rules.maxFiles } } } };
  const allowedMimes = new Set(Object.values(rules.types));
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
    out.push({ name, mime: detected.mime, size: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex'), content: f.content });
  }
  return { files: out, errors: {} };
}

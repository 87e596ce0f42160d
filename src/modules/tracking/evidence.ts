// Evidence files: PDF and images only, at most 5 MB each and 5 per note. The real type is read
// from the bytes (file-type) and must be allowed and match the name's extension: a file that is
// not what its name says is refused.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { FieldErrors } from '../../platform/validation.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 5;

/** Allowed types by extension. */
const allowed: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
export const acceptAttribute = '.pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp';

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

/** A file name safe to keep and to send back: no folders, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'file').slice(-200);
}

export async function checkEvidence(files: UploadedFile[]): Promise<{ files: CheckedFile[]; errors: FieldErrors }> {
  const out: CheckedFile[] = [];
  if (files.length > MAX_FILES) return { files: [], errors: { files: { key: 'tracking.errors.tooManyFiles', values: { max: MAX_FILES } } } };
  for (const f of files) {
    const name = cleanName(f.filename);
    const fail = (key: string) => ({ files: [], errors: { files: { key, values: { name, max: MAX_FILE_BYTES / 1024 / 1024 } } } });
    if (f.truncated || f.content.length > MAX_FILE_BYTES) return fail('tracking.errors.fileTooLarge');
    const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    const expected = allowed[ext];
    if (!expected) return fail('tracking.errors.fileType');
    const detected = await fileTypeFromBuffer(f.content);
    if (!detected || !Object.values(allowed).includes(detected.mime)) return fail('tracking.errors.fileNotWhatItSays');
    if (detected.mime !== expected) return fail('tracking.errors.fileNotWhatItSays');
    out.push({ name, mime: detected.mime, size: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex'), content: f.content });
  }
  return { files: out, errors: {} };
}

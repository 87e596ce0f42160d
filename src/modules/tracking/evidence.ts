// Evidence files: PDF and images only, at most 5 MB each and 5 per note, checked by their bytes
// (platform/uploads.ts): a file that is not what its name says is refused; images are re-encoded
// without their metadata (a photo's Exif GPS position is not republished); PDFs are served as
// downloads (routes.tsx).
import { type CheckedFile, type UploadedFile, acceptOf, checkFiles } from '../../platform/uploads.ts';
import type { FieldErrors } from '../../platform/validation.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 5;

const types: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
export const acceptAttribute = acceptOf(types);

export const checkEvidence = (files: UploadedFile[]): Promise<{ files: CheckedFile[]; errors: FieldErrors }> =>
  checkFiles(files, { types, maxBytes: MAX_FILE_BYTES, maxFiles: MAX_FILES, field: 'files' });

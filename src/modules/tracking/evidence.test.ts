// Pure checks of evidence files and of cumulative series.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import sharp from 'sharp';
import { cumulative } from '../cocreation/metrics.ts';
import { cleanName } from '../../platform/uploads.ts';
import { MAX_FILE_BYTES, checkEvidence } from './evidence.ts';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
// real images (they are decoded and re-encoded on upload), 8 × 8 pixels
const pixels = () => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 60 } } });
const JPEG = await pixels().jpeg().toBuffer();
const WEBP = await pixels().webp().toBuffer();

test('allowed files pass with their real type, hash and a clean name', async () => {
  const { files, errors } = await checkEvidence([
    { filename: 'C:\\Users\\x\\محضر.PDF', content: PDF, truncated: false },
    { filename: 'photo.jpeg', content: JPEG, truncated: false },
    { filename: 'cover.webp', content: WEBP, truncated: false },
  ]);
  assert.deepEqual(errors, {});
  assert.deepEqual(files.map((f) => [f.name, f.mime]), [['محضر.PDF', 'application/pdf'], ['photo.jpeg', 'image/jpeg'], ['cover.webp', 'image/webp']]);
  // the PDF is kept as sent; size and hash are those of the stored bytes (images re-encoded)
  assert.equal(files[0]!.size, PDF.length);
  for (const f of files) {
    assert.equal(f.size, f.content.length);
    assert.equal(f.sha256, createHash('sha256').update(f.content).digest('hex'));
  }
});

test('a file is refused when too large, of a refused kind, or not what its name says', async () => {
  const key = async (filename: string, content: Buffer, truncated = false) => (await checkEvidence([{ filename, content, truncated }])).errors.files?.key;
  assert.equal(await key('big.pdf', PDF, true), 'errors.fileTooLarge');
  assert.equal(await key('big.pdf', Buffer.alloc(MAX_FILE_BYTES + 1)), 'errors.fileTooLarge');
  assert.equal(await key('page.html', Buffer.from('<p>')), 'errors.fileType');
  assert.equal(await key('noextension', PDF), 'errors.fileType');
  assert.equal(await key('report.pdf', Buffer.from('<html><script>')), 'errors.fileNotWhatItSays');
  assert.equal(await key('photo.png', JPEG), 'errors.fileNotWhatItSays');
  assert.equal((await checkEvidence(Array.from({ length: 6 }, () => ({ filename: 'a.pdf', content: PDF, truncated: false })))).errors.files?.key, 'errors.tooManyFiles');
});

test('file names lose folders, quotes and control characters', () => {
  assert.equal(cleanName('../../etc/passwd'), 'passwd');
  assert.equal(cleanName('a"b\u0000\n.pdf'), 'ab.pdf');
  assert.equal(cleanName('   '), 'file');
});

test('cumulative series add up counts per date, oldest first', () => {
  assert.deepEqual(cumulative([{ date: '2024-03-02', n: 2 }, { date: '2024-01-10', n: 1 }, { date: '2024-03-02', n: 3 }]), [
    { date: '2024-01-10', value: 1 },
    { date: '2024-03-02', value: 6 },
  ]);
  assert.deepEqual(cumulative([]), []);
});

// A worker thread that reads one workbook (read.ts readXlsxOffThread): exceljs's seconds of work
// and its memory stay off the event loop that serves the site.
import { parentPort, workerData } from 'node:worker_threads';
import { readXlsx } from './read.ts';

parentPort!.postMessage(await readXlsx(Buffer.from(workerData as Uint8Array)));

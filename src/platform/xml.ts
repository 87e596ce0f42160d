// The XML writer of the Atom feeds and the sitemaps (fast-xml-parser's builder), loaded when the
// first is written: the package, parser included, cost every start 0.08 s and 11 MB.
import { createRequire } from 'node:module';
import type { XMLBuilder } from 'fast-xml-parser';

let builder: XMLBuilder | undefined;

/** An object as indented XML: keys starting with `@_` are attributes, empty elements close themselves. */
export function buildXml(doc: unknown): string {
  if (!builder) {
    const { XMLBuilder: Builder } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
    builder = new Builder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  }
  return builder.build(doc);
}

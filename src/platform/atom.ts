// An Atom feed (RFC 4287) of plain texts. Titles and summaries are people's text, not HTML, so
// they are declared type="text" and escaped by the XML builder: a reader shows "<b>" as typed
// instead of rendering it (the `feed` package marked every title type="html").
import { buildXml } from './xml.ts';

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  summary?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** the page the feed follows */
  link: string;
  /** the feed's own address */
  self: string;
  language: string;
  /** who publishes (Atom requires an author for entries that name none) */
  author: string;
  rights: string;
  updated: Date;
  entries: AtomEntry[];
}

const text = (value: string) => ({ '@_type': 'text', '#text': value });

export function atomXml(f: AtomFeed): string {
  return buildXml({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': f.language,
      id: f.id,
      title: text(f.title),
      updated: f.updated.toISOString(),
      link: [
        { '@_rel': 'alternate', '@_href': f.link },
        { '@_rel': 'self', '@_href': f.self },
      ],
      author: { name: f.author },
      rights: text(f.rights),
      entry: f.entries.map((e) => ({
        id: e.id,
        title: text(e.title),
        link: { '@_href': e.link },
        updated: e.updated.toISOString(),
        ...(e.summary ? { summary: text(e.summary) } : {}),
      })),
    },
  });
}

// Elements whose content is never text a reader sees.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'head']);
// Elements that start a new line, so headings, paragraphs and list items stay apart.
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'caption',
  'title',
]);
const CELLS = new Set(['td', 'th']);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  bull: '•',
  middot: '·',
  deg: '°',
  euro: '€',
  pound: '£',
  times: '×',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!?[a-zA-Z/][^>]*>/g;

/**
 * The visible text of an HTML document: scripts, styles and the head (except its title) dropped,
 * block elements on their own lines, list items marked, table cells separated by tabs, whitespace
 * collapsed as a browser would except inside `<pre>`.
 */
export function htmlToText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const out: string[] = title ? [decodeEntities(title).replace(/\s+/g, ' ').trim(), '\n\n'] : [];
  let pre = 0;
  let last = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const text = html.slice(last, match.index);
    out.push(pre > 0 ? decodeEntities(text) : decodeEntities(text.replace(/\s+/g, ' ')));
    last = TAG.lastIndex;
    const tag = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(match[0]);
    if (!tag) continue;
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (!closing && SKIPPED.has(name) && !match[0].endsWith('/>')) {
      const end = html.toLowerCase().indexOf(`</${name}`, last);
      if (end === -1) break;
      TAG.lastIndex = end;
      last = end;
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    if (name === 'li') out.push(closing ? '' : '\n- ');
    else if (BLOCKS.has(name)) out.push('\n');
    else if (CELLS.has(name) && !closing) out.push('\t');
  }
  if (last < html.length) out.push(decodeEntities(html.slice(last).replace(/\s+/g, ' ')));
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, '').replace(/^- +$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A minimal streaming XML tokenizer for the parts of an .xlsx file the reader needs. It knows elements,
 * attributes, text, CDATA and the five predefined entities plus character references. It never resolves
 * DTD entities (no XXE, no "billion laughs"); element and attribute names lose their namespace prefix
 * (`x:c` → `c`), so files written with prefixed SpreadsheetML read the same.
 */
export type XmlHandlers = {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
};

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITY[e] ?? m;
  });
}

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!s) return out;
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s))) {
    const raw = m[1]!;
    if (raw === 'xmlns' || raw.startsWith('xmlns:')) continue;
    out[localName(raw)] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** Finds the '>' that closes a tag starting at `from`, skipping quoted attribute values. */
function tagEnd(buf: string, from: number): number {
  let quote = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

export class XmlScanner {
  private buf = '';

  constructor(private readonly h: XmlHandlers) {}

  write(chunk: string): void {
    this.buf = this.buf ? this.buf + chunk : chunk;
    const buf = this.buf;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) break;
      if (lt > pos) this.h.text(decodeEntities(buf.slice(pos, lt)));
      pos = lt;
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (buf.startsWith('<!--', lt)) {
          const end = buf.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
        } else if (buf.startsWith('<![CDATA[', lt)) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end < 0) break;
          this.h.text(buf.slice(lt + 9, end));
          pos = end + 3;
        } else {
          // <!DOCTYPE …> possibly with an internal subset: skipped, never interpreted.
          const bracket = buf.indexOf('[', lt);
          const close = buf.indexOf('>', lt);
          if (close < 0) break;
          if (bracket >= 0 && bracket < close) {
            const end = buf.indexOf(']>', bracket);
            if (end < 0) break;
            pos = end + 2;
          } else pos = close + 1;
        }
        continue;
      }
      if (next === 63 /* ? */) {
        const end = buf.indexOf('?>', lt + 2);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      const end = tagEnd(buf, lt + 1);
      if (end < 0) break;
      if (next === 47 /* / */) {
        this.h.close(localName(buf.slice(lt + 2, end).trim()));
      } else {
        const selfClosing = buf.charCodeAt(end - 1) === 47;
        const inner = buf.slice(lt + 1, selfClosing ? end - 1 : end);
        const sp = inner.search(/\s/);
        const name = localName(sp < 0 ? inner : inner.slice(0, sp));
        this.h.open(name, sp < 0 ? {} : parseAttrs(inner.slice(sp + 1)), selfClosing);
        if (selfClosing) this.h.close(name);
      }
      pos = end + 1;
    }
    this.buf = buf.slice(pos);
  }

  end(): void {
    if (this.buf && this.buf.indexOf('<') < 0) this.h.text(decodeEntities(this.buf));
    this.buf = '';
  }
}

/** OOXML escapes characters that XML cannot carry as `_xHHHH_` inside strings. */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

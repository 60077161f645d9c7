// Plan ids are an encoding of the plan's key (repository-relative path or
// URL) that can be decoded again, so two keys never share an id and an id
// never depends on which other plans exist. Every character maps to a code
// word and no code word is the start of another:
//   a-z 0-9 . -   themselves
//   /             ~
//   A-Z           _ and the lower-case letter (`R` is `_r`)
//   anything else __, its code point in hex, _ (`_` is `__5f_`)
// A key ending in `.md` drops it; any other key gets a final lone `_`.

function encodeChar(ch: string): string {
  if (/[a-z0-9.-]/.test(ch)) return ch;
  if (ch === '/') return '~';
  if (/[A-Z]/.test(ch)) return `_${ch.toLowerCase()}`;
  return `__${ch.codePointAt(0)!.toString(16)}_`;
}

/**
 * A stable, URL-safe id for a plan: `docs/phases/phase-4.23-ollama.md`
 * becomes `docs~phases~phase-4.23-ollama`, `docs/a_b.md` `docs~a__5f_b`.
 */
export function planIdOf(key: string): string {
  const md = /.\.md$/.test(key);
  const base = md ? key.slice(0, -3) : key;
  return Array.from(base, encodeChar).join('') + (md ? '' : '_');
}

/** The key a plan id was made from, or undefined when it is not a plan id. */
export function planKeyOf(id: string): string | undefined {
  let key = '';
  let i = 0;
  while (i < id.length) {
    const ch = id[i];
    if (/[a-z0-9.-]/.test(ch)) key += ch;
    else if (ch === '~') key += '/';
    else if (ch !== '_') return undefined;
    else if (i === id.length - 1) return key; // the mark of a key without .md
    else if (/[a-z]/.test(id[i + 1])) key += id[++i].toUpperCase();
    else {
      const m = /^__([0-9a-f]{1,6})_/.exec(id.slice(i));
      const cp = m ? parseInt(m[1], 16) : NaN;
      if (
        !m ||
        cp > 0x10ffff ||
        encodeChar(String.fromCodePoint(cp)) !== m[0]
      ) {
        return undefined;
      }
      key += String.fromCodePoint(cp);
      i += m[0].length - 1;
    }
    i++;
  }
  return `${key}.md`;
}

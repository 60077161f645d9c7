// Characters that Windows-1252 puts at bytes 0x80-0x9F. The five unassigned
// bytes decode to the C1 control of the same number, which byteOf covers.
const CP1252_HIGH: Record<string, number> = {
  '\u20ac': 0x80, '\u201a': 0x82, '\u0192': 0x83, '\u201e': 0x84,
  '\u2026': 0x85, '\u2020': 0x86, '\u2021': 0x87, '\u02c6': 0x88,
  '\u2030': 0x89, '\u0160': 0x8a, '\u2039': 0x8b, '\u0152': 0x8c,
  '\u017d': 0x8e, '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93,
  '\u201d': 0x94, '\u2022': 0x95, '\u2013': 0x96, '\u2014': 0x97,
  '\u02dc': 0x98, '\u2122': 0x99, '\u0161': 0x9a, '\u203a': 0x9b,
  '\u0153': 0x9c, '\u017e': 0x9e, '\u0178': 0x9f,
}; // prettier-ignore

/** The byte Windows-1252 encodes this character as, if it is a non-ASCII one. */
function byteOf(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (code >= 0x80 && code <= 0xff) return code;
  return CP1252_HIGH[ch];
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one UTF-8 sequence, or returns undefined when it is not valid UTF-8. */
function decodeUtf8(bytes: number[]): number | undefined {
  if (bytes.slice(1).some(b => b < 0x80 || b > 0xbf)) return undefined;
  const tail = bytes.slice(1).reduce((acc, b) => (acc << 6) | (b & 0x3f), 0);
  const shift = 6 * (bytes.length - 1);
  const leadBits = bytes[0] & (0xff >> (bytes.length + 1));
  const cp = (leadBits << shift) | tail;
  const min = [0, 0, 0x80, 0x800, 0x10000][bytes.length];
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    return undefined;
  }
  return cp;
}

/**
 * Repairs UTF-8 text that was decoded as Windows-1252 somewhere on its way
 * ("âœ…" back to "✅", "ðŸš§" back to "🚧"). Only runs of characters that
 * re-encode to a valid UTF-8 sequence are changed, so correct text, including
 * accented letters and real dashes, is left as it is.
 */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lead = byteOf(text[i]);
    const length = lead === undefined ? 0 : sequenceLength(lead);
    if (length > 0 && i + length <= text.length) {
      const bytes = [lead!];
      for (let k = 1; k < length; k++) {
        const b = byteOf(text[i + k]);
        if (b === undefined) break;
        bytes.push(b);
      }
      const cp = bytes.length === length ? decodeUtf8(bytes) : undefined;
      if (cp !== undefined) {
        out.push(String.fromCodePoint(cp));
        i += length;
        continue;
      }
    }
    out.push(text[i]);
    i++;
  }
  return out.join('');
}

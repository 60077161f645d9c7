/**
 * Splits a command string the way compose does for `command:` and `entrypoint:` strings
 * (mattn/go-shellwords without expansion): blanks separate words, single quotes are
 * literal, double quotes and backslashes escape. shell-quote would also turn `*`, `#`
 * and operators into objects, which compose keeps as text.
 */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (
        c === '\\' &&
        i + 1 < text.length &&
        '"\\$`'.includes(text[i + 1])
      )
        word += text[++i];
      else word += c;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in "${text}"`);
  if (inWord) words.push(word);
  return words;
}

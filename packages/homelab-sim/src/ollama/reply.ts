const WORDS = [
  'The',
  ' homelab',
  ' runs',
  ' this',
  ' model',
  ' on',
  ' CPU',
  ' only',
  ',',
  ' so',
  ' answers',
  ' arrive',
  ' at',
  ' a',
  ' few',
  ' tokens',
  ' per',
  ' second',
  '.',
  ' This',
  ' reply',
  ' comes',
  ' from',
  ' homelab-sim',
  ',',
  ' a',
  ' stand-in',
  ' for',
  ' the',
  ' real',
  ' Ollama',
  ' server',
  '.',
];

const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'is',
  'for',
  'this',
  'that',
  'with',
  'into',
  'on',
  'text',
  'tags',
]);

/** Rough token count of a prompt, about what a BPE tokenizer gives for English. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.split(/\s+/).filter(Boolean).length * 1.3));
}

/**
 * The tokens of a canned reply. When a JSON format is requested (as Karakeep's
 * tagging does) the reply is a JSON object with tags taken from the prompt.
 */
export function replyTokens(
  prompt: string,
  count: number,
  format: unknown,
): string[] {
  if (format) {
    const tags = [
      ...new Set(prompt.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? []),
    ]
      .filter(w => !STOP_WORDS.has(w))
      .slice(0, 3);
    const json = JSON.stringify({ tags: tags.length ? tags : ['homelab'] });
    return json.match(/.{1,4}/g) ?? [json];
  }
  return Array.from(
    { length: Math.max(0, count) },
    (_, i) => WORDS[i % WORDS.length],
  );
}

/** Token ids for `context`; only their count means anything. */
export function contextIds(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 151644 + (i % 1000));
}

import type { PhaseProgress, PhaseStatus } from '../types';

const EMOJI: [string, PhaseStatus][] = [
  ['✅', 'complete'],
  ['✔', 'complete'],
  ['☑', 'complete'],
  ['🚧', 'in-progress'],
  ['🔄', 'in-progress'],
  ['🔶', 'in-progress'],
  ['⏳', 'in-progress'],
  ['📅', 'planned'],
  ['⬜', 'planned'],
  ['⛔', 'blocked'],
  ['🛑', 'blocked'],
];

const WORDS: [RegExp, PhaseStatus][] = [
  [/^(?:not\s+(?:yet\s+)?started|ready\s+to\s+implement|planned|planning|pending|todo|to\s+do|backlog)/i, 'planned'],
  [/^(?:in[\s_-]*progress|wip|implementation|implementing)/i, 'in-progress'],
  [/^(?:completed?|done|released|finished)/i, 'complete'],
  [/^(?:blocked|on\s+hold)/i, 'blocked'],
]; // prettier-ignore

const LEADING_NOISE = /^[\s*_~`>|:.\-–—[(]+/;

export interface StatusMatch {
  status: PhaseStatus;
  /** What followed the status word or emoji, e.g. "(90% Complete)". */
  rest: string;
}

/**
 * Reads a status written at the start of `text`: a status word, an emoji, or
 * both ("🚧 In Progress"). The word wins over the emoji, and a status word
 * wins over any percentage after it. A bare leading percentage counts too:
 * 100% is complete, 0% planned, anything between in progress.
 */
export function statusAtStart(text: string): StatusMatch | undefined {
  let rest = text.replace(LEADING_NOISE, '');
  let fromEmoji: PhaseStatus | undefined;
  for (const [emoji, status] of EMOJI) {
    if (rest.startsWith(emoji)) {
      fromEmoji = status;
      rest = rest
        .slice(emoji.length)
        .replace(/^\uFE0F/, '')
        .trimStart();
      break;
    }
  }
  const percent = /^(\d{1,3}(?:\.\d+)?)\s*%/.exec(rest);
  if (percent) {
    const value = Number(percent[1]);
    if (value > 100) return undefined;
    let status: PhaseStatus = 'in-progress';
    if (value >= 100) status = 'complete';
    else if (value <= 0) status = 'planned';
    return { status, rest: rest.slice(percent[0].length) };
  }
  for (const [pattern, status] of WORDS) {
    const m = pattern.exec(rest);
    if (m && !/^[\p{L}\p{N}]/u.test(rest.slice(m[0].length))) {
      return { status, rest: rest.slice(m[0].length) };
    }
  }
  return fromEmoji ? { status: fromEmoji, rest } : undefined;
}

/** Like statusAtStart, but only when nothing except emoji, numbers (dates, percentages) and punctuation follows. */
export function statusOnly(text: string): PhaseStatus | undefined {
  const match = statusAtStart(text);
  if (!match) return undefined;
  return match.rest.replace(/[\s\p{P}\p{S}\p{N}]/gu, '') === ''
    ? match.status
    : undefined;
}

/** The first status emoji anywhere in `text`. */
export function statusEmojiIn(text: string): PhaseStatus | undefined {
  let best: { at: number; status: PhaseStatus } | undefined;
  for (const [emoji, status] of EMOJI) {
    const at = text.indexOf(emoji);
    if (at >= 0 && (!best || at < best.at)) best = { at, status };
  }
  return best?.status;
}

/** Progress written as "7/10", "7 of 10" or "70%" anywhere in `text`. */
export function parseProgress(text: string): PhaseProgress | undefined {
  const progress: PhaseProgress = {};
  const percent = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%/.exec(text);
  if (percent && Number(percent[1]) <= 100) {
    progress.percent = Number(percent[1]);
  }
  const ratio = /(?<![\d/.-])(\d+)\s*(?:\/|\bof\b)\s*(\d+)(?![\d/.-])/i.exec(
    text,
  );
  if (ratio && Number(ratio[2]) > 0 && Number(ratio[1]) <= Number(ratio[2])) {
    progress.done = Number(ratio[1]);
    progress.total = Number(ratio[2]);
  }
  return Object.keys(progress).length ? progress : undefined;
}

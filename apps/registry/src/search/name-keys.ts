import type { PersonName } from '@hub/contracts';
import { namePartsOf, normaliseNamePart, phoneticCodes } from './name-matching';

/**
 * Index keys that let the database narrow a name search to the records that can score. A name
 * matches only if most of the query's parts agree with one of its parts (`requiredParts`), so the
 * database is asked for the records holding a key of each of those parts — an intersection of a few
 * index entries, about a hundred records at 100,000 — instead of every record sharing any one part
 * (thousands of Johns). A query part agrees with a name part (`namePartSimilarity` in
 * name-matching.ts) when they are equal, sound alike, are alike by Jaro–Winkler, or one is the
 * other's initial; each way has keys that find it:
 *
 * - `d:<text>`: the part, and for parts of four letters or more the part less any one letter: two
 *   spellings one insertion, deletion, substitution or swap of neighbours apart share one
 *   (Smith/Snith share "sith"); shorter parts that far apart do not agree;
 * - `p:<code>`: every phonetic code of three letters or more, the shortest that counts as agreement
 *   (Catherine/Kathryn, Mohammed/Muhammad);
 * - `b:<two letters>`: the beginning, which Jaro–Winkler rewards: most parts that agree without
 *   being one slip apart or sounding alike begin alike (Robert/Rose, Callum/Carl);
 * - `f:<letter>`: the first letter, found by a query initial ("J Smith");
 * - `i:<letter>`: a part that is an initial, found by any query part it begins.
 *
 * Measured on 100,000 synthetic people searched by their names, mistyped or not: it lets through
 * about 250 records a search (a few thousand when one part of the record can stand for two of the
 * query's, "Michael Mirgan" and every Michael), and 82–90% of those that score, as many as the
 * phonetic-code filter it replaces did with 3,400; always including every record whose name the
 * query mistypes once. What it misses are loose agreements such as Dylan/Declan and Imran/Kieran.
 */

/** More query parts than this would need too many combinations; nobody has that many names. */
export const maxNameQueryParts = 6;

/** Below this length, parts one slip apart never agree, and their deletions match too much. */
const deletionMinLength = 4;
/** As `phoneticMinLength` in name-matching.ts: shorter codes are not agreement. */
const phoneticKeyMinLength = 3;

function spellingKeys(part: string): string[] {
  const keys = [`d:${part}`];
  if (part.length >= deletionMinLength) {
    for (let i = 0; i < part.length; i++) keys.push(`d:${part.slice(0, i)}${part.slice(i + 1)}`);
  }
  return keys;
}

const soundKeys = (part: string): string[] =>
  phoneticCodes(part)
    .filter((code) => code.length >= phoneticKeyMinLength)
    .map((code) => `p:${code}`);

/** The keys a normalised name part of a record is filed under. */
export function recordPartKeys(part: string): string[] {
  if (part.length === 1) return [`f:${part}`, `i:${part}`];
  return [`f:${part[0]}`, `b:${part.slice(0, 2)}`, ...soundKeys(part), ...spellingKeys(part)];
}

/** The keys that find every record part a normalised query part can agree with. */
export function queryPartKeys(part: string): string[] {
  if (part.length === 1) return [`f:${part}`];
  return [
    ...new Set([
      `i:${part[0]}`,
      `b:${part.slice(0, 2)}`,
      ...soundKeys(part),
      ...spellingKeys(part),
    ]),
  ];
}

/** Every key of a record's names (the name and the aliases), for `search.nameKeys`. */
export function nameKeysOf(names: PersonName[]): string[] {
  const parts = new Set(names.flatMap(namePartsOf));
  return [...new Set([...parts].flatMap(recordPartKeys))];
}

/**
 * How many of n query parts must agree with the name for it to reach a score of 0.8. An agreeing
 * part scores at most 1, a query part left over when the name has fewer parts 0.5, a disagreeing one
 * 0: with a agreeing parts the score is at most (a + 0.5 (n - a)) / n, which is 0.8 or more only
 * when a >= 0.6 n.
 */
export function requiredParts(queryParts: number): number {
  return Math.ceil(queryParts * 0.6 - 1e-9);
}

/** Every way of choosing k of the items, in order. */
function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [
    ...combinations(rest, k - 1).map((chosen) => [first, ...chosen]),
    ...combinations(rest, k),
  ];
}

/**
 * Alternatives, each a list of key sets of which a record must hold one key each: the query's parts
 * taken `requiredParts` at a time. Empty when the text has no letters.
 */
export function nameQueryKeySets(text: string): string[][][] {
  const parts = normaliseNamePart(text);
  if (parts.length > maxNameQueryParts) {
    throw new RangeError(`a name query has at most ${maxNameQueryParts} parts`);
  }
  if (parts.length === 0) return [];
  const alternatives = new Map<string, string[][]>();
  for (const chosen of combinations(parts, requiredParts(parts.length))) {
    // A repeated query part ("John John Smith") makes the same alternative more than once.
    const distinct = [...new Set(chosen)].sort();
    alternatives.set(distinct.join(' '), distinct.map(queryPartKeys));
  }
  return [...alternatives.values()];
}

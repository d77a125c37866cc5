import type { PersonName } from '@hub/contracts';

/**
 * Name matching for the search API: normalisation, a phonetic code and a similarity score that are
 * tolerant of spelling, transliteration and the order agencies write names in ("SMITH John",
 * "John Smith"). Agencies record the same person with different spellings, so exact matching would
 * hide records a practitioner needs to see.
 */

/** Letters NFD does not decompose into a base letter plus marks. */
const foldedLetters: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case without diacritics, so that "José" and "Jose" are one spelling. */
function foldCase(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (letter) => foldedLetters[letter] ?? letter);
}

/** "Mc"/"Mac" written apart from the rest of the name ("Mac Donald") is still one name. */
const separablePrefixes = new Set(['mc', 'mac']);

/**
 * The comparable parts of a name part (or of any free text naming a person): lower case, without
 * diacritics, apostrophes dropped ("O'Brien" is "obrien"), split at hyphens, spaces and other
 * punctuation ("Smith-Jones" is "smith" and "jones"). A "Mc"/"Mac" prefix stays part of the name.
 */
export function normaliseNamePart(part: string): string[] {
  const words = foldCase(part)
    .replace(/['’‘ʼ`´]/g, '')
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
  const parts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (separablePrefixes.has(word) && next !== undefined) {
      parts.push(word + next);
      i++;
    } else {
      parts.push(word);
    }
  }
  return parts;
}

/** Every normalised part of a person's name: given names first, then the family name. */
export function namePartsOf(name: PersonName): string[] {
  return [...name.givenNames.flatMap(normaliseNamePart), ...normaliseNamePart(name.familyName)];
}

/** Enough for the ambiguities real names have, few enough to keep the index small. */
const maxCodes = 4;

const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isVowel = (letter: string | undefined): boolean => letter !== undefined && vowels.has(letter);

/**
 * A simplified Metaphone/Double Metaphone: one code for how a name part sounds in English, plus
 * alternatives where the spelling is ambiguous (TH as in "Thomas" or "Matthew", CH as in "Charles"
 * or "Michael", G as in "George" or "Gerhard"). Vowels after the first letter are dropped, so
 * Mohammed/Muhammad/Mohamed, Catherine/Kathryn, Stephen/Steven, Smith/Smyth and Jon/John each share a
 * code. Returns the primary code first; at most `maxCodes` codes, so ambiguous long names stay cheap
 * to index.
 */
export function phoneticCodes(part: string): string[] {
  const word = foldCase(part).replace(/[^a-z]/g, '');
  if (word.length === 0) return [];
  // Each step of the walk adds one of a few alternative sounds to every code built so far. A sound
  // repeating the one before it is heard once ("Schmidt"/"Schmitt", "Dixon"/"Dickson").
  let codes = [''];
  const add = (...sounds: string[]): void => {
    const next = new Set<string>();
    for (const code of codes) {
      for (const sound of sounds) {
        next.add(code + (code.endsWith(sound[0]) ? sound.slice(1) : sound));
      }
    }
    codes = [...next].slice(0, maxCodes);
  };
  const at = (i: number): string | undefined => word[i];
  const follows = (i: number, text: string): boolean => word.startsWith(text, i);

  let i = 0;
  // Silent first letters (Knight, Gnome, Wright, Psalm), X pronounced S (Xavier), WH pronounced W.
  if (['kn', 'gn', 'pn', 'wr', 'ps'].some((start) => follows(0, start))) i = 1;
  else if (follows(0, 'x')) {
    add('S');
    i = 1;
  } else if (follows(0, 'wh')) {
    add('W');
    i = 2;
  } else if (isVowel(at(0)) && !(at(0) === 'y' && isVowel(at(1)))) {
    // Every first vowel sounds alike enough ("Ellen"/"Allen", "Yvonne"/"Ivonne").
    add('A');
    i = 1;
  }

  for (; i < word.length; i++) {
    const letter = word[i];
    const previous = at(i - 1);
    const next = at(i + 1);
    // A doubled letter sounds once (Mohammed), except CC which can be two sounds (Acciari).
    if (letter === previous && letter !== 'c') continue;
    switch (letter) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        break;
      case 'y':
        if (i === 0) add('Y'); // only a leading Y before a vowel reaches here (Yusuf)
        break;
      case 'b':
        if (!(previous === 'm' && i === word.length - 1)) add('B'); // silent in "-mb"
        break;
      case 'c':
        if (follows(i, 'cia')) add('X');
        else if (next === 'h') {
          const afterH = at(i + 2);
          if (previous === 's' || (i === 0 && afterH !== undefined && !isVowel(afterH))) add('K');
          else add('X', 'K');
          i++;
        } else if (next === 'i' || next === 'e' || next === 'y') {
          if (previous !== 's') add('S'); // "sc" before e/i/y is one S sound
        } else add('K'); // also for "ck", whose K is silent
        break;
      case 'd':
        if (next === 'g' && ['e', 'i', 'y'].includes(at(i + 2) ?? '')) {
          add('J');
          i++;
        } else add('T');
        break;
      case 'g':
        if (next === 'h') {
          if (isVowel(at(i + 2))) add('K'); // otherwise silent: Hugh, Leigh, Knight
          i++;
        } else if (next === 'n' && (i + 2 === word.length || follows(i + 1, 'ned'))) {
          break; // silent: Champagne
        } else if (next === 'e' || next === 'i' || next === 'y') add('J', 'K');
        else add('K');
        break;
      case 'h':
        // Sounded only before a vowel, and not as part of CH/SH/PH/TH/GH (handled there).
        if (isVowel(next) && !['c', 's', 'p', 't', 'g'].includes(previous ?? '')) add('H');
        break;
      case 'k':
        if (previous !== 'c') add('K');
        break;
      case 'p':
        if (next === 'h') {
          add('F');
          i++;
        } else add('P');
        break;
      case 'q':
        add('K');
        break;
      case 's':
        if (next === 'h' || follows(i, 'sio') || follows(i, 'sia')) {
          add('X');
          if (next === 'h') i++;
        } else if (follows(i, 'sch')) {
          add('SK');
          i += 2;
        } else add('S');
        break;
      case 't':
        if (follows(i, 'tia') || follows(i, 'tio')) add('X');
        else if (next === 'h') {
          add('0', 'T');
          i++;
        } else if (!follows(i, 'tch')) add('T');
        break;
      case 'v':
        add('F');
        break;
      case 'w':
        if (isVowel(next)) add('W');
        break;
      case 'x':
        add('KS');
        break;
      case 'z':
        add('S');
        break;
      default:
        add(letter.toUpperCase()); // f, j, l, m, n, r
    }
  }
  return codes.filter((code) => code.length > 0);
}

/** The primary phonetic code of a name part ('' if it has no letters). */
export function phoneticCode(part: string): string {
  return phoneticCodes(part)[0] ?? '';
}

/** Jaro–Winkler similarity of two strings, in [0, 1]; 1 means equal. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(b.length, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) outOfOrder++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - outOfOrder / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Below this, two name parts disagree (Smith/Smart 0.79, Jane/John 0.70); at or above it they may be
 * spellings of one name (Smith/Snith 0.88, Jon/John 0.93). A disagreeing part scores 0.
 */
export const partAgreement = 0.8;
/** Name parts that sound alike score at least this, whatever their spelling (Catherine/Kathryn). */
const phoneticAgreement = 0.9;
/**
 * Codes shorter than this say too little to count as agreement: "JN" is Jon and John, but also Jane
 * and Joan.
 */
const phoneticMinLength = 3;
/** An initial ("J") agrees with any name part it begins, but less than the full part would. */
const initialAgreement = 0.85;
/**
 * A query part the candidate has no part left for (a middle name one agency did not record) is
 * unknown rather than conflicting: half credit.
 */
const missingPart = 0.5;
/** Each part of the candidate the query does not mention lowers the score a little, so the closest name ranks first. */
const extraPartPenalty = 0.02;

/** How alike two normalised name parts are, in [0, 1]. */
export function namePartSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? initialAgreement : 0;
  const spelling = jaroWinkler(a, b);
  const code = phoneticCode(a);
  return code.length >= phoneticMinLength && code === phoneticCode(b)
    ? Math.max(spelling, phoneticAgreement)
    : spelling;
}

/**
 * Pairs each part of `left` with the most similar unpaired part of `right`, greedily, best pairs
 * first (ties in the order the parts are written): the similarity of each paired left part, and
 * which right parts were paired.
 */
function pairParts(
  left: string[],
  right: string[],
): { pairedLeft: Map<number, number>; pairedRight: Set<number> } {
  const pairs = left
    .flatMap((l, li) => right.map((r, ri) => ({ li, ri, similarity: namePartSimilarity(l, r) })))
    .sort((x, y) => y.similarity - x.similarity);
  const pairedLeft = new Map<number, number>();
  const pairedRight = new Set<number>();
  for (const pair of pairs) {
    if (pairedLeft.has(pair.li) || pairedRight.has(pair.ri)) continue;
    pairedLeft.set(pair.li, pair.similarity);
    pairedRight.add(pair.ri);
  }
  return { pairedLeft, pairedRight };
}

export type NameQuery = string | { givenNames: string[]; familyName: string };

/**
 * How well a candidate's name matches a query, in [0, 1], whatever the order of the parts. Each query
 * part is paired with the most similar unpaired candidate part (greedily, best pairs first); the score
 * is the mean over the query parts of: the pair's similarity if the parts agree, 0 if they disagree,
 * and `missingPart` if the candidate has no part left. Candidate parts the query leaves out cost
 * `extraPartPenalty` each.
 */
export function nameSimilarity(query: NameQuery, candidate: PersonName): number {
  const queryParts = typeof query === 'string' ? normaliseNamePart(query) : namePartsOf(query);
  const candidateParts = namePartsOf(candidate);
  if (queryParts.length === 0 || candidateParts.length === 0) return 0;

  const { pairedLeft: pairedQuery, pairedRight: pairedCandidate } = pairParts(
    queryParts,
    candidateParts,
  );

  let total = 0;
  for (let qi = 0; qi < queryParts.length; qi++) {
    const similarity = pairedQuery.get(qi);
    if (similarity === undefined) total += missingPart;
    else if (similarity >= partAgreement) total += similarity;
  }
  const extraParts = candidateParts.length - pairedCandidate.size;
  const score = total / queryParts.length - extraParts * extraPartPenalty;
  return Math.min(1, Math.max(0, score));
}

/**
 * How alike two people's names are, in [0, 1], the same whichever is given first: what duplicate
 * detection compares, where neither name is the "query". A name whose parts all agree with parts of
 * the other is the same name with parts left out (a middle name one agency did not record: "John
 * Smith" and "John Paul Smith"): it scores the mean similarity of its parts, less
 * `extraPartPenalty` for each part of the other it leaves out. A part that disagrees scores 0 (John
 * Peter / John Paul Smith). A name of one part leaves too much unknown to be tolerated so: the parts
 * it leaves out count `missingPart`, as in search. The names are compared in one fixed order (fewer
 * parts first, then alphabetically), so that the greedy pairing, and the score, never depend on
 * which record was registered first.
 */
export function symmetricNameSimilarity(a: PersonName, b: PersonName): number {
  const [shorter, longer] = [namePartsOf(a), namePartsOf(b)].sort(
    (x, y) => x.length - y.length || x.join(' ').localeCompare(y.join(' ')),
  );
  if (shorter.length === 0) return 0;
  const { pairedLeft } = pairParts(shorter, longer);
  let total = 0;
  for (const similarity of pairedLeft.values())
    if (similarity >= partAgreement) total += similarity;
  const leftOut = longer.length - shorter.length;
  const score =
    shorter.length === 1
      ? (total + leftOut * missingPart) / longer.length
      : total / shorter.length - leftOut * extraPartPenalty;
  return Math.min(1, Math.max(0, score));
}

/** The phonetic codes (with alternatives) of every part of a free-text name, for prefiltering. */
export function phoneticCodesOfText(text: string): string[] {
  return [...new Set(normaliseNamePart(text).flatMap(phoneticCodes))];
}

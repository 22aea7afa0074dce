/**
 * PARTITION matching (DDS 1.4 2.2.3.13): names may hold fnmatch wildcards (`*`, `?`, `[...]`, `\` escape). An
 * empty list is the default partition "". Two lists match when some name of one matches some name of the
 * other; two names that both hold wildcards match only when they are the same string (as Cyclone DDS does).
 */
export function partitionsMatch(a: readonly string[], b: readonly string[]): boolean {
  const left = a.length === 0 ? [''] : a;
  const right = b.length === 0 ? [''] : b;
  return left.some((x) => right.some((y) => partitionNamesMatch(x, y)));
}

/** Whether a partition name is a pattern (DDS 2.2.3.13: fnmatch wildcards). */
export function hasWildcard(name: string): boolean {
  return /[*?[\\]/.test(name);
}

function partitionNamesMatch(x: string, y: string): boolean {
  if (x === y) return true;
  const wx = hasWildcard(x);
  const wy = hasWildcard(y);
  if (wx && wy) return false;
  if (wx) return fnmatch(x, y);
  if (wy) return fnmatch(y, x);
  return false;
}

/**
 * POSIX fnmatch without flags: `*` any run, `?` one character, `[abc]`, `[a-z]`, `[!a]` classes, `\` escapes.
 * Iterative with a single backtrack point, so linear-ish and never recursive on hostile patterns.
 */
export function fnmatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const step = p < pattern.length ? matchOne(pattern, p, text[t]!) : undefined;
    if (p < pattern.length && pattern[p] === '*') {
      starP = ++p;
      starT = t;
    } else if (step !== undefined && step > 0) {
      p = step;
      t++;
    } else if (starP >= 0) {
      p = starP;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The pattern position after matching one character `c` at `p`, or 0 when it does not match. */
function matchOne(pattern: string, p: number, c: string): number {
  const ch = pattern[p]!;
  if (ch === '?') return p + 1;
  if (ch === '\\' && p + 1 < pattern.length) return pattern[p + 1] === c ? p + 2 : 0;
  if (ch === '[') {
    const end = classEnd(pattern, p);
    if (end > 0) return classMatches(pattern, p + 1, end, c) ? end + 1 : 0;
  }
  return ch === c ? p + 1 : 0;
}

/** Index of the `]` closing the class opened at `open`, or 0 when unterminated (then `[` is literal). */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  while (i < pattern.length && pattern[i] !== ']') i++;
  return i < pattern.length ? i : 0;
}

function classMatches(pattern: string, from: number, end: number, c: string): boolean {
  let i = from;
  const negate = pattern[i] === '!' || pattern[i] === '^';
  if (negate) i++;
  let hit = false;
  while (i < end) {
    const lo = pattern[i]!;
    if (pattern[i + 1] === '-' && i + 2 < end) {
      if (c >= lo && c <= pattern[i + 2]!) hit = true;
      i += 3;
    } else {
      if (c === lo) hit = true;
      i++;
    }
  }
  return hit !== negate;
}

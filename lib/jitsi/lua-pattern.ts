/**
 * The subset of Lua patterns that Prosody's room check can meet (`context.room.regex: true` makes the
 * token's `room` claim a pattern, matched with Lua's `string.match`). Supported: literals, `.`,
 * `%a %c %d %g %l %p %s %u %w %x` (and their upper-case complements), `%`-escapes, sets `[...]`/`[^...]`
 * with ranges, quantifiers `* + - ?`, anchors `^`/`$`. Captures `( )`, `%b`, `%f` and back-references
 * throw `UnsupportedPattern`, so a caller can say so instead of guessing.
 */

type PatternClass =
  | { kind: 'any' }
  | { kind: 'char'; char: string }
  | { kind: 'class'; letter: string }
  | { kind: 'set'; negate: boolean; items: SetItem[] };
type SetItem = { kind: 'char'; char: string } | { kind: 'range'; from: string; to: string } | { kind: 'class'; letter: string };
type PatternItem = { cls: PatternClass; quantifier: '' | '*' | '+' | '-' | '?' };
export type CompiledPattern = { anchored: boolean; items: PatternItem[]; endAnchor: boolean; quantifiers: number };

/** The pattern uses a Lua feature this engine does not evaluate (captures, %b, %f, back-references). */
export class UnsupportedPattern extends Error {}
/** The pattern is not valid Lua (Lua itself would raise an error). */
class MalformedPattern extends Error {}

const CLASS_LETTERS = 'acdglpsuwx';

function classMatches(letter: string, char: string): boolean {
  const code = char.charCodeAt(0);
  const lower = letter.toLowerCase();
  let result: boolean;
  switch (lower) {
    case 'a':
      result = /[A-Za-z]/.test(char);
      break;
    case 'c':
      result = code < 32 || code === 127;
      break;
    case 'd':
      result = /[0-9]/.test(char);
      break;
    case 'g':
      result = code > 32 && code < 127;
      break;
    case 'l':
      result = /[a-z]/.test(char);
      break;
    case 'p':
      result = /[!-/:-@[-`{-~]/.test(char);
      break;
    case 's':
      result = /[ \t\n\v\f\r]/.test(char);
      break;
    case 'u':
      result = /[A-Z]/.test(char);
      break;
    case 'w':
      result = /[A-Za-z0-9]/.test(char);
      break;
    case 'x':
      result = /[0-9A-Fa-f]/.test(char);
      break;
    default:
      return letter === char;
  }
  return letter === lower ? result : !result;
}

function singleMatches(cls: PatternClass, char: string): boolean {
  switch (cls.kind) {
    case 'any':
      return true;
    case 'char':
      return cls.char === char;
    case 'class':
      return classMatches(cls.letter, char);
    case 'set': {
      const hit = cls.items.some((item) =>
        item.kind === 'char'
          ? item.char === char
          : item.kind === 'range'
            ? item.from <= char && char <= item.to
            : classMatches(item.letter, char),
      );
      return cls.negate ? !hit : hit;
    }
  }
}

/** Parses `pattern`; throws `UnsupportedPattern` or `MalformedPattern`. */
export function compileLuaPattern(pattern: string): CompiledPattern {
  const items: PatternItem[] = [];
  let i = 0;
  let anchored = false;
  let endAnchor = false;
  if (pattern.startsWith('^')) {
    anchored = true;
    i = 1;
  }
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '$' && i === pattern.length - 1) {
      endAnchor = true;
      break;
    }
    if (c === '(' || c === ')') throw new UnsupportedPattern('captures "( )"');
    let cls: PatternClass;
    if (c === '%') {
      const next = pattern[i + 1];
      if (next === undefined) throw new MalformedPattern("malformed pattern (ends with '%')");
      if (next === 'b') throw new UnsupportedPattern('%b');
      if (next === 'f') throw new UnsupportedPattern('%f');
      if (/[0-9]/.test(next)) throw new UnsupportedPattern('back-references (%1-%9)');
      cls = CLASS_LETTERS.includes(next.toLowerCase()) ? { kind: 'class', letter: next } : { kind: 'char', char: next };
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      let negate = false;
      if (pattern[j] === '^') {
        negate = true;
        j++;
      }
      const setItems: SetItem[] = [];
      let first = true;
      for (;;) {
        const sc = pattern[j];
        if (sc === undefined) throw new MalformedPattern("malformed pattern (missing ']')");
        if (sc === ']' && !first) break;
        first = false;
        if (sc === '%') {
          const next = pattern[j + 1];
          if (next === undefined) throw new MalformedPattern("malformed pattern (missing ']')");
          setItems.push(CLASS_LETTERS.includes(next.toLowerCase()) ? { kind: 'class', letter: next } : { kind: 'char', char: next });
          j += 2;
        } else if (pattern[j + 1] === '-' && pattern[j + 2] !== undefined && pattern[j + 2] !== ']') {
          setItems.push({ kind: 'range', from: sc, to: pattern[j + 2] as string });
          j += 3;
        } else {
          setItems.push({ kind: 'char', char: sc });
          j++;
        }
      }
      cls = { kind: 'set', negate, items: setItems };
      i = j + 1;
    } else if (c === '.') {
      cls = { kind: 'any' };
      i++;
    } else {
      cls = { kind: 'char', char: c };
      i++;
    }
    const q = pattern[i];
    if (q === '*' || q === '+' || q === '-' || q === '?') {
      items.push({ cls, quantifier: q });
      i++;
    } else {
      items.push({ cls, quantifier: '' });
    }
  }
  return { anchored, items, endAnchor, quantifiers: items.filter((item) => item.quantifier !== '').length };
}

/** Lua's do_match: the end index of a match of items[k..] at s[si], or -1. */
function matchFrom(p: CompiledPattern, k: number, s: string, si: number): number {
  if (k === p.items.length) return p.endAnchor && si !== s.length ? -1 : si;
  const item = p.items[k] as PatternItem;
  const here = si < s.length && singleMatches(item.cls, s[si] as string);
  switch (item.quantifier) {
    case '':
      return here ? matchFrom(p, k + 1, s, si + 1) : -1;
    case '?': {
      if (here) {
        const r = matchFrom(p, k + 1, s, si + 1);
        if (r !== -1) return r;
      }
      return matchFrom(p, k + 1, s, si);
    }
    case '*':
    case '+': {
      let count = 0;
      while (si + count < s.length && singleMatches(item.cls, s[si + count] as string)) count++;
      const min = item.quantifier === '+' ? 1 : 0;
      for (; count >= min; count--) {
        const r = matchFrom(p, k + 1, s, si + count);
        if (r !== -1) return r;
      }
      return -1;
    }
    case '-': {
      let at = si;
      for (;;) {
        const r = matchFrom(p, k + 1, s, at);
        if (r !== -1) return r;
        if (at < s.length && singleMatches(item.cls, s[at] as string)) at++;
        else return -1;
      }
    }
  }
}

/** Lua's string.match(s, pattern) without captures: the first matched substring, or null. */
export function luaPatternMatch(s: string, pattern: string): string | null {
  const compiled = compileLuaPattern(pattern);
  for (let start = 0; start <= s.length; start++) {
    const end = matchFrom(compiled, 0, s, start);
    if (end !== -1) return s.slice(start, end);
    if (compiled.anchored) break;
  }
  return null;
}

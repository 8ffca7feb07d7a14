// Number parsing as the BSD libc/libutil functions do it.

/** strtonum(3): a decimal integer in [min,max]; error text "invalid", "too small", "too large". */
export function strtonum(s: string, min: number, max: number): { value: number; error?: string } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m || min > max) return { value: 0, error: "invalid" };
  const v = Number(m[1]! + m[2]!);
  if (v < min) return { value: 0, error: "too small" };
  if (v > max) return { value: 0, error: "too large" };
  return { value: v };
}

/**
 * strtol(3)-style prefix parse: leading blanks, sign, digits in `base` (0 = auto 0x/0 prefix).
 * Returns the value (a bigint, so 64-bit ranges are exact), where parsing stopped, and whether
 * any digit was seen.
 */
export function strtol(s: string, base = 10): { value: bigint; end: number; digits: boolean } {
  let i = 0;
  while (i < s.length && " \t\n\v\f\r".includes(s[i]!)) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") { neg = s[i] === "-"; i++; }
  if ((base === 0 || base === 16) && s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && /[0-9a-fA-F]/.test(s[i + 2] ?? "")) {
    i += 2; base = 16;
  } else if (base === 0) base = s[i] === "0" ? 8 : 10;
  let v = 0n, digits = false;
  const B = BigInt(base);
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, 36);
    if (Number.isNaN(d) || d >= base) break;
    v = v * B + BigInt(d);
    digits = true;
  }
  return { value: neg ? -v : v, end: digits ? i : 0, digits };
}

const SHIFT: Record<string, bigint> = { k: 10n, m: 20n, g: 30n, t: 40n, p: 50n, e: 60n };

/**
 * expand_number(3) as in FreeBSD 15: leading blanks, sign, decimal/0x/0 octal, suffix k m g t p e
 * (any case, powers of 1024) with an optional b/B, int64 range. `errno` is EINVAL (22) for a
 * malformed number and ERANGE (34) out of range, for err(3)-style messages.
 */
export function expandNumber(s: string): { value: bigint; error?: string; errno?: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)([kmgtpeKMGTPE]?)([bB]?)$/.exec(s);
  if (!m) return { value: 0n, error: "invalid", errno: 22 };
  let v = BigInt(m[2]!.startsWith("0") && m[2]!.length > 1 && !/^0[xX]/.test(m[2]!) ? "0o" + m[2]!.slice(1) : m[2]!);
  const sh = SHIFT[m[3]!.toLowerCase()];
  if (sh) v <<= sh;
  if (m[1] === "-") v = -v;
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return { value: 0n, error: "too large", errno: 34 };
  return { value: v };
}


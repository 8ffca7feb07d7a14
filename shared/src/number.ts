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


/** humanize_number(3) flags and scales (FreeBSD libutil). */
export const HN = {
  DECIMAL: 0x01, NOSPACE: 0x02, B: 0x04, DIVISOR_1000: 0x08, IEC_PREFIXES: 0x10,
  GETSCALE: 0x10, AUTOSCALE: 0x20,
} as const;
const HN_MAXSCALE = 6;

/**
 * humanize_number(3): `value` in at most len-1 characters with a unit prefix, as FreeBSD's
 * libutil formats it for ls -h, du -h, df -h. scale: a fixed number of divisions, or
 * HN.AUTOSCALE (fit the width) / HN.GETSCALE (return the scale AUTOSCALE would use, as a
 * string). Returns "" where the C function fails (-1).
 */
export function humanizeNumber(value: number | bigint, len: number, suffix: string, scale: number, flags: number): string {
  if (scale < 0 || (scale > HN_MAXSCALE && (scale & ~(HN.AUTOSCALE | HN.GETSCALE)) !== 0)) return "";
  if (flags & HN.DIVISOR_1000 && flags & HN.IEC_PREFIXES) return "";
  let prefixes: string[], divisor: bigint, divisordeccut: bigint, baselen: number;
  if (flags & HN.IEC_PREFIXES) {
    baselen = 2;
    divisor = 1024n;
    divisordeccut = 973n;
    prefixes = [flags & HN.B ? "B" : "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
  } else {
    baselen = 1;
    const k = flags & HN.DIVISOR_1000 ? "k" : "K";
    divisor = flags & HN.DIVISOR_1000 ? 1000n : 1024n;
    divisordeccut = flags & HN.DIVISOR_1000 ? 950n : 973n;
    prefixes = [flags & HN.B ? "B" : "", k, "M", "G", "T", "P", "E"];
  }
  let quotient = BigInt(value), remainder = 0n, sign = 1n;
  if (quotient < 0n) {
    sign = -1n;
    quotient = -quotient;
    baselen += 2;
  } else baselen += 1;
  const sep = flags & HN.NOSPACE ? "" : " ";
  baselen += sep.length + suffix.length;
  if (len < baselen + 1) return "";
  let i = 0;
  if (scale & (HN.AUTOSCALE | HN.GETSCALE)) {
    let max = 1n;
    for (let k = len - baselen; k-- > 0; ) max *= 10n;
    for (; (quotient >= max || (quotient === max - 1n && (remainder >= divisordeccut || remainder >= divisor / 2n))) && i < HN_MAXSCALE; i++) {
      remainder = quotient % divisor;
      quotient /= divisor;
    }
    if (scale & HN.GETSCALE) return String(i);
  } else {
    for (; i < scale && i < HN_MAXSCALE; i++) {
      remainder = quotient % divisor;
      quotient /= divisor;
    }
  }
  let r: string;
  if (((quotient === 9n && remainder < divisordeccut) || quotient < 9n) && i > 0 && flags & HN.DECIMAL) {
    const t = (remainder * 10n + divisor / 2n) / divisor;
    r = `${sign * (quotient + t / 10n)}.${t % 10n}${sep}${prefixes[i]}${suffix}`;
  } else r = `${sign * (quotient + (remainder + divisor / 2n) / divisor)}${sep}${prefixes[i]}${suffix}`;
  return r.slice(0, len - 1); // snprintf into len bytes
}

/**
 * getbsize(3): the block size from BLOCKSIZE (512 by default; "1k", "2M", "1G"...), in bytes,
 * with FreeBSD's warnings passed to `warn`.
 */
export function getbsize(blocksize: string | undefined, warn: (msg: string) => void): number {
  if (blocksize === undefined || blocksize === "") return 512;
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)?/.exec(blocksize)!;
  let n = m[1] ? Number(m[1]) : 0;
  const ep = m[1] ? blocksize.slice(m[0].length) : blocksize;
  const MAXB = 1024 * 1024 * 1024;
  if (n < 0) {
    warn("minimum blocksize is 512");
    return 512;
  }
  if (n === 0) n = 1;
  let max: number, mul: number;
  switch (ep.length > 1 ? "?" : ep) {
    case "G": case "g": max = 1; mul = MAXB; break;
    case "K": case "k": max = MAXB / 1024; mul = 1024; break;
    case "M": case "m": max = MAXB / (1024 * 1024); mul = 1024 * 1024; break;
    case "": max = MAXB; mul = 1; break;
    default:
      warn(`${blocksize}: unknown blocksize`);
      n = 512; max = MAXB; mul = 1;
  }
  if (n > max) {
    warn("maximum blocksize is 1G");
    n = max;
  }
  if (n * mul < 512) {
    warn("minimum blocksize is 512");
    return 512;
  }
  return n * mul;
}

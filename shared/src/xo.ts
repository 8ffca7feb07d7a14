// libxo: text, XML, JSON and HTML output from one set of calls, as FreeBSD's df, du and wc make it.
// A port of the part of Juniper's libxo (libxo/libxo.c, the field parser of xo_format.c) these
// tools use; function names follow the C ones so a tool's port reads like its source:
//   xoParseArgs(ctx, argv)       xo_parse_args: takes out "--libxo STYLE", "--libxo=...",
//                                "--libxo:FLAGS" anywhere in argv (even after "--"); -1 on error
//   xoDefault(ctx)               the default handle (text on ctx.out until options say otherwise)
//   xo.emit(fmt, ...args)        xo_emit with the field language of xo_format(5): roles
//     T title, V value, L label, N note, D decoration, P padding, U units, E/W error/warning,
//     C color, G gettext, [ ] anchors; modifiers a c d e g h k l n p q t w and ",word" forms;
//     "{:name/%fmt/%encfmt}", "{{" escaped braces, printf conversions diouxXDOUeEfFgGaAcCsSpm
//     with "*" widths from the argument list, l h j t z q sizes and the "%min.size.maxs" string
//     triple (widths of strings count columns, as libxo does).
//   xo.attr, openContainer/closeContainer, openList/closeList, openInstance/closeInstance,
//   openLeafList/closeLeafList, openMarker/closeMarker, setVersion, flush, finish, and the
//   error functions warn/warnx/err/errx (xo_warn...: "prog: msg[: strerror]" on standard error
//   in every style, or XML on standard output with "warn-xml"; err/errx call finish first) and
//   error (xo_error: standard error in text style, an "error" container with a "message" in
//   XML/JSON, a div in HTML; like libxo it is not flushed, so a usage() that exits after it
//   leaves nothing on standard output in the encoding styles).
// Options: styles text xml json html sdparams; flags color color-force columns debug dtrt
//   filter-warn flush flush-line ignore-close info keys log-gettext log-syslog no-humanize
//   no-locale no-retain no-top no-top-level not-first pretty retain underscores units utf8 warn
//   warn-xml xpath; indent=N, map=old=new:..., no-color; the brief ":" letters cfFgHIiJknPTUuWXx.
//   An unknown word is "prog: unknown libxo option value: 'WORD'" and the call fails. As in
//   libxo's current sources, LIBXO_OPTIONS is not read.
// Byte details taken from libxo.c: JSON escaping of \ " and control characters (\b \f \n \r \t,
//   \u00XX, NUL dropped) in xo_escape_json, but only \ " \n \r on the column-counting path
//   (xo_format_string_direct); XML escapes < > & (and " in attributes made by the formatter),
//   control characters other than \n \r \t become a blank (xo_escape_xml); numbers are unquoted
//   in JSON exactly when the encoding format is one numeric conversion (xo_format_is_numeric:
//   "%jd", "%*jd", "%5.0f", not "%'d" or "%s"); a leading width is dropped from the encoding
//   format (xo_fix_encoding: "%7ju" encodes as "%ju", "%-*s" keeps its width); "t" trims blanks
//   in the encoding styles; an empty format is JSON true; "pretty" indents by 2 (indent=N) and
//   the JSON top level is "{" ... "}\n" with "__version" first (xo_emit_top, xo_finish);
//   containers and lists after a sibling are preceded by ", " (",\n" pretty), values by ","
//   (",\n") (xo_format_prep); JSON names are not escaped in container/list openings.
// Bytes: strings carry invalid UTF-8 as U+DC80+byte (the shared codec). Text style writes every
//   byte of a value (libxo would drop a field that is not valid UTF-8 when it has to count
//   columns, and turn characters the C locale cannot show into '?'; bsdbox keeps the bytes and
//   counts an invalid byte as one column). XML/JSON/HTML copy a "%s" value without widths byte
//   for byte, invalid UTF-8 included (xo_format_string's fast path: libxo does not validate);
//   a value that must be measured (widths, "%-*s") and is not valid UTF-8 comes out empty, as
//   in xo_format_string_direct.
// Not done: colors (accepted, never emitted), gettext, XPath and info attributes in HTML, filters,
//   map-file, encoder plugins (csv, cbor), xo_emit_warn, retained format caching beyond a map.
import { Exit, type Ctx } from "./applet";
import { fmtInt, fmtFloat, type Spec } from "./format";
import { wcwidth } from "./wcwidth";
import { humanizeNumber, HN } from "./number";
import { isatty, strerror, SysError } from "@bsdbox/compat";

export const XO_STYLE_TEXT = 0, XO_STYLE_XML = 1, XO_STYLE_JSON = 2, XO_STYLE_HTML = 3, XO_STYLE_SDPARAMS = 4;
const XO_STYLE_ENCODER = 5;
/** The status of a program given "--libxo-check" (xo.h). */
export const XO_HAS_LIBXO = 121;

/** Handle flags (XOF_*); the bit values are bsdbox's own. */
export const XOF = {
  PRETTY: 1 << 0, WARN: 1 << 1, XPATH: 1 << 2, INFO: 1 << 3, WARN_XML: 1 << 4, DTRT: 1 << 5,
  KEYS: 1 << 6, IGNORE_CLOSE: 1 << 7, NOT_FIRST: 1 << 8, NO_LOCALE: 1 << 9, NO_TOP: 1 << 10,
  UNITS: 1 << 11, UNDERSCORES: 1 << 12, COLUMNS: 1 << 13, FLUSH: 1 << 14, FLUSH_LINE: 1 << 15,
  NO_CLOSE: 1 << 16, COLOR_ALLOWED: 1 << 17, COLOR: 1 << 18, NO_HUMANIZE: 1 << 19,
  LOG_GETTEXT: 1 << 20, UTF8: 1 << 21, RETAIN_ALL: 1 << 22, RETAIN_NONE: 1 << 23, DEBUG: 1 << 24,
  LOG_SYSLOG: 1 << 25, FILTER_WARN: 1 << 26, NO_TOP_LEVEL: 1 << 27, CONTINUATION: 1 << 28,
} as const;

// internal flags (XOIF_*)
const IF_DIV_OPEN = 1, IF_TOP_EMITTED = 2, IF_ANCHOR = 4, IF_UNITS_PENDING = 8, IF_MADE_OUTPUT = 16;

// field flags (XFF_*)
const FF = {
  COLON: 1 << 0, COMMA: 1 << 1, WS: 1 << 2, ENCODE_ONLY: 1 << 3, QUOTE: 1 << 4, NOQUOTE: 1 << 5,
  DISPLAY_ONLY: 1 << 6, KEY: 1 << 7, XML: 1 << 8, ATTR: 1 << 9, BLANK_LINE: 1 << 10, NO_OUTPUT: 1 << 11,
  TRIM_WS: 1 << 12, LEAF_LIST: 1 << 13, UNESCAPE: 1 << 14, HUMANIZE: 1 << 15, HN_SPACE: 1 << 16,
  HN_DECIMAL: 1 << 17, HN_1000: 1 << 18, GT_FIELD: 1 << 19, GT_PLURAL: 1 << 20, ARGUMENT: 1 << 21,
  ESC_SLASH: 1 << 22, ESC_SQUARE: 1 << 23, ESC_PRIVATE: 1 << 24, FIRST_CAP: 1 << 25, UNITS_ATTR: 1 << 26,
} as const;

// stack frame flags (XSF_*) and states (XSS_*)
const SF_NOT_FIRST = 1, SF_LIST = 2, SF_INSTANCE = 4, SF_DTRT = 8, SF_CONTENT = 16, SF_EMIT = 32,
  SF_EMIT_KEY = 64, SF_EMIT_LEAF_LIST = 128;
const SF_MARKER_FLAGS = SF_NOT_FIRST | SF_CONTENT | SF_EMIT | SF_EMIT_KEY | SF_EMIT_LEAF_LIST;
const S_INIT = 0, S_OPEN_CONTAINER = 1, S_CLOSE_CONTAINER = 2, S_OPEN_LIST = 3, S_CLOSE_LIST = 4,
  S_OPEN_INSTANCE = 5, S_CLOSE_INSTANCE = 6, S_OPEN_LEAF_LIST = 7, S_CLOSE_LEAF_LIST = 8, S_MARKER = 10,
  S_EMIT = 11, S_EMIT_LEAF_LIST = 12;
const STATE_NAMES = ["init", "open_container", "close_container", "open_list", "close_list",
  "open_instance", "close_instance", "open_leaf_list", "close_leaf_list", "discarding", "marker",
  "emit", "emit_leaf_list", "finish"];
const stateName = (s: number) => STATE_NAMES[s] ?? "unknown";
const T = (a: number, b: number) => (a << 8) | b;

const HIGH_WATER = 8 * 1024 - 512; // XO_BUF_HIGH_WATER
const FAILURE_NAME = "failure";
const MAX_ANCHOR_WIDTH = 8 * 1024;

export type XoArg = string | number | bigint | null | undefined;

interface Frame { flags: number; state: number; name: string | undefined; }
interface Field {
  ftype: string; // role character, "\n" newline, "+" text, "{" escaped braces
  flags: number;
  content?: string;
  format?: string;
  encoding?: string;
}
interface FormatSpec {
  fc: string; skip: boolean; lflag: number; hflag: number; seenMinus: boolean; leadingZero: number;
  dots: number; width: [number, number, number]; star: [boolean, boolean, boolean];
}
const W_MIN = 0, W_SIZE = 1, W_MAX = 2;

const XOF_NAMES: Record<string, number> = {
  color: XOF.COLOR_ALLOWED, "color-force": XOF.COLOR, columns: XOF.COLUMNS, debug: XOF.DEBUG,
  dtrt: XOF.DTRT, "filter-warn": XOF.FILTER_WARN, flush: XOF.FLUSH, "flush-line": XOF.FLUSH_LINE,
  "ignore-close": XOF.IGNORE_CLOSE, info: XOF.INFO, keys: XOF.KEYS, "log-gettext": XOF.LOG_GETTEXT,
  "log-syslog": XOF.LOG_SYSLOG, "no-humanize": XOF.NO_HUMANIZE, "no-locale": XOF.NO_LOCALE,
  "no-retain": XOF.RETAIN_NONE, "no-top": XOF.NO_TOP, "no-top-level": XOF.NO_TOP_LEVEL,
  "not-first": XOF.NOT_FIRST, pretty: XOF.PRETTY, retain: XOF.RETAIN_ALL, underscores: XOF.UNDERSCORES,
  units: XOF.UNITS, utf8: XOF.UTF8, warn: XOF.WARN, "warn-xml": XOF.WARN_XML, xpath: XOF.XPATH,
};
const ROLE_NAMES: Record<string, string> = {
  color: "C", decoration: "D", error: "E", label: "L", note: "N", padding: "P", title: "T",
  units: "U", value: "V", warning: "W", "start-anchor": "[", "stop-anchor": "]",
};
const MODIFIER_NAMES: Record<string, number> = {
  argument: FF.ARGUMENT, colon: FF.COLON, comma: FF.COMMA, display: FF.DISPLAY_ONLY,
  encoding: FF.ENCODE_ONLY, "escape-private": FF.ESC_PRIVATE, "escape-slash": FF.ESC_SLASH,
  "escape-square": FF.ESC_SQUARE, "first-cap": FF.FIRST_CAP, gettext: FF.GT_FIELD, humanize: FF.HUMANIZE,
  hn: FF.HUMANIZE, "hn-space": FF.HN_SPACE, "hn-decimal": FF.HN_DECIMAL, "hn-1000": FF.HN_1000,
  key: FF.KEY, "leaf-list": FF.LEAF_LIST, list: FF.LEAF_LIST, "no-quotes": FF.NOQUOTE,
  "no-quote": FF.NOQUOTE, plural: FF.GT_PLURAL, quotes: FF.QUOTE, quote: FF.QUOTE, trim: FF.TRIM_WS,
  "units-attr": FF.UNITS_ATTR, white: FF.WS,
};
const MODIFIER_LETTERS: Record<string, number> = {
  a: FF.ARGUMENT, c: FF.COLON, d: FF.DISPLAY_ONLY, e: FF.ENCODE_ONLY, f: FF.FIRST_CAP, g: FF.GT_FIELD,
  h: FF.HUMANIZE, k: FF.KEY, l: FF.LEAF_LIST, n: FF.NOQUOTE, p: FF.GT_PLURAL, q: FF.QUOTE, t: FF.TRIM_WS,
  w: FF.WS,
};

/** xo_name_lookup: blanks trimmed, then an exact name. */
function nameLookup<V>(map: Record<string, V>, value: string): V | undefined {
  const v = value.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
  return v !== "" && Object.hasOwn(map, v) ? map[v] : undefined;
}

function nameToStyle(name: string): number {
  switch (name) {
    case "xml": return XO_STYLE_XML;
    case "json": return XO_STYLE_JSON;
    case "encoder": return XO_STYLE_ENCODER;
    case "text": return XO_STYLE_TEXT;
    case "html": return XO_STYLE_HTML;
    case "sdparams": return XO_STYLE_SDPARAMS;
  }
  return -1;
}

/** atoi(3) */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) | 0 : 0;
}

/** xo_printable: \n \r " shown escaped, for failure messages. */
const printable = (s: string) => s.slice(0, 127).replace(/[\n\r"]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : '\\"'));

/** musl iswcntrl */
const iswcntrl = (wc: number) => wc < 32 || (wc >= 0x7f && wc < 0xa0) || (wc >= 0x2028 && wc < 0x202a) || (wc >= 0xfff9 && wc < 0xfffc);

function colWidth(wc: number): number {
  const w = wcwidth(wc);
  return w < 0 ? (iswcntrl(wc) ? 0 : 1) : w;
}

/** The columns of a string as libxo counts them (an invalid byte: one). */
function columnsOf(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      n += colWidth(cp);
    }
  }
  return n;
}

/** Bytes of one string character as UTF-8 (an escaped invalid byte: 1). */
const byteLen = (c: number) => (c < 0x80 ? 1 : c >= 0xdc80 && c <= 0xdcff ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3);

/** xo_escape_xml */
function escapeXml(s: string, flags: number): string {
  if (!/[<>&"\x00-\x1f]/.test(s)) return s;
  const attr = (flags & FF.ATTR) !== 0;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!, c = ch.charCodeAt(0);
    if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === "&") out += "&amp;";
    else if (attr && ch === '"') out += "&quot;";
    else if (c >= 0x20 || c === 10 || c === 13 || c === 9) out += ch;
    else if (flags & FF.ESC_SQUARE) out += "\u25a1";
    else if (flags & FF.ESC_PRIVATE) out += "&#x" + c.toString(16).padStart(4, "0") + ";";
    else out += " ";
  }
  return out;
}

/** xo_escape_json */
function escapeJson(s: string, flags: number): string {
  if (!/[\\"\x00-\x1f/]/.test(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!, c = ch.charCodeAt(0);
    if (ch === "\\" || ch === '"') out += "\\" + ch;
    else if (ch === "/" && flags & FF.ESC_SLASH) out += "\\/";
    else if (c >= 0x20) out += ch;
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 0) continue;
    else out += "\\u00" + c.toString(16).padStart(2, "0");
  }
  return out;
}

/** xo_escape_sdparams */
const escapeSdparams = (s: string) => s.replace(/[\\"\]]/g, "\\$&");

/** xo_fix_encoding: "%7ju" -> "%ju" (a leading width is not wanted in encodings). */
function fixEncoding(enc: string): string {
  if (enc[0] !== "%" || !(enc[1]! >= "0" && enc[1]! <= "9")) return enc;
  let i = 2;
  while (i < enc.length && enc[i]! >= "0" && enc[i]! <= "9") i++;
  return "%" + enc.slice(i);
}

/** xo_format_is_numeric: one numeric conversion and nothing else, so JSON leaves it unquoted. */
function isNumeric(fmt: string): boolean {
  if (fmt[0] !== "%") return false;
  let i = 1;
  while (i < fmt.length && "0123456789.*+ -".includes(fmt[i]!)) i++;
  if (i >= fmt.length) return false;
  while (i < fmt.length && "hljtqz".includes(fmt[i]!)) i++;
  if (i >= fmt.length) return false;
  return fmt.length - i === 1 && "diouDOUeEfFgG".includes(fmt[i]!);
}

/** xo_trim_ws: blanks (only ' ') off both ends. */
const trimWs = (s: string) => s.replace(/^ +| +$/g, "");

const toBig = (a: XoArg): bigint => {
  if (typeof a === "bigint") return a;
  if (typeof a === "number") return Number.isFinite(a) ? BigInt(Math.trunc(a)) : 0n;
  if (typeof a === "string") { try { return BigInt(a.trim() || "0"); } catch { return 0n; } }
  return 0n;
};
const toNum = (a: XoArg): number => (typeof a === "bigint" ? Number(a) : typeof a === "number" ? a : typeof a === "string" ? Number(a) : 0);
const byteChar = (b: number) => (b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 + b));

/**
 * One printf(3) conversion, "%[flags][width][.prec][size]conv", with its arguments taken from
 * next() (a '*' width or precision first). Widths of %s count bytes, as printf does.
 */
function printfOne(spec: string, next: () => XoArg): string {
  // FreeBSD's printf takes the ' flag anywhere before the conversion ("%*j'd", df -,); it groups
  // nothing in the C and C.UTF-8 locales
  const m = /^%([-+ #0]*)(\*|\d*)(?:\.(\*|\d*))?(hh|h|ll|l|j|z|t|q|L)?([diouxXDOUeEfFgGaAcCsSpm])$/.exec(spec.replace(/'/g, ""));
  if (!m) return "";
  const s: Spec = {};
  for (const f of m[1]!) {
    if (f === "-") s.left = true;
    else if (f === "+") s.plus = true;
    else if (f === " ") s.space = true;
    else if (f === "#") s.alt = true;
    else if (f === "0") s.zero = true;
  }
  let width = m[2] === "*" ? Number(toBig(next())) : m[2] ? Number(m[2]) : 0;
  if (width < 0) { s.left = true; width = -width; }
  s.width = width;
  if (m[3] !== undefined) s.prec = m[3] === "*" ? Number(toBig(next())) : Number(m[3] || "0");
  let size = m[4] ?? "";
  let conv = m[5]!;
  if (conv === "D" || conv === "O" || conv === "U") { size = "l"; conv = conv.toLowerCase(); }
  const pad = (str: string) => {
    const n = width - str.length;
    return n > 0 ? (s.left ? str + " ".repeat(n) : " ".repeat(n) + str) : str;
  };
  switch (conv) {
    case "d": case "i": case "o": case "u": case "x": case "X": {
      let v = toBig(next());
      const bits = size === "hh" ? 8 : size === "h" ? 16 : size === "" ? 32 : 64;
      v = conv === "d" || conv === "i" ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
      return fmtInt(v, conv, s);
    }
    case "e": case "E": case "f": case "F": case "g": case "G": case "a": case "A":
      return fmtFloat(toNum(next()), conv, s);
    case "c": case "C": {
      const v = Number(toBig(next()));
      return pad(conv === "C" || size === "l" ? String.fromCodePoint(v >>> 0 > 0x10ffff ? 0xfffd : v >>> 0) : byteChar(v & 0xff));
    }
    case "p": return pad("0x" + toBig(next()).toString(16));
    case "m": return pad(strerror(0));
    default: {
      const a = next();
      let str = a == null ? "(null)" : String(a);
      if (s.prec !== undefined && s.prec >= 0 && str.length > s.prec) str = str.slice(0, s.prec);
      return pad(str);
    }
  }
}

/** vsnprintf for a whole format (attributes, titles, xo_error's text style). */
function cprintf(fmt: string, args: XoArg[]): string {
  let out = "", k = 0;
  const next = () => args[k++];
  for (let i = 0; i < fmt.length; ) {
    const p = fmt.indexOf("%", i);
    if (p < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, p);
    if (fmt[p + 1] === "%") { out += "%"; i = p + 2; continue; }
    const m = /^%[-+ #0']*(?:\*|\d*)(?:\.(?:\*|\d*))?(?:hh|h|ll|l|j|z|t|q|L)?[diouxXDOUeEfFgGaAcCsSpm]/.exec(fmt.slice(p));
    if (!m) { out += fmt.slice(p); break; }
    out += printfOne(m[0], next);
    i = p + m[0].length;
  }
  return out;
}

/** strtoull(s, &ep, 0): the value, or undefined when no digits were taken or it overflows. */
function strtoull0(s: string): bigint | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(s);
  if (!m) return undefined;
  let d = m[2]!;
  let v: bigint;
  if (/^0[xX]/.test(d)) v = BigInt(d);
  else if (d.length > 1 && d[0] === "0") v = BigInt("0o" + d.slice(1));
  else v = BigInt(d);
  if (v > 0xffffffffffffffffn) return undefined;
  return m[1] === "-" ? BigInt.asUintN(64, -v) : v;
}

/** strtol(s, &ep, 0) that must consume everything (xo_find_width). */
function strtolAll(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(s);
  if (!m) return undefined;
  const d = m[2]!;
  const v = /^0[xX]/.test(d) ? Number(d) : d.length > 1 && d[0] === "0" ? parseInt(d.slice(1), 8) : Number(d);
  return m[1] === "-" ? -v : v;
}

export class XoHandle {
  style = XO_STYLE_TEXT;
  flags = 0;
  private iflags = 0;
  private indentLevel = 0;
  indentBy = 2;
  private data = "";
  private attrs = "";
  private stack: Frame[] = [{ flags: 0, state: S_INIT, name: undefined }];
  private depth = 0;
  private version: string | undefined;
  private columns = 0;
  private anchorOffset = 0;
  private anchorColumns = 0;
  private anchorMinWidth = 0;
  private unitsOffset = 0;
  private vap: XoArg[] = [];
  private vi = 0;
  private map: [string, string][] = [];
  private fieldCache = new Map<string, Field[]>();
  /** The name warnings start with (xo_program), set by xoParseArgs. */
  program: string | undefined;

  constructor(private ctx: Ctx) {
    if (isatty(ctx.out.fd)) this.flags |= XOF.FLUSH_LINE;
  }

  private has(f: number): boolean {
    return (this.flags & f) !== 0;
  }
  private isEncoding(): boolean {
    return this.style === XO_STYLE_JSON || this.style === XO_STYLE_XML || this.style === XO_STYLE_SDPARAMS || this.style === XO_STYLE_ENCODER;
  }
  private arg(): XoArg {
    return this.vap[this.vi++];
  }

  // ---- output buffer ----

  /** xo_write: hand the buffered output to ctx.out. */
  private write(): void {
    if (this.data !== "") {
      this.anchorClear();
      this.ctx.out.write(this.data);
      this.data = "";
      this.iflags |= IF_MADE_OUTPUT;
    }
    this.iflags &= ~IF_UNITS_PENDING;
  }

  /** xo_flush */
  flush(): number {
    this.write();
    this.ctx.out.flush();
    return 0;
  }

  /** xo_finish: close whatever is open; in JSON the closing brace (or "{ }" when nothing was made). */
  finish(): number {
    if (!this.has(XOF.NO_CLOSE)) this.doCloseAll(0);
    if (this.style === XO_STYLE_JSON && !this.has(XOF.NO_TOP)) {
      let preNl = this.has(XOF.PRETTY) ? "\n" : "", open = "";
      if (this.iflags & IF_TOP_EMITTED) this.iflags &= ~IF_TOP_EMITTED;
      else if (!(this.iflags & IF_MADE_OUTPUT) && this.data === "") {
        open = "{ ";
        preNl = "";
      }
      this.data += preNl + this.indentStr() + open + "}\n";
    }
    return this.flush();
  }

  private xoIndent(): number {
    let rc = 0;
    if (this.has(XOF.PRETTY)) {
      rc = this.indentLevel * this.indentBy;
      if (this.iflags & IF_TOP_EMITTED) rc += this.indentBy;
    }
    return rc > 0 ? rc : 0;
  }
  private indentStr(): string {
    return " ".repeat(this.xoIndent());
  }
  /** xo_buf_indent */
  private bufIndent(indent: number): void {
    this.data += " ".repeat(indent <= 0 ? this.xoIndent() : indent);
  }

  private addCols(n: number): void {
    if (this.has(XOF.COLUMNS)) this.columns += n;
    if (this.iflags & IF_ANCHOR) this.anchorColumns += n;
  }

  // ---- warnings ----

  /** xo_warn_hcv: "prog: msg[: strerror]" on standard error, or XML on standard output. */
  private warnHcv(code: string | undefined, msg: string, checkWarn: boolean): void {
    if (checkWarn && !this.has(XOF.WARN)) return;
    const text = (this.program ? this.program + ": " : "") + msg;
    if (this.has(XOF.WARN_XML)) {
      this.data += "<error><message>" + escapeXml(text, 1) + "</message></error>";
      if (code !== undefined) this.data += ": " + code;
      this.data += "\n";
      this.write();
    } else {
      this.ctx.err.write(text + (code !== undefined ? ": " + code : "") + "\n");
      this.ctx.err.flush();
    }
  }
  /** xo_failure: a complaint about the caller's use of libxo, shown with the "warn" option. */
  private failure(msg: string): void {
    if (this.has(XOF.WARN)) this.warnHcv(undefined, msg, true);
  }
  /** xo_warn: msg and the reason of e (a SysError or an errno). */
  warn(msg: string, e: unknown): void {
    this.warnHcv(e instanceof SysError ? e.message : typeof e === "number" ? strerror(e) : String(e), msg, false);
  }
  /** xo_warnx */
  warnx(msg: string): void {
    this.warnHcv(undefined, msg, false);
  }
  /** xo_err: warn, finish the output, exit with code. */
  err(code: number, msg: string, e: unknown): never {
    this.warn(msg, e);
    this.finish();
    throw new Exit(code);
  }
  /** xo_errx */
  errx(code: number, msg: string): never {
    this.warnx(msg);
    this.finish();
    throw new Exit(code);
  }
  /** xo_error: an error message in the current style (standard error for text). */
  error(fmt: string, ...args: XoArg[]): void {
    const saveV = this.vap, saveI = this.vi;
    this.vap = args;
    this.vi = 0;
    try {
      switch (this.style) {
        case XO_STYLE_TEXT:
          this.ctx.err.write(cprintf(fmt, args));
          this.ctx.err.flush();
          break;
        case XO_STYLE_HTML:
          this.appendDiv("error", 0, undefined, undefined, fmt, undefined);
          if (this.iflags & IF_DIV_OPEN) this.lineClose();
          this.write();
          break;
        case XO_STYLE_XML:
        case XO_STYLE_JSON:
          this.openContainer("error");
          this.formatValue("message", undefined, fmt, undefined, 0);
          this.closeContainer("error");
          break;
      }
    } finally {
      this.vap = saveV;
      this.vi = saveI;
    }
  }

  // ---- options ----

  /** xo_set_options: "json,pretty,indent=4" or ":JP" (brief letters, then ",words"). */
  setOptions(input: string): number {
    let rc = 0;
    if (input[0] === ":") {
      let i = 1;
      for (; i < input.length && input[i] !== ","; i++) {
        switch (input[i]) {
          case "c": this.flags |= XOF.COLOR_ALLOWED; break;
          case "f": this.flags |= XOF.FLUSH; break;
          case "F": this.flags |= XOF.FLUSH_LINE; break;
          case "g": this.flags |= XOF.LOG_GETTEXT; break;
          case "H": this.style = XO_STYLE_HTML; break;
          case "I": this.flags |= XOF.INFO; break;
          case "i": {
            const m = /^\d+/.exec(input.slice(i + 1));
            if (m) {
              this.indentBy = atoi(m[0]);
              i += m[0].length;
            }
            break;
          }
          case "J": this.style = XO_STYLE_JSON; break;
          case "k": this.flags |= XOF.KEYS; break;
          case "n": this.flags |= XOF.NO_HUMANIZE; break;
          case "P": this.flags |= XOF.PRETTY; break;
          case "T": this.style = XO_STYLE_TEXT; break;
          case "U": this.flags |= XOF.UNITS; break;
          case "u": this.flags |= XOF.UNDERSCORES; break;
          case "W": this.flags |= XOF.WARN; break;
          case "X": this.style = XO_STYLE_XML; break;
          case "x": this.flags |= XOF.XPATH; break;
          default:
            this.warnx(`unknown option: '${input.slice(i)}'`);
            rc = -1;
        }
      }
      if (input[i] !== ",") return rc;
      input = input.slice(i + 1);
    }
    // xo_options_to_argv: words split at ',', a backslash takes the next character as it is
    const words: string[] = [];
    let cur = "";
    for (let i = 0; i < input.length; i++) {
      const ch = input[i]!;
      if (ch === "\\") {
        if (++i >= input.length) break;
        cur += input[i];
      } else if (ch === ",") {
        words.push(cur);
        cur = "";
      } else cur += ch;
    }
    words.push(cur);
    return this.setOptionsWords(words);
  }

  private setOptionsWords(words: string[]): number {
    let style = -1, rc = 0, finalRc = 0;
    for (const word of words) {
      if (rc) finalRc = rc;
      if (word[0] === "@") {
        const vp = word.slice(1);
        if (vp === "") this.warnx("missing value for encoder option");
        else this.warnx(`error initializing encoder: ${vp}`);
        rc = -1;
        continue;
      }
      // '=' or ':' separates a keyword from its value
      const e = word.indexOf("="), z = word.indexOf(":");
      const at = z >= 0 && (e < 0 || z < e) ? z : e;
      const name = at >= 0 ? word.slice(0, at) : word;
      const vp = at >= 0 ? word.slice(at + 1) : undefined;
      if (name === "colors") continue; // color maps: colors are not done
      const ns = nameToStyle(name);
      if (ns >= 0 && ns !== XO_STYLE_ENCODER) {
        if (style >= 0) this.warnx(`ignoring multiple styles: '${name}'`);
        else style = ns;
        continue;
      }
      const flag = nameLookup(XOF_NAMES, name);
      if (flag) {
        this.flags |= flag;
        continue;
      }
      switch (nameLookup({ "no-color": 1, indent: 2, encoder: 3, map: 4, "map-file": 5, filter: 6, exterr: 7, "exterr-brief": 7, "exterr-verbose": 7 }, name)) {
        case 1: this.flags &= ~XOF.COLOR_ALLOWED; continue;
        case 2:
          if (vp !== undefined) this.indentBy = atoi(vp);
          else { this.warnx("missing value for indent option"); rc = -1; }
          continue;
        case 3:
          if (vp === undefined) this.warnx("missing value for encoder option");
          else this.warnx(`error initializing encoder: ${vp}`);
          rc = -1;
          continue;
        case 4:
          if (vp === undefined) { this.warnx("missing value for map option"); rc = -1; }
          else this.mapOption(vp);
          continue;
        case 5:
          if (vp === undefined) this.warnx("missing value for map-file option");
          else this.warnx(`error initializing map-file: '${vp}'`);
          rc = -1;
          continue;
        case 6:
          if (vp === undefined) this.warnx("missing value for filter option");
          else this.warnx("could not load filter library: library not found");
          rc = -1;
          continue;
        case 7: continue;
        default:
          this.warnx(`unknown libxo option value: '${name}'`);
          rc = -1;
      }
    }
    if (style >= 0) this.style = style;
    return finalRc || rc;
  }

  /** The "map" option: "old=new:old2=new2" renames tags. */
  private mapOption(opts: string): void {
    for (let np = 0; np < opts.length; ) {
      const cp = opts.indexOf("=", np);
      if (cp < 0) break;
      const from = opts.slice(np, cp);
      const ep = opts.indexOf(":", cp + 1);
      const to = opts.slice(cp + 1, ep < 0 ? undefined : ep);
      const k = this.map.findIndex(([f]) => f.startsWith(from));
      if (k >= 0) this.map[k]![1] = to;
      else this.map.push([from, to]);
      if (ep < 0) break;
      np = ep + 1;
    }
  }
  /** xo_map_name (its comparison is strncmp(from, name, strlen(name)), kept). */
  private mapName(name: string): string {
    for (const [f, t] of this.map) if (f.startsWith(name)) return t;
    return name;
  }

  /** xo_set_version: "__version" first in JSON, a version="" attribute on the first XML tag. */
  setVersion(version: string): void {
    if (version.includes('"') || !this.isEncoding()) return;
    if (this.style === XO_STYLE_XML) this.attr("version", "%s", version);
    else if (this.style === XO_STYLE_JSON) this.version = version;
  }

  /** xo_attr: an attribute for the next XML element (other styles ignore it). */
  attr(name: string, fmt: string, ...args: XoArg[]): number {
    if (this.style !== XO_STYLE_XML) return 0;
    const v = escapeXml(cprintf(fmt, args), 1);
    this.attrs += ` ${name}="${v}"`;
    return name.length + 5 + v.length;
  }

  // ---- the field parser (xo_parse_fields, xo_parse_roles) ----

  private parseFields(fmt: string): Field[] | undefined {
    const cached = this.fieldCache.get(fmt);
    if (cached) return cached;
    const out: Field[] = [];
    const n = fmt.length;
    let cp = 0;
    while (cp < n) {
      if (fmt[cp] === "\n") {
        out.push({ ftype: "\n", flags: 0 });
        cp++;
        continue;
      }
      if (fmt[cp] !== "{") {
        let sp = cp;
        while (sp < n && fmt[sp] !== "{" && fmt[sp] !== "\n") sp++;
        out.push({ ftype: "+", flags: 0, content: fmt.slice(cp, sp) });
        cp = sp;
        continue;
      }
      if (fmt[cp + 1] === "{") {
        let sp = cp + 2;
        while (sp < n && !(fmt[sp] === "}" && fmt[sp + 1] === "}")) sp++;
        if (sp >= n) {
          this.failure(`missing closing '}}': '${printable(fmt)}'`);
          return undefined;
        }
        out.push({ ftype: "{", flags: 0, content: fmt.slice(cp + 1, sp + 1) });
        cp = sp + 2;
        continue;
      }
      const fi: Field = { ftype: "V", flags: 0 };
      let sp = this.parseRoles(fmt, cp + 1, fi);
      if (sp < 0) return undefined;
      const scan = (stops: string) => {
        for (; sp < n; sp++) {
          if (stops.includes(fmt[sp]!)) break;
          if (fmt[sp] === "\\") {
            if (sp + 1 >= n) {
              this.failure("backslash at the end of string");
              return false;
            }
            sp++;
          }
        }
        return true;
      };
      if (fmt[sp] !== ":") {
        this.failure(`missing content (':'): '${printable(fmt)}'`);
        return undefined;
      }
      let ep = ++sp;
      if (!scan("}/")) return undefined;
      if (ep !== sp) fi.content = fmt.slice(ep, sp);
      let format: string | undefined;
      if (fmt[sp] === "/") {
        ep = ++sp;
        if (!scan("}/")) return undefined;
        format = fmt.slice(ep, sp);
      }
      if (fmt[sp] === "/") {
        ep = ++sp;
        while (sp < n && fmt[sp] !== "}") sp++;
        fi.encoding = fmt.slice(ep, sp);
      }
      if (fmt[sp] !== "}") {
        this.failure(`missing closing '}': ${printable(fmt)}`);
        return undefined;
      }
      cp = sp + 1;
      // content, a format or the 'a' modifier give a field its default format, "%s"
      if (fi.content || format !== undefined || fi.flags & FF.ARGUMENT) {
        if (format !== undefined) fi.format = format;
        else if (!"CG[]".includes(fi.ftype)) fi.format = "%s";
      }
      out.push(fi);
    }
    this.fieldCache.set(fmt, out);
    return out;
  }

  private parseRoles(fmt: string, base: number, fi: Field): number {
    let ftype = "", flags = 0;
    const n = fmt.length;
    let sp = base;
    for (; sp < n; sp++) {
      const c = fmt[sp]!;
      if (c === ":" || c === "/" || c === "}") break;
      if (c === "\\") {
        if (sp + 1 >= n) {
          this.failure("backslash at the end of string, ignored");
          return -1;
        }
        sp++;
        continue;
      }
      if (c === ",") {
        let np = ++sp;
        while (np < n && !":/},".includes(fmt[np]!)) np++;
        const word = fmt.slice(sp, np);
        if (word.length) {
          const role = nameLookup(ROLE_NAMES, word);
          if (role) ftype = role;
          else {
            const mod = nameLookup(MODIFIER_NAMES, word);
            if (mod) flags |= mod;
            else this.failure(`unknown keyword ignored: '${word}'`);
          }
        }
        sp = np - 1;
        continue;
      }
      if ("CDEGLNPTUVW[]".includes(c)) {
        if (ftype) {
          this.failure(`field descriptor uses multiple types: '${printable(fmt)}'`);
          return -1;
        }
        ftype = c;
      } else if (c >= "0" && c <= "9") {
        // field numbers (for gettext reordering): not used
      } else if (Object.hasOwn(MODIFIER_LETTERS, c)) flags |= MODIFIER_LETTERS[c]!;
      else this.failure(`field descriptor uses unknown modifier: '${printable(fmt)}'`);
      if ((ftype === "N" || ftype === "U") && flags & FF.COLON) {
        this.failure(`colon modifier on 'N' or 'U' field ignored: '${printable(fmt)}'`);
        flags &= ~FF.COLON;
      }
    }
    fi.flags = flags;
    fi.ftype = ftype || "V";
    return sp;
  }

  // ---- emitting ----

  /** xo_emit: render one format string with its arguments; the columns made (with "columns"). */
  emit(fmt: string, ...args: XoArg[]): number {
    this.columns = 0;
    const fields = this.parseFields(fmt);
    if (!fields) return -1;
    const saveV = this.vap, saveI = this.vi;
    this.vap = args;
    this.vi = 0;
    try {
      return this.doEmitFields(fields);
    } finally {
      this.vap = saveV;
      this.vi = saveI;
    }
  }

  private doEmitFields(fields: Field[]): number {
    let flush = this.has(XOF.FLUSH);
    const flushLine = this.has(XOF.FLUSH_LINE);
    for (const f of fields) {
      let content = f.content;
      let flags = f.flags;
      if (flags & FF.ARGUMENT) {
        const a = this.arg();
        content = a == null ? undefined : String(a);
      }
      const ftype = f.ftype;
      if (ftype === "\n") {
        this.lineClose();
        if (flushLine) this.flush();
        continue;
      }
      if (ftype === "{" || ftype === "+") {
        this.formatText(content!);
        continue;
      }
      if ((ftype === "N" || ftype === "U") && flags & FF.WS) {
        this.formatContent("padding", undefined, " ", undefined, flags);
        flags &= ~FF.WS;
      }
      if (ftype === "V") this.formatValue(content ?? "", undefined, f.format, f.encoding, flags);
      else if (ftype === "[") this.anchorStart(f, content);
      else if (ftype === "]") this.anchorStop(f, content);
      else if (ftype === "C" || ftype === "G") {
        // colors are not done and there is no gettext: only take the field's arguments
        if (!content && f.format) this.doFormatField(f.format, FF.NO_OUTPUT);
      } else if (content || f.format !== undefined) {
        const cls = { D: "decoration", E: "error", L: "label", N: "note", P: "padding", W: "warning" }[ftype as "D"];
        if (cls) this.formatContent(cls, ftype === "E" ? "__error" : ftype === "W" ? "__warning" : undefined, content, f.format, flags);
        else if (ftype === "T") this.formatTitle(f, content);
        else if (ftype === "U") this.formatUnits(f, content);
        else this.failure(`unknown field type: '${ftype}'`);
      }
      if (flags & FF.COLON) this.formatContent("decoration", undefined, ":", undefined, 0);
      if (flags & FF.WS) this.formatContent("padding", undefined, " ", undefined, 0);
    }
    if (this.data.length > HIGH_WATER) flush = true;
    if (flush && !(this.iflags & IF_ANCHOR)) this.flush();
    return this.columns;
  }

  /** xo_format_text: literal text of a format string. */
  private formatText(str: string): void {
    if (this.style === XO_STYLE_TEXT) {
      this.data += str;
      if (this.has(XOF.COLUMNS) || this.iflags & IF_ANCHOR) this.addCols(columnsOf(str));
    } else if (this.style === XO_STYLE_HTML) this.appendDiv("text", 0, undefined, str, undefined, undefined);
  }

  /** xo_line_ensure_open / xo_line_close: HTML's <div class="line">, text's newline. */
  private lineEnsureOpen(flags: number): void {
    if (this.has(XOF.CONTINUATION)) {
      this.flags &= ~XOF.CONTINUATION;
      this.iflags |= IF_DIV_OPEN;
      return;
    }
    if (this.iflags & IF_DIV_OPEN || this.style !== XO_STYLE_HTML) return;
    this.iflags |= IF_DIV_OPEN;
    this.data += flags & FF.BLANK_LINE ? '<div class="blank-line">' : '<div class="line">';
    if (this.has(XOF.PRETTY)) this.data += "\n";
  }
  private lineClose(): void {
    if (this.style === XO_STYLE_HTML) {
      if (!(this.iflags & IF_DIV_OPEN)) this.lineEnsureOpen(0);
      this.iflags &= ~IF_DIV_OPEN;
      this.data += "</div>";
      if (this.has(XOF.PRETTY)) this.data += "\n";
    } else if (this.style === XO_STYLE_TEXT) this.data += "\n";
  }

  /** xo_buf_escape: the escaping each style wants. */
  private bufEscape(s: string, flags: number): string {
    switch (this.style) {
      case XO_STYLE_XML:
      case XO_STYLE_HTML:
        return escapeXml(s, flags);
      case XO_STYLE_JSON:
        return escapeJson(s, flags);
      case XO_STYLE_SDPARAMS:
        return escapeSdparams(s);
    }
    return s;
  }

  /**
   * xo_format_string_direct: copy characters, counting columns, stopping at max columns (text,
   * HTML) or after size bytes; unescapes \ and % with UNESCAPE. cols is -1 when an encoding style
   * meets bytes that are not UTF-8 (what came before stays in out, as in libxo).
   */
  private formatStringDirect(flags: number, s: string, len: number, max: number): { out: string; cols: number } {
    const attr = (flags & FF.ATTR) !== 0;
    const style = this.style;
    let out = "", cols = 0;
    for (let i = 0; ; ) {
      if (len === 0 || i >= s.length) break;
      let c = s.charCodeAt(i);
      if (flags & FF.UNESCAPE && (c === 0x5c || c === 0x25)) {
        i++;
        if (len > 0) len--;
        if (len === 0 || i >= s.length) break;
        c = s.charCodeAt(i);
      }
      let wc = c, ilen = 1, ch = s[i]!;
      if (c >= 0xdc80 && c <= 0xdcff) {
        if (style !== XO_STYLE_TEXT) {
          this.failure(`invalid UTF-8 character: ${(c - 0xdc00).toString(16).padStart(2, "0")}`);
          return { out, cols: -1 };
        }
        wc = -1; // text: the byte goes out as it is, one column
      } else if (c >= 0x80) {
        wc = s.codePointAt(i)!;
        ilen = byteLen(c);
        if (wc > 0xffff) ch = s.slice(i, i + 2);
      }
      if (len > 0 && len < ilen) break;
      i += ch.length;
      if (len > 0) len = Math.max(0, len - ilen);
      const width = wc < 0 ? 1 : colWidth(wc);
      if ((style === XO_STYLE_TEXT || style === XO_STYLE_HTML) && max > 0 && cols + width > max) break;
      if (style === XO_STYLE_XML || style === XO_STYLE_HTML) {
        out += ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === "&" ? "&amp;" : attr && ch === '"' ? "&quot;" : ch;
      } else if (style === XO_STYLE_JSON) {
        out += ch === "\\" || ch === '"' ? "\\" + ch : ch === "\n" ? "\\n" : ch === "\r" ? "\\r" : ch;
      } else if (style === XO_STYLE_SDPARAMS) {
        out += ch === "\\" || ch === '"' || ch === "]" ? "\\" + ch : ch;
      } else out += ch;
      cols += width;
    }
    return { out, cols };
  }

  /** xo_data_append_content: a fixed value (content of the field), unescaped. */
  private dataAppendContent(str: string, flags: number): void {
    const r = this.formatStringDirect(flags | FF.UNESCAPE, str, -1, -1);
    this.data += r.out;
    this.addCols(r.cols);
  }

  /** xo_format_string: a %s argument, with libxo's min.size.max widths counted in columns. */
  private formatString(flags: number, xf: FormatSpec): string {
    let s: string;
    let len = xf.width[W_SIZE];
    if (xf.fc === "m") {
      s = strerror(0);
      if (xf.skip) return "";
    } else {
      const a = this.arg();
      if (xf.skip) return "";
      if (a == null) {
        s = flags & FF.NOQUOTE && this.isEncoding() ? "null" : "(null)";
        len = s.length;
      } else s = String(a);
    }
    if (xf.width[W_MIN] < 0 && xf.width[W_SIZE] < 0 && xf.width[W_MAX] < 0 && !(this.iflags & IF_ANCHOR || this.has(XOF.COLUMNS)))
      return this.bufEscape(s, flags);
    const r = this.formatStringDirect(flags, s, len, xf.width[W_MAX]);
    if (r.cols < 0) return "";
    let out = r.out, cols = r.cols;
    if (cols < xf.width[W_MIN]) {
      const delta = xf.width[W_MIN] - cols;
      const pad = (xf.leadingZero > 0 ? "0" : " ").repeat(delta);
      out = xf.seenMinus ? out + pad : pad + out;
      cols += delta;
    }
    this.addCols(cols);
    return out;
  }

  /**
   * xo_do_format_field: render a field's printf-style format with the next arguments and return
   * the text (escaped for the style); with NO_OUTPUT only the arguments are taken.
   */
  private doFormatField(fmt: string, flags: number): string {
    const style = flags & FF.XML ? XO_STYLE_XML : this.style;
    const makeOutput = !(flags & FF.NO_OUTPUT);
    let out = "";
    let xp = -1;
    const literal = (from: number, to: number) => {
      if (!makeOutput) return;
      const r = this.formatStringDirect(flags | FF.UNESCAPE, fmt.slice(from, to), to - from, -1);
      out += r.out;
      if (r.cols > 0) this.addCols(r.cols);
    };
    const ep = fmt.length;
    let cp = 0;
    for (; cp < ep; cp++) {
      if (fmt[cp] !== "%" || (cp + 1 < ep && fmt[cp + 1] === "%")) {
        // literal text; "%%" starts it at the second '%' (which UNESCAPE then drops, as in libxo)
        if (fmt[cp] === "%") cp++;
        if (xp < 0) xp = cp;
        if (fmt[cp] === "\\" && cp + 1 < ep) cp++;
        continue;
      }
      if (xp >= 0) {
        literal(xp, cp);
        xp = -1;
      }
      const xf: FormatSpec = {
        fc: "", skip: false, lflag: 0, hflag: 0, seenMinus: false, leadingZero: -1, dots: 0,
        width: [-1, -1, -1], star: [false, false, false],
      };
      let sp = cp;
      if (fmt[cp + 1] === "@") {
        // "%@...@": libxo's own flags; a '*' there is an argument to skip
        for (cp += 2; cp < ep && fmt[cp] !== "@"; cp++) if (fmt[cp] === "*") this.arg();
        sp = cp;
      }
      // a display-only or encode-only format never skips here: libxo tests the handle's flags
      // with the field's bits, so only "info" (the bit of XFF_DISPLAY_ONLY) blanks encoded values
      if (this.has(XOF.INFO) && style !== XO_STYLE_TEXT && this.style !== XO_STYLE_HTML) xf.skip = true;
      if (!makeOutput) xf.skip = true;
      for (cp += 1; cp < ep; cp++) {
        const c = fmt[cp]!;
        if (c === "l") xf.lflag++;
        else if (c === "h") xf.hflag++;
        else if (c === ".") {
          if (xf.dots + 1 >= 3) {
            this.failure(`Too many dots in format: '${fmt}'`);
            return out;
          }
          xf.dots++;
        } else if (c === "-") xf.seenMinus = true;
        else if (c >= "0" && c <= "9") {
          if (xf.leadingZero < 0) xf.leadingZero = c === "0" ? 1 : 0;
          const w = xf.width[xf.dots]!;
          xf.width[xf.dots] = (w > 0 ? w : 0) * 10 + (c.charCodeAt(0) - 48);
        } else if (c === "*") xf.star[xf.dots] = true;
        else if ("diouxXDOUeEfFgGaAcCsSpm".includes(c)) break;
        else if (c === "n" || c === "v") {
          this.failure(`unsupported format: '${fmt}'`);
          return out;
        }
      }
      if (cp >= ep) {
        this.failure(`field format missing format character: ${fmt}`);
        break;
      }
      xf.fc = fmt[cp]!;
      const spec = "%" + fmt.slice(sp + 1, cp + 1);
      if (xf.fc === "s" || xf.fc === "S" || xf.fc === "m") {
        if (xf.fc !== "m") {
          for (let s = 0; s < 3; s++) {
            if (!xf.star[s]) continue;
            let w = Number(toBig(this.arg()));
            if (w < 0) {
              if (s === 0) { w = -w; xf.seenMinus = true; }
              else w = -1;
            }
            xf.width[s] = w;
          }
        }
        if (xf.width[W_MAX] < 0 && xf.width[W_SIZE] >= 0) xf.width[W_MAX] = xf.width[W_SIZE];
        let rc = this.formatString(flags, xf);
        if (flags & FF.TRIM_WS && this.isEncoding()) rc = trimWs(rc);
        out += rc;
      } else {
        let k = 0;
        const args: XoArg[] = [];
        const next = () => args[k++];
        for (let s = 0; s < 3; s++) if (xf.star[s]) args.push(this.arg());
        args.push(this.arg());
        if (!xf.skip) {
          let rc = printfOne(spec, next);
          if (rc.length > 0) {
            if (style !== XO_STYLE_TEXT && style !== XO_STYLE_HTML && flags & FF.TRIM_WS) rc = trimWs(rc);
            const columns = rc.length;
            if (style === XO_STYLE_XML) rc = escapeXml(rc, flags);
            else if (style === XO_STYLE_HTML) rc = escapeXml(rc, flags & FF.ATTR);
            else if (style === XO_STYLE_JSON) rc = escapeJson(rc, flags);
            else if (style === XO_STYLE_SDPARAMS) rc = escapeSdparams(rc);
            this.addCols(columns);
          }
          out += rc;
        }
      }
    }
    if (xp >= 0) literal(xp, cp);
    return out;
  }

  /** xo_simple_field: a fixed value, or the format's output (which may only take arguments). */
  private simpleField(encodeOnly: boolean, value: string | undefined, fmt: string | undefined, flags: number): void {
    if (encodeOnly) flags |= FF.NO_OUTPUT;
    if (!value) this.data += this.doFormatField(fmt ?? "", flags);
    else if (!encodeOnly) this.dataAppendContent(value, flags);
  }

  /** xo_format_humanize: "44470272" -> "42M" (the {h:} modifier, display styles). */
  private formatHumanize(save: { off: number; columns: number; anchor: number }, flags: number): void {
    if (this.has(XOF.NO_HUMANIZE) || this.data.length === save.off) return;
    const value = strtoull0(this.data.slice(save.off));
    if (value === undefined) return;
    let hn = HN.NOSPACE;
    if (flags & FF.HN_SPACE) hn &= ~HN.NOSPACE;
    if (flags & FF.HN_DECIMAL) hn |= HN.DECIMAL;
    if (flags & FF.HN_1000) hn |= HN.DIVISOR_1000;
    let scale = 0;
    if (value) {
      const d = hn & HN.DIVISOR_1000 ? 1000n : 1024n;
      for (let left = value; left; scale++) left /= d;
      scale -= 1;
    }
    const r = humanizeNumber(value, 64, "", scale, hn);
    if (r.length > 0) {
      this.data = this.data.slice(0, save.off) + r;
      this.columns = save.columns + r.length;
      this.anchorColumns = save.anchor + r.length;
    }
  }

  /** xo_buf_append_div: one HTML <div> for a field. */
  private appendDiv(cls: string, flags: number, name: string | undefined, value: string | undefined, fmt: string | undefined, encoding: string | undefined): void {
    if (encoding === undefined && fmt !== undefined) encoding = fixEncoding(fmt);
    if (flags & FF.ENCODE_ONLY) {
      this.simpleField(true, undefined, encoding, flags);
      return;
    }
    this.lineEnsureOpen(0);
    if (this.has(XOF.PRETTY)) this.bufIndent(this.indentBy);
    this.data += '<div class="' + cls;
    if (name !== undefined) {
      this.data += '" data-tag="' + this.bufEscape(name, 0);
      if (this.has(XOF.UNITS)) {
        this.iflags |= IF_UNITS_PENDING;
        this.unitsOffset = this.data.length + 1;
      }
      if (flags & FF.KEY && this.has(XOF.KEYS)) this.data += '" data-key="key';
    }
    const base = this.data.length;
    this.data += '">';
    const save = { off: this.data.length, columns: this.columns, anchor: this.anchorColumns };
    this.simpleField(false, value, fmt, flags);
    if (flags & FF.HUMANIZE) {
      const orig = this.data.slice(save.off);
      this.formatHumanize(save, flags);
      this.data = this.data.slice(0, base) + '" data-number="' + orig + this.data.slice(base);
    }
    this.data += "</div>";
    if (this.has(XOF.PRETTY)) this.data += "\n";
  }

  /** xo_format_content: labels, notes, decorations, padding, errors, warnings. */
  private formatContent(cls: string, tag: string | undefined, value: string | undefined, fmt: string | undefined, flags: number): void {
    switch (this.style) {
      case XO_STYLE_TEXT:
        this.simpleField(false, value, fmt, flags);
        break;
      case XO_STYLE_HTML:
        this.appendDiv(cls, flags, undefined, value, fmt, undefined);
        break;
      case XO_STYLE_XML:
      case XO_STYLE_JSON:
      case XO_STYLE_SDPARAMS:
        if (tag) {
          this.openContainer(tag);
          this.formatValue("message", value, fmt, undefined, flags);
          this.closeContainer(tag);
        } else this.simpleField(true, value, fmt, flags);
        break;
    }
  }

  /** xo_format_title: {T:} column titles, shown in text and HTML only. */
  private formatTitle(f: Field, value: string | undefined): void {
    const flags = f.flags;
    const fmt = f.format || "%s";
    if (this.isEncoding()) {
      this.simpleField(true, value, fmt, flags);
      return;
    }
    const html = this.style === XO_STYLE_HTML;
    if (html) {
      this.lineEnsureOpen(0);
      if (this.has(XOF.PRETTY)) this.bufIndent(this.indentBy);
      this.data += '<div class="title">';
    }
    let rc: string | undefined;
    if (value) {
      // the format applies to the content, through printf(3)
      const s = cprintf(fmt, [value]);
      if (value.endsWith("s")) this.dataAppendContent(s, flags);
      else {
        rc = s;
        this.addCols(s.length);
      }
    } else rc = this.doFormatField(fmt, flags);
    if (rc !== undefined) this.data += html ? escapeXml(rc, 0) : rc;
    if (html) {
      this.data += "</div>";
      if (this.has(XOF.PRETTY)) this.data += "\n";
    }
  }

  /** xo_format_units: {U:} text after a value, or its units="" attribute with "units". */
  private formatUnits(f: Field, value: string | undefined): void {
    if (!(this.iflags & IF_UNITS_PENDING)) {
      this.formatContent("units", undefined, value, f.format, f.flags);
      return;
    }
    const start = this.unitsOffset, stop = this.data.length;
    let ins: string;
    if (this.style === XO_STYLE_XML) ins = ' units="';
    else if (this.style === XO_STYLE_HTML) ins = ' data-units="';
    else return;
    ins += value ? this.bufEscape(value, 0) : this.doFormatField(f.format ?? "", f.flags);
    ins += '"';
    this.data = this.data.slice(0, start) + ins + this.data.slice(start, stop);
  }

  // ---- anchors: {[:width} ... {]:} pad what is between to a width ----
  private findWidth(f: Field, value: string | undefined): number {
    if (value) {
      const w = strtolAll(value);
      if (w === undefined) {
        this.failure(`invalid width for anchor: '${value}'`);
        return 0;
      }
      return w;
    }
    if (f.format) {
      if (f.format === "%d" || f.format === "%u") return Number(toBig(this.arg()));
      const was = this.iflags & IF_ANCHOR;
      this.iflags &= ~IF_ANCHOR;
      const s = this.doFormatField(f.format, 0);
      this.iflags |= was;
      const w = strtolAll(s);
      if (w === undefined) {
        this.failure(`invalid width for anchor: '${s}'`);
        return 0;
      }
      return w;
    }
    return 0;
  }
  private anchorClear(): void {
    this.iflags &= ~IF_ANCHOR;
    this.anchorOffset = this.anchorColumns = this.anchorMinWidth = 0;
  }
  private anchorStart(f: Field, value: string | undefined): void {
    if (this.iflags & IF_ANCHOR) this.failure("the anchor already recording is discarded");
    this.iflags |= IF_ANCHOR;
    this.anchorOffset = this.data.length;
    this.anchorColumns = 0;
    this.anchorMinWidth = this.findWidth(f, value);
  }
  private anchorStop(f: Field, value: string | undefined): void {
    if (!(this.iflags & IF_ANCHOR)) {
      this.failure("no start anchor");
      return;
    }
    this.iflags &= ~IF_UNITS_PENDING;
    let width = this.findWidth(f, value);
    if (width === 0) width = this.anchorMinWidth;
    const abs = Math.abs(width), blen = abs - this.anchorColumns;
    if (width !== 0 && blen > 0) {
      if (abs > MAX_ANCHOR_WIDTH) this.failure(`width over ${MAX_ANCHOR_WIDTH} are not supported`);
      else {
        const start = this.anchorOffset, stop = this.data.length;
        this.formatContent("padding", undefined, " ".repeat(blen), undefined, 0);
        if (width > 0 && this.data.length > stop)
          this.data = this.data.slice(0, start) + this.data.slice(stop) + this.data.slice(start, stop);
      }
    }
    this.anchorClear();
  }

  // ---- values ----

  /** xo_format_value: a named value ({:name}, {k:name}, {l:name}) in every style. */
  private formatValue(name: string, value: string | undefined, fmt: string | undefined, encoding: string | undefined, flags: number): void {
    const xsp = this.stack[this.depth]!;
    if (flags & FF.LEAF_LIST) {
      if (xsp.flags & (SF_EMIT | SF_EMIT_KEY) || !(xsp.flags & SF_EMIT_LEAF_LIST)) {
        if (this.transition(0, name, S_EMIT_LEAF_LIST) < 0) flags |= FF.DISPLAY_ONLY | FF.ENCODE_ONLY;
        else this.stack[this.depth]!.flags |= SF_EMIT_LEAF_LIST;
      }
      const cur = this.stack[this.depth]!;
      if (cur.name) name = cur.name;
    } else if (flags & FF.KEY) {
      if (xsp.flags & SF_EMIT && !(flags & FF.DISPLAY_ONLY)) this.failure(`key field emitted after normal value field: '${name}'`);
      else if (!(xsp.flags & SF_EMIT_KEY)) {
        if (this.transition(0, name, S_EMIT) < 0) flags |= FF.DISPLAY_ONLY | FF.ENCODE_ONLY;
        this.stack[this.depth]!.flags |= SF_EMIT_KEY;
      }
    } else if (xsp.flags & SF_EMIT_LEAF_LIST || !(xsp.flags & SF_EMIT)) {
      if (this.transition(0, name, S_EMIT) < 0) flags |= FF.DISPLAY_ONLY | FF.ENCODE_ONLY;
      this.stack[this.depth]!.flags |= SF_EMIT;
    }
    name = this.mapName(name);
    const leader = this.xmlLeader(name);
    const pretty = this.has(XOF.PRETTY);
    switch (this.style) {
      case XO_STYLE_TEXT: {
        if (flags & FF.ENCODE_ONLY) flags |= FF.NO_OUTPUT;
        const save = { off: this.data.length, columns: this.columns, anchor: this.anchorColumns };
        this.simpleField(false, value, fmt, flags);
        if (flags & FF.HUMANIZE) this.formatHumanize(save, flags);
        break;
      }
      case XO_STYLE_HTML:
        if (flags & FF.ENCODE_ONLY) flags |= FF.NO_OUTPUT;
        this.appendDiv("data", flags, name, value, fmt, encoding);
        break;
      case XO_STYLE_XML: {
        if (flags & FF.DISPLAY_ONLY) {
          this.simpleField(true, value, fmt, flags);
          break;
        }
        const f = encoding ?? fixEncoding(fmt ?? "");
        if (!name) {
          this.failure(`missing field name: ${f}`);
          name = "missing-field-name";
        }
        if (pretty) this.bufIndent(-1);
        this.data += "<" + leader + this.bufEscape(name, 0) + this.attrs;
        this.attrs = "";
        if (flags & FF.KEY && this.has(XOF.KEYS)) this.data += ' key="key"';
        if (this.has(XOF.UNITS)) {
          this.iflags |= IF_UNITS_PENDING;
          this.unitsOffset = this.data.length;
        }
        this.data += ">";
        this.simpleField(false, value, f, flags);
        this.data += "</" + leader + this.bufEscape(name, 0) + ">";
        if (pretty) this.data += "\n";
        break;
      }
      case XO_STYLE_JSON: {
        if (flags & FF.DISPLAY_ONLY) {
          this.simpleField(true, value, fmt, flags);
          break;
        }
        let f = encoding ?? fixEncoding(fmt ?? "");
        this.stackSetFlags();
        const first = !(this.stack[this.depth]!.flags & SF_NOT_FIRST);
        this.formatPrep(flags);
        let quote: boolean;
        if (flags & FF.QUOTE) quote = true;
        else if (flags & FF.NOQUOTE) quote = false;
        else if (value) quote = true;
        else if (f === "") {
          quote = false;
          f = "true"; // an empty format is JSON's true
        } else quote = !isNumeric(f);
        if (!name) {
          this.failure(`missing field name: ${f}`);
          name = "missing-field-name";
        }
        if (flags & FF.LEAF_LIST) {
          if (!first && pretty) this.data += "\n";
          if (pretty) this.bufIndent(-1);
        } else {
          if (pretty) this.bufIndent(-1);
          let n = this.bufEscape(name, 0);
          if (this.has(XOF.UNDERSCORES)) n = n.replace(/-/g, "_");
          this.data += '"' + n + '":' + (pretty ? " " : "");
        }
        if (quote) this.data += '"';
        this.simpleField(false, value, f, flags);
        if (quote) this.data += '"';
        break;
      }
      case XO_STYLE_SDPARAMS: {
        if (flags & FF.DISPLAY_ONLY) {
          this.simpleField(true, value, fmt, flags);
          break;
        }
        const f = encoding ?? fixEncoding(fmt ?? "");
        if (!name) {
          this.failure(`missing field name: ${f}`);
          name = "missing-field-name";
        }
        this.data += this.bufEscape(name, 0) + '="';
        this.simpleField(false, value, f, flags);
        this.data += '" ';
        break;
      }
    }
  }

  /** xo_format_prep: the comma before a JSON member. */
  private formatPrep(flags: number): void {
    const f = this.stack[this.depth]!;
    if (f.flags & SF_NOT_FIRST) {
      this.data += ",";
      if (!(flags & FF.LEAF_LIST) && this.has(XOF.PRETTY)) this.data += "\n";
    } else f.flags |= SF_NOT_FIRST;
  }

  /** xo_xml_leader: an XML tag cannot start with a digit, so such names get a '_'. */
  private xmlLeader(name: string | undefined): string {
    if (!name || /^[A-Za-z_]/.test(name)) return "";
    this.failure(`invalid XML tag name: '${name}'`);
    return "_";
  }

  // ---- the stack of containers, lists and instances ----

  private stackSetFlags(): void {
    if (this.has(XOF.NOT_FIRST)) {
      this.stack[this.depth]!.flags |= SF_NOT_FIRST;
      this.flags &= ~XOF.NOT_FIRST;
    }
  }
  private stackFlags(xflags: number): number {
    return xflags & XOF.DTRT ? SF_DTRT : 0;
  }

  /** xo_depth_change */
  private depthChange(name: string | undefined, delta: number, indent: number, state: number, flags: number): void {
    if (this.style === XO_STYLE_HTML || this.style === XO_STYLE_TEXT) indent = 0;
    if (this.has(XOF.DTRT)) flags |= SF_DTRT;
    if (delta >= 0) {
      this.stack[this.depth + delta] = { flags, state, name: undefined };
      this.stackSetFlags();
      this.stack[this.depth + delta]!.name = name ?? FAILURE_NAME;
    } else {
      if (this.depth === 0) {
        if (!this.has(XOF.IGNORE_CLOSE)) this.failure(`close with empty stack: '${name}'`);
        return;
      }
      const xsp = this.stack[this.depth]!;
      if (this.has(XOF.WARN)) {
        const top = xsp.name;
        if (top !== undefined && name !== undefined && name !== top) {
          this.failure(`incorrect close: '${name}' .vs. '${top}'`);
          return;
        }
        if ((xsp.flags & SF_LIST) !== (flags & SF_LIST)) {
          this.failure(`list close on list confict: '${name}'`);
          return;
        }
        if ((xsp.flags & SF_INSTANCE) !== (flags & SF_INSTANCE)) {
          this.failure(`list close on instance confict: '${name}'`);
          return;
        }
      }
      xsp.name = undefined;
    }
    this.depth += delta;
    this.indentLevel += indent;
  }

  private emitTop(ppn: string): void {
    this.data += this.indentStr() + "{" + ppn;
    this.iflags |= IF_TOP_EMITTED;
    if (this.version !== undefined) {
      this.data += this.indentStr() + `"__version": "${this.version}", ` + ppn;
      this.version = undefined;
    }
  }

  private preNl(): string {
    const f = this.stack[this.depth]!;
    const r = f.flags & SF_NOT_FIRST ? (this.has(XOF.PRETTY) ? ",\n" : ", ") : "";
    f.flags |= SF_NOT_FIRST;
    return r;
  }
  private underscores(name: string): string {
    return this.has(XOF.UNDERSCORES) ? name.replace(/-/g, "_") : name;
  }
  private nameFromStack(name: string | undefined): string {
    if (name !== undefined) return name;
    const xsp = this.stack[this.depth]!;
    if (xsp.name !== undefined) return xsp.name;
    if (!(xsp.flags & SF_DTRT)) this.failure("missing name without 'dtrt' mode");
    return FAILURE_NAME;
  }

  private doOpenContainer(flags: number, name: string | undefined): number {
    const ppn = this.has(XOF.PRETTY) ? "\n" : "";
    if (name === undefined) {
      this.failure("NULL passed for container name");
      name = FAILURE_NAME;
    }
    name = this.mapName(name);
    const leader = this.xmlLeader(name);
    flags |= this.flags;
    switch (this.style) {
      case XO_STYLE_XML:
        this.data += this.indentStr() + "<" + leader + name + this.attrs + ">" + ppn;
        this.attrs = "";
        break;
      case XO_STYLE_JSON: {
        this.stackSetFlags();
        if (!this.has(XOF.NO_TOP) && !(this.iflags & IF_TOP_EMITTED)) this.emitTop(ppn);
        const pre = this.preNl();
        this.data += pre + this.indentStr() + `"${this.underscores(name)}": {` + ppn;
        break;
      }
    }
    this.depthChange(name, 1, 1, S_OPEN_CONTAINER, this.stackFlags(flags));
    return 0;
  }

  private doCloseContainer(name: string | undefined): number {
    const ppn = this.has(XOF.PRETTY) ? "\n" : "";
    name = this.mapName(this.nameFromStack(name));
    const leader = this.xmlLeader(name);
    switch (this.style) {
      case XO_STYLE_XML:
        this.depthChange(name, -1, -1, S_CLOSE_CONTAINER, 0);
        this.data += this.indentStr() + "</" + leader + name + ">" + ppn;
        break;
      case XO_STYLE_JSON: {
        this.stackSetFlags();
        const pre = this.has(XOF.PRETTY) ? "\n" : "";
        this.depthChange(name, -1, -1, S_CLOSE_CONTAINER, 0);
        this.data += pre + this.indentStr() + "}";
        this.stack[this.depth]!.flags |= SF_NOT_FIRST;
        break;
      }
      case XO_STYLE_HTML:
      case XO_STYLE_TEXT:
        this.depthChange(name, -1, 0, S_CLOSE_CONTAINER, 0);
        break;
    }
    return 0;
  }

  private doOpenList(flags: number, name: string | undefined): number {
    const ppn = this.has(XOF.PRETTY) ? "\n" : "";
    let indent = 0;
    if (name !== undefined) name = this.mapName(name);
    if (this.style === XO_STYLE_JSON) {
      indent = 1;
      if (!this.has(XOF.NO_TOP) && !(this.iflags & IF_TOP_EMITTED)) this.emitTop(ppn);
      if (name === undefined) {
        this.failure("NULL passed for list name");
        name = FAILURE_NAME;
      }
      this.stackSetFlags();
      const pre = this.preNl();
      this.data += pre + this.indentStr() + `"${this.underscores(name)}": [` + ppn;
    }
    this.depthChange(name, 1, indent, S_OPEN_LIST, SF_LIST | this.stackFlags(flags));
    return 0;
  }

  /** xo_do_close_list and xo_do_close_leaf_list (the same but for the state they record). */
  private doCloseList(name: string | undefined, state = S_CLOSE_LIST): number {
    name = this.mapName(this.nameFromStack(name));
    if (this.style === XO_STYLE_JSON) {
      const f = this.stack[this.depth]!;
      const pre = f.flags & SF_NOT_FIRST && this.has(XOF.PRETTY) ? "\n" : "";
      f.flags |= SF_NOT_FIRST;
      this.depthChange(name, -1, -1, state, SF_LIST);
      this.data += pre + this.indentStr() + "]";
    } else this.depthChange(name, -1, 0, state, SF_LIST);
    this.stack[this.depth]!.flags |= SF_NOT_FIRST;
    return 0;
  }

  private doOpenLeafList(flags: number, name: string | undefined): number {
    const ppn = this.has(XOF.PRETTY) ? "\n" : "";
    let indent = 0;
    if (name !== undefined) name = this.mapName(name);
    if (this.style === XO_STYLE_JSON) {
      indent = 1;
      if (!this.has(XOF.NO_TOP) && !(this.iflags & IF_TOP_EMITTED)) {
        this.data += this.indentStr() + "{" + ppn;
        this.iflags |= IF_TOP_EMITTED;
      }
      if (name === undefined) {
        this.failure("NULL passed for list name");
        name = FAILURE_NAME;
      }
      this.stackSetFlags();
      const pre = this.preNl();
      this.data += pre + this.indentStr() + `"${name}": [` + ppn;
    }
    this.depthChange(name, 1, indent, S_OPEN_LEAF_LIST, SF_LIST | this.stackFlags(flags));
    return 0;
  }

  private doOpenInstance(flags: number, name: string | undefined): number {
    const ppn = this.has(XOF.PRETTY) ? "\n" : "";
    if (name === undefined) {
      this.failure("NULL passed for instance name");
      name = FAILURE_NAME;
    }
    name = this.mapName(name);
    const leader = this.xmlLeader(name);
    flags |= this.flags;
    switch (this.style) {
      case XO_STYLE_XML:
        this.data += this.indentStr() + "<" + leader + name + this.attrs + ">" + ppn;
        this.attrs = "";
        break;
      case XO_STYLE_JSON: {
        this.stackSetFlags();
        const pre = this.preNl();
        this.data += pre + this.indentStr() + "{" + ppn;
        break;
      }
    }
    this.depthChange(name, 1, 1, S_OPEN_INSTANCE, this.stackFlags(flags));
    return 0;
  }

  private doCloseInstance(name: string | undefined): number {
    const ppn = this.has(XOF.PRETTY) ? "\n" : "";
    name = this.mapName(this.nameFromStack(name));
    const leader = this.xmlLeader(name);
    switch (this.style) {
      case XO_STYLE_XML:
        this.depthChange(name, -1, -1, S_CLOSE_INSTANCE, 0);
        this.data += this.indentStr() + "</" + leader + name + ">" + ppn;
        break;
      case XO_STYLE_JSON: {
        const pre = this.has(XOF.PRETTY) ? "\n" : "";
        this.depthChange(name, -1, -1, S_CLOSE_INSTANCE, 0);
        this.data += pre + this.indentStr() + "}";
        this.stack[this.depth]!.flags |= SF_NOT_FIRST;
        break;
      }
      case XO_STYLE_HTML:
      case XO_STYLE_TEXT:
        this.depthChange(name, -1, 0, S_CLOSE_INSTANCE, 0);
        break;
    }
    return 0;
  }

  /** xo_do_close_all: close everything down to stack[limit]. */
  private doCloseAll(limit: number): number {
    for (let i = this.depth; i >= limit && i >= 0; i--) {
      const xsp = this.stack[i]!;
      let rc = 0;
      switch (xsp.state) {
        case S_OPEN_CONTAINER: rc = this.doCloseContainer(undefined); break;
        case S_OPEN_LIST: rc = this.doCloseList(undefined); break;
        case S_OPEN_INSTANCE: rc = this.doCloseInstance(undefined); break;
        case S_OPEN_LEAF_LIST: rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST); break;
        case S_MARKER: {
          const flags = xsp.flags & SF_MARKER_FLAGS;
          this.depthChange(xsp.name, -1, 0, S_MARKER, 0);
          this.stack[this.depth]!.flags |= flags;
          break;
        }
      }
      if (rc < 0) this.failure(`close ${xsp.state} failed: ${rc}`);
    }
    return 0;
  }

  /** xo_do_close: close up to the innermost frame of the state (and name) wanted. */
  private doClose(name: string | undefined, newState: number): number {
    const need = newState === S_CLOSE_CONTAINER ? S_OPEN_CONTAINER : newState === S_CLOSE_LIST ? S_OPEN_LIST
      : newState === S_CLOSE_INSTANCE ? S_OPEN_INSTANCE : newState === S_CLOSE_LEAF_LIST ? S_OPEN_LEAF_LIST
      : newState === S_MARKER ? S_MARKER : -1;
    if (need < 0) return 0;
    if (name !== undefined) name = this.mapName(name);
    let limit = -1;
    for (let i = this.depth; i > 0; i--) {
      const xsp = this.stack[i]!;
      if (xsp.state === S_MARKER && need !== S_MARKER) {
        if (name !== undefined) {
          this.failure(`close (xo_${stateName(newState)}) fails at marker '${xsp.name}'; not found '${name}'`);
          return 0;
        }
        limit = i;
        this.failure(`close stops at marker '${xsp.name}'`);
        break;
      }
      if (xsp.state !== need) continue;
      if (name !== undefined && xsp.name !== undefined && name !== xsp.name) continue;
      limit = i;
      break;
    }
    if (limit < 0) {
      this.failure(`xo_${stateName(newState)} can't find match for '${name}'`);
      return 0;
    }
    return this.doCloseAll(limit);
  }

  /** xo_transition: the state machine that opens and closes what a call needs. */
  private transition(flags: number, name: string | undefined, newState: number): number {
    let i = this.depth;
    let old = this.stack[i]!.state;
    const onMarker = old === S_MARKER;
    while (old === S_MARKER) {
      if (i === 0) break;
      old = this.stack[--i]!.state;
    }
    let rc = 0;
    const markerPrevents = () => {
      this.failure(`marker '${this.stack[this.depth]!.name}' prevents transition from ${stateName(old)} to ${stateName(newState)}`);
      return -1;
    };
    switch (T(old, newState)) {
      case (S_INIT << 8) | S_OPEN_CONTAINER:
      case (S_OPEN_INSTANCE << 8) | S_OPEN_CONTAINER:
      case (S_OPEN_CONTAINER << 8) | S_OPEN_CONTAINER:
        rc = this.doOpenContainer(flags, name);
        break;
      case (S_OPEN_LIST << 8) | S_OPEN_CONTAINER:
      case (S_OPEN_LEAF_LIST << 8) | S_OPEN_CONTAINER:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST);
        if (rc >= 0) rc = this.doOpenContainer(flags, name);
        break;
      case (S_INIT << 8) | S_CLOSE_CONTAINER:
        rc = this.doCloseContainer(name);
        break;
      case (S_OPEN_CONTAINER << 8) | S_CLOSE_CONTAINER:
      case (S_OPEN_LIST << 8) | S_CLOSE_CONTAINER:
      case (S_OPEN_INSTANCE << 8) | S_CLOSE_CONTAINER:
        if (onMarker) return markerPrevents();
        rc = this.doClose(name, newState);
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_CLOSE_CONTAINER:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST);
        if (rc >= 0) rc = this.doClose(name, newState);
        break;
      case (S_INIT << 8) | S_OPEN_LIST:
      case (S_OPEN_CONTAINER << 8) | S_OPEN_LIST:
      case (S_OPEN_INSTANCE << 8) | S_OPEN_LIST:
        rc = this.doOpenList(flags, name);
        break;
      case (S_OPEN_LIST << 8) | S_OPEN_LIST:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined);
        if (rc >= 0) rc = this.doOpenList(flags, name);
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_OPEN_LIST:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST);
        if (rc >= 0) rc = this.doOpenList(flags, name);
        break;
      case (S_OPEN_LIST << 8) | S_CLOSE_LIST:
        if (onMarker) return markerPrevents();
        rc = this.doClose(name, newState);
        break;
      case (S_INIT << 8) | S_CLOSE_LIST:
      case (S_OPEN_CONTAINER << 8) | S_CLOSE_LIST:
      case (S_OPEN_INSTANCE << 8) | S_CLOSE_LIST:
      case (S_OPEN_LEAF_LIST << 8) | S_CLOSE_LIST:
        rc = this.doClose(name, newState);
        break;
      case (S_OPEN_LIST << 8) | S_OPEN_INSTANCE:
        rc = this.doOpenInstance(flags, name);
        break;
      case (S_INIT << 8) | S_OPEN_INSTANCE:
      case (S_OPEN_CONTAINER << 8) | S_OPEN_INSTANCE:
        rc = this.doOpenList(flags, name);
        if (rc >= 0) rc = this.doOpenInstance(flags, name);
        break;
      case (S_OPEN_INSTANCE << 8) | S_OPEN_INSTANCE:
        rc = onMarker ? this.doOpenList(flags, name) : this.doCloseInstance(undefined);
        if (rc >= 0) rc = this.doOpenInstance(flags, name);
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_OPEN_INSTANCE:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST);
        if (rc >= 0) rc = this.doOpenInstance(flags, name);
        break;
      case (S_OPEN_INSTANCE << 8) | S_CLOSE_INSTANCE:
        if (onMarker) return markerPrevents();
        rc = this.doCloseInstance(name);
        break;
      case (S_INIT << 8) | S_CLOSE_INSTANCE:
        this.failure(`xo_close_instance ignored when called from initial state ('${name ?? "(unknown)"}')`);
        break;
      case (S_OPEN_CONTAINER << 8) | S_CLOSE_INSTANCE:
      case (S_OPEN_LIST << 8) | S_CLOSE_INSTANCE:
        if (onMarker) return markerPrevents();
        rc = this.doClose(name, newState);
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_CLOSE_INSTANCE:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST);
        if (rc >= 0) rc = this.doClose(name, newState);
        break;
      case (S_OPEN_CONTAINER << 8) | S_OPEN_LEAF_LIST:
      case (S_OPEN_INSTANCE << 8) | S_OPEN_LEAF_LIST:
      case (S_INIT << 8) | S_OPEN_LEAF_LIST:
        rc = this.doOpenLeafList(flags, name);
        break;
      case (S_OPEN_LIST << 8) | S_OPEN_LEAF_LIST:
      case (S_OPEN_LEAF_LIST << 8) | S_OPEN_LEAF_LIST:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined);
        if (rc >= 0) rc = this.doOpenLeafList(flags, name);
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_CLOSE_LEAF_LIST:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(name, S_CLOSE_LEAF_LIST);
        break;
      case (S_INIT << 8) | S_CLOSE_LEAF_LIST:
        this.failure(`xo_close_leaf_list ignored when called from initial state ('${name ?? "(unknown)"}')`);
        break;
      case (S_OPEN_CONTAINER << 8) | S_CLOSE_LEAF_LIST:
      case (S_OPEN_LIST << 8) | S_CLOSE_LEAF_LIST:
      case (S_OPEN_INSTANCE << 8) | S_CLOSE_LEAF_LIST:
        if (onMarker) return markerPrevents();
        rc = this.doClose(name, newState);
        break;
      case (S_OPEN_CONTAINER << 8) | S_EMIT:
      case (S_OPEN_INSTANCE << 8) | S_EMIT:
        break;
      case (S_OPEN_LIST << 8) | S_EMIT:
        if (onMarker) return markerPrevents();
        rc = this.doClose(undefined, S_CLOSE_LIST);
        break;
      case (S_INIT << 8) | S_EMIT:
        // a field before any container: libxo makes a "data" container for it
        if (!this.has(XOF.NO_TOP_LEVEL)) {
          this.failure("emitting a field before a top-level tag");
          rc = this.doOpenContainer(flags, "data");
        }
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_EMIT:
        if (onMarker) return markerPrevents();
        rc = this.doCloseList(undefined, S_CLOSE_LEAF_LIST);
        break;
      case (S_INIT << 8) | S_EMIT_LEAF_LIST:
      case (S_OPEN_CONTAINER << 8) | S_EMIT_LEAF_LIST:
      case (S_OPEN_INSTANCE << 8) | S_EMIT_LEAF_LIST:
        rc = this.doOpenLeafList(flags, name);
        break;
      case (S_OPEN_LEAF_LIST << 8) | S_EMIT_LEAF_LIST:
      case (S_OPEN_LIST << 8) | S_EMIT_LEAF_LIST:
        break;
      default:
        this.failure(`unknown transition: (${this.stack[i]!.state} -> ${newState})`);
    }
    if ((this.has(XOF.FLUSH) || this.data.length > HIGH_WATER) && rc >= 0 && !(this.iflags & IF_ANCHOR)) this.flush();
    return rc;
  }

  openContainer(name: string): number {
    return this.transition(0, name, S_OPEN_CONTAINER);
  }
  /** xo_open_container_d: "do the right thing" mode (a close may leave the name out). */
  openContainerD(name: string): number {
    return this.transition(XOF.DTRT, name, S_OPEN_CONTAINER);
  }
  closeContainer(name?: string): number {
    return this.transition(0, name, S_CLOSE_CONTAINER);
  }
  openList(name: string): number {
    return this.transition(0, name, S_OPEN_LIST);
  }
  closeList(name?: string): number {
    return this.transition(0, name, S_CLOSE_LIST);
  }
  openLeafList(name: string): number {
    return this.transition(0, name, S_OPEN_LEAF_LIST);
  }
  closeLeafList(name?: string): number {
    return this.transition(0, name, S_CLOSE_LEAF_LIST);
  }
  openInstance(name: string): number {
    return this.transition(0, name, S_OPEN_INSTANCE);
  }
  closeInstance(name?: string): number {
    return this.transition(0, name, S_CLOSE_INSTANCE);
  }
  openMarker(name: string): number {
    this.depthChange(name, 1, 0, S_MARKER, this.stack[this.depth]!.flags & SF_MARKER_FLAGS);
    return 0;
  }
  closeMarker(name: string): number {
    return this.doClose(name, S_MARKER);
  }

  /** xo_parse_args on this handle: argv without its --libxo options, or -1 (the warning shown). */
  parseArgs(argv: string[]): string[] | -1 {
    if (this.program === undefined && argv.length) {
      let p = argv[0]!;
      const slash = p.lastIndexOf("/");
      if (slash >= 0) p = p.slice(slash + 1);
      if (p.length >= 6 && p.endsWith(".test")) p = p.slice(0, -5);
      this.program = p;
    }
    const out = argv.slice(0, 1);
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (!a.startsWith("--libxo")) {
        out.push(a);
        continue;
      }
      const cp = a.slice(7);
      if (cp === "") {
        const v = argv[++i];
        if (v === undefined) {
          this.warnx("missing libxo option");
          return -1;
        }
        if (this.setOptions(v) < 0) return -1;
      } else if (cp[0] === ":") {
        if (this.setOptions(cp) < 0) return -1;
      } else if (cp[0] === "=") {
        if (this.setOptions(cp.slice(1)) < 0) return -1;
      } else if (cp === "-check") {
        throw new Exit(XO_HAS_LIBXO);
      } else {
        this.warnx(`unknown libxo option: '${a}'`);
        return -1;
      }
    }
    if (this.has(XOF.COLOR_ALLOWED) && isatty(1)) this.flags |= XOF.COLOR;
    return out;
  }
}

let defaults: WeakMap<Ctx, XoHandle> | undefined;

/** The default handle of an applet run (xo_default(NULL)). */
export function xoDefault(ctx: Ctx): XoHandle {
  defaults ??= new WeakMap();
  let h = defaults.get(ctx);
  if (!h) defaults.set(ctx, (h = new XoHandle(ctx)));
  return h;
}

/** xo_create: a separate handle (e.g. wc's text handle for SIGINFO lines). */
export function xoCreate(ctx: Ctx, style = XO_STYLE_TEXT, flags = 0): XoHandle {
  const h = new XoHandle(ctx);
  h.style = style;
  h.flags |= flags;
  return h;
}

/**
 * xo_parse_args(argc, argv): argv (argv[0] first) without the --libxo options, which set up the
 * default handle of ctx; -1 after a bad option (the message is shown; tools exit 1, du 64).
 */
export function xoParseArgs(ctx: Ctx, argv: string[]): string[] | -1 {
  return xoDefault(ctx).parseArgs(argv);
}

// Byte streams: a buffered writer and a chunk/line reader over file descriptors.
import { writeAll, read, encode, hasEscapes, isatty } from "@bsdbox/compat";

const enc = new TextEncoder();

/** the buffer of a Writer that has not written yet */
const NONE = new Uint8Array(0);

/** Buffered output like stdio: full buffering, or line buffering (set `lineBuffered`). */
export class Writer {
  private buf: Uint8Array;
  private len = 0;
  /** flush after every write (stderr), or after every newline (a tty) */
  unbuffered = false;
  /** line buffering: undefined = decide at the first write (true when fd is a terminal) */
  lineBuffered: boolean | undefined;

  // the buffer is made at the first write (a run that writes nothing, `true`, makes none)
  constructor(public fd: number, private size = 65536) {
    this.buf = NONE;
  }

  /** The first write: make the buffer and decide line buffering (unless the tool did). */
  private start(): void {
    this.buf = new Uint8Array(this.size);
    if (this.lineBuffered === undefined) this.lineBuffered = isatty(this.fd);
  }

  write(data: Uint8Array | string): void {
    if (this.buf === NONE) this.start();
    if (typeof data === "string") {
      const n = data.length;
      // short strings (names, fields): copy ASCII code units straight in; no view, no regex test
      if (n <= 128 && n <= this.buf.length - this.len && this.ascii(data, this.len) === n) {
        this.len += n;
        if (this.unbuffered || (this.lineBuffered && n > 0 && this.buf[this.len - 1] === 10)) this.flush();
        return;
      }
      if (hasEscapes(data)) data = encode(data);
      else {
        // fast path: encode straight into the buffer
        if (data.length * 3 <= this.buf.length - this.len) {
          this.len += enc.encodeInto(data, this.buf.subarray(this.len)).written;
          this.after(data.length > 0 && data.charCodeAt(data.length - 1) === 10);
          return;
        }
        data = enc.encode(data);
      }
    }
    if (data.length >= this.buf.length) {
      this.flush();
      writeAll(this.fd, data);
      return;
    }
    if (data.length > this.buf.length - this.len) this.flush();
    this.buf.set(data, this.len);
    this.len += data.length;
    this.after(data.length > 0 && data[data.length - 1] === 10);
  }

  /** Write src[start, end) without making a view of it (lines of a file held in memory: a
   * subarray per line cost more than copying a short line). */
  range(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (n > 256 || n > this.buf.length - this.len) {
      this.write(src.subarray(start, end));
      return;
    }
    const buf = this.buf;
    let at = this.len;
    for (let i = start; i < end; i++) buf[at++] = src[i]!;
    this.len = at;
    this.after(buf[at - 1] === 10);
  }

  /** Write a, b and the byte `sep` (a path from its directory's prefix and its name, without
   * joining them): one call per entry of a walk's output instead of three. */
  write2(a: string, b: string, sep: number): void {
    const n = a.length, m = b.length;
    const at = this.len;
    if (n + m < 256 && n + m < this.buf.length - at && this.ascii(a, at) === n && this.ascii(b, at + n) === m) {
      this.buf[at + n + m] = sep;
      this.len = at + n + m + 1;
      this.after(sep === 10);
      return;
    }
    this.write(a);
    this.write(b);
    this.byte(sep);
  }

  /** Copy s's code units into the buffer from `at` up to its first one that is not ASCII (the
   * caller has checked the room); how many were copied. The buffer's length does not move. */
  private ascii(s: string, at: number): number {
    const buf = this.buf, n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      buf[at + i] = c;
    }
    return i;
  }

  /** Write one byte. */
  byte(b: number): void {
    if (this.buf === NONE) this.start();
    if (this.len === this.buf.length) this.flush();
    this.buf[this.len++] = b;
    if (this.unbuffered || (this.lineBuffered && b === 10)) this.flush();
  }

  private after(nl: boolean) {
    if (this.unbuffered || (this.lineBuffered && nl)) this.flush();
  }

  flush(): void {
    if (this.len) {
      const n = this.len;
      this.len = 0;
      writeAll(this.fd, this.buf, 0, n);
    }
  }
}

/**
 * Make room at the end of a read buffer whose unread data is buf[start, end): drop consumed data,
 * and when the buffer is full move the unread data down, or (while the buffer is smaller than
 * `bulk`, or nothing was consumed) grow it to at least twice its size and `bulk`.
 */
export function makeRoom(r: { buf: Uint8Array; start: number; end: number }, bulk = 0): void {
  if (r.start === r.end) r.start = r.end = 0;
  if (r.end !== r.buf.length) return;
  if (r.start > 0 && r.buf.length >= bulk) r.buf.copyWithin(0, r.start, r.end);
  else {
    const nb = new Uint8Array(Math.max(r.buf.length * 2, bulk));
    nb.set(r.buf.subarray(r.start, r.end));
    r.buf = nb;
  }
  r.end -= r.start;
  r.start = 0;
}

/**
 * Everything left on `fd` up to end of file, in one buffer that doubles as it fills. Reading stops
 * once more than `max` bytes have come (the caller sees `length > max`: a "file" like /dev/zero).
 * Read errors are thrown.
 */
export function readAll(fd: number, max = Infinity): Uint8Array {
  let buf = new Uint8Array(65536), n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n > max) break;
      const b = new Uint8Array(n * 2);
      b.set(buf);
      buf = b;
    }
    const k = read(fd, buf, n, buf.length - n);
    if (k === 0) break;
    n += k;
  }
  return buf.subarray(0, n);
}

/** Reads a descriptor in chunks and hands out lines (with their '\n') of any length. */
export class Reader {
  buf: Uint8Array;
  start = 0;
  end = 0;
  eof = false;

  constructor(public fd: number, size = 65536) {
    this.buf = new Uint8Array(size);
  }

  /** Read more data into the buffer, keeping [start,end). Returns false at end of input. */
  private fill(): boolean {
    if (this.eof) return false;
    makeRoom(this);
    const n = read(this.fd, this.buf, this.end, this.buf.length - this.end);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.end += n;
    return true;
  }

  /** The next line including its '\n' (absent on a last unterminated line), or null at EOF.
   * The view is valid until the next call. */
  line(delim = 10): Uint8Array | null {
    let scan = this.start;
    for (;;) {
      const i = this.buf.indexOf(delim, scan);
      if (i >= 0 && i < this.end) {
        const l = this.buf.subarray(this.start, i + 1);
        this.start = i + 1;
        return l;
      }
      scan = this.end;
      const off = scan - this.start;
      if (!this.fill()) {
        if (this.start === this.end) return null;
        const l = this.buf.subarray(this.start, this.end);
        this.start = this.end;
        return l;
      }
      scan = this.start + off;
    }
  }

  /** The next chunk of raw input (any size), or null at EOF. */
  chunk(): Uint8Array | null {
    if (this.start < this.end) {
      const c = this.buf.subarray(this.start, this.end);
      this.start = this.end;
      return c;
    }
    this.start = this.end = 0;
    if (!this.fill()) return null;
    const c = this.buf.subarray(this.start, this.end);
    this.start = this.end;
    return c;
  }
}

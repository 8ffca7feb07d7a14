// The core every tool uses. Specialised libraries are imported by path so that a tool's chunk
// carries them and start-up does not: "@bsdbox/shared/regex", "/format", "/fts", "/mode",
// "/strftime", "/wcwidth".
export * from "./applet";
export * from "./err";
export * from "./getopt";
export * from "./io";
export * from "./number";
export * from "./run";
export * from "./files";
export * from "./chars";
export { decode, encode, byteLength, utf8SeqLen, latin1, unlatin1 } from "@bsdbox/compat";
export * from "./path";

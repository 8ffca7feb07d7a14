export * from "./applet";
export * from "./err";
export * from "./getopt";
export * from "./io";
export * from "./number";
export * from "./run";
export * from "./files";
export * from "./chars";
export { decode, encode, byteLength, utf8SeqLen } from "@bsdbox/compat";

// true — return true value. POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/true.html
// Takes no options; every argument is ignored. Exit status 0.
import { defineApplet } from "@bsdbox/shared";

export default defineApplet({ name: "true", main: () => 0 });

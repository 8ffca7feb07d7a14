// false — return false value. POSIX: https://pubs.opengroup.org/onlinepubs/9799919799/utilities/false.html
// Takes no options; every argument is ignored. Exit status 1.
import { defineApplet } from "@bsdbox/shared";

export default defineApplet({ name: "false", main: () => 1 });

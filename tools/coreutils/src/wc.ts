// wc — placeholder until the tool lands.
import { defineApplet, errx } from "@bsdbox/shared";

export default defineApplet({ name: "wc", main: (ctx) => errx(ctx, 1, "not implemented yet") });

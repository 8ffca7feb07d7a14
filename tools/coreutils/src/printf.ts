// printf — placeholder until the tool lands.
import { defineApplet, errx } from "@bsdbox/shared";

export default defineApplet({ name: "printf", main: (ctx) => errx(ctx, 1, "not implemented yet") });

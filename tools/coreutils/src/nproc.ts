// nproc — placeholder until the tool lands.
import { defineApplet, errx } from "@bsdbox/shared";

export default defineApplet({ name: "nproc", main: (ctx) => errx(ctx, 1, "not implemented yet") });

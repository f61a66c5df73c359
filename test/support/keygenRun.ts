import { keygen } from "../../src/commands/keygen.js";
import { DOMAIN, type fakeWorld } from "./fakeWorld.js";

/** keygen for the fake world's domain, as `byodkim keygen --yes` would run it unless told otherwise. */
export const keygenIn = (world: ReturnType<typeof fakeWorld>, options: { selector?: string; outDir?: string; dryRun?: boolean; yes?: boolean } = {}) =>
  keygen(world.ctx, {
    domain: DOMAIN,
    selector: options.selector,
    bits: 2048,
    yes: options.yes ?? true,
    dryRun: options.dryRun ?? false,
    outDir: options.outDir,
  });

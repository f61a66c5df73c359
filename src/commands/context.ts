import type { AwsPorts } from "../aws/types.js";
import type { ByodkimConfig } from "../config/config.js";
import type { DkimDns } from "../dns/types.js";
import type { GateId, GateResult } from "../gates/types.js";

/** Lets a command report progress without knowing whether a spinner, a log or nothing shows it. */
export interface Progress {
  gateStarted(id: GateId): void;
  gateFinished(result: GateResult): void;
}

/** Everything a command may touch, handed over by the composition root (src/cli/context.ts). */
export interface CommandContext {
  readonly config: ByodkimConfig;
  /** The region in force: --region, then the config, then the SDK's own chain. */
  readonly region: string;
  readonly aws: AwsPorts;
  readonly dns: DkimDns;
  readonly progress: Progress;
}

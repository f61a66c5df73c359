/**
 * What the runtime prints with: chalk (through ui/output), the message catalogue and the error and
 * interrupt renderers. runtime.ts imports this only once an action runs or an error must be shown,
 * so `--help`, `--version` and a usage error cost what commander costs.
 */
export { chooseLanguage } from "../messages/catalogue.js";
export { carryingOptions } from "../ui/carriedOptions.js";
export { createOutput } from "../ui/output.js";
export { errorJson, renderError } from "../ui/renderError.js";
export { abandonedJson, interruptedJson, renderAbandonedText } from "../ui/renderInterrupt.js";
export { writeLogLine } from "../ui/logLine.js";

import { basename, isAbsolute, relative } from "node:path";
import { shellQuote } from "../sandbox/shellEnv.js";

/** How this process was started, as far as it decides what a printed command must begin with. */
export interface Start {
  readonly env: NodeJS.ProcessEnv;
  /** `process.argv[1]`: the script node ran. */
  readonly script: string | undefined;
  readonly cwd: string;
}

/**
 * The words that run byodkim in a shell beside this one (same folder): `npx byodkim` when npm
 * started it (npx, `npm run` in a checkout: a bare `byodkim` is on no PATH there), `node <script>`
 * when node ran the launcher by its path, else `byodkim`, as installed globally.
 */
export function byodkimInvocation({ env, script, cwd }: Start): string {
  if (env["npm_command"] === "exec" || env["npm_lifecycle_event"] !== undefined) return "npx byodkim";
  if (script !== undefined && basename(script) === "byodkim.js") {
    const path = relative(cwd, script);
    return `node ${shellQuote(path.startsWith("..") || isAbsolute(path) ? script : path)}`;
  }
  return "byodkim";
}

export const thisProcessStart = (env: NodeJS.ProcessEnv): Start => ({ env, script: process.argv[1], cwd: process.cwd() });

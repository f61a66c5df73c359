import { expect } from "vitest";
import { validateConfig } from "../../src/config/loadConfig.js";
import { ByodkimError } from "../../src/errors.js";

/** The config error a document is refused with: its message key and params (exit 2). */
export function problemOf(document: unknown): { key: string; params: Record<string, unknown> } {
  try {
    validateConfig(document, "test.yaml");
  } catch (err) {
    expect(err).toBeInstanceOf(ByodkimError);
    const error = err as ByodkimError;
    expect(error.kind).toBe("config");
    expect(error.exitCode).toBe(2);
    return { key: error.what.key, params: { ...error.what.params } };
  }
  throw new Error("expected the config to be refused");
}

import { describe, expect, it } from "vitest";
import { changeProbeRequest, PROBE_TIMEOUT_DEFAULT_SECONDS } from "../../src/cli/options.js";
import { PROBE_TIMEOUT_DEFAULT_SECONDS as ENGINE_DEFAULT } from "../../src/config/probeConfig.js";
import { ByodkimError } from "../../src/errors.js";

describe("the probe flags of a change (enable, rotate, apply)", () => {
  it.each([
    { flags: {}, want: undefined },
    { flags: { probeTimeout: "30" }, want: undefined },
    { flags: { probe: true }, want: { everySeconds: null, afterSuccess: true, timeoutSeconds: 120 } },
    { flags: { probeEvery: "10" }, want: { everySeconds: 10, afterSuccess: false, timeoutSeconds: 120 } },
    { flags: { probe: true, probeEvery: "5", probeTimeout: "45" }, want: { everySeconds: 5, afterSuccess: true, timeoutSeconds: 45 } },
  ])("$flags", ({ flags, want }) => {
    expect(changeProbeRequest(flags)).toEqual(want);
  });

  it.each([{ probeEvery: "0" }, { probeEvery: "3601" }, { probeEvery: "5s" }, { probe: true, probeTimeout: "0" }, { probe: true, probeTimeout: "abc" }])(
    "refuses %o as a usage error",
    (flags) => {
      const thrown = (() => {
        try {
          changeProbeRequest(flags);
        } catch (error) {
          return error;
        }
        return null;
      })();
      expect(thrown).toBeInstanceOf(ByodkimError);
      expect((thrown as ByodkimError).kind).toBe("usage");
    },
  );

  it("defaults --probe-timeout as the probe module does", () => {
    expect(PROBE_TIMEOUT_DEFAULT_SECONDS).toBe(ENGINE_DEFAULT);
  });
});

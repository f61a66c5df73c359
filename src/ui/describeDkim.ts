import type { DkimSnapshot } from "../engine/change/dkimSettings.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";

/** SES's DKIM settings in one line: origin, signing, tokens, status. */
export const describeDkim = (out: Output, dkim: DkimSnapshot | null): string =>
  dkim
    ? out.t(
        msg("enable.dkimState", {
          origin: dkim.origin ?? "-",
          signing: dkim.signingEnabled,
          tokens: dkim.tokens.join(", ") || "-",
          status: dkim.status ?? "-",
        }),
      )
    : out.t(msg("enable.dkimUnknown"));

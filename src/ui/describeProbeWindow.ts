import type { UnsignedWindow } from "../gates/unsignedWindow.js";
import { type Msg, msg } from "../messages/msg.js";

/** The unsigned window as sentences, for the change's result and its report alike. */
export function describeUnsignedWindow(window: UnsignedWindow, domain: string): Msg[] {
  const read = window.probes - window.notDelivered - window.notSent;
  return [
    window.unsigned === 0
      ? msg("probe.window.none", { probes: read, domain })
      : msg("probe.window.unsigned", {
          unsigned: window.unsigned,
          probes: window.probes,
          domain,
          firstSentAt: window.firstUnsignedAt ?? "-",
          lastSentAt: window.lastUnsignedAt ?? "-",
        }),
    window.firstNewSelectorAt === null
      ? msg("probe.window.noNew", { selector: window.selector })
      : window.firstUnsignedAt === null
        ? msg("probe.window.firstNewOnly", { selector: window.selector, newSentAt: window.firstNewSelectorAt })
        : msg("probe.window.firstNew", {
            selector: window.selector,
            newSentAt: window.firstNewSelectorAt,
            seconds: Math.round((Date.parse(window.firstNewSelectorAt) - Date.parse(window.firstUnsignedAt)) / 1000),
          }),
    ...(window.otherSelector + window.failed + window.notDelivered + window.notSent > 0
      ? [
          msg("probe.window.others", {
            otherSelector: window.otherSelector,
            failed: window.failed,
            notDelivered: window.notDelivered,
            notSent: window.notSent,
          }),
        ]
      : []),
  ];
}

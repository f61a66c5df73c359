import { defineMessages } from "./section.js";

/** `--probe-every`: the probes sent while a change waits for SES, and the unsigned window they measured. */
export const probeWindowMessages = defineMessages({
  "probe.window.settling": { en: "Reading back the probes sent during the wait", ja: "待機中に送ったプローブを読み戻しています" },
  "probe.window.shot.pass": {
    en: "probe {index} (sent {sentAt}): signed by {selector}",
    ja: "プローブ {index}（{sentAt} 送信）：{selector} で署名されています",
  },
  "probe.window.shot.otherSelector": {
    en: "probe {index} (sent {sentAt}): signed by the domain's other selector {selector}",
    ja: "プローブ {index}（{sentAt} 送信）：ドメインの別のセレクタ {selector} で署名されています",
  },
  "probe.window.shot.amazonsesOnly": {
    en: "probe {index} (sent {sentAt}): signed by amazonses.com only, not by the domain",
    ja: "プローブ {index}（{sentAt} 送信）：amazonses.com の署名のみで、ドメインの署名がありません",
  },
  "probe.window.shot.unsigned": {
    en: "probe {index} (sent {sentAt}): no DKIM signature at all",
    ja: "プローブ {index}（{sentAt} 送信）：DKIM 署名がまったくありません",
  },
  "probe.window.shot.failed": {
    en: "probe {index} (sent {sentAt}): the domain's signature ({selector}) did not verify",
    ja: "プローブ {index}（{sentAt} 送信）：ドメインの署名（{selector}）を検証できませんでした",
  },
  "probe.window.shot.notDelivered": {
    en: "probe {index} (sent {sentAt}): not read back in time",
    ja: "プローブ {index}（{sentAt} 送信）：時間内に読み戻せませんでした",
  },
  "probe.window.shot.notSent": { en: "probe {index}: SES did not send it", ja: "プローブ {index}：SES が送信しませんでした" },
  "probe.window.title": { en: "Unsigned window", ja: "署名なしの期間" },
  "probe.window.none": {
    en: "all {probes} probes read back carried {domain}'s own signature",
    ja: "読み戻した {probes} 通のプローブはすべて {domain} の署名付きでした",
  },
  "probe.window.unsigned": {
    en: "{unsigned} of {probes} probes left without {domain}'s own signature, sent from {firstSentAt} to {lastSentAt}",
    ja: "{probes} 通中 {unsigned} 通が {domain} の署名なしで送信されました（{firstSentAt} 〜 {lastSentAt} に送信）",
  },
  "probe.window.firstNew": {
    en: "the first probe signed by {selector} was sent {newSentAt}, {seconds} s after the first unsigned one",
    ja: "{selector} で署名された最初のプローブは {newSentAt} に送信されました（署名なしの最初のプローブから {seconds} 秒後）",
  },
  "probe.window.firstNewOnly": {
    en: "the first probe signed by {selector} was sent {newSentAt}",
    ja: "{selector} で署名された最初のプローブは {newSentAt} に送信されました",
  },
  "probe.window.noNew": { en: "no probe signed by {selector} was read back", ja: "{selector} で署名されたプローブは読み戻せませんでした" },
  "probe.window.others": {
    en: "also: {otherSelector} by another selector, {failed} failed to verify, {notDelivered} not read back, {notSent} not sent",
    ja: "その他：別のセレクタ {otherSelector} 通、検証失敗 {failed} 通、読み戻せず {notDelivered} 通、未送信 {notSent} 通",
  },
  "probe.change.unsigned": {
    en: "SES says {domain} signs with {selector}, but the probe mail read back was not signed by it: the change is made and not confirmed",
    ja: "SES 上は {domain} が {selector} で署名していますが、読み戻したプローブメールはそのセレクタで署名されていませんでした。変更は反映済みですが、確認できていません",
  },
  "probe.badEvery": {
    en: "--probe-every takes a whole number of seconds from 1 to {max}, not {value}",
    ja: "--probe-every には 1 から {max} までの秒数（整数）を指定してください（{value} は指定できません）",
  },
});

import { defineMessages } from "./section.js";

/** The change window (`changeWindow:`) and freezes (`freezes:`): may a change start now. */
export const changeWindowMessages = defineMessages({
  "gate.window.title": { en: "Change window", ja: "作業時間帯" },
  "window.none": { en: "no change window configured: changes may start at any time", ja: "作業時間帯は設定されていません（いつでも作業できます）" },
  "window.none.freezeAhead": {
    en: "no change window configured; open until {closesAt}, when a freeze begins",
    ja: "作業時間帯は設定されていません。{closesAt} に凍結期間が始まるまで作業できます",
  },
  "window.open": { en: "open until {closesAt}", ja: "作業時間帯内です：{closesAt} まで作業できます" },
  "window.openNoEnd": { en: "open, and it does not close in the next {days} days", ja: "作業時間帯内です（今後 {days} 日間は閉じません）" },
  "window.freezeAhead": { en: "it closes early for a freeze", ja: "凍結期間が始まるため、早めに閉じます" },
  "window.freezeAhead.reason": { en: "it closes early for a freeze: {reason}", ja: "凍結期間（{reason}）が始まるため、早めに閉じます" },
  "window.freezeReason": { en: "the freeze: {reason}", ja: "凍結期間の理由：{reason}" },
  "window.closed": { en: "closed: opens {opensAt}", ja: "作業時間帯外です：次は {opensAt} から作業できます" },
  "window.never": {
    en: "closed: the window never opens in the next {days} days (changeWindow.days and freezes leave no time)",
    ja: "作業時間帯外です：今後 {days} 日間に作業できる時間がありません（changeWindow.days と freezes を確認してください）",
  },
  "window.frozen": { en: "frozen until {until}", ja: "凍結期間中です：{until} まで" },
  "window.frozen.reason": { en: "frozen: {reason} until {until}", ja: "凍結期間中です（{reason}）：{until} まで" },
  "window.opensAt": { en: "the window next opens {opensAt}", ja: "次に作業できるのは {opensAt} からです" },
  "window.closed.hint": {
    en: "Start the change once the window opens; to move the window or a freeze, change changeWindow: or freezes: in the config with the change board's agreement.",
    ja: "作業時間帯になってから作業を開始してください。時間帯や凍結期間を変える場合は、変更管理の承認を得てから設定の changeWindow: または freezes: を変更してください。",
  },
});

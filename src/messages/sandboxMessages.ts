import type { MessageSection } from "./types.js";

export const sandboxMessages: MessageSection = {
  "sandbox.started": { en: "byodkim sandbox is running: scenario {scenario}", ja: "byodkim サンドボックス起動中：シナリオ {scenario}" },
  "sandbox.endpoint": { en: "AWS endpoint", ja: "AWS エンドポイント" },
  "sandbox.dns": { en: "nameservers", ja: "ネームサーバ" },
  "sandbox.config": { en: "config file", ja: "設定ファイル" },
  "sandbox.howTo": { en: "Point byodkim at it from another shell:", ja: "別のシェルから byodkim をこの環境に向けてください：" },
  "sandbox.dnsFlags": { en: "the config already lists the nameservers; the same as", ja: "設定ファイルにネームサーバ指定済み。次と同じです" },
  "sandbox.stopHint": { en: "Ctrl-C stops the sandbox.", ja: "Ctrl-C でサンドボックスを停止します。" },
  "sandbox.stopped": { en: "sandbox stopped", ja: "サンドボックスを停止しました" },
  "sandbox.unknownScenario": {
    en: "no scenario named {scenario} (known: {known})",
    ja: "シナリオ {scenario} はありません（使用可能: {known}）",
  },
  "sandbox.badFault": { en: "--fault {value} is not Operation=kind", ja: "--fault {value} は Operation=kind の形式ではありません" },
  "sandbox.badFault.hint": {
    en: "e.g. --fault GetEmailIdentity=throttle; kinds: throttle, access-denied, server-error, latency:MS",
    ja: "例: --fault GetEmailIdentity=throttle。種類: throttle、access-denied、server-error、latency:MS",
  },
  "sandbox.badNumber": { en: "{flag} takes a whole number, not {value}", ja: "{flag} には整数を指定してください（{value} は使えません）" },
  "demo.nodeNote": {
    en: "note: Node {version}: AWS SDK releases after early January 2027 need Node 22 or later",
    ja: "注意: Node {version} です。2027 年 1 月上旬以降の AWS SDK は Node 22 以上が必要です",
  },
  "demo.intro": {
    en: "Rehearsal: a fresh sandbox (scenario {scenario}) at {endpoint}; each step runs as a real byodkim process.",
    ja: "リハーサル：新しいサンドボックス（シナリオ {scenario}、{endpoint}）。各手順は実際の byodkim プロセスとして実行します。",
  },
};

import { defineMessages } from "./section.js";

export const sandboxMessages = defineMessages({
  "sandbox.started": { en: "byodkim sandbox is running: scenario {scenario}", ja: "byodkim のサンドボックスを起動しました（シナリオ {scenario}）" },
  "sandbox.endpoint": { en: "AWS endpoint", ja: "AWS エンドポイント" },
  "sandbox.dns": { en: "nameservers", ja: "ネームサーバ" },
  "sandbox.config": { en: "config file", ja: "設定ファイル" },
  "sandbox.howTo": { en: "Point byodkim at it from another shell:", ja: "別のシェルで次を実行し、byodkim をこのサンドボックスに向けてください：" },
  "sandbox.dnsFlags": { en: "the config already lists the nameservers; the same as", ja: "ネームサーバは設定ファイルに書いてあります。次の指定と同じです" },
  "sandbox.stopHint": { en: "Ctrl-C stops the sandbox.", ja: "Ctrl-C でサンドボックスを停止します。" },
  "sandbox.stopped": { en: "sandbox stopped", ja: "サンドボックスを停止しました" },
  "sandbox.unknownScenario": {
    en: "no scenario named {scenario} (known: {known})",
    ja: "シナリオ {scenario} はありません（指定できるもの：{known}）",
  },
  "sandbox.badFault": {
    en: "--fault {value} is not Operation=kind or Operation=kind,times=N",
    ja: "--fault {value} は Operation=kind または Operation=kind,times=N の形式ではありません",
  },
  "sandbox.badFault.hint": {
    en: "e.g. --fault GetEmailIdentity=throttle or --fault PutSecretValue=latency:2000,times=2; kinds: throttle, access-denied, server-error, lost-response (applied, then answered with a server error), latency:MS; with ,times=N the fault clears after the next N requests (each SDK retry counts)",
    ja: "例：--fault GetEmailIdentity=throttle、--fault PutSecretValue=latency:2000,times=2。種類：throttle、access-denied、server-error、lost-response（処理は行い、応答はサーバエラーにする）、latency:MS。,times=N を付けると、次の N 回のリクエストの後に解除されます（SDK の再試行も 1 回と数えます）",
  },
  "sandbox.badNumber": {
    en: "{flag} takes a whole number from {min} to {max}, not {value}",
    ja: "{flag} には {min} から {max} までの整数を指定してください（{value} は使えません）",
  },
  "demo.nodeNote": {
    en: "note: Node {version}: AWS SDK releases after early January 2027 need Node 22 or later",
    ja: "注意：Node {version} で動いています。2027 年 1 月上旬以降の AWS SDK には Node 22 以上が必要です",
  },
  "demo.intro": {
    en: "Rehearsal: a fresh sandbox (scenario {scenario}) at {endpoint}; each step runs as a real byodkim process.",
    ja: "リハーサル：新しいサンドボックス（シナリオ {scenario}、{endpoint}）で実行します。各手順は実際の byodkim プロセスとして動きます。",
  },
});

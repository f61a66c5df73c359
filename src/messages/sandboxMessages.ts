import { defineMessages } from "./section.js";

export const sandboxMessages = defineMessages({
  "sandbox.started": { en: "byodkim sandbox is running: scenario {scenario}", ja: "byodkim のサンドボックスを起動しました（シナリオ {scenario}）" },
  "sandbox.endpoint": { en: "AWS endpoint", ja: "AWS エンドポイント" },
  "sandbox.dns": { en: "nameservers", ja: "ネームサーバ" },
  "sandbox.config": { en: "config file", ja: "設定ファイル" },
  "sandbox.mailbox.s3": { en: "probe mailbox (SES receiving, S3)", ja: "プローブ用メールボックス（SES 受信、S3）" },
  "sandbox.mailbox.imap": { en: "IMAP mailboxes (password in secret {secret})", ja: "IMAP メールボックス（パスワードはシークレット {secret}）" },
  "sandbox.howTo": {
    en: "In another shell, in this folder, point byodkim at it with one line, then rehearse:",
    ja: "別のシェルで、このフォルダから次の 1 行を実行して byodkim をこの環境に向け、リハーサルを始めてください：",
  },
  "sandbox.byHand": { en: "(the lines that eval runs, to paste by hand instead:)", ja: "（eval が実行する内容です。手で貼り付ける場合はこちら：）" },
  "sandbox.byHandOnly": {
    en: "Paste these lines in another shell, in this folder, then rehearse:",
    ja: "別のシェルで、このフォルダから次の行を貼り付けてから、リハーサルを始めてください：",
  },
  "sandbox.envNotWritten": {
    en: "The sandbox could not leave its settings for `sandbox --env` ({reason}).",
    ja: "`sandbox --env` 用の設定を書き込めませんでした（{reason}）。",
  },
  "sandbox.noHome": {
    en: "HOME is empty or not an absolute path ({home}), so there is no ~/.byodkim for the sandbox's settings",
    ja: "HOME が空か絶対パスではないため（{home}）、サンドボックスの設定を置く ~/.byodkim がありません",
  },
  "sandbox.notRunning": {
    en: "no sandbox is running: nothing answers at the endpoint in {path}, or there is no such file",
    ja: "起動中のサンドボックスがありません（{path} がないか、そこに書かれたエンドポイントが応答しません）",
  },
  "sandbox.notRunning.hint": {
    en: "start one in another terminal with `{command}`, leave it running, then run this again",
    ja: "別の端末で `{command}` を実行してサンドボックスを起動し、そのままにしてから、もう一度実行してください",
  },
  "sandbox.unknownPrincipal": {
    en: "the sandbox has no principal named {as} (known: {known})",
    ja: "サンドボックスに {as} というプリンシパルはありません（指定できるもの：{known}）",
  },
  "sandbox.asWithoutEnv": {
    en: "--as {as} goes with --env: the sandbox answers every principal; --as chooses whose keys a shell gets",
    ja: "--as {as} は --env と併用してください（サンドボックスはすべてのプリンシパルに応答します。--as はシェルに渡すキーを選ぶだけです）",
  },
  "sandbox.alarm.set": {
    en: "{name}: {previous} → {state} in the sandbox (at {updated})",
    ja: "{name}：サンドボックスで {previous} → {state} にしました（{updated}）",
  },
  "sandbox.alarm.unchanged": {
    en: "{name} was already {state} in the sandbox (since {updated}); only its reason is replaced",
    ja: "{name} はサンドボックスですでに {state} です（{updated} から）。理由だけを置き換えました",
  },
  "sandbox.alarm.reason": { en: "reason", ja: "理由" },
  "sandbox.alarm.firing": {
    en: "byodkim reads it the next time it asks CloudWatch: an apply baking a wave that watches this alarm rolls that wave back and halts.",
    ja: "byodkim は次に CloudWatch に問い合わせたときにこの状態を読みます。このアラームを監視しているウェーブのベイク中なら、apply はそのウェーブをロールバックして停止します。",
  },
  "sandbox.alarm.badState": {
    en: "{state} is not an alarm state (known: {known})",
    ja: "{state} はアラームの状態ではありません（指定できるもの：{known}）",
  },
  "sandbox.alarm.unknown": {
    en: "the sandbox has no alarm named {name} (known: {known})",
    ja: "サンドボックスに {name} というアラームはありません（指定できるもの：{known}）",
  },
  "sandbox.alarm.notServed": {
    en: "the running sandbox does not take alarm changes (it answered HTTP {status}): another version of byodkim started it",
    ja: "起動中のサンドボックスはアラームの変更を受け付けません（HTTP {status} が返りました）。別のバージョンの byodkim で起動されています",
  },
  "sandbox.alarm.notServed.hint": {
    en: "stop that sandbox (Ctrl-C in its terminal) and start it again with this byodkim",
    ja: "そのサンドボックスを停止し（その端末で Ctrl-C）、この byodkim で起動し直してください",
  },
  "sandbox.dmarcReports.written": {
    en: "{count} DMARC aggregate reports written to {out}, as receivers send them",
    ja: "受信側が送るのと同じ形式の DMARC 集計レポートを {count} 件、{out} に書き出しました",
  },
  "sandbox.dmarcReports.day": { en: "{day}  DKIM pass by selector: {counts}", ja: "{day}  セレクタ別の DKIM pass：{counts}" },
  "sandbox.dmarcReports.nothingNew": {
    en: "Every day asked for was already written; run with a larger --days to go further back.",
    ja: "指定した日のレポートはすべて書き出し済みです。さらに遡る場合は --days を大きくしてください。",
  },
  "sandbox.dmarcReports.refused": {
    en: "the sandbox wrote no DMARC reports: {reason}",
    ja: "サンドボックスは DMARC レポートを書き出しませんでした（{reason}）",
  },
  "sandbox.mail.held": {
    en: "{identity}: SES leaves its DKIM status as it is (PENDING stays PENDING); its mail leaves without the domain's signature until then",
    ja: "{identity}：SES は DKIM の状態をそのまま保ちます（PENDING のままです）。その間のメールにはドメインの署名が付きません",
  },
  "sandbox.mail.notHeld": {
    en: "{identity}: SES verifies its DKIM records as usual",
    ja: "{identity}：SES は通常どおり DKIM レコードを検証します",
  },
  "sandbox.mail.wrongKey": {
    en: "{identity}: SES signs with a key that DNS does not publish, so receivers see the domain's signature fail",
    ja: "{identity}：SES は DNS に公開されていない鍵で署名します。受信側ではドメインの署名が fail になります",
  },
  "sandbox.mail.rightKey": {
    en: "{identity}: SES signs with the key it was given",
    ja: "{identity}：SES は登録された鍵で署名します",
  },
  "sandbox.mail.unknownIdentity": {
    en: "the sandbox has no SES identity {identity} in {region} (known there: {known})",
    ja: "サンドボックスの {region} に SES のドメイン ID {identity} はありません（そのリージョンにあるもの：{known}）",
  },
  "sandbox.aged": {
    en: "the sandbox's state now reads as it will in {days} day(s): every recorded time moved back ({secrets})",
    ja: "サンドボックスの状態を {days} 日後の読み方にしました（記録された時刻をすべて繰り上げました：{secrets}）",
  },
  "sandbox.aged.reportsRemoved": {
    en: "the {count} DMARC report(s) it had written are taken back (they told the old days); run sandbox dmarc-reports again",
    ja: "書き出していた DMARC レポート {count} 件を取り消しました（以前の日付のものです）。sandbox dmarc-reports をもう一度実行してください",
  },
  "sandbox.advanced": {
    en: "the sandbox's clock now reads {now} ({offsetDays} day(s) ahead of real time); byodkim commands started from now on use it",
    ja: "サンドボックスの時計を {now} に進めました（実時間より {offsetDays} 日先）。これから実行する byodkim のコマンドはこの時刻を使います",
  },
  "sandbox.advance.refused": { en: "the sandbox did not move its clock: {reason}", ja: "サンドボックスは時計を進めませんでした（{reason}）" },
  "sandbox.clock.notThisSandbox": {
    en: "BYODKIM_SANDBOX_CLOCK names {url}, but AWS_ENDPOINT_URL ({endpoint}) is not that sandbox: byodkim takes a sandbox's time only for a run against that sandbox",
    ja: "BYODKIM_SANDBOX_CLOCK は {url} を指していますが、AWS_ENDPOINT_URL（{endpoint}）はそのサンドボックスではありません。サンドボックスの時刻を使うのは、そのサンドボックスに対する実行だけです",
  },
  "sandbox.clock.notThisSandbox.hint": {
    en: "against AWS: unset BYODKIM_SANDBOX_CLOCK; against the sandbox: run the lines of byodkim sandbox --env again",
    ja: "AWS に対して実行する場合は BYODKIM_SANDBOX_CLOCK を unset してください。サンドボックスに対して実行する場合は byodkim sandbox --env の行をもう一度実行してください",
  },
  "sandbox.clock.notLoopback": {
    en: "BYODKIM_SANDBOX_CLOCK names {url}, which is not on this machine: byodkim takes its time from a sandbox on 127.0.0.1, ::1 or localhost only",
    ja: "BYODKIM_SANDBOX_CLOCK に指定された {url} はこのマシン上にありません。byodkim が時刻を読むのは 127.0.0.1、::1、localhost のサンドボックスからだけです",
  },
  "sandbox.clock.notLoopback.hint": {
    en: "outside a rehearsal, unset BYODKIM_SANDBOX_CLOCK (`unset BYODKIM_SANDBOX_CLOCK`): a real run keeps this machine's time",
    ja: "リハーサル以外では BYODKIM_SANDBOX_CLOCK を解除してください（`unset BYODKIM_SANDBOX_CLOCK`）。本番の実行はこのマシンの時刻を使います",
  },
  "sandbox.clock.unreachable": {
    en: "the sandbox's clock at {url} did not answer ({reason}), so byodkim does not know the rehearsal's date",
    ja: "{url} のサンドボックスの時計が応答しませんでした（{reason}）。リハーサルの日付がわからないため続行できません",
  },
  "sandbox.clock.unreachable.hint": {
    en: "if the sandbox has stopped, start it again with `{start}` and run `{env}` in this shell; to leave the rehearsal, `unset BYODKIM_SANDBOX_CLOCK`",
    ja: "サンドボックスが停止している場合は `{start}` で起動し直し、この端末で `{env}` を実行してください。リハーサルをやめる場合は `unset BYODKIM_SANDBOX_CLOCK` を実行してください",
  },
  "sandbox.age.refused": { en: "the sandbox did not age its state: {reason}", ja: "サンドボックスは状態の時刻を進めませんでした（{reason}）" },
  "sandbox.mail.refused": {
    en: "the sandbox did not take the mail drill: {reason}",
    ja: "サンドボックスはメールの訓練設定を受け付けませんでした（{reason}）",
  },
  "sandbox.mail.notServed": {
    en: "the running sandbox does not send mail (it answered HTTP {status}): another version of byodkim started it",
    ja: "起動中のサンドボックスはメール送信に対応していません（HTTP {status} が返りました）。別のバージョンの byodkim で起動されています",
  },
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
  "demo.interactive": {
    en: "Each change stops at its confirmation, as in a change window: type what it asks (the domain, or y).",
    ja: "本番の作業と同じく、各変更は確認で止まります。求められた内容（ドメイン名、または y）を入力してください。",
  },
  "demo.unattended": {
    en: "Not on a terminal: each change is confirmed with --yes.",
    ja: "端末ではないため、各変更は --yes で確認します。",
  },
  "demo.publishes": {
    en: "The sandbox publishes the record in {file} on every nameserver, as the DNS team would.",
    ja: "DNS 担当者の作業の代わりに、サンドボックスが {file} のレコードをすべてのネームサーバに公開します。",
  },
  "demo.publishesCnames": {
    en: "The sandbox publishes the three CNAMEs rollback printed, as the DNS team would, and SES verifies them.",
    ja: "DNS 担当者の作業の代わりに、サンドボックスが rollback の表示した 3 つの CNAME を公開し、SES がそれを検証します。",
  },
  "demo.ages": {
    en: "The sandbox moves every date byodkim recorded {days} days back, as if the grace period ({graceDays} days) had passed, so that retire is allowed.",
    ja: "retire を実行できるよう、サンドボックスが byodkim の記録した日時をすべて {days} 日前にずらし、猶予期間（{graceDays} 日）が過ぎた状態にします。",
  },
  "demo.done": {
    en: 'The whole runbook ran against the sandbox, which stops now. To rehearse step by step yourself: {command} (README, "Rehearse your first change").',
    ja: "サンドボックスで一連の手順をすべて実行しました。サンドボックスはここで停止します。自分で 1 つずつ試すには {command} を実行してください（README の「Rehearse your first change」を参照）。",
  },
  "demo.intro": {
    en: "Rehearsal: a fresh sandbox (scenario {scenario}) at {endpoint}; each step runs as a real byodkim process.",
    ja: "リハーサル：新しいサンドボックス（シナリオ {scenario}、{endpoint}）で実行します。各手順は実際の byodkim プロセスとして動きます。",
  },
});

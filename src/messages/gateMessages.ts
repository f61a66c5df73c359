import { defineMessages } from "./section.js";

export const gateMessages = defineMessages({
  "gate.identity.title": { en: "AWS account and region", ja: "AWS アカウントとリージョン" },
  "gate.identity.pass": { en: "account {account} as {arn}, region {region}", ja: "アカウント {account}（{arn}）、リージョン {region}" },
  "gate.identity.wrongAccount": {
    en: "credentials are for account {account}, but the config expects {expected}",
    ja: "認証情報はアカウント {account} のものですが、設定ファイルは {expected} を想定しています",
  },
  "gate.identity.wrongAccount.hint": {
    en: "switch to the right profile (--profile or AWS_PROFILE) or correct accountId in the config",
    ja: "正しいプロファイルに切り替える（--profile または AWS_PROFILE）か、設定ファイルの accountId を修正してください",
  },

  "gate.selector.title": { en: "DKIM selector", ja: "DKIM セレクタ" },
  "gate.selector.invalid": {
    en: "selector {selector} is not valid for SES: 1–63 letters, digits and inner hyphens",
    ja: "セレクタ {selector} は SES で使えません：英数字とハイフン（先頭と末尾を除く）で 1〜63 文字にしてください",
  },
  "gate.selector.fromFlag": { en: "{selector} (from --selector)", ja: "{selector}（--selector で指定）" },
  "gate.selector.newest": {
    en: "{selector}, the newest of {count} under {location}",
    ja: "{selector}（{location} にある {count} 件のうち最新）",
  },
  "gate.selector.noneFound": {
    en: "no key named {prefix}-YYYYMMDD-n under {location}",
    ja: "{location} に {prefix}-YYYYMMDD-n 形式の鍵が見つかりません",
  },
  "gate.selector.noneFound.hint": {
    en: "upload the private key under the configured keys.key template, or pass --selector",
    ja: "設定 keys.key のテンプレートどおりに秘密鍵をアップロードするか、--selector を指定してください",
  },
  "gate.notChecked.identity": {
    en: "not checked: fix the AWS account or credentials first",
    ja: "確認していません：先に AWS アカウントまたは認証情報の問題を解決してください",
  },
  "gate.selector.unavailable": { en: "no selector, so this check could not run", ja: "セレクタが決まらないため、この確認は実行できません" },

  "gate.key.title": { en: "Private key in S3", ja: "S3 の秘密鍵" },
  "gate.key.location": { en: "object: {location}", ja: "オブジェクト：{location}" },
  "gate.key.missing": { en: "no private key at {location}", ja: "{location} に秘密鍵がありません" },
  "gate.key.missing.hint": {
    en: "check the selector and the keys.key template, or upload the key first",
    ja: "セレクタと keys.key テンプレートを確認するか、先に鍵をアップロードしてください",
  },
  "gate.key.pass": {
    en: "RSA {bits}-bit ({format}); public key {fingerprint}",
    ja: "RSA {bits} ビット（{format}）、公開鍵 {fingerprint}",
  },

  "gate.dns.title": { en: "DKIM record in DNS", ja: "DNS の DKIM レコード" },
  "gate.dns.pass": {
    en: "{name} serves the key on every server asked ({total})",
    ja: "{name} は問い合わせた全サーバ（{total} 台）で正しい公開鍵を返しています",
  },
  "gate.dns.onlyRecursive": {
    en: "{name} matches, but the zone's nameservers could not be found: only the system resolver was asked",
    ja: "{name} は一致しましたが、ゾーンのネームサーバが見つからず、システムのリゾルバにしか問い合わせていません",
  },
  "gate.dns.noMatch": {
    en: "{name} does not serve the key on any server asked ({total})",
    ja: "{name} は問い合わせたどのサーバ（{total} 台）でも正しい公開鍵を返していません",
  },
  "gate.dns.disagree": {
    en: "{name} serves the key on only {matching} of {total} servers: the record has not reached every server",
    ja: "{name} が正しい公開鍵を返すのは {total} 台中 {matching} 台のみです：レコードがすべてのサーバに反映されていません",
  },
  "gate.dns.serversUnanswered": {
    en: "{name} could not be checked on {unanswered} of {total} servers: they could not be reached or resolved, or would not answer (a server problem, not a missing record)",
    ja: "{name} を {total} 台中 {unanswered} 台で確認できませんでした：サーバに到達できない、名前を解決できない、または応答がありません（レコードの欠落ではなくサーバの問題です）",
  },
  "gate.dns.serverProblem.flag": {
    en: "for the servers that did not answer, check --dns-server: the address and port, that a nameserver runs there and serves the zone, and that a firewall lets DNS (port 53, UDP and TCP) through",
    ja: "応答しなかったサーバについて、--dns-server のアドレスとポートが正しいか、そこでネームサーバが動いていてゾーンを提供しているか、ファイアウォールが DNS（ポート 53、UDP と TCP）を通しているかを確認してください",
  },
  "gate.dns.serverProblem.config": {
    en: "for the servers that did not answer, check dns.servers in {path}: the address and port, that a nameserver runs there and serves the zone, and that a firewall lets DNS (port 53, UDP and TCP) through",
    ja: "応答しなかったサーバについて、{path} の dns.servers のアドレスとポートが正しいか、そこでネームサーバが動いていてゾーンを提供しているか、ファイアウォールが DNS（ポート 53、UDP と TCP）を通しているかを確認してください",
  },
  "gate.dns.serverProblem.zone": {
    en: "for the servers that did not answer, check the network path to them (VPN, a firewall for DNS on port 53) and ask the DNS team whether they are up",
    ja: "応答しなかったサーバについて、そこまでのネットワーク経路（VPN、DNS ポート 53 のファイアウォール）を確認し、サーバが稼働しているか DNS チームに確認してください",
  },
  "gate.dns.fail.hint": {
    en: "ask the DNS team to publish the record below on every nameserver, then run precheck again",
    ja: "DNS チームに下記のレコードを全ネームサーバへ設定するよう依頼し、precheck を再実行してください",
  },
  "gate.dns.publish": {
    en: "record to publish (BIND zone-file line, split into strings of at most 255 characters): {record}",
    ja: "設定するレコード（BIND ゾーンファイル形式、255 文字以下の文字列に分割済み）：{record}",
  },
  "gate.dns.unverifiable": {
    en: "{name} could not be compared: the private key is not available",
    ja: "秘密鍵が取得できないため、{name} を照合できません",
  },
  "gate.dns.noServers": { en: "no nameserver to ask for {name}", ja: "{name} を問い合わせるネームサーバがありません" },
  "gate.dns.server.match": { en: "{server}: key matches ({fingerprint})", ja: "{server}：公開鍵が一致しています（{fingerprint}）" },
  "gate.dns.server.mismatch": {
    en: "{server}: a different key ({fingerprint})",
    ja: "{server}：別の公開鍵です（{fingerprint}）",
  },
  "gate.dns.server.unverifiable": { en: "{server}: key {fingerprint}", ja: "{server}：公開鍵 {fingerprint}" },
  "gate.dns.server.revoked": { en: "{server}: the key is revoked (empty p=)", ja: "{server}：鍵が失効しています（p= が空）" },
  "gate.dns.server.noDkimRecord": { en: "{server}: TXT present, but no DKIM key record", ja: "{server}：TXT はありますが DKIM 鍵レコードではありません" },
  "gate.dns.server.severalDkimRecords": {
    en: "{server}: {problem} DKIM records at one selector; verifiers may pick any",
    ja: "{server}：同じセレクタに DKIM レコードが {problem} 件あり、検証側がどれを使うか決まりません",
  },
  "gate.dns.server.badRecord": { en: "{server}: malformed DKIM record: {problem}", ja: "{server}：DKIM レコードの形式が不正です：{problem}" },
  "gate.dns.server.nxdomain": { en: "{server}: no such name (NXDOMAIN)", ja: "{server}：名前が存在しません（NXDOMAIN）" },
  "gate.dns.server.nodata": { en: "{server}: the name exists but has no TXT record", ja: "{server}：名前はありますが TXT レコードがありません" },
  "gate.dns.server.servfail": { en: "{server}: server failure (SERVFAIL)", ja: "{server}：サーバエラーです（SERVFAIL）" },
  "gate.dns.server.refused": { en: "{server}: query refused", ja: "{server}：問い合わせを拒否されました" },
  "gate.dns.server.timeout": {
    en: "{server}: no answer (timeout): the nameserver could not be reached",
    ja: "{server}：応答がありません（タイムアウト）。ネームサーバに到達できませんでした",
  },
  "gate.dns.server.unresolvable": {
    en: "{server}: the nameserver's own name could not be resolved to an address ({problem}), so it was not asked",
    ja: "{server}：ネームサーバ自体の名前からアドレスを引けなかったため（{problem}）、問い合わせていません",
  },
  "gate.dns.server.error": { en: "{server}: lookup failed ({problem})", ja: "{server}：問い合わせに失敗しました（{problem}）" },
  "gate.dns.server.excludesSha256": {
    en: "{server}: h={problem} leaves out sha256, so SES's rsa-sha256 signatures would fail",
    ja: "{server}：h={problem} に sha256 が含まれず、SES の rsa-sha256 署名が検証に失敗します",
  },
  "gate.dns.server.testing": {
    en: "{server}: t=y marks the key as testing; remove it once signing is proven",
    ja: "{server}：t=y によりテストモードになっています。署名の確認後に削除してください",
  },
  "gate.dns.server.viaCname": { en: "{server}: served through a CNAME to {target}", ja: "{server}：CNAME（{target}）を経由して返されています" },

  "gate.ses.title": { en: "SES identity", ja: "SES のドメイン ID" },
  "gate.ses.exists": { en: "{domain} exists in SES; DKIM status {status}", ja: "{domain} は SES に登録されています（DKIM ステータス {status}）" },
  "gate.ses.pass": { en: "{domain} is verified and its DKIM status is SUCCESS", ja: "{domain} は検証済みで DKIM ステータスは SUCCESS です" },
  "gate.ses.alreadyActive": {
    en: "BYODKIM with selector {selector} is already active: enable would change nothing",
    ja: "セレクタ {selector} の BYODKIM はすでに有効です。enable を実行しても何も変わりません",
  },
  "gate.ses.dkimShape": {
    en: "origin {origin}, signing {signing}, tokens {tokens}, key length {keyLength}",
    ja: "オリジン {origin}、署名{signing}、トークン {tokens}、鍵長 {keyLength}",
  },
  "gate.ses.verificationError": {
    en: "SES reports {errorType} (last checked {checkedAt})",
    ja: "SES の報告：{errorType}（最終確認 {checkedAt}）",
  },
  "gate.ses.notFound": {
    en: "{domain} is not an SES identity in {region}",
    ja: "{domain} は {region} の SES に ID として登録されていません",
  },
  "gate.ses.notFound.hint": {
    en: "check the region (--region or region in the config) and the account",
    ja: "リージョン（--region または設定の region）とアカウントを確認してください",
  },
  "gate.ses.notVerified": {
    en: "{domain} is not verified for sending (verification status {status})",
    ja: "{domain} は送信用に検証されていません（検証ステータス {status}）",
  },
  "gate.ses.dkimNotSuccess": { en: "DKIM status is {status}, not SUCCESS", ja: "DKIM ステータスが SUCCESS ではなく {status} です" },
  "gate.ses.dkimNotSuccess.hint": {
    en: "wait for the current DKIM setup to verify (Phase-6) before switching to BYODKIM",
    ja: "BYODKIM に切り替える前に、現在の DKIM 設定の検証完了（Phase-6）を待ってください",
  },
  "gate.ses.stuckExternal.hint": {
    en: "waiting will not help: SES checks {selector} again only when its key is put again. Once its record is on every nameserver, run the enable (--selector {selector}) or rotate (--to {selector}) that put it again, or undo the switch: byodkim rollback {domain}",
    ja: "待っても解決しません：SES が {selector} を再確認するのは鍵が再設定されたときだけです。全ネームサーバでレコードが公開されたら、それを設定した enable（--selector {selector}）または rotate（--to {selector}）を再実行するか、切り替えを元に戻してください：byodkim rollback {domain}",
  },
  "gate.ses.stuckEasy.hint": {
    en: "waiting will not help: SES checks Easy DKIM again only when it is put again, with new tokens (whose CNAMEs the result lists). If byodkim rolled {domain} back, put it again: byodkim rollback {domain}",
    ja: "待っても解決しません：SES が Easy DKIM を再確認するのは再設定されたときだけで、トークンは新しくなります（その CNAME は結果に表示されます）。byodkim が {domain} をロールバックした場合は、再設定してください：byodkim rollback {domain}",
  },
  "gate.ses.restartVerification": {
    en: "SES's verification of {selector} is {status}: putting its key again restarts it (the DNS check says whether the record is on every nameserver)",
    ja: "SES による {selector} の検証は {status} です：鍵を再設定すると検証が再開されます（レコードが全ネームサーバにあるかは DNS チェックで確認します）",
  },

  "gate.alarms.title": { en: "CloudWatch alarms", ja: "CloudWatch アラーム" },
  "gate.alarms.pass": { en: "all {count} alarms are in an allowed state", ja: "{count} 件のアラームはすべて許容される状態です" },
  "gate.alarms.fail": { en: "{bad} of {count} alarms are not in an allowed state", ja: "{count} 件中 {bad} 件のアラームが許容されない状態です" },
  "gate.alarms.noneConfigured": {
    en: "no alarms configured: nothing watches this change",
    ja: "アラームが設定されていません：この変更を監視するものがありません",
  },
  "gate.alarms.missing": { en: "{name}: no such alarm", ja: "{name}：アラームが存在しません" },
  "gate.alarms.inState": { en: "{name}: {state} (allowed: {allowed})", ja: "{name}：{state}（許容：{allowed}）" },
  "gate.alarms.wrongState": { en: "{name}: {state}, expected {allowed}", ja: "{name}：{state}（想定：{allowed}）" },

  "gate.state.title": { en: "Migration state", ja: "移行ステータス" },
  "gate.state.phase6": { en: "Phase-6 is done ({secretId})", ja: "Phase-6 は完了しています（{secretId}）" },
  "gate.state.alreadyDone": {
    en: "Phase-7 is already done (completed {completedAt})",
    ja: "Phase-7 はすでに完了しています（完了日時 {completedAt}）",
  },
  "gate.state.unexpectedPhase": {
    en: "current_phase is {phase}; Phase-7 normally follows Phase-6",
    ja: "current_phase は {phase} です。通常 Phase-7 は Phase-6 の後に実行します",
  },
  "gate.state.phase6First": {
    en: "current_phase is {phase}: Phase-6 must be done before Phase-7",
    ja: "current_phase は {phase} です：Phase-7 の前に Phase-6 を完了させる必要があります",
  },
  "gate.state.phase6First.hint": {
    en: "finish Phase-6 (DNS published and verified) and set current_phase to 6 in {secretId}, then run precheck again",
    ja: "Phase-6（DNS の設定と検証）を完了させ、{secretId} の current_phase を 6 にしてから precheck を再実行してください",
  },
  "gate.state.noPhase": { en: "{secretId} has no current_phase", ja: "{secretId} に current_phase がありません" },
  "gate.state.missing": { en: "secret {secretId} does not exist", ja: "シークレット {secretId} が存在しません" },
  "gate.state.missing.hint": {
    en: "check state.secretId in the config, and the region",
    ja: "設定の state.secretId とリージョンを確認してください",
  },
  "gate.state.notJson": { en: "secret {secretId} is not a JSON object", ja: "シークレット {secretId} が JSON オブジェクトではありません" },
});

import { defineMessages } from "./section.js";

/** byodkim publishing the selectors' records itself (dns.publish route53 or rfc2136): the plan, the waits, the failures. */
export const dnsPublishMessages = defineMessages({
  "dnsPublish.plan.label": { en: "DNS", ja: "DNS" },
  "gate.dnsPublish.title": { en: "DNS publishing", ja: "DNS の登録先" },
  "gate.dnsPublish.found": {
    en: "byodkim publishes the records of {domain} in {target}",
    ja: "{domain} のレコードは byodkim が {target} に登録します",
  },
  "dnsPublish.plan.route53Zone": {
    en: "byodkim publishes in Route 53 hosted zone {id}, then waits until every authoritative nameserver answers",
    ja: "byodkim が Route 53 のホストゾーン {id} に登録し、すべての権威ネームサーバが応答するまで待ちます",
  },
  "dnsPublish.plan.route53ByName": {
    en: "byodkim publishes in Route 53 (the public hosted zone enclosing {domain}), then waits until every authoritative nameserver answers",
    ja: "byodkim が Route 53（{domain} を含むパブリックホストゾーン）に登録し、すべての権威ネームサーバが応答するまで待ちます",
  },
  "dnsPublish.plan.rfc2136": {
    en: "byodkim sends an RFC 2136 dynamic update to {server} (zone {zone}, TSIG key {keyName}), then waits until every authoritative nameserver answers",
    ja: "byodkim が {server} に RFC 2136 の動的更新を送り（ゾーン {zone}、TSIG 鍵 {keyName}）、すべての権威ネームサーバが応答するまで待ちます",
  },
  "dnsPublish.plan.names": { en: "records: {names}", ja: "レコード：{names}" },
  "dnsPublish.plan.revocation": {
    en: "record: {name}, replaced by the revocation record (empty p=, RFC 6376 §3.6.1)",
    ja: "レコード：{name} を失効レコード（空の p=、RFC 6376 §3.6.1）に置き換えます",
  },
  "dnsPublish.plan.easyDkimNames": {
    en: "records: the three CNAMEs SES gives for Easy DKIM (<token>._domainkey.{domain})",
    ja: "レコード：SES が Easy DKIM 用に発行する 3 つの CNAME（<token>._domainkey.{domain}）",
  },
  "dnsPublish.published": {
    en: "published {names} in {target} (change {changeId})",
    ja: "{target} に {names} を登録しました（変更 {changeId}）",
  },
  "dnsPublish.waitingInSync": {
    en: "waiting for {target} to apply change {changeId} on all its servers ({seconds} s so far)",
    ja: "{target} が変更 {changeId} をすべてのサーバに反映するのを待っています（経過 {seconds} 秒）",
  },
  "dnsPublish.waitingAnswers": {
    en: "waiting for every authoritative nameserver to answer {names}: {answering} of {total} do; {left} left",
    ja: "すべての権威ネームサーバが {names} に応答するのを待っています：{total} 台中 {answering} 台が応答済み、残り {left}",
  },
  "dnsPublish.answering": {
    en: "DNS: {names} published in {target} (change {changeId}), answered by every authoritative nameserver",
    ja: "DNS：{target} に {names} を登録しました（変更 {changeId}）。すべての権威ネームサーバが応答しています",
  },
  "dnsPublish.notYetAnswering": {
    en: "DNS: {names} published in {target} (change {changeId}), not yet answered by every authoritative nameserver",
    ja: "DNS：{target} に {names} を登録しました（変更 {changeId}）が、まだ応答していない権威ネームサーバがあります",
  },
  "dnsPublish.nameRefused": {
    en: "byodkim will not publish {name}: only the records of this identity's selectors ({allowed}) are published",
    ja: "{name} は登録しません：登録するのはこの ID のセレクタのレコード（{allowed}）だけです",
  },
  "dnsPublish.nameRefused.hint": {
    en: "this is a bug in byodkim, not in your DNS: nothing was published; report it with the journal",
    ja: "DNS ではなく byodkim の不具合です。何も登録していません。ジャーナルを添えて報告してください",
  },
  "dnsPublish.failed.keygen": {
    en: "the key {selector} for {domain} is made and stored, but its DNS record was not published; nothing else changed. Publish it with: byodkim tick {domain}",
    ja: "{domain} の鍵 {selector} は作成・保存しましたが、DNS レコードは登録できませんでした。ほかは何も変更していません。次のコマンドで登録し直してください：byodkim tick {domain}",
  },
  "dnsPublish.failed.again": {
    en: "{command} for {domain} changed what it changes, but the DNS records were not published and the change is not recorded yet. Run the same command again to publish them: {retry}",
    ja: "{domain} の {command} は変更自体は済みましたが、DNS レコードを登録できず、変更もまだ記録していません。同じコマンドを再実行すると登録し直します：{retry}",
  },
  "dnsPublish.notAnswering.keygen": {
    en: "the key {selector} for {domain} is made and its record published, but not every authoritative nameserver answered it within {minutes} min. byodkim tick {domain} checks again (and publishes again if needed)",
    ja: "{domain} の鍵 {selector} を作成しレコードも登録しましたが、{minutes} 分以内にすべての権威ネームサーバが応答しませんでした。byodkim tick {domain} で再確認します（必要なら登録し直します）",
  },
  "dnsPublish.notAnswering.again": {
    en: "{command} for {domain} published its DNS records, but not every authoritative nameserver answered them within {minutes} min; the change is not recorded yet. Run the same command again once they answer: {retry}",
    ja: "{domain} の {command} は DNS レコードを登録しましたが、{minutes} 分以内にすべての権威ネームサーバが応答せず、変更はまだ記録していません。応答するようになったら同じコマンドを再実行してください：{retry}",
  },
  "dnsPublish.stopped.keygen": {
    en: "stopped waiting: the key {selector} for {domain} is made and its record published, not yet answered by every authoritative nameserver. byodkim tick {domain} checks again (and publishes again if needed)",
    ja: "待機を中断しました：{domain} の鍵 {selector} は作成しレコードも登録しましたが、まだ応答していない権威ネームサーバがあります。byodkim tick {domain} で再確認します（必要なら登録し直します）",
  },
  "dnsPublish.stopped.again": {
    en: "stopped waiting: {command} for {domain} published its DNS records, not yet answered by every authoritative nameserver; the change is not recorded yet. Run the same command again to finish: {retry}",
    ja: "待機を中断しました：{domain} の {command} は DNS レコードを登録しましたが、まだ応答していない権威ネームサーバがあり、変更はまだ記録していません。同じコマンドを再実行すると完了します：{retry}",
  },
  "dnsPublish.route53.noZone": {
    en: "Route 53 has no public hosted zone enclosing {domain} in this account",
    ja: "このアカウントの Route 53 に {domain} を含むパブリックホストゾーンがありません",
  },
  "dnsPublish.route53.noZone.hint": {
    en: "check the account and profile, or set dns.publish.hostedZoneId; or use provider: handoff to hand the records to your DNS team",
    ja: "アカウントとプロファイルを確認するか、dns.publish.hostedZoneId を設定してください。DNS チームにレコードを渡す場合は provider: handoff にしてください",
  },
  "dnsPublish.route53.severalZones": {
    en: "Route 53 has several public hosted zones named {zone}: {ids}",
    ja: "Route 53 に {zone} という名前のパブリックホストゾーンが複数あります：{ids}",
  },
  "dnsPublish.route53.severalZones.hint": {
    en: "set dns.publish.hostedZoneId to the one your registrar delegates to",
    ja: "レジストラが委任している方のゾーンを dns.publish.hostedZoneId に設定してください",
  },
  "dnsPublish.route53.zoneNotEnclosing": {
    en: "the hosted zone {id} (dns.publish.hostedZoneId) is not a zone enclosing {domain}, or this account cannot see it",
    ja: "ホストゾーン {id}（dns.publish.hostedZoneId）は {domain} を含むゾーンではないか、このアカウントからは見えません",
  },
  "dnsPublish.route53.zoneNotEnclosing.hint": {
    en: "check dns.publish.hostedZoneId and the account, or remove it to find the zone by name",
    ja: "dns.publish.hostedZoneId とアカウントを確認するか、削除してゾーンを名前で探させてください",
  },
  "dnsPublish.route53.zoneGone": {
    en: "Route 53 has no hosted zone {resource} ({action})",
    ja: "Route 53 にホストゾーン {resource} がありません（{action}）",
  },
  "dnsPublish.route53.zoneGone.hint": {
    en: "check dns.publish.hostedZoneId and the account; nothing was published",
    ja: "dns.publish.hostedZoneId とアカウントを確認してください。何も登録していません",
  },
  "dnsPublish.route53.refused": {
    en: "Route 53 refused the change to {resource} ({action}); nothing was published",
    ja: "Route 53 が {resource} への変更を拒否しました（{action}）。何も登録していません",
  },
  "dnsPublish.route53.refused.hint": {
    en: "run again with --verbose to see which record Route 53 refused and why (often another record type at the same name)",
    ja: "--verbose を付けて再実行すると、拒否されたレコードと理由が表示されます（同じ名前に別の種類のレコードがあることがよくあります）",
  },
  "dnsPublish.route53.busy": {
    en: "Route 53 is still applying an earlier change to {resource}; nothing was published",
    ja: "Route 53 が {resource} への以前の変更をまだ反映中です。何も登録していません",
  },
  "dnsPublish.route53.busy.hint": {
    en: "wait a minute and run again",
    ja: "1 分ほど待ってから再実行してください",
  },
  "dnsPublish.route53.notInSync": {
    en: "Route 53 has not applied change {changeId} on all its servers after {minutes} min",
    ja: "{minutes} 分経っても Route 53 が変更 {changeId} をすべてのサーバに反映していません",
  },
  "dnsPublish.route53.notInSync.hint": {
    en: "check the change with: aws route53 get-change --id {changeId}",
    ja: "次のコマンドで変更の状態を確認してください：aws route53 get-change --id {changeId}",
  },
  "dnsPublish.iamAnyZone": {
    en: "dns.publish has no hostedZoneId, so route53:ChangeResourceRecordSets is granted on every hosted zone of the account (hostedzone/*), still only at *._domainkey names of these identities; set dns.publish.hostedZoneId to grant one zone",
    ja: "dns.publish に hostedZoneId がないため、route53:ChangeResourceRecordSets をアカウントのすべてのホストゾーン（hostedzone/*）に付与しています（対象はこれらの ID の *._domainkey の名前だけです）。1 つのゾーンに絞るには dns.publish.hostedZoneId を設定してください",
  },
  "dnsPublish.noPublisher": {
    en: "dns.publish names no provider for {domain}: byodkim publishes nothing itself",
    ja: "{domain} の dns.publish にプロバイダがないため、byodkim は DNS を登録しません",
  },
  "dnsPublish.noPublisher.hint": {
    en: "set dns.publish.provider to route53 or rfc2136, or hand the record to the DNS team",
    ja: "dns.publish.provider に route53 か rfc2136 を設定するか、レコードを DNS 担当に依頼してください",
  },
  "dnsPublish.again.title": {
    en: "Publish the DKIM record of {selector} for {domain} again",
    ja: "{domain} のセレクタ {selector} の DKIM レコードを登録し直します",
  },
  "dnsPublish.again.confirm": { en: "Publish the record of {selector}? [y/N]", ja: "{selector} のレコードを登録しますか？ [y/N]" },
  "dnsPublish.again.created": {
    en: "the key history says {selector} is made and not yet used",
    ja: "鍵の履歴では {selector} は作成済みで未使用です",
  },
  "dnsPublish.again.notCreated": {
    en: "the key history says {selector} is {status}, not a made key waiting for its record: nothing to publish again",
    ja: "鍵の履歴では {selector} は {status} で、レコード待ちの新しい鍵ではありません。登録し直すものはありません",
  },
});

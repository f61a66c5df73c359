import { defineMessages } from "./section.js";

/** dns.publish provider rfc2136: a dynamic update signed with TSIG, sent to the zone's primary with nsupdate. */
export const rfc2136Messages = defineMessages({
  "rfc2136.badAlgorithm": {
    en: "dns.publish.tsig.algorithm {algorithm} is not a TSIG algorithm byodkim signs with",
    ja: "dns.publish.tsig.algorithm の {algorithm} は、byodkim が署名に使える TSIG アルゴリズムではありません",
  },
  "rfc2136.badAlgorithm.hint": {
    en: "write one of {algorithms} (RFC 8945), the same as the key's algorithm line on the DNS server",
    ja: "{algorithms} のいずれか（RFC 8945）を、DNS サーバ側の鍵の algorithm 行と同じ名前で指定してください",
  },
  "rfc2136.badServer": {
    en: "dns.publish.server {value} is not a nameserver address",
    ja: "dns.publish.server の {value} はネームサーバのアドレスとして正しくありません",
  },
  "rfc2136.badServer.hint": {
    en: "write the zone's primary as host or host:port, e.g. 192.0.2.53 or ns1.example.net:53",
    ja: "ゾーンのプライマリを host または host:port の形式で指定してください（例：192.0.2.53、ns1.example.net:53）",
  },
  "rfc2136.badName": {
    en: "{name} is not a DNS name byodkim can send in an update",
    ja: "{name} は、byodkim が更新で送れる DNS 名ではありません",
  },
  "rfc2136.badName.hint": {
    en: "check dns.publish.zone and dns.publish.tsig.keyName in the config: letters, digits, '-' and '_' between dots",
    ja: "設定ファイルの dns.publish.zone と dns.publish.tsig.keyName を確認してください（使える文字は英数字、「-」、「_」とドットです）",
  },
  "rfc2136.badSecret": {
    en: "secret {secretId} does not hold a TSIG secret",
    ja: "シークレット {secretId} に TSIG の秘密鍵が入っていません",
  },
  "rfc2136.badSecret.hint": {
    en: 'store the key\'s base64 secret alone (the value of its secret line in named.conf), or JSON with it in a "secret" field',
    ja: 'TSIG 鍵の base64 の秘密鍵（named.conf の secret 行の値）だけを保存するか、JSON の "secret" フィールドに入れて保存してください',
  },
  "rfc2136.secretUnreadable": {
    en: "secret {secretId}, the TSIG key's secret, could not be read",
    ja: "TSIG 鍵の秘密鍵を保存したシークレット {secretId} を読み取れませんでした",
  },
  "rfc2136.secretUnreadable.hint": {
    en: "check dns.publish.tsig.secretId in the config, and that this role may call secretsmanager:GetSecretValue on it (byodkim iam-policy grants it)",
    ja: "設定ファイルの dns.publish.tsig.secretId と、このロールがそのシークレットに secretsmanager:GetSecretValue を実行できることを確認してください（byodkim iam-policy で付与されます）",
  },
  "rfc2136.noSecret": {
    en: "there is no secret {secretId} for the TSIG key (dns.publish.tsig.secretId)",
    ja: "TSIG 鍵のシークレット {secretId}（dns.publish.tsig.secretId）が存在しません",
  },
  "rfc2136.noSecret.hint": {
    en: "create {secretId} in Secrets Manager, in the config's region, with the key's base64 secret (the value of its secret line in named.conf) as its text",
    ja: "設定ファイルのリージョンの Secrets Manager に {secretId} を作成し、TSIG 鍵の base64 の秘密鍵（named.conf の secret 行の値）を保存してください",
  },
  "rfc2136.noNsupdate": {
    en: "nsupdate, which sends the RFC 2136 update, is not installed on this machine",
    ja: "RFC 2136 の更新を送る nsupdate がこのマシンにインストールされていません",
  },
  "rfc2136.noNsupdate.hint": {
    en: "install it (Debian, Ubuntu: apt-get install bind9-dnsutils; RHEL: dnf install bind-utils; Alpine: apk add bind-tools), or set dns.publish.provider to handoff",
    ja: "nsupdate をインストールしてください（Debian・Ubuntu：apt-get install bind9-dnsutils、RHEL：dnf install bind-utils、Alpine：apk add bind-tools）。または dns.publish.provider を handoff にしてください",
  },
  "rfc2136.refused": {
    en: "{server} refused the update of zone {zone} (REFUSED); nothing was changed",
    ja: "{server} がゾーン {zone} の更新を拒否しました（REFUSED）。何も変更されていません",
  },
  "rfc2136.refused.hint": {
    en: "the zone's update-policy must grant key {keyName} TXT and CNAME under _domainkey.{zone}, and {server} must be the zone's primary, not a secondary",
    ja: "ゾーンの update-policy で鍵 {keyName} に _domainkey.{zone} 以下の TXT と CNAME の更新を許可し、{server} がセカンダリではなくゾーンのプライマリであることを確認してください",
  },
  "rfc2136.badSig": {
    en: "{server} did not accept the signature of TSIG key {keyName} (BADSIG); nothing was changed",
    ja: "{server} が TSIG 鍵 {keyName} の署名を受け付けませんでした（BADSIG）。何も変更されていません",
  },
  "rfc2136.badSig.hint": {
    en: "the secret in {secretId} differs from the one the server has for {keyName}: store the server's secret there",
    ja: "{secretId} の秘密鍵が、サーバ側の {keyName} の秘密鍵と一致しません。サーバ側と同じ秘密鍵を保存してください",
  },
  "rfc2136.badKey": {
    en: "{server} does not know TSIG key {keyName} with algorithm {algorithm} (BADKEY); nothing was changed",
    ja: "{server} にはアルゴリズム {algorithm} の TSIG 鍵 {keyName} がありません（BADKEY）。何も変更されていません",
  },
  "rfc2136.badKey.hint": {
    en: "set dns.publish.tsig.keyName and algorithm to the key's name and algorithm in the server's configuration",
    ja: "dns.publish.tsig.keyName と algorithm を、サーバ側の設定にある鍵の名前とアルゴリズムに合わせてください",
  },
  "rfc2136.badTime": {
    en: "{server} rejected the update's signing time (BADTIME); nothing was changed",
    ja: "{server} が更新の署名時刻を受け付けませんでした（BADTIME）。何も変更されていません",
  },
  "rfc2136.badTime.hint": {
    en: "this machine's clock and the server's differ by more than five minutes: set both right (NTP) and run it again",
    ja: "このマシンとサーバの時計が 5 分以上ずれています。両方の時刻を（NTP などで）合わせてから、もう一度実行してください",
  },
  "rfc2136.tsigRejected": {
    en: "{server} did not accept TSIG key {keyName} ({code}); nothing was changed",
    ja: "{server} が TSIG 鍵 {keyName} を受け付けませんでした（{code}）。何も変更されていません",
  },
  "rfc2136.tsigRejected.hint": {
    en: "compare dns.publish.tsig (key name, algorithm, the secret in {secretId}) with the key in the server's configuration",
    ja: "dns.publish.tsig（鍵の名前、アルゴリズム、{secretId} の秘密鍵）をサーバ側の鍵の設定と照らし合わせてください",
  },
  "rfc2136.notAuth": {
    en: "{server} is not authoritative for zone {zone} (NOTAUTH); nothing was changed",
    ja: "{server} はゾーン {zone} の権威サーバではありません（NOTAUTH）。何も変更されていません",
  },
  "rfc2136.notAuth.hint": {
    en: "set dns.publish.server to the primary of the zone that holds _domainkey.{domain}, and dns.publish.zone to that zone when it is not {domain}",
    ja: "dns.publish.server に _domainkey.{domain} を含むゾーンのプライマリを指定してください。そのゾーンが {domain} でない場合は dns.publish.zone にゾーン名を指定してください",
  },
  "rfc2136.notZone": {
    en: "the records of {domain} are not in zone {zone} (NOTZONE); nothing was changed",
    ja: "{domain} のレコードはゾーン {zone} に含まれていません（NOTZONE）。何も変更されていません",
  },
  "rfc2136.notZone.hint": {
    en: "set dns.publish.zone to the zone that holds _domainkey.{domain}, or leave it out to update the zone {domain}",
    ja: "dns.publish.zone に _domainkey.{domain} を含むゾーンを指定するか、省略してゾーン {domain} を更新してください",
  },
  "rfc2136.unreachable": {
    en: "{server} did not answer the update ({reason})",
    ja: "{server} から更新への応答がありませんでした（{reason}）",
  },
  "rfc2136.unreachable.hint": {
    en: "check that {server} is the zone's primary and that this machine reaches it on UDP and TCP; byodkim tick {domain} sends the same update again, which is safe even if this one arrived",
    ja: "{server} がゾーンのプライマリであること、このマシンから UDP と TCP で届くことを確認してください。byodkim tick {domain} で同じ更新を再送できます（今回の更新が届いていた場合も、同じレコードを置き換えるだけなので安全です）",
  },
  "rfc2136.failed": {
    en: "the update of zone {zone} at {server} failed (nsupdate said: {said}); nothing was changed",
    ja: "{server} でのゾーン {zone} の更新に失敗しました（nsupdate のメッセージ：{said}）。何も変更されていません",
  },
  "rfc2136.failed.hint": {
    en: "look for the update from key {keyName} in the server's log; byodkim tick {domain} tries again",
    ja: "サーバのログで鍵 {keyName} からの更新を確認してください。byodkim tick {domain} で再度試せます",
  },
});

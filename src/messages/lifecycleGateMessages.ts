import { defineMessages } from "./section.js";

/** The gates of keygen, rotate and retire. */
export const lifecycleGateMessages = defineMessages({
  "gate.current.title": { en: "Current selector", ja: "現在のセレクタ" },
  "gate.rotation.title": { en: "Rotation", ja: "ローテーション" },
  "gate.grace.title": { en: "Grace period", ja: "猶予期間" },
  "gate.revocation.title": { en: "Retired selectors", ja: "廃止済みセレクタ" },
  "gate.revocation.pass": { en: "{count} retired selector(s) revoked in DNS", ja: "廃止済みセレクタ {count} 件は DNS で失効済みです" },
  "gate.revocation.warn": {
    en: "{count} retired selector(s) still serve a live key in DNS: the record was never revoked",
    ja: "廃止済みセレクタ {count} 件が DNS でまだ有効な鍵を返しています：レコードが失効されていません",
  },
  "gate.revocation.live": {
    en: "{selector} (retired {retiredAt}) still serves a key at {name}",
    ja: "{selector}（{retiredAt} に廃止）が {name} でまだ鍵を返しています",
  },
  "gate.revocation.publish": { en: "ask the DNS team to publish: {record}", ja: "DNS チームに公開を依頼してください：{record}" },

  "gate.selector.taken": {
    en: "a key for selector {selector} is already in S3: keygen never overwrites",
    ja: "セレクタ {selector} の鍵はすでに S3 にあります：keygen は上書きしません",
  },
  "gate.selector.inHistory": {
    en: "selector {selector} is in the key history ({status}) though its key is no longer in S3: a selector once handed to the DNS team is never reused",
    ja: "セレクタ {selector} の鍵は S3 にもうありませんが、鍵履歴にあります（{status}）：DNS チームに一度渡したセレクタは再利用しません",
  },
  "gate.selector.handoffTaken": {
    en: "{path} is already there: keygen --out never writes over or through what is in the ticket folder",
    ja: "{path} がすでにあります：keygen --out はチケットのフォルダにあるファイルを上書きせず、シンボリックリンクの先にも書き込みません",
  },
  "gate.selector.handoffTaken.hint": {
    en: "Move it away, choose an empty --out folder, or another --selector.",
    ja: "それを移動するか、空の --out フォルダ、または別の --selector を指定してください。",
  },
  "gate.selector.taken.hint": {
    en: "Leave out --selector to take the next free one, or choose another.",
    ja: "--selector を省略すると次の空きセレクタを使います。別のセレクタを指定することもできます。",
  },
  "gate.selector.nextFree": {
    en: "next free selector {selector} ({count} dated keys in S3)",
    ja: "次の空きセレクタは {selector} です（S3 には日付付きの鍵が {count} 件あります）",
  },
  "gate.key.exists": {
    en: "an object is already at {location}: nothing was written",
    ja: "{location} にはすでにオブジェクトがあります：何も書き込んでいません",
  },
  "gate.key.exists.hint": {
    en: "keygen never overwrites a key: choose another selector.",
    ja: "keygen は鍵を上書きしません。別のセレクタを選んでください。",
  },
  "gate.key.new": {
    en: "new RSA {bits}-bit key, public key {fingerprint} (made here, never printed)",
    ja: "新しい RSA {bits} ビット鍵、公開鍵 {fingerprint}（この端末で生成し、表示はしません）",
  },
  "gate.key.newLocation": { en: "to be written to {location} ({encryption})", ja: "書き込み先：{location}（{encryption}）" },

  "gate.rotation.sesUnknown": { en: "SES could not be read: the current selector is unknown", ja: "SES を読み取れないため現在のセレクタが不明です" },
  "gate.rotation.notByodkim": {
    en: "the identity does not sign with BYODKIM (origin {origin}): there is nothing to rotate",
    ja: "このドメインは BYODKIM で署名していません（オリジン {origin}）：ローテーションするものがありません",
  },
  "gate.rotation.notByodkim.hint": {
    en: "To switch it to BYODKIM the first time, enable is the command: byodkim enable.",
    ja: "初めて BYODKIM に切り替えるには byodkim enable を使ってください。",
  },
  "gate.rotation.already": {
    en: "SES already signs with {selector} and the state records it: nothing to rotate",
    ja: "SES はすでに {selector} で署名しており、状態レコードにも記録済みです：ローテーションの必要はありません",
  },
  "gate.rotation.noSource": { en: "the selector SES signs with now is unknown", ja: "SES が現在署名に使っているセレクタが不明です" },
  "gate.rotation.sameSelector": {
    en: "SES already signs with {selector}: a rotation needs a newer key",
    ja: "SES はすでに {selector} で署名しています：ローテーションには新しい鍵が必要です",
  },
  "gate.rotation.sameSelector.hint": {
    en: "Make one with byodkim keygen, have its record published, then rotate to it.",
    ja: "byodkim keygen で鍵を作り、レコードを公開してからローテーションしてください。",
  },
  "gate.rotation.targetRetired": {
    en: "{selector} was retired at {at}: its record is revoked, so SES must not sign with it again",
    ja: "{selector} は {at} に廃止済みです：レコードは失効しているため、SES で再び署名に使ってはいけません",
  },
  "gate.rotation.sameKey": {
    en: "{to} holds the same key as {from} ({fingerprint}): a new name for the old key rotates nothing",
    ja: "{to} は {from} と同じ鍵です（{fingerprint}）：古い鍵に新しい名前を付けてもローテーションになりません",
  },
  "gate.rotation.sameKey.hint": {
    en: "Generate a new key with byodkim keygen.",
    ja: "byodkim keygen で新しい鍵を生成してください。",
  },
  "gate.rotation.pass": { en: "{from} → {to}, another key", ja: "{from} → {to}（別の鍵です）" },

  "gate.current.unknown": { en: "the current selector is unknown: its record cannot be checked", ja: "現在のセレクタが不明なためレコードを確認できません" },
  "gate.current.noKey": {
    en: "the key of the current selector {selector} is not usable in S3: rollback would have nothing to restore",
    ja: "現在のセレクタ {selector} の鍵が S3 で使えません：ロールバックで戻す先がありません",
  },
  "gate.current.dnsGone": {
    en: "the record of the current selector {selector} is not served by every nameserver",
    ja: "現在のセレクタ {selector} のレコードを返さないネームサーバがあります",
  },
  "gate.current.dnsGone.hint": {
    en: "Mail signed a few minutes ago is still verified against it: have it published again before rotating, and keep it through the grace period.",
    ja: "数分前に署名されたメールもこのレコードで検証されます。ローテーション前に再公開を依頼し、猶予期間中は残してください。",
  },
  "gate.current.pass": {
    en: "{selector}'s record is still served by every nameserver (it stays through the grace period)",
    ja: "{selector} のレコードは全ネームサーバから返されています（猶予期間中は残します）",
  },
  "gate.state.readable": {
    en: "{secretId} is readable: the new key goes into its key history",
    ja: "{secretId} を読み取れます：新しい鍵を鍵履歴に記録します",
  },
  "gate.state.noHistory": {
    en: "{secretId} could not be read as JSON: the key will not be recorded in the key history",
    ja: "{secretId} を JSON として読み取れません：鍵履歴には記録されません",
  },
  "gate.state.rotationNeedsPhase7": {
    en: "current_phase is {phase}: a rotation follows Phase-7",
    ja: "current_phase が {phase} です：ローテーションは Phase-7 の完了後に行います",
  },
  "gate.state.rotationReady": {
    en: "Phase-7 done; last change to the signing key {since}",
    ja: "Phase-7 完了済み。署名鍵を最後に変更した日時：{since}",
  },

  "gate.ses.selectorActive": {
    en: "SES still signs with {selector}: it cannot be retired",
    ja: "SES はまだ {selector} で署名しています：廃止できません",
  },
  "gate.ses.selectorActive.hint": {
    en: "Rotate to a newer selector first (byodkim rotate), then retire this one after the grace period.",
    ja: "先に新しいセレクタへローテーションし（byodkim rotate）、猶予期間後に廃止してください。",
  },
  "gate.ses.selectorInactive": {
    en: "SES does not sign with {selector} (origin {origin}, tokens {tokens})",
    ja: "SES は {selector} で署名していません（オリジン {origin}、トークン {tokens}）",
  },
  "gate.key.retireObject": { en: "{location} is there (byodkim:status {status})", ja: "{location} があります（byodkim:status {status}）" },
  "gate.key.retireGone": {
    en: "no object at {location}: nothing to tag or delete (the record is revoked all the same)",
    ja: "{location} にオブジェクトがありません：タグ付けも削除も不要です（レコードの失効はそのまま行います）",
  },
  "gate.grace.alreadyRetired": { en: "{selector} was retired at {at}", ja: "{selector} は {at} に廃止済みです" },
  "gate.grace.tooSoon": {
    en: "{selector} stopped signing at {since}: its record must stay until {until} ({days}-day grace period)",
    ja: "{selector} は {since} に署名を停止しました：{until} までは（猶予期間 {days} 日）レコードを残す必要があります",
  },
  "gate.grace.over": {
    en: "{selector} stopped signing at {since}, more than {days} days ago",
    ja: "{selector} は {since} に署名を停止し、{days} 日以上経過しています",
  },
  "gate.grace.neverSigned": {
    en: "{selector} was made by keygen and never signed mail",
    ja: "{selector} は keygen で作成されたもので、署名に使われたことはありません",
  },
  "gate.grace.unknown": {
    en: "nothing byodkim recorded says when {selector} stopped signing",
    ja: "{selector} がいつ署名を停止したか byodkim の記録にありません",
  },
  "gate.grace.unknown.hint": {
    en: "Only a selector byodkim rotated away from (or made and never used) can be retired: mail signed with it may still be in flight.",
    ja: "byodkim がローテーションで切り替えた（または作成後未使用の）セレクタだけを廃止できます。署名済みメールがまだ配送中の可能性があります。",
  },
});

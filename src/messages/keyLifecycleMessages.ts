import { defineMessages } from "./section.js";

/** keygen, rotate and retire: plans, questions, results. */
export const keyLifecycleMessages = defineMessages({
  "rotate.plan.title": { en: "Plan: rotate {domain} from {from} to {to}", ja: "計画：{domain} の鍵を {from} から {to} へローテーションする" },
  "rotate.plan.from": { en: "from", ja: "切り替え元" },
  "rotate.plan.to": { en: "to", ja: "切り替え先" },
  "rotate.plan.key": {
    en: "selector {selector}, RSA {bits}-bit, public key {fingerprint}",
    ja: "セレクタ {selector}、RSA {bits} ビット、公開鍵 {fingerprint}",
  },
  "rotate.plan.fromEarlier": {
    en: "selector {selector}: an earlier run already moved SES from it to {to} (its key is not read again)",
    ja: "セレクタ {selector}：以前の実行で SES はすでにこのセレクタから {to} に切り替わっています（その鍵は読み直しません）",
  },
  "rotate.plan.noFrom": {
    en: "no earlier BYODKIM selector on record: SES already signs with {to}",
    ja: "記録に以前の BYODKIM セレクタはありません：SES はすでに {to} で署名しています",
  },
  "rotate.plan.retire": { en: "old selector", ja: "旧セレクタ" },
  "rotate.plan.retireValue": {
    en: "{selector}'s record stays published; byodkim retire {selector} {domain} from {date} ({days}-day grace period)",
    ja: "{selector} のレコードは猶予期間（{days} 日）のあいだ公開したままにします。{date} 以降に廃止してください：byodkim retire {selector} {domain}",
  },
  "rotate.confirm": {
    en: "Type the domain name ({domain}) to rotate its DKIM key:",
    ja: "DKIM 鍵をローテーションするにはドメイン名（{domain}）を入力してください：",
  },
  "rotate.summary.rotated": {
    en: "{domain} now signs with selector {selector}: SES reports SUCCESS.",
    ja: "{domain} はセレクタ {selector} で署名するようになりました：SES のステータスは SUCCESS です。",
  },
  "rotate.summary.upToDate": {
    en: "{domain} already signs with selector {selector} and the state records it: nothing to do.",
    ja: "{domain} はすでにセレクタ {selector} で署名しており、状態レコードにも記録済みです：何もすることはありません。",
  },
  "rotate.next": {
    en: "Next: byodkim verify {domain}. Keep {from}'s record published until {date}, then: byodkim retire {from} {domain}",
    ja: "次の手順：byodkim verify {domain}。{from} のレコードは {date} まで公開したままにし、その後に廃止してください：byodkim retire {from} {domain}",
  },

  "keygen.plan.title": { en: "Plan: a new DKIM key for {domain}", ja: "計画：{domain} の新しい DKIM 鍵を作る" },
  "keygen.plan.selector": { en: "selector", ja: "セレクタ" },
  "keygen.plan.selectorValue": { en: "{selector}", ja: "{selector}" },
  "keygen.plan.key": { en: "key", ja: "鍵" },
  "keygen.plan.keyValue": {
    en: "RSA {bits}-bit, PKCS#8, public key {fingerprint}; tagged byodkim:selector={selector}",
    ja: "RSA {bits} ビット、PKCS#8、公開鍵 {fingerprint}。タグ byodkim:selector={selector} を付けます",
  },
  "keygen.plan.where": { en: "S3", ja: "S3" },
  "keygen.plan.whereValue": { en: "{location} ({encryption}), never overwritten", ja: "{location}（{encryption}）。上書きはしません" },
  "keygen.plan.record": { en: "DNS", ja: "DNS" },
  "keygen.plan.recordValue": {
    en: "the DNS team publishes {name} (printed below); SES is not changed",
    ja: "DNS チームが {name} を公開します（下に表示します）。SES は変更しません",
  },
  "keygen.plan.dryRunKey": {
    en: "a dry run shows a throwaway key: the real run makes a new one, with another record",
    ja: "ドライランでは使い捨ての鍵を表示しています。本番実行では別の鍵とレコードを生成します",
  },
  "keygen.confirm": { en: "Write the new key to S3? [y/N]", ja: "新しい鍵を S3 に書き込みますか？ [y/N]" },
  "keygen.summary.published": {
    en: "New key {selector} written to S3 for {domain}, and its record published: every authoritative nameserver answers it. Next: byodkim rotate {domain} (or the next byodkim tick, with rotation.auto).",
    ja: "{domain} の新しい鍵 {selector} を S3 に書き込み、レコードを登録しました。すべての権威ネームサーバが応答しています。次は byodkim rotate {domain} です（rotation.auto なら次の byodkim tick が行います）。",
  },
  "keygen.summary.written": {
    en: "New key {selector} written to S3 for {domain}. Hand the record below to the DNS team; once every nameserver serves it: byodkim precheck --selector {selector}, then byodkim rotate.",
    ja: "{domain} の新しい鍵 {selector} を S3 に書き込みました。下のレコードを DNS チームに渡してください。全ネームサーバで公開されたら byodkim precheck --selector {selector} で確認し、byodkim rotate を実行してください。",
  },
  "keygen.summary.declined": {
    en: "Declined: the answer was not yes. Nothing was written.",
    ja: "中止しました：yes と回答されませんでした。何も書き込んでいません。",
  },
  "keygen.raceLost": {
    en: "another writer created {location} first: nothing was overwritten",
    ja: "{location} は別の実行が先に作成しました：上書きはしていません",
  },
  "keygen.raceLost.hint": {
    en: "For the next free selector, run again: byodkim keygen",
    ja: "次の空きセレクタで再実行してください：byodkim keygen",
  },
  "keygen.historyNotRecorded": {
    en: "the key is in S3, but its entry in the key history of {secretId} could not be written",
    ja: "鍵は S3 にありますが、{secretId} の鍵履歴に記録できませんでした",
  },
  "keygen.outUnwritable": { en: "cannot write the hand-off files to {dir}: {reason}", ja: "引き継ぎファイルを {dir} に書き込めません：{reason}" },
  "keygen.outIsLink": {
    en: "the --out folder {dir} is a symbolic link (to {real}); byodkim writes the hand-off files only into a folder named by its own path: pass --out {real}",
    ja: "--out のフォルダ {dir} はシンボリックリンクです（リンク先 {real}）。byodkim は引き継ぎファイルを、リンクではない実際のパスで指定されたフォルダにしか書きません。--out {real} を指定してください",
  },
  "keygen.outExists": {
    en: "the hand-off files were not written: {path} is already there (byodkim never writes over or through it); the record is shown above, or choose an empty --out folder",
    ja: "引き継ぎファイルは書き込んでいません：{path} がすでにあります（byodkim は上書きも、シンボリックリンク先への書き込みもしません）。レコードは上に表示しています。空の --out フォルダを指定して実行し直すこともできます",
  },
  "keygen.badBits": { en: "--bits takes 2048 or 1024, not {value}", ja: "--bits には 2048 か 1024 を指定してください（{value} は使えません）" },

  "handoff.heading": { en: "For the DNS team: {name}", ja: "DNS チーム向け：{name}" },
  "handoff.dryRunHeading": {
    en: "Dry run, a throwaway key: do not publish this record ({name}); the real run prints its own",
    ja: "ドライラン（使い捨ての鍵）：このレコード（{name}）は公開しないでください。本番実行で別のレコードを表示します",
  },
  "handoff.bind": { en: "BIND zone file (character-strings of at most 255 bytes):", ja: "BIND ゾーンファイル（255 バイト以下の文字列に分割済み）：" },
  "handoff.route53": {
    en: "Route 53 (aws route53 change-resource-record-sets --hosted-zone-id … --change-batch file://…):",
    ja: "Route 53（aws route53 change-resource-record-sets --hosted-zone-id … --change-batch file://…）：",
  },
  "handoff.unsplit": { en: "Unsplit value (for consoles that split it themselves):", ja: "分割前の値（自動で分割するコンソール用）：" },
  "handoff.files": { en: "Written for the ticket: {files}", ja: "チケット用のファイルを書き出しました：{files}" },

  "retire.plan.title": { en: "Plan: retire selector {selector} of {domain}", ja: "計画：{domain} のセレクタ {selector} を廃止する" },
  "retire.plan.record": { en: "DNS", ja: "DNS" },
  "retire.plan.recordValue": {
    en: "the DNS team replaces {name} with the revocation record (empty p=, RFC 6376 §3.6.1), printed below",
    ja: "DNS チームが {name} を失効レコード（空の p=、RFC 6376 §3.6.1）に置き換えます（下に表示します）",
  },
  "retire.plan.history": { en: "key history", ja: "鍵履歴" },
  "retire.plan.historyValue": { en: "{selector} marked retired", ja: "{selector} を retired として記録します" },
  "retire.confirm": { en: "Retire selector {selector}? [y/N]", ja: "セレクタ {selector} を廃止しますか？ [y/N]" },
  "retire.confirmDelete": {
    en: "Type the selector ({selector}) to retire it and DELETE its private key from S3 (this cannot be undone):",
    ja: "廃止して S3 の秘密鍵を削除する（元に戻せません）にはセレクタ名（{selector}）を入力してください：",
  },
  "retire.summary.retired": {
    en: "Selector {selector} of {domain} is retired. Hand the revocation record below to the DNS team.",
    ja: "{domain} のセレクタ {selector} を廃止しました。下の失効レコードを DNS チームに渡してください。",
  },
  "retire.summary.retiredPublished": {
    en: "Selector {selector} of {domain} is retired, and its revocation record is published: every authoritative nameserver answers it.",
    ja: "{domain} のセレクタ {selector} を廃止し、失効レコードを登録しました。すべての権威ネームサーバが応答しています。",
  },
  "retire.summary.upToDate": {
    en: "Selector {selector} of {domain} is already retired: nothing to do. The revocation record is below.",
    ja: "{domain} のセレクタ {selector} はすでに廃止済みです：何もすることはありません。失効レコードは下にあります。",
  },
  "retire.summary.declined": {
    en: "Declined: the answer was not yes. Nothing was changed.",
    ja: "中止しました：yes と回答されませんでした。何も変更していません。",
  },
  "retire.summary.declinedDelete": {
    en: "Declined: the selector was not typed. Nothing was changed, the key is still in S3.",
    ja: "中止しました：セレクタ名が入力されませんでした。何も変更しておらず、鍵は S3 に残っています。",
  },
  "retire.historyNotRecorded": {
    en: "the S3 object is tagged, but the key history in {secretId} could not be written",
    ja: "S3 オブジェクトにはタグを付けましたが、{secretId} の鍵履歴に記録できませんでした",
  },
  "runbook.noPreviousSelector": {
    en: "{secretId} records no previous_selector: no rotation to retire the old selector of",
    ja: "{secretId} に previous_selector の記録がありません：廃止する旧セレクタがありません",
  },
  "retire.noSelector": {
    en: "retire needs the selector to retire (byodkim retire <selector> [domain])",
    ja: "廃止するセレクタを指定してください（byodkim retire <selector> [domain]）",
  },
});

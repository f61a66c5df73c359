import { defineMessages } from "./section.js";

export const statusMessages = defineMessages({
  "status.badRegions": {
    en: "--regions takes AWS region names separated by commas, e.g. ap-northeast-1,ap-northeast-3 (got {value})",
    ja: "--regions には AWS リージョン名をカンマ区切りで指定してください（例：ap-northeast-1,ap-northeast-3）。指定された値：{value}",
  },
  "status.allAndDomains": {
    en: "--all looks at every identity SES lists: give domains or --all, not both",
    ja: "--all は SES に登録されたすべての ID を対象にします。ドメインの指定と --all は同時に使えません",
  },
  "status.noDomain.hint": {
    en: "name domains (byodkim status mail.example.jp), set domain or identities: in the config, or use --all",
    ja: "ドメインを指定する（byodkim status mail.example.jp）か、設定ファイルに domain または identities: を書くか、--all を使ってください",
  },
  "status.keyMissing": { en: "no key object at {location}", ja: "{location} に鍵オブジェクトがありません" },
  "status.metricsUnavailable": { en: "no CloudWatch client to publish with", ja: "メトリクスの送信に使う CloudWatch クライアントがありません" },
  "status.header": {
    en: "DKIM status · {rows} identity × region rows · {regions} · {checkedAt}",
    ja: "DKIM ステータス · {rows} 件（ドメイン × リージョン） · {regions} · {checkedAt}",
  },
  "status.col.domain": { en: "DOMAIN", ja: "ドメイン" },
  "status.col.region": { en: "REGION", ja: "リージョン" },
  "status.col.account": { en: "ACCOUNT", ja: "アカウント" },
  "status.col.dkim": { en: "DKIM", ja: "DKIM" },
  "status.col.selector": { en: "SELECTOR", ja: "セレクタ" },
  "status.col.age": { en: "KEY AGE", ja: "鍵の経過日数" },
  "status.col.due": { en: "ROTATE IN", ja: "次のローテーションまで" },
  "status.col.reason": { en: "REASON", ja: "理由" },
  "status.days": { en: "{days} d", ja: "{days} 日" },
  "status.ageFrom": { en: "{days} d ({source})", ja: "{days} 日（{source}）" },
  "status.ageSource.history": { en: "created_at", ja: "作成日時" },
  "status.ageSource.selector": { en: "selector date", ja: "セレクタ名の日付" },
  "status.ageSource.s3": { en: "S3 LastModified", ja: "S3 の更新日時" },
  "status.ageSource.activeSince": { en: "active_since", ja: "使用開始日時" },
  "status.overdueDays": { en: "{days} d over", ja: "{days} 日超過" },
  "status.easyDkim": { en: "Easy DKIM", ja: "Easy DKIM" },
  "status.byodkim": { en: "BYODKIM", ja: "BYODKIM" },
  "status.reason.sesUnreadable": { en: "SES could not be read: {problem}", ja: "SES を読み取れませんでした：{problem}" },
  "status.reason.notInRegion": {
    en: "SES has no such identity in {region}",
    ja: "{region} の SES にこの ID は登録されていません",
  },
  "status.reason.dkimFailed": { en: "SES says DKIM FAILED ({errorType})", ja: "SES の DKIM ステータスが FAILED です（{errorType}）" },
  "status.reason.dkimStuck": {
    en: "SES says DKIM TEMPORARY_FAILURE ({errorType}), for over an hour: SES no longer retries it",
    ja: "SES の DKIM ステータスが 1 時間以上 TEMPORARY_FAILURE のままです（{errorType}）：SES はもう再試行しません",
  },
  "status.wayOut.external": {
    en: "waiting will not help: SES looks again only when the key is put again. Once {selector}'s record is on every nameserver: byodkim enable {domain} --selector {selector} --region {region} (after a rotation: byodkim rotate {domain} --to {selector} --region {region})",
    ja: "待っても解決しません：SES が再確認するのは鍵が再設定されたときだけです。{selector} のレコードが全ネームサーバで公開されたら、次を実行してください：byodkim enable {domain} --selector {selector} --region {region}（ローテーション後なら byodkim rotate {domain} --to {selector} --region {region}）",
  },
  "status.wayOut.easy": {
    en: "waiting will not help: SES looks again only when Easy DKIM is put again, with new tokens. If byodkim rolled it back: byodkim rollback {domain} --region {region} (it lists the new CNAMEs to publish)",
    ja: "待っても解決しません：SES が再確認するのは Easy DKIM が再設定されたときだけで、トークンは新しくなります。byodkim がロールバックしたドメインなら、次を実行してください：byodkim rollback {domain} --region {region}（公開すべき新しい CNAME を表示します）",
  },
  "status.reason.signingOff": { en: "DKIM signing is turned off", ja: "DKIM 署名が無効になっています" },
  "status.reason.keyOverdue": {
    en: "key is {age} days old, rotation was due {days} days ago",
    ja: "鍵の作成から {age} 日経過し、ローテーション期限を {days} 日過ぎています",
  },
  "status.reason.dnsDrift": {
    en: "the TXT record does not carry the key on {count} of {total} nameservers",
    ja: "{total} 台中 {count} 台のネームサーバで、TXT レコードが鍵と一致しません",
  },
  "status.reason.cnameMissing": {
    en: "{count} of the Easy DKIM CNAMEs missing or wrong",
    ja: "Easy DKIM の CNAME のうち {count} 件がないか、値が誤っています",
  },
  "status.reason.dkimNotVerified": { en: "SES has not verified DKIM yet ({status})", ja: "SES がまだ DKIM を検証していません（{status}）" },
  "status.reason.rotationDueSoon": { en: "rotation due in {days} days", ja: "あと {days} 日でローテーションの期限です" },
  "status.reason.regionMismatch": {
    en: "signs otherwise than {reference} ({differences}): the global endpoint would sign differently per region",
    ja: "{reference} と署名の設定が異なります（{differences}）。グローバルエンドポイントではリージョンによって署名が変わってしまいます",
  },
  "status.reason.retiredNotRevoked": {
    en: "retired selector {selector} still published: publish the revoked record (p=)",
    ja: "廃止済みセレクタ {selector} がまだ公開されています。失効レコード（p=）を公開してください",
  },
  "status.reason.dnsUnanswered": {
    en: "{count} of {total} nameservers did not answer for the selector",
    ja: "{total} 台中 {count} 台のネームサーバがセレクタの問い合わせに応答しませんでした",
  },
  "status.reason.keyUnverifiable": {
    en: "no key to compare the record with: {problem}",
    ja: "レコードと照合する鍵がありません：{problem}",
  },
  "status.reason.keyAgeUnknown": {
    en: "the key's age is unknown (no history, no date in the selector, no S3 date)",
    ja: "鍵の経過日数が不明です（履歴・セレクタの日付・S3 の日付のいずれもありません）",
  },
  "status.reason.otherAccount": {
    en: "listed by account {account}'s SES, but the config puts {domain} in account {configured}: byodkim's commands for it reach {configured}, not this one",
    ja: "アカウント {account} の SES にありますが、設定では {domain} はアカウント {configured} にあります：byodkim のコマンドは {configured} に対して動き、この ID には動きません",
  },
  "status.reason.healthy": { en: "healthy", ja: "正常" },
  "status.inGrace": {
    en: "{selector} in its grace period until {retireAfter}",
    ja: "{selector} は {retireAfter} まで猶予期間中です",
  },
  "status.summary": {
    en: "{ok} healthy · {warn} warnings · {action} need action",
    ja: "正常 {ok} 件 · 警告 {warn} 件 · 要対応 {action} 件",
  },
  "status.columnsHidden": {
    en: "not shown, for want of width: {columns} (a wider terminal, or --json, shows every column)",
    ja: "端末の幅が足りないため、次の列を省略しています：{columns}（端末を広げるか --json を付けると、すべての列を表示します）",
  },
  "status.identityFailed": { en: "status not checked: {detail}", ja: "ステータスを確認できませんでした：{detail}" },
  "status.historyUnreadable": {
    en: "the key history could not be read ({problem}): key ages come from selectors and S3",
    ja: "鍵履歴を読めませんでした（{problem}）。鍵の経過日数はセレクタ名と S3 から求めています",
  },
  "status.metricsPublished": {
    en: "published {data} metrics to CloudWatch namespace byodkim in {requests} requests",
    ja: "CloudWatch の名前空間 byodkim にメトリクス {data} 件を送信しました（リクエスト {requests} 回）",
  },
  "status.metricsFailed": {
    en: "warning: metrics not published ({problem}); the status above stands",
    ja: "警告：メトリクスを送信できませんでした（{problem}）。上のステータスはそのまま有効です",
  },
  "status.planned": {
    en: "checking {rows} identity × region rows: about {seconds} s (SES answers about one request a second)",
    ja: "{rows} 件（ドメイン × リージョン）を確認します。約 {seconds} 秒かかります（SES が受け付けるのは毎秒 1 リクエスト程度です）",
  },
  "status.progress": { en: "checking DKIM status {done} / {total}", ja: "DKIM ステータスを確認中 {done} / {total}" },
});

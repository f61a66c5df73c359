import { defineMessages } from "./section.js";

/** `byodkim report dmarc`: receivers' DMARC aggregate reports, added up per selector. */
export const dmarcMessages = defineMessages({
  "dmarc.title": { en: "DMARC aggregate reports: {source}", ja: "DMARC 集約レポート：{source}" },
  "dmarc.summaryLine": {
    en: "{reports} reports, {messages} messages, {begin} to {end}",
    ja: "レポート {reports} 件、メッセージ {messages} 通（{begin}〜{end}）",
  },
  "dmarc.none": {
    en: "No aggregate report found in {source}.",
    ja: "{source} に集約レポートが見つかりませんでした。",
  },
  "dmarc.noneMatching": {
    en: "{count} reports were read; none of them matches the filters above.",
    ja: "レポートを {count} 件読み込みましたが、上の条件に合うものはありません。",
  },
  "dmarc.filters": { en: "Only: {filters}", ja: "対象：{filters}" },
  "dmarc.filter.domain": { en: "domain {domain}", ja: "ドメイン {domain}" },
  "dmarc.filter.since": { en: "reports ending after {since}", ja: "{since} より後に終わるレポート" },
  "dmarc.duplicates": {
    en: "Found twice and counted once (the same organisation's report id): {count}",
    ja: "重複していたため 1 回だけ数えたレポート（同じ組織の同じレポート ID）：{count} 件",
  },

  "dmarc.selectors": { en: "DKIM signatures seen by receivers", ja: "受信側が確認した DKIM 署名" },
  "dmarc.col.domain": { en: "d=", ja: "d=" },
  "dmarc.col.selector": { en: "s=", ja: "s=" },
  "dmarc.col.pass": { en: "pass", ja: "成功" },
  "dmarc.col.fail": { en: "fail", ja: "失敗" },
  "dmarc.col.temperror": { en: "temperror", ja: "一時エラー" },
  "dmarc.col.share": { en: "share of the domain's mail", ja: "ドメインのメールに占める割合" },
  "dmarc.col.messages": { en: "messages", ja: "メッセージ数" },
  "dmarc.col.reports": { en: "reports", ja: "レポート数" },
  "dmarc.col.org": { en: "reporting organisation", ja: "報告元" },
  "dmarc.col.policyDomain": { en: "domain", ja: "ドメイン" },
  "dmarc.col.dkimAligned": { en: "DMARC DKIM pass", ja: "DMARC の DKIM 成功" },
  "dmarc.col.spfAligned": { en: "DMARC SPF pass", ja: "DMARC の SPF 成功" },
  "dmarc.col.file": { en: "file", ja: "ファイル" },
  "dmarc.col.reason": { en: "why", ja: "理由" },
  "dmarc.noSelector": { en: "(not named)", ja: "（記載なし）" },
  "dmarc.domains": { en: "DMARC's own verdict (policy_evaluated)", ja: "DMARC 自体の判定（policy_evaluated）" },
  "dmarc.orgs": { en: "Reporting organisations", ja: "報告元の組織" },
  "dmarc.skippedTitle": { en: "Files skipped", ja: "読み飛ばしたファイル" },
  "dmarc.skippedCount": {
    en: "{count} files were not reports and were skipped:",
    ja: "{count} 件のファイルはレポートではないため読み飛ばしました：",
  },
  "dmarc.share": { en: "{percent} %", ja: "{percent} %" },
  "dmarc.countShare": { en: "{count} ({percent} %)", ja: "{count}（{percent} %）" },

  "dmarc.skip.notXml": { en: "not well-formed XML", ja: "正しい形式の XML ではありません" },
  "dmarc.skip.notAggregateReport": { en: "XML, but not a DMARC aggregate report", ja: "XML ですが DMARC 集約レポートではありません" },
  "dmarc.skip.missingElement": { en: "a report without an element it must have", ja: "レポートに必須の要素がありません" },
  "dmarc.skip.badGzip": { en: "a damaged gzip file", ja: "gzip ファイルが壊れています" },
  "dmarc.skip.badZip": { en: "a damaged zip file", ja: "zip ファイルが壊れています" },
  "dmarc.skip.archiveInArchive": {
    en: "an archive inside an archive (a receiver compresses a report once): not unpacked",
    ja: "アーカイブの中のアーカイブです（受信側はレポートを一度だけ圧縮します）。展開しません",
  },
  "dmarc.skip.noReportInArchive": { en: "an archive with no report in it", ja: "アーカイブの中にレポートがありません" },
  "dmarc.skip.badMessage": { en: "a message that could not be read", ja: "メッセージを読み取れませんでした" },
  "dmarc.skip.noReportAttached": { en: "a message with no report attached", ja: "レポートが添付されていないメッセージです" },
  "dmarc.skip.tooLarge": { en: "too large to be a report", ja: "レポートとしては大きすぎます" },
  "dmarc.skip.unreadable": { en: "could not be read", ja: "読み取れませんでした" },
  "dmarc.skippedFile": { en: "{file}: {reason}", ja: "{file}：{reason}" },
  "dmarc.skipLine": { en: "{reason}: {detail}", ja: "{reason}：{detail}" },

  "dmarc.md.title": { en: "DKIM signing seen in DMARC reports: {domain}", ja: "DMARC レポートで見た DKIM 署名：{domain}" },
  "dmarc.md.allDomains": { en: "all domains", ja: "全ドメイン" },
  "dmarc.md.change": {
    en: "Change: {command} {domain} (run {runId}), started {at}.",
    ja: "変更：{command} {domain}（実行 ID {runId}）、開始 {at}。",
  },
  "dmarc.md.noChange": {
    en: "No completed enable, rotate or rollback is journaled{forDomain}: the reports are shown as one period.",
    ja: "完了した enable・rotate・rollback がジャーナルに記録されていません{forDomain}。レポートを 1 つの期間として示します。",
  },
  "dmarc.md.forDomain": { en: " for {domain}", ja: "（{domain}）" },
  "dmarc.md.before": { en: "Before the change", ja: "変更前" },
  "dmarc.md.after": { en: "After the change", ja: "変更後" },
  "dmarc.md.whole": { en: "All reports", ja: "すべてのレポート" },
  "dmarc.md.side": {
    en: "{reports} reports, {messages} messages.",
    ja: "レポート {reports} 件、メッセージ {messages} 通。",
  },
  "dmarc.md.noReports": { en: "No report covers this period yet.", ja: "この期間のレポートはまだありません。" },
  "dmarc.md.unsigned": { en: "not signed by the domain", ja: "ドメインの署名なし" },
  "dmarc.md.straddling": {
    en: "Reports whose period holds the moment of the change, in neither table: {count}",
    ja: "期間に変更時刻を含むため、どちらの表にも入れていないレポート：{count} 件",
  },
  "dmarc.md.source": { en: "Reports read from {source}.", ja: "レポートの読み込み元：{source}" },

  "dmarc.written": { en: "DMARC report written to {path}", ja: "DMARC レポートの集計を {path} に書き込みました" },
  "dmarc.metricsPublished": {
    en: "published {data} metrics to CloudWatch namespace byodkim in {requests} requests",
    ja: "CloudWatch の名前空間 byodkim にメトリクス {data} 件を送信しました（リクエスト {requests} 回）",
  },
  "dmarc.metricsFailed": {
    en: "warning: metrics not published ({problem}); the report above stands",
    ja: "警告：メトリクスを送信できませんでした（{problem}）。上の集計はそのまま有効です",
  },
  "dmarc.metricsUnavailable": { en: "no CloudWatch client to publish with", ja: "メトリクスの送信に使う CloudWatch クライアントがありません" },
  "dmarc.metricsNothing": { en: "the reports hold no message to measure", ja: "レポートに集計できるメッセージがありません" },

  "dmarc.noSource": {
    en: "no folder or bucket of DMARC reports to read",
    ja: "読み込む DMARC レポートのフォルダーまたはバケットが指定されていません",
  },
  "dmarc.noSource.hint": {
    en: "name one with --from <folder | s3://bucket/prefix>, or set dmarc.reports in the config",
    ja: "--from <フォルダー | s3://バケット/プレフィックス> で指定するか、設定ファイルに dmarc.reports を書いてください",
  },
  "dmarc.badFrom": {
    en: "--from {from} is neither a folder nor an s3://bucket/prefix address",
    ja: "--from {from} はフォルダーでも s3://バケット/プレフィックス の形式でもありません",
  },
  "dmarc.folderMissing": { en: "the folder {path} does not exist", ja: "フォルダー {path} がありません" },
  "dmarc.notAFolder": { en: "{path} is not a folder", ja: "{path} はフォルダーではありません" },
  "dmarc.folderUnreadable": { en: "the folder {path} cannot be read (permission denied)", ja: "フォルダー {path} を読み取る権限がありません" },
  "dmarc.s3Unavailable": { en: "no S3 client to read {source} with", ja: "{source} を読み取るための S3 クライアントがありません" },
  "dmarc.badSince": {
    en: "--since {since} is not a number of days (a whole number from 1 to 3660)",
    ja: "--since {since} は日数ではありません（1〜3660 の整数で指定してください）",
  },
  "dmarc.badFormat": {
    en: "report dmarc --format {format}: use md (for the change ticket) or json, or leave it out for the terminal's table",
    ja: "report dmarc --format {format} は使えません。md（変更チケット用）か json を指定するか、省略して端末向けの表を表示してください",
  },
  "dmarc.withRunFlags": {
    en: "report dmarc does not take {flag}: it reads DMARC reports, not a run's journal",
    ja: "report dmarc では {flag} を使えません。ジャーナルではなく DMARC レポートを読むコマンドです",
  },
  "dmarc.flagsWithoutDmarc": {
    en: "{flag} belongs to report dmarc (byodkim report dmarc {flag} …)",
    ja: "{flag} は report dmarc のオプションです（byodkim report dmarc {flag} …）",
  },
});

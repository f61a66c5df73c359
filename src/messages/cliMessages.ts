import { defineMessages } from "./section.js";

export const cliMessages = defineMessages({
  "input.noDomain": { en: "no domain given", ja: "ドメインが指定されていません" },
  "input.noDomain.hint": {
    en: "pass it (byodkim precheck goo.ne.jp) or set domain in the config file",
    ja: "引数で指定する（byodkim precheck goo.ne.jp）か、設定ファイルに domain を書いてください",
  },
  "input.badDomain": {
    en: "{domain} is not a valid domain name (letters, digits, inner hyphens; at least two labels)",
    ja: "{domain} はドメイン名として正しくありません（英数字とハイフンで書き、ハイフンはラベルの先頭と末尾に置けません。ラベルは 2 つ以上必要です）",
  },
  "input.badSelector": {
    en: "selector {selector} is not valid for SES: 1–63 letters, digits and inner hyphens",
    ja: "セレクタ {selector} は SES で使えません：英数字とハイフン（先頭と末尾を除く）で 1〜63 文字にしてください",
  },
  "input.badLang": { en: "--lang takes en or ja, not {lang}", ja: "--lang には en または ja を指定してください（{lang} は使えません）" },
  "cli.badLogFormat": {
    en: "--log-format takes text or json, not {value}",
    ja: "--log-format には text または json を指定してください（{value} は使えません）",
  },
  "cli.noRegion": { en: "no AWS region", ja: "AWS リージョンが指定されていません" },
  "cli.noRegion.hint": {
    en: "pass --region, set region in the config, or set AWS_REGION",
    ja: "--region を指定するか、設定ファイルの region または AWS_REGION を設定してください",
  },
  "cli.badRegion": {
    en: '{setting} is "{value}", which is not an AWS region name',
    ja: "{setting} の値「{value}」は AWS リージョン名ではありません",
  },
  "cli.badRegion.hint": {
    en: "write a region such as ap-northeast-1 (aws account list-regions lists them)",
    ja: "ap-northeast-1 のようなリージョン名を指定してください（一覧は aws account list-regions）",
  },
  "cli.noSuchProfile": {
    en: "AWS profile {profile} ({setting}) does not exist: it is in neither the shared config file {configFile} nor the shared credentials file {credentialsFile}",
    ja: "AWS プロファイル {profile}（{setting}）は存在しません：共有設定ファイル {configFile} にも共有認証情報ファイル {credentialsFile} にもありません",
  },
  "cli.noSuchProfile.hint": {
    en: "check the name (profiles there: {known}), or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at the files that hold it",
    ja: "名前を確認するか（そこにあるプロファイル：{known}）、AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE をそのプロファイルのあるファイルに向けてください",
  },
  "cli.noProfiles.hint": {
    en: "neither file holds any profile: create it (aws configure --profile {profile}, or aws configure sso), or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at the files that hold it",
    ja: "どちらのファイルにもプロファイルがありません：作成するか（aws configure --profile {profile} または aws configure sso）、AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE をそのプロファイルのあるファイルに向けてください",
  },
  "cli.usage": { en: "{detail}", ja: "{detail}" },
  "cli.interrupted": { en: "interrupted: nothing was changed", ja: "中断しました：何も変更していません" },
  "cli.signalled": { en: "stopped by {signal}: nothing was changed", ja: "{signal} により停止しました：何も変更していません" },
  "cli.stoppedAfterChange": {
    en: "stopped by {signal} after a change had ended: see its journal for what it did",
    ja: "変更の終了後に {signal} により停止しました：変更の内容はジャーナルを確認してください",
  },
  "cli.walkStopNoted": {
    en: "{signal}: the walk stops at this step and says what it changed (send {signal} again to stop at once)",
    ja: "{signal}：ウォークはこの手順で停止し、変更した内容を表示します（すぐに停止するにはもう一度 {signal} を送ってください）",
  },
  "cli.signalNoted": {
    en: "{signal}: finishing the call in flight, then stopping cleanly (send {signal} again to force)",
    ja: "{signal}：実行中の呼び出しを完了してから安全に停止します（強制終了はもう一度 {signal} を送ってください）",
  },
  "cli.hangupNoted": {
    en: "SIGHUP (the terminal or session closed): finishing the call in flight, then stopping cleanly; the journal tells how it ended",
    ja: "SIGHUP（端末またはセッションが閉じられました）：実行中の呼び出しを完了してから安全に停止します。結果はジャーナルに記録されます",
  },
  "cli.forcing": {
    en: "{signal} again: abandoning the call in flight, releasing the lock, stopping now",
    ja: "{signal} をもう一度受け取りました：実行中の呼び出しを打ち切り、ロックを解放して、ただちに停止します",
  },
  "cli.forcedUnreleased": {
    en: "Stopped by force; the lock could not be released in time. See where SES stands and who holds the lock: byodkim precheck",
    ja: "強制停止しました。ロックを時間内に解放できませんでした。SES の現状とロックの保持者を確認してください：byodkim precheck",
  },
  "cli.noCommand": { en: "no command given", ja: "コマンドが指定されていません" },
  "cli.nodeVersionNotice": {
    en: "Node {version} is past its end of life; byodkim works on it, but install Node {recommended}: the AWS SDK needs it from January 2027",
    ja: "Node {version} はサポートが終了しています。byodkim は動作しますが、Node {recommended} をインストールしてください（2027 年 1 月以降の AWS SDK に必要です）",
  },
  "cli.usage.hint": { en: "run byodkim --help for usage", ja: "使い方は byodkim --help で確認してください" },
  "cli.unexpected": { en: "unexpected error: {name}", ja: "予期しないエラー：{name}" },
  "cli.unexpected.hint": {
    en: "run again with --verbose for details, and report it",
    ja: "--verbose を付けて再実行し、詳細を報告してください",
  },
  "cli.error": { en: "error", ja: "エラー" },
  "cli.hint": { en: "what to do", ja: "対処" },

  "render.precheck.header": {
    en: "precheck {domain} · selector {selector} · region {region}",
    ja: "事前確認 {domain} · セレクタ {selector} · リージョン {region}",
  },
  "render.precheck.ready": {
    en: "Ready for BYODKIM: {passed} passed, {warned} warnings. Nothing was changed.",
    ja: "BYODKIM を有効化する準備ができています：OK {passed} 件、警告 {warned} 件。何も変更していません。",
  },
  "render.precheck.notReady": {
    en: "Not ready: {failed} failed, {passed} passed, {warned} warnings. Nothing was changed.",
    ja: "準備ができていません：NG {failed} 件、OK {passed} 件、警告 {warned} 件。何も変更していません。",
  },
  "render.precheck.alreadyActive": {
    en: "BYODKIM with this selector is already active: enable would be a no-op.",
    ja: "このセレクタの BYODKIM はすでに有効です。enable を実行しても何も変わりません。",
  },
  "render.precheck.alreadyActiveSummary": {
    en: "Already on BYODKIM with this selector: {passed} passed, {warned} warnings; enable would change nothing. Nothing was changed.",
    ja: "このセレクタの BYODKIM はすでに有効です：OK {passed} 件、警告 {warned} 件。enable を実行しても何も変わりません。何も変更していません。",
  },
  "render.spinner.checking": { en: "checking {gate}…", ja: "{gate} を確認中…" },
  "cli.badChangeId": {
    en: "--change-id {value} is not a change ticket id: up to 64 letters, digits and . _ : # / -, starting with a letter or digit",
    ja: "--change-id の {value} は変更チケット ID として使えません。英数字で始まり、英数字と記号（.、_、:、#、/、-）だけからなる 64 文字以内で指定してください",
  },
  "cli.badChangeId.hint": {
    en: "give the ticket's id as your change system shows it, e.g. --change-id CHG-1234",
    ja: "変更管理システムに表示されているチケット ID をそのまま指定してください（例：--change-id CHG-1234）",
  },
});

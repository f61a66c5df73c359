import { defineMessages } from "./section.js";

export const cliMessages = defineMessages({
  "input.noDomain": { en: "no domain given", ja: "ドメインが指定されていません" },
  "input.noDomain.hint": {
    en: "pass it (byodkim precheck goo.ne.jp) or set domain in the config file",
    ja: "引数で指定する（byodkim precheck goo.ne.jp）か、設定ファイルに domain を書いてください",
  },
  "input.badDomain": {
    en: "{domain} is not a valid domain name (letters, digits, inner hyphens; at least two labels)",
    ja: "{domain} はドメイン名として正しくありません（英数字と内側のハイフン、2 ラベル以上）",
  },
  "input.badSelector": {
    en: "selector {selector} is not valid for SES: 1–63 letters, digits and inner hyphens",
    ja: "セレクタ {selector} は SES で使えません：英数字と内側のハイフンで 1〜63 文字にしてください",
  },
  "input.badLang": { en: "--lang takes en or ja, not {lang}", ja: "--lang には en または ja を指定してください（{lang} は使えません）" },
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
    ja: "名前を確認するか（そこにあるプロファイル: {known}）、AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE をそのプロファイルのあるファイルに向けてください",
  },
  "cli.noProfiles.hint": {
    en: "neither file holds any profile: create it (aws configure --profile {profile}, or aws configure sso), or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at the files that hold it",
    ja: "どちらのファイルにもプロファイルがありません：作成するか（aws configure --profile {profile} または aws configure sso）、AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE をそのプロファイルのあるファイルに向けてください",
  },
  "cli.usage": { en: "{detail}", ja: "{detail}" },
  "cli.interrupted": { en: "interrupted: nothing was changed", ja: "中断しました：何も変更していません" },
  "cli.unexpected": { en: "unexpected error: {name}", ja: "予期しないエラー: {name}" },
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
    ja: "BYODKIM 有効化の準備ができています：合格 {passed}、警告 {warned}。何も変更していません。",
  },
  "render.precheck.notReady": {
    en: "Not ready: {failed} failed, {passed} passed, {warned} warnings. Nothing was changed.",
    ja: "準備ができていません：不合格 {failed}、合格 {passed}、警告 {warned}。何も変更していません。",
  },
  "render.precheck.alreadyActive": {
    en: "BYODKIM with this selector is already active: enable would be a no-op.",
    ja: "このセレクタの BYODKIM はすでに有効です：enable は何もしません。",
  },
  "render.spinner.checking": { en: "checking {gate}…", ja: "{gate} を確認中…" },
});

import { defineMessages } from "./section.js";

export const configMessages = defineMessages({
  "config.missing": { en: "no config file at {path}", ja: "設定ファイル {path} がありません" },
  "config.missing.fromEnv.hint": {
    en: 'BYODKIM_CONFIG names {path}: in a rehearsal shell whose sandbox has stopped, start one and run eval "$({command})" again; for real work, open a new shell (the eval also pointed the AWS endpoint, credentials and journal folder at the sandbox)',
    ja: 'BYODKIM_CONFIG が {path} を指しています。サンドボックスが停止したリハーサル用のシェルなら、サンドボックスを起動してから eval "$({command})" をもう一度実行してください。本番の作業には新しいシェルを開いてください（eval によって、このシェルの AWS エンドポイント・認証情報・ジャーナルの保存先もサンドボックスを向いています）',
  },
  "config.missing.hint": {
    en: "copy byodkim.config.example.yaml to byodkim.config.yaml and edit it, or pass --config <file>",
    ja: "byodkim.config.example.yaml を byodkim.config.yaml にコピーして編集するか、--config <file> を指定してください",
  },
  "config.unreadable": { en: "cannot read {path} ({reason})", ja: "{path} を読めません（{reason}）" },
  "config.notYaml": { en: "{path} is not valid YAML (line {line})", ja: "{path} は正しい YAML ではありません（{line} 行目）" },
  "config.invalid": {
    en: "{path}: {key} must be {expected}",
    ja: "{path}：{key} の値が正しくありません（想定：{expected}）",
  },
  "config.invalidAndMore": {
    en: "{path}: {key} must be {expected} (and {more} more problems)",
    ja: "{path}：{key} の値が正しくありません（想定：{expected}）。ほかに {more} 件の問題があります",
  },
});

import { defineMessages } from "./section.js";

export const journalMessages = defineMessages({
  "journal.tornLine": {
    en: "journal {path}: its last line is incomplete (a run stopped while writing it) and was skipped",
    ja: "ジャーナル {path}：最後の行が途中で切れているため（書き込み中に実行が止まったもの）、読み飛ばしました",
  },
  "journal.badLine": {
    en: "journal {path}: line {line} is not a journal entry and was skipped",
    ja: "ジャーナル {path}：{line} 行目はジャーナルの記録として読めないため、読み飛ばしました",
  },
  "journal.unreadable": {
    en: "journal {path} could not be read and was skipped",
    ja: "ジャーナル {path} を読めなかったため、読み飛ばしました",
  },
  "journal.skippedNotRegular": {
    en: "journal {path} is not a regular file ({kind}) and was skipped: byodkim reads only journals it wrote",
    ja: "ジャーナル {path} は通常のファイルではないため（{kind}）、読み飛ばしました。byodkim は自分が書いたジャーナルしか読みません",
  },
  "journal.folderIsLink": {
    en: "the journal folder {path} is a symbolic link (to {real}); byodkim writes its journals only into a folder named by its own path",
    ja: "ジャーナルのフォルダ {path} はシンボリックリンクです（リンク先 {real}）。byodkim はジャーナルを、リンクではない実際のパスで指定されたフォルダにしか書きません",
  },
  "journal.folderIsLink.hint": {
    en: "pass the real folder instead: BYODKIM_JOURNAL_DIR={real} (or journal.dir in the config)",
    ja: "実際のフォルダを指定してください：BYODKIM_JOURNAL_DIR={real}（または設定の journal.dir）",
  },
  "journal.notWritable": {
    en: "the journal folder {directory} cannot be written; nothing was changed",
    ja: "ジャーナルのフォルダ {directory} に書き込めません。何も変更していません",
  },
  "journal.notWritable.hint": {
    en: "make it writable, or choose another folder with BYODKIM_JOURNAL_DIR or journal.dir in the config",
    ja: "書き込めるようにするか、BYODKIM_JOURNAL_DIR または設定の journal.dir で別のフォルダを指定してください",
  },
  "journal.notRegular": {
    en: "the journal {path} is not a regular file ({kind}); byodkim writes its journal only to a file of its own",
    ja: "ジャーナル {path} は通常のファイルではありません（{kind}）。byodkim はジャーナルを自分のファイルにしか書きません",
  },
  "journal.notRegular.hint": {
    en: "remove what is at that path, or choose another folder with BYODKIM_JOURNAL_DIR or journal.dir in the config",
    ja: "そのパスにあるものを取り除くか、BYODKIM_JOURNAL_DIR または設定の journal.dir で別のフォルダを指定してください",
  },
  "journal.noHome": {
    en: "HOME is empty or not an absolute path ({home}), so there is no folder for the run journals",
    ja: "HOME が空か絶対パスではないため（{home}）、実行ジャーナルの置き場所がありません",
  },
  "journal.noHome.hint": {
    en: "set HOME, or choose the folder with BYODKIM_JOURNAL_DIR or journal.dir in the config",
    ja: "HOME を設定するか、BYODKIM_JOURNAL_DIR または設定の journal.dir でフォルダを指定してください",
  },
  "journal.mirror.putFailed": {
    en: "the journal could not be copied to s3://{bucket}/{key}; the change is not affected and the journal on this machine is complete",
    ja: "ジャーナルを s3://{bucket}/{key} にコピーできませんでした。変更には影響なく、このマシンのジャーナルはすべて残っています",
  },
  "journal.mirror.unfinished": {
    en: "the journal's copy in s3://{bucket}/{prefix} was still being written when the run ended; the journal on this machine is complete",
    ja: "実行の終了時点で、s3://{bucket}/{prefix} へのジャーナルのコピーがまだ終わっていませんでした。このマシンのジャーナルはすべて残っています",
  },
  "journal.mirror.listFailed": {
    en: "the mirrored journals in s3://{bucket}/{prefix} could not be listed; only the journals on this machine were read",
    ja: "s3://{bucket}/{prefix} にあるジャーナルのコピーを一覧できませんでした。このマシンのジャーナルだけを読みました",
  },
  "journal.mirror.getFailed": {
    en: "the mirrored journal s3://{bucket}/{key} could not be read; it was left out",
    ja: "ジャーナルのコピー s3://{bucket}/{key} を読めなかったため、除外しました",
  },
  "journal.mirror.recallSlow": {
    en: "bucket {bucket} was slow to give the mirrored journals; byodkim went on with the journals it had",
    ja: "バケット {bucket} からのジャーナルのコピーの取得に時間がかかったため、手元にあるジャーナルで続けました",
  },
  "journal.mirror.folderUnusable": {
    en: "the mirrored journals of bucket {bucket} could not be copied into the journal folder {directory}; only the journals there were read",
    ja: "バケット {bucket} のジャーナルのコピーをジャーナルのフォルダ {directory} に置けなかったため、そこにあるジャーナルだけを読みました",
  },
});

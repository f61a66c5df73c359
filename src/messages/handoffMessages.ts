import { defineMessages } from "./section.js";

/** How a published DKIM record went wrong between the hand-off and the DNS console; one sentence each, with the fix. */
export const handoffMessages = defineMessages({
  "handoff.zoneTwice": {
    en: "the record is at {found}: the DNS console added the zone a second time; publish it at {name} (most consoles want only {relative} in the name field)",
    ja: "レコードが {found} に設定されています：DNS コンソールがゾーン名を二重に付けています。{name} に設定し直してください（多くのコンソールでは名前の欄に {relative} だけを入力します）",
  },
  "handoff.noDomainkey": {
    en: "the record is at {found}, without ._domainkey: publish it at {name}",
    ja: "レコードが ._domainkey の付かない {found} に設定されています：{name} に設定し直してください",
  },
  "handoff.quoted": {
    en: 'the record at {name} was pasted with its quotes inside (the TXT value contains " characters): publish the value without them, since the quotes are zone-file syntax, not part of the value',
    ja: '{name} のレコードが引用符ごと貼り付けられています（TXT の値に " が含まれています）：引用符はゾーンファイルの書式で値の一部ではないため、外して設定し直してください',
  },
  "handoff.escaped": {
    en: "the record at {name} was pasted with \\; escapes inside (the TXT value contains backslashes): publish it with plain semicolons",
    ja: "{name} のレコードが \\; のエスケープごと貼り付けられています（TXT の値にバックスラッシュが含まれています）：バックスラッシュを外し、セミコロンだけにして設定し直してください",
  },
  "handoff.quotedAndEscaped": {
    en: 'the record at {name} was pasted in zone-file syntax, with its quotes and \\; escapes inside: publish the bare value, without " and backslashes',
    ja: '{name} のレコードがゾーンファイルの書式のまま（引用符と \\; のエスケープごと）貼り付けられています：" とバックスラッシュを外した値だけを設定し直してください',
  },
  "handoff.cutAt255": {
    en: "the record at {name} was cut at {length} characters: only the first part of the value was published; publish all of it (a 2048-bit key needs two or more strings of at most 255 characters)",
    ja: "{name} のレコードが {length} 文字で途切れています：値の先頭部分しか設定されていません。値全体を設定し直してください（2048 ビット鍵は 255 文字以下の文字列 2 つ以上に分ける必要があります）",
  },
});

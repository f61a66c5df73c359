import { defineMessages } from "./section.js";

export const enableMessages = defineMessages({
  "enable.confirm": {
    en: "Type the domain name ({domain}) to switch it to BYODKIM:",
    ja: "BYODKIM に切り替えるにはドメイン名（{domain}）を入力してください：",
  },
  "enable.badWait": {
    en: "--wait takes a whole number of seconds from 0 to {max}, not {value}",
    ja: "--wait には 0 から {max} までの秒数（整数）を指定してください（{value} は指定できません）",
  },
  "enable.dkimState": {
    en: "origin {origin}, signing {signing}, tokens {tokens}, status {status}",
    ja: "オリジン {origin}、署名{signing}、トークン {tokens}、ステータス {status}",
  },
  "enable.dkimUnknown": { en: "unknown (SES could not be read)", ja: "不明（SES を読み取れませんでした）" },
  "enable.plan.title": { en: "Plan: switch {domain} to BYODKIM", ja: "計画：{domain} を BYODKIM に切り替える" },
  "enable.plan.after": { en: "after", ja: "変更後" },
  "enable.plan.afterValue": {
    en: "origin EXTERNAL, selector {selector}, RSA {bits}-bit, public key {fingerprint}, signing on",
    ja: "オリジン EXTERNAL、セレクタ {selector}、RSA {bits} ビット、公開鍵 {fingerprint}、署名有効",
  },
  "enable.plan.rollback": { en: "rollback", ja: "ロールバック" },
  // Plans journaled before the rollback row said what each --to does: the report still reads them.
  "enable.plan.rollbackValue": {
    en: "byodkim rollback {domain} restores:",
    ja: "byodkim rollback {domain} で次の状態に戻します：",
  },
  "enable.plan.risk": { en: "risk", ja: "リスク" },
  "enable.plan.riskValue": {
    en: "while the switch is PENDING, SES may send mail signed only by amazonses.com, not {domain}; every nameserver already serves the key, so the wait should be short",
    ja: "切り替えが PENDING の間、SES は {domain} ではなく amazonses.com の署名だけでメールを送ることがあります。すでに全ネームサーバが公開鍵を返しているため、この時間は短いはずです",
  },
  "enable.summary.alreadyActive": {
    en: "BYODKIM with selector {selector} is already active on {domain}: nothing to do.",
    ja: "{domain} ではセレクタ {selector} の BYODKIM がすでに有効です：何もすることはありません。",
  },
  "enable.summary.enabled": {
    en: "BYODKIM is enabled on {domain} with selector {selector}: SES reports SUCCESS and signing is on.",
    ja: "{domain} でセレクタ {selector} の BYODKIM を有効にしました：SES のステータスは SUCCESS、署名は有効です。",
  },
  "enable.next": { en: "Next: byodkim verify {domain}", ja: "次の手順：byodkim verify {domain}" },
  "confirm.noAnswer": { en: "no answer to the confirmation: nothing was changed", ja: "確認への回答がありませんでした：何も変更していません" },
  "cli.interruptNoted": {
    en: "Ctrl-C: finishing the call in flight, then stopping cleanly (press again to force)",
    ja: "Ctrl-C：実行中の呼び出しを完了してから安全に停止します（強制終了はもう一度押してください）",
  },
  "lock.held": {
    en: "another change is running: {command} by {owner} on {host} (pid {pid}) since {startedAt} (lock expires {expiresAt})",
    ja: "別の変更が実行中です：{owner} が {host}（pid {pid}）で {startedAt} から実行している {command}（ロックの期限 {expiresAt}）",
  },
  "lock.held.hint": {
    en: "wait for it to finish; if that run is known to be dead, run again with --force-unlock",
    ja: "完了を待ってください。その実行が止まっていると確かな場合に限り、--force-unlock を付けて再実行してください",
  },
  "lock.unreadable.notJson": {
    en: "the change lock {location} is not JSON: byodkim cannot tell whether a run holds it, so it is treated as held",
    ja: "変更ロック {location} が JSON ではありません：実行中の変更が保持しているか判断できないため、保持中として扱います",
  },
  "lock.unreadable.notObject": {
    en: "the change lock {location} is JSON but not a lock record: byodkim cannot tell whether a run holds it, so it is treated as held",
    ja: "変更ロック {location} は JSON ですがロックの記録ではありません：実行中の変更が保持しているか判断できないため、保持中として扱います",
  },
  "lock.unreadable.badExpiry": {
    en: "the change lock {location} ({command} on {host}, pid {pid}) has an expiry that is not a date ({expiresAt}): byodkim cannot tell whether that run is alive, so it is treated as held",
    ja: "変更ロック {location}（{host}、pid {pid} の {command}）の期限が日時ではありません（{expiresAt}）：その実行が生きているか判断できないため、保持中として扱います",
  },
  "lock.lostRace": {
    en: "another change took the lock {location} at the same moment",
    ja: "同時に別の変更がロック {location} を取得しました",
  },
  "lock.taken": {
    en: "the change lock is now held by {command} of {owner} on {host} (pid {pid}), started {startedAt}",
    ja: "変更ロックは現在 {owner}（{host}、pid {pid}）の {command} が保持しています（{startedAt} 開始）",
  },
  "lock.gone": {
    en: "this run no longer holds the change lock {location}: it was removed or overwritten",
    ja: "この実行は変更ロック {location} をもう保持していません：削除されたか上書きされました",
  },
  "state.notJson": { en: "secret {secretId} is not a JSON object", ja: "シークレット {secretId} が JSON オブジェクトではありません" },
  "state.missing": { en: "secret {secretId} does not exist", ja: "シークレット {secretId} が存在しません" },
  "state.concurrentWriter": {
    en: "secret {secretId} kept changing under another writer; the state was not written",
    ja: "シークレット {secretId} が別の書き込みにより変更され続けたため、状態を書き込めませんでした",
  },
});

import { defineMessages } from "./section.js";

/** What the guarded-change pipeline says, the same for every mutating command. */
export const changeMessages = defineMessages({
  "change.rechecking": { en: "checking every gate again before the change", ja: "変更前にすべてのゲートを再確認しています" },
  "change.calling": { en: "calling {call}", ja: "{call} を実行しています" },
  "change.skipping": { en: "{call}: SES already has this setting; not called", ja: "{call}：SES はすでにこの設定のため、呼び出しません" },
  "change.waiting": { en: "waiting for SES to verify the DKIM record", ja: "SES が DKIM レコードを検証するのを待っています" },
  "change.dkimStatus.waiting": {
    en: "waiting for SES: {status} · {elapsed} of {limit}",
    ja: "SES の検証を待っています：{status}（{elapsed} 経過／上限 {limit}）",
  },
  "change.dkimStatus.waitingError": {
    en: "waiting for SES: {status}, SES reports {errorType} · {elapsed} of {limit}",
    ja: "SES の検証を待っています：{status}、SES の報告は {errorType}（{elapsed} 経過／上限 {limit}）",
  },
  "change.dkimStatus.settled": {
    en: "SES answered {status} after {elapsed} (limit {limit})",
    ja: "{elapsed} で SES の結果が {status} になりました（上限 {limit}）",
  },
  "change.dkimStatus.settledError": {
    en: "SES answered {status} after {elapsed}, reporting {errorType} (limit {limit})",
    ja: "{elapsed} で SES の結果が {status} になりました。SES の報告は {errorType} です（上限 {limit}）",
  },
  "change.noLock": {
    en: "the change lock could not be taken (its S3 object cannot be read or written); going ahead without it",
    ja: "変更ロックを取得できませんでした（S3 のロックオブジェクトを読み書きできません）。ロックなしで続行します",
  },
  "change.lockFromDeadRun": {
    en: "took over the change lock of {command} (pid {pid} on {host}, this host): that process no longer exists, so it would never have released it",
    ja: "{command}（このホスト {host} の pid {pid}）の変更ロックを引き継ぎました：そのプロセスはもう存在せず、ロックを解放することはないためです",
  },
  "change.anotherRun.ses": {
    en: "SES no longer shows what this run set (origin {origin}, selector {selector}, signing {signing})",
    ja: "SES はもう、この実行が設定した状態ではありません（オリジン {origin}、セレクタ {selector}、署名{signing}）",
  },
  "change.anotherRun.hint": {
    en: "this run recorded nothing: read SES and the state record, and the other run's journal, before running byodkim again",
    ja: "この実行は何も記録していません：byodkim を再実行する前に、SES と状態レコード、もう一方の実行のジャーナルを確認してください",
  },
  "change.answerLostButReached": {
    en: "{call}: the call's answer was lost; SES shows the target; the change is complete",
    ja: "{call} の応答は失われましたが、SES は目標の設定になっています。変更は完了しています",
  },
  "change.failedButReached": {
    en: "{call} reported a failure, but SES shows the target settings: the change went through",
    ja: "{call} は失敗を返しましたが、SES は目標の設定になっています：変更は反映されています",
  },
  "change.stateNotRecorded": {
    en: "SES is changed, but {secretId} was NOT updated: record it there by hand, or run the command again",
    ja: "SES は変更済みですが、{secretId} は更新されていません：手動で記録するか、コマンドを再実行してください",
  },
  "change.unexpectedFailure": { en: "{call} failed unexpectedly", ja: "{call} が予期せず失敗しました" },
  "change.noKey": { en: "the private key for selector {selector} is not loaded", ja: "セレクタ {selector} の秘密鍵が読み込まれていません" },
  "change.intent.external": { en: "EXTERNAL, selector {selector}, key", ja: "EXTERNAL、セレクタ {selector}、鍵" },
  "change.intent.easy": { en: "Easy DKIM, origin AWS_SES", ja: "Easy DKIM、オリジン AWS_SES" },
  "change.intent.signing": { en: "SigningEnabled {enabled}", ja: "SigningEnabled {enabled}" },
  "change.intent.writeKey": {
    en: "new private key to {location}, only if nothing is there (If-None-Match: *)",
    ja: "新しい秘密鍵を {location} に書き込む。If-None-Match: * により、既存のオブジェクトは上書きしない",
  },
  "change.intent.tagKey": { en: "tag {location} as {status}", ja: "{location} に {status} のタグを付ける" },
  "change.intent.deleteKey": { en: "delete {location}", ja: "{location} を削除する" },
  "change.plan.where": { en: "where", ja: "対象" },
  "change.plan.whereValue": { en: "account {account} as {arn}, region {region}", ja: "アカウント {account}（{arn}）、リージョン {region}" },
  "change.plan.now": { en: "now", ja: "現在" },
  "change.plan.calls": { en: "calls", ja: "API 呼び出し" },
  "change.plan.noChange": { en: "no change (SES already has it), not called", ja: "SES はすでにこの設定のため、呼び出しません" },
  "change.plan.objects.noChange": { en: "no change (the object already is so), not called", ja: "オブジェクトはすでにこの状態のため、呼び出しません" },
  "change.objects.skipping": { en: "{call}: the object already is so; not called", ja: "{call}：オブジェクトはすでにこの状態のため、呼び出しません" },
  "change.lockLeft": {
    en: "the change lock s3://{bucket}/{key} could not be released: another change is refused until it expires at {expiresAt} (or use --force-unlock)",
    ja: "変更ロック s3://{bucket}/{key} を解放できませんでした：{expiresAt} に期限が切れるまで、ほかの変更は拒否されます（すぐに解除するには --force-unlock）",
  },
  "change.plan.record": { en: "record", ja: "記録" },
  "change.plan.recordOnly": {
    en: "SES already has the target settings: only the state record will be written",
    ja: "SES はすでに目標の設定です：状態レコードの書き込みのみ行います",
  },
  "change.plan.objects.recordOnly": {
    en: "the key object in S3 is already as this change would leave it: only the state record will be written",
    ja: "S3 の鍵オブジェクトはすでにこの変更後の状態です：状態レコードの書き込みのみ行います",
  },
  "change.plan.recordOnlyEarlier": {
    en: "SES already has the target settings: only the state record will be written, completing the earlier run in {journal}",
    ja: "SES はすでに目標の設定です：状態レコードのみ書き込み、{journal} の以前の実行を完了させます",
  },
  "change.plan.completesEarlier": {
    en: "makes the calls an earlier run left undone (its journal: {journal})",
    ja: "以前の実行で未完了の呼び出しを行います（そのジャーナル：{journal}）",
  },
  "change.plan.recordsEarlier": {
    en: "the earlier run in {journal} made its calls but did not write its record: its calls went through, and only its record is written now, with this run's",
    ja: "{journal} の以前の実行は呼び出しを終えましたが記録を書き込めませんでした：その呼び出しは完了しており、今回は記録だけをこの実行の記録と共に書き込みます",
  },
  "change.call.ok": { en: "{call}: done (request {requestId})", ja: "{call}：完了（リクエスト {requestId}）" },
  "change.call.failed": { en: "{call}: failed", ja: "{call}：失敗" },
  "change.call.skipped": { en: "{call}: not called (no change needed)", ja: "{call}：変更が不要なため、呼び出していません" },
  "change.call.answerLost": { en: "{call}: answer lost, SES shows the target", ja: "{call}：応答は失われましたが、SES は目標の設定になっています" },
  "change.call.failedButReached": {
    en: "{call}: answered with an error, SES shows the target",
    ja: "{call}：エラーが返りましたが、SES は目標の設定になっています",
  },
  "change.sesNow": { en: "SES now", ja: "現在の SES" },
  "change.elapsed": { en: "{seconds} s from confirmation to the last call", ja: "確認から最後の呼び出しまで {seconds} 秒" },
  "change.dnsRecords": { en: "records for the DNS team:", ja: "DNS チームに依頼するレコード：" },
  "change.undoHint": { en: "To undo: {command}", ja: "元に戻すには：{command}" },
  "change.finishRollbackHint": {
    en: "The rollback is not finished: once the cause is fixed, finish it: {command} (it makes the calls still needed, and repeats one whose verification SES gave up on)",
    ja: "ロールバックは完了していません。原因を解消したら、次のコマンドで完了させてください：{command}（まだ必要な呼び出しを行い、SES が検証を打ち切った呼び出しはやり直します）",
  },
  "change.finishHint": {
    en: "Or, once the cause is fixed, finish it: {command} (it makes the calls still needed, and repeats one whose verification SES gave up on)",
    ja: "または、原因を解消したら次のコマンドで完了させてください：{command}（まだ必要な呼び出しを行い、SES が検証を打ち切った呼び出しはやり直します）",
  },
  "change.journal": { en: "journal: {path}", ja: "ジャーナル：{path}" },
  "change.summary.gatesFailed": {
    en: "{command} refused: a gate failed. Nothing was changed.",
    ja: "{command} を中止しました：NG のゲートがあります。何も変更していません。",
  },
  "change.plan.rollbackPrevious": {
    en: "byodkim rollback {domain} (--to previous, the default):",
    ja: "byodkim rollback {domain}（--to previous、既定）の場合",
  },
  "change.plan.rollbackDisable": { en: "byodkim rollback {domain} --to disable:", ja: "byodkim rollback {domain} --to disable の場合" },
  "change.plan.rollbackEasyDkim": { en: "byodkim rollback {domain} --to easy-dkim:", ja: "byodkim rollback {domain} --to easy-dkim の場合" },
  "change.summary.upToDate": {
    en: "{domain} is already as {command} would leave it, and the state record says so: nothing to do.",
    ja: "{domain} はすでに {command} 後の状態で、状態レコードにも記録されています：何もすることはありません。",
  },
  "change.summary.dryRun": { en: "Dry run: stopped after the plan. Nothing was changed.", ja: "ドライラン：計画の表示で終了しました。何も変更していません。" },
  "change.summary.declined": {
    en: "Declined: the domain name was not typed. Nothing was changed.",
    ja: "中止しました：ドメイン名が入力されませんでした。何も変更していません。",
  },
  "change.summary.declinedMistyped": {
    en: 'Declined: you typed "{typed}", expected "{expected}". Nothing was changed.',
    ja: "中止しました：「{expected}」ではなく「{typed}」と入力されました。何も変更していません。",
  },
  "change.summary.declinedEmpty": {
    en: 'Declined: nothing was typed, expected "{expected}". Nothing was changed.',
    ja: "中止しました：何も入力されませんでした（「{expected}」と入力する必要があります）。何も変更していません。",
  },
  "change.summary.declinedHidden": {
    en: 'Declined: you typed {count} characters (not shown), expected "{expected}". Nothing was changed.',
    ja: "中止しました：「{expected}」ではなく、{count} 文字の別の文字列（表示しません）が入力されました。何も変更していません。",
  },
  "change.summary.recheckFailed": {
    en: "{command} refused: the gates changed while waiting at the prompt. Nothing was changed.",
    ja: "{command} を中止しました：確認を待つ間にゲートの結果が変わりました。何も変更していません。",
  },
  "change.summary.lockHeld": {
    en: "{command} refused: another change holds the lock. Nothing was changed.",
    ja: "{command} を中止しました：別の変更がロックを保持しています。何も変更していません。",
  },
  "change.summary.changedByAnotherRun": {
    en: "{command} stopped: another run changed {domain} while this one was running. Nothing was recorded.",
    ja: "{command} を中止しました：実行中に別の実行が {domain} を変更しました。何も記録していません。",
  },
  "change.summary.completed": { en: "{command} completed on {domain}.", ja: "{domain} の {command} が完了しました。" },
  "change.summary.recordedOnly": {
    en: "SES already had the target settings: {command} wrote only the state record for {domain}.",
    ja: "SES はすでに目標の設定でした：{command} は {domain} の状態レコードのみ書き込みました。",
  },
  "change.summary.recordedEarlier": {
    en: "SES already had the target settings: {command} recorded them, completing the earlier run in {journal}.",
    ja: "SES はすでに目標の設定でした：{command} が記録し、{journal} の以前の実行を完了させました。",
  },
  "change.summary.failedDuringChange": {
    en: "The change failed part-way: SES is partly changed.",
    ja: "変更の途中で失敗しました：SES は一部だけ変更されています。",
  },
  "change.summary.failedDuringChange.nothingChanged": {
    en: "The change failed before SES changed: SES is exactly as before, nothing to undo.",
    ja: "SES を変更する前に失敗しました：SES は変更前のままで、元に戻す必要はありません。",
  },
  "change.summary.failedDuringChange.unknown": {
    en: "The change failed, and SES could not be read afterwards: treat it as partly changed.",
    ja: "変更が失敗し、その後 SES を読み取れませんでした：一部変更されたものとして扱ってください。",
  },
  "change.summary.recordFailed": {
    en: "SES has the new settings, but the state record could not be written. To record it, run: {finish}",
    ja: "SES は新しい設定になりましたが、状態レコードを書き込めませんでした。記録するには次を実行してください：{finish}",
  },
  "change.summary.verificationFailed": {
    en: "SES could not verify the DKIM record ({errorType}): DKIM verification FAILED.",
    ja: "SES が DKIM レコードを検証できませんでした（{errorType}）：DKIM 検証は FAILED です。",
  },
  "change.summary.timedOut": {
    en: "SES had not verified the DKIM record when the wait ran out (last error: {errorType}).",
    ja: "待機時間内に SES が DKIM レコードを検証しませんでした（最後のエラー：{errorType}）。",
  },
  "change.summary.objects.recordedOnly": {
    en: "The key object in S3 was already as {command} would leave it: {command} wrote only the state record for {domain}.",
    ja: "S3 の鍵オブジェクトはすでに {command} 後の状態でした：{command} は {domain} の状態レコードのみ書き込みました。",
  },
  "change.summary.objects.failedDuringChange": {
    en: "The change failed part-way: some of its changes to the key object in S3 were made.",
    ja: "変更の途中で失敗しました：S3 の鍵オブジェクトへの変更は一部だけ行われています。",
  },
  "change.summary.objects.failedDuringChange.nothingChanged": {
    en: "The change failed before anything changed: the key object in S3 is as before, nothing to undo.",
    ja: "何も変更しないうちに失敗しました：S3 の鍵オブジェクトは変更前のままで、元に戻す必要はありません。",
  },
  "change.summary.objects.failedDuringChange.unknown": {
    en: "The change failed, and the key object could not be read afterwards: treat it as partly changed.",
    ja: "変更が失敗し、その後鍵オブジェクトを読み取れませんでした：一部変更されたものとして扱ってください。",
  },
  "change.summary.objects.interrupted": {
    en: "Interrupted after the call in flight finished: some of the changes to the key object in S3 were made.",
    ja: "実行中の呼び出しの完了後に中断しました：S3 の鍵オブジェクトへの変更は一部だけ行われています。",
  },
  "change.summary.objects.interrupted.nothingChanged": {
    en: "Interrupted before anything changed: the key object in S3 is as before.",
    ja: "何も変更しないうちに中断しました：S3 の鍵オブジェクトは変更前のままです。",
  },
  "change.summary.objects.interrupted.unknown": {
    en: "Interrupted, and the key object could not be read afterwards: treat it as partly changed.",
    ja: "中断しましたが、その後鍵オブジェクトを読み取れませんでした：一部変更されたものとして扱ってください。",
  },
  "change.summary.interrupted": { en: "Interrupted after the call in flight finished.", ja: "実行中の呼び出しの完了後に中断しました。" },
  "change.summary.interrupted.nothingChanged": {
    en: "Interrupted before SES changed: SES is exactly as before.",
    ja: "SES を変更する前に中断しました：SES は変更前のままです。",
  },
  "change.summary.interrupted.unknown": {
    en: "Interrupted, and SES could not be read afterwards: treat it as partly changed.",
    ja: "中断しましたが、その後 SES を読み取れませんでした：一部変更されたものとして扱ってください。",
  },
  "change.abandoned.call": {
    en: "Stopped by force while {call} was in flight: whether SES took it is unknown. See where SES stands: byodkim precheck {domain}",
    ja: "{call} の実行中に強制停止しました：SES に反映されたかは不明です。SES の現状を確認してください：byodkim precheck {domain}",
  },
  "change.abandoned": {
    en: "Stopped by force before the change finished: SES may be partly changed. See where SES stands: byodkim precheck {domain}",
    ja: "変更の完了前に強制停止しました：SES は一部だけ変更されている可能性があります。SES の現状を確認してください：byodkim precheck {domain}",
  },
  "change.dryRunReport": {
    en: "For the change ticket, this dry run's gates and plan as a report: byodkim report {runId}",
    ja: "変更チケットに添付する報告書（このドライランのゲートと計画）：byodkim report {runId}",
  },
});

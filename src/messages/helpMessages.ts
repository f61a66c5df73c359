import { defineMessages } from "./section.js";

/**
 * `--help` in the operator's language: command and option descriptions, and commander's own headings.
 * The CLI wiring reads this section alone (not the whole catalogue), so `--help` stays as light as commander.
 */
export const helpMessages = defineMessages({
  "help.program": {
    en: "Switch an Amazon SES domain identity to Bring Your Own DKIM safely, check it, and roll it back.",
    ja: "Amazon SES のドメイン ID を安全に BYODKIM（Bring Your Own DKIM）へ切り替え、確認し、ロールバックします。",
  },
  "help.afterError": {
    en: "(run byodkim --help for usage)",
    ja: "（使い方は byodkim --help で確認してください）",
  },
  "help.exitCodes": {
    en: "\nExit codes: 0 ok · 1 a gate or check failed (nothing changed) · 2 usage, config or input error ·\n3 declined · 4 AWS failure during a change (state journaled) ·\n5 SES changed but not confirmed (verification FAILED, the wait ran out, or another run changed it; state journaled) ·\n130 interrupted (Ctrl-C) · 143 SIGTERM · 129 SIGHUP (a change under way stops cleanly first)",
    ja: "\n終了コード：\n  0    正常\n  1    ゲートまたはチェックが NG（何も変更していません）\n  2    使い方・設定・入力の誤り\n  3    確認で中止\n  4    変更中の AWS エラー（状態はジャーナルに記録）\n  5    SES は変更したが完了を確認できていない（検証が FAILED、待機時間切れ、\n       または別の実行による変更。状態はジャーナルに記録）\n  130  中断（Ctrl-C）\n  143  SIGTERM\n  129  SIGHUP（変更の実行中なら、安全に停止してから終了）",
  },
  "help.version": {
    en: "output the version number",
    ja: "バージョンを表示します",
  },
  "help.helpOption": {
    en: "display help for command",
    ja: "コマンドのヘルプを表示します",
  },
  "help.title.usage": {
    en: "Usage:",
    ja: "使い方：",
  },
  "help.title.arguments": {
    en: "Arguments:",
    ja: "引数：",
  },
  "help.title.options": {
    en: "Options:",
    ja: "オプション：",
  },
  "help.title.globalOptions": {
    en: "Global Options:",
    ja: "共通オプション：",
  },
  "help.title.commands": {
    en: "Commands:",
    ja: "コマンド：",
  },
  "help.default": {
    en: "default: {value}",
    ja: "既定：{value}",
  },
  "help.error.unknownOption": {
    en: "error: unknown option '{option}'",
    ja: "エラー：{option} というオプションはありません",
  },
  "help.error.unknownCommand": {
    en: "error: unknown command '{command}'",
    ja: "エラー：{command} というコマンドはありません",
  },
  "help.error.missingArgument": {
    en: "error: missing required argument '{name}'",
    ja: "エラー：引数 {name} を指定してください",
  },
  "help.error.optionArgumentMissing": {
    en: "error: option '{option}' argument missing",
    ja: "エラー：オプション {option} に値を指定してください",
  },
  "help.error.tooManyArguments": {
    en: "error: too many arguments: expected {expected}, got {received}",
    ja: "エラー：引数が多すぎます（指定できるのは {expected} 個で、{received} 個指定されています）",
  },
  "help.error.didYouMean": {
    en: "(Did you mean {suggestion}?)",
    ja: "（{suggestion} のことですか？）",
  },
  "help.option.changeId": {
    en: "the change ticket this run belongs to: journaled, reported, sent with the notices, recorded in the state",
    ja: "この実行が属する変更チケットの ID。ジャーナル・レポート・通知・状態シークレットに記録します",
  },
  "help.option.plan": {
    en: "the approved plan this change runs under (its id, 8+ characters of it, or its file): required when the config's approvals.required is above 0",
    ja: "この変更の根拠となる承認済みプラン（ID、ID の先頭 8 文字以上、またはプランのファイル）。設定の approvals.required が 1 以上の場合は必須です",
  },
  "help.option.config": {
    en: "config file",
    ja: "設定ファイル",
  },
  "help.option.configDefault": {
    en: "$BYODKIM_CONFIG, else {path}",
    ja: "$BYODKIM_CONFIG、なければ {path}",
  },
  "help.option.configFromEnv": {
    en: "BYODKIM_CONFIG: {path}",
    ja: "BYODKIM_CONFIG の {path}",
  },
  "help.option.region": {
    en: "AWS region (default: config, then AWS_REGION)",
    ja: "AWS リージョン（既定：設定ファイルの region、なければ AWS_REGION）",
  },
  "help.option.profile": {
    en: "AWS profile from the shared config files",
    ja: "共有設定ファイルにある AWS プロファイル",
  },
  "help.option.dnsServer": {
    en: "ask this nameserver instead of discovering the zone's (repeatable)",
    ja: "ゾーンのネームサーバを探す代わりに、このネームサーバに問い合わせます（複数指定可）",
  },
  "help.option.json": {
    en: "print one JSON document on stdout and nothing else there",
    ja: "標準出力には JSON ドキュメントを 1 つだけ出力します",
  },
  "help.option.yes": {
    en: "answer yes to confirmations (only when every gate passes)",
    ja: "確認に yes と答えます（すべてのゲートが OK のときのみ）",
  },
  "help.option.lang": {
    en: "language of messages: en or ja (default: from LANG)",
    ja: "メッセージの言語：en または ja（既定：LANG から判断）",
  },
  "help.option.logFormat": {
    en: "how steps are logged on stderr: text (default) or json, one JSON line a step (for CloudWatch Logs)",
    ja: "標準エラー出力へのステップの記録形式：text（既定）または json（1 ステップ 1 行の JSON。CloudWatch Logs 向け）",
  },
  "help.option.noColor": {
    en: "no colour, whatever the terminal",
    ja: "端末にかかわらず色を付けません",
  },
  "help.option.verbose": {
    en: "show the AWS SDK's own message for AWS failures, and stack traces of unexpected errors",
    ja: "AWS のエラーでは AWS SDK 自身のメッセージを、予期しないエラーではスタックトレースを表示します",
  },
  "help.arg.domain": {
    en: "the SES domain identity (default: domain in the config)",
    ja: "SES のドメイン ID（既定：設定ファイルの domain）",
  },
  "help.option.selector": {
    en: "DKIM selector (default: the newest key in S3)",
    ja: "DKIM セレクタ（既定：S3 にある最新の鍵）",
  },
  "help.option.dryRun": {
    en: "stop after the plan; change nothing",
    ja: "計画を表示して終了します（何も変更しません）",
  },
  "help.option.wait": {
    en: "how long to wait for SES to report SUCCESS",
    ja: "SES が SUCCESS を返すまで待つ秒数",
  },
  "help.option.probe": {
    en: "once SES says SUCCESS, send probe mail to every probe: target and exit 5 unless each reads back signed by the new selector",
    ja: "SES が SUCCESS になった後、probe: の各宛先にプローブメールを送り、すべてが新しいセレクタで署名されて届かなければ終了コード 5 で終了します",
  },
  "help.option.probeEvery": {
    en: "while SES is PENDING (and until the new selector signs), send a probe every this many seconds and report the unsigned window",
    ja: "SES が PENDING の間（新しいセレクタで署名されるまで）、この秒数ごとにプローブを送り、署名なしの期間を報告します",
  },
  "help.option.forceUnlock": {
    en: "take the change lock even if another run holds it (only for a run that is known to be dead)",
    ja: "別の実行が保持していても変更ロックを取得します（その実行が止まっていると確かな場合のみ）",
  },
  "help.enable": {
    en: "switch <domain> to BYODKIM (Phase-7 Steps 22–23): gates, plan, typed confirmation, change, wait, record",
    ja: "<domain> を BYODKIM に切り替えます（Phase-7 の Step 22〜23）：ゲートの確認、計画の表示、ドメイン名の入力による確認、変更、待機、記録",
  },
  "help.iamPolicy": {
    en: "print the least-privilege IAM policy the config needs (from the config alone; no AWS call)",
    ja: "設定に必要な最小権限の IAM ポリシーを出力します（設定ファイルだけから作り、AWS は呼び出しません）",
  },
  "help.iamPolicy.for": {
    en: "operator (every command), readonly (precheck, verify without --send-test, status, runbook show), approver (approve only), unattended (a schedule's role: tick, status and report dmarc with --publish-metrics) or target (the role byodkim assumes in a member account, with --account)",
    ja: "operator（全コマンド）、readonly（precheck、--send-test なしの verify、status、runbook show）、approver（approve のみ）、unattended（スケジュール実行用のロール：tick、--publish-metrics 付きの status と report dmarc）、target（byodkim がメンバーアカウントで引き受けるロール。--account と併用）",
  },
  "help.iamPolicy.role": {
    en: "the operators' role (name, or ARN with its path): the only one the permission preflight may simulate; with --for target, the one the member role trusts",
    ja: "オペレーターのロール（名前、またはパスを含む ARN）。権限の事前チェックでシミュレーションできるのはこのロールだけになります。--for target では、メンバーアカウントのロールが信頼するロールになります",
  },
  "help.iamPolicy.account": {
    en: "with --for target: the member account (config accounts:) whose role the policy is for",
    ja: "--for target と併用：ポリシーの対象となるロールがあるメンバーアカウント（設定の accounts:）",
  },
  "help.iamPolicy.trust": {
    en: "with --for target: print the role's trust policy (who may assume it) instead of its permission policy",
    ja: "--for target と併用：権限ポリシーの代わりに、ロールの信頼ポリシー（誰がロールを引き受けられるか）を出力します",
  },
  "help.iamPolicy.format": {
    en: "json: the policy document, ready for aws iam create-policy",
    ja: "json：aws iam create-policy にそのまま渡せるポリシードキュメント",
  },
  "help.keygen": {
    en: "make a new DKIM key in S3 (never over another) and print its record for the DNS team",
    ja: "S3 に新しい DKIM 鍵を作成し（既存の鍵は上書きしません）、DNS チームに渡すレコードを表示します",
  },
  "help.keygen.selector": {
    en: "selector for the key (default: the next free <prefix>-<YYYYMMDD>-<n> for today, UTC)",
    ja: "鍵のセレクタ（既定：UTC の今日の日付で空いている次の <prefix>-<YYYYMMDD>-<n>）",
  },
  "help.keygen.bits": {
    en: "RSA key size: 2048 or 1024",
    ja: "RSA 鍵の長さ：2048 または 1024",
  },
  "help.keygen.out": {
    en: "also write the record as files for the DNS team's ticket (zone line, Route 53 change batch, unsplit value)",
    ja: "DNS チームのチケット用に、レコードをファイルにも書き出します（ゾーンファイルの行、Route 53 の変更バッチ、分割前の値）",
  },
  "help.keygen.dryRun": {
    en: "show what would be written where, and the record; write nothing",
    ja: "何をどこに書き込むかとレコードを表示します（何も書き込みません）",
  },
  "help.rotate": {
    en: "move an identity that signs with BYODKIM to a newer selector: gates, plan, typed confirmation, change, wait, record",
    ja: "BYODKIM で署名しているドメインを新しいセレクタに切り替えます：ゲートの確認、計画の表示、ドメイン名の入力による確認、変更、待機、記録",
  },
  "help.rotate.to": {
    en: "the selector to rotate to (default: the newest key in S3)",
    ja: "切り替え先のセレクタ（既定：S3 にある最新の鍵）",
  },
  "help.retire": {
    en: "end an old selector's life after the grace period: print its revocation record, mark its S3 object retired",
    ja: "猶予期間を過ぎた古いセレクタを廃止します：失効レコードを表示し、S3 のオブジェクトに retired の印を付けます",
  },
  "help.retire.selector": {
    en: "the selector to retire",
    ja: "廃止するセレクタ",
  },
  "help.retire.deleteKey": {
    en: "also delete the private key from S3 (asks for the selector to be typed, even with --yes)",
    ja: "S3 の秘密鍵も削除します（--yes を付けてもセレクタ名の入力を求めます）",
  },
  "help.notifyTest": {
    en: "send a test notice to every notify: target in the config and say how each went (exit 1: one failed; 2: none configured)",
    ja: "設定の notify: にあるすべての通知先にテスト通知を送り、それぞれの結果を表示します（終了コード 1：失敗あり、2：通知先の設定なし）",
  },
  "help.precheck": {
    en: "check every gate for switching <domain> to BYODKIM; changes nothing",
    ja: "<domain> を BYODKIM に切り替えるためのゲートをすべて確認します（何も変更しません）",
  },
  "help.report": {
    en: "one run's journal as a change report (Markdown or JSON) for the change ticket; reads local journals only, no AWS",
    ja: "1 回の実行のジャーナルを、変更チケットに添付する変更報告（Markdown または JSON）にします（ローカルのジャーナルだけを読み、AWS は呼び出しません）",
  },
  "help.report.runId": {
    en: "a run id, a unique prefix of one, or latest; or dmarc for the receivers' DMARC aggregate reports per selector",
    ja: "実行 ID、一意に決まるその先頭部分、または latest。dmarc を指定すると、受信側の DMARC 集約レポートをセレクタごとに集計します",
  },
  "help.report.domain": {
    en: "only this domain's runs (for latest and --list); with dmarc, only the reports about this domain",
    ja: "このドメインの実行だけを対象にします（latest と --list で使います）。dmarc では、このドメインについてのレポートだけを集計します",
  },
  "help.report.format": {
    en: "md or json",
    ja: "md または json",
  },
  "help.report.out": {
    en: "write the report to this file (a regular file there is replaced whole; a link or device is refused) and say where",
    ja: "報告をこのファイルに書き込み、書き込み先を表示します（既存の通常ファイルは丸ごと置き換え、リンクやデバイスには書き込みません）",
  },
  "help.report.journal": {
    en: "report the run this journal file records (for copies of a journal that differ)",
    ja: "このジャーナルファイルに記録された実行を報告します（内容の異なるジャーナルのコピーがある場合に使います）",
  },
  "help.report.from": {
    en: "report dmarc: the folder or s3://bucket/prefix holding the receivers' aggregate reports (default: the config's dmarc.reports); S3 is read with the config's region and credentials",
    ja: "report dmarc：受信側の集約レポートがあるフォルダーまたは s3://バケット/プレフィックス（省略時は設定ファイルの dmarc.reports）。S3 は設定ファイルのリージョンと認証情報で読み取ります",
  },
  "help.report.since": {
    en: "report dmarc: only reports whose period ended in the last <days> days",
    ja: "report dmarc：期間の終わりが直近 <days> 日以内のレポートだけを集計します",
  },
  "help.report.publishMetrics": {
    en: "report dmarc: also put each selector's DKIM pass share into CloudWatch (namespace byodkim)",
    ja: "report dmarc：セレクタごとの DKIM 成功率を CloudWatch（名前空間 byodkim）にも送信します",
  },
  "help.report.list": {
    en: "list the journaled runs, newest first",
    ja: "記録された実行を新しい順に一覧表示します",
  },
  "help.rollback": {
    en: "undo BYODKIM during an incident: turn signing off, or restore the settings enable snapshotted",
    ja: "障害時に BYODKIM を元に戻します：署名を無効にするか、enable が保存したスナップショットの設定に戻します",
  },
  "help.rollback.to": {
    en: "disable (SigningEnabled false; fastest), previous (restore the snapshot) or easy-dkim (back to Easy DKIM, signing on); default: previous when a snapshot exists; nothing when byodkim never switched the identity",
    ja: "disable（SigningEnabled false。最も速い）、previous（スナップショットの設定に戻す）、easy-dkim（Easy DKIM に戻して署名を有効にする）のいずれか。既定ではスナップショットがあれば previous、byodkim が切り替えていないドメインでは何もしません",
  },
  "help.rollback.reason": {
    en: "why, recorded in the state secret and the journal",
    ja: "理由（状態シークレットとジャーナルに記録します）",
  },
  "help.rollback.forceUnlock": {
    en: "take the change lock even if another run holds it (an incident: that run then stops and records nothing; a dead run's lock on this host is taken without it)",
    ja: "別の実行が保持していても変更ロックを取得します（障害対応用。その実行は停止し、何も記録しません。このホストで止まった実行のロックは、このオプションがなくても引き継ぎます）",
  },
  "help.run": {
    en: "walk a runbook step by step (byodkim runbook list shows them); progress is journaled",
    ja: "ランブックを 1 手順ずつ進めます（ランブックの一覧は byodkim runbook list）。進み具合はジャーナルに記録します",
  },
  "help.run.runbook": {
    en: "runbook id, e.g. phase-7",
    ja: "ランブック ID（例：phase-7）",
  },
  "help.run.resume": {
    en: "continue at the first unfinished step of the last walk for this domain",
    ja: "このドメインの前回のウォークを、最初の未完了の手順から再開します",
  },
  "help.run.wait": {
    en: "how long enable waits for SES and verify for the alarms",
    ja: "enable が SES を、verify がアラームを待つ秒数",
  },
  "help.runbook": {
    en: "the checklists as data: list, show progress, export for the change ticket",
    ja: "ランブック（チェックリスト）の一覧、進み具合の表示、変更チケット用の書き出し",
  },
  "help.runbook.list": {
    en: "the runbooks byodkim ships",
    ja: "byodkim に付属するランブックを一覧表示します",
  },
  "help.runbook.show": {
    en: "numbered steps, each marked done, failed or pending from the latest walk journal for the domain",
    ja: "ドメインの最新のウォークのジャーナルをもとに、手順を番号順に、完了・失敗・未実施の印付きで表示します",
  },
  "help.runbook.id": {
    en: "runbook id",
    ja: "ランブック ID",
  },
  "help.runbook.showDomain": {
    en: "the domain whose progress to show (default: domain in the config)",
    ja: "進み具合を表示するドメイン（既定：設定ファイルの domain）",
  },
  "help.runbook.export": {
    en: "print a runbook as a Markdown checklist for the change ticket; --run ticks a walk's steps with when and by whom",
    ja: "ランブックを変更チケット用の Markdown チェックリストとして出力します。--run を付けると、ウォークで済んだ手順に、いつ・誰が行ったかを添えてチェックを付けます",
  },
  "help.runbook.exportRun": {
    en: "a walk's run id (report --list shows them), or latest: its done steps are ticked",
    ja: "ウォークの実行 ID（report --list で確認できます）、または latest。その実行で済んだ手順にチェックを付けます",
  },
  "help.runbook.exportDomain": {
    en: "with --run: only the walks of this domain (latest: its newest walk)",
    ja: "--run と併用：このドメインのウォークに限ります（latest ならその最新のウォーク）",
  },
  "help.runbook.format": {
    en: "md (Markdown)",
    ja: "md（Markdown）",
  },
  "help.sandbox": {
    en: "start the rehearsal environment: a local AWS endpoint and DNS servers seeded with a scenario",
    ja: "リハーサル環境を起動します：シナリオのデータを入れたローカルの AWS エンドポイントと DNS サーバ",
  },
  "help.sandbox.scenario": {
    en: "scenario to seed (see --list)",
    ja: "読み込むシナリオ（一覧は --list）",
  },
  "help.sandbox.env": {
    en: 'print the lines that point this shell at the sandbox running in another one: eval "$(byodkim sandbox --env)"',
    ja: '別のシェルで起動中のサンドボックスをこのシェルから使うための行を出力します：eval "$(byodkim sandbox --env)"',
  },
  "help.sandbox.as": {
    en: "with --env: the lines for another person's shell, with their own keys (approver: another session of the operator's role, who approves plans)",
    ja: "--env と併用：別の人のシェル用の行を、その人のキーで出力します（approver：オペレーターと同じロールの別セッションで、プランを承認する人）",
  },
  "help.sandbox.list": {
    en: "list the scenarios and exit",
    ja: "シナリオを一覧表示して終了します",
  },
  "help.sandbox.port": {
    en: "port for the AWS endpoint (default: any free port)",
    ja: "AWS エンドポイントのポート（既定：空いている任意のポート）",
  },
  "help.sandbox.fault": {
    en: "inject a fault: throttle, access-denied, server-error, lost-response or latency:MS; add ,times=N to clear it after N requests (repeatable)",
    ja: "障害を注入します：throttle、access-denied、server-error、lost-response、latency:MS のいずれか。,times=N を付けると N 回のリクエストの後に解除します（複数指定可）",
  },
  "help.sandbox.checksBeforeFailure": {
    en: "failed DNS checks (4 a second) before a PENDING DKIM setup becomes FAILED",
    ja: "PENDING の DKIM 設定が FAILED になるまでに失敗させる DNS チェックの回数（毎秒 4 回）",
  },
  "help.sandbox.sesRateLimit": {
    en: "SES requests per second before TooManyRequestsException (0: none; default: the scenario's own, none but fleet's 1)",
    ja: "TooManyRequestsException を返し始める SES の毎秒リクエスト数（0：制限なし。既定はシナリオごとの値で、fleet の 1 以外は制限なし）",
  },
  "help.sandbox.alarm": {
    en: "set an alarm of the running sandbox to OK, ALARM or INSUFFICIENT_DATA, as a drill: a bake that watches it rolls its wave back",
    ja: "起動中のサンドボックスのアラームを OK、ALARM、INSUFFICIENT_DATA のいずれかにします（訓練用。監視中のベイクはそのウェーブをロールバックします）",
  },
  "help.sandbox.alarm.name": {
    en: "the alarm's name, as the config's alarms: and bake: name it",
    ja: "アラーム名（設定ファイルの alarms: や bake: に書いた名前）",
  },
  "help.sandbox.alarm.state": {
    en: "OK, ALARM or INSUFFICIENT_DATA",
    ja: "OK、ALARM、INSUFFICIENT_DATA のいずれか",
  },
  "help.sandbox.alarm.reason": {
    en: "the alarm's StateReason, as DescribeAlarms will answer it (default: set by hand in the sandbox)",
    ja: "DescribeAlarms が返すアラームの StateReason（既定：サンドボックスで手動設定した旨）",
  },
  "help.sandbox.dmarcReports": {
    en: "the running sandbox writes receivers' DMARC aggregate reports for its identities (per selector, following the key history), for `report dmarc` and retire",
    ja: "起動中のサンドボックスが、受信側の DMARC 集計レポートを書き出します（鍵の履歴に沿ったセレクタ別の件数。`report dmarc` と retire の練習用）",
  },
  "help.sandbox.dmarcReports.out": {
    en: "a folder or s3://bucket/prefix in the sandbox's S3 (default: the config's dmarc.reports folder)",
    ja: "フォルダ、またはサンドボックスの S3 の s3://bucket/prefix（既定：設定ファイルの dmarc.reports のフォルダ）",
  },
  "help.sandbox.dmarcReports.days": { en: "finished days to report, besides today so far (default 7)", ja: "今日の分に加えてレポートする過去の日数（既定 7）" },
  "help.sandbox.dmarcReports.domain": { en: "only this identity's reports", ja: "この ID のレポートだけを書き出します" },
  "help.sandbox.holdPending": {
    en: "keep an identity's DKIM status as it is in the running sandbox (PENDING stays PENDING): mail leaves without the domain's signature",
    ja: "起動中のサンドボックスで ID の DKIM 状態をそのまま保ちます（PENDING のまま）。メールにはドメインの署名が付きません",
  },
  "help.sandbox.holdPending.release": { en: "let SES verify it again", ja: "SES の検証を再開させます" },
  "help.sandbox.wrongKey": {
    en: "make the running sandbox's SES sign an identity's mail with a key DNS does not publish, so the signature fails",
    ja: "起動中のサンドボックスの SES に、DNS に公開されていない鍵でその ID のメールを署名させます（署名は fail になります）",
  },
  "help.sandbox.wrongKey.off": { en: "sign with the key SES was given again", ja: "登録された鍵での署名に戻します" },
  "help.sandbox.age": {
    en: "let days pass in the running sandbox: every time its state secrets recorded moves back (to reach a grace period's end in a rehearsal)",
    ja: "起動中のサンドボックスで日数を経過させます（状態シークレットの記録時刻をすべて繰り上げます。リハーサルで猶予期間の終わりまで進めるため）",
  },
  "help.sandbox.age.days": { en: "how many days, 1 to 400", ja: "日数（1〜400）" },
  "help.sandbox.advance": {
    en: "move the running sandbox's clock on by days: its services and the byodkim commands started afterwards in its shells live on that date",
    ja: "起動中のサンドボックスの時計を指定した日数だけ進めます（サンドボックスのサービスと、その後にリハーサル環境で実行する byodkim のコマンドはその日付で動きます）",
  },
  "help.sandbox.advance.days": { en: "how many days, 1 to 400", ja: "日数（1〜400）" },
  "help.sandbox.identity": { en: "the SES identity, e.g. goo.ne.jp", ja: "SES のドメイン ID（例：goo.ne.jp）" },
  "help.demo": {
    en: "rehearse the runbook end to end against a fresh sandbox (what `npm run demo` runs)",
    ja: "新しいサンドボックスでランブックを最初から最後までリハーサルします（`npm run demo` が実行する内容）",
  },
  "help.plan": {
    en: "plan a change for many identities and regions: each target's gates now, in waves, stored as one sealed plan to approve and apply (changes nothing)",
    ja: "複数の ID・リージョンへの変更をプランします。各対象のゲートを今チェックし、ウェーブに分け、承認・適用のための封印済みプランとして保管します（何も変更しません）",
  },
  "help.plan.change": {
    en: "the change: enable, rotate or rollback",
    ja: "変更の種類：enable・rotate・rollback",
  },
  "help.plan.domains": {
    en: "SES domain identities (default: domain and identities: in the config)",
    ja: "SES のドメイン ID（既定：設定ファイルの domain と identities:）",
  },
  "help.plan.all": {
    en: "every domain identity SES lists in each region",
    ja: "各リージョンで SES に登録されているすべてのドメイン ID",
  },
  "help.plan.due": {
    en: "only the identities whose key is due for rotation (as status judges it)",
    ja: "鍵のローテーション時期を迎えた ID だけ（status と同じ基準）",
  },
  "help.plan.out": {
    en: "also write the sealed plan to this file (approve and apply take it)",
    ja: "封印済みプランをこのファイルにも書き出します（approve と apply に指定できます）",
  },
  "help.plan.format": {
    en: "text (default) or md: the plan as the ticket's Markdown",
    ja: "text（既定）または md：チケットに貼る Markdown 形式",
  },
  "help.approve": {
    en: "approve a stored plan as a second person (the planner cannot approve their own; exit 1: refused, nothing written)",
    ja: "保管済みのプランを別の担当者として承認します（プラン作成者は自分のプランを承認できません。終了コード 1：承認できず、何も書き込みません）",
  },
  "help.approve.plan": {
    en: "the plan file (plan --out), or the plan's id (whole, or its first 8+ characters)",
    ja: "プランファイル（plan --out）またはプラン ID（全体、または先頭 8 文字以上）",
  },
  "help.approve.comment": {
    en: "a note kept with the approval (the ticket, what was checked)",
    ja: "承認と一緒に残すメモ（チケット番号、確認した内容など）",
  },
  "help.apply": {
    en: "apply an approved plan inside the change window: the canary, then the waves, a bake after each, a wave rolled back when its bake breaks (exit 1 refused, 4 failed, 5 rolled back)",
    ja: "承認済みのプランを変更可能時間帯に適用します。カナリア、続いて各ウェーブを実行し、各ウェーブの後に監視（ベイク）を行い、異常があればそのウェーブをロールバックします（終了コード 1：拒否、4：失敗、5：ロールバック）",
  },
  "help.apply.wait": {
    en: "seconds each target waits for SES to verify its key (default 1800)",
    ja: "各対象で SES が鍵を検証するまで待つ秒数（既定 1800）",
  },
  "help.status": {
    en: "every identity's DKIM health, key age and rotation due, per region; changes nothing (exit 1: something needs action)",
    ja: "各ドメインの DKIM の状態、鍵の経過日数、ローテーション期限をリージョンごとに表示します（何も変更しません。終了コード 1：要対応あり）",
  },
  "help.status.domains": {
    en: "SES domain identities (default: domain and identities: in the config)",
    ja: "SES のドメイン ID（既定：設定ファイルの domain と identities:）",
  },
  "help.status.all": {
    en: "every domain identity SES lists in each region",
    ja: "各リージョンの SES に登録されたすべてのドメイン ID",
  },
  "help.status.regions": {
    en: "regions to look in, comma-separated (default: each identity's regions, else the region in force)",
    ja: "確認するリージョン（カンマ区切り。既定：各ドメインのリージョン、なければ有効なリージョン）",
  },
  "help.status.publishMetrics": {
    en: "send KeyAgeDays, DaysUntilRotationDue, DnsKeyMatches and DkimHealthy to CloudWatch (namespace byodkim)",
    ja: "KeyAgeDays、DaysUntilRotationDue、DnsKeyMatches、DkimHealthy を CloudWatch（名前空間 byodkim）に送信します",
  },
  "help.tick": {
    en: "the next safe step of the monthly rotation for each identity, and nothing more; never asks (exit 0 nothing to do or progressed, 1 a person is needed, 4/5 a change failed or was not confirmed)",
    ja: "各 ID について月次ローテーションの次の安全な手順を 1 つだけ実行します。確認は求めません（終了コード 0：対応不要または進行、1：担当者の対応が必要、4／5：変更の失敗または未確認）",
  },
  "help.tick.domains": {
    en: "SES domain identities to look after",
    ja: "対象の SES ドメイン ID",
  },
  "help.tick.all": {
    en: "the config's domain and identities:, each in its regions",
    ja: "設定ファイルの domain と identities: のすべて（各リージョン）",
  },
  "help.tick.out": {
    en: "folder for a new key's hand-off files (dns.publish handoff)",
    ja: "新しい鍵の引き継ぎファイルを書き出すフォルダ（dns.publish が handoff の場合）",
  },
  "help.verify": {
    en: "check Phase-7's success indicators: SES, the state secret, alarms, DNS; optionally send or check a signed message",
    ja: "Phase-7 の成功指標（SES、状態シークレット、アラーム、DNS）を確認します。署名付きメールの送信や受信メールの確認もできます",
  },
  "help.verify.selector": {
    en: "DKIM selector (default: the one recorded in the state secret)",
    ja: "DKIM セレクタ（既定：状態シークレットに記録されたもの）",
  },
  "help.verify.wait": {
    en: "poll the alarms until they reach their `after` states, for up to this long",
    ja: "アラームが `after` の状態になるまで、最大この秒数だけ確認を繰り返します",
  },
  "help.verify.sendTest": {
    en: "send a test message through SES from the identity to this address",
    ja: "このアドレス宛てに、SES 経由でドメインからテストメールを送信します",
  },
  "help.verify.eml": {
    en: "verify the DKIM signature of a received message (a saved .eml / show original)",
    ja: "受信したメールの DKIM 署名を検証します（保存した .eml、またはメールソースを表示して保存したもの）",
  },
  "help.verify.probe": {
    en: "send a probe through SES to the config's probe mailboxes, read it back and check its DKIM signature against DNS",
    ja: "SES 経由で設定ファイルのプローブ用受信箱にプローブメールを送り、受信したメールの DKIM 署名を DNS で検証します",
  },
  "help.verify.probeTimeout": {
    en: "how long to wait for the probe to arrive, in seconds (default 120)",
    ja: "プローブメールの到着を待つ秒数（既定：120）",
  },
});

export type HelpKey = keyof typeof helpMessages;

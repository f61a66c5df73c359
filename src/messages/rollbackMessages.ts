import { defineMessages } from "./section.js";

export const rollbackMessages = defineMessages({
  "rollback.confirm": {
    en: "Type the domain name ({domain}) to roll it back ({target}):",
    ja: "ロールバック（{target}）するにはドメイン名（{domain}）を入力してください：",
  },
  "rollback.confirmUntouched": {
    en: "byodkim never switched {domain}, so --yes does not answer this. Type the domain name ({domain}) to turn its DKIM signing off anyway:",
    ja: "byodkim は {domain} を切り替えていないため、--yes ではこの確認に答えられません。それでも DKIM 署名を無効にするにはドメイン名（{domain}）を入力してください：",
  },
  "rollback.confirmNotByodkim": {
    en: "SES does not sign {domain} with BYODKIM and no snapshot of byodkim's was found, so --yes does not answer this. Type the domain name ({domain}) to turn its DKIM signing off anyway:",
    ja: "SES は {domain} を BYODKIM で署名しておらず、byodkim のスナップショットも見つからないため、--yes ではこの確認に答えられません。それでも DKIM 署名を無効にするにはドメイン名（{domain}）を入力してください：",
  },
  "rollback.lockHeld.hint": {
    en: "an incident rollback may take the lock now: {command} (the other run then stops, records nothing and says so)",
    ja: "障害対応のロールバックなら、ロックをすぐに引き継げます：{command}（もう一方の実行はその時点で停止し、何も記録せず、その旨を表示します）",
  },
  "rollback.badTarget": {
    en: "--to takes disable, previous or easy-dkim, not {value}",
    ja: "--to には disable、previous、easy-dkim のいずれかを指定してください（{value} は使えません）",
  },
  "rollback.noSnapshot": {
    en: "no snapshot of {domain}'s earlier DKIM settings was found",
    ja: "{domain} の以前の DKIM 設定のスナップショットが見つかりません",
  },
  "rollback.noSnapshot.hint": {
    en: "use --to disable to turn signing off, or --to easy-dkim to go back to Easy DKIM; neither needs a snapshot",
    ja: "--to disable で署名を無効にするか、--to easy-dkim で Easy DKIM に戻してください（どちらもスナップショット不要）",
  },
  "rollback.previousKeyMissing": {
    en: "the previous selector {selector}'s private key is not in S3",
    ja: "以前のセレクタ {selector} の秘密鍵が S3 にありません",
  },
  "rollback.previousKeyMissing.hint": { en: "restore the key to S3, or use --to disable", ja: "鍵を S3 に戻すか、--to disable を使ってください" },
  "rollback.previousRetired": {
    en: "the previous selector {selector} was retired at {at}: its record is revoked, and signing with it again would fail DKIM",
    ja: "以前のセレクタ {selector} は {at} に廃止済みです：レコードは失効しており、再び署名に使うと DKIM が失敗します",
  },
  "rollback.otherTargets.both": {
    en: "these rollbacks need no old key and work now: byodkim rollback {domain} --to disable (signing off, the fastest) or byodkim rollback {domain} --to easy-dkim (back to Easy DKIM, signing on; SES issues new tokens, whose CNAMEs the DNS team publishes)",
    ja: "古い鍵がなくても今すぐ実行できるロールバック：byodkim rollback {domain} --to disable（署名を無効にする。最も速い）または byodkim rollback {domain} --to easy-dkim（Easy DKIM に戻して署名を有効にする。SES が新しいトークンを発行し、その CNAME を DNS チームが設定します）",
  },
  "rollback.otherTargets.disable": {
    en: "this rollback needs no old key and works now: byodkim rollback {domain} --to disable (signing off, the fastest)",
    ja: "古い鍵がなくても今すぐ実行できるロールバック：byodkim rollback {domain} --to disable（署名を無効にする。最も速い）",
  },
  "rollback.otherTargets.easyDkim": {
    en: "this rollback needs no old key and works now: byodkim rollback {domain} --to easy-dkim (back to Easy DKIM, signing on; SES issues new tokens, whose CNAMEs the DNS team publishes)",
    ja: "古い鍵がなくても今すぐ実行できるロールバック：byodkim rollback {domain} --to easy-dkim（Easy DKIM に戻して署名を有効にする。SES が新しいトークンを発行し、その CNAME を DNS チームが設定します）",
  },
  "rollback.previousTxtMissing": {
    en: "the previous selector {selector}'s TXT record is not served everywhere: SES will not verify it until the DNS team publishes it",
    ja: "以前のセレクタ {selector} の TXT レコードが全サーバで返されていません。DNS チームが設定するまで SES は検証できません",
  },
  "rollback.cnamesMissing": {
    en: "{count} Easy DKIM CNAMEs are missing: SES issued new tokens and cannot verify until the DNS team publishes them",
    ja: "Easy DKIM の CNAME が {count} 件ありません。SES は新しいトークンを発行したため、DNS チームが設定するまで検証できません",
  },
  "rollback.secretUnreadable": { en: "the state secret could not be read:", ja: "状態シークレットを読めませんでした：" },
  "rollback.fromJournal": { en: "using the snapshot in the local journal {path}", ja: "ローカルのジャーナル {path} のスナップショットを使用します" },
  "rollback.plan.title": {
    en: "Rollback plan for {domain}",
    ja: "{domain} のロールバック計画",
  },
  "rollback.plan.target": { en: "target", ja: "戻し先" },
  "rollback.plan.restart": { en: "restart", ja: "再開" },
  "rollback.plan.restartEasy": {
    en: "SES's Easy DKIM verification FAILED and SES will not look again by itself: Easy DKIM is put again, which restarts it with new tokens (CNAMEs published for the current ones no longer count)",
    ja: "SES の Easy DKIM 検証は FAILED で、SES が自ら再確認することはありません：Easy DKIM を再設定して検証を再開します。トークンは新しくなります（現在のトークンの CNAME は無効になります）",
  },
  "rollback.easyRestarted": {
    en: "Easy DKIM was put again, which restarted SES's verification under new tokens: publish their CNAMEs (below) before SES gives up on them",
    ja: "Easy DKIM を再設定し、新しいトークンで SES の検証を再開しました：SES が検証を打ち切る前に、それらの CNAME（下記）を公開してください",
  },
  "rollback.plan.nothing": {
    en: "nothing: byodkim never switched this identity",
    ja: "なし：byodkim はこのドメインを切り替えていません",
  },
  "rollback.plan.caution": { en: "caution", ja: "注意" },
  "rollback.plan.untouchedHealthy": {
    en: "byodkim never switched {domain}, and its DKIM is healthy (SUCCESS, signing on): this turns signing off on a healthy domain, and its mail leaves unsigned",
    ja: "byodkim は {domain} を切り替えておらず、DKIM は正常です（SUCCESS、署名有効）：正常なドメインの署名を無効にすることになり、以後のメールは署名なしで送信されます",
  },
  "rollback.plan.untouched": {
    en: "byodkim never switched {domain} (DKIM status {status}): this turns its DKIM signing off, and its mail leaves unsigned",
    ja: "byodkim は {domain} を切り替えていません（DKIM ステータス {status}）：DKIM 署名を無効にすることになり、以後のメールは署名なしで送信されます",
  },
  "rollback.plan.notByodkimHealthy": {
    en: "SES does not sign {domain} with BYODKIM (origin {origin}) and no snapshot was found, so byodkim treats it as never switched; its DKIM is healthy (SUCCESS, signing on): this turns signing off on a healthy domain, and its mail leaves unsigned",
    ja: "SES は {domain} を BYODKIM で署名しておらず（オリジン {origin}）、スナップショットもないため、byodkim は切り替えていないものとして扱います。DKIM は正常です（SUCCESS、署名有効）：正常なドメインの署名を無効にすることになり、以後のメールは署名なしで送信されます",
  },
  "rollback.plan.notByodkim": {
    en: "SES does not sign {domain} with BYODKIM (origin {origin}, DKIM status {status}) and no snapshot was found, so byodkim treats it as never switched: this turns its DKIM signing off, and its mail leaves unsigned",
    ja: "SES は {domain} を BYODKIM で署名しておらず（オリジン {origin}、DKIM ステータス {status}）、スナップショットもないため、byodkim は切り替えていないものとして扱います：DKIM 署名を無効にすることになり、以後のメールは署名なしで送信されます",
  },
  "rollback.plan.disable": { en: "DKIM signing off (SigningEnabled false)", ja: "DKIM 署名を無効にする（SigningEnabled false）" },
  "rollback.plan.previousExternal": {
    en: "the previous BYODKIM selector {selector}, signing {signing}",
    ja: "以前の BYODKIM セレクタ {selector}、署名{signing}",
  },
  "rollback.plan.previousEasy": {
    en: "Easy DKIM (origin AWS_SES; SES issues new tokens), signing {signing}",
    ja: "Easy DKIM（オリジン AWS_SES。SES が新しいトークンを発行します）、署名{signing}",
  },
  "rollback.plan.meanwhile": { en: "meanwhile", ja: "切り替え中のメール" },
  "rollback.effect.disable": {
    en: "signing off at once: {domain}'s mail carries only SES's amazonses.com signature, which does not align with {domain}, so DMARC passes only where SPF aligns (a custom MAIL FROM)",
    ja: "署名をただちに無効にします：{domain} のメールには SES の amazonses.com の署名しか付かず、{domain} とアラインしません。DMARC が pass になるのは SPF がアラインする場合（カスタム MAIL FROM）だけです",
  },
  "rollback.effect.previousOff": {
    en: "signing off, as before the change: {domain}'s mail carries only SES's amazonses.com signature, which does not align with {domain}, so DMARC passes only where SPF aligns (a custom MAIL FROM)",
    ja: "変更前と同じく署名を無効にします：{domain} のメールには SES の amazonses.com の署名しか付かず、{domain} とアラインしません。DMARC が pass になるのは SPF がアラインする場合（カスタム MAIL FROM）だけです",
  },
  "rollback.effect.previousEasy": {
    en: "Easy DKIM again, with three new tokens from SES (the old ones do not come back): PENDING until the DNS team publishes their three CNAMEs (rollback prints them); meanwhile {domain}'s mail carries only SES's amazonses.com signature, which does not align with {domain}, so DMARC passes only where SPF aligns (a custom MAIL FROM)",
    ja: "Easy DKIM に戻します。SES が新しいトークンを 3 つ発行します（以前のトークンには戻りません）。DNS チームが 3 つの CNAME を設定するまで PENDING のままです（CNAME は rollback が表示します）。その間、{domain} のメールには SES の amazonses.com の署名しか付かず、{domain} とアラインしません。DMARC が pass になるのは SPF がアラインする場合（カスタム MAIL FROM）だけです",
  },
  "rollback.effect.previousExternal": {
    en: "BYODKIM with the earlier selector {selector} again: PENDING until SES has read its TXT record again (short while every nameserver still serves it); meanwhile {domain}'s mail may carry only SES's amazonses.com signature, which does not align with {domain} for DMARC",
    ja: "以前のセレクタ {selector} の BYODKIM に戻します：SES が TXT レコードを読み直すまで PENDING のままです（全ネームサーバがまだレコードを返していれば短時間で済みます）。その間、{domain} のメールには SES の amazonses.com の署名しか付かない場合があり、DMARC では {domain} とアラインしません",
  },
  "rollback.summary.upToDate": {
    en: "{domain} is already rolled back ({target}) and the state record says so: nothing to do.",
    ja: "{domain} はすでにロールバック済み（{target}）で、状態レコードにも記録されています：何もすることはありません。",
  },
  "rollback.summary.neverSwitched": {
    en: "Nothing to roll back: byodkim never switched {domain} (no snapshot, and {secretId} is at phase {phase}). Nothing was changed. To turn DKIM signing off anyway: byodkim rollback {domain} --to disable",
    ja: "ロールバックするものはありません：byodkim は {domain} を切り替えていません（スナップショットがなく、{secretId} はフェーズ {phase} です）。何も変更していません。それでも DKIM 署名を無効にするには：byodkim rollback {domain} --to disable",
  },
  "rollback.summary.alreadyOff": {
    en: "Nothing to roll back: byodkim never switched {domain}, and its DKIM signing is already off. Nothing was changed.",
    ja: "ロールバックするものはありません：byodkim は {domain} を切り替えておらず、DKIM 署名はすでに無効です。何も変更していません。",
  },
  "rollback.summary.notByodkim": {
    en: "Nothing to roll back: SES does not sign {domain} with BYODKIM (origin {origin}) and no snapshot of its earlier settings was found, so byodkim treats it as never switched. Nothing was changed. To turn DKIM signing off anyway: byodkim rollback {domain} --to disable",
    ja: "ロールバックするものはありません：SES は {domain} を BYODKIM で署名しておらず（オリジン {origin}）、以前の設定のスナップショットも見つからないため、byodkim は切り替えていないものとして扱います。何も変更していません。それでも DKIM 署名を無効にするには：byodkim rollback {domain} --to disable",
  },
  "rollback.summary.notByodkimOff": {
    en: "Nothing to roll back: SES does not sign {domain} with BYODKIM (origin {origin}), and its DKIM signing is already off. Nothing was changed.",
    ja: "ロールバックするものはありません：SES は {domain} を BYODKIM で署名しておらず（オリジン {origin}）、DKIM 署名はすでに無効です。何も変更していません。",
  },
  "rollback.summary.done": { en: "Rolled back {domain} ({target}).", ja: "{domain} をロールバックしました（{target}）。" },
});

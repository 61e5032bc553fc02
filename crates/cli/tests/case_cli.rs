//! `jikenbo case …` end to end through the binary: the 350-addresses To-instead-of-Bcc case
//! (new → set → events → due → drafts in Markdown and .docx), unknown fact keys refused with
//! the valid ones, the exit status of `case due` (0 nothing overdue, 1 overdue, 2 error), a
//! missing store refused and not created, and cases kept out of the casebook commands.
//!
//! Calendar (checked by hand, as in crates/respond/tests/bcc_misaddressed_mail.rs): 知った日
//! 2026-11-30 (Mon) is day 1; 速報 目安 2026-12-03 (Thu) … 2026-12-05 (Sat); 確報 (30 days): day
//! 30 = 2026-12-29, closed (年末年始 12-29 … 01-03) → 2027-01-04 (Mon), 34 days from 2026-12-01.
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn jikenbo() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jikenbo"));
    // Never fall back on the user's store.
    c.env_remove("JIKENBO_DB")
        .env("XDG_DATA_HOME", "/nonexistent/jikenbo-test-xdg")
        .env("USER", "tester");
    c
}

fn tempdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jikenbo-case-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `jikenbo case ARGS --db DB`.
fn case(db: &Path, args: &[&str]) -> Output {
    jikenbo()
        .arg("case")
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

/// Runs a case command that must succeed; returns its standard output.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = case(db, args);
    assert!(
        out.status.success(),
        "{args:?}: status {:?}\n{}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn has(out: &str, want: &str) {
    assert!(out.contains(want), "{want:?} not in:\n{out}");
}

/// `word/document.xml` of a .docx, and its text without markup.
fn docx_document(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut plain = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    (xml, plain)
}

const FACTS: &str = r#"{
  "org_kind": "business",
  "persons": 350,
  "data": ["email"],
  "cause": "misdelivery",
  "leak": "confirmed",
  "aware": "2026-11-30",
  "privacy_mark": true,
  "summary": "会員向けのお知らせメールを送信する際、宛先をBCCとすべきところTOに入力したため、受信者間で他の受信者のメールアドレスが表示された。",
  "contact": "株式会社ひなた商会 お客様相談室 support@hinata.example"
}"#;

/// A store with the case created from FACTS on 2026-12-01; returns (dir, db).
fn bcc_case(tag: &str) -> (PathBuf, PathBuf) {
    let d = tempdir(tag);
    let db = d.join("cases.db");
    let facts = d.join("facts.json");
    std::fs::write(&facts, FACTS).unwrap();
    let out = ok(
        &db,
        &[
            "new",
            "--create",
            "--title",
            "メール送信時の宛先設定の誤りによるメールアドレスの流出",
            "--org",
            "株式会社ひなた商会",
            "--facts",
            facts.to_str().unwrap(),
            "--who",
            "個人情報保護管理者 佐藤",
            "--today",
            "2026-12-01",
        ],
    );
    assert!(
        out.starts_with("事案 #1 を作成しました: メール送信時の宛先設定の誤りによるメールアドレスの流出 (株式会社ひなた商会)\n"),
        "{out}"
    );
    has(&out, "期限 (2026年12月1日(火) 時点):");
    // 350 persons, e-mail addresses, a misdelivery: no PPC report, and the reason why.
    has(
        &out,
        "個人情報保護委員会への報告: 不要 — 結論(個人情報保護法第26条): 報告義務なし",
    );
    has(&out, "本人の数 350人は1,000人以下: 非該当");
    // The Privacy Mark: reported even for one person; 30 days past the new year.
    has(
        &out,
        "審査機関への事故報告(プライバシーマーク): 2027年1月4日(月)まで 残り34日",
    );
    (d, db)
}

#[test]
fn to_instead_of_bcc_end_to_end() {
    let (d, db) = bcc_case("bcc");

    // The count turns out to be 1,200: the PPC deadlines appear.
    let out = ok(
        &db,
        &[
            "set",
            "1",
            "persons=1,200",
            "--who",
            "佐藤",
            "--today",
            "2026-12-01",
        ],
    );
    for line in [
        "  本人の数: 350人 → 1,200人",
        "  個人情報保護委員会への報告: 不要 → 必要 (報告対象の事態: 本人の数 (施行規則第7条第4号))",
        "  新たに必要: 速報(個人情報保護委員会): 目安 2026年12月3日(木)〜2026年12月5日(土) 残り4日",
        "  新たに必要: 確報(個人情報保護委員会): 2027年1月4日(月)まで 残り34日",
        "  新たに必要: 本人への通知: 期限日なし(事態の状況に応じて速やかに)",
    ] {
        has(&out, &format!("{line}\n"));
    }
    // The same value again changes nothing.
    let out = ok(&db, &["set", "1", "persons=1200", "--today", "2026-12-01"]);
    has(&out, "事実に変更はありません");

    // The timeline; kinds by Japanese label or key.
    let out = ok(
        &db,
        &[
            "event",
            "1",
            "--kind",
            "発生",
            "--at",
            "2026-11-30T10:12",
            "--note",
            "会員宛てのお知らせメールをTOで送信",
            "--today",
            "2026-12-01",
        ],
    );
    has(&out, "経過 [1] を記録しました: 2026年11月30日 10時12分 発生: 会員宛てのお知らせメールをTOで送信 (記録: tester)");
    has(&out, "期限に変更はありません");
    ok(
        &db,
        &[
            "event",
            "1",
            "--kind",
            "discovered",
            "--at",
            "2026-11-30T10:40",
        ],
    );

    // Before the 速報: due soon (exit 0); after its window: overdue (exit 1).
    let out = case(&db, &["due", "--today", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    has(
        &s,
        "2026年12月1日(火) 時点: 期限超過 0 件、7日以内に期限 2 件",
    );
    has(
        &s,
        "速報(個人情報保護委員会): 目安 2026年12月3日(木)〜2026年12月5日(土) 残り4日",
    );
    assert!(
        !s.contains("確報(個人情報保護委員会)"),
        "not within 7 days:\n{s}"
    );
    let out = case(&db, &["due", "--today", "2026-12-07"]);
    assert_eq!(out.status.code(), Some(1));
    has(
        &text(&out.stdout),
        "速報(個人情報保護委員会): 目安 2026年12月3日(木)〜2026年12月5日(土) 2日超過",
    );

    // The 速報 is filed: met.
    let out = ok(
        &db,
        &[
            "event",
            "1",
            "--kind",
            "速報",
            "--at",
            "2026-12-02T15:00",
            "--note",
            "報告フォームから提出",
            "--today",
            "2026-12-02",
        ],
    );
    has(&out, "済になった: 速報(個人情報保護委員会): 目安 2026年12月3日(木)〜2026年12月5日(土) 済(2026年12月2日 15時00分)");
    // The Privacy-Mark 速報 (1,000 persons is serious) is still open: overdue on 12-07.
    let out = case(&db, &["due", "--today", "2026-12-07"]);
    assert_eq!(out.status.code(), Some(1));
    let s = text(&out.stdout);
    has(&s, "審査機関への速報(プライバシーマーク)");
    assert!(!s.contains("速報(個人情報保護委員会)"), "{s}");
    // A mistaken entry, removed again; then the right one.
    let out = ok(
        &db,
        &[
            "event",
            "1",
            "--kind",
            "公表",
            "--at",
            "2026-12-02",
            "--today",
            "2026-12-02",
        ],
    );
    has(&out, "経過 [4] を記録しました");
    let out = ok(&db, &["event", "1", "--remove", "4"]);
    has(&out, "経過 [4] を削除しました: 2026年12月2日 公表");
    ok(
        &db,
        &[
            "event",
            "1",
            "--kind",
            "審査機関への報告",
            "--stage",
            "速報",
            "--at",
            "2026-12-03T11:00",
        ],
    );
    let out = case(&db, &["due", "--today", "2026-12-07"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    has(&text(&out.stdout), "本人への通知: 期限日なし");

    // Measures and status.
    let out = ok(
        &db,
        &[
            "measure",
            "1",
            "--category",
            "技術的",
            "--text",
            "一斉送信はBCCを既定とする配信システムに切り替える",
            "--owner",
            "情報システム部",
            "--due",
            "2026-12-20",
            "--status",
            "実施中",
        ],
    );
    has(&out, "再発防止策 [1] を登録しました: 【技術的】一斉送信はBCCを既定とする配信システムに切り替える(担当: 情報システム部、期限: 2026年12月20日、実施中)");
    ok(
        &db,
        &[
            "measure",
            "1",
            "--category",
            "人的",
            "--text",
            "一斉送信時の宛先確認を2名で行う手順を周知する",
        ],
    );
    let out = ok(
        &db,
        &[
            "measure",
            "1",
            "--update",
            "1",
            "--status",
            "完了",
            "--evidence",
            "設定変更記録",
        ],
    );
    has(&out, "再発防止策 [1] を更新しました");
    has(&out, "完了の根拠: 設定変更記録");
    let out = ok(&db, &["status", "1", "報告済"]);
    has(&out, "事案 #1: 状態 調査中 → 報告済");

    // The list: the next deadline is the 確報.
    let out = ok(&db, &["list", "--today", "2026-12-07"]);
    let row = out.lines().find(|l| l.starts_with("#1 ")).expect("row #1");
    assert!(
        row.contains("報告済")
            && row.contains("確報(個人情報保護委員会)")
            && row.contains("2027-01-04")
            && row.ends_with("残り28日"),
        "{out}"
    );

    // The case: facts with who and when, unknown ones 未確認; deadlines; timeline; measures.
    let out = ok(&db, &["show", "1", "--today", "2026-12-07"]);
    let line = |prefix: &str| -> String {
        out.lines()
            .find(|l| l.trim_start().starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix:?} in\n{out}"))
            .to_string()
    };
    let persons = line("本人の数 (persons)");
    assert!(
        persons.contains("1,200人") && persons.contains("[佐藤 "),
        "{persons}"
    );
    assert!(line("知った日 (aware)").contains("2026年11月30日  [個人情報保護管理者 佐藤 "));
    assert!(line("発見者 (discovered_by)").ends_with(" 未確認"));
    assert!(line("二次被害 (secondary_damage)").ends_with(" 未確認"));
    has(
        &out,
        "確報(個人情報保護委員会): 2027年1月4日(月)まで 残り28日",
    );
    has(&out, "  [2] 2026年11月30日 10時40分 発覚 (記録: tester)");
    has(
        &out,
        "  [2] 【人的】一斉送信時の宛先確認を2名で行う手順を周知する(予定)",
    );
    assert!(
        !out.contains("日 公表"),
        "the removed event is gone:\n{out}"
    );

    // The PPC 速報 draft in Markdown: the nine items, unknown facts 未確認 with their source.
    let md = ok(
        &db,
        &[
            "draft",
            "1",
            "ppc",
            "--stage",
            "速報",
            "--today",
            "2026-12-02",
        ],
    );
    assert!(
        md.starts_with("# 個人情報保護委員会への漏えい等報告(速報) 下書き\n"),
        "{md}"
    );
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    for item in jikenbo_respond::PPC_ITEMS {
        assert!(
            headings.iter().any(|h| h.contains(item)),
            "{item} not in {headings:?}"
        );
    }
    has(&md, "## 9. その他参考となる事項");
    has(
        &md,
        "**本人の数**\n\n1,200人\n\n> 出典: 事実「本人の数」(persons)／入力: 佐藤 ",
    );
    has(
        &md,
        "**発見者**\n\n未確認\n\n> 出典: 事実「発見者」(discovered_by) は未入力\n",
    );
    has(
        &md,
        "**二次被害又はそのおそれの有無及びその内容**\n\n未確認\n\n> 出典: 事実「二次被害」(secondary_damage) は未入力\n",
    );
    // Nothing invented: the unknown facts are listed, not filled in.
    has(&md, "未確認の事実: 発見者 (discovered_by)");
    // After the 速報 the default stage is the 確報; measures split into done and planned.
    let md = ok(&db, &["draft", "1", "ppc", "--today", "2026-12-07"]);
    assert!(md.starts_with("# 個人情報保護委員会への漏えい等報告(確報) 下書き\n"));
    has(
        &md,
        "**実施済みの措置**\n\n【技術的】一斉送信はBCCを既定とする配信システムに切り替える",
    );
    has(
        &md,
        "**今後実施予定の措置**\n\n【人的】一斉送信時の宛先確認を2名で行う手順を周知する",
    );

    // The same as .docx, to a file: the items are in word/document.xml.
    let file = d.join("sokuho.docx");
    let out = case(
        &db,
        &[
            "draft",
            "1",
            "ppc",
            "--stage",
            "速報",
            "--today",
            "2026-12-02",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("を書き出しました") && err.contains("未確認の項目"),
        "{err}"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let (xml, plain) = docx_document(&bytes);
    assert!(xml.contains("<w:body>"));
    for item in jikenbo_respond::PPC_ITEMS {
        assert!(plain.contains(item), "{item} not in document.xml");
    }
    assert!(plain.contains("9. その他参考となる事項"));
    assert!(plain.contains("発見者未確認出典: 事実「発見者」(discovered_by) は未入力"));
    assert!(plain.contains("本人の数1,200人出典: 事実「本人の数」(persons)"));
    // Piped (not a terminal), the .docx may go to standard output.
    let out = case(&db, &["draft", "1", "privacy-mark", "--format", "docx"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (_, plain) = docx_document(&out.stdout);
    assert!(plain.contains("11. 事業者における再発防止策等"));

    // The other drafts.
    let md = ok(&db, &["draft", "1", "notice", "--today", "2026-12-07"]);
    assert!(md.starts_with(
        "# メール送信時の宛先設定の誤りによるメールアドレスの流出に関するお詫びとお知らせ\n"
    ));
    has(
        &md,
        "**お問い合わせ先**\n\n株式会社ひなた商会 お客様相談室 support@hinata.example",
    );
    // A follow-up notice: without a 公表 on the timeline it says it cannot list the changes.
    let out = case(&db, &["draft", "1", "notice", "--edition", "2"]);
    assert!(out.status.success());
    let md = text(&out.stdout);
    assert!(md.starts_with(
        "# メール送信時の宛先設定の誤りによるメールアドレスの流出に関するお詫びとお知らせ(第2報)\n"
    ));
    assert!(!md.contains("前回のお知らせからの変更点"));
    has(&text(&out.stderr), "時系列に「公表」の記録がない");
    // Since a time before anything was recorded: every fact, entry and measure is new. (The
    // facts' history carries the real clock, so only times far from today are deterministic.)
    let md = ok(
        &db,
        &[
            "draft",
            "1",
            "notice",
            "--edition",
            "2",
            "--since",
            "2000-01-01",
        ],
    );
    // Only the facts a public notice shows (not the organization kind, not the Privacy Mark).
    has(
        &md,
        "## 前回のお知らせからの変更点\n\n- 本人の数: 未確認 → 1,200人\n",
    );
    assert!(
        !md.contains("- 組織の種別:") && !md.contains("- プライバシーマーク"),
        "{md}"
    );
    has(
        &md,
        "- 経過の追加: 2026年11月30日 10時12分 発生: 会員宛てのお知らせメールをTOで送信\n",
    );
    has(
        &md,
        "- 再発防止策の追加: 【技術的】一斉送信はBCCを既定とする配信システムに切り替える",
    );
    // Since a time after everything: nothing changed.
    let md = ok(
        &db,
        &[
            "draft",
            "1",
            "notice",
            "--edition",
            "final",
            "--since",
            "2999-12-31T23:59",
        ],
    );
    has(&md, "(最終報)");
    has(&md, "前回のお知らせから変更はありません。");
    let out = case(&db, &["draft", "1", "notice", "--since", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(2));
    let md = ok(&db, &["draft", "1", "individual", "--today", "2026-12-07"]);
    has(&md, "〔宛名〕様");
    let out = case(&db, &["draft", "1", "notice", "--stage", "確報"]);
    assert_eq!(out.status.code(), Some(2));

    // Cases are private: the casebook commands never show them.
    let out = jikenbo()
        .args(["export", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("ひなた商会"));
    let out = jikenbo()
        .args(["search", "ひなた", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 0, "{v}");
}

#[test]
fn unknown_fact_keys_are_refused_with_the_valid_ones() {
    let (d, db) = bcc_case("keys");
    let out = case(&db, &["set", "1", "persns=3", "aware=2026-12-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    has(&err, "「persns」(「persons」の誤り?) は事案の事実の項目ではありません。使える項目: org_kind, persons,");
    has(
        &err,
        r#"unknown fact "persns" (did you mean "persons"?); the facts are: org_kind"#,
    );
    assert!(err.find("使える項目").unwrap() < err.find("unknown fact").unwrap());
    for key in jikenbo_respond::fact_keys() {
        assert!(err.contains(key), "{key} not listed: {err}");
    }
    // Nothing was changed, not even the valid key given with it.
    let out = ok(&db, &["show", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["case"]["facts"]["persons"], 350);
    assert_eq!(v["case"]["facts"]["aware"], "2026-11-30");
    // A bad value names the fact.
    let out = case(&db, &["set", "1", "persons=many"]);
    assert_eq!(out.status.code(), Some(2));
    has(
        &text(&out.stderr),
        "事実「本人の数」(persons) に「many」は設定できません",
    );
    let out = case(&db, &["set", "1", "persons"]);
    has(&text(&out.stderr), "key=value");
    // At creation too, by --set and by --facts; no case is created.
    let out = case(
        &db,
        &[
            "new",
            "--title",
            "t",
            "--org",
            "o",
            "--set",
            "privacy_mrk=true",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    has(
        &text(&out.stderr),
        "「privacy_mrk」(「privacy_mark」の誤り?)",
    );
    let facts = d.join("bad.json");
    std::fs::write(&facts, r#"{"persons": 3, "zzz": 1}"#).unwrap();
    let out = case(
        &db,
        &[
            "new",
            "--title",
            "t",
            "--org",
            "o",
            "--facts",
            facts.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    has(
        &text(&out.stderr),
        "「zzz」 は事案の事実の項目ではありません",
    );
    let out = ok(&db, &["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cases"].as_array().unwrap().len(), 1, "{v}");
    // Unknown event kinds list the kinds.
    let out = case(&db, &["event", "1", "--kind", "報告", "--at", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(2));
    has(&text(&out.stderr), "速報 (ppc_sokuho)");
}

#[test]
fn due_exit_status_is_for_cron() {
    let d = tempdir("due");
    let db = d.join("cases.db");
    // An empty store: nothing is due.
    ok(
        &db,
        &[
            "new",
            "--create",
            "--title",
            "小さな事案",
            "--org",
            "株式会社れんげ工業",
            "--set",
            "persons=3",
            "--set",
            "data=name",
            "--set",
            "cause=misdelivery",
            "--set",
            "aware=2026-12-01",
            "--set",
            "privacy_mark=false",
        ],
    );
    let out = case(&db, &["due", "--today", "2026-12-20"]);
    assert_eq!(out.status.code(), Some(0));
    has(&text(&out.stdout), "対応が必要な期限はありません");
    // A case with a report due: overdue after the window, exit 1; JSON says how many.
    ok(
        &db,
        &[
            "new",
            "--title",
            "大きな事案",
            "--org",
            "株式会社れんげ工業",
            "--set",
            "persons=2000",
            "--set",
            "data=氏名",
            "--set",
            "cause=誤送信・誤送付",
            "--set",
            "aware=2026-12-01",
            "--set",
            "privacy_mark=いいえ",
        ],
    );
    let out = case(&db, &["due", "--today", "2026-12-02"]);
    assert_eq!(out.status.code(), Some(0));
    let out = case(&db, &["due", "--today", "2026-12-10", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overdue"], 1, "{v}");
    assert_eq!(v["items"][0]["case"], 2);
    assert_eq!(v["items"][0]["deadline"]["kind"], "sokuho");
    assert_eq!(v["items"][0]["deadline"]["days_left"], -4);
    // A closed case is left out.
    ok(&db, &["status", "2", "closed"]);
    let out = case(&db, &["due", "--today", "2026-12-10"]);
    assert_eq!(out.status.code(), Some(0));
    // The help says what the codes mean.
    let out = jikenbo().args(["case", "due", "--help"]).output().unwrap();
    let help = text(&out.stdout);
    has(&help, "0  期限を超過した項目なし");
    has(&help, "1  期限を超過した項目あり");
}

#[test]
fn a_missing_store_is_refused_and_not_created() {
    let d = tempdir("missing");
    let db = d.join("sub").join("typo.db");
    let commands: Vec<Vec<&str>> = vec![
        vec!["new", "--title", "t", "--org", "o"],
        vec!["list"],
        vec!["show", "1"],
        vec!["set", "1", "persons=3"],
        vec!["event", "1", "--kind", "発覚", "--at", "2026-12-01"],
        vec!["measure", "1", "--category", "人的", "--text", "研修"],
        vec!["status", "1", "完了"],
        vec!["due"],
        vec!["draft", "1", "ppc"],
    ];
    for args in commands {
        let out = case(&db, &args);
        let err = text(&out.stderr);
        // 2, not 1: `case due` in cron tells an error from something overdue.
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("事件簿ファイルが見つかりません")
                && err.contains(&db.display().to_string())
                && err.contains("jikenbo case new --create --db")
                && err.contains("no casebook store at"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
        assert!(
            std::fs::read_dir(&d).unwrap().next().is_none(),
            "{args:?} created something"
        );
    }
    // A case that does not exist in an existing store.
    let (_, db) = bcc_case("nocase");
    let out = case(&db, &["show", "7"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("事案 #7 はありません") && err.contains("no case 7"),
        "{err}"
    );
}

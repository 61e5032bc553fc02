//! `jikenbo case publish` end to end through the binary: a case is private until its notice is
//! published; then the notice's text (and only it) is an ordinary casebook record — searched,
//! counted, exported — with a casebook number that `case publish` prints and `case show` lists;
//! the 第2報 and the 最終報 (an edited text given with --file) follow up the same incident.
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
    let d = std::env::temp_dir().join(format!("jikenbo-publish-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `jikenbo ARGS --db DB`.
fn run(db: &Path, args: &[&str]) -> Output {
    jikenbo().args(args).arg("--db").arg(db).output().unwrap()
}

/// Runs a command that must succeed; returns its standard output.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
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

/// What the casebook shows anyone: search, statistics, the three exports and the audit view.
fn casebook(db: &Path) -> String {
    let mut all = String::new();
    for args in [
        &["search", "--format", "json"][..],
        &["stats", "--by", "cause"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
        &["export", "--format", "veris"],
        &["audit"],
    ] {
        all += &ok(db, args);
    }
    all
}

fn search_total(db: &Path, q: &str) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&ok(db, &["search", q, "--format", "json"])).unwrap();
    v["total"].clone()
}

/// Words of the case its notices do not say.
const PRIVATE: [&str; 2] = ["内密の検査結果", "キツツキ計画"];

#[test]
fn publishing_makes_the_notice_and_only_the_notice_public() {
    let d = tempdir("flow");
    let db = d.join("cases.db");
    let out = ok(
        &db,
        &[
            "case",
            "new",
            "--create",
            "--title",
            "メール送信時の宛先設定の誤りによるメールアドレスの流出",
            "--org",
            "株式会社ひなた商会",
            "--who",
            "佐藤",
            "--today",
            "2026-12-01",
            "--set",
            "org_kind=business",
            "--set",
            "persons=350",
            "--set",
            "data=email",
            "--set",
            "cause=誤送信・誤送付",
            "--set",
            "leak=confirmed",
            "--set",
            "aware=2026-11-30",
            "--set",
            "summary=会員向けのお知らせメールを送信する際、宛先をBCCとすべきところTOに入力した",
            "--set",
            "contact=お客様相談室 support@hinata.example",
            "--set",
            "notes=内密の検査結果",
            "--set",
            "discovered_by=キツツキ計画の監査担当",
        ],
    );
    has(&out, "事案 #1 を作成しました");

    // Private: nothing of the case in the casebook.
    let before = casebook(&db);
    assert!(!before.contains("ひなた"), "{before}");
    assert_eq!(search_total(&db, "ひなた"), 0);
    let show = ok(&db, &["case", "show", "1", "--today", "2026-12-02"]);
    has(
        &show,
        "公表 (事件簿に登録したお知らせ):\n  (なし: 事案は非公開です。",
    );

    // 第1報 (the default edition while nothing is published).
    let out = run(
        &db,
        &[
            "case",
            "publish",
            "1",
            "--today",
            "2026-12-02",
            "--author",
            "佐藤",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("事案 #1 のお知らせを事件簿に公表しました: #2026-001\n"),
        "{stdout}"
    );
    has(&stdout, "#2026-001 (第1報、新規) 文書 1 「株式会社ひなた商会_お詫びとお知らせ_第1報_2026-12-02.md」 (佐藤)");
    has(&stdout, "公表: 事件簿に登録: #2026-001");
    has(
        &stdout,
        "事案の事実・経過・再発防止策・下書きは非公開のままです",
    );
    // What is still unknown is said before it goes out as 未確認.
    has(&text(&out.stderr), "未確認のまま公表される項目");

    // Public: the notice is an ordinary record, and nothing else of the case is.
    assert_eq!(search_total(&db, "ひなた"), 1);
    assert_eq!(search_total(&db, "BCCとすべきところ"), 1);
    let after = casebook(&db);
    has(&after, "株式会社ひなた商会");
    for s in PRIVATE {
        assert!(!after.contains(s), "{s} became public");
        assert_eq!(search_total(&db, s), 0, "{s}");
    }
    let doc = ok(&db, &["document", "1"]);
    assert!(
        doc.starts_with(
            "# メール送信時の宛先設定の誤りによるメールアドレスの流出に関するお詫びとお知らせ\n"
        ),
        "{doc}"
    );
    assert!(!doc.contains("出典") && !doc.contains("作成メモ"), "{doc}");
    let show = ok(&db, &["show", "2026-001"]);
    has(&show, "株式会社ひなた商会");
    let show = ok(&db, &["case", "show", "1", "--today", "2026-12-02"]);
    has(&show, "公表 (事件簿に登録したお知らせ):\n  [1] ");
    has(&show, "#2026-001 (第1報、新規)");
    let v: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "case",
            "show",
            "1",
            "--format",
            "json",
            "--today",
            "2026-12-02",
        ],
    ))
    .unwrap();
    assert_eq!(v["publications"][0]["incidents"][0]["number"], "2026-001");

    // 第2報 (the default once a notice is out): a follow-up of the same incident.
    ok(
        &db,
        &["case", "set", "1", "persons=1,200", "--today", "2026-12-09"],
    );
    let out = ok(&db, &["case", "publish", "1", "--today", "2026-12-10"]);
    has(&out, "事件簿に公表しました: #2026-001\n");
    has(&out, "#2026-001 (第2報、続報)");
    has(&out, "_第2報_2026-12-10.md");
    assert_eq!(search_total(&db, "ひなた"), 1);
    let incident = ok(&db, &["show", "2026-001", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&incident).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2, "{v}");

    // 最終報 from an edited text.
    let edited = d.join("最終報.md");
    std::fs::write(
        &edited,
        "# メール送信時の宛先設定の誤りによるメールアドレスの流出に関するご報告(最終報)\n\n\
         2027年1月20日  \n株式会社ひなた商会\n\n\
         先にお知らせいたしました本件につきまして、調査が完了いたしましたので、ご報告いたします。\n\n\
         ## 1. 概要\n\n会員向けのお知らせメールを送信する際、宛先をBCCとすべきところTOに入力したため、\
         会員1,200人のメールアドレスが他の受信者に表示されました。二次被害は確認されておりません。\n",
    )
    .unwrap();
    let out = ok(
        &db,
        &[
            "case",
            "publish",
            "1",
            "--edition",
            "final",
            "--file",
            edited.to_str().unwrap(),
            "--at",
            "2027-01-20T10:00",
            "--today",
            "2027-01-20",
        ],
    );
    has(&out, "#2026-001 (最終報、続報) 文書 3 「最終報.md」");
    has(&out, "2027年1月20日 10時00分");
    assert_eq!(search_total(&db, "ひなた"), 1);
    let show = ok(&db, &["case", "show", "1", "--today", "2027-01-20"]);
    let pubs = show
        .split("公表 (事件簿に登録したお知らせ):\n")
        .nth(1)
        .unwrap();
    let lines: Vec<&str> = pubs.lines().collect();
    assert_eq!(lines.len(), 3, "{show}");
    for (line, want) in lines
        .iter()
        .zip(["(第1報、新規)", "(第2報、続報)", "(最終報、続報)"])
    {
        has(line, &format!("#2026-001 {want}"));
    }
    for s in PRIVATE {
        assert!(!casebook(&db).contains(s), "{s} became public");
    }

    // The same text twice, an unknown case, a missing file: refused, nothing changes.
    let before = casebook(&db);
    let out = run(
        &db,
        &[
            "case",
            "publish",
            "1",
            "--file",
            edited.to_str().unwrap(),
            "--today",
            "2027-01-21",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    has(&text(&out.stderr), "公表済み");
    let out = run(&db, &["case", "publish", "9"]);
    assert_eq!(out.status.code(), Some(2));
    has(&text(&out.stderr), "事案 #9 はありません");
    let out = run(
        &db,
        &["case", "publish", "1", "--file", "/nonexistent/x.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        casebook(&db) == before,
        "a refused publication changed the casebook"
    );
    let _ = std::fs::remove_dir_all(&d);
}

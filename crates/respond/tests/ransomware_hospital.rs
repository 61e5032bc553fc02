//! Scenario (ii): ransomware encrypted a file server holding 12,000 patients' records at a
//! hospital run by a medical corporation (fictional: 医療法人社団あおぞら会 あおぞら記念病院).
//!
//! Calendar checked by hand: 知った日 2026-09-25 is a Friday (day 1). 速報 目安: +3 … +5 =
//! 2026-09-28 (Mon) … 2026-09-30 (Wed), calendar days, not rolled. 確報: wrongful intent
//! (ransomware) → 60 days; day 60 = 2026-09-25 + 59 = 2026-11-23, 勤労感謝の日 (a Monday, a
//! national holiday) → the next open day, 2026-11-24 (Tue).

mod common;

use common::*;
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::*;

fn case() -> Case {
    let mut c = Case::new(
        2,
        "ランサムウェアによる電子カルテ関連サーバーの暗号化",
        "医療法人社団あおぞら会 あおぞら記念病院",
    );
    let f = Facts {
        org_kind: Some(OrgKind::Business),
        persons: Some(12_000),
        data: Some(vec![DataKind::Name, DataKind::Birthdate, DataKind::Health]),
        cause: Some(Cause::Ransomware),
        leak: Some(Leak::Possible),
        encrypted: Some(false),
        aware: Some(d("2026-09-25")),
        ..Facts::default()
    };
    let det = CaseDetails {
        summary: Some("院内のファイルサーバーがランサムウェアに感染し、保存されていた患者情報を含むファイルが暗号化された。外部への送信の有無を調査中。".into()),
        discovered_by: Some("情報システム課の職員(業務端末でファイルが開けないとの報告を受けて確認)".into()),
        data_medium: Some("電子データ(院内ファイルサーバー)".into()),
        data_category: Some("患者情報".into()),
        contact: Some("あおぞら記念病院 患者さま相談窓口 電話 0120-000-000(平日9時〜17時)".into()),
        ..CaseDetails::default()
    };
    c.set_facts(f, det, "情報システム課 小林", "2026-09-25T08:00:00Z");
    c.events = vec![
        Event::new(
            "2026-09-24T22:40".parse().unwrap(),
            EventKind::Occurred,
            "ファイルサーバーの暗号化が始まった(ログによる)",
            "小林",
        ),
        Event::new(
            "2026-09-25T08:15".parse().unwrap(),
            EventKind::Discovered,
            "業務端末でファイルが開けないとの報告",
            "小林",
        ),
        Event::new(
            "2026-09-25T11:00".parse().unwrap(),
            EventKind::PoliceConsultation,
            "県警サイバー犯罪相談窓口に相談",
            "総務課 森",
        ),
    ];
    c.measures = vec![
        {
            let mut m = Measure::new(
                "VPN機器のファームウェアを更新し、管理画面を外部から遮断",
                MeasureCategory::Technical,
                MeasureStatus::Done,
            );
            m.owner = Some("情報システム課".into());
            m.evidence = Some("更新作業報告書(2026-09-27)".into());
            m
        },
        {
            let mut m = Measure::new(
                "バックアップをネットワークから切り離して保管",
                MeasureCategory::Technical,
                MeasureStatus::InProgress,
            );
            m.owner = Some("情報システム課".into());
            m.due = Some(d("2026-10-30"));
            m
        },
        {
            let mut m = Measure::new(
                "全職員を対象とした情報セキュリティ研修",
                MeasureCategory::Human,
                MeasureStatus::Planned,
            );
            m.due = Some(d("2026-11-30"));
            m
        },
    ];
    c
}

#[test]
fn deadlines_follow_the_assessment_and_the_calendar() {
    let mut c = case();
    let today = d("2026-09-29");
    let ds = deadlines(&c, today);
    let s = deadline(&ds, DeadlineKind::Sokuho);
    assert_eq!(
        (s.window_from, s.due),
        (Some(d("2026-09-28")), Some(d("2026-09-30")))
    );
    assert_eq!((s.status, s.days_left), (DeadlineStatus::Due, Some(1)));
    let k = deadline(&ds, DeadlineKind::Kakuho);
    assert_eq!(k.due, Some(d("2026-11-24")));
    assert_eq!(k.days_left, Some(56));
    assert!(k.ground.contains("60日"), "{}", k.ground);
    assert!(k.ground.contains("勤労感謝の日"), "{}", k.ground);
    assert!(
        s.ground.contains("要配慮個人情報 (施行規則第7条第1号)"),
        "{}",
        s.ground
    );
    assert!(s
        .ground
        .contains("不正の目的によるおそれ (施行規則第7条第3号)"));
    assert!(s.ground.contains("本人の数 (施行規則第7条第4号)"));
    let n = deadline(&ds, DeadlineKind::IndividualNotice);
    assert_eq!((n.status, n.due), (DeadlineStatus::NoFixedDate, None));
    // The Privacy Mark is not known either way: asked, not assumed.
    let p = deadline(&ds, DeadlineKind::PrivacyMarkReport);
    assert_eq!(p.status, DeadlineStatus::Undetermined);
    assert!(p.ground.contains("未確認"));
    assert!(!has(&ds, DeadlineKind::PpcReport));

    // The 速報 is filed: met; the 確報 counts down.
    c.events.push(Event::new(
        "2026-09-29T16:00".parse().unwrap(),
        EventKind::PpcSokuho,
        "報告フォームにより速報",
        "森",
    ));
    let ds = deadlines(&c, today);
    let s = deadline(&ds, DeadlineKind::Sokuho);
    assert_eq!(s.status, DeadlineStatus::Met);
    assert_eq!(s.met_on.map(|t| t.date), Some(d("2026-09-29")));
    assert!(!s.met_late);
    assert_eq!(s.line(), "速報(個人情報保護委員会): 目安 2026年9月28日(月)〜2026年9月30日(水) 済(2026年9月29日 16時00分)");
    assert_eq!(
        deadline(&ds, DeadlineKind::Kakuho).line(),
        "確報(個人情報保護委員会): 2026年11月24日(火)まで 残り56日"
    );
    // A day past the 確報 due date without it: overdue.
    let late = deadlines(&c, d("2026-11-25"));
    let k = deadline(&late, DeadlineKind::Kakuho);
    assert_eq!(
        (k.status, k.days_left, k.days_overdue()),
        (DeadlineStatus::Overdue, Some(-1), 1)
    );
    assert_eq!(
        k.line(),
        "確報(個人情報保護委員会): 2026年11月24日(火)まで 1日超過"
    );
}

#[test]
fn drafts_hold_the_items_and_leave_unknowns_unknown() {
    let c = case();
    let today = d("2026-10-20");
    assert_eq!(ppc_forms(&c), [PpcForm::Private]);
    let k = ppc_report(&c, PpcForm::Private, ReportStage::Kakuho, today);
    check_ppc_items(&k);
    check_unknowns(&c, &k);
    assert_eq!(field(&k, "本人の数"), Some("12,000人"));
    assert_eq!(field(&k, "項目"), Some("氏名、生年月日、病歴・診療・健診"));
    assert_eq!(field(&k, "発生日時"), Some("2026年9月24日 22時40分"));
    assert_eq!(field(&k, "二次被害又はそのおそれの有無及びその内容"), None);
    assert_eq!(field(&k, "原因の詳細"), None);
    assert_eq!(field(&k, "本人への通知"), None);
    // Item 8: taken and planned apart.
    let taken = field(&k, "実施済みの措置").unwrap();
    assert!(taken.contains("VPN機器") && taken.contains("完了の根拠: 更新作業報告書"));
    assert!(!taken.contains("バックアップ"));
    let planned = field(&k, "今後実施予定の措置").unwrap();
    assert!(planned.contains("【技術的】バックアップ") && planned.contains("実施中"));
    assert!(planned.contains("【人的】全職員") && planned.contains("期限: 2026年11月30日"));
    let md = k.to_markdown();
    assert!(
        md.contains(
            "> 出典: 事実「本人の数」(persons)／入力: 情報システム課 小林 2026-09-25T08:00:00Z"
        ),
        "{md}"
    );
    assert!(md.contains("確報では全ての事項を報告します"));
    let items = field(&k, "報告対象となる事態(施行規則第7条各号)").unwrap();
    assert_eq!(items, "要配慮個人情報 (施行規則第7条第1号)\n不正の目的によるおそれ (施行規則第7条第3号)\n本人の数 (施行規則第7条第4号)");

    let pm = privacy_mark_report(&c, ReportStage::Sokuho, today);
    check_unknowns(&c, &pm);
    assert_eq!(field(&pm, "報告先(審査機関)"), None);
    let notice = public_notice(&c, NoticeEdition::First, None, today);
    check_unknowns(&c, &notice);
    assert!(notice.headings().contains(&"3. 漏えいしたおそれのある情報"));
    let ind = individual_notice(&c, today);
    check_unknowns(&c, &ind);
    assert_eq!(field(&ind, "ご本人様へのお願い"), None);
    // JIKENBO_SHOW_DRAFTS=DIR writes the drafts there (Markdown and .docx) to read them.
    if let Some(dir) = std::env::var_os("JIKENBO_SHOW_DRAFTS") {
        let dir = std::path::PathBuf::from(dir);
        for (name, dr) in [
            ("ppc", &k),
            ("pmark", &pm),
            ("notice", &notice),
            ("individual", &ind),
        ] {
            std::fs::write(dir.join(format!("{name}.md")), dr.to_markdown()).unwrap();
            std::fs::write(dir.join(format!("{name}.docx")), dr.to_docx().unwrap()).unwrap();
        }
    }
}

#[test]
fn second_report_lists_what_changed_since_the_first() {
    let first = case();
    let mut now = first.clone();
    let mut det = now.details.clone();
    det.secondary_damage =
        Some("現時点で、患者情報の不正な利用等の二次被害は確認されていない。".into());
    let mut f = now.facts.clone();
    f.leak = Some(Leak::Confirmed);
    now.set_facts(f, det, "小林", "2026-10-15T01:00:00Z");
    now.events.push(Event::new(
        "2026-10-14".parse().unwrap(),
        EventKind::InvestigationDone,
        "外部の調査会社による調査で、一部のファイルの外部送信を確認",
        "小林",
    ));
    now.measures[1].status = MeasureStatus::Done;
    let second = public_notice(
        &now,
        NoticeEdition::Followup(2),
        Some(&first),
        d("2026-10-16"),
    );
    assert_eq!(
        second.title,
        "ランサムウェアによる電子カルテ関連サーバーの暗号化に関するお詫びとお知らせ(第2報)"
    );
    let changes = second
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Bullets(v) => Some(v.clone()),
            _ => None,
        })
        .expect("the list of changes");
    assert_eq!(
        changes,
        [
            "漏えい等の状況: 漏えいのおそれ → 漏えい確認",
            "二次被害: 未確認 → 現時点で、患者情報の不正な利用等の二次被害は確認されていない。",
            "経過の追加: 2026年10月14日 調査完了: 外部の調査会社による調査で、一部のファイルの外部送信を確認",
            "再発防止策の進捗: バックアップをネットワークから切り離して保管 実施中 → 完了",
        ]
    );
    assert!(second.headings().contains(&"3. 漏えいした情報"));
    check_unknowns(&now, &second);
    let fin = public_notice(&now, NoticeEdition::Final, Some(&now), d("2026-11-20"));
    assert!(fin
        .to_markdown()
        .contains("前回のお知らせから変更はありません。"));
}

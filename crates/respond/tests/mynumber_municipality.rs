//! Scenario (iii): a municipality mailed 特別徴収税額決定通知書 bearing employees' My Numbers to
//! the wrong employers (fictional: さざなみ市), 150 persons.
//!
//! Both APPI Art. 68 (行政機関等: more than 100 persons, 施行規則第43条第4号) and the My Number
//! Act (more than 100, 報告規則第2条第4号) apply. Calendar checked by hand: 知った日 2026-08-24
//! is a Monday (day 1). 速報 目安 2026-08-27 (Thu) … 2026-08-29 (Sat). 確報 30 days: day 30 =
//! 2026-09-22, 国民の休日 (between 敬老の日 09-21 and 秋分の日 09-23) → 09-23 秋分の日 →
//! 2026-09-24 (Thu).

mod common;

use common::*;
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::*;

fn case() -> Case {
    let mut c = Case::new(3, "特別徴収税額決定通知書の誤送付", "さざなみ市");
    let f = Facts {
        org_kind: Some(OrgKind::PublicBody),
        persons: Some(150),
        my_number_persons: Some(150),
        data: Some(vec![
            DataKind::Name,
            DataKind::Address,
            DataKind::MyNumber,
            DataKind::Financial,
        ]),
        cause: Some(Cause::Misdelivery),
        leak: Some(Leak::Confirmed),
        aware: Some(d("2026-08-24")),
        ..Facts::default()
    };
    let det = CaseDetails {
        summary: Some(
            "令和8年度の特別徴収税額決定通知書(特別徴収義務者用)を、別の事業所に誤って送付した。"
                .into(),
        ),
        discovered_by: Some("通知書を受け取った事業所の担当者からの電話連絡".into()),
        data_medium: Some("紙(郵送)".into()),
        cause_entity: Some("市(税務課)".into()),
        ..CaseDetails::default()
    };
    c.set_facts(f, det, "税務課 山田", "2026-08-24T01:30:00Z");
    c.events = vec![Event::new(
        "2026-08-24T09:30".parse().unwrap(),
        EventKind::Discovered,
        "受け取った事業所からの連絡",
        "山田",
    )];
    c
}

#[test]
fn two_laws_one_calendar() {
    let c = case();
    let today = d("2026-08-25");
    let ds = deadlines(&c, today);
    let s = deadline(&ds, DeadlineKind::Sokuho);
    assert_eq!(
        (s.window_from, s.due),
        (Some(d("2026-08-27")), Some(d("2026-08-29")))
    );
    assert!(
        s.ground
            .starts_with("個人情報保護法第68条・番号法第29条の4による報告義務"),
        "{}",
        s.ground
    );
    assert!(
        s.ground.contains("本人の数 (施行規則第43条第4号)"),
        "{}",
        s.ground
    );
    assert!(
        s.ground
            .contains("マイナンバー: 100人超 (特定個人情報漏えい等報告規則第2条第4号)"),
        "{}",
        s.ground
    );
    let k = deadline(&ds, DeadlineKind::Kakuho);
    assert_eq!(k.due, Some(d("2026-09-24")));
    assert_eq!(k.days_left, Some(30));
    assert!(k.ground.contains("国民の休日"), "{}", k.ground);
    assert_eq!(
        deadline(&ds, DeadlineKind::IndividualNotice).status,
        DeadlineStatus::NoFixedDate
    );
    assert_eq!(ppc_forms(&c), [PpcForm::Public, PpcForm::MyNumber]);
    // A 確報 filed on the 24th meets it (and the 速報 with it: one report may serve as both).
    let mut filed = c.clone();
    filed.events.push(Event::new(
        "2026-09-24T15:00".parse().unwrap(),
        EventKind::PpcKakuho,
        "",
        "山田",
    ));
    let ds = deadlines(&filed, d("2026-09-25"));
    let k = deadline(&ds, DeadlineKind::Kakuho);
    assert_eq!((k.status, k.met_late), (DeadlineStatus::Met, false));
    let s = deadline(&ds, DeadlineKind::Sokuho);
    assert_eq!((s.status, s.met_late), (DeadlineStatus::Met, true));
    assert!(
        s.line().ends_with("済(2026年9月24日 15時00分、期限後)"),
        "{}",
        s.line()
    );
}

#[test]
fn public_body_and_my_number_forms() {
    let c = case();
    let today = d("2026-08-26");
    let public = ppc_report(&c, PpcForm::Public, ReportStage::Sokuho, today);
    check_ppc_items(&public);
    check_unknowns(&c, &public);
    assert!(public.title.contains("行政機関等"));
    assert!(public
        .headings()
        .contains(&"2. 漏えい等が発生し、又は発生したおそれがある保有個人情報の項目"));
    assert_eq!(
        field(&public, "報告対象となる事態(施行規則第43条各号)"),
        Some("本人の数 (施行規則第43条第4号)")
    );
    assert_eq!(field(&public, "本人の数"), Some("150人"));
    assert_eq!(field(&public, "種類(顧客情報・従業者情報等)"), None);
    assert_eq!(field(&public, "発生日時"), None);
    let md = public.to_markdown();
    assert!(md.contains("根拠: 個人情報保護法第68条第1項、施行規則第44条"));
    assert!(
        md.contains("個人情報保護法第68条と番号法第29条の4の両方で報告対象です"),
        "{md}"
    );

    let mn = ppc_report(&c, PpcForm::MyNumber, ReportStage::Sokuho, today);
    check_ppc_items(&mn);
    check_unknowns(&c, &mn);
    assert!(mn.title.contains("特定個人情報"));
    assert!(mn
        .headings()
        .contains(&"3. 漏えい等が発生し、又は発生したおそれがある特定個人情報に係る本人の数"));
    assert_eq!(field(&mn, "本人の数(特定個人情報)"), Some("150人"));
    assert_eq!(
        field(
            &mn,
            "報告対象となる事態(特定個人情報漏えい等報告規則第2条各号)"
        ),
        Some("マイナンバー: 100人超 (特定個人情報漏えい等報告規則第2条第4号)")
    );
    assert!(mn
        .to_markdown()
        .contains("根拠: 番号法第29条の4第1項、特定個人情報漏えい等報告規則第3条第1項"));
    let xml = document_xml(&mn.to_docx().unwrap());
    assert!(xml.contains("特定個人情報の項目"));

    // The My Number count unknown: 未確認, not the number of persons.
    let mut unknown = c.clone();
    unknown.facts.my_number_persons = None;
    let mn = ppc_report(&unknown, PpcForm::MyNumber, ReportStage::Sokuho, today);
    assert_eq!(field(&mn, "本人の数(特定個人情報)"), None);
    check_unknowns(&unknown, &mn);

    let notice = public_notice(&c, NoticeEdition::First, None, today);
    check_unknowns(&c, &notice);
    assert!(notice.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.starts_with("このたび、さざなみ市において、個人情報の漏えいが発生いたしました。"))));
    check_unknowns(&c, &individual_notice(&c, today));
}

//! Scenario (iv): a processor (委託先) whose mailing server was broken into holds 5,000 of its
//! client's customers' records, and notified the client (委託元) at once (fictional:
//! 株式会社こもれびデータサービス, a Privacy-Mark holder). Art. 26(1) proviso and Rule 9 release
//! it from the PPC report and the notice to individuals; the client reports.
//!
//! Calendar checked by hand: 知った日 2026-12-28 is a Monday (day 1). The notice to the 委託元:
//! 目安 +3 … +5 = 2026-12-31 … 2027-01-02 (calendar days, not rolled, as the assess crate
//! counts the 速報 window). Privacy-Mark: wrongful intent (unauthorized access) → 60 days;
//! day 60 = 2027-02-25, a Thursday and no holiday (天皇誕生日 is 02-23) → 2027-02-25; its 速報
//! window is the same 12-31 … 01-02.

mod common;

use common::*;
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::*;

fn case() -> Case {
    let mut c = Case::new(
        4,
        "受託業務で使用するメール配信サーバーへの不正アクセス",
        "株式会社こもれびデータサービス",
    );
    let f = Facts {
        org_kind: Some(OrgKind::Business),
        persons: Some(5_000),
        data: Some(vec![DataKind::Name, DataKind::Email, DataKind::Phone]),
        cause: Some(Cause::UnauthorizedAccess),
        leak: Some(Leak::Possible),
        processor_notified_controller: Some(true),
        aware: Some(d("2026-12-28")),
        ..Facts::default()
    };
    let det = CaseDetails {
        privacy_mark: Some(true),
        entrustment: Some(
            "当社は委託先。委託元(通信販売事業者)から会員へのメール配信業務を受託".into(),
        ),
        cause_entity: Some("委託先(当社)".into()),
        ..CaseDetails::default()
    };
    c.set_facts(f, det, "CSIRT 高橋", "2026-12-28T03:00:00Z");
    c
}

#[test]
fn notice_to_the_controller_relieves_the_duty() {
    let mut c = case();
    let today = d("2026-12-29");
    let ds = deadlines(&c, today);
    let ppc = deadline(&ds, DeadlineKind::PpcReport);
    assert_eq!(ppc.status, DeadlineStatus::NotRequired);
    assert!(
        ppc.ground
            .contains("委託先として委託元へ速やかに通知したため、報告・本人通知の義務を負わない"),
        "{}",
        ppc.ground
    );
    assert!(ppc.ground.contains("施行規則第9条"));
    let n = deadline(&ds, DeadlineKind::IndividualNotice);
    assert_eq!(n.status, DeadlineStatus::NotRequired);
    assert!(n.ground.contains("委託元へ通知したため"), "{}", n.ground);
    let cn = deadline(&ds, DeadlineKind::ControllerNotice);
    assert_eq!(
        (cn.window_from, cn.due),
        (Some(d("2026-12-31")), Some(d("2027-01-02")))
    );
    assert_eq!((cn.status, cn.days_left), (DeadlineStatus::Due, Some(4)));
    let pms = deadline(&ds, DeadlineKind::PrivacyMarkSokuho);
    assert!(
        pms.ground.contains("不正の目的のおそれ・1,000人超"),
        "{}",
        pms.ground
    );
    let pm = deadline(&ds, DeadlineKind::PrivacyMarkReport);
    assert_eq!(pm.due, Some(d("2027-02-25")));
    assert!(pm.ground.contains("60日"));

    // The notice to the 委託元 recorded: met. A 審査機関 速報 meets the 速報 only.
    c.events.push(Event::new(
        "2026-12-28T17:00".parse().unwrap(),
        EventKind::ControllerReport,
        "委託元の個人情報保護管理者へ電話と書面で通知",
        "高橋",
    ));
    let mut pm_sokuho = Event::new(
        "2026-12-30".parse().unwrap(),
        EventKind::PrivacyMarkReport,
        "",
        "高橋",
    );
    pm_sokuho.stage = Some(ReportStage::Sokuho);
    c.events.push(pm_sokuho);
    let ds = deadlines(&c, d("2026-12-30"));
    assert_eq!(
        deadline(&ds, DeadlineKind::ControllerNotice).status,
        DeadlineStatus::Met
    );
    assert_eq!(
        deadline(&ds, DeadlineKind::PrivacyMarkSokuho).status,
        DeadlineStatus::Met
    );
    assert_eq!(
        deadline(&ds, DeadlineKind::PrivacyMarkReport).status,
        DeadlineStatus::Due
    );

    // Had it not notified the client, it would owe the report itself (60 days: wrongful).
    let mut own = c.clone();
    own.facts.processor_notified_controller = Some(false);
    let lines = recompute(&c, &own, d("2026-12-30"));
    assert!(lines[0].starts_with("個人情報保護委員会への報告: 不要 → 必要 (報告対象の事態: 不正の目的によるおそれ (施行規則第7条第3号)、本人の数 (施行規則第7条第4号))"), "{lines:?}");
    assert!(
        lines.contains(&"不要になった: 委託元への報告".to_string()),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("新たに必要: 確報(個人情報保護委員会): 2027年2月25日(木)まで")),
        "{lines:?}"
    );
}

#[test]
fn drafts_of_the_processor() {
    let c = case();
    let today = d("2026-12-29");
    let ppc = ppc_report(&c, PpcForm::Private, ReportStage::Sokuho, today);
    check_ppc_items(&ppc);
    check_unknowns(&c, &ppc);
    assert!(ppc
        .to_markdown()
        .contains("現在の事実では個人情報保護法第26条による報告義務はありません"));
    assert_eq!(field(&ppc, "発生事案"), None);
    assert_eq!(field(&ppc, "事実経過"), None);
    // no 発覚 on the timeline: the day the processor became aware stands for it
    assert_eq!(field(&ppc, "発覚日時"), Some("2026年12月28日"));
    assert_eq!(
        field(&ppc, "委託元・委託先の関係"),
        Some("当社は委託先。委託元(通信販売事業者)から会員へのメール配信業務を受託")
    );
    // The reportable situation stands (the grounds), only this body is released.
    assert_eq!(
        field(&ppc, "報告対象となる事態(施行規則第7条各号)"),
        Some("不正の目的によるおそれ (施行規則第7条第3号)\n本人の数 (施行規則第7条第4号)")
    );
    let pm = privacy_mark_report(&c, ReportStage::Sokuho, today);
    check_unknowns(&c, &pm);
    assert_eq!(field(&pm, "事故発生元"), Some("委託先(当社)"));
    assert_eq!(field(&pm, "報告先(審査機関)"), None);
    let xml = document_xml(&pm.to_docx().unwrap());
    assert!(xml.contains("未確認"));
    check_unknowns(&c, &public_notice(&c, NoticeEdition::First, None, today));
    check_unknowns(&c, &individual_notice(&c, today));
}

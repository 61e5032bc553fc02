//! Scenario (i): on 2026-11-30 a company sent a notice to 350 customers with their addresses
//! in To instead of Bcc (fictional: 株式会社ひなた商会, a Privacy-Mark holder).
//!
//! Calendar checked by hand: 知った日 2026-11-30 is a Monday (day 1). No PPC report: 350 persons
//! is not above 1,000 and e-mail addresses are neither 要配慮 nor payment data, a misdelivery
//! is no wrongful act. Privacy-Mark 事故報告 (30 days, counted like the 確報): day 30 =
//! 2026-12-29 (Tue), closed (12-29 … 01-03: 年末年始; 01-02 Sat, 01-03 Sun) → 2027-01-04 (Mon;
//! 成人の日 2027 is 01-11). When the count becomes 1,200: PPC 速報 目安 2026-12-03 (Thu) …
//! 2026-12-05 (Sat), 確報 (30 days) also 2027-01-04.

mod common;

use common::*;
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::*;

fn case() -> Case {
    let mut c = Case::new(
        1,
        "メール送信時の宛先設定の誤りによるメールアドレスの流出",
        "株式会社ひなた商会",
    );
    let f = Facts {
        org_kind: Some(OrgKind::Business),
        persons: Some(350),
        data: Some(vec![DataKind::Email]),
        cause: Some(Cause::Misdelivery),
        leak: Some(Leak::Confirmed),
        aware: Some(d("2026-11-30")),
        ..Facts::default()
    };
    let det = CaseDetails {
        privacy_mark: Some(true),
        privacy_mark_body: Some("一般財団法人 架空情報協会(審査機関)".into()),
        industry: Some("小売業(通信販売)".into()),
        summary: Some("会員向けのお知らせメールを送信する際、宛先をBCCとすべきところTOに入力したため、受信者間で他の受信者のメールアドレスが表示された。".into()),
        data_medium: Some("電子メール".into()),
        data_category: Some("顧客情報(会員)".into()),
        cause_detail: Some("一斉送信の際、送信前の宛先欄の確認が担当者1名のみで行われていた。".into()),
        cause_entity: Some("当社(報告者)".into()),
        contact: Some("株式会社ひなた商会 お客様相談室 メール support@hinata.example".into()),
        ..CaseDetails::default()
    };
    c.set_facts(f, det, "個人情報保護管理者 佐藤", "2026-11-30T06:00:00Z");
    c.events = vec![
        Event::new(
            "2026-11-30T10:12".parse().unwrap(),
            EventKind::Occurred,
            "会員350名宛てのお知らせメールをTOで送信",
            "佐藤",
        ),
        Event::new(
            "2026-11-30T10:40".parse().unwrap(),
            EventKind::Discovered,
            "受信した会員からの指摘",
            "佐藤",
        ),
    ];
    c
}

#[test]
fn no_ppc_duty_but_the_privacy_mark_report_rolls_past_new_year() {
    let c = case();
    let today = d("2026-12-01");
    let ds = deadlines(&c, today);
    let ppc = deadline(&ds, DeadlineKind::PpcReport);
    assert_eq!(ppc.status, DeadlineStatus::NotRequired);
    assert!(
        ppc.ground
            .starts_with("結論(個人情報保護法第26条): 報告義務なし"),
        "{}",
        ppc.ground
    );
    assert!(
        ppc.ground.contains("本人の数 350人は1,000人以下: 非該当"),
        "{}",
        ppc.ground
    );
    assert!(ppc.ground.contains("任意の報告は可能"));
    assert!(ppc
        .line()
        .starts_with("個人情報保護委員会への報告: 不要 — 結論"));
    assert!(!has(&ds, DeadlineKind::Sokuho) && !has(&ds, DeadlineKind::Kakuho));
    assert_eq!(
        deadline(&ds, DeadlineKind::IndividualNotice).status,
        DeadlineStatus::NotRequired
    );
    // The Privacy Mark: even one person's data is reported; no 速報 (nothing serious).
    assert!(!has(&ds, DeadlineKind::PrivacyMarkSokuho));
    let pm = deadline(&ds, DeadlineKind::PrivacyMarkReport);
    assert_eq!(pm.due, Some(d("2027-01-04")));
    assert_eq!(pm.days_left, Some(34));
    assert!(pm.ground.contains("30日以内"));
}

#[test]
fn crossing_one_thousand_persons_brings_the_ppc_deadlines() {
    let before = case();
    let mut after = before.clone();
    let mut f = after.facts.clone();
    f.persons = Some(1_200);
    let changes = after.set_facts(f, after.details.clone(), "佐藤", "2026-12-01T02:00:00Z");
    assert_eq!(changes.len(), 1);
    assert_eq!(after.provenance["persons"].at, "2026-12-01T02:00:00Z");
    let today = d("2026-12-01");
    let u = update(&before, &after, today);
    assert_eq!(
        u.lines(),
        [
            "本人の数: 350人 → 1,200人",
            "個人情報保護委員会への報告: 不要 → 必要 (報告対象の事態: 本人の数 (施行規則第7条第4号))",
            "新たに必要: 速報(個人情報保護委員会): 目安 2026年12月3日(木)〜2026年12月5日(土) 残り4日",
            "新たに必要: 確報(個人情報保護委員会): 2027年1月4日(月)まで 残り34日",
            "新たに必要: 本人への通知: 期限日なし(事態の状況に応じて速やかに)",
            "新たに必要: 審査機関への速報(プライバシーマーク): 目安 2026年12月3日(木)〜2026年12月5日(土) 残り4日",
        ]
    );
    // And back: the duty vanishes.
    let back = recompute(&after, &before, today);
    assert!(
        back[0].starts_with("個人情報保護委員会への報告: 必要 → 不要"),
        "{back:?}"
    );
    assert!(back.contains(&"不要になった: 確報(個人情報保護委員会)".to_string()));
    // Nothing changed: said so.
    assert_eq!(
        recompute(&before, &before, today),
        ["期限に変更はありません"]
    );
    // Card numbers too: 財産的被害 (Rule 7(ii)) even below 1,000.
    let mut card = before.clone();
    card.facts.data = Some(vec![DataKind::Email, DataKind::CreditCard]);
    let lines = recompute(&before, &card, today);
    assert!(
        lines[0].contains("財産的被害のおそれ (施行規則第7条第2号)"),
        "{lines:?}"
    );
}

#[test]
fn drafts_of_a_voluntary_report_and_the_privacy_mark_report() {
    let c = case();
    let today = d("2026-12-01");
    let ppc = ppc_report(&c, PpcForm::Private, ReportStage::Sokuho, today);
    check_ppc_items(&ppc);
    check_unknowns(&c, &ppc);
    let md = ppc.to_markdown();
    assert!(md.contains("任意の報告として作成"), "{md}");
    assert_eq!(
        field(&ppc, "報告対象となる事態(施行規則第7条各号)"),
        Some("該当なし(現在の事実による)")
    );
    assert_eq!(field(&ppc, "本人の数"), Some("350人"));
    assert_eq!(field(&ppc, "発見者"), None);
    assert_eq!(
        field(&ppc, "二次被害又はそのおそれの有無及びその内容"),
        None
    );
    assert_eq!(field(&ppc, "実施済みの措置"), None);

    let pm = privacy_mark_report(&c, ReportStage::Kakuho, today);
    check_unknowns(&c, &pm);
    let heads = pm.headings();
    for (i, item) in PRIVACY_MARK_ITEMS.iter().enumerate() {
        assert_eq!(heads[i], format!("{}. {item}", i + 1));
    }
    assert_eq!(field(&pm, "業種"), Some("小売業(通信販売)"));
    assert_eq!(field(&pm, "安全管理措置の実施状況"), None);
    let text = docx_text(&pm.to_docx().unwrap());
    assert!(text.contains("11. 事業者における再発防止策等"));
    assert!(
        text.contains("審査機関への事故報告(プライバシーマーク): 2027年1月4日(月)まで 残り34日")
    );

    let notice = public_notice(&c, NoticeEdition::First, None, today);
    check_unknowns(&c, &notice);
    assert_eq!(
        notice.title,
        "メール送信時の宛先設定の誤りによるメールアドレスの流出に関するお詫びとお知らせ"
    );
    assert!(notice.headings().contains(&"3. 漏えいした情報"));
    let ind = individual_notice(&c, today);
    check_unknowns(&c, &ind);
}

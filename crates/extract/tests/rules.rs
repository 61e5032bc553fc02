//! Fixture tests for the field rules, one small fictional notice per behaviour.
use jikenbo_extract::extract_text;
use jikenbo_model::{Actor, Cause, DataKind, Incident, Leak};

fn one(text: &str) -> Incident {
    let v = extract_text("t.txt", text);
    assert_eq!(v.len(), 1, "expected one incident, got {v:#?}");
    v.into_iter().next().unwrap()
}

#[test]
fn affected_sums_categories_of_the_data_section() {
    let i = one("2030年1月10日\nサンプル工業株式会社\n\n不正アクセスについて\n\n当社サーバーへの不正アクセスがありました。\n\n2. 漏えいのおそれがある個人情報\n会員 1,200件\n退会者 ３００件\n\n3. 原因\n脆弱性です。");
    assert_eq!(i.affected, Some(1500));
}

#[test]
fn affected_takes_a_total_not_total_plus_subset() {
    let i = one("ある事業者で不正アクセスがあり、全国で計約12万件、うち北区では約3,000件の個人情報が流出しました。");
    assert_eq!(i.affected, Some(120_000));
}

#[test]
fn affected_breakdown_in_parentheses_is_not_added() {
    let i = one(
        "■漏えいした個人情報の件数\n500人分(顧客300人分、取引先200人分)\n誤送信によるものです。",
    );
    assert_eq!(i.affected, Some(500));
}

#[test]
fn affected_written_forms() {
    assert_eq!(
        one("顧客情報 約2.2万件が流出しました。").affected,
        Some(22_000)
    );
    assert_eq!(
        one("会員 二百五十件分の個人情報が流出しました。").affected,
        Some(250)
    );
    assert_eq!(
        one("名簿(1 2 0 人の氏名)が流出しました。").affected,
        Some(120)
    );
    assert_eq!(
        one("合計約 31 万人分の個人データが流出しました。").affected,
        Some(310_000)
    );
}

#[test]
fn organizations_and_staff_are_not_persons_affected() {
    let i = one("最大40社の資料が閲覧可能な状態でした。担当職員2人に懲戒処分を行いました。");
    assert_eq!(i.affected, None);
}

#[test]
fn era_dates_and_context_year() {
    let i = one("令和7年4月3日\nみどり市\n\n書類の紛失について\n\n3月28日、職員が書類を紛失しました。3月31日に紛失に気付きました。");
    assert_eq!(i.published.unwrap().to_string(), "2025-04-03");
    assert_eq!(i.occurred.unwrap().to_string(), "2025-03-28");
    assert_eq!(i.discovered.unwrap().to_string(), "2025-03-31");
}

#[test]
fn a_period_start_is_an_occurrence_not_a_discovery() {
    let i = one("2031年5月以降、職員が業務外で住民情報を閲覧していたことが判明しました。");
    assert_eq!(i.occurred.unwrap().to_string(), "2031-05");
    assert_eq!(i.discovered, None);
}

#[test]
fn leak_possible_beats_no_finding_and_confirmed_wins() {
    assert_eq!(
        one("調査で流出の形跡は確認できませんでしたが、個人情報の漏えいの可能性は否定できません。")
            .leak,
        Some(Leak::Possible)
    );
    assert_eq!(
        one("調査の結果、外部への個人情報の流出は確認されませんでした。不正アクセスを受けました。")
            .leak,
        Some(Leak::None)
    );
    assert_eq!(
        one("お客様の個人情報が流出しました。").leak,
        Some(Leak::Confirmed)
    );
    // a denial of confirmation is not a confirmation
    assert_eq!(
        one("個人情報の流出が確認されていないが、漏えいしたおそれがある。不正アクセス。").leak,
        Some(Leak::Possible)
    );
}

#[test]
fn data_kinds_skip_denials_and_procedures() {
    let i = one("漏えいした可能性のある情報\n氏名、電話番号、生年月日\nなお、クレジットカード番号は含まれておりません。\n「マイナンバーカード交付等業務」の委託先で不正アクセスがありました。");
    assert_eq!(
        i.data,
        vec![DataKind::Name, DataKind::Phone, DataKind::Birthdate]
    );
}

#[test]
fn support_scam_outranks_unauthorized_access_and_actor_is_external() {
    let i = one("職員が画面に表示された電話番号に電話し、遠隔操作ソフトをインストールしたため、不正アクセスを受けました。");
    assert_eq!(i.cause, Some(Cause::SupportScam));
    assert_eq!(i.actor, Some(Actor::External));
}

#[test]
fn insider_causes_and_partner_actor() {
    let i = one("委託先の作業者が顧客データを不正に持ち出していたことが判明しました。");
    assert_eq!(i.cause, Some(Cause::InsiderTheft));
    assert_eq!(i.actor, Some(Actor::Partner));
    assert_eq!(i.leak, Some(Leak::Confirmed));
    let i = one("職員が職務と関係なく住民の税情報を閲覧していました。");
    assert_eq!(i.cause, Some(Cause::InsiderSnooping));
    assert_eq!(i.actor, Some(Actor::Internal));
    assert!(i.labels.contains(&"インシデント:内部犯行".to_string()));
}

#[test]
fn no_incident_words_no_records() {
    assert!(extract_text(
        "m.txt",
        "定期メンテナンスのお知らせ\n明日はサービスを停止します。"
    )
    .is_empty());
    assert!(extract_text("e.txt", "").is_empty());
}

#[test]
fn casebook_page_gives_one_record_per_heading() {
    let t = "【事件簿#2032-001】さくら病院 サポート詐欺による情報漏えいの可能性について 2032/1/5\n本文。サポート詐欺の被害。\n【事件簿#2032-002】あおば町 職員の処分について 2032/1/4\n職員が住民情報を業務外で閲覧しました。\n";
    let v = extract_text("p.txt", t);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].organization.as_deref(), Some("さくら病院"));
    assert_eq!(v[1].cause, Some(Cause::InsiderSnooping));
}

#[test]
fn every_field_has_evidence_pointing_into_the_original() {
    let t = "２０３０年１月１０日\n株式会社サンプル\n\n顧客情報　約１，２００件が流出しました。原因は不正アクセスです。";
    let i = one(t);
    for e in &i.evidence {
        assert_eq!(&t[e.start..e.end], e.text, "{}", e.field);
    }
    for f in [
        "organization",
        "published",
        "affected",
        "leak",
        "cause",
        "actor",
    ] {
        assert!(i.evidence_for(f).is_some(), "no evidence for {f}");
    }
    assert_eq!(i.evidence_for("affected").unwrap().text, "約１，２００件");
}

//! Pipeline-level fixtures (one small fictional notice per behaviour); the field rules have
//! their fixtures next to them, in `src/fields/*.rs`.
use jikenbo_extract::extract_text;
use jikenbo_model::{Cause, Incident};

fn one(text: &str) -> Incident {
    let v = extract_text("t.txt", text);
    assert_eq!(v.len(), 1, "expected one incident, got {v:#?}");
    v.into_iter().next().unwrap()
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

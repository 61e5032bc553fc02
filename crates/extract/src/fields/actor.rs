//! `actor`: who acted: an outside attacker or thief (`external`), a contractor, dispatched
//! worker or vendor (`partner`), or the organization's own people (`internal`).
//!
//! | cause | actor |
//! |---|---|
//! | an attack or a scam (even on a contractor's system) | external |
//! | a theft (`盗まれ`, `車上荒らし`, `空き巣`, a window broken) | external |
//! | a loss, a misdelivery, an insider's act | partner where a contractor is named around the act (`委託先の作業者が`, `指定管理者が`, `派遣社員`), else internal |
//! | a setting left open | partner or internal where the text says whose setting it was, else unknown |
//! | none found | internal where staff are named in a disciplinary or criminal act |

use super::Ctx;
use crate::rules::{entries, Entry, Rule};
use crate::segment::Found;
use jikenbo_model::{Actor, Cause};
use std::sync::LazyLock;

/// Contractors, dispatched staff, vendors: the `partner` actor.
pub static PARTNER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "actor.partner",
        (),
        "a contractor, dispatched worker or vendor",
        r"{PARTNER}|業務を委託|委託している|受託している",
    )
    .ex(&[
        "委託先の作業者が",
        "派遣社員であった者",
        "業務委託契約",
        "指定管理者が",
        "業務を委託していた",
        "開発を委託している",
        "運営を受託している事業者",
    ])
    .not(&["当社の社員が"])
    .general(crate::rules::VOCABULARY)
});

/// A theft by an outsider (`盗まれ`, `車上荒らし`).
pub static THEFT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "actor.theft",
        (),
        "a theft by an outsider",
        r"盗難|盗まれ|盗ま|車上(荒|ねら)|空き巣|ひったくり|置き引き|持ち去|窃盗|割られ|こじ開け",
    )
    .ex(&[
        "盗難に遭い",
        "盗まれた",
        "盗まれたものと認識",
        "車上荒らし",
        "車上ねらい",
        "空き巣",
        "ひったくり",
        "置き引き",
        "持ち去られた",
        "窃盗",
        "窓ガラスが割られ",
        "こじ開けられた",
    ])
    .not(&["紛失した"])
    .general(crate::rules::VOCABULARY)
});

/// The organization's own people acting (`職員が…`).
pub static STAFF_ACT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "actor.staff_act",
        (),
        "the organization's own people in a disciplinary or criminal act",
        r"{STAFF}[^。]{0,30}(逮捕|懲戒|書類送検|不祥事|処分)",
    )
    .ex(&["職員を懲戒処分", "社員が逮捕", "巡査長を書類送検"])
    .not(&["第三者が逮捕"])
});

/// A contractor as the subject of the sentences that tell how the act happened, right after
/// the one that reports it (`…誤って発送した。委託先の担当者が書類を取り違えて郵送した。`).
pub static PARTNER_SUBJECT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "actor.partner_subject",
        (),
        "a contractor as the subject of the account that follows the report",
        r"(?:^|、|。|\n)(?:[^。、がは]{0,24}?(?:している|ていた|する))?(?:{PARTNER})(?:の[^。、がは]{0,10})?(?:が|は)",
    )
    .ex(&[
        "委託先の担当者が書類を取り違えて郵送した",
        "原因を調べたところ、業務委託先の社員が書類を放置していた",
        "委託業者は宛名を誤って印刷した",
        "同院によると、2031年11月11日に常駐している委託業者の職員が書類を誤ってFAX送信した",
    ])
    .not(&["委託先に確認したところ", "職員が委託先の書類を誤って送った"])
    .general(
        "how an account names who acted: the actor as the subject of the sentence after the report",
    )
});

/// Staff named near a setting (`担当者が設定を誤り`): the setting was the organization's.
pub static STAFF_NEAR: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "actor.staff_near",
        (),
        "the organization's own people named near the act",
        r"{STAFF}",
    )
    .ex(&["担当者", "職員"])
    .not(&["お客様"])
});

/// The body's own first person near the act (`弊社が利用する…`, `本学が使用していた`).
pub static FIRST_PERSON_NEAR: LazyLock<Rule<()>> =
    LazyLock::new(|| {
        Rule::new(
        "actor.first_person_near",
        (),
        "the body's first person, or the body named before (`同社は`), as the subject near the act",
        r"{FIRST_PERSON}が|(?:{ANAPHORA})(は|が)、?",
    )
    .ex(&["弊社が利用する", "本学が使用していた", "同社は、システムの設定を誤り"])
    .not(&["弊社の"])
    });

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [
        &*PARTNER,
        &*THEFT,
        &*STAFF_ACT,
        &*STAFF_NEAR,
        &*PARTNER_SUBJECT,
        &*FIRST_PERSON_NEAR,
    ] {
        v.extend(entries("actor", std::slice::from_ref(r)));
    }
    v
}

/// The sentence of the cause's evidence and the two before it.
fn around<'a>(ctx: &'a Ctx, r: &std::ops::Range<usize>) -> &'a str {
    around_n(ctx, r, 2, 0)
}

/// The sentence of `r` with `before` sentences before it and `after` after it.
fn around_n<'a>(ctx: &'a Ctx, r: &std::ops::Range<usize>, before: usize, after: usize) -> &'a str {
    let k = ctx.sents.partition_point(|s| s.range.end <= r.start);
    let from = ctx.sents[k.saturating_sub(before)..]
        .first()
        .map_or(r.start, |s| s.range.start);
    let to = ctx
        .sents
        .get(k + after)
        .or(ctx.sents.last())
        .map_or(r.end, |s| s.range.end.max(r.end));
    &ctx.text[from.min(r.start)..to.max(r.end)]
}

/// The first contractor word in `within` that is not a part of the organization's own name
/// (`保険代理店の従業員が` where the agency is the body: its own staff).
fn partner_in(ctx: &Ctx, within: &str, org: Option<&str>) -> Option<std::ops::Range<usize>> {
    let base = within.as_ptr() as usize - ctx.text.as_ptr() as usize;
    PARTNER
        .find_iter(within)
        .find(|m| {
            let Some(name) = org.filter(|n| n.contains(m.as_str())) else {
                return true;
            };
            // the name's occurrences that cover the match
            let from = super::floor_char(within, m.start().saturating_sub(name.len()));
            !within[from..]
                .match_indices(name)
                .any(|(i, _)| from + i <= m.start() && m.end() <= from + i + name.len())
        })
        .map(|m| base + m.start()..base + m.end())
}

fn found(
    ctx: &Ctx,
    rule: &Rule<()>,
    within: &str,
    fallback: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let base = within.as_ptr() as usize - ctx.text.as_ptr() as usize;
    rule.find(within)
        .map_or(fallback.clone(), |m| base + m.start()..base + m.end())
}

pub fn actor(ctx: &Ctx, cause: Option<&Found<Cause>>, org: Option<&str>) -> Option<Found<Actor>> {
    let seg_text = ctx.seg_text();
    match cause {
        Some((c, r)) if c.is_attack() => Some((Actor::External, r.clone())),
        Some((Cause::LossTheft, r)) if THEFT.is_match(around_n(ctx, r, 2, 3)) => {
            let near = around_n(ctx, r, 2, 3);
            Some((Actor::External, found(ctx, &THEFT, near, r)))
        }
        Some((c, r)) => {
            let near = around(ctx, r);
            if let Some(p) = partner_in(ctx, near, org) {
                return Some((Actor::Partner, p));
            }
            // the account right after the report names a contractor as who acted
            let next = around_n(ctx, r, 0, 2);
            let base = next.as_ptr() as usize - ctx.text.as_ptr() as usize;
            let after = r.end.saturating_sub(base).min(next.len());
            let after = super::floor_char(next, after);
            if let Some(m) = PARTNER_SUBJECT.find(&next[after..]) {
                if org
                    .is_none_or(|n| !n.contains(m.as_str().trim_start_matches(['、', '。', '\n'])))
                {
                    return Some((
                        Actor::Partner,
                        base + after + m.start()..base + after + m.end(),
                    ));
                }
            }
            // a contractor named elsewhere in the account, and none of the body's own people
            if !STAFF_NEAR.is_match(seg_text) {
                if let Some(p) = partner_in(ctx, seg_text, org) {
                    return Some((Actor::Partner, p));
                }
            }
            if *c == Cause::Misconfiguration {
                // the body's own setting where its people or its first person are named near
                // the cause or in the cause section
                let cause_section: String = ctx
                    .sents
                    .iter()
                    .filter(|s| s.topic == crate::analyze::Topic::Cause)
                    .map(|s| ctx.s(&s.range))
                    .collect();
                return (STAFF_NEAR.is_match(near)
                    || FIRST_PERSON_NEAR.is_match(near)
                    || STAFF_NEAR.is_match(&cause_section))
                .then(|| (Actor::Internal, found(ctx, &STAFF_NEAR, near, r)));
            }
            Some((Actor::Internal, r.clone()))
        }
        None => STAFF_ACT.find(seg_text).map(|m| {
            (
                Actor::Internal,
                ctx.seg.range.start + m.start()..ctx.seg.range.start + m.end(),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use crate::extract_text;
    use jikenbo_model::{Actor, Cause};

    #[test]
    fn insider_causes_and_partner_actor() {
        let i = &extract_text(
            "t.txt",
            "委託先の作業者が顧客データを不正に持ち出していたことが判明しました。",
        )[0];
        assert_eq!(i.cause, Some(Cause::InsiderTheft));
        assert_eq!(i.actor, Some(Actor::Partner));
        let i = &extract_text(
            "t.txt",
            "職員が職務と関係なく住民の税情報を閲覧していました。",
        )[0];
        assert_eq!(i.cause, Some(Cause::InsiderSnooping));
        assert_eq!(i.actor, Some(Actor::Internal));
    }

    #[test]
    fn a_thief_is_external_a_loss_internal() {
        let i = &extract_text(
            "t.txt",
            "講師が駐車場に戻ると、窓ガラスが割られ、パソコンがなくなっていた。",
        )[0];
        assert_eq!(i.actor, Some(Actor::External));
        let i = &extract_text("t.txt", "看護師がUSBメモリを紛失した。")[0];
        assert_eq!(i.actor, Some(Actor::Internal));
    }

    #[test]
    fn an_agency_that_is_the_body_acts_through_its_own_staff() {
        let i = &extract_text(
            "t.txt",
            "2025年には、保険代理店の従業員が契約者のリストを名簿業者に売却する事件があった。",
        )[0];
        assert_eq!(i.organization.as_deref(), Some("保険代理店"));
        assert_eq!(i.actor, Some(Actor::Internal));
        let i = &extract_text("t.txt", "サンプル生命保険株式会社は、保険代理店の従業員が契約者のリストを名簿業者に売却していたと発表した。")[0];
        assert_eq!(i.actor, Some(Actor::Partner));
    }

    #[test]
    fn an_attack_on_a_contractor_is_external() {
        let i = &extract_text("t.txt", "市が業務を委託している事業者のサーバがランサムウェアに感染し、個人情報が流出した可能性がある。")[0];
        assert_eq!(i.actor, Some(Actor::External));
    }

    #[test]
    fn a_contractor_telling_how_it_happened_is_the_actor() {
        let v = crate::extract_text("t.txt", "みなと町は6日、証明書600人分を誤って発送し、氏名や住所が漏えいしたと発表した。委託先の担当者が書類を取り違えて郵送した。");
        assert_eq!(v[0].actor, Some(jikenbo_model::Actor::Partner));
        let v = crate::extract_text("t.txt", "みなと町は6日、証明書600人分を誤って発送し、氏名や住所が漏えいしたと発表した。職員が委託先の書類を取り違えた。");
        assert_eq!(v[0].actor, Some(jikenbo_model::Actor::Internal));
    }
}

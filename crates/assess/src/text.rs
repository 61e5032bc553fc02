//! The human-readable (Japanese-first) rendering of an [`Assessment`].

use crate::engine::Assessment;
use crate::jnsa::yen;
use std::fmt::Write;

/// Render an assessment for a person: the conclusion first, then reasons, assumptions and
/// branches. Machine-readable terms follow in brackets.
pub fn render_text(a: &Assessment) -> String {
    let mut s = String::new();
    let yes_no = |b: bool| if b { "必要" } else { "不要" };
    let _ = writeln!(
        s,
        "判定: 個人情報保護委員会への報告{} [report_required: {}]",
        if a.report_required {
            "義務あり"
        } else {
            "義務なし"
        },
        a.report_required
    );
    let grounds = if a.grounds.is_empty() {
        "なし".to_string()
    } else {
        a.grounds
            .iter()
            .map(|g| format!("{} [{}]", g.ja(), g.as_str()))
            .collect::<Vec<_>>()
            .join("、")
    };
    let _ = writeln!(s, "根拠: {grounds}");
    let regimes = a
        .regimes
        .iter()
        .map(|r| format!("{} [{}]", r.law(), r.as_str()))
        .collect::<Vec<_>>()
        .join("、");
    let _ = writeln!(s, "適用法令: {regimes}");
    match (a.sokuho_from, a.sokuho_to) {
        (Some(f), Some(t)) => {
            let _ = writeln!(
                s,
                "速報(目安): {f} 〜 {t} (知った日から3〜5日、できるだけ早く)"
            );
        }
        _ if a.report_required => {
            let _ = writeln!(s, "速報(目安): 知った日から3〜5日 (知った日が不明)");
        }
        _ => {}
    }
    match (a.kakuho_days, a.kakuho_due) {
        (Some(d), Some(due)) => {
            let _ = writeln!(s, "確報期限: {due} ({d}日)");
        }
        (Some(d), None) => {
            let _ = writeln!(
                s,
                "確報期限: 知った日を1日目として{d}日以内 (知った日が不明)"
            );
        }
        _ => {}
    }
    let _ = writeln!(
        s,
        "本人への通知: {} [notify_individuals: {}]",
        yes_no(a.notify_individuals),
        a.notify_individuals
    );
    let j = &a.jnsa;
    let total = j
        .total
        .map(|t| format!("、総額 {}円", yen(t)))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "JNSA想定損害賠償額: 1人あたり {}円{total} (精神的苦痛レベル{}・経済的損失レベル{}・本人特定容易度{})",
        yen(j.per_person),
        j.privacy_level,
        j.economic_level,
        j.identifiability
    );
    let mut section = |title: &str, lines: &[String]| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(s, "\n{title}:");
        for l in lines {
            let _ = writeln!(s, "  - {l}");
        }
    };
    section("理由", &a.reasons);
    section("前提 (不明な事実と採った既定値)", &a.assumptions);
    let branches: Vec<String> = a.branches.iter().map(|b| b.summary.clone()).collect();
    section("場合分け (不明な事実が異なる場合)", &branches);
    s
}

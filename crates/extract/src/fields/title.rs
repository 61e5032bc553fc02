//! `title`: the notice's own title, where there is one.
//!
//! A casebook heading or a digest headline gives it; otherwise the first short line among the
//! first lines of the segment that ends like a title (`…について`, `…のお知らせ`, `…(第2報)`),
//! opens with `【お詫び…】`, or is a Markdown heading.

use super::Ctx;
use crate::rules::{entries, Entry, Rule};
use crate::segment::Found;
use std::sync::LazyLock;

pub static TITLE_END: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("title.ending", (), "the ending of a notice's title line",
        r"(について|につきまして|に関して|のお知らせ|お知らせ|お詫び|おわび|ご報告|報告|ご案内|のお願い|発生|事案|(第\d+報|続報|確報|最終報)\)?|\((お詫び|おわび|お知らせ|ご報告|報告|注意喚起|更新|追記)\))$")
        .ex(&["電子カルテへの不正アクセスについて(お詫び)", "個人情報の流出について", "事案の発生につきまして", "不正アクセスに関して", "紛失のお知らせ", "お知らせ", "流出に関するお詫び", "おわび", "調査結果のご報告", "事故等の報告", "注意喚起のご案内", "ご協力のお願い", "漏えい事案の発生", "誤送信事案", "(第2報)", "(最終報)"])
        .not(&["当社は不正アクセスを受けました。"])
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    entries("title", std::slice::from_ref(&*TITLE_END))
}

pub fn title(ctx: &Ctx) -> Option<Found<String>> {
    if let Some(t) = &ctx.seg.title {
        return Some(t.clone());
    }
    for (l, _) in ctx
        .lines
        .iter()
        .filter(|(l, _)| !l.range.is_empty())
        .take(15)
    {
        let s = ctx.s(&l.range);
        let md = s.starts_with('#');
        let t = s.trim_start_matches('#').trim();
        let n = t.chars().count();
        // a column's `## 事例2: …` heads a cited case, it is no notice's title
        if !(6..=100).contains(&n)
            || t.ends_with('。')
            || t.contains("各位")
            || crate::segment::CASE_HEADING.is_match(s)
        {
            continue;
        }
        if md || TITLE_END.is_match(t) || t.starts_with("【お詫び") || t.starts_with("【重要】")
        {
            let off = l.range.start + (s.len() - t.len());
            return Some((t.to_string(), off..off + t.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::extract_text;

    #[test]
    fn a_notice_title() {
        let v = extract_text("t.txt", "2031年5月1日\n株式会社サンプル\n\n会員情報の外部流出に関するお詫びとご報告\n\n当社は不正アクセスを受け、個人情報が流出しました。");
        assert_eq!(
            v[0].title.as_deref(),
            Some("会員情報の外部流出に関するお詫びとご報告")
        );
    }
}

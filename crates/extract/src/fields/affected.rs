//! `affected`: the largest number of persons (or, where only records are counted, records)
//! whose personal data leaked or may have leaked.
//!
//! A count is a number with a unit of persons or records (`1,200件`, `約2.2万件`, `１２０人`,
//! `3千人`, `43世帯分`, `二百五十件分`). It is no count of persons when it counts the staff who
//! acted (`職員2人が`), events (`閲覧が3件`), cases or calls (`100件以上の事件`), mails or
//! sheets (`1万9千件近いメール`), or a whole population (`会員数約980万名`).
//!
//! How counts combine into one figure:
//!
//! | where | rule | example |
//! |---|---|---|
//! | the leaked-data section | the sum of its categories, a marked total winning | `会員 1,200件` + `退会者 300件` = 1500 |
//! | lines of a list, one category each | the sum | `講師(7名)の氏名…` + `参加者(4,210名)の…` |
//! | categories joined in one sentence | the sum | `カード情報(52件)及び会員情報(2,310件)` = 2362, `944人の氏名と年齢のほか、…89人の氏名` = 1033 |
//! | a table under `単位:人` | its largest figure (the total row) | |
//! | any other sentence about personal data | its largest count | `約40人分…可能性がある患者は111人` = 111 |
//!
//! A part of a figure given before it (`187人(うち66人…)`, `…を含む、29万件`) and a breakdown in
//! parentheses right after a count are never added; persons beat records in one expression
//! (`計10人66件` = 10).

use super::Ctx;
use crate::analyze::Topic;
use crate::numbers::parse_number;
use crate::rules::{entries, Entry, Rule};
use crate::segment::Found;
use std::ops::Range;
use std::sync::LazyLock;

/// A count: qualifier, number, unit.
pub static COUNT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("affected.count", (), "a number of persons or records with its unit and qualifier",
        r"(?P<q>合計約|合計|計約|総計|計|最大約|最大|延べ約|延べ|約|およそ|少なくとも)?\s*(?P<n>\d[\d,]*(?:\.\d+)?\s*(?:[万億]\s*(?:\d[\d,]*\s*[千百]?)?|[千百])?|[〇一二三四五六七八九十百千万億]+)\s*(?P<u>人分|名分|件分|名様|世帯分|口座分|人|名|件|世帯|アカウント|口座)")
        .ex(&["合計約3万人", "合計1,200件", "計約923万件", "総計500件", "計647人分", "最大約48万人", "最大888件", "延べ約1430人分", "延べ12件", "約2.2万件", "およそ300人", "少なくとも12名", "二百五十件分", "3千人", "43世帯分", "500名様", "12世帯", "1200アカウント", "1,212人分", "8,635口座", "120口座分"])
        .not(&["40代", "155施設"])
});

/// After a count: it counts cases, contacts, mails or sheets, not persons.
pub static NOT_PERSONS_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("affected.not_persons_after", (), "after a count: cases, contacts, mails or things, not persons; or a word the unit begins (2 名簿, 3 人事課)",
        r"^(以上|超|程度|余り)?の?(事件|事案|案件|問い?合わ?せ|お問い合わせ|苦情|被害届|相談|報告|申告|通報)|^(枚|通|回|台)|^(簿|義|称|刺|権)|^事(課|部|異動)|^(を|が)[^。、]{0,24}(逮捕|書類送検|送検|起訴|懲戒|停職|減給|戒告)|^(に|へ)[^。、]{0,8}(漏らし|教え|見せ|伝え)")
        .ex(&["に漏らした", "へ口頭で伝えた", "を個人情報保護法違反の疑いで逮捕", "が書類送検され", "を懲戒処分", "以上の事件", "の事案", "の案件", "の問い合わせ", "のお問い合わせ", "の苦情", "の被害届", "の相談", "の報告", "の申告", "の通報", "枚", "通", "回", "台", "簿に記載された情報", "義の口座", "称", "刺", "権", "事課"])
        .not(&["のメールアドレス", "の個人情報", "の台帳", "の相談内容や氏名"])
        // `2人の相談内容`: the persons whose consultations the data holds
        .unless_after(r"^(内容|記録|票|履歴)")
});

/// After a count of 件: mails, files or documents are counted, not persons (`1万9千件近いメール`).
pub static THINGS_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.things_after",
        (),
        "after a count of 件: mails, files or documents, logins or accesses, not persons",
        r"^(近い|近く|ほど|もの|程度|超|以上|余り)?の?(迷惑|スパム|不審な?|なりすまし)?(メール(?:$|[^ア])|ファイル|文書|書類|不正(な)?ログイン|ログイン(試行|の試み)?|不正アクセス|アクセス)",
    )
    .ex(&["近いメールが保存", "の迷惑メールが送信された", "のスパムメール", "のファイル", "の文書", "の書類", "の不正ログインが確認され", "のログイン試行", "超の不正アクセス"])
    .not(&["のメールアドレス", "の個人情報"])
});

/// Before a count: it counts events (`閲覧が3件`, `アクセス数 120件`), not persons.
pub static EVENTS_BEFORE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.events_before",
        (),
        "before a count: it counts events",
        r"(閲覧|アクセス|ログイン|送信|試行|攻撃|不正利用|照会)(が|は|数|回数|件数)?[:\s]*$|(迷惑|スパム|なりすまし|不審な?|フィッシング|偽の?)メール(を|が)?(約|計|およそ)?\s*$",
    )
    .ex(&[
        "迷惑メール",
        "なりすましメールを約",
        "閲覧が",
        "アクセス数 ",
        "ログイン",
        "送信",
        "試行回数:",
        "攻撃",
        "不正利用が",
        "照会件数",
    ])
    .not(&["顧客"])
});

/// Before a count: the whole population, not those affected (`会員数約980万名`).
pub static POPULATION_BEFORE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.population_before",
        (),
        "before a count: the whole population held, not those affected",
        r"(会員数|利用者数|登録者数|顧客数|総数|保有件数|全体で|人口)[^0-9]{0,3}$",
    )
    .ex(&[
        "会員数約",
        "利用者数",
        "登録者数:",
        "顧客数",
        "総数",
        "保有件数",
        "全体で",
        "人口",
    ])
    .not(&["流出件数"])
    .general("a notice gives its customer base beside the affected count as a matter of form")
});

/// Before a count: a part of a figure given before it (`243人の内、177人`).
pub static SUBSET_BEFORE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.subset_before",
        (),
        "before a count: it is a part of a figure given before",
        r"(うち|の内|内訳|このうち)[、:\s]*(\S{0,24}[では]{0,2})?$",
    )
    .ex(&["うち、", "243人の内、", "内訳は、", "このうち東京都では"])
    .not(&["顧客"])
});

/// Between a figure and a part of it: `のうち、`, `の内`.
static POPULATION_OF: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::rules::compile(r"^(の)?(うち|内)[、,]?$"));

/// A word that tells data leaked, was lost or may have been seen.
static LEAK_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(r"流出|漏え|漏洩|漏れ|紛失|盗|閲覧|誤送|送信|誤って|可能性|おそれ|恐れ")
});

/// After a count: it contains another (`7万件を含む`): the other is a part of it.
pub static CONTAINS_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.contains_after",
        (),
        "after a count: it is a part of the figure that follows",
        r"^\s*を含む",
    )
    .ex(&["を含む、個人情報29万件"])
    .not(&["の個人情報"])
});

/// Before a count: the staff who acted (`職員2人が`), unless the count is a category size
/// (`自治体職員(444名)の氏名`).
pub static STAFF_BEFORE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.staff_before",
        (),
        "before a count: the staff who acted, not the persons affected",
        r"(?:{STAFF}|容疑者)\s*$",
    )
    .ex(&["担当職員", "社員", "派遣社員", "容疑者"])
    .not(&["顧客"])
});

/// After a staff count: it is a count of data subjects after all (`職員2人の個人情報`).
pub static DATA_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.data_after",
        (),
        "after a count: the data of those counted",
        r"^\s*\)?\s*の\s*(個人|情報|データ|メール|氏名|住所|名簿|顧客|電話|役職)|^\s*\)?\s*(と[^共一とも]|及び|および|並びに)[^。、]{0,16}?[0-9][0-9,]*\s*(人|名)(分)?\s*の\s*(個人|情報|データ|メール|氏名|住所|名簿|電話|役職|生年月日|給与)",
    )
    .ex(&[
        "の個人情報",
        ")の氏名",
        "の情報",
        "のデータ",
        "のメールアドレス",
        "の住所",
        "の名簿",
        "の顧客情報",
        "の電話番号",
        "の役職",
        "とグループ会社の社員38人の氏名",
        "及び嘱託職員12名分の個人情報",
    ])
    .not(&["が閲覧", "と共に顧客40人の氏名を閲覧"])
});

/// Sentences that speak of personal data or its exposure: where a count is read outside the
/// leaked-data section.
pub static COUNT_CONTEXT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("affected.context", (), "a sentence about personal data or its exposure",
        r"個人情報|影響(を受けた)?人数|対象(者)?(数|人数)|アカウント|個人データ|顧客|お客|会員|患者|利用者|ユーザー?|登録者|加入者|参加者|購入者|受診者|生徒|児童|学生|住民|市民|町民|村民|県民|受験者|応募者|申請者|当選者|契約者|被保険者|名簿|氏名|メールアドレス|住所|電話番号|情報|データ|人分|名分|件分|漏えい|漏洩|流出|件数|対象|メール|閲覧|通知|書類|封入|同封|送付|送信|紛失|世帯")
        .ex(&["(1) 影響人数 1,595人", "影響を受けた人数", "対象者数", "対象人数", "個人情報", "アカウント5万件に不正ログイン", "個人データ", "顧客", "お客様", "会員", "患者", "利用者", "ユーザー数は計2,046名", "ユーザ", "登録者", "加入者", "参加者", "購入者", "受診者", "生徒", "児童", "学生", "住民", "市民", "町民", "村民", "県民", "受験者", "応募者", "申請者", "当選者", "契約者", "被保険者", "名簿", "氏名", "メールアドレス", "住所", "電話番号", "情報", "データ", "人分", "名分", "件分", "漏えい", "漏洩", "流出", "件数", "対象", "メール", "閲覧", "通知", "書類", "封入", "同封", "送付", "送信", "紛失", "世帯"])
        .not(&["職員2人を処分"])
    .general(crate::rules::VOCABULARY)
});

/// A table's unit declaration (`単位:人`): bare figures below it are counts.
pub static TABLE_UNIT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.table_unit",
        (),
        "a table's unit of persons: its bare figures are counts",
        r"単位\s*[:]?\s*(人|名|件)",
    )
    .ex(&["単位:人", "単位 名", "単位:件"])
    .not(&["単位:円"])
    .general("tables of counts declare their unit as 単位:人")
});

/// Between two counts of one sentence: they are categories of one list (`(38件)及び…(1,244件)`).
pub static JOINS_CATEGORIES: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.joins_categories",
        (),
        "between two counts: a list of categories, to be summed",
        r"^\s*\)?\s*(及び|および|並びに|と|、|,|・)\s*[^。、0-9]{0,24}$|^[^。、0-9]{0,16}(のほか|に加え(て)?)、?[^。、0-9]{0,24}$",
    )
    .ex(&[
        "の氏名と年齢のほか、新たに陽性となった",
        "の氏名に加えて、",
        "の住所に加え、職員",
        ")及び個人情報(",
        "及び広報アンケート当選者等の個人情報",
        "と退会者",
        "、取引先",
    ])
    .not(&["人分の氏名や連絡先などが記録され、含まれていたおそれのある利用者は"])
});

/// The rules of this module, for the catalog.
/// Before a count: it adds to the count reported before (`その後、新たに55件…が判明`), as a
/// follow-up reports more persons.
pub static ADDED_BEFORE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "affected.added_before",
        (),
        "before a count: it adds to the count reported before",
        r"(新たに|追加で|追加の|追加して)[^。、]{0,4}$",
    )
    .ex(&["新たに", "追加で", "追加の", "新たに計"])
    .not(&["合計"])
    .general(
        "follow-ups report the persons found since (新たに…件), to be added to the first figure",
    )
});

pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [
        &*COUNT,
        &*LETTERS,
        &*ADDED_BEFORE,
        &*NOT_PERSONS_AFTER,
        &*THINGS_AFTER,
        &*EVENTS_BEFORE,
        &*POPULATION_BEFORE,
        &*SUBSET_BEFORE,
        &*CONTAINS_AFTER,
        &*STAFF_BEFORE,
        &*DATA_AFTER,
        &*COUNT_CONTEXT,
        &*TABLE_UNIT,
        &*JOINS_CATEGORIES,
    ] {
        v.extend(entries("affected", std::slice::from_ref(r)));
    }
    v
}

#[derive(Debug, Clone)]
struct Count {
    value: u64,
    range: Range<usize>,
    total: bool,
    subset: bool,
    in_parens_after_count: bool,
    persons: bool,
    /// Counted in households (`22世帯、23人`: not one figure with the persons).
    households: bool,
    /// Marked as a part (`うち、…`), whether or not a whole came before it in its sentence.
    part_marker: bool,
}

/// Whether `s` may hold a [`COUNT`]: a unit word (its first character: `人` `名` `件` `世` `ア`
/// `口`)
/// right after the last character a number can end with (a digit, a comma, a kanji numeral;
/// spaces between). A necessary condition: most sentences with a numeral count nothing (a date,
/// `氏名`), and the pattern's search costs far more. The unit characters are found by a vector
/// search for their last bytes (BA 8D B6 96 A2 A3), not by decoding every character. The
/// reference of [`may_count_in`], which the extraction asks (the tests compare them).
#[cfg(test)]
fn may_count(s: &str) -> bool {
    const UNITS: [&str; 6] = ["人", "名", "件", "世", "ア", "口"];
    let b = s.as_bytes();
    let unit_at = |last: usize| {
        // the unit character ending at byte `last`, with a number's end before it
        let Some(start) = last.checked_sub(2) else {
            return false;
        };
        UNITS.iter().any(|u| &b[start..=last] == u.as_bytes())
            && s[..start]
                .trim_end_matches([' ', '\t', '\n'])
                .chars()
                .next_back()
                .is_some_and(ends_number)
    };
    memchr::memchr3_iter(0xBA, 0x8D, 0xB6, b).any(unit_at)
        || memchr::memchr3_iter(0x96, 0xA2, 0xA3, b).any(unit_at)
}

/// The places of a whole text where [`may_count`] finds a unit after a number's end: the start
/// of the unit character and the start of the character before it (spaces between). Found once
/// per document ([`crate::doc::Doc::count_ends`]), not once per sentence and line.
pub(crate) fn count_ends(text: &str) -> Vec<(usize, usize)> {
    // each unit character by a vector search of its own (a search for their last bytes stops
    // at every tenth character of a Japanese text)
    static UNITS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        ["人", "名", "件", "世", "ア", "口"]
            .iter()
            .map(|u| memchr::memmem::Finder::new(u.as_bytes()))
            .collect()
    });
    let b = text.as_bytes();
    let mut out = Vec::new();
    for f in UNITS.iter() {
        for start in f.find_iter(b) {
            let before = text[..start].trim_end_matches([' ', '\t', '\n']);
            if let Some(c) = before.chars().next_back().filter(|c| ends_number(*c)) {
                out.push((start, before.len() - c.len_utf8()));
            }
        }
    }
    out.sort_unstable();
    out
}

/// [`may_count`] of `text[r]`, from the [`count_ends`] of the whole text: a unit inside the
/// range whose number's end is inside it too (the sentence's own text before the unit, spaces
/// trimmed, ends with it).
fn may_count_in(ends: &[(usize, usize)], r: &Range<usize>) -> bool {
    let first = ends.partition_point(|e| e.0 < r.start);
    ends[first..]
        .iter()
        .take_while(|e| e.0 + 3 <= r.end)
        .any(|e| e.1 >= r.start)
}

/// Whether a number of [`COUNT`] can end with `c` (a digit, a comma, a kanji numeral).
fn ends_number(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            ',' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八'
        )
        || matches!(c, '九' | '十' | '百' | '千' | '万' | '億')
}

fn counts_in(ctx: &Ctx, r: Range<usize>) -> Vec<Count> {
    let s = &ctx.text[r.clone()];
    let mut out: Vec<Count> = Vec::new();
    if !may_count_in(ctx.doc.count_ends(), &r) {
        return out;
    }
    for c in COUNT.re.captures_iter(s) {
        let m = c.get(0).expect("m");
        let before = &s[..m.start()];
        if before.ends_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '第' || ch == '.') {
            continue;
        }
        // `数百件`, `数十人`: several hundred, no figure
        if before.ends_with('数') && c["n"].starts_with(['十', '百', '千', '万']) {
            continue;
        }
        let unit = &c["u"];
        let after = &s[m.end()..];
        if NOT_PERSONS_AFTER.is_match(after)
            || EVENTS_BEFORE.is_match(before)
            || POPULATION_BEFORE.is_match(before)
        {
            continue;
        }
        if unit.starts_with('件') && THINGS_AFTER.is_match(after) {
            continue;
        }
        let per_data = unit.ends_with('分');
        let in_parens = before.ends_with('(');
        if !per_data && !in_parens && STAFF_BEFORE.is_match(before) && !DATA_AFTER.is_match(after) {
            continue; // the staff who acted, not the persons affected
        }
        let num = c["n"].replace(' ', "");
        let Some(value) = parse_number(&num) else {
            continue;
        };
        if value == 0 {
            continue;
        }
        let q = c.name("q").map_or("", |q| q.as_str());
        let total = q.contains('計')
            || before.ends_with("全国で")
            || before.ends_with("合計で")
            || before.ends_with("合わせて")
            || before.trim_end().ends_with("合わせて");
        let start = r.start + m.start();
        // `243人の内、177人`: a part of a figure given before it
        let part_marker = SUBSET_BEFORE.is_match(before);
        let mut subset = part_marker && !out.is_empty();
        // `会員1000万人のうち、1万589人分のデータが流出した`: the figure before is the population
        // the part was taken from, when the leak is told of the part only
        if subset {
            if let Some(prev) = out.last_mut() {
                let between = &ctx.text[prev.range.end..start];
                let lead = &ctx.text[r.start..prev.range.start];
                let tail = after.split('。').next().unwrap_or("");
                if POPULATION_OF.is_match(between)
                    && !LEAK_WORD.is_match(lead)
                    && LEAK_WORD.is_match(tail)
                {
                    prev.subset = true;
                    subset = false;
                }
            }
        }
        // `計10人66件`: the records of the persons just counted
        if let Some(prev) = out.last() {
            if prev.range.end == start
                && prev.persons
                && !unit.contains('人')
                && !unit.contains('名')
            {
                subset = true;
            }
        }
        // `243人分(顧客168人分、…)`: counts in parentheses right after a count break it down
        let in_parens_after_count = match (before.rfind('('), before.rfind(')')) {
            (Some(o), cl) if cl.is_none_or(|c| c < o) => {
                let open = r.start + o;
                out.iter()
                    .any(|p| p.range.end <= open && ctx.text[p.range.end..open].trim().is_empty())
            }
            _ => false,
        };
        if CONTAINS_AFTER.is_match(after) {
            // `7万件を含む、29万件`: this one is the part
            out.push(Count {
                value,
                range: start..r.start + m.end(),
                total: false,
                subset: true,
                in_parens_after_count,
                persons: unit.contains('人') || unit.contains('名'),
                households: unit.contains("世帯"),
                part_marker,
            });
            continue;
        }
        out.push(Count {
            value,
            range: start..r.start + m.end(),
            total,
            subset,
            in_parens_after_count,
            persons: unit.contains('人') || unit.contains('名') || unit.contains("世帯"),
            households: unit.contains("世帯"),
            part_marker,
        });
    }
    out
}

/// One figure for the counts of a section: the largest total when one is marked as such
/// (`計約923万件`), else the sum of the distinct figures that are no subset or breakdown.
fn combine_section(counts: &[Count]) -> Option<(u64, Range<usize>)> {
    let totals: Vec<&Count> = counts.iter().filter(|c| c.total && !c.subset).collect();
    if let Some(t) = totals.iter().max_by_key(|c| c.value) {
        let biggest = counts.iter().map(|c| c.value).max().unwrap_or(0);
        if t.value >= biggest {
            return Some((t.value, t.range.clone()));
        }
    }
    let mut parts: Vec<&Count> = counts
        .iter()
        .filter(|c| !c.subset && !c.in_parens_after_count)
        .collect();
    parts.sort_by_key(|c| c.value);
    parts.dedup_by_key(|c| c.value);
    if parts.is_empty() {
        return None;
    }
    let sum = parts.iter().try_fold(0u64, |a, c| a.checked_add(c.value))?;
    let start = parts.iter().map(|c| c.range.start).min()?;
    let end = parts.iter().map(|c| c.range.end).max()?;
    Some((sum, start..end))
}

/// One figure for the counts of one sentence: categories joined in a list are summed
/// (`(38件)及び…(1,244件)`), otherwise the largest count stands (`約40人分…111人`).
fn combine_sentence(ctx: &Ctx, counts: &[Count]) -> Option<(u64, Range<usize>)> {
    let live: Vec<&Count> = counts
        .iter()
        .filter(|c| !c.subset && !c.in_parens_after_count)
        .collect();
    if let Some(t) = live.iter().filter(|c| c.total).max_by_key(|c| c.value) {
        return Some((t.value, t.range.clone()));
    }
    let mut best: Option<(u64, Range<usize>)> = None;
    let mut i = 0;
    while i < live.len() {
        // a run of counts joined as categories
        let mut j = i;
        let mut sum = live[i].value;
        while j + 1 < live.len() {
            let between = &ctx.text[live[j].range.end..live[j + 1].range.start];
            // (persons and records are not one figure: `カード情報4,512件と個人情報1万1,020人分`)
            if !JOINS_CATEGORIES.is_match(between)
                || live[j + 1].value == live[j].value
                || live[j + 1].persons != live[j].persons
                || live[j + 1].households != live[j].households
            {
                break;
            }
            sum = sum.saturating_add(live[j + 1].value);
            j += 1;
        }
        let range = live[i].range.start..live[j].range.end;
        if best.as_ref().is_none_or(|b| sum > b.0) {
            best = Some((sum, range));
        }
        i = j + 1;
    }
    best
}

/// Bare figures of a table under `単位:人` in the leaked-data section: the largest (its total).
fn table_total(ctx: &Ctx) -> Option<(u64, Range<usize>)> {
    let mut under_unit = false;
    let mut best: Option<(u64, Range<usize>)> = None;
    for (l, t) in &ctx.lines {
        if *t != Topic::Data {
            under_unit = false;
            continue;
        }
        let s = ctx.s(&l.range);
        if TABLE_UNIT.is_match(s) {
            under_unit = true;
            continue;
        }
        if under_unit
            && !s.is_empty()
            && s.len() <= 9
            && s.chars().all(|c| c.is_ascii_digit() || c == ',')
        {
            if let Some(v) = parse_number(s) {
                if best.as_ref().is_none_or(|b| v > b.0) {
                    best = Some((v, l.range.clone()));
                }
            }
        }
    }
    best
}

/// Lines of a list with one count each, each followed by the kinds of data of that category
/// (`講座講師(7名)の氏名、住所`): the sum.
fn list_sum(ctx: &Ctx, known: &[(Range<usize>, Vec<Count>)]) -> Option<(u64, Range<usize>)> {
    let mut best: Option<(u64, Range<usize>)> = None;
    let mut run: Vec<Count> = Vec::new();
    let flush = |run: &mut Vec<Count>, best: &mut Option<(u64, Range<usize>)>| {
        if run.len() >= 2 {
            let sum = run.iter().fold(0u64, |a, c| a.saturating_add(c.value));
            let r = run[0].range.start..run[run.len() - 1].range.end;
            if best.as_ref().is_none_or(|b| sum > b.0) {
                *best = Some((sum, r));
            }
        }
        run.clear();
    };
    for (l, t) in &ctx.lines {
        if !super::is_fact_topic(*t) {
            flush(&mut run, &mut best);
            continue;
        }
        let s = ctx.s(&l.range);
        if s.is_empty() || l.heading.is_some() {
            continue;
        }
        // (a line that is one of the sentences read before: its counts as found then)
        let cs = match known.binary_search_by_key(&l.range.start, |k| k.0.start) {
            Ok(k) if known[k].0 == l.range => known[k].1.clone(),
            _ => counts_in(ctx, l.range.clone()),
        };
        let one = cs.len() == 1 && s.chars().count() <= 90 && !s.contains('。');
        let data_after = one && super::data::names_data(&ctx.text[cs[0].range.end..l.range.end]);
        let category_size = one
            && !run.is_empty()
            && ctx.text[..cs[0].range.start].ends_with('(')
            && ctx.text[cs[0].range.end..].starts_with(')');
        if one && (data_after || category_size) {
            run.push(cs[0].clone());
        } else {
            flush(&mut run, &mut best);
        }
    }
    flush(&mut run, &mut best);
    best
}

/// The count one of several bodies that share the facts gives for itself
/// (`かえで台市では38人分、ひので市では12人分の…`): the first count in the clause after the
/// body's name and `では`/`で`/`は`.
pub fn count_of_body(text: &str, within: Range<usize>, name: &str) -> Option<Found<u64>> {
    let seg = &text[within.clone()];
    for (i, _) in seg.match_indices(name) {
        let after = &seg[i + name.len()..];
        let Some(p) = ["では", "で", "は"].iter().find(|p| after.starts_with(**p)) else {
            continue;
        };
        let rest = &after[p.len()..];
        let clause_end = rest.find(['、', '。']).unwrap_or(rest.len());
        let clause = &rest[..clause_end.min(super::floor_char(rest, 60))];
        if let Some(c) = COUNT.re.captures(clause) {
            let m = c.get(0)?;
            let value = parse_number(&c["n"].replace(' ', ""))?;
            let start = within.start + i + name.len() + p.len() + m.start();
            return Some((value, start..start + m.len()));
        }
    }
    None
}

/// Persons affected (see the module doc).
pub fn affected(ctx: &Ctx) -> Option<Found<u64>> {
    let mut section: Vec<Count> = Vec::new();
    let mut best: Option<(u64, Range<usize>)> = None;
    // the largest count of a sentence that reports the event itself (`…34人の名前が流出した恐れ`)
    // outranks counts of sentences around it (`約17,500世帯の方に対し支給`, `994件の通知書を発送`,
    // `制度の利用者は全国で約11万人`)
    let mut best_event: Option<(u64, Range<usize>)> = None;
    // the counts of the sentences that report the event (for a rounded figure's exact one)
    let mut event_counts: Vec<(u64, Range<usize>, bool)> = Vec::new();
    // the counts of each fact sentence, in order (for the lines of a list that are sentences)
    let mut known: Vec<(Range<usize>, Vec<Count>)> = Vec::new();
    for s in ctx.fact_sents() {
        // (a sentence without a numeral has no count: counts_in finds none)
        let cs = counts_in(ctx, s.range.clone());
        if known.last().is_none_or(|k| k.0.start < s.range.start) {
            known.push((s.range.clone(), cs.clone()));
        }
        if cs.is_empty() {
            continue;
        }
        if ctx.doc.event_at(s.range.start) {
            event_counts.extend(cs.iter().map(|c| (c.value, c.range.clone(), c.subset)));
        }
        if s.topic == Topic::Data {
            // a line of the section marked as a part (`※うち、回収済み 35名`) of the figure of
            // the line before
            let had = !section.is_empty();
            section.extend(cs.into_iter().map(|mut c| {
                c.subset |= c.part_marker && had;
                c
            }));
            continue;
        }
        if !COUNT_CONTEXT.is_match(ctx.s(&s.range)) {
            continue;
        }
        if let Some(mut v) = combine_sentence(ctx, &cs) {
            // `新たに55件`: more persons than the figure before
            let before = &ctx.text[s.range.start..v.1.start];
            if let Some(b) = best.as_ref().filter(|_| ADDED_BEFORE.is_match(before)) {
                v = (
                    b.0.saturating_add(v.0),
                    b.1.start.min(v.1.start)..v.1.end.max(b.1.end),
                );
            }
            if ctx.doc.event_at(s.range.start) && best_event.as_ref().is_none_or(|b| v.0 > b.0) {
                best_event = Some(v.clone());
            }
            if best.as_ref().is_none_or(|b| v.0 > b.0) {
                best = Some(v);
            }
        }
    }
    let best = best_event.or(best);
    if let Some(t) = table_total(ctx) {
        return Some(t);
    }
    if let Some(v) = combine_section(&section) {
        return Some(v);
    }
    if let Some(l) = list_sum(ctx, &known) {
        if best.as_ref().is_none_or(|b| l.0 >= b.0) {
            return Some(l);
        }
    }
    best.map(|b| exact_for_approximate(ctx, b, &event_counts))
        .or_else(|| letters(ctx))
}

/// A rounded figure (`100人余り`, `最大4千件超`, `約2万人`) gives way to an exact one the text
/// tells later for the same persons (`109人`, `4061人分`): within a fifth of it, not rounded.
fn exact_for_approximate(
    ctx: &Ctx,
    best: Found<u64>,
    event_counts: &[(u64, Range<usize>, bool)],
) -> Found<u64> {
    static APPROX_AFTER: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"^\s*(余り|あまり|超|以上|近く|ほど|程度|強|弱)"));
    let (v, r) = &best;
    let written = &ctx.text[r.clone()];
    let rounded = |n: u64| n >= 100 && n.is_multiple_of(100);
    let approximate = written.starts_with(['約', 'お']) // 約, およそ
        || written.contains("最大約")
        || APPROX_AFTER.is_match(&ctx.text[r.end..])
        || (rounded(*v) && written.contains(['万', '千', '百']));
    if !approximate {
        return best;
    }
    let mut exact: Option<Found<u64>> = None;
    for (value, range, subset) in event_counts {
        let w = &ctx.text[range.clone()];
        if *subset
            || *value == *v
            || rounded(*value)
            || w.starts_with(['約', 'お', '最'])
            || APPROX_AFTER.is_match(&ctx.text[range.end..])
        {
            continue;
        }
        let near = value * 5 >= *v * 4 && value * 4 <= *v * 5;
        if near
            && exact
                .as_ref()
                .is_none_or(|e| value.abs_diff(*v) < e.0.abs_diff(*v))
        {
            exact = Some((*value, range.clone()));
        }
    }
    exact.unwrap_or(best)
}

/// Where no person is counted, the letters or documents that went astray, one a person
/// (`通知書1通を誤送付`, `およそ300通の所在が分からなく`): mails are no persons (`メール2通`).
pub static LETTERS: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("affected.letters", (), "a count of letters or documents sent astray or lost, where no person is counted",
        r"(?:通知書|書類|封書|郵便物|はがき|ハガキ|案内状|案内文|証明書|文書|手紙|督促状|納付書|申請書|調査票|答案|葉書|封筒|DM|ダイレクトメール)(?:[^。、]{0,12}?|のうち、)(?P<q>計|約|およそ)?(?P<n>\d[\d,]*)\s*通|(?P<q2>計|約|およそ)?(?P<n2>\d[\d,]*)\s*通の(?:通知書|書類|封書|郵便物|はがき|ハガキ|案内状|証明書|文書|手紙|督促状|納付書|申請書|調査票|封筒|所在)")
        .ex(&["通知書1通を誤送付", "およそ300通の所在が分からなく", "案内状計42通を別の住所に", "12通の封書"])
        .not(&["メール2通を誤送信", "電子メール約300通"])
        .general("how misdelivery and loss news count items sent astray: a postal item and the counter 通")
});

fn letters(ctx: &Ctx) -> Option<Found<u64>> {
    for s in ctx.fact_sents() {
        let st = ctx.s(&s.range);
        if !st.contains('通') || !ctx.doc.event_at(s.range.start) {
            continue;
        }
        for c in LETTERS.re.captures_iter(st) {
            let (Some(n), m) = (c.name("n").or(c.name("n2")), c.get(0)) else {
                continue;
            };
            let Some(m) = m else { continue };
            if st[..m.start()].ends_with("メール") {
                continue;
            }
            let Some(v) = crate::numbers::parse_number(n.as_str()).filter(|v| *v > 0) else {
                continue;
            };
            return Some((v, s.range.start + m.start()..s.range.start + m.end()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::extract_text;

    proptest::proptest! {
        /// The pre-test never turns away a text the count pattern matches.
        #[test]
        fn a_count_passes_the_pretest(s in "[0-9,. 〇一二十百千万億約計人名件世帯分様アカウント口座氏の]{0,16}") {
            if super::COUNT.re.is_match(&s) {
                proptest::prop_assert!(super::may_count(&s), "{}", s);
            }
        }
    }

    proptest::proptest! {
        /// The pre-test of a range from the places of the whole text is the pre-test of the
        /// range's own text.
        #[test]
        fn the_pretest_of_a_range_is_that_of_its_text(
            s in "[0-9,. \n一十万人名件世帯アカウント口座氏の。]{0,24}",
            a in 0usize..80,
            b in 0usize..80,
        ) {
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let a = bounds[a % bounds.len()];
            let b = bounds[b % bounds.len()].max(a);
            let ends = super::count_ends(&s);
            proptest::prop_assert_eq!(super::may_count_in(&ends, &(a..b)), super::may_count(&s[a..b]));
        }
    }

    #[test]
    fn the_count_examples_pass_the_pretest() {
        for ex in super::COUNT.examples {
            assert!(super::may_count(ex), "{ex}");
        }
    }

    fn one(t: &str) -> Option<u64> {
        let v = extract_text("t.txt", t);
        assert_eq!(v.len(), 1, "{v:#?}");
        v[0].affected
    }

    #[test]
    fn sums_categories_of_the_data_section() {
        assert_eq!(one("2030年1月10日\nサンプル工業株式会社\n\n不正アクセスについて\n\n当社サーバーへの不正アクセスがありました。\n\n2. 漏えいのおそれがある個人情報\n会員 1,200件\n退会者 ３００件\n\n3. 原因\n脆弱性です。"), Some(1500));
    }

    #[test]
    fn accounts_logged_into_are_counted() {
        assert_eq!(one("サンプル社は、運営するサービスのアカウント5万905件に第三者から不正ログインがあったと発表しました。登録した個人情報が閲覧されている恐れがあります。"), Some(50905));
    }

    #[test]
    fn the_count_of_the_event_sentence_outranks_a_programmes_population() {
        assert_eq!(one("みどり市は、非課税世帯(約17,500世帯)の方に対し給付金を支給しています。このうち3人分の確認書の写しを誤って別の世帯に送付しました。"), Some(3));
    }

    #[test]
    fn a_part_of_the_members_that_leaked_is_the_count_not_the_members() {
        // the leak told of the part: the members are the population
        assert_eq!(one("サンプル運輸株式会社は、会員制サービスで不正ログインが発覚し、会員800万人のうち、1万2,345人分のデータが流出した可能性があると発表しました。"), Some(12345));
        // the leak told of the whole: the part is a breakdown
        assert_eq!(
            one("みどり市は、流出した187人のうち66人は児童だったと発表した。"),
            Some(187)
        );
        // logins counted are no persons
        assert_eq!(one("サンプル社の会員サイトで約19万件の不正ログインが確認され、会員3,210人の住所が閲覧された可能性があります。"), Some(3210));
    }

    #[test]
    fn several_hundred_is_no_count() {
        assert_eq!(one("送信件数が数百件ぐらいでは専用の送信システムが使えません。みどり金庫は、団体会員のアドレス185件が表示された状態でメールを誤送信した。"), Some(185));
    }

    #[test]
    fn a_follow_up_adds_the_new_count() {
        assert_eq!(one("サンプル社は26日までに27件の個人情報漏洩の可能性があったことを発表していた。その後の27日、新たに55件の個人情報漏洩の可能性が判明した。"), Some(82));
    }

    #[test]
    fn a_total_not_total_plus_subset() {
        assert_eq!(one("ある事業者で不正アクセスがあり、全国で計約12万件、うち北区では約3,000件の個人情報が流出しました。"), Some(120_000));
    }

    #[test]
    fn a_breakdown_in_parentheses_is_not_added() {
        assert_eq!(one("■漏えいした個人情報の件数\n500人分(顧客300人分、取引先200人分)\n誤送信によるものです。"), Some(500));
    }

    #[test]
    fn written_forms() {
        assert_eq!(one("顧客情報 約2.2万件が流出しました。"), Some(22_000));
        assert_eq!(one("顧客情報 約2.25万件が流出しました。"), Some(22_500));
        assert_eq!(
            one("会員 二百五十件分の個人情報が流出しました。"),
            Some(250)
        );
        assert_eq!(one("名簿(1 2 0 人の氏名)が流出しました。"), Some(120));
        assert_eq!(
            one("合計約 31 万人分の個人データが流出しました。"),
            Some(310_000)
        );
        assert_eq!(
            one("病歴など3千人の個人情報を含む文書を紛失した。"),
            Some(3000)
        );
    }

    #[test]
    fn organizations_and_staff_are_not_persons_affected() {
        assert_eq!(
            one("最大40社の資料が閲覧可能な状態でした。担当職員2人に懲戒処分を行いました。"),
            None
        );
    }

    #[test]
    fn categories_joined_in_one_sentence_are_summed_alternatives_are_not() {
        assert_eq!(one("外部からの攻撃を受け、カード情報(52件)及び会員情報(2,310件)が流出したおそれがあります。"), Some(2362));
        assert_eq!(one("約30人分の名前などが記録されていたとみられるが、含まれていたおそれのある利用者は87人おり、記録媒体を紛失した。"), Some(87));
        assert_eq!(
            one("巡査長は知人に頼まれて照会システムを不正に使い、計7人41件の個人情報を不正取得した。"),
            Some(7)
        );
    }

    #[test]
    fn two_bodies_sharing_the_facts_each_with_its_count() {
        let v = extract_text(
            "t.txt",
            "みどり市とあおば市は1日、両市が委託していた業者が別人の通知書を同封して発送していたと発表した。みどり市では38人分、あおば市では12人分の氏名が別人に渡った。",
        );
        let got: Vec<(Option<String>, Option<u64>)> = v
            .iter()
            .map(|i| (i.organization.clone(), i.affected))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("みどり市".into()), Some(38)),
                (Some("あおば市".into()), Some(12))
            ]
        );
    }

    #[test]
    fn records_and_persons_are_not_added() {
        assert_eq!(
            one("サイトが不正アクセスを受け、カード情報4,512件と個人情報1万1,020人分が流出した可能性があると発表した。"),
            Some(11_020)
        );
    }

    #[test]
    fn a_part_on_its_own_line_of_the_section() {
        assert_eq!(
            one("2 漏えいした件数\n・通知書が同封された方 42名\n※うち、回収済み 35名\n3 原因\n封入の誤りによるものです。"),
            Some(42)
        );
    }

    #[test]
    fn a_part_given_before_the_whole() {
        assert_eq!(
            one("カード情報等3万1520件を含む、会員情報18万4306件が流出したおそれがある。"),
            Some(184_306)
        );
    }

    #[test]
    fn mails_and_populations_are_not_persons() {
        assert_eq!(one("講師の端末がウイルスに感染し、メールアドレスが流出した。受信箱には1万2千件ほどのメールが残っていた。"), None);
        assert_eq!(
            one("会員数約640万名のうち、最大約31万人の情報が流出したおそれがある。"),
            Some(310_000)
        );
    }

    #[test]
    fn a_list_of_categories_one_per_line() {
        assert_eq!(one("委託先の機器がランサムウェアに感染した。対象の個人情報は次のとおり。\n講座講師(7名)の氏名、住所\n参加者(4,210名)の氏名、電話番号\n事務局員(318名)の氏名、メールアドレス\n"), Some(4535));
    }

    #[test]
    fn letters_astray_count_where_no_person_is_counted() {
        let v = extract_text(
            "t.txt",
            "みなと町は6日、町民向けの通知書1通を別人に誤って送付したと発表した。",
        );
        assert_eq!(v[0].affected, Some(1));
        let v = extract_text(
            "t.txt",
            "みなと市は2日、住民に送る納付書およそ300通を紛失したと発表した。",
        );
        assert_eq!(v[0].affected, Some(300));
        // a person counted wins; mails are no letters
        let v = extract_text(
            "t.txt",
            "みなと市は2日、通知書12通を誤って送付し、8人の氏名が別人に渡ったと発表した。",
        );
        assert_eq!(v[0].affected, Some(8));
        let v = extract_text(
            "t.txt",
            "みなと市は2日、職員がメール3通を誤って外部に送信したと発表した。",
        );
        assert_eq!(v[0].affected, None);
    }

    #[test]
    fn mails_sent_and_persons_arrested_are_not_affected() {
        let v = extract_text("t.txt", "みなと大学は5日、教員のメールアカウントが乗っ取られ、迷惑メール37,500件が送信されたと発表した。アカウントには学生120人の氏名が含まれていた。");
        assert_eq!(v[0].affected, Some(120));
        let v = extract_text("t.txt", "県警は10日、元社員の男ら計4名を個人情報保護法違反の疑いで逮捕した。男は顧客データを持ち出し、名簿業者に売却した疑いがある。");
        assert_eq!(v[0].affected, None);
    }

    #[test]
    fn a_rounded_figure_gives_way_to_the_exact_one() {
        let v = extract_text("t.txt", "みなと市は5日、住民100人余りの個人情報が流出したと発表した。市によると、流出したのは住民109人の氏名と住所。");
        assert_eq!(v[0].affected, Some(109));
        let v = extract_text(
            "t.txt",
            "みなと社は5日、顧客約2万人分の情報が流出した可能性があると発表した。",
        );
        assert_eq!(v[0].affected, Some(20000));
    }

    #[test]
    fn households_and_persons_are_not_one_figure() {
        let v = extract_text(
            "t.txt",
            "みなと市は5日、住民22世帯、23人の氏名と住所が記載された名簿を紛失したと発表した。",
        );
        assert_eq!(v[0].affected, Some(23));
    }

    #[test]
    fn groups_joined_by_to_or_hoka_are_summed() {
        // the staff whose data leaked, in two groups sharing `の氏名`
        assert_eq!(one("みなと鉄道は13日、社員が全社員5010人とグループ会社の社員38人の氏名や生年月日が記録されたUSBメモリを紛失したと発表した。"), Some(5048));
        // `Aのほか、B`: a second group added
        assert_eq!(one("みどり市は、療養中の944人の氏名と年齢のほか、新たに陽性となった89人の氏名や住所が記載された資料を誤って送信したと発表した。"), Some(1033));
    }
}

//! Splitting a document into incidents.
//!
//! | layout | how it is recognized | one incident per |
//! |---|---|---|
//! | round-up table | a header row with an organization column and an incident column (`公開日 \| 社名 \| 流出件数`), see [`crate::tables`] | row |
//! | casebook page | lines `【…#2024-100】組織名 題名 2024/4/15` (a bracketed tag holding a case number, or ≥2 bracketed headings ending in a date) | heading, up to the next heading |
//! | digest, round-up, training deck | ≥2 marked headline lines (`○`, `◎`, `■`, `1.`) or ≥3 unmarked ones, each naming a different organization at its head with an incident word (`○ハウスメーカーへの不正アクセス、約83万件流出`, `3.■みどり市 職員がUSB紛失 2031年7月5日`) | headline, with the paragraph under it |
//! | column or article citing several cases | sentences that open a new case: a different organization as the subject of an incident event (`…県警川口署の巡査は…`), a case named after its organization (`「…大学名簿提出事件」`), or `また、…別の職員が…` | case, up to the next case |
//! | page of several notices | ≥2 lines that are only a body's name, each with a title line beside it (`株式会社サンプル` / `…に関するお詫び`) | notice that reports an incident |
//! | notice or news item | an incident event anywhere (see [`crate::incident`]) | the whole document (a follow-up or hardening plan in the same file is the same incident) |
//! | no incident | no incident event (a warning, a definition, an outage), or a template of a notice (`○○○株式会社`, `**月**日`) | nothing |

use crate::analyze::{marker_level, Line};
use crate::dates::DateMention;
use crate::doc::Doc;
use crate::orgs::{compact_name, OrgKind, OrgMention};
use crate::rules::{entries, Entry, Rule};
use crate::words;
use jikenbo_model::PartialDate;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Notice,
    CasebookEntry,
    DigestItem,
    /// A case cited in a column or an article about several.
    Case,
    /// A row of a round-up table (see [`crate::tables`]).
    TableRow,
}

impl SegmentKind {
    /// A digest item or a table row: a listed incident, its text a headline or a row.
    pub fn is_listed(self) -> bool {
        matches!(self, SegmentKind::DigestItem | SegmentKind::TableRow)
    }
}

/// A value with the normalized range it came from.
pub type Found<T> = (T, Range<usize>);

#[derive(Debug, Clone)]
pub struct Segment {
    pub kind: SegmentKind,
    pub range: Range<usize>,
    pub org: Option<Found<String>>,
    pub title: Option<Found<String>>,
    pub published: Option<Found<PartialDate>>,
    /// Digest items: the month heading they stand under (`5月` in a 2024 deck).
    pub month: Option<Found<PartialDate>>,
    /// Table rows: the date of a `発生日` column.
    pub occurred: Option<Found<PartialDate>>,
    /// Table rows: the figure of a count column (`流出件数`), which needs no unit.
    pub count: Option<Found<u64>>,
    /// Table rows: the leak the count column's header asserts (`流出件数`).
    pub leak: Option<Found<jikenbo_model::Leak>>,
    /// List items of one event: the text that speaks for all of them (the cause and the actor
    /// are read there when the item's own text has none).
    pub shared: Option<Range<usize>>,
    /// A part of one own notice that enumerates its incidents (`1件目…`, `2件目…`): the
    /// notice's body, title and date are the part's.
    pub notice_part: bool,
}

impl Segment {
    pub(crate) fn new(kind: SegmentKind, range: Range<usize>) -> Segment {
        Segment {
            kind,
            range,
            org: None,
            title: None,
            published: None,
            month: None,
            occurred: None,
            count: None,
            leak: None,
            shared: None,
            notice_part: false,
        }
    }
}

/// Words that make a headline an incident headline.
pub static INCIDENT_WORD: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.incident_word", (), "a word that makes a short headline an incident headline",
        r"不正アクセス|不正ログイン|不正(に)?(閲覧|照会|取得)|流出|漏えい|漏洩|情報漏れ|持ち?出し|ランサム|置き忘れ|紛失|盗難|盗まれ|置き引き|持ち去|所在不明|盗撮|誤送信|誤送付|誤配布|誤交付|誤廃棄|誤公開|誤掲示|誤棄|(送付|送信|発送|配布|交付)ミス|内部不正|私的利用|目的外(利用|閲覧)|(名簿|顧客情報|個人情報|データ)(の|を)?(転売|売却|横流し)|サイバー攻撃|サポート詐欺|標的型|フィッシング|閲覧可能|ウイルス感染|感染|誤って[^。]{0,20}(送信|送付|郵送|発送|交付|掲載|公開)")
        .ex(&["データを誤って外部に送信", "不正アクセスで流出", "不正ログイン", "不正に閲覧", "不正照会", "不正取得", "情報漏えい", "個人情報漏洩", "情報漏れ", "顧客情報持ち出し", "持出し", "ランサムウェア被害", "電車に置き忘れ", "USB紛失", "ノートパソコンを盗まれる", "カバン置き引き被害", "名簿の持ち去り", "個人票所在不明", "PC盗難", "盗撮", "メール誤送信", "誤送付", "誤配布", "誤交付", "名簿転売", "顧客情報の売却", "添付ファイルの送付ミス", "メールの送信ミス", "発送ミス", "配布ミス", "交付ミス", "指導要録を誤廃棄", "地図の誤公開", "名簿の誤掲示", "書類紛失 誤棄か", "内部不正", "職員が顧客情報を私的利用", "目的外利用", "目的外閲覧", "サイバー攻撃", "サポート詐欺", "標的型メール", "フィッシング", "閲覧可能な状態", "ウイルス感染", "Emotetに感染"])
        .not(&["システム障害のお知らせ", "メンテナンス"])
    .general(crate::rules::VOCABULARY)
});

/// A casebook heading: `【事件簿#2024-100】組織名 題名 2024/4/15`.
pub static CASEBOOK_HEADING: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.casebook_heading",
        (),
        "a casebook page's bracketed heading of one reposted notice",
        r"^【([^】]{1,60})】\s*(\S.*)$",
    )
    .ex(&["【事件簿#2031-001】みどり市 職員による情報の持ち出しについて 2031/5/1"])
    .not(&["【お詫び】", "■ 2024年の事件簿"])
});

/// A list marker or bullet opening a digest item: `1.`, `16■`, `(2)`, `③`, `◎`, `○`, `-`.
pub static ITEM_MARK: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.item_mark", (), "a list marker or bullet opening an item of a digest or round-up",
        r"^(?:[0-9]{1,2}\s*[.、)]?\s*[■□◆◇●○◎・]|[0-9]{1,2}[.、)]|\([0-9]{1,2}\)|[①-⑳]|[■□◆◇●○◎・\-*▶►▽▼△▲]|【(?:事例|事案|事故|速報|続報|報道|注目|重要)】)\s*")
        .ex(&["1.■", "16■", "3. ", "(2) ", "③", "◎", "○", "- ", "・", "■", "□", "◆", "◇", "●", "*", "▶", "►", "▽", "▼", "△", "▲", "【事例】", "【速報】"])
        .not(&["2024年", "令和6年"])
});

/// A leading date on a headline, which is no subject: `2015年、`, `2024/06/10 `, `6月5日`.
pub static LEAD_DATE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.lead_date", (), "a date at the head of a headline (the news date), not its subject",
        r"^(((19|20)\d{2}([/.\-]\d{1,2}[/.\-]\d{1,2}|年(度)?(\d{1,2}月(\d{1,2}日)?)?))|\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2})(\([^)]{1,4}\))?[、,:：\s\u{3000}]*")
        .ex(&["2024/06/10 ", "2015年、", "6月5日 ", "6/5 ", "10月2日\u{3000}"])
        .not(&["みどり市"])
});

/// Where a headline's subject ends: `への`, `での`, `が`, `による`, ...
pub static SUBJECT_END: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.subject_end",
        (),
        "the particle that closes a headline's subject",
        r"への|での|における|において|による|により|にて|から|が|へ|で|は、|、|に|[:：=＝]",
    )
    .ex(&[
        "への",
        "での",
        "における",
        "において",
        "による",
        "により",
        "にて",
        "から",
        "が",
        "へ",
        "で",
        "は、",
        "、",
        "に",
        "さわらび市:児童手当の通知書を誤送付",
        "すずらん町=児童手当の案内を誤送付",
    ])
    .not(&["の"])
});

/// A relative clause ending before the subject noun (`…から業務委託を受けていた事業者`).
pub static RELATIVE_CLAUSE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.relative_clause",
        (),
        "a relative clause before a headline's subject noun",
        r"ていた|ている|された|していた|受けた",
    )
    .ex(&[
        "受けていた",
        "している",
        "委託された",
        "運営していた",
        "委託を受けた",
    ])
    .not(&["受け"])
});

/// Roles that follow an organization in a headline subject (`不動産企業の元社員`).
pub static ROLE_TAIL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.role_tail",
        (),
        "the people of an organization after its name in a headline subject",
        r"(の)?元?(派遣社員|{STAFF}|委託先|関連子会社)$",
    )
    .ex(&[
        "不動産企業の元社員",
        "みどり市職員",
        "大手学習塾元講師",
        "物流企業の元派遣社員",
        "さくら病院の委託先",
        "ガス会社と関連子会社",
    ])
    .not(&["みどり市"])
});

/// Organization-like endings for descriptors without a name (`ハウスメーカー`, `保育事業者`).
pub static DESCRIPTOR_END: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.descriptor_end", (), "an ending that makes a headline subject an organization description",
        r"(会社|企業|事業者|業者|メーカー|社|市|町|村|区|県|都|府|病院|医院|クリニック|大学|学校|高校|高|塾|協会|法人|団体|組合|店|ストア|銀行|機関|センター|庁|省|役所|役場|グループ|ホテル|施設|自治体|署|局|委員会)$")
        .ex(&["ハウスメーカー", "保育事業者", "都内ガス会社", "出版グループ企業", "清掃業者", "サンプル社", "みどり市", "あおば町", "ひかり村", "みなと区", "あおば県", "東京都", "大阪府", "さくら病院", "みどり医院", "ひかりクリニック", "あおば大学", "みどり学校", "県立高校", "磐城高", "学習塾", "サンプル協会", "医療法人", "市民団体", "協同組合", "書店", "オンラインストア", "地方銀行", "金融機関", "データセンター", "消費者庁", "総務省", "市役所", "町役場", "ホールディングスグループ", "サンプルホテル", "福祉施設", "自治体", "警察署", "消防局", "教育委員会"])
        .not(&["不正アクセス"])
    .general(crate::rules::VOCABULARY)
});

/// A sentence opening a second case of the same organization: `また、1月18日には、別の職員が…`.
pub static ANOTHER_CASE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.another_case",
        (),
        "a sentence opening another case of the same organization",
        r"^(?:また|さらに|このほか|他にも|ほかにも)[、,][^。]{0,30}別の[^。]{0,16}{STAFF}|^(?:また、|さらに、)?(?:{ANAPHORA})(?:では|でも)、?[^。、]{1,12}にも、",
    )
    .ex(&[
        "また、3月9日には、別の30代の男性職員が",
        "さらに、別の職員が",
        "このほか、別の担当者が",
        "他にも、別の社員が",
        "ほかにも、別の教諭が",
        "同市では8月にも、",
    ])
    .not(&["また、同じ職員が", "別の職員が確認した", "同市では、8月に"])
    .general("news items open a second case of one body with また／さらに…別の職員")
});

/// A text that announces several incidents at once (`4月に判明した事故3件について公表`): its
/// paragraphs opening with また／さらに and reporting an event are the further cases.
pub static DECLARED_CASES: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.declared_cases", (), "a number of incidents announced together",
        r"(事故|事案|不祥事|インシデント|事件|事務処理ミス)\s*([2-9]|[二三四五六七八九])\s*件|([2-9]|[二三四五六七八九])\s*件の(事故|事案|不祥事|インシデント|事件|事務処理ミス)")
        .ex(&["判明した事故3件について公表", "事案2件", "3件の事故", "二件の事務処理ミス"])
        .not(&["事故1件", "3件の個人情報"])
        .general("news and public bodies announce several incidents at once with their number")
});

/// After [`DECLARED_CASES`]: a paragraph opening another of them.
pub static FURTHER_CASE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.further_case",
        (),
        "a paragraph opening a further case of those announced",
        r"^(?:また|さらに|このほか|他にも|ほかにも|次に)",
    )
    .ex(&[
        "また4月7日には、",
        "さらに、",
        "このほか",
        "他にも",
        "ほかにも",
        "次に",
    ])
    .not(&["なお、"])
    .general(
        "the connectives Japanese news uses to go on to the next item (また・さらに・このほか)",
    )
});

/// A sentence opening the second, third… of several cases a text enumerates: `2件目は、…`.
pub static ORDINAL_CASE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.ordinal_case",
        (),
        "a sentence opening the second or a later case a text enumerates",
        r"^[【\[(]?(?:[2-9]件目|[二三四五六七八九]件目|[二三四五]つ目|[2-5]つ目|もう(?:一|1)(?:つ|件)|(?:次|つぎ)の事案|第[2-9二三四五]の事案)(?:は|の|として|について|、|\s|:|】|\]|\))",
    )
    .ex(&["2件目は、", "二件目は", "二つ目は、", "3つ目の", "もう一件は", "もう1つの", "次の事案は", "第二の事案として", "2件目 FAXの誤送信", "【2件目】"])
    .not(&["1件目は", "2件目以降"])
    .general("texts that report several incidents enumerate them (1件目は…2件目は…, 一つ目は…二つ目は…)")
});

/// A case named after the organization it concerns: `「あおば大学名簿提出事件」`.
pub static NAMED_CASE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.named_case",
        (),
        "a case named after its organization (…事件), as columns cite past cases",
        r"[一-龠ァ-ヴーA-Za-z0-9]{3,40}(?:事件|事案)",
    )
    .ex(&[
        "あおば市住民基本台帳漏洩事件",
        "みどり大学名簿提出事件",
        "サンプル社顧客情報流出事案",
    ])
    .not(&["事件", "その事件"])
});

/// A heading that numbers one of several cases a column walks through: `## 事例1: 保険代理店の
/// 元社員`, `【ケース2】`, `■事案3 委託先の誤送信`.
pub static CASE_HEADING: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.case_heading",
        (),
        "a heading numbering one of the cases a column or training deck walks through",
        r"^[#■□◆◇●○◎【〈《<\[\s]*(?:(?:事例|ケース|事案|実例|被害例)\s*[(（]?[0-9０-９①-⑳一二三四五六七八九十]{1,2}|(?:[0-9０-９]{1,2}|[①-⑳])\s*[.．、)）:：]?\s*[^。、\s]{1,24}の(?:事例|ケース|事案)(?:\s*[(（][^)）]{0,12}[)）])?\s*$)",
    )
    .ex(&[
        "## 事例1: 保険代理店の元社員",
        "【ケース2】委託先の誤送信",
        "■事案3 USBメモリの紛失",
        "事例(4)",
        "〈実例①〉",
        "1. 学習塾の事例",
        "② 運送会社のケース (2021年)",
    ])
    .not(&["事例の詳細", "ケースに限らず", "事案の概要", "2. 本件の事案について", "3. 他社の事例から学ぶ"])
    .general("columns and training material walk through past incidents under numbered headings (事例1, ケース2)")
});

/// A line of a list of cases that opens with the case's name (`サンプル商事の情報漏洩事例…`,
/// `株式会社サンプルの事例…`), as pages listing past incidents flatten a table of them: the
/// name before `の…事例` is the line's subject.
pub static CASE_OF: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.case_of",
        (),
        "a list line opening with `NAMEの(情報漏洩)事例`: the name is its subject",
        r"^(?P<n>[^。、\s「」『』()]{3,30}?)の(?:(?:個人)?情報(?:漏洩|漏えい|流出))?(?:事例|事件)(?:[一-龠ァ-ヴA-Za-z]|\s)",
    )
    .ex(&[
        "サンプル商事の情報漏洩事例業務用パソコン1台の紛失が原因で",
        "株式会社あおば書房の事例サーバーへの攻撃で",
        "みどり通信の個人情報流出事件 2031年",
    ])
    .not(&["過去の事例", "情報漏洩の事例18選", "この事件の", "同社の事例では、"])
    .general("pages of past incidents list each as `NAMEの情報漏洩事例` followed by what happened")
});

/// A headline of a round-up that opens with the prefecture where the body is (`【宮城県】県立
/// 高等学校、…`, `■富山県 みどり町 委託業者が…`): the prefecture locates the body named after
/// it, which is the line's subject. A body named by its kind alone (`県立高等学校`, `市立小学校`)
/// keeps its prefecture: `宮城県の県立高等学校`.
pub static PLACE_HEAD: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.place_head",
        (),
        "a headline opening with a prefecture (【宮城県】, or before a space): the body after it is the subject",
        r"^(?:【(?P<b>{PREFECTURE})】|(?P<s>{PREFECTURE})\s)\s*(?P<n>[^、。\s【】]{2,24}?)(?:、|\s|で|が|は|において|の[^ぁ-ん])",
    )
    .ex(&[
        "【宮城県】県立高等学校、生徒の名簿を紛失",
        "【東京都】市立小学校、アンケートを誤廃棄",
        "富山県 みどり町 委託業者が端末を紛失",
        "静岡県 みなと土木事務所で文書を紛失",
    ])
    .not(&["静岡県は、", "【速報】みどり市", "みどり市 職員がUSB紛失", "静岡県の職員が"])
    .general("round-ups of incidents at schools and offices head each with its prefecture, in brackets or set off by a space, before the body")
});

/// Bodies named by their kind alone, after who founded them (`市立` + `小学校`).
const GENERIC_BODY: &[&str] = &[
    "小学校",
    "中学校",
    "高等学校",
    "高校",
    "中等教育学校",
    "義務教育学校",
    "特別支援学校",
    "大学",
    "短期大学",
    "高等専門学校",
    "幼稚園",
    "保育園",
    "保育所",
    "こども園",
    "認定こども園",
    "病院",
    "図書館",
    "博物館",
    "美術館",
];

/// A Latin or katakana name right after a cited case's year (after [`CITED_YEAR`]'s match), as
/// its subject (`2031年3月、HKTの子会社で`), maybe after a description and の
/// (`大手転職サイトのミライキャリアで`).
static CITED_SUBJECT: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"^、?(?:[^、。の]{1,12}の){0,2}?(?P<n>[A-Za-z][A-Za-z0-9&.\-]{1,15}|[ァ-ヴー・]{2,15}(?:工房|商店|本舗|工業|製作所|物産|商事)?)(?:の|が|は|で|では|において)",
    )
});

/// A sentence that opens with a year (`2022年には、`, `2019年にも`): a column citing an
/// earlier case.
pub static CITED_YEAR: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.cited_year",
        (),
        "a sentence opening with the year of a case a column cites",
        r"^(?:また、|さらに、)?(?:[^。、\s]{1,10}(?:では|でも)、?)?(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:上旬|中旬|下旬|初め|末)?(?:には|にも|、|に)",
    )
    .ex(&[
        "2031年5月末には、",
        "2030年初めに",
        "2029年3月上旬には",
        "2029年3月中旬には",
        "2029年3月下旬には",
        "2022年には、ある自治体で",
        "2019年にも",
        "2021年、",
        "2017年12月13日、",
        "また、2020年3月には",
        "県内では2023年にも、",
    ])
    .not(&["2022年度の予算", "20件"])
    .general("columns and reviews cite earlier cases by their year (2022年には、…事案があった)")
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [
        &*INCIDENT_WORD,
        &*ENUMERATED_SUBJECT,
        &*LISTED_SUBJECT,
        &*DECLARED_CASES,
        &*FURTHER_CASE,
        &*CASEBOOK_HEADING,
        &*ITEM_MARK,
        &*LEAD_DATE,
        &*SUBJECT_END,
        &*RELATIVE_CLAUSE,
        &*ROLE_TAIL,
        &*DESCRIPTOR_END,
        &*ANOTHER_CASE,
        &*ORDINAL_CASE,
        &*NAMED_CASE,
        &*CASE_HEADING,
        &*CASE_OF,
        &*PLACE_HEAD,
        &*CITED_YEAR,
        &*BLOCK_TITLE,
        &*BLOCK_ORG,
    ] {
        v.extend(entries("segment", std::slice::from_ref(r)));
    }
    v
}

/// The label opening a block of one case in a list of labelled fields (`事故名:…`).
pub static BLOCK_TITLE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.block_title",
        (),
        "the first label of a case's block of labelled fields",
        r"^[【\[]?(?:事故名|事案名|事例名|事件名|インシデント名|件名)[】\]]?\s*[:：]",
    )
    .ex(&[
        "事故名:顧客名簿の誤廃棄",
        "【事案名】:",
        "件名: 会員サイトへの不正ログイン",
    ])
    .not(&["事故の名称について", "件名を確認"])
    .general("case lists and incident registers repeat one block of labelled fields per case")
});

/// The label of the body a case's block names (`組織:株式会社サンプル`).
pub static BLOCK_ORG: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "segment.block_org",
        (),
        "the label of the body in a case's block of labelled fields",
        r"^[【\[]?(?:組織|組織名|事業者|事業者名|企業名|会社名|団体名|機関名|発生組織|当事者)[】\]]?\s*[:：]\s*",
    )
    .ex(&["組織:", "事業者名: ", "【企業名】:"])
    .not(&["組織的な対策"])
    .general("case lists and incident registers repeat one block of labelled fields per case")
});

/// A list of cases, each a block of labelled fields (`事故名:…` / `組織:…` / `発生時期:…` /
/// `概要:…`), or each under a marked line that is only its body's name (`■株式会社サンプル` /
/// `発表日:…` / `概要:…`): one segment per block, its body the `組織` line's or the heading's.
fn labelled_blocks(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let mut heads: Vec<BlockHead> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| BLOCK_TITLE.is_match(&text[l.range.clone()]))
        .map(|(line, _)| BlockHead {
            line,
            org: None,
            published: None,
        })
        .collect();
    if heads.len() < 2 {
        heads = name_heads(doc);
    }
    if heads.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, h) in heads.iter().enumerate() {
        let next = heads.get(k + 1).map(|n| n.line);
        let begin = doc.lines[h.line].range.start;
        let end = next.map_or(text.len(), |n| doc.lines[n].range.start);
        if !has_event(doc, begin..end) {
            continue;
        }
        let mut seg = Segment::new(SegmentKind::Case, begin..end);
        seg.published = h.published.clone();
        seg.org = h.org.clone().or_else(|| {
            doc.lines[h.line..next.unwrap_or(doc.lines.len())]
                .iter()
                .find_map(|l| {
                    let line = &text[l.range.clone()];
                    let m = BLOCK_ORG.find(line)?;
                    let name = line[m.end()..].trim_end();
                    let start = l.range.start + m.end();
                    (!name.is_empty() && name.chars().count() <= 40)
                        .then(|| (compact_name(name), start..start + name.len()))
                })
        });
        out.push(seg);
    }
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

/// The first line of a block of [`labelled_blocks`], with what it names itself.
struct BlockHead {
    line: usize,
    org: Option<Found<String>>,
    published: Option<Found<PartialDate>>,
}

/// Marked lines that are only a body's name, with labelled lines under them (`■株式会社サンプル` /
/// `発表日:…`), or a bracketed date and a name over the line that tells the incident
/// (`【2031年3月4日】株式会社サンプル`).
fn name_heads(doc: &Doc) -> Vec<BlockHead> {
    static LABEL: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"^[^:：\s]{1,8}\s*[:：]"));
    static BRACKET_DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"^[【\[]\s*(?:(?:19|20)\d{2}[年/.\-]\s*)?\d{1,2}[月/.\-]\s*\d{1,2}日?\s*[】\]]\s*",
        )
    });
    let text = doc.text;
    let mut heads = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        let line = &text[l.range.clone()];
        let dated = BRACKET_DATE.find(line).map(|m| m.end());
        let (body, marked) = match dated {
            Some(e) => (&line[e..], true),
            None => strip_marks(line),
        };
        let body_start = l.range.end - body.len();
        let body = body.trim_end();
        if !marked
            || body.is_empty()
            || body.chars().count() > 30
            || body.contains(['、', '。', ' '])
        {
            continue;
        }
        // the body's name is the whole line (a kana name may be found only in part:
        // `学校法人ふたばの森学園`)
        let Some(m) = doc.orgs_in(l.range.clone()).find(|m| {
            m.range.start >= body_start
                && m.range.end == body_start + body.len()
                && !m.is_source()
                && !matches!(m.kind, OrgKind::Service | OrgKind::Descriptor)
        }) else {
            continue;
        };
        let next_ok = doc.lines[i + 1..]
            .iter()
            .map(|n| &text[n.range.clone()])
            .find(|ns| !ns.trim().is_empty())
            .is_some_and(|ns| {
                LABEL.is_match(ns) || (dated.is_some() && INCIDENT_WORD.is_match(ns))
            });
        if !next_ok {
            continue;
        }
        let r = body_start..m.range.end;
        let published = dated.and_then(|e| {
            let d = doc
                .dates
                .iter()
                .find(|d| d.range.start >= l.range.start && d.range.end <= l.range.start + e)?;
            d.resolve(&Default::default())
                .filter(|p| p.is_full())
                .map(|p| (p, d.range.clone()))
        });
        heads.push(BlockHead {
            line: i,
            org: Some((compact_name(&text[r.clone()]), r)),
            published,
        });
    }
    heads
}

/// Split a document into incident segments.
pub fn segment(doc: &Doc) -> Vec<Segment> {
    let v = segment_layout(doc);
    tracing::debug!(
        segments = v.len(),
        kind = ?v.first().map(|s| s.kind),
        "layout"
    );
    v
}

fn segment_layout(doc: &Doc) -> Vec<Segment> {
    let casebook = casebook_segments(doc);
    if !casebook.is_empty() {
        return casebook;
    }
    let blocks = labelled_blocks(doc);
    if !blocks.is_empty() {
        return blocks;
    }
    let rows = crate::tables::table_segments(doc);
    if !rows.is_empty() {
        return rows;
    }
    let listed = crate::tables::listed_counts(doc);
    if !listed.is_empty() {
        return listed;
    }
    let digest = digest_segments(doc);
    if !digest.is_empty() {
        return digest;
    }
    let spaced = crate::tables::space_table_segments(doc);
    if !spaced.is_empty() {
        return spaced;
    }
    if !has_event(doc, 0..doc.text.len()) || crate::incident::is_template(doc.text) {
        return Vec::new();
    }
    let headed = case_heading_segments(doc);
    if headed.len() >= 2 {
        return headed;
    }
    let blocks = notice_blocks(doc);
    if !blocks.is_empty() {
        return blocks;
    }
    let cases = case_segments(doc);
    if cases.len() >= 2 {
        return cases;
    }
    let holders = enumerated_holders(doc);
    if holders.len() >= 2 {
        return holders
            .into_iter()
            .map(|h| {
                let mut seg = Segment::new(SegmentKind::Case, 0..doc.text.len());
                seg.org = Some(h);
                seg
            })
            .collect();
    }
    vec![Segment::new(SegmentKind::Notice, 0..doc.text.len())]
}

/// Several bodies named as one subject with their number (`大手損保4社(A、B、C、D)は…漏洩
/// 状況を公表`): one incident each. The names must be as many as the number says.
pub static ENUMERATED_SUBJECT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.enumerated_subject", (), "bodies listed in parentheses after their number, as the subject",
        r"([2-9]|[二三四五六七八九])\s*(社|市|町|村|区|県|校|大学|病院|団体|機関|法人|行)\s*[(（]([^()（）。]{4,160})[)）]\s*(は|が|で|の)")
        .ex(&["大手損保4社(サンプル海上、ためし損保、みほん火災、れい生命)は", "2市(あおば市、みどり市)が", "三社(A社、B社、C社)の"])
        .not(&["4社は", "2市の職員は"])
        .general("news names several bodies of one event by their number and a list in parentheses")
});

/// Several bodies listed before their number as the subject (`A、B、C、Dの4社は`).
pub static LISTED_SUBJECT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("segment.listed_subject", (), "bodies listed before their number, as the subject",
        r"((?:[^、。()（）「」\s]{2,30}、){1,8}[^、。()（）「」\s]{2,30})の\s*([2-9]|[二三四五六七八九])\s*(社|市|町|村|区|県|校|大学|病院|団体|機関|法人|行)\s*(は|が|で)")
        .ex(&["サンプル海上、ためし損保、みほん火災、れい生命の4社は", "あおば市、みどり市の2市が"])
        .not(&["4社は", "あおば市の2校は"])
        .general("news names several bodies of one event by a list and their number")
});

fn enumerated_holders(doc: &Doc) -> Vec<Found<String>> {
    static LEAK_WORD: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"漏えい|漏洩|流出|個人情報"));
    // a number of bodies (`4社`) must stand somewhere: one scan of the text first
    static NUMBER_OF_BODIES: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"[2-9二三四五六七八九]\s*(社|市|町|村|区|県|校|大学|病院|団体|機関|法人|行)",
        )
    });
    let text = doc.text;
    if !NUMBER_OF_BODIES.is_match(text) {
        return Vec::new();
    }
    for s in &doc.sents {
        let st = &text[s.clone()];
        if !NUMBER_OF_BODIES.is_match(st) || !LEAK_WORD.is_match(st) {
            continue;
        }
        let (list, num) = if let Some(c) = ENUMERATED_SUBJECT.re.captures(st) {
            (c.get(3).expect("group"), c.get(1).expect("group"))
        } else if let Some(c) = LISTED_SUBJECT.re.captures(st) {
            (c.get(1).expect("group"), c.get(2).expect("group"))
        } else {
            continue;
        };
        let n = match num.as_str() {
            "二" => 2,
            "三" => 3,
            "四" => 4,
            "五" => 5,
            "六" => 6,
            "七" => 7,
            "八" => 8,
            "九" => 9,
            d => d.parse::<usize>().unwrap_or(0),
        };
        let inner = list;
        let mut names = Vec::new();
        let mut at = s.start + inner.start();
        for piece in inner.as_str().split_inclusive(['、', ',']) {
            let part = piece.trim_end_matches(['、', ',']);
            let lead = part.len() - part.trim_start().len();
            let name = part.trim();
            if (2..=30).contains(&name.chars().count()) {
                let start = at + lead;
                names.push((name.to_string(), start..start + name.len()));
            }
            at += piece.len();
        }
        if names.len() == n {
            return names;
        }
    }
    Vec::new()
}

/// Whether `text[range]` reports an incident event in a sentence of its own.
pub fn has_event(doc: &Doc, range: Range<usize>) -> bool {
    doc.sents_in(range).any(|(k, _)| doc.event(k))
}

// ------------------------------------------------------------------ casebook pages

fn casebook_segments(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let mut heads: Vec<(usize, Segment)> = Vec::new();
    let mut numbered = 0;
    for (i, l) in doc.lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        if !s.starts_with('【') {
            continue;
        }
        let Some((tag, rest)) = casebook_heading(s) else {
            continue;
        };
        let tag = &s[tag];
        let rest_range = l.range.start + rest.start..l.range.start + rest.end;
        let has_number = tag.contains('#') && tag.chars().any(|c| c.is_ascii_digit());
        let dates: Vec<&DateMention> = doc
            .dates
            .iter()
            .filter(|d| d.range.start >= rest_range.start && d.range.end <= rest_range.end)
            .collect();
        let ends_in_date = dates
            .last()
            .is_some_and(|d| d.has_year() && text[d.range.end..rest_range.end].trim().is_empty());
        if !(has_number || ends_in_date) {
            continue;
        }
        if has_number {
            numbered += 1;
        }
        let mut seg = parse_heading(doc, rest_range, &dates);
        // the case number's year dates a heading without a date (`#2023-481`)
        if seg.published.is_none() && has_number {
            seg.month = case_number_year(tag).map(|y| (PartialDate::y(y), l.range.clone()));
        }
        heads.push((i, seg));
    }
    if heads.is_empty() || (numbered == 0 && heads.len() < 2) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for k in 0..heads.len() {
        let start = doc.lines[heads[k].0].range.start;
        let end = heads
            .get(k + 1)
            .map_or(text.len(), |h| doc.lines[h.0].range.start);
        let mut seg = heads[k].1.clone();
        seg.range = start..end;
        out.push(seg);
    }
    out
}

/// The groups of [`CASEBOOK_HEADING`] in `s` (the tag, the rest), found without the regex: its
/// captures run a backtracker over the NFA of `[^】]{1,60}` (hundreds of states) and clear its
/// visited set for every heading. The pattern has one parse: the tag runs to the first `】`
/// (1 to 60 characters), the rest from the first character after it that is no space, tab or
/// newline to the end, which holds no newline.
fn casebook_heading(s: &str) -> Option<(Range<usize>, Range<usize>)> {
    let open = '【'.len_utf8();
    let inner = s.strip_prefix('【')?;
    let close = inner.find('】')?;
    let n = inner[..close].chars().count();
    if !(1..=60).contains(&n) {
        return None;
    }
    let after = open + close + '】'.len_utf8();
    let rest = after + s[after..].find(|c: char| !matches!(c, ' ' | '\t' | '\n'))?;
    if s[rest..].contains('\n') {
        return None;
    }
    Some((open..open + close, rest..s.len()))
}

/// The year of a case number `#2023-481`.
fn case_number_year(tag: &str) -> Option<i32> {
    let p = tag.find('#')?;
    let y: i32 = tag.get(p + 1..p + 5)?.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// `組織名 題名 2024/4/15` → organization, title, date.
fn parse_heading(doc: &Doc, r: Range<usize>, dates: &[&DateMention]) -> Segment {
    let text = doc.text;
    let mut body = r.clone();
    let mut published = None;
    if let Some(d) = dates.last() {
        if text[d.range.end..r.end].trim().is_empty() && d.has_year() {
            if let Some(pd) = d.resolve(&Default::default()) {
                published = Some((pd, d.range.clone()));
            }
            body = r.start..d.range.start;
        }
    }
    let b = text[body.clone()].trim_end();
    let body = body.start..body.start + b.len();
    let (org, title) = split_org_title(doc, body.clone());
    let mut seg = Segment::new(SegmentKind::CasebookEntry, 0..0);
    seg.org = org;
    seg.title = Some((text[body.clone()].to_string(), body))
        .filter(|t| !t.0.is_empty())
        .map(|t| title.unwrap_or(t));
    seg.published = published;
    seg
}

/// Split `組織名 題名` (space) or `組織名の題名` (no space: the first name followed by a
/// particle). A regulator's heading names the breached body inside its title.
fn split_org_title(doc: &Doc, r: Range<usize>) -> (Option<Found<String>>, Option<Found<String>>) {
    let text = doc.text;
    let s = &text[r.clone()];
    if let Some(sp) = s.find(' ') {
        let mut first_end = sp;
        let first = &s[..sp];
        // `株式会社 サンプル 題名`: a bare legal prefix joins the next token
        if words::LEGAL_PREFIX.contains(&first) {
            if let Some(next) = s[sp + 1..].find(' ') {
                first_end = sp + 1 + next;
            }
        }
        let org = &s[..first_end];
        let title_r = r.start + first_end + 1..r.end;
        let title_r = crate::analyze::trim_range(text, title_r);
        if words::REGULATOR.iter().any(|x| org.starts_with(x)) {
            if let Some(found) = doc
                .orgs_in(title_r.clone())
                .find(|m| matches!(m.kind, OrgKind::Company | OrgKind::Association))
            {
                return (
                    Some((found.name.clone(), found.range.clone())),
                    Some((text[title_r.clone()].to_string(), title_r)),
                );
            }
        }
        let title = text[title_r.clone()].to_string();
        return (
            Some((compact_name(org), r.start..r.start + first_end)),
            Some((title, title_r)),
        );
    }
    // no space: the first name at the start
    let org = doc
        .orgs_in(r.clone())
        .find(|m| m.range.start == r.start)
        .map(|m| (m.name.clone(), m.range.clone()));
    (org, Some((s.to_string(), r)))
}

// ------------------------------------------------------------------ digests

/// A digest headline: its subject (the organization) and where it is.
struct Item {
    line: usize,
    org: Found<String>,
    marked: bool,
}

/// The line's text after its list marker and bullets.
fn strip_marks(s: &str) -> (&str, bool) {
    // the pattern is anchored at the start (`^`, not multi-line): a text that does not begin
    // with the first character of one of its prefix literals holds no mark (most lines)
    static FIRST: LazyLock<Option<crate::rules::FirstChars>> =
        LazyLock::new(|| crate::rules::first_chars(&ITEM_MARK.re));
    let mut t = s;
    let mut marked = false;
    while let Some(m) = FIRST
        .as_ref()
        .is_none_or(|f| f.begin(t))
        .then(|| ITEM_MARK.find(t))
        .flatten()
    {
        if m.end() == 0 {
            break;
        }
        t = &t[m.end()..];
        marked = true;
    }
    (t, marked)
}

/// The organization heading a headline, if the line is an incident headline.
fn headline_subject(doc: &Doc, l: &Line) -> Option<(Found<String>, bool)> {
    let text = doc.text;
    let s = &text[l.range.clone()];
    let n = s.chars().count();
    if !(6..=100).contains(&n) || (s.ends_with('。') && n > 40) || !INCIDENT_WORD.is_match(s) {
        return None;
    }
    // the patterns anchored at the start (`^`, not multi-line) asked only of a text that begins
    // with the first character of one of their prefix literals (see `strip_marks`)
    static LEAD_FIRST: LazyLock<Option<crate::rules::FirstChars>> =
        LazyLock::new(|| crate::rules::first_chars(&LEAD_DATE.re));
    static PLACE_FIRST: LazyLock<Option<crate::rules::FirstChars>> =
        LazyLock::new(|| crate::rules::first_chars(&PLACE_HEAD.re));
    let begins =
        |f: &Option<crate::rules::FirstChars>, t: &str| f.as_ref().is_none_or(|f| f.begin(t));
    let (body, marked) = strip_marks(s);
    let off = l.range.start + (s.len() - body.len());
    let skip = begins(&LEAD_FIRST, body)
        .then(|| LEAD_DATE.find(body))
        .flatten()
        .map_or(0, |m| m.end());
    // `2023年5月:日本郵船株式会社 CC BCC誤送信`: a heading dated and set off by a colon is an
    // item of a round-up as surely as one marked `■`
    let marked = marked || (skip > 0 && body[..skip].trim_end().ends_with([':', '：']));
    let body2 = &body[skip..];
    let start = off + skip;
    if body2.starts_with(|c: char| c.is_ascii_digit()) {
        return None; // `2 会社にも…`: a slide's section number
    }
    // `サンプル商事の情報漏洩事例…`: a list of past cases, each line opening with its name
    // (every match holds 事例 or 事件)
    if let Some(n) = body2
        .contains('事')
        .then(|| CASE_OF.re.captures(body2))
        .flatten()
        .and_then(|c| c.name("n"))
    {
        let name = n.as_str();
        if !name.starts_with(['当', '本', '弊', '同', 'こ', 'そ', 'あ']) {
            return Some(((compact_name(name), start..start + name.len()), true));
        }
    }
    // `【宮城県】県立高等学校、…`, `富山県 みどり町 委託業者が…`: the prefecture locates
    // the body after it
    if let Some(c) = begins(&PLACE_FIRST, body2)
        .then(|| PLACE_HEAD.re.captures(body2))
        .flatten()
    {
        let place = c.name("b").or_else(|| c.name("s"));
        let n = c.name("n");
        if let (Some(place), Some(n)) = (place, n) {
            let name = n.as_str();
            if DESCRIPTOR_END.is_match(name) || words::org_suffix(name).is_some() {
                // a body named by its kind alone (`県立高等学校`) keeps its prefecture
                // (`宮城県の県立高等学校`); a named one of the prefecture's takes it back
                // (`府立園芸高等学校` → `大阪府立園芸高等学校`)
                let founder = words::FOUNDER.iter().find(|k| name.starts_with(*k));
                let (full, from) = match founder {
                    Some(k) if GENERIC_BODY.contains(&&name[k.len()..]) => {
                        (format!("{}の{}", place.as_str(), name), place.start())
                    }
                    Some(k) if place.as_str().ends_with(&k[..k.len() - "立".len()]) => {
                        let p = place.as_str();
                        (
                            format!("{}{}", &p[..p.len() - "立".len()], name),
                            place.start(),
                        )
                    }
                    _ => (compact_name(name), n.start()),
                };
                return Some(((full, start + from..start + n.end()), marked));
            }
        }
    }
    // a round-up line `みどり市 職員がUSB紛失 2031年7月5日`: the first token is the subject
    if let Some(sp) = body2.find(' ') {
        let tok = &body2[..sp];
        // `町田市(東京都)`: the prefecture in parentheses after the name
        let tok = match tok.find('(') {
            Some(p) if p > 0 && tok.ends_with(')') => &tok[..p],
            _ => tok,
        };
        let tok = ROLE_TAIL.find(tok).map_or(tok, |m| &tok[..m.start()]);
        let tok_chars = tok.chars().count();
        // a legal form marks the token a name even with kana that read as particles
        // (`株式会社あさがお製薬 ― …`)
        let legal = words::legal_prefix(tok).is_some_and(|p| tok.len() > p.len() + 3)
            && !tok.contains(['、', '。']);
        if (2..=24).contains(&tok_chars)
            && (legal
                || (!tok.contains(['、', '。', 'を', 'が', 'は', 'に'])
                    && (DESCRIPTOR_END.is_match(tok) || words::org_suffix(tok).is_some())))
            && INCIDENT_WORD.is_match(&body2[sp..])
        {
            return Some(((compact_name(tok), start..start + tok.len()), marked));
        }
    }
    // the subject ends at a particle with no relative clause between it and the incident word
    // (`…から委託を受けた清掃業者への不正アクセス`: not at `から`, at `への`)
    let word_at = INCIDENT_WORD.find(body2)?.start();
    // a subject set off by a colon or an equals sign (`医療法人あさがお会:看護師が…`) ends
    // there, whatever kana its name holds
    let set_off = body2[..word_at]
        .find([':', '=', '＝', '：'])
        .filter(|&p| (2..=30).contains(&body2[..p].chars().count()) && !body2[..p].contains('、'));
    let m = match set_off {
        Some(p) => SUBJECT_END.re.find_at(body2, p).filter(|m| m.start() == p),
        None => None,
    }
    .or_else(|| {
        SUBJECT_END
            .find_iter(&body2[..word_at])
            .find(|m| !RELATIVE_CLAUSE.is_match(&body2[m.end()..word_at]))
    })?;
    let mut subj = &body2[..m.start()];
    let mut sstart = start;
    // a relative clause before the name: `…を受けていた保育事業者` → `保育事業者`
    if let Some(rm) = RELATIVE_CLAUSE.find_iter(subj).last() {
        sstart += rm.end();
        subj = &subj[rm.end()..];
    }
    let subj_trim = ROLE_TAIL.find(subj).map_or(subj, |m| &subj[..m.start()]);
    let mut name: &str = subj_trim;
    // `つばさ市、住民税…` / `ひまわり食品、…`: a name before a comma, even without a name form
    let named_by_comma = m.as_str() == "、"
        && (2..=24).contains(&name.chars().count())
        && !name.contains(['の', 'を', 'に', 'が', 'は', 'で', ' ']);
    // `- サンプルコーポレーション:委託先による名簿転売(2031年)`: in a marked item, a name
    // set off by a colon, even without a name form; no label (`流出した情報:`) and no kana
    // but a name's own (`見直し本舗`, with its ending)
    let named_by_colon = marked
        && set_off.is_some()
        && (2..=24).contains(&name.chars().count())
        && !name.contains(['、', ' '])
        && (!name.chars().any(crate::orgs::is_hiragana) || words::org_suffix(name).is_some())
        && crate::analyze::TOPICS.first_matching(name).is_none();
    if words::legal_prefix(name).is_some() {
        // `株式会社サンプルのECサイト` → the name up to the particle; `株式会社サンプル ― 予約
        // システム` → up to the dash that sets the subject off from the headline
        if let Some(p) = name.find(['の', '―', '—', '–', '|', ':']) {
            name = name[..p].trim_end();
        }
    } else if named_by_comma || named_by_colon {
        // a name as it stands
    } else if !DESCRIPTOR_END.is_match(name) {
        name = name
            .split(['の', 'と'])
            .find(|p| DESCRIPTOR_END.is_match(p))?;
    } else if let Some(p) = name
        .split('と')
        .next()
        .filter(|p| DESCRIPTOR_END.is_match(p))
    {
        name = p;
    }
    if name.chars().count() < 3
        || subj.starts_with('元')
        || name.starts_with('当')
        || name.starts_with('本')
        || name.starts_with('弊')
    {
        return None;
    }
    // (a vector search: `str::find` builds a two-way searcher for every headline)
    let pos = memchr::memmem::find(&text.as_bytes()[sstart..l.range.end], name.as_bytes())
        .map_or(sstart, |p| sstart + p);
    Some(((name.to_string(), pos..pos + name.len()), marked))
}

fn digest_segments(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let mut items: Vec<Item> = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        if let Some((org, marked)) = headline_subject(doc, l) {
            items.push(Item {
                line: i,
                org,
                marked,
            });
        }
    }
    let distinct = |marked_only: bool| {
        let mut v: Vec<&str> = items
            .iter()
            .filter(|it| it.marked || !marked_only)
            .map(|it| it.org.0.as_str())
            .collect();
        v.sort();
        v.dedup();
        v.len()
    };
    if !(distinct(true) >= 2 || distinct(false) >= 3) {
        return Vec::new();
    }
    static MONTH_RE: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"^(\d{1,2})月$"));
    static YEAR_RE: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"((?:19|20)\d{2})年(?:(\d{1,2})月)?"));
    let mut out: Vec<Segment> = Vec::with_capacity(items.len());
    let mut year: Option<i32> = None;
    let mut month: Option<Found<u8>> = None;
    let mut heading_month: Option<u8> = None;
    let item_lines: Vec<usize> = items.iter().map(|it| it.line).collect();
    let mut next_item = 0;
    for (i, l) in doc.lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        if next_item < items.len() && items[next_item].line == i {
            let it = &items[next_item];
            next_item += 1;
            let end = item_end(doc, i, &item_lines, it.marked);
            let month_date = match (year, &month) {
                (Some(y), Some((m, r))) => PartialDate::ym(y, *m).map(|d| (d, r.clone())),
                _ => None,
            };
            let head = strip_marks(s).0;
            let lead = l.range.end - head.len();
            let mut seg = Segment::new(SegmentKind::DigestItem, l.range.start..end);
            seg.org = Some(it.org.clone());
            seg.title = Some((head.to_string(), lead..l.range.end));
            seg.published = headline_date(doc, l, year).or_else(|| {
                trailing_day(doc, l, year, heading_month.or(month.as_ref().map(|m| m.0)))
            });
            seg.month = month_date;
            // a bare year in parentheses closing a cited case (`…名簿転売(2031年)`): the year it
            // happened, not a notice's date
            if seg
                .published
                .as_ref()
                .is_some_and(|(d, r)| d.month.is_none() && text[r.end..l.range.end].trim() == ")")
            {
                seg.occurred = seg.published.take();
            }
            out.push(seg);
            continue;
        }
        // (a match ends the line with 月; a year holds 年)
        if let Some(c) = s.ends_with('月').then(|| MONTH_RE.captures(s)).flatten() {
            if let Ok(m) = c[1].parse::<u8>() {
                if (1..=12).contains(&m) {
                    month = Some((m, l.range.clone()));
                }
            }
        } else if s.chars().count() <= 40 {
            if let Some(c) = s.contains('年').then(|| YEAR_RE.captures(s)).flatten() {
                year = c[1].parse().ok();
                month = None;
                // `今週の事故(2031年3月第1週)`: the month of the items' days
                heading_month = c.get(2).and_then(|m| m.as_str().parse::<u8>().ok());
            }
        }
    }
    out
}

/// Where a digest item ends: a marked headline is one line, unless a paragraph of its own
/// follows it (a news digest: `◎見出し` then the article); an unmarked headline takes up to two
/// detail lines.
fn item_end(doc: &Doc, i: usize, item_lines: &[usize], marked: bool) -> usize {
    let text = doc.text;
    let lines = &doc.lines;
    let mut end = lines[i].range.end;
    let next_item = item_lines.iter().copied().find(|&x| x > i);
    let mut taken = 0;
    for (j, nl) in lines.iter().enumerate().skip(i + 1) {
        if Some(j) == next_item {
            break;
        }
        let ns = &text[nl.range.clone()];
        if ns.is_empty() {
            continue;
        }
        if marked {
            // the article under a news digest's headline: prose, long
            if taken == 0 && ns.chars().count() < 40 {
                break;
            }
            end = nl.range.end;
            taken += 1;
            continue;
        }
        if taken == 2 || marker_level(ns).is_some() || ns.chars().count() < 12 {
            break;
        }
        end = nl.range.end;
        taken += 1;
    }
    end
}

/// The date of a digest headline: at its head (`2024/06/10 …`) or at its end
/// (`… 2017年7月25日`, `… 2017年7月`), the date of the news.
/// A round-up line's day in parentheses at its end (`…誤送付(2日発表)`), in the year and month
/// of the round-up's heading.
fn trailing_day(
    doc: &Doc,
    l: &Line,
    year: Option<i32>,
    month: Option<u8>,
) -> Option<Found<PartialDate>> {
    static DAY: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(r"\((\d{1,2})日(?:に)?(?:発表|公表|判明|報道)?\)\s*$")
    });
    let (y, m) = (year?, month?);
    let s = &doc.text[l.range.clone()];
    let c = DAY.captures(s)?;
    let g = c.get(1)?;
    let d = PartialDate::ymd(y, m, g.as_str().parse().ok()?)?;
    let at = l.range.start + g.start();
    Some((d, at..l.range.start + g.end() + "日".len()))
}

fn headline_date(doc: &Doc, l: &Line, year: Option<i32>) -> Option<Found<PartialDate>> {
    let text = doc.text;
    let head = strip_marks(&text[l.range.clone()]).0;
    let lead = l.range.end - head.len();
    // a month-day heading the line of a round-up whose heading gave the year
    // (`2031年10月の事案まとめ` / `- 10月2日 みどり市:…`)
    if let Some(y) = year {
        if let Some(d) = doc
            .dates
            .iter()
            .find(|d| d.range.start == lead && !d.has_year() && d.rel.is_none())
        {
            let a = crate::dates::Anchor {
                year_hint: Some(y),
                ..Default::default()
            };
            if let Some(p) = d.resolve(&a).filter(|p| p.day.is_some()) {
                return Some((p, d.range.clone()));
            }
        }
    }
    let in_line: Vec<&DateMention> = doc
        .dates
        .iter()
        .filter(|d| d.range.start >= lead && d.range.end <= l.range.end && d.has_year())
        .collect();
    if let Some(d) = in_line.first().filter(|d| d.range.start == lead) {
        return d.resolve(&Default::default()).map(|p| (p, d.range.clone()));
    }
    let d = in_line.last()?;
    let after = text[d.range.end..l.range.end].trim();
    (after.chars().count() <= 4)
        .then(|| d.resolve(&Default::default()).map(|p| (p, d.range.clone())))
        .flatten()
}

// ------------------------------------------------------------------ pages of several notices

/// A notice's title line, a trailing note in parentheses aside (`…について(復旧報)`).
fn is_title(s: &str) -> bool {
    let core = match s
        .strip_suffix(')')
        .and_then(|x| x.rfind('(').map(|p| &x[..p]))
    {
        Some(c) if !c.is_empty() => c,
        _ => s,
    };
    crate::fields::title::TITLE_END.is_match(core) || crate::fields::title::TITLE_END.is_match(s)
}

/// A page holding several bodies' notices one after the other (a press-release page, a
/// curator's copy): each opens with a line that is only the body's name, with a title line
/// right below or above (`株式会社サンプル` / `…に関するお詫び`). One segment per block that
/// reports an incident; an outage notice beside it is no incident.
fn notice_blocks(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let lines: Vec<&Line> = doc.lines.iter().filter(|l| !l.range.is_empty()).collect();
    let mut heads: Vec<(usize, Found<String>)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let s = strip_marks(&text[l.range.clone()]).0.trim();
        let mut compact: Option<String> = None;
        let Some(m) = doc.orgs_in(l.range.clone()).find(|m| {
            !m.is_source()
                && !m.address
                && !matches!(m.kind, OrgKind::Service | OrgKind::Descriptor)
                && (m.range.len() == s.len()
                    || compact_name(&text[m.range.clone()])
                        == *compact.get_or_insert_with(|| compact_name(s)))
        }) else {
            continue;
        };
        let titled = lines[k.saturating_sub(2)..(k + 3).min(lines.len())]
            .iter()
            .any(|t| {
                let ts = strip_marks(&text[t.range.clone()]).0.trim();
                ts.chars().count() >= 6 && !ts.ends_with('。') && is_title(ts)
            });
        if titled {
            // the block opens at its title when the title stands above the name
            let start = lines[k.saturating_sub(2)..k]
                .iter()
                .find(|t| is_title(strip_marks(&text[t.range.clone()]).0.trim()))
                .map_or(l.range.start, |t| t.range.start);
            heads.push((start, (m.name.clone(), m.range.clone())));
        }
    }
    let mut names: Vec<&str> = heads.iter().map(|h| h.1 .0.as_str()).collect();
    names.sort();
    names.dedup();
    if names.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, (start, org)) in heads.iter().enumerate() {
        let begin = if k == 0 { 0 } else { *start };
        let end = heads.get(k + 1).map_or(text.len(), |n| n.0);
        if !has_event(doc, begin..end) {
            continue;
        }
        let mut seg = Segment::new(SegmentKind::Notice, begin..end);
        seg.org = Some(org.clone());
        out.push(seg);
    }
    out
}

// ------------------------------------------------------------------ several cases in prose

/// A column walking through numbered cases (`## 事例1…`, `## 事例2…`): one case per heading,
/// up to the next heading of its level or above (`## 企業がとるべき対策` closes the last).
/// Sections without an incident event are dropped.
fn case_heading_segments(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    let heads: Vec<(usize, u8)> = doc
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (level, _) = l.heading?;
            CASE_HEADING
                .is_match(&text[l.range.clone()])
                .then_some((i, level))
        })
        .collect();
    if heads.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &(i, level) in &heads {
        let start = doc.lines[i].range.start;
        let end = doc.lines[i + 1..]
            .iter()
            .find(|l| {
                l.heading
                    .is_some_and(|(lv, _)| lv != crate::analyze::LABEL && lv <= level)
            })
            .map_or(text.len(), |l| l.range.start);
        if has_event(doc, start..end) {
            out.push(Segment::new(SegmentKind::Case, start..end));
        }
    }
    out
}

/// The subject organization of a sentence reporting an event: the first organization mention
/// followed by `は`/`が`/`では`, or by `の` and a staff word (`…署の巡査は`).
fn case_subject<'d>(doc: &'d Doc, sent: &Range<usize>) -> Option<&'d OrgMention> {
    let text = doc.text;
    doc.orgs_in(sent.clone()).find(|m| {
        if m.is_source() || m.address {
            return false;
        }
        if matches!(m.kind, OrgKind::Service | OrgKind::Descriptor) {
            return false;
        }
        // a part of a body named before: `同院のリハビリ課職員が`
        let before = &text[sent.start..m.range.start];
        if words::ANAPHORA
            .iter()
            .any(|a| before.ends_with(a) || before.strip_suffix('の').is_some_and(|b| b.ends_with(a)))
        {
            return false;
        }
        let after = &text[m.range.end..sent.end];
        let after = after.trim_start_matches(' ');
        // (a note on the body between its name and its particle: `…センター(県が設立した法人)は`)
        let after = after
            .strip_prefix('(')
            .and_then(|a| a.split_once(')'))
            .filter(|(note, _)| note.chars().count() <= 30 && !note.contains('。'))
            .map_or(after, |(_, a)| a);
        // the body a news item opens with, as its source (`みどり市教育委員会によりますと`) or
        // as the place of the event (`みどり中学校で、教諭が…`)
        let opens = before.trim_start_matches(['『', '「', ' ']).is_empty();
        if opens
            && (["によりますと", "によると", "によれば"].iter().any(|p| after.starts_with(p))
                || after.starts_with("で、"))
        {
            return true;
        }
        // `ゆうばえ市も同日、…と明らかにした`: the next case's body, "also"
        if after.starts_with("は")
            || after.starts_with("では")
            || after.starts_with("が")
            || after.starts_with("も")
            || after.starts_with("でも")
        {
            return true;
        }
        static STAFF_SUBJ: LazyLock<regex::Regex> = LazyLock::new(|| {
            crate::rules::compile(r"^(?:[一-龠ァ-ヴー]{0,8}(?:課|部|係|室))?の?[^。、]{0,10}{STAFF}[^。、]{0,6}(?:は|が)")
        });
        // the body's system as the subject (`A社の会員サイトも不正ログイン…`)
        static SYSTEM_SUBJ: LazyLock<regex::Regex> = LazyLock::new(|| {
            crate::rules::compile(r"^の[^。、の]{0,10}(サイト|サーバー?|システム|ネットワーク|ホームページ|アカウント|パソコン)(は|が|も|に(対して|対する))")
        });
        STAFF_SUBJ.is_match(after) || SYSTEM_SUBJ.is_match(after)
    })
}

/// Whether `sent` opens a line (a paragraph of a news item) in which a later sentence reports
/// an event.
fn opens_event_paragraph(doc: &Doc, sent: &Range<usize>) -> bool {
    let k = doc.lines.partition_point(|l| l.range.start < sent.start);
    let Some(line) = doc.lines.get(k).filter(|l| l.range.start == sent.start) else {
        return false;
    };
    doc.sents_in(line.range.clone())
        .skip(1)
        .any(|(j, _)| doc.event(j))
}

/// The cases of a page with a heading per case named after its body ([`named_case_headings`]);
/// the first takes the page's opening.
fn headed_cases(doc: &Doc) -> Vec<Segment> {
    let heads = named_case_headings(doc);
    heads
        .iter()
        .enumerate()
        .map(|(k, (at, org))| {
            let begin = if k == 0 { 0 } else { *at };
            let end = heads.get(k + 1).map_or(doc.text.len(), |n| n.0);
            let mut seg = Segment::new(SegmentKind::Case, begin..end);
            seg.org = Some(org.clone());
            seg
        })
        .collect()
}

/// Lines that are nothing but a case named after its body (`みどり市メール誤送信事件`), for two
/// bodies or more: where each case opens, with its body.
fn named_case_headings(doc: &Doc) -> Vec<(usize, Found<String>)> {
    let text = doc.text;
    let mut heads: Vec<(usize, Found<String>)> = Vec::new();
    for l in &doc.lines {
        let s = &text[l.range.clone()];
        if s.chars().count() > 40 || !(s.ends_with("事件") || s.ends_with("事案")) {
            continue;
        }
        // (a body the page names, at the head of the line: the finder may not read it there,
        // run together with the case's words)
        let Some(o) = doc.orgs.iter().find(|o| {
            s.starts_with(o.name.as_str())
                && !o.is_source()
                && !matches!(o.kind, OrgKind::Service | OrgKind::Descriptor)
        }) else {
            continue;
        };
        if !NAMED_CASE.is_match(&s[o.name.len()..]) && !s[o.name.len()..].starts_with("の") {
            continue;
        }
        if heads.iter().all(|(_, (n, _))| !same_body(n, &o.name)) {
            let r = l.range.start..l.range.start + o.name.len();
            heads.push((l.range.start, (o.name.clone(), r)));
        }
    }
    if heads.len() < 2 {
        return Vec::new();
    }
    heads
}

/// Two names of one body (`埼玉県警` and `埼玉県警岩槻署` are one case's; `…岩槻署` and
/// `…川口署` are not).
fn same_body(a: &str, b: &str) -> bool {
    let (a, b) = (words::short_body_name(a), words::short_body_name(b));
    a == b || a.contains(&*b) || b.contains(&*a)
}

/// A section of an organization named without the organization: `職員課`, `情報政策課`,
/// `総務部`, `広報室`, `市社会福祉課` (the city's), not `みどり市総務課` or `サンプル社営業部`.
pub fn is_bare_section(name: &str) -> bool {
    static SECTION: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"^[市県町村区都府]?[^市町村区県都府道社]{1,8}(課|部|室|係|部署)$|^[市県]?社会[^市町村区県都府道社]{0,6}(課|部|室|係)$",
        )
    });
    SECTION.is_match(name) && !name.contains("会社")
}

/// Where a case that opens at `start` begins: before the headline lines right above it (lines
/// without a sentence's end, and separators), down to the line after the last sentence of the
/// case before (which opens at `floor`).
fn headed_start(text: &str, start: usize, floor: usize) -> usize {
    if start > 0 && text.as_bytes()[start - 1] != b'\n' {
        return start;
    }
    let mut begin = start;
    let mut headlines = 0;
    while begin > floor {
        let line_start = text[..begin - 1].rfind('\n').map_or(0, |p| p + 1);
        if line_start <= floor {
            break;
        }
        let line = text[line_start..begin - 1].trim();
        let headline = !line.is_empty()
            && line.chars().count() <= 60
            && !line.ends_with(['。', '」', ')', '、'])
            && !line.contains("http");
        if !(line.is_empty() || headline) || headlines == 3 {
            break;
        }
        headlines += usize::from(headline);
        begin = line_start;
    }
    // (blank lines above the headlines stay with the case before)
    while begin < start && text.as_bytes()[begin] == b'\n' {
        begin += 1;
    }
    if headlines == 0 {
        start
    } else {
        begin
    }
}

/// A place that heads a description of a body is the description's: in `X県の国立大学の教員が`
/// (the sentence `st`, which starts at `at` in the text) the body is `X県の国立大学`, not `X県`.
fn place_description(st: &str, at: usize, name: String, r: Range<usize>) -> (String, Range<usize>) {
    crate::orgs::find_descriptors(st)
        .into_iter()
        .map(|d| (d.name, at + d.range.start..at + d.range.end))
        .find(|(_, dr)| dr.start == r.start && dr.end > r.end)
        .unwrap_or((name, r))
}

fn case_segments(doc: &Doc) -> Vec<Segment> {
    let text = doc.text;
    // (a column in polite style that never speaks as `当社`/`本学` is no own notice here)
    if doc.own_notice && words::count_first_person(text) > 0 {
        // an own notice is one body's: only an enumeration splits it, or the headings of a
        // column in polite style that names each case it cites (`みどり市メール誤送信事件`)
        let ordinal: Vec<usize> = doc
            .sents
            .iter()
            .filter(|s| ORDINAL_CASE.is_match(&text[(*s).clone()]))
            .map(|s| s.start)
            .collect();
        if ordinal.is_empty() {
            return headed_cases(doc);
        }
        let bounds: Vec<usize> = std::iter::once(0).chain(ordinal).collect();
        return bounds
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let end = bounds.get(k + 1).copied().unwrap_or(text.len());
                let mut seg = Segment::new(SegmentKind::Case, *b..end);
                seg.notice_part = true;
                seg
            })
            .collect();
    }
    let headed = headed_cases(doc);
    if !headed.is_empty() {
        return headed;
    }
    let sents: Vec<(usize, Range<usize>)> = doc.sents.iter().cloned().enumerate().collect();
    // (sentence start, organization of the case)
    let mut starts: Vec<(usize, Option<Found<String>>)> = Vec::new();
    let mut current: Option<String> = None;
    // a case cited by its year: another incident, not the first body's contractor or client
    let mut cited = false;
    // several incidents announced together: the announcer is every case's body
    let declared: Option<Option<Found<String>>> = sents
        .iter()
        .find(|(_, s)| DECLARED_CASES.is_match(&text[s.clone()]))
        .map(|(_, s)| case_subject(doc, s).map(|m| (m.name.clone(), m.range.clone())));
    for (k, s) in &sents {
        let st = &text[s.clone()];
        if let Some(announcer) = &declared {
            let opens_line = doc
                .lines
                .binary_search_by_key(&s.start, |l| l.range.start)
                .is_ok();
            if opens_line
                && FURTHER_CASE.is_match(st)
                && (doc.event(*k) || opens_event_paragraph(doc, s))
            {
                if starts.is_empty() {
                    starts.push((0, announcer.clone()));
                }
                starts.push((s.start, announcer.clone()));
                continue;
            }
            if starts.is_empty() || announcer.is_some() {
                // the cases are the announced ones only
                continue;
            }
        }
        // a case named after its organization: `「あおば大学名簿提出事件」`
        let named = NAMED_CASE.find_iter(st).find_map(|m| {
            doc.orgs_in(s.start + m.start()..s.end)
                .find(|o| {
                    o.range.start == s.start + m.start()
                        && !o.is_source()
                        && !matches!(o.kind, OrgKind::Service | OrgKind::Descriptor)
                })
                .map(|o| (o.name.clone(), o.range.clone()))
        });
        if let Some((name, r)) = named {
            if current.as_deref().is_none_or(|c| !same_body(c, &name)) {
                current = Some(name.clone());
                starts.push((s.start, Some((name, r))));
            }
            continue;
        }
        if ORDINAL_CASE.is_match(st) && current.is_some() {
            starts.push((s.start, None));
            continue;
        }
        // the subject may open a paragraph whose event comes in a later sentence
        // (`旭川市は、…を同社に委託した。市が提供した551人の氏名などが流出した可能性がある`)
        let event_here = doc.event(*k);
        if !event_here && !opens_event_paragraph(doc, s) {
            continue;
        }
        if ANOTHER_CASE.is_match(st) && current.is_some() {
            starts.push((s.start, None));
            continue;
        }
        let Some(subj) = case_subject(doc, s) else {
            // an earlier case a column cites with its year, its body unnamed
            // (`2022年には、ある地方自治体で、…USBメモリを紛失する事案があった`)
            // (the first of them too: a column that opens its first case with its year)
            if event_here && CITED_YEAR.is_match(st) {
                // a named body where it happened (`県内では2023年にも、みどり病院で…`), else a
                // description (`ある地方自治体で`)
                let body = |m: &&crate::orgs::OrgMention| {
                    !m.is_source()
                        && !m.address
                        && !matches!(m.kind, OrgKind::Service | OrgKind::Descriptor)
                };
                let named = doc
                    .orgs_in(s.clone())
                    .find(|m| {
                        body(m)
                            && ["で", "において", "では"]
                                .iter()
                                .any(|p| text[m.range.end..s.end].starts_with(p))
                    })
                    // else the first body the case's sentence names
                    .or_else(|| {
                        doc.orgs_in(s.clone()).find(|m| {
                            body(m) && current.as_deref().is_none_or(|c| !same_body(c, &m.name))
                        })
                    })
                    .map(|m| (m.name.clone(), m.range.clone()))
                    // else a Latin or katakana name right after the year, as its subject
                    // (`2031年3月、HKTの子会社で`, `2030年12月、大手転職サイトのミライキャリアで`)
                    .or_else(|| {
                        let at = CITED_YEAR.find(st)?.end();
                        let c = CITED_SUBJECT.captures(&st[at..])?;
                        let n = c.name("n")?;
                        (!crate::orgs::is_common_word(n.as_str())).then(|| {
                            let r = s.start + at + n.start()..s.start + at + n.end();
                            (n.as_str().to_string(), r)
                        })
                    });
                let named = named.map(|(name, r)| place_description(st, s.start, name, r));
                if let Some((name, r)) = named {
                    if current.as_deref().is_none_or(|c| !same_body(c, &name)) {
                        cited = true;
                        current = Some(name.clone());
                        starts.push((s.start, Some((name, r))));
                    }
                } else if let Some(d) = crate::orgs::find_descriptors(st).into_iter().next() {
                    if current.as_deref().is_none_or(|c| !same_body(c, &d.name)) {
                        let r = s.start + d.range.start..s.start + d.range.end;
                        cited = true;
                        current = Some(d.name.clone());
                        starts.push((s.start, Some((d.name, r))));
                    }
                }
            }
            continue;
        };
        match &current {
            Some(c) if same_body(c, &subj.name) => {}
            // a bare section (`職員課は「…」としている`) speaks for the body told of already
            Some(_) if is_bare_section(&subj.name) => {}
            _ => {
                // a case opened by its own year is another incident, not the first body's
                // contractor's (`また、2025年3月には、…を受託していたB社の社員が`)
                if current.is_some() && CITED_YEAR.is_match(st) {
                    cited = true;
                }
                let (name, r) =
                    place_description(st, s.start, subj.name.clone(), subj.range.clone());
                current = Some(name.clone());
                starts.push((s.start, Some((name, r))));
            }
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    // a second body that is the first's contractor, parent or client is the same case: a
    // sentence names both with the relation (`A社は、業務を委託していたB社が…`), or the second
    // case's sentence names the relation before the body (`委託先のB社によると`); a body that
    // tells of its own subsidiary in its own paragraph (`B社は…米国子会社において…`) is a case
    // of its own
    static RELATION: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"委託|受託|子会社|親会社|グループ|運営|保守|請負|下請|取引先|{PARTNER}",
        )
    });
    let related = |a: &str, (b, b_range): &Found<String>| {
        let b = b.as_str();
        let b_start = b_range.start;
        let together = doc.sents.iter().any(|s| {
            let st = &text[s.clone()];
            st.contains(a) && st.contains(b) && RELATION.is_match(st)
        });
        let described = doc
            .sents
            .iter()
            .find(|s| s.contains(&b_start))
            .is_some_and(|s| {
                let st = &text[s.clone()];
                st.find(b).is_some_and(|at| RELATION.is_match(&st[..at]))
            });
        together || described
    };
    let named: Vec<&Found<String>> = starts.iter().filter_map(|(_, o)| o.as_ref()).collect();
    // two public bodies are no contractor and client of each other (two cities whose data one
    // consultant leaked are two cases)
    let public = |r: &Range<usize>| {
        doc.orgs_in(r.clone())
            .any(|m| m.range == *r && m.kind == OrgKind::Public)
    };
    let both_public = named.iter().all(|(_, r)| public(r));
    if named.len() == 2
        && named[0].0 != named[1].0
        && !both_public
        && !cited
        && related(&named[0].0, named[1])
        && !starts.iter().any(|(_, o)| o.is_none())
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last_org: Option<Found<String>> = None;
    // a case's headlines and separators just above its first sentence are the case's
    // (`4.委託先の社員がデータ持ち出し、3504万件の…` / `***` / `ベネッセ、…` above its lead)
    let begins: Vec<usize> = starts
        .iter()
        .enumerate()
        .map(|(k, (start, _))| match k {
            0 => 0,
            _ => headed_start(text, *start, starts[k - 1].0),
        })
        .collect();
    for (k, (_, org)) in starts.iter().enumerate() {
        let begin = begins[k];
        let end = begins.get(k + 1).copied().unwrap_or(text.len());
        let mut seg = Segment::new(SegmentKind::Case, begin..end);
        seg.org = org.clone().or_else(|| last_org.clone());
        if org.is_some() {
            last_org = org.clone();
        }
        out.push(seg);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_marks_are_anchored_and_gated_by_their_first_characters() {
        // the gate of `strip_marks` holds for a pattern anchored at the start only
        assert!(ITEM_MARK.pattern.starts_with("^(?:") && !ITEM_MARK.pattern.contains("(?m"));
        assert!(crate::rules::first_chars(&ITEM_MARK.re).is_some());
        for t in ITEM_MARK.examples {
            assert!(strip_marks(t).1, "{t}");
        }
        for t in ITEM_MARK.counter {
            assert!(!strip_marks(t).1, "{t}");
        }
        assert_eq!(strip_marks("1.■ ③ みどり市"), ("みどり市", true));
    }

    fn segs(t: &str) -> Vec<Segment> {
        segment(&Doc::new(t))
    }

    #[test]
    fn another_case_of_the_body_named_before_and_a_cited_case_at_a_named_body() {
        let t = "みどり市は25日、窓口で別人の住民票の写しを誤って交付したと発表した。\n同市では8月にも、保険証を別の世帯に誤って郵送する事案があった。";
        assert_eq!(segs(t).len(), 2);
        let t = "さくら医療センターは7日、職員が業務と関係なく患者の診療記録を閲覧していたと発表した。\n県内では2023年にも、かえで市民病院で看護師が元交際相手の診療記録を閲覧していたことが発覚した。";
        let v = segs(t);
        assert_eq!(v.len(), 2);
        assert_eq!(
            v[1].org.as_ref().map(|o| o.0.as_str()),
            Some("かえで市民病院")
        );
    }

    #[test]
    fn a_round_up_of_paragraphs_each_a_body_telling_of_its_own_subsidiary() {
        // `子会社` in each body's own paragraph makes neither the other's contractor
        let t = "今月もランサムウェアの被害が相次いで表面化しています。\n\nみどり化学工業は2031年6月3日、香港の子会社のサーバーで外部からの不正アクセスによりランサムウェアが実行されたことを明らかにしました。\n\nこれに続き、あおばリンクス株式会社は2031年6月4日、米国子会社において一部サーバーがランサムウェアによる暗号化被害を受けたことを公表しました。従業員情報などが流出した可能性があるとしています。";
        let v = segs(t);
        let names: Vec<_> = v
            .iter()
            .map(|s| s.org.as_ref().map(|o| o.0.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![Some("みどり化学工業"), Some("あおばリンクス株式会社")]
        );
        // a sentence naming both with the relation makes them one case
        let t = "みどり化学工業は2031年6月3日、業務を委託していたあおばリンクス株式会社のサーバーが不正アクセスを受けたと発表しました。\n\nあおばリンクス株式会社は、ランサムウェアによる暗号化被害を受けたことを公表しました。";
        assert!(segs(t).len() <= 1);
    }

    fn orgs_of(t: &str) -> Vec<Option<String>> {
        segs(t)
            .iter()
            .map(|s| s.org.as_ref().map(|o| o.0.clone()))
            .collect()
    }

    #[test]
    fn a_digest_of_paragraphs_each_opening_with_its_day_and_a_described_body() {
        let t = "大学の事故(2031年)\n2031年12月13日、北海道の国立大学の学内システムが不正アクセスを受け、学生の個人情報が漏えいしていたことがわかった。\n約2万人の氏名が流出した可能性があるという。\n(2031.12.13)\n2031年11月22日、大阪府の公立大学の教員が、学生300人分の個人情報が入ったパソコンを紛失していたことがわかった。\n(2031.11.22)\n";
        assert_eq!(
            orgs_of(t),
            vec![
                Some("北海道の国立大学".to_string()),
                Some("大阪府の公立大学".to_string())
            ]
        );
    }

    #[test]
    fn quoted_news_items_opening_with_their_source_or_their_place() {
        let t = "『みどり市教育委員会によりますと去年6月、市立中学校で生徒の家庭票37人分が無くなりました。』\n\n『あおば市立中学校で、教師が生徒267人分の成績を載せた資料を体育館に置き忘れ、資料が流出したおそれがあることがわかりました。』\n\n『さくら医療センター(県が設立した法人)は6月11日、サイバー攻撃を受け、患者の情報の流出を確認したと発表しました。』";
        assert_eq!(
            orgs_of(t),
            vec![
                Some("みどり市教育委員会".to_string()),
                Some("あおば市立中学校".to_string()),
                Some("さくら医療センター".to_string())
            ]
        );
    }

    #[test]
    fn a_polite_column_with_a_heading_per_case_it_cites() {
        let t = "最近自治体で発生した事故について\n\n今回は、最近の事故について解説しますので、参考にしてください。弊社も注意しています。\n\nみどり市メール誤送信事件\n\n今年9月18日、みどり市において受講票をメールで送信する際、誤って受講者の個人情報を含むリストを添付して送信するミスがあったことが判明しました。\n\nあおば県メール誤送信事件\n\n今年9月11日、あおば県の委託先が研修の資料を第三者に誤送信する事故が発生しました。\n";
        assert_eq!(
            orgs_of(t),
            vec![Some("みどり市".to_string()), Some("あおば県".to_string())]
        );
    }

    #[test]
    fn the_headlines_above_a_case_are_the_cases() {
        // the count in the second case's headline does not bleed into the first case
        let t = "1.不正ログインで会員情報が流出\n\nサンプル運輸株式会社は、会員サイトに不正ログインがあり、1万589人分のデータが流出した可能性があると発表しました。\n\n2.委託先の社員がデータ持ち出し、3504万件の顧客情報漏洩\n\n***\nみどり教育、情報漏洩3504万件に\n\n7月9日、株式会社みどり教育は760万件の個人情報の流出があったと発表しました。";
        let v = segs(t);
        assert_eq!(v.len(), 2);
        assert!(t[v[1].range.clone()].starts_with("2.委託先"));
        // another company named by its name alone after its legal form is a case of its own
        let t = "サンプル運輸株式会社は、会員サイトに不正ログインがあり、個人情報が流出した可能性があると発表しました。\n\nほぼ同時期に、ためし急便でも不正ログインにより3万件超の個人情報流出が発生しています。\nためし急便株式会社の会員サイトも不正ログインで個人情報の流出がありました。";
        assert_eq!(
            orgs_of(t),
            vec![
                Some("サンプル運輸株式会社".to_string()),
                Some("ためし急便".to_string())
            ]
        );
    }

    #[test]
    fn a_board_of_education_and_its_short_name_are_one_body() {
        let t = "みどり市教育委員会は13日、市立中学校の教諭が生徒40人分の名簿を紛失したと発表した。\nみどり市教委は、教諭が名簿を車内に置き忘れ、盗まれたとしている。\n市教委は、保護者に謝罪した。";
        assert!(segs(t).len() <= 1);
    }

    #[test]
    fn blocks_of_labelled_fields_one_case_each() {
        let t = "事例集\n\n事故名:名簿の誤廃棄\n組織:株式会社サンプル不動産\n概要:顧客名簿を誤って廃棄し、約450人分の書類が所在不明となった。\n\n事故名:不正ログイン\n組織:ためし通販株式会社\n概要:会員アカウント約2,100件に不正ログインされた。";
        let v = segs(t);
        assert_eq!(v.len(), 2);
        assert_eq!(
            v[0].org.as_ref().map(|o| o.0.as_str()),
            Some("株式会社サンプル不動産")
        );
        assert_eq!(
            v[1].org.as_ref().map(|o| o.0.as_str()),
            Some("ためし通販株式会社")
        );
    }

    #[test]
    fn blocks_under_a_marked_name_line() {
        let t = "事案の記録\n\n■株式会社サンプル技研\n発表日:2031年7月3日\n概要:サーバーがランサムウェアに感染し、約2,400人分の氏名が流出した可能性がある。\n\n■学校法人ためしの森学園\n発表日:2031年8月6日\n概要:教員がメールをBCCではなくTOで送信し、保護者約90人のメールアドレスが表示された。";
        let v = segs(t);
        assert_eq!(v.len(), 2);
        assert_eq!(
            v[1].org.as_ref().map(|o| o.0.as_str()),
            Some("学校法人ためしの森学園")
        );
        let r = crate::extract_text("t.txt", t);
        assert_eq!(
            r[0].published.map(|d| d.to_string()).as_deref(),
            Some("2031-07-03")
        );
    }

    #[test]
    fn items_under_a_bracketed_date_and_a_name() {
        let t = "最近の報道から\n\n【2031年3月4日】株式会社サンプル商事\n不正アクセスにより顧客情報約3,000件が流出した可能性があると発表。\n\n【2031年3月11日】ためし村\n職員が名簿を紛失したと発表。対象は約80人。";
        let v = segs(t);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].org.as_ref().map(|o| o.0.as_str()), Some("ためし村"));
        assert_eq!(
            v[1].published.as_ref().map(|d| d.0.to_string()).as_deref(),
            Some("2031-03-11")
        );
    }

    #[test]
    fn a_round_up_of_triangle_bullets_with_days_in_parentheses() {
        let t = "今週の事故(2031年3月第1週)\n\n▽みどり町=案内を別の世帯に誤送付、2世帯分(2日発表)\n▽株式会社サンプル保険=社員が書類を電車内に置き忘れ(4日発表)\n▽ためし病院=サーバーに不正アクセス、患者約9,000人分の情報流出のおそれ(5日発表)";
        let v = segs(t);
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].org.as_ref().map(|o| o.0.as_str()), Some("みどり町"));
        assert_eq!(
            v[2].published.as_ref().map(|d| d.0.to_string()).as_deref(),
            Some("2031-03-05")
        );
    }

    #[test]
    fn an_own_notice_enumerating_its_incidents_under_headings() {
        let t = "事案の発生について\n当金庫において、事案が2件発生いたしました。\n1件目 書類の紛失\nお客様3名の伝票を紛失しました。\n2件目 FAXの誤送信\nお客様1名の書類を誤って別の事業者へ送信しました。";
        let v = segs(t);
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|s| s.notice_part));
    }

    #[test]
    fn a_polite_column_without_a_first_person_splits_by_its_cases() {
        let t = "委託先の事故は後を絶ちません。2024年には、サンプル印刷株式会社がランサムウェア攻撃を受け、約9万人分の氏名が流出したおそれがあると公表しました。\nまた、2025年3月には、業務を受託していたサンプルコール株式会社の派遣社員が、顧客の電話番号を不正に持ち出していたことが発覚しています。";
        assert_eq!(segs(t).len(), 2);
    }

    #[test]
    fn dated_headings_of_a_round_up_are_its_items() {
        let t = "2031年のメール誤送信事例まとめ\n\n2031年4月:みどり市(北県) 添付ファイルの送付ミス\n\n市内の幼稚園に対し、誤って他園の児童の情報を含むデータを送信し、個人情報が漏えい。\n\n2031年5月:サンプル海運株式会社 CC BCC誤送信\n\nBCCの設定ミスで応募者のメールアドレス510件が流出。\n";
        let s = segs(t);
        let orgs: Vec<&str> = s
            .iter()
            .filter_map(|x| x.org.as_ref().map(|o| o.0.as_str()))
            .collect();
        assert_eq!(orgs, vec!["みどり市", "サンプル海運株式会社"], "{s:?}");
    }

    #[test]
    fn a_bare_section_speaks_for_the_body_already_told_of() {
        let t = "みどり市市民課の職員が、知人に頼まれて住民2人分の住所を私的に閲覧したとして、市は24日、職員を懲戒処分にしたと発表した。\n\n職員課は「服務規律の周知を徹底したい」としている。内規では、個人情報の目的外閲覧は減給か戒告と定めている。\n";
        let s = segs(t);
        assert!(s.len() <= 1, "{s:?}");
        for (name, bare) in [
            ("職員課", true),
            ("市社会福祉課", true),
            ("情報政策課", true),
            ("みどり市総務課", false),
            ("サンプル社営業部", false),
        ] {
            assert_eq!(is_bare_section(name), bare, "{name}");
        }
    }

    #[test]
    fn incidents_announced_together_are_one_case_each() {
        let t = "みどり市は、4月に判明した事故3件について公表した。\n\n1月26日に学校から送付された申請書6人分が所在不明になっていることが、4月9日に判明した。\n\nまた4月7日には、事務所の職員が帰宅途中に業務資料を鞄ごと紛失した。\n\nさらに、受給者証1件の誤送付も発生している。職員が別人の受給者証を誤って封入し送付したもの。\n";
        let s = segs(t);
        assert_eq!(s.len(), 3, "{s:#?}");
        assert!(s
            .iter()
            .all(|x| x.org.as_ref().is_some_and(|o| o.0 == "みどり市")));
    }

    #[test]
    fn bodies_listed_with_their_number_are_one_incident_each() {
        for t in [
            "2031年8月30日、大手損保3社(サンプル海上、ためし損保、みほん火災)は、代理店への出向者による個人情報の漏洩状況を公表しました。出向者が顧客情報を出向元に漏えいしていました。",
            "サンプル海上、ためし損保、みほん火災の3社は30日、代理店への出向者による個人情報の漏洩を公表した。出向者が顧客情報を出向元に漏えいしていた。",
        ] {
            let s = segs(t);
            let orgs: Vec<&str> = s.iter().filter_map(|x| x.org.as_ref().map(|o| o.0.as_str())).collect();
            assert_eq!(orgs, ["サンプル海上", "ためし損保", "みほん火災"], "{t}");
        }
        // a list that does not hold as many names as its number says is no list of bodies
        let s = segs("大手損保3社(サンプル海上など)は、個人情報の漏洩状況を公表しました。出向者が顧客情報を漏えいしていました。");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn one_contractors_leak_at_two_public_bodies_is_two_cases() {
        let t = "コンサルティング会社「サンプル計画」のサーバーがウイルスに感染し、自治体の住民の個人情報が漏れたおそれがあると分かった。\n\n 情報流出の可能性がある自治体は、あおば市とみどり町で、両市町がそれぞれ公表した。\n\n あおば市は、住宅計画の作成を同社に委託した。市が提供した120人の氏名などが流出した可能性があるという。\n\n みどり町は、会議に参加した町民ら34人の名前や住所が流出した恐れがあるという。\n";
        let s = segs(t);
        let orgs: Vec<&str> = s
            .iter()
            .filter_map(|x| x.org.as_ref().map(|o| o.0.as_str()))
            .collect();
        assert!(
            orgs.contains(&"あおば市") && orgs.contains(&"みどり町"),
            "{orgs:?}"
        );
    }

    #[test]
    fn casebook_headings_are_read_as_the_pattern_reads_them() {
        let re = &CASEBOOK_HEADING.re;
        let by_regex = |s: &str| {
            re.captures(s).map(|c| {
                let g = |k: usize| c.get(k).map(|m| m.range()).expect("group");
                (g(1), g(2))
            })
        };
        let long = format!("【{}】x", "a".repeat(60));
        let longer = format!("【{}】x", "a".repeat(61));
        for s in [
            "【事件簿#2031-001】みどり市 職員による情報の持ち出しについて 2031/5/1",
            "【お詫び】",
            "【お詫び】 ",
            "【】x",
            "【a】\t\n x y ",
            "【a】x\ny",
            "【a\nb】x",
            "【a】】x",
            "【a【b】 c",
            "x【a】b",
            "【a b",
            long.as_str(),
            longer.as_str(),
        ] {
            assert_eq!(casebook_heading(s), by_regex(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn casebook_headings_as_the_regex_reads_them(s in "【[a あ】【\t\n x]{0,70}") {
            let re = &CASEBOOK_HEADING.re;
            let want = re.captures(&s).map(|c| (c.get(1).expect("group").range(), c.get(2).expect("group").range()));
            proptest::prop_assert_eq!(casebook_heading(&s), want);
        }
    }

    #[test]
    fn casebook_headings_split_and_parse() {
        let t = "ブログの見出し\n【事件簿#2031-001】みどり市 職員による情報の持ち出しについて 2031/5/1\n本文。\n【事件簿#2031-002】株式会社 サンプル 不正アクセスに関するお知らせ 2031/5/2\n本文。\n";
        let s = segs(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].org.as_ref().unwrap().0, "みどり市");
        assert_eq!(s[0].published.as_ref().unwrap().0.to_string(), "2031-05-01");
        assert_eq!(
            s[0].title.as_ref().unwrap().0,
            "職員による情報の持ち出しについて"
        );
        assert_eq!(s[1].org.as_ref().unwrap().0, "株式会社サンプル");
    }

    #[test]
    fn heading_without_space_takes_the_name_form() {
        let t = "【事件簿#2031-003】あおば市職員の懲戒処分について 2031/6/1\n本文。";
        let s = segs(t);
        assert_eq!(s[0].org.as_ref().unwrap().0, "あおば市");
        assert_eq!(
            s[0].title.as_ref().unwrap().0,
            "あおば市職員の懲戒処分について"
        );
    }

    #[test]
    fn regulator_heading_names_the_breached_company() {
        let t = "【事件簿#2031-004】個人情報保護委員会 株式会社ABCサンプル及び株式会社XYZに対する行政上の対応について\n本文。";
        let s = segs(t);
        assert_eq!(s[0].org.as_ref().unwrap().0, "株式会社ABCサンプル");
    }

    #[test]
    fn digest_headlines_become_items() {
        let t = "2031年の事件\n4月\n○地方の家具メーカーへの不正アクセス、約1万件の個人情報流出\n○みなと市の小学校で名簿を紛失\n5月\n- 物流企業の元社員が顧客情報を持ち出し\n";
        let s = segs(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "地方の家具メーカー");
        assert_eq!(s[2].org.as_ref().unwrap().0, "物流企業");
        assert_eq!(s[2].month.as_ref().unwrap().0.to_string(), "2031-05");
    }

    #[test]
    fn a_column_whose_cases_all_open_with_their_year() {
        let t = "過去の主な流出事例\n2031年9月、金融機関「ヒバリ信販株式会社」のサーバーが不正アクセスを受け、顧客約3万2千人の氏名が流出した。\n2031年3月、HKTの子会社でのネットサービスで約790万人分の個人情報が流出した。\n";
        let s = segs(t);
        let names: Vec<_> = s
            .iter()
            .map(|x| x.org.as_ref().unwrap().0.as_str())
            .collect();
        assert_eq!(names, ["ヒバリ信販株式会社", "HKT"], "{s:?}");
    }

    #[test]
    fn marked_items_name_their_body_before_a_colon_without_a_name_form() {
        let t = "過去の主な事例\n- ハルカゼコーポレーション:外注先スタッフが顧客名簿を売却(2031年)\n- ミドリ(MDR):不正アクセスで3万件の漏洩(2030年)\n- 家計見直し本舗:身代金要求型ウイルスの被害、51万件流出か(2029年)\n- 流出した情報:氏名、住所\n";
        let s = segs(t);
        let names: Vec<_> = s
            .iter()
            .map(|x| x.org.as_ref().unwrap().0.as_str())
            .collect();
        assert_eq!(
            names,
            ["ハルカゼコーポレーション", "ミドリ(MDR)", "家計見直し本舗"],
            "{s:?}"
        );
        // the bare year closing the item is the year it happened, no notice's date
        assert_eq!(s[0].occurred.as_ref().unwrap().0.to_string(), "2031");
        assert!(s[0].published.is_none());
    }

    #[test]
    fn round_up_lines_take_the_first_token_and_the_trailing_date() {
        let t = "事件簿 2031年7月\n2.■みどり市 職員がUSBメモリを紛失 みどり新聞 2031年7月5日\n1.■あおば県 教諭が名簿を紛失 2031年7月2日\n";
        let s = segs(t);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "みどり市");
        assert_eq!(s[0].published.as_ref().unwrap().0.to_string(), "2031-07-05");
        assert_eq!(s[1].org.as_ref().unwrap().0, "あおば県");
    }

    #[test]
    fn a_prefecture_heading_a_round_up_line_locates_the_body_after_it() {
        let t = "学校の事故 2031年5月\n【宮城県】県立高等学校、生徒の名簿を紛失\n2031年5月2日、教諭が名簿を紛失したことが分かった。\n【大阪府】府立みなと高等学校、メールを誤送信\n2031年5月9日、保護者あてのメールを誤送信した。\n【福井県】市立小学校、調査票を紛失\n2031年5月12日、児童の調査票の紛失が分かった。\n";
        let s = segs(t);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "宮城県の県立高等学校");
        assert_eq!(s[1].org.as_ref().unwrap().0, "大阪府立みなと高等学校");
        assert_eq!(s[2].org.as_ref().unwrap().0, "福井県の市立小学校");
        let t = "事件簿 2031年7月\n2.■富山県 みどり町 委託業者が端末を紛失 2031年7月5日\n1.■静岡県 ひかり土木事務所で文書を紛失 2031年7月2日\n";
        let s = segs(t);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "みどり町");
        assert_eq!(s[1].org.as_ref().unwrap().0, "ひかり土木事務所");
    }

    #[test]
    fn a_column_citing_several_cases_gives_one_segment_each() {
        let t = "警察の情報管理\nあおば県警港署の警部補は2030年2月、知人の個人情報を不正に照会した。\nあおば県警は書類送検した。\nひかり県警では巡査部長が2031年7月、知人の犯罪歴を不正に照会した。\n";
        let s = segs(t);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "あおば県警港署");
        assert_eq!(s[1].org.as_ref().unwrap().0, "ひかり県警");
        // a part of the body named before opens no case
        let t = "さくら病院は10日、職員がUSBメモリを紛失したと発表した。これは、同院のリハビリ課職員が2031年1月5日、USBメモリを紛失したというもの。";
        assert!(segs(t).len() <= 1, "{:?}", segs(t));
    }

    #[test]
    fn enumerated_cases_give_one_segment_each() {
        let t = "あおば県みどり市は、文書の誤送付と所在不明が発生したと公表した。\n1件目は証明書の誤送付で、2031年5月1日に証明書を取り違えて送付した。\n2件目は依頼文書の所在不明で、2031年5月3日に郵送した文書が届いていないことが判明した。\n";
        let s = segs(t);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1].org.as_ref().unwrap().0, "あおば県みどり市");
        let own = "お詫び\n当市において個人情報の誤送付が2件発生しました。\n1件目は、2031年5月1日に証明書を誤って送付したものです。\n2件目は、2031年5月3日に通知書を誤って別の方に送付したものです。\n";
        assert_eq!(segs(own).len(), 2);
    }

    #[test]
    fn a_page_of_several_notices_gives_the_incident_ones() {
        let t = "株式会社みどり交通\n\nICカードのチャージがしづらい状況について(復旧報)\n\nシステム障害が発生しておりましたが、復旧しました。\n\nあおばスポーツ株式会社\n\nオークションにおける個人情報の漏洩に関するお詫び\n\n2031年6月1日に実施したオークションにおいて、入札者様の個人情報の一部が漏洩したおそれがあることが判明しました。\n";
        let s = segs(t);
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].org.as_ref().unwrap().0, "あおばスポーツ株式会社");
    }

    #[test]
    fn no_incident_event_no_segment() {
        assert!(segs("システムメンテナンスのお知らせ\n明日は停止します。").is_empty());
        // a template of a notice
        assert!(segs("○○○株式会社\n弊社において月日に、不正アクセスを受けたことが判明しました。最大で●●件が流出しました。").is_empty());
        assert!(segs(
            "不審なメールにご注意ください。添付ファイルを開くと感染し、情報が流出します。"
        )
        .is_empty());
    }

    #[test]
    fn numbered_case_headings_of_a_column_are_its_cases() {
        let t = "# 持ち出しの事例\n\n## 事例1: 販売店の元社員\n\n2030年、サンプル商事株式会社の元社員が、顧客名簿を転職先に持ち込んでいたことが分かった。\n\n## 事例2: 派遣会社\n\n2031年、みどりスタッフ株式会社の登録者名簿が競合他社へ持ち込まれた。\n\n## 対策\n\n権限の見直しが要る。\n";
        let s = segs(t);
        assert_eq!(s.len(), 2, "{s:?}");
        // the closing section (`## 対策`) belongs to no case
        assert!(!t[s[1].range.clone()].contains("権限"), "{s:?}");
        let v = crate::extract_text("t.md", t);
        let orgs: Vec<_> = v.iter().map(|i| i.organization.as_deref()).collect();
        assert_eq!(
            orgs,
            vec![Some("サンプル商事株式会社"), Some("みどりスタッフ株式会社")]
        );
        assert!(v.iter().all(|i| i.title.is_none()), "{v:?}");
    }

    #[test]
    fn a_second_city_also_reporting_and_an_earlier_case_cited_by_its_year() {
        let t = "みどり市は3日、通知書の封筒に別の世帯の通知書が同封されていたと発表した。\n\nまた、あおば市も同日、職員が名簿を誤ってファクスで送信したと明らかにした。\n";
        let orgs: Vec<_> = segs(t)
            .into_iter()
            .filter_map(|s| s.org.map(|o| o.0))
            .collect();
        assert_eq!(orgs, vec!["みどり市", "あおば市"]);
        let t = "今年、サンプル生命株式会社は、委託先の元従業員が契約者の名簿を不正に持ち出していたと公表した。\n\n2029年には、ある自治体で、事務を請け負った業者がUSBメモリを紛失する事案があった。\n";
        let v = crate::extract_text("t.txt", t);
        let got: Vec<_> = v
            .iter()
            .map(|i| (i.organization.as_deref(), i.occurred.map(|d| d.to_string())))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("サンプル生命株式会社"), None),
                (Some("ある自治体"), Some("2029".to_string()))
            ]
        );
    }
}

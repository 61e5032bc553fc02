//! Organization names in a text: the candidates the organization rule chooses from, and the
//! subjects the segmenter uses to tell cases apart.
//!
//! Japanese writes names without spaces, so a name is found by its form:
//!
//! | form | example |
//! |---|---|
//! | a legal form before or after the name | `株式会社サンプル`, `サンプル工業株式会社`, `サンプル(株)` |
//! | a run of name characters (kanji, katakana, Latin, digits) ending in an organization word | `みどり市`, `青葉県警岩槻署`, `さくら総合病院`, `港北区`, `石巻地区広域行政事務組合` |
//! | a Latin name with a katakana or kanji tail | `ABCソリューションズ`, `XYZ西日本` |
//! | a quoted name that a notice uses for itself or a service | `弊社が運営する「サンプルストア」` |
//! | a description where the text names nobody | `いわき市の会社`, `ある企業`, `都内の病院` |
//!
//! Each mention records what kind of body it is (from its ending), whether it stands as an
//! address (`(大阪市)`, `本社:…`), and whether it is a source of the text (a newspaper, a
//! broadcaster, a wire: `…新聞`, `…テレビ`) or a regulator; the organization rule weighs them.

use crate::rules::{entries, Entry, Rule};
use crate::words;
use std::ops::Range;
use std::sync::LazyLock;

/// What kind of body a name denotes (from its ending).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    Company,
    /// A municipality, a prefecture, a ministry, one of their offices.
    Public,
    Police,
    School,
    Hospital,
    /// Associations, foundations, chambers, centres.
    Association,
    /// A newspaper, a broadcaster, a wire, a news site.
    Media,
    Regulator,
    /// A shop, a site or a service named in quotes by its operator.
    Service,
    /// A description (`いわき市の会社`), where no name is given.
    Descriptor,
}

/// One organization mention in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    pub range: Range<usize>,
    /// The name with spaces dropped except between Latin words.
    pub name: String,
    pub kind: OrgKind,
    /// Written as an address (`(大阪市)`, `本社:東京都…`, `=兵庫県芦屋市=`).
    pub address: bool,
    /// Inside `「」`.
    pub quoted: bool,
}

impl OrgMention {
    /// A source of the text or a regulator: never the organization breached by default.
    pub fn is_source(&self) -> bool {
        matches!(self.kind, OrgKind::Media | OrgKind::Regulator)
    }
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々' | '〆' | 'ヵ' | 'ヶ')
}
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・')
}
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '&'
}
/// A character that can stand inside a name.
pub fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || is_latin(c)
}

/// Words that may follow a name inside one run of name characters without being part of it
/// (`市民課職員`, `建築指導課窓口`, `県警本部長`).
pub static NAME_CONTINUATION: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "org.continuation",
        (),
        "a word that may follow a name in the same run of name characters: its people, desk or parts",
        r"^(?:{STAFF}|男性|女性|窓口|担当|所管|管内|側|全店|本店|本部長|署長|市長|町長|村長|知事|学長|院長|理事長|社長|会長|代表|幹部|関係者|OB|職員ら|公式|発表|元)",
    )
    .ex(&["職員", "窓口", "男性", "女性", "担当", "所管", "管内", "側", "全店", "本店", "本部長", "署長", "市長", "町長", "村長", "知事", "学長", "院長", "理事長", "社長", "会長", "代表", "幹部", "関係者", "OB", "職員ら", "公式", "発表", "元"])
    .not(&["営住宅条例"])
    .general(crate::rules::VOCABULARY)
});

/// Names that end in an organization word but name no body (`都道府県`, `市町村`, `部署`).
pub static NOT_A_NAME: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "org.not_a_name",
        (),
        "words that end like a name but are common nouns",
        r"^(?:教育委員会|選挙管理委員会|当局|捜査当局|関係当局|規制当局|監督当局|競業他社|委託先企業|取引先企業|運営会社|サイト運営会社|専門部署|担当部署|関係部署|小中学校|市立小中学校|政府|日本政府|中央政府|上場企業|大手企業|中小企業|民間企業|一般企業|国内企業|海外企業|日本企業|都道府県|市町村|市区町村|区市町村|都市|部署|地区|地域|本社|本店|支店|会社|企業|公社|各社|他社|競合他社|同業他社|競合企業|競合会社|各県|他県|全国|本市|本県|当該|政令市|中核市|市区|区域|大学|高校|学校|病院|警察|警察署|社会|協会|学会|業界|センター|グループ|局|課|室|署|庁|省|委員会|組合|法人|財団|機構|研究所|事務所|営業所|事業所|最大|拡大|重大|多大|巨大|膨大|甚大|増大|過大|莫大|最高|割高|残高|サポートセンター|コンタクトセンター|コールセンター|データセンター)$|部署$",
    )
    .ex(&["情報システム担当部署", "社内の法務部署", "教育委員会", "選挙管理委員会", "当局", "捜査当局", "関係当局", "規制当局", "監督当局", "競業他社", "委託先企業", "取引先企業", "運営会社", "サイト運営会社", "専門部署", "担当部署", "関係部署", "小中学校", "市立小中学校", "政府", "日本政府", "中央政府", "上場企業", "大手企業", "中小企業", "民間企業", "一般企業", "国内企業", "海外企業", "日本企業", "都道府県", "市町村", "市区町村", "区市町村", "都市", "部署", "地区", "地域", "本社", "本店", "支店", "会社", "企業", "公社", "各社", "他社", "競合他社", "同業他社", "競合企業", "競合会社", "各県", "他県", "全国", "本市", "本県", "当該", "政令市", "中核市", "市区", "区域", "大学", "高校", "学校", "病院", "警察", "警察署", "社会", "協会", "学会", "業界", "センター", "グループ", "局", "課", "室", "署", "庁", "省", "委員会", "組合", "法人", "財団", "機構", "研究所", "事務所", "営業所", "事業所", "最大", "拡大", "重大", "多大", "巨大", "膨大", "甚大", "増大", "過大", "莫大", "最高", "割高", "残高", "サポートセンター", "コンタクトセンター", "コールセンター", "データセンター"])
    .not(&["みどり市", "さくら病院"])
    .general(crate::rules::VOCABULARY)
});

/// Katakana tails that make a Latin word a product, not a company (`Microsoftアカウント`).
pub static PRODUCT_TAIL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "org.product_tail",
        (),
        "a katakana word after a Latin name that makes it a product or a thing, not a company",
        r"(?:アカウント|アップデート|サービス|システム|サーバー?|ソフト(ウェア|ウエア)?|アプリ|メール|ファイル|データ|ログ|パスワード|ページ|サイト|ボタン|リンク|ウイルス|ウィルス|メモリー?|カード(番号)?|グループ)$",
    )
    .ex(&["Microsoftアカウント", "Windowsアップデート", "Webサービス", "ABCシステム", "VPNサーバ", "Officeソフトウェア", "LINEアプリ", "Webメール", "PDFファイル", "CSVデータ", "アクセスログ", "IDパスワード", "Webページ", "ECサイト", "OKボタン", "URLリンク", "PCウイルス", "PCウィルス", "USBメモリ", "カード番号", "ICカード", "Googleグループ"])
    .not(&["ABCソリューションズ", "XYZエレクトロニクス"])
    .general(crate::rules::VOCABULARY)
});

/// A description of an unnamed body as the subject of a sentence (`いわき市の会社が`).
pub static DESCRIPTOR: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "org.descriptor",
        (),
        "an unnamed body described by its place or trade, as a sentence subject",
        r"(?:ある|某|大手の?|[一-龠ぁ-んァ-ヴー]{1,8}(?:県|都|府|道|市|区|町|村)の|(?:都内|県内|府内|道内|市内|関東|関西|東北|九州|西日本|東日本|北陸|四国|中部|近畿|中国|滋賀|京都|大阪|東京|兵庫|福岡|愛知|北海道)の?)(?:[一-龠ァ-ヴー・]{0,10})?(?:会社|企業|事業者|業者|メーカー|病院|医院|クリニック|高校|中学校|小学校|学校|大学|施設|団体|法人|自治体|店舗|店)(?:が|は|で|では|において|に対し|から|の(?:元|当時の)?(?:{STAFF})|の[一-龠]{0,4}(?:パソコン|サーバ|システム|ネットワーク))|[一-龠ァ-ヴー]{1,10}(?:会社|企業|事業者|業者|メーカー|代理店|病院|医院|クリニック|施設|団体|法人|店舗)の(?:元|当時の)?(?:{STAFF})(?:が|は|ら)",
    )
    .ex(&["いわき市の会社が", "ある企業で", "某メーカーは", "大手の通販会社が", "滋賀の高校で", "都内の病院では", "県内の中学校において", "関東の自治体から", "西日本の事業者に対し", "市内の小学校の職員", "北海道の施設で", "大阪のクリニックで", "ある大学は", "東京の団体から", "九州の法人が", "京都の店舗で", "福岡の医院では", "愛知の学校で", "兵庫の業者が", "東北の店で", "関西の企業が", "保険代理店の従業員が", "通販会社の元社員は", "北海道の公立大学の教員が", "大阪府の国立大学の学内システムが"])
    .not(&["いわき市は", "当社の社員が", "同社の社員が", "委託先の業者の社員が"])
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [
        &*NAME_CONTINUATION,
        &*NOT_A_NAME,
        &*ANNOUNCER_NAME,
        &*PRODUCT_TAIL,
        &*SUBJECT_NAME,
        &*INCIDENT_NAME,
        &*DESCRIPTOR,
        &*QUOTED_COMPANY,
    ] {
        v.extend(entries("organization", std::slice::from_ref(r)));
    }
    v
}

/// The kind of body a name denotes, from its ending (None: no organization ending).
pub fn kind_of(name: &str) -> Option<OrgKind> {
    if words::REGULATOR
        .iter()
        .any(|r| name == *r || name.ends_with(r))
    {
        return Some(OrgKind::Regulator);
    }
    // a news organization with its legal form is a body of its own (its own notice)
    // (the longest media name `name` starts with is as long as `name`: `name` is one)
    let legal = words::legal_prefix(name).is_some();
    if !legal && words::media_suffix(name).is_some() || words::MEDIA_NAME.contains(&name) {
        return Some(OrgKind::Media);
    }
    if legal {
        let k = if name.contains("学校法人") || name.contains("大学法人") {
            OrgKind::School
        } else if name.starts_with("医療法人") || name.starts_with("社会医療法人") {
            OrgKind::Hospital
        } else if name.contains("会社") {
            OrgKind::Company
        } else {
            OrgKind::Association
        };
        return Some(k);
    }
    let suffix = words::org_suffix(name)?;
    Some(match suffix {
        "県警" | "府警" | "道警" | "警視庁" | "県警察" | "府警察" | "警察本部" | "警察署"
        | "署" => OrgKind::Police,
        "大学" | "大学院" | "大" | "高等学校" | "高校" | "高" | "中学校" | "中学" | "中"
        | "小学校" | "小" | "幼稚園" | "保育園" | "保育所" | "こども園" | "学園" | "学院"
        | "学校" | "学校園" | "研究科" => OrgKind::School,
        "病院" | "医院" | "クリニック" | "診療所" | "薬局" => OrgKind::Hospital,
        "市" | "町" | "村" | "区" | "県" | "都" | "府" | "北海道" | "庁" | "省" | "局" | "課"
        | "委員会" | "教委" | "市役所" | "区役所" | "役場" | "議会" | "裁判所" | "労働局"
        | "労基署" | "監督署" | "消防局" | "消防本部" | "保健所" | "事務所" => {
            OrgKind::Public
        }
        "協会" | "連盟" | "連合会" | "協議会" | "組合" | "商工会" | "会議所" | "機構"
        | "研究所" | "財団" | "法人" | "センター" => OrgKind::Association,
        _ => OrgKind::Company,
    })
}

/// A single-character ending is only a name after a proper noun of two characters or more
/// (`磐城高`, `首都大`), never after a common word (`最大`, `残高`).
fn short_suffix_ok(name: &str, suffix: &str) -> bool {
    if suffix.chars().count() > 1 {
        return true;
    }
    let stem = &name[..name.len() - suffix.len()];
    let n = stem.chars().count();
    match suffix {
        "高" | "大" | "中" | "小" => n >= 2 && stem.chars().all(is_kanji),
        "社" => n >= 2 && !stem.chars().all(is_kanji) || n >= 3,
        "市" | "町" | "村" | "区" | "県" | "都" | "府" => n >= 1,
        _ => n >= 2,
    }
}

/// Whether `name` (a run prefix ending in an organization word, that [`NOT_A_NAME`] does not
/// match: the caller tests it first) is a name and not a common noun.
fn plausible(name: &str) -> bool {
    debug_assert!(!NOT_A_NAME.is_match(name));
    // several bodies at once (`クレジットカード会社各社`, `乗合保険会社各社`) name none of them
    if name.ends_with("各社") || name.ends_with("各位") {
        return false;
    }
    let Some(suffix) = words::org_suffix(name).or_else(|| words::media_suffix(name)) else {
        return words::legal_prefix(name).is_some();
    };
    if !short_suffix_ok(name, suffix) {
        return false;
    }
    let stem = &name[..name.len() - suffix.len()];
    if stem.starts_with(|c: char| c.is_ascii_digit())
        || stem.ends_with(|c: char| c.is_ascii_digit())
    {
        return false; // `120社`, `最大40社`, `2法人`
    }
    // nothing but description before the ending: `子会社`, `地方銀行`, `コンサルタント会社`
    if stem.is_empty()
        || words::GENERIC_NAME_PART.contains(&stem)
        || words::FIRST_PERSON.contains(&name)
        || words::ANAPHORA.contains(&name)
    {
        return false;
    }
    // pronoun-like starts
    !(name.starts_with("当該")
        || name.starts_with("弊")
        || ["その", "この", "あの", "どの", "各"].iter().any(|d| name.starts_with(d))
        || (name.starts_with("同") && name.chars().count() <= 3)
        // a body named before and a part of it: `同市建設交通部住宅課`, `同システム会社`
        // (every anaphora opens with 同 or 両)
        || (name.starts_with(['同', '両']) && words::ANAPHORA.iter().any(|a| name.starts_with(a)))
        || name.strip_prefix("同").and_then(|r| r.chars().next()).is_some_and(is_katakana))
}

/// Drop spaces inside a name except between two Latin letters or digits (`株式会社 NTT ドコモ`
/// → `株式会社NTTドコモ`).
pub fn compact_name(s: &str) -> String {
    let s = s.trim();
    if !s.contains(' ') {
        return s.to_string(); // nothing to drop
    }
    // one pass over the pieces between spaces: a run of spaces becomes one space where the
    // characters on both sides of it are Latin letters or digits, nothing elsewhere
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None; // the last character kept
    let mut gap = false; // spaces since it
    for (k, piece) in s.split(' ').enumerate() {
        gap |= k > 0;
        if piece.is_empty() {
            continue;
        }
        if gap
            && last.is_some_and(|p| p.is_ascii_alphanumeric())
            && piece.starts_with(|n: char| n.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        gap = false;
        out.push_str(piece);
        last = piece.chars().next_back();
    }
    out
}

/// Whether the mention at `r` is written as an address: inside parentheses right after a name
/// (`聖マリア病院(久留米市)`), after `本社:`/`所在地:`, between `=` signs, or before `在住`/`内の`.
fn is_address(text: &str, r: &Range<usize>) -> bool {
    let before = &text[..r.start];
    let after = &text[r.end..];
    let b = before.trim_end();
    if b.ends_with("本社:")
        || b.ends_with("本店:")
        || b.ends_with("所在地:")
        || b.ends_with("住所:")
        || b.ends_with("本社")
        || b.ends_with('=')
        || after.starts_with('=')
        || after.starts_with("在住")
        || after.starts_with("内の")
        || after.starts_with("内で")
        || after.starts_with("内に")
        || after.starts_with("在の")
    {
        return true;
    }
    if let Some(inner_start) = b.strip_suffix('(') {
        // `(…)` right after a name
        return inner_start
            .chars()
            .next_back()
            .is_some_and(|c| is_name_char(c) || c == ' ');
    }
    // the part of an address after the city: `(同市兜台6丁目)`, `(篠山市黒岡)`
    false
}

/// Whether `text` holds a `「` (a vector search: `str::contains` of a character beyond ASCII
/// costs several times more over a whole text).
fn has_open_quote(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), "「".as_bytes()).is_some()
}

/// The `「…」` spans of `text` (outermost, unclosed ones to the end of their line).
fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if memchr::memmem::find(b, "「".as_bytes()).is_none() {
        return out;
    }
    // the brackets and line ends, in order (found by vector search, not char by char)
    let mut marks: Vec<(usize, u8)> = memchr::memmem::find_iter(b, "「".as_bytes())
        .map(|i| (i, 0))
        .chain(memchr::memmem::find_iter(b, "」".as_bytes()).map(|i| (i, 1)))
        .chain(memchr::memchr_iter(b'\n', b).map(|i| (i, 2)))
        .collect();
    marks.sort_unstable();
    let mut open: Option<usize> = None;
    for (i, k) in marks {
        match k {
            0 if open.is_none() => open = Some(i),
            1 => {
                if let Some(o) = open.take() {
                    out.push(o..i);
                }
            }
            2 => open = None,
            _ => {}
        }
    }
    out
}

/// Every organization mention in `text` (normalized), in order.
pub fn find_orgs(text: &str) -> Vec<OrgMention> {
    let mut out: Vec<OrgMention> = Vec::new();
    legal_prefix_names(text, &mut out);
    suffix_names(text, &mut out);
    latin_names(text, &mut out);
    // quoted names of shops and services, and quoted names after a descriptor
    // (`弊社が運営する「サンプルストア」`, `…サービスを行う「サンプル」の顧客データ`)
    quoted_names(text, &mut out);
    // a company that news quotes after its trade (`部品メーカーの「サンプル」が`)
    quoted_companies(text, &mut out);
    // a katakana or Latin name as the subject of a dated act, or with its press office
    // (`スカパーJSATは26日`, `サンプルJP広報部は`)
    subject_names(text, &mut out);
    // a company named with its legal form, then by its name alone (`佐川急便株式会社` … `佐川急便でも`)
    short_names(text, &mut out);
    out.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    // a mention inside a longer one is the longer one's part
    let mut kept: Vec<OrgMention> = Vec::with_capacity(out.len());
    for m in out {
        if kept
            .last()
            .is_some_and(|k| k.range.start <= m.range.start && m.range.end <= k.range.end)
        {
            continue;
        }
        kept.push(m);
    }
    let quotes = quote_spans(text);
    for m in kept.iter_mut() {
        m.address = is_address(text, &m.range);
        m.quoted = m.quoted
            || quotes
                .iter()
                .any(|q| q.start < m.range.start && m.range.end <= q.end);
    }
    kept
}

/// A company's name without its legal form (`株式会社サンプル商事` → `サンプル商事`), where the
/// text uses it alone: each use as a mention of the company. The name must be at least three
/// characters, no common word, and stand alone (a particle, a punctuation mark or the line's end
/// after it; no name character before it).
fn short_names(text: &str, out: &mut Vec<OrgMention>) {
    let mut bare: Vec<String> = Vec::new();
    for m in out.iter().filter(|m| m.kind == OrgKind::Company) {
        let name = &m.name;
        let Some(b) = words::LEGAL_PREFIX
            .iter()
            .find_map(|f| name.strip_prefix(f).or_else(|| name.strip_suffix(f)))
        else {
            continue;
        };
        if b.chars().count() >= 3
            && !is_common_word(b)
            && !b.contains(['(', ')', ' '])
            && !bare.iter().any(|x| x == b)
        {
            bare.push(b.to_string());
        }
    }
    for b in bare {
        for (at, _) in text.match_indices(b.as_str()) {
            let r = at..at + b.len();
            if out
                .iter()
                .any(|m| m.range.start <= r.start && r.end <= m.range.end)
            {
                continue;
            }
            let before = text[..at].chars().next_back();
            let after = text[r.end..].chars().next();
            let name_char = |c: char| c.is_alphanumeric() && !is_particle_char(c);
            if before.is_some_and(name_char)
                || after.is_some_and(|c| name_char(c) && !"はがもでのにとへや".contains(c))
            {
                continue;
            }
            push(out, text, r, OrgKind::Company);
        }
    }
}

fn push(out: &mut Vec<OrgMention>, text: &str, r: Range<usize>, kind: OrgKind) {
    let name = compact_name(&text[r.clone()]);
    if name.chars().count() < 2 {
        return;
    }
    // `当社コールセンター`, `本学情報基盤センター`: the notice's own body by its first person,
    // a part of it, no name
    if words::starts_with_first_person(&name) && name.chars().count() > 2 {
        return;
    }
    out.push(OrgMention {
        range: r,
        name,
        kind,
        address: false,
        quoted: false,
    });
}

/// Kana words that are never part of a name (conjunctions, demonstratives).
const KANA_FUNCTION_WORDS: &[&str] = &[
    "および",
    "ならびに",
    "または",
    "もしくは",
    "さらに",
    "なお",
    "ただし",
    "また",
    "その",
    "この",
    "あの",
    "これら",
    "それら",
    "こちらは",
    "こちらの",
    "こちら",
    "これ",
    "それ",
    "ほか",
    "など",
    "すべての",
    "全ての",
    // case particles of two kana (`(1名)から市教育委員会へ`)
    "から",
    "より",
    "まで",
    // verbs in the te-form before a body (`…疑いがあるとみて府警に相談`)
    "みて",
];

pub fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

/// Hiragana that are particles: a stretch of hiragana before a name is cut after the last one
/// (`職員がさくら病院` → `さくら病院`).
fn is_particle_char(c: char) -> bool {
    matches!(
        c,
        'の' | 'は' | 'が' | 'を' | 'に' | 'で' | 'と' | 'も' | 'へ' | 'や'
    )
}

/// Where a name ending at `end` (the start of its ending) begins: back over kanji, katakana and
/// Latin; over hiragana only as a word of its own (after a particle, at the start, after a
/// place name: `あおば県みどり市`), never over a verb's ending (`紛失したさくら病院`).
fn name_start(text: &str, suffix_start: usize) -> usize {
    let mut start = suffix_start;
    let mut chars = text[..suffix_start].char_indices().rev().peekable();
    let limit = suffix_start.saturating_sub(40 * 3);
    while let Some(&(i, c)) = chars.peek() {
        if i < limit {
            break;
        }
        if is_name_char(c) {
            start = i;
            chars.next();
            continue;
        }
        if c == ' ' {
            // `BIPROGY 株式会社`, `Payment Card Forensics`
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            if before.is_some_and(is_latin)
                && after.is_some_and(|a| is_latin(a) || a == '株' || a == '有')
            {
                start = i;
                chars.next();
                continue;
            }
            break;
        }
        if is_hiragana(c) {
            // the whole stretch of hiragana
            let mut j = i;
            let mut k = chars.clone();
            while let Some(&(x, y)) = k.peek() {
                if !is_hiragana(y) {
                    break;
                }
                j = x;
                k.next();
            }
            let stretch = &text[j..i + c.len_utf8()];
            let before = text[..j].chars().next_back();
            let n = stretch.chars().count();
            // a word of its own: at a boundary, or after a place name
            // (`市立ささなみ中学校`, `県立あすなろ医療センター`: after a founder's 立)
            let own = before.is_none_or(|b| !is_name_char(b))
                || before.is_some_and(|b| "県都府道市区郡町村".contains(b))
                || (text[..j].ends_with('立')
                    && words::FOUNDER.iter().any(|f| text[..j].ends_with(f)));
            let boundary = before.is_none_or(|b| !is_name_char(b));
            // a function word opens the stretch (`、およびカード会社`): the word after it
            if let Some(f) = KANA_FUNCTION_WORDS
                .iter()
                .find(|f| stretch.starts_with(**f))
            {
                if stretch[f.len()..].chars().count() >= 2 && j + stretch.len() == suffix_start {
                    start = j + f.len();
                }
                break;
            }
            // a stretch opening with particles (`とみどり`, `がさくら`) is the word after them,
            // unless it stands at a boundary (`はなみずき信用金庫`)
            let lead: usize = stretch
                .chars()
                .take_while(|c| is_particle_char(*c))
                .map(char::len_utf8)
                .sum();
            if lead > 0 && !boundary {
                // only a kana name right before its ending (`がいわき市`, `とみどり大学`), not a
                // verb's form before other name characters (`にわたりGoogle…`)
                let place = j + stretch.len() == suffix_start;
                if place && stretch[lead..].chars().count() >= 2 && !is_verb_form(&stretch[lead..])
                {
                    start = j + lead;
                }
                break;
            }
            let cut = stretch
                .char_indices()
                .rfind(|(_, c)| is_particle_char(*c))
                .map(|(p, c)| p + c.len_utf8());
            match cut {
                Some(p) if p < stretch.len() && !own => {
                    // `職員がさくら病院`: the word after the particle
                    let w = &stretch[p..];
                    if w.chars().count() >= 2 && !is_verb_form(w) {
                        start = j + p;
                    }
                    break;
                }
                Some(_) if !own => break,
                _ if own && (2..=8).contains(&n) => {
                    start = j;
                    chars = k;
                    continue;
                }
                _ => break,
            }
        }
        break;
    }
    // a list's bullet before the name (`・当該小学校`) is no part of it
    while text[start..suffix_start].starts_with('・') {
        start += '・'.len_utf8();
    }
    start
}

/// Where a municipality's name of kana with a kanji before or after them starts
/// (`南あわじ市`, `東かがわ市`, `あきる野市`), after a boundary: a particle, a prefecture, a
/// comma. The lead kanji is a direction or size, as such names are made; a verb's form
/// (`ある市`) is no name.
fn kana_municipality_start(text: &str, sstart: usize, suffix: &str) -> Option<usize> {
    static KANA_PLACE: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"(?:^|[のはがでにと、県都府道\s「(])([東西南北中上下新大小奥]?[ぁ-ゖ]{2,5}[一-龠]?)$",
        )
    });
    if !matches!(suffix, "市" | "町" | "村" | "区") {
        return None;
    }
    let head = &text[crate::fields::floor_char(text, sstart.saturating_sub(24))..sstart];
    let c = KANA_PLACE.captures(head)?;
    let g = c.get(1)?;
    // the group may open with the particle that is the boundary (`県のあきる野市`)
    let name = g
        .as_str()
        .trim_start_matches(['の', 'は', 'が', 'で', 'に', 'と']);
    let gstart = g.start() + (g.as_str().len() - name.len());
    let kana: String = name.chars().filter(|c| is_hiragana(*c)).collect();
    // a pure-kana name is read by name_start already; a verb's form is no name
    if !name.chars().any(is_kanji)
        || is_verb_form(&kana)
        || KANA_FUNCTION_WORDS.iter().any(|f| kana.starts_with(f))
    {
        return None;
    }
    (name.chars().count() >= 3).then(|| sstart - head.len() + gstart)
}

/// A verb's or adjective's form that opens a relative clause before an organization word
/// (`取引のある企業`, `入手しようとする企業`, `関係のない会社`): no kana name.
fn is_verb_form(w: &str) -> bool {
    const FORMS: &[&str] = &[
        "する",
        "ある",
        "いる",
        "なる",
        "できる",
        "した",
        "あった",
        "いた",
        "なった",
        "された",
        "される",
        "られる",
        "れる",
        "ない",
        "なかった",
        "よる",
        "おける",
        "わたる",
        "かかる",
        "関する",
        "よって",
        "ついて",
        "おいて",
        "とって",
        "より",
        "いう",
        "いった",
        "おる",
    ];
    FORMS.contains(&w)
}

/// Names by their ending: a stretch of name characters ending in an organization word, followed
/// by a boundary (a particle, punctuation, the people of the body, another name).
fn suffix_names(text: &str, out: &mut Vec<OrgMention>) {
    // the longest ending at each end position: a scan of the characters that end an ending
    // (one index of both lists: only the length of the longer ending is kept)
    let ix = words::ending_index();
    let mut ends: Vec<(usize, usize)> = Vec::new(); // (suffix start, end)
                                                    // the characters decoded from their bytes in one loop (a text is valid UTF-8: a lead byte
                                                    // tells the length; beyond the BMP no word ends)
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x & 0xF0 == 0xE0 {
            // three bytes (the kana and kanji of the text): the table's word by the first two,
            // its bit by the third, the code point made only for a character that ends a word
            let hi = (usize::from(x & 0x0F) << 6) | usize::from(b[i + 1] & 0x3F);
            let lo = u32::from(b[i + 2] & 0x3F);
            let end = i + 3;
            i = end;
            if ix.has_code3(hi, lo) {
                let cp = ((hi as u32) << 6) | lo;
                if let Some(w) = ix.longest_suffix_at(&text[..end], cp, 3) {
                    ends.push((end - w.len(), end));
                }
            }
            continue;
        }
        let (cp, len) = match x {
            0..=0x7F => (u32::from(x), 1),
            0xC0..=0xDF => ((u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2),
            0xE0..=0xEF => (
                (u32::from(x & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F),
                3,
            ),
            _ => (0x10000, 4),
        };
        let end = i + len;
        i = end;
        if !ix.has_code(cp) {
            continue;
        }
        if let Some(w) = ix.longest_suffix_at(&text[..end], cp, len) {
            ends.push((end - w.len(), end));
        }
    }
    // right to left: the longest name first, its inner endings skipped
    let mut taken_from = usize::MAX;
    for &(sstart, end) in ends.iter().rev() {
        if end > taken_from {
            continue;
        }
        let rest = &text[end..];
        let suffix = &text[sstart..end];
        // `前橋市都市計画部`: 都市 after a municipality is the common noun of its departments
        // (都市計画, 都市整備), not an ending; the name is the municipality before it
        if suffix == "市" && text[..sstart].ends_with('都') {
            let before_to = &text[..sstart - '都'.len_utf8()];
            if before_to.ends_with(['市', '町', '村', '区', '県']) {
                continue;
            }
        }
        let next = rest.chars().next();
        // (the three tests below in the order of their cost, each asked only when the ones
        // before it leave the ending standing)
        let boundary = next.is_none_or(|c| !is_name_char(c))
            || NAME_CONTINUATION.is_match(rest)
            || (suffix.chars().count() > 1 && !rest.starts_with(|c: char| is_latin(c)))
            || (suffix.chars().count() == 1
                && "市町村区県都府".contains(suffix)
                && next.is_some_and(|c| {
                    is_kanji(c) && !"民内営立外政議長域税有販場街章道部県町村区市".contains(c)
                }));
        // an ending that a compound goes on (`健康保険証`, `会社員`, `企業規模`, `学校名`): the
        // word is a thing, a person or a label, no body
        let continued = || {
            suffix.chars().count() > 1
                && ["証", "料", "員", "規模", "向け", "名", "数", "法", "制度"]
                    .iter()
                    .any(|w| {
                        rest.starts_with(w)
                            && !rest.starts_with("名古屋")
                            && !rest.starts_with("名誉")
                    })
        };
        // `…を手がける株式会社ことり堂`: the legal form opens the name after it, it ends none
        // (a form ending in 会社 that the text ends with at `end`: the longest ending there,
        // at least 会社 itself, ends in 会社 too)
        let opens_name = || {
            suffix.ends_with("会社")
                && words::LEGAL_PREFIX
                    .iter()
                    .any(|f| f.ends_with("会社") && text[..end].ends_with(f))
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| is_name_char(c) || (is_hiragana(c) && !is_particle_char(c)))
        };
        if !boundary || continued() || opens_name() {
            continue;
        }
        let start = kana_municipality_start(text, sstart, suffix)
            .unwrap_or_else(|| name_start(text, sstart));
        if start >= sstart {
            continue;
        }
        let name = &text[start..end];
        if NOT_A_NAME.is_match(name) {
            taken_from = start; // a common noun: no name inside it either (`市町村`)
            continue;
        }
        if !plausible(name) {
            continue;
        }
        push(
            out,
            text,
            start..end,
            kind_of(name).unwrap_or(OrgKind::Company),
        );
        taken_from = start;
    }
}

/// Names after a legal form: `株式会社サンプル`, `社会福祉法人やまびこ会`, `株式会社 東玉`.
fn legal_prefix_names(text: &str, out: &mut Vec<OrgMention>) {
    struct M {
        s: usize,
        e: usize,
    }
    impl M {
        fn start(&self) -> usize {
            self.s
        }
        fn end(&self) -> usize {
            self.e
        }
    }
    let found: Vec<M> = words::legal_forms(text)
        .map(|r| M {
            s: r.start,
            e: r.end,
        })
        .collect();
    for m in found {
        // `サンプル工業株式会社`, `XYZ 株式会社`: the form ends the name before it
        let before = &text[..m.start()];
        let glued = before.ends_with(|c: char| is_name_char(c));
        let spaced = before.ends_with(' ')
            && before
                .trim_end_matches(' ')
                .ends_with(|c: char| is_latin(c))
            && !text[m.end()..].starts_with(is_name_char);
        if glued || spaced {
            continue;
        }
        let mut end = m.end();
        let rest = &text[end..];
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        end += lead.min(1);
        let mut taken = 0;
        for (i, c) in text[end..].char_indices() {
            let here = &text[end + i..];
            if taken > 0
                && (here.starts_with("及び")
                    || here.starts_with("および")
                    || here.starts_with("並びに")
                    || words::legal_prefix(here).is_some())
            {
                break;
            }
            let ok = is_name_char(c)
                || (is_hiragana(c) && !(taken >= 2 && is_particle_char(c)))
                || (c == ' '
                    && text[end + i + 1..].starts_with(|x: char| is_latin(x) || is_katakana(x))
                    && text[..end + i].ends_with(|x: char| is_latin(x)));
            if !ok || taken >= 40 {
                break;
            }
            taken += 1;
            let _ = i;
        }
        let name_end = text[end..]
            .char_indices()
            .nth(taken)
            .map_or(text.len(), |(i, _)| end + i);
        if taken == 0 {
            continue;
        }
        // a trailing verb ending is no part of a name: `株式会社サンプルした` is rare; the name
        // ends at its last non-hiragana character when hiragana close it
        let mut e = name_end;
        let tail_hira = text[end..name_end]
            .chars()
            .rev()
            .take_while(|c| is_hiragana(*c))
            .count();
        if tail_hira > 0 && tail_hira < taken {
            let cut: usize = text[end..name_end]
                .chars()
                .rev()
                .take(tail_hira)
                .map(char::len_utf8)
                .sum();
            // keep a hiragana ending that is the whole name after the form (`株式会社ひまわり`)
            e = name_end - cut;
        }
        // a facility of the body after a space: `医療法人社団ひだまり会 ひだまりクリニック`
        if text[e..].starts_with(' ') {
            let next = &text[e + 1..];
            let len = next
                .char_indices()
                .find(|(_, c)| !(is_name_char(*c) || is_hiragana(*c)) || is_particle_char(*c))
                .map_or(next.len(), |(i, _)| i);
            let tok = &next[..len];
            if (2..=20).contains(&tok.chars().count())
                && words::org_suffix(tok).is_some()
                && !words::FIRST_PERSON.iter().any(|f| tok.starts_with(f))
                && !words::ANAPHORA.iter().any(|f| tok.starts_with(f))
                && !matches!(kind_of(tok), Some(OrgKind::Public))
            {
                e = e + 1 + len;
            }
        }
        let name = &text[m.start()..e];
        let kind = kind_of(name).unwrap_or(OrgKind::Company);
        push(out, text, m.start()..e, kind);
    }
}

/// The first ASCII capital letter of `b` at or after `from`. Eight bytes at a time: in Japanese
/// text capitals are rare, and a byte-by-byte test (or the regex's own scan) would cost far more.
fn next_capital(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let low = w & !HIGH; // the low seven bits of each byte (no carry between bytes below)
                             // a byte's high bit set where its low bits are >= 'A', and where they are > 'Z'
        let from_a = low + ONES * (0x80 - u64::from(b'A'));
        let past_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
        let capitals = from_a & !past_z & !w & HIGH; // (an ASCII byte: high bit clear)
        if capitals != 0 {
            return Some(i + (capitals.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_uppercase)
        .map(|p| i + p)
}

/// Latin names with a katakana tail: `ABCソリューションズ` (not `Microsoftアカウント`).
fn latin_names(text: &str, out: &mut Vec<OrgMention>) {
    static LATIN: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"[A-Z][A-Za-z0-9&]*(?:[ ・][A-Z][A-Za-z0-9&]*)*[ァ-ヴー]{2,}")
            .expect("latin names")
    });
    // The matches of `LATIN.find_iter(text)`, searched for only from each capital letter on its
    // line: a match begins with a capital and never spans a line end (no class of the pattern
    // holds one), so the leftmost match from a capital is the leftmost of its line from there,
    // and a line without one from there has none.
    let b = text.as_bytes();
    let mut at = 0;
    let mut line_end = 0;
    while let Some(p) = next_capital(b, at) {
        if p >= line_end {
            line_end = memchr::memchr(b'\n', &b[p..]).map_or(b.len(), |k| p + k);
        }
        let Some(m) = LATIN.find_at(&text[..line_end], p) else {
            at = line_end;
            continue;
        };
        at = m.end();
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        if PRODUCT_TAIL.is_match(m.as_str()) || words::org_suffix(m.as_str()).is_some() {
            continue;
        }
        push(out, text, m.start()..m.end(), OrgKind::Company);
    }
}

/// A katakana or Latin name without a legal form, as news names a company: the subject of a
/// dated act (`スカパーJSATは26日までに`, `サンプルテックは6月7日、`) or the owner of a press office
/// (`サンプルJP広報・IR部は`). People take `氏`/`さん` and are no subject here.
pub static SUBJECT_NAME: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("org.subject_name", (), "a katakana or Latin name as the subject of a dated act, or with its press office",
        r"(?:^|[^ァ-ヴーA-Za-z0-9&・])([ァ-ヴー]{2,}[A-Za-z0-9&]*|[A-Z][A-Za-z0-9&]+[ァ-ヴー]*)(?:は|が)\s*(?:[0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日|(?:^|[^ァ-ヴーA-Za-z0-9&・])([ァ-ヴー]{2,}[A-Za-z0-9&]*|[A-Z][A-Za-z0-9&]+[ァ-ヴー]*)広報|(?:^|[、。\s「]|の)([一-龠ァ-ヴーA-Za-z0-9&・]{2,12})\((?:本社\s*[・:]?\s*)?[^()、。\n]{0,12}(?:都|道|府|県|市|区|町|村)[^()。\n]{0,16}\)(?:は|が)\s*(?:[0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日")
        .ex(&["スカパーJSATは26日までに", "、サンプルテックは6月7日、", "サンプルJP広報・IR部は", "物流サービスの見本通(あおば県みどり市)は11日", "、見本堂(本社・東京都港区、山田太郎社長)は5日"])
        .not(&["山田さんは6日", "リストを5日に"])
        .general("news names a company without its legal form as the subject of what it did on a day, or by its press office")
});

/// A name in kanji, or kanji with Latin letters, as news names a company without its legal form:
/// the subject opening a sentence that tells what it announced on a day (`楽園は24日、…と発表
/// した`, `北辰FCは3月2日、…を明らかにした`). Anaphora (`同社は`), the first person, people and
/// staff (`男性は`, `同課長は`), and common nouns are no names.
pub static ANNOUNCER_NAME: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("org.announcer_name", (), "a kanji name opening a sentence as the subject of a dated announcement",
        r"(?:^|[。\n])\s*([一-龠々ァ-ヴーA-Za-z0-9&・]{2,12})は\s*(?:[0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日(?:まで)?(?:に)?、[^。\n]{4,200}?(?:と|を)(?:発表|公表|明らかに)")
        .ex(&["楽園は24日、出店者のデータが閲覧できる状態だったと発表した", "北辰FCは3月2日、会員の情報が流出したと発表", "。見本堂は5日までに、会員情報の流出を明らかにした"])
        .not(&["楽園は24日に発表した", "楽園は、…と発表した"])
        .general("news names a body by its short name as the subject of what it announced on a day (Xは24日、…と発表した)")
});

/// A katakana or Latin name that names an incident: `ベネッセ流出事件`, `ソフトバンクBBの情報流出
/// 事件` (columns and headlines call a past case by its body's name).
pub static INCIDENT_NAME: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("org.incident_name", (), "a katakana or Latin name before the name of a leak case",
        r"(?:^|[^ァ-ヴーA-Za-z0-9&・])([ァ-ヴー]{2,}[A-Za-z0-9&]*|[A-Z][A-Za-z0-9&]+[ァ-ヴー]*)の?(?:顧客|会員|利用者)?(?:個人)?(?:情報|データ)?(?:大量)?(?:流出|漏えい|漏洩)(?:事件|事故|問題)")
        .ex(&["サンプルネット流出事件", "、サンプルBBの情報流出事件", "サンプルホールディングスの漏えい事故", "サンプルの顧客情報漏洩問題", "ABCの個人データ流出事件"])
        .not(&["情報流出事件", "サンプルの流出について"])
        .general("columns and headlines name a past case after its body: X流出事件, Xの情報漏えい事故")
});

/// `は` and a day: the cue of [`ANNOUNCER_NAME`] (most texts have none).
static SUBJECT_DAY: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::rules::compile(r"は\s*(?:[0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日"));

/// People who are subjects of news sentences, no body (`男性は`, `被害者は`, `市長は`).
static PERSON_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"(?:男性|女性|男|女|者|人|氏|長|員|官|師|士|生|児|容疑者|被告|署|県警|警察|地裁|高裁|裁判所|政府|首相|知事|大臣)$|^(?:今回|今年|昨年|先月|今月|市内|県内|国内|都内|府内|道内)",
    )
});

fn subject_names(text: &str, out: &mut Vec<OrgMention>) {
    // the case's name ends in a few literal words: looked for first (a vector search), the
    // name pattern (no literal to start from) only in a text that has one
    static CASE_TAIL: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"(?:流出|漏えい|漏洩)(?:事件|事故|問題)"));
    let cases = if CASE_TAIL.is_match(text) {
        INCIDENT_NAME.re.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in cases {
        let Some(g) = c.get(1) else { continue };
        let name = g.as_str();
        if PRODUCT_TAIL.is_match(name) || COMMON_KATAKANA.is_match(name) {
            continue;
        }
        push(out, text, g.range(), OrgKind::Company);
    }
    // a kanji name announcing: the subject cue `は` + a numeral is in every match as well
    if SUBJECT_DAY.is_match(text) {
        for c in ANNOUNCER_NAME.re.captures_iter(text) {
            let Some(g) = c.get(1) else { continue };
            let name = g.as_str();
            let kanji_only = !name
                .chars()
                .any(|c| c.is_ascii_alphanumeric() || is_katakana(c));
            if NOT_A_NAME.is_match(name)
                || words::starts_with_any(name, words::ANAPHORA).is_some()
                || words::starts_with_first_person(name)
                || words::ends_with_any(name, words::STAFF).is_some()
                || PERSON_WORD.is_match(name)
                || (kanji_only && name.chars().count() > 6)
                || out
                    .iter()
                    .any(|m| m.range.start <= g.start() && g.end() <= m.range.end)
            {
                continue;
            }
            push(out, text, g.range(), OrgKind::Company);
        }
    }
    // Every match of the subject pattern holds `は`/`が` before a numeral (`は26日`, spaces
    // allowed; after a place in parentheses too) or `広報`, and begins on the line of it (its name holds no line end; the
    // character before the name may be the end of the line before). The search starts on the
    // line of the first such place (most texts have none): no match begins before it, so the
    // matches are those of a search of the whole text.
    static SUBJECT_CUE: LazyLock<regex::Regex> =
        LazyLock::new(|| crate::rules::compile(r"(?:は|が)\s*[0-9]|広報"));
    let mut from = SUBJECT_CUE
        .find(text)
        .map(|cue| text[..cue.start()].rfind('\n').unwrap_or(0));
    while let Some(c) = from.and_then(|at| SUBJECT_NAME.re.captures_at(text, at)) {
        // (no match is empty: the next search starts at this one's end, as in `captures_iter`)
        from = c.get(0).map(|m| m.end());
        let Some(g) = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) else {
            continue;
        };
        let name = g.as_str();
        if PRODUCT_TAIL.is_match(name) || COMMON_KATAKANA.is_match(name) {
            continue;
        }
        push(out, text, g.range(), OrgKind::Company);
    }
}

/// Katakana words of the incidents' own vocabulary that stand as subjects (`メールは5日`).
/// Whether a katakana or Latin word is one of the incidents' own vocabulary (`メール`, `USB`),
/// no name.
pub fn is_common_word(w: &str) -> bool {
    COMMON_KATAKANA.is_match(w) || PRODUCT_TAIL.is_match(w)
}

static COMMON_KATAKANA: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"^(?:メール|ファイル|データ|システム|サーバー?|パソコン|USBメモリ|メモリ|サイト|ページ|ウイルス|ウィルス|ランサムウェア|マルウェア|アカウント|パスワード|ネットワーク|クレジットカード|カード|リスト|ファックス|FAX|PC|USB|ID|URL|CSV|PDF|VPN|SNS|ECサイト|ホームページ|サービス|アプリ|ソフト|プログラム|セキュリティ|バックアップ|ログ|アクセス|インシデント|フォレンジック|ケース|ユーザー?|メンバー|スタッフ|チーム|グループ|センター|オンライン|ショップ|ストア|メディア|ニュース)$",
    )
});

fn quoted_names(text: &str, out: &mut Vec<OrgMention>) {
    static QUOTED: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"(?:運営する|運営している|弊社|当社|オンラインショップ|ショップ|サイト|サービス|である|を行う|企業|会社)[^「」。]{0,12}「([^「」。]{2,30}?)(?:\(https?://[^)]*\))?」",
        )
    });
    // every match holds a `「` (most texts have none: no search of the pattern there)
    if !has_open_quote(text) {
        return;
    }
    for c in QUOTED.captures_iter(text) {
        let Some(g) = c.get(1) else { continue };
        let inner = g.as_str().trim();
        if inner.is_empty() || inner.contains("について") || inner.contains("お知らせ") {
            continue;
        }
        push_quoted(out, text, trimmed(&g), OrgKind::Service);
    }
}

/// The range of a capture without the spaces around it.
fn trimmed(g: &regex::Match) -> Range<usize> {
    let s = g.as_str();
    let start = g.start() + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// [`push`] a name read inside quotes, marked so (no mark when the name is refused).
fn push_quoted(out: &mut Vec<OrgMention>, text: &str, r: Range<usize>, kind: OrgKind) {
    let n = out.len();
    push(out, text, r, kind);
    if let Some(m) = out.get_mut(n) {
        m.quoted = true;
    }
}

/// A company's name in quotes after its trade, as news writes it, standing as the subject or
/// source of the report (`自動車部品メーカーの「サンプル」が`, `製造する「サンプル製作所」社が`,
/// `大手酒造メーカー「サンプル」は`, `販売している「サンプル」によりますと`).
pub static QUOTED_COMPANY: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("org.quoted_company", (), "a company quoted after its trade, as a subject",
        r"(?:メーカー|会社|企業|商社|チェーン|事業者|業者|する|している|手がける|手掛ける)の?「([^「」。、]{2,20})」(?:社)?(?:\([^()]{1,24}\))?(?:が|は|では|によりますと|によると|の(?:社員|従業員|サーバー?|システム|顧客))")
        .ex(&["自動車部品メーカーの「サンプル」が", "製造開発する「サンプル製作所」社が", "大手酒造メーカー「サンプル」は", "部品などを販売している「サンプル」によりますと", "通販会社「サンプル」の顧客", "運営会社の「サンプル」(あおば県みどり市)が"])
        .not(&["「サンプル」が", "メーカーの「新製品」を発表", "販売する「サンプル」を購入"])
        .general("how news names a company it introduces by its trade: trade word, then the name in quotes, then a subject particle")
});

fn quoted_companies(text: &str, out: &mut Vec<OrgMention>) {
    if !has_open_quote(text) {
        return;
    }
    for c in QUOTED_COMPANY.re.captures_iter(text) {
        let Some(g) = c.get(1) else { continue };
        let inner = g.as_str().trim();
        if inner.is_empty() || COMMON_KATAKANA.is_match(inner) {
            continue;
        }
        let r = trimmed(&g);
        // the trade word before the quote describes the quoted company (`酒造会社「サンプル」`):
        // no name of its own
        let quote = c.get(0).map_or(0, |m| m.start());
        out.retain(|m| {
            !(m.range.end <= g.start()
                && m.range.end + 3 >= g.start()
                && m.range.start >= quote.saturating_sub(60)
                && text[m.range.end..g.start()].trim_start_matches('の') == "「")
        });
        // read before as a service's name (`運営会社の「サンプル」`): a company's
        if let Some(m) = out.iter_mut().find(|m| m.range == r) {
            m.kind = OrgKind::Company;
            continue;
        }
        push_quoted(out, text, r, OrgKind::Company);
    }
}

/// Descriptions of unnamed bodies (`いわき市の会社`), with the range of the description
/// (the particle after it left out).
pub fn find_descriptors(text: &str) -> Vec<OrgMention> {
    let mut out = Vec::new();
    for m in DESCRIPTOR.find_iter(text) {
        let s = m.as_str();
        // the description ends at its organization word
        let cut = [
            "会社",
            "企業",
            "事業者",
            "業者",
            "メーカー",
            "病院",
            "医院",
            "クリニック",
            "高校",
            "中学校",
            "小学校",
            "学校",
            "大学",
            "施設",
            "団体",
            "法人",
            "自治体",
            "店舗",
            "店",
        ]
        .iter()
        .filter_map(|w| s.rfind(w).map(|p| p + w.len()))
        .max()
        .unwrap_or(s.len());
        let mut start = m.start();
        let d = &s[..cut];
        // `大手の` / `ある` stay; a leading date or number does not, nor words before a particle
        // (`職員がみどり市の会社` → `みどり市の会社`)
        if let Some(p) = d.find(|c: char| !c.is_ascii_digit()) {
            start += p;
        }
        let place_end = d.find("の").unwrap_or(d.len());
        if let Some((p, c)) = d[..place_end]
            .char_indices()
            .rfind(|(_, c)| is_particle_char(*c))
        {
            start = start.max(m.start() + p + c.len_utf8());
        }
        let r = start..m.start() + cut;
        // a trade word alone is a description only of a body not named before and not a
        // contractor (`同社の社員が`, `委託業者の社員が`)
        let head = &text[r.clone()];
        if words::ANAPHORA.iter().any(|a| head.starts_with(a))
            || words::PARTNER.iter().any(|p| head.starts_with(p))
        {
            continue;
        }
        out.push(OrgMention {
            range: r.clone(),
            name: compact_name(&text[r]),
            kind: OrgKind::Descriptor,
            address: false,
            quoted: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character form of [`compact_name`] (its reference).
    fn compact_name_by_chars(s: &str) -> String {
        let s = s.trim();
        let cs: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, c) in cs.iter().enumerate() {
            if *c == ' ' {
                let prev = cs[..i].iter().rev().find(|c| **c != ' ');
                let next = cs[i + 1..].iter().find(|c| **c != ' ');
                if prev.is_some_and(|p| p.is_ascii_alphanumeric())
                    && next.is_some_and(|n| n.is_ascii_alphanumeric())
                    && !out.ends_with(' ')
                {
                    out.push(' ');
                }
                continue;
            }
            out.push(*c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn capitals_are_found_as_a_byte_scan_finds_them(s in "[ aAzZ@\\[`{あ株\n]{0,40}", from in 0usize..48) {
            let b = s.as_bytes();
            let naive = b.iter().enumerate().skip(from).find(|(_, c)| c.is_ascii_uppercase()).map(|(i, _)| i);
            proptest::prop_assert_eq!(next_capital(b, from), naive);
        }

        #[test]
        fn compact_names_are_those_of_the_reference(s in "[ a1Zあ株\u{3000}\t.&-]{0,16}") {
            proptest::prop_assert_eq!(compact_name(&s), compact_name_by_chars(&s));
        }
    }

    #[test]
    fn compact_names() {
        for s in [
            "株式会社 NTT ドコモ",
            "XYZ  株式会社",
            " A  B ",
            "A \u{3000} B",
            "a b　c d",
        ] {
            assert_eq!(compact_name(s), compact_name_by_chars(s), "{s}");
        }
        assert_eq!(compact_name("株式会社 NTT ドコモ"), "株式会社NTTドコモ");
        assert_eq!(
            compact_name("Payment  Card Forensics"),
            "Payment Card Forensics"
        );
    }

    fn names(t: &str) -> Vec<String> {
        find_orgs(t).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn a_case_particle_opens_no_kana_name() {
        let v = names("団体の責任者(1名)から市教育委員会へ報告があった。");
        assert!(!v.iter().any(|n| n.starts_with("から")), "{v:?}");
        // a kana city is still one
        assert!(names("(1名)ひかり市へ報告があった。").contains(&"ひかり市".to_string()));
    }

    #[test]
    fn a_kanji_name_announcing_on_a_day() {
        assert_eq!(
            names("楽園は24日、出店者のデータが閲覧できる状態だったと発表した。"),
            vec!["楽園"]
        );
        assert_eq!(
            names("あおば新聞\n北辰FCは3月2日、会員の名簿を紛失したことを明らかにした。"),
            vec!["あおば新聞", "北辰FC"]
        );
        // a city whose name opens with a character that also points (前, 本): a name
        assert_eq!(
            names("前浜市は2日、住民の名簿を紛失したと発表した。"),
            vec!["前浜市"]
        );
        // anaphora, people and staff announce no name
        for t in [
            "同社は24日、顧客の情報が流出したと発表した。",
            "男性は5日、書類をなくしたと明らかにした。",
            "市教委の課長は2日、経緯を公表した。",
        ] {
            assert!(
                !names(t).iter().any(|n| n.ends_with("は")),
                "{t}: {:?}",
                names(t)
            );
            assert!(!names(t).contains(&"同社".to_string()), "{t}");
            assert!(!names(t).contains(&"男性".to_string()), "{t}");
        }
    }

    #[test]
    fn a_kana_name_after_a_founders_ritsu() {
        assert_eq!(
            names("みなも市立みなも中学校\n"),
            vec!["みなも市立みなも中学校"]
        );
        assert!(names("県立あすなろ医療センターは7日、")
            .contains(&"県立あすなろ医療センター".to_string()));
    }

    #[test]
    fn a_city_department_of_urban_planning_is_the_city() {
        assert_eq!(names("みどり市都市計画部の課長が"), vec!["みどり市"]);
        assert_eq!(names("京都市は1日、"), vec!["京都市"]);
    }

    #[test]
    fn name_forms() {
        assert_eq!(names("株式会社サンプルは1日、"), vec!["株式会社サンプル"]);
        assert_eq!(
            names("サンプル工業株式会社(本社:東京都港区)"),
            vec!["サンプル工業株式会社", "東京都港区"]
        );
        assert_eq!(
            names("株式会社 サンプル(さんぷる)"),
            vec!["株式会社サンプル"]
        );
        assert_eq!(names("あおば県みどり市の職員が"), vec!["あおば県みどり市"]);
        assert_eq!(names("青葉県警岩槻署の警部補は"), vec!["青葉県警岩槻署"]);
        assert_eq!(
            names("みどり市建築指導課窓口において"),
            vec!["みどり市建築指導課"]
        );
        assert_eq!(names("XYZ 株式会社の"), vec!["XYZ株式会社"]);
        assert_eq!(
            names("ABCソリューションズ(大阪市)から"),
            vec!["ABCソリューションズ", "大阪市"]
        );
        assert_eq!(
            names("子会社ABCソリューションズ"),
            vec!["ABCソリューションズ"]
        );
    }

    #[test]
    fn common_words_are_no_names() {
        assert!(names("最大40社の資料").is_empty());
        assert!(names("都道府県や市町村の").is_empty());
        assert!(names("当社の社員が").is_empty());
        assert!(names("同社によると").is_empty());
        assert!(names("これは同市建設部住宅課の職員が").is_empty());
        assert!(names("同システム会社の不備により").is_empty());
        assert!(names("メールは5日に送信された").is_empty());
        assert_eq!(names("サンプルJSATは26日までに"), vec!["サンプルJSAT"]);
        assert!(names("Microsoftアカウントに").is_empty());
        assert!(names("あおば県営住宅条例第6条").is_empty());
    }

    #[test]
    fn kinds_addresses_and_sources() {
        let m = find_orgs("さくら病院(みどり市)が、みどり新聞によると");
        assert_eq!(m[0].kind, OrgKind::Hospital);
        assert!(m[1].address);
        assert_eq!(m[2].kind, OrgKind::Media);
        assert!(m[2].is_source());
        assert_eq!(kind_of("青葉県警"), Some(OrgKind::Police));
        assert_eq!(kind_of("個人情報保護委員会"), Some(OrgKind::Regulator));
    }

    #[test]
    fn quoted_services_and_descriptors() {
        let m = find_orgs("弊社が運営するオンラインショップ「サンプルストア」において");
        assert!(m
            .iter()
            .any(|x| x.name == "サンプルストア" && x.kind == OrgKind::Service));
        let d = find_descriptors("あおば県みどり市の会社が、9月6日、被害にあった。");
        assert_eq!(d[0].name, "あおば県みどり市の会社");
    }

    #[test]
    fn quoted_companies_after_their_trade() {
        for (t, want) in [
            (
                "自動車部品メーカーの「ハヤテ工業」が、ランサムウェアに感染した。",
                "ハヤテ工業",
            ),
            (
                "給湯器を製造する「みなみ製作所」社が被害を受けた。",
                "みなみ製作所",
            ),
            (
                "大手菓子メーカー「ツキミ」は、顧客情報が流出した可能性があると発表した。",
                "ツキミ",
            ),
        ] {
            let m = find_orgs(t);
            assert!(m.iter().any(|x| x.name == want), "{t}: {m:?}");
        }
        // a product in quotes is no company
        assert!(find_orgs("新たに販売する「ツキミ」を購入した顧客")
            .iter()
            .all(|x| x.name != "ツキミ"));
    }

    #[test]
    fn a_name_with_its_place_in_parentheses_as_a_dated_subject() {
        let m = find_orgs("物流サービスの見本通(あおば県みどり市)は11日、発表した。");
        assert!(m.iter().any(|x| x.name == "見本通"), "{m:?}");
        let m = find_orgs("見本堂(本社・東京都港区、山田太郎社長)は5日、発表した。");
        assert!(m.iter().any(|x| x.name == "見本堂"), "{m:?}");
    }

    #[test]
    fn government_and_kinds_of_company_are_no_names() {
        for t in [
            "政府は対策を急ぐ",
            "上場企業が公表した",
            "中小企業のための診断",
        ] {
            assert!(find_orgs(t).is_empty(), "{t}: {:?}", find_orgs(t));
        }
        // a legal form opens the name after it and ends none
        let m = find_orgs("雑貨を手がける株式会社ことり堂は2日");
        assert!(m.iter().all(|x| x.name != "ける株式会社"), "{m:?}");
    }

    #[test]
    fn an_ending_a_compound_goes_on_is_no_body() {
        for (t, not) in [
            ("健康保険証を紛失した", "健康保険"),
            ("業種・企業規模の別", "業種・企業"),
            ("会社員の男性が", "会社"),
        ] {
            assert!(
                find_orgs(t).iter().all(|x| x.name != not),
                "{t}: {:?}",
                find_orgs(t)
            );
        }
    }

    #[test]
    fn municipalities_of_kana_and_kanji() {
        for (t, want) in [
            ("あおば県の南ささなみ市は12日、", "南ささなみ市"),
            ("あおば県のみずほ野市は12日、", "みずほ野市"),
            ("あおば県のさくら市は12日、", "さくら市"),
        ] {
            assert!(
                find_orgs(t).iter().any(|x| x.name == want),
                "{t}: {:?}",
                find_orgs(t)
            );
        }
        assert!(find_orgs("取引のある市では")
            .iter()
            .all(|x| x.name != "ある市"));
    }

    #[test]
    fn a_relative_clause_before_an_organization_word_is_no_name() {
        for t in [
            "取引のある企業に関する情報",
            "情報を入手しようとする企業に転職する",
        ] {
            assert!(find_orgs(t).is_empty(), "{t}: {:?}", find_orgs(t));
        }
        assert!(find_orgs("職員がさくら病院に")
            .iter()
            .any(|x| x.name == "さくら病院"));
    }
}

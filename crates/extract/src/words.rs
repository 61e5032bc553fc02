//! The shared word lists, defined once. Rule patterns name a list as `{STAFF}`, `{FIRST_PERSON}`,
//! ...; [`crate::rules::compile`] replaces the name with the list's alternation (longest word
//! first), so a word added here reaches every rule that reads the list.
//!
//! The lists hold words of the language (the people who act in a notice, the legal forms of
//! names, the words a notice uses for itself), never a name of a particular organization.

/// The organization's own people: the `internal` actor, and the subjects that make an act an
/// insider's (`職員が…閲覧`). A count right after one counts staff, not persons affected.
pub const STAFF: &[&str] = &[
    "職員",
    "社員",
    "従業員",
    "従業者",
    "作業者",
    "担当者",
    "担当職員",
    "教職員",
    "教員",
    "教諭",
    "養護教諭",
    "教師",
    "講師",
    "看護師",
    "医師",
    "薬剤師",
    "巡査",
    "巡査長",
    "巡査部長",
    "警部",
    "警部補",
    "警察官",
    "署員",
    "行員",
    "局員",
    "事務局員",
    "隊員",
    "主査",
    "主事",
    "主任",
    "係長",
    "課長",
    "嘱託職員",
    "臨時職員",
    "会計年度任用職員",
    "非常勤職員",
    "アルバイト",
    "元社員",
    "元職員",
    "元従業員",
    "スタッフ",
    "役員",
];

/// Where an insider takes data to: a new employer or a rival (`転職先に持ち込んだ`,
/// `競合他社へ持ち込まれた`).
pub const RIVAL: &[&str] = &[
    "転職先",
    "転職先企業",
    "競合他社",
    "競合企業",
    "競合会社",
    "同業他社",
];

/// An insider's own mailbox, where data is sent to carry it off (`名簿を私用のメールアドレスに
/// 転送した`).
pub const PRIVATE_MAILBOX: &[&str] = &[
    "私用のメールアドレス",
    "私用メールアドレス",
    "私用のアドレス",
    "個人のメールアドレス",
    "個人用のメールアドレス",
    "個人用メールアドレス",
    "自分のメールアドレス",
    "自身のメールアドレス",
    "私的なメールアドレス",
];

/// Contractors, dispatched workers and vendors: the `partner` actor.
pub const PARTNER: &[&str] = &[
    // an agency handles its principal's customers' data (保険代理店, 乗合代理店)
    "代理店",
    "委託先",
    "再委託先",
    "再々委託先",
    "業務委託先",
    "保守委託先",
    "委託業者",
    "委託事業者",
    "受託者",
    "受託業者",
    "受託事業者",
    "協力会社",
    "外部業者",
    "契約業者",
    "印刷業者",
    "運送業者",
    "配送業者",
    "処理業者",
    "回収業者",
    "清掃業者",
    "実施機関",
    "契約事業者",
    "派遣社員",
    "派遣職員",
    "派遣労働者",
    "派遣スタッフ",
    "下請会社",
    "下請業者",
    "下請け",
    "請負会社",
    "請負業者",
    "請け負った業者",
    "請け負っていた業者",
    "指定管理者",
    "委託を受けた",
    "業務を受託",
    "運営を受託",
    "運営委託",
    "委託契約",
];

/// The words an organization uses for itself in its own notice (`当社`, `本学`, `当院`).
pub const FIRST_PERSON: &[&str] = &[
    "当社",
    "弊社",
    "当院",
    "本院",
    "当クリニック",
    "当医院",
    "当薬局",
    "当学",
    "本学",
    "当大学",
    "当協会",
    "本協会",
    "当会",
    "本会",
    "当連盟",
    "当法人",
    "当財団",
    "当機構",
    "当行",
    "当金庫",
    "当組合",
    "当市",
    "本市",
    "当町",
    "本町",
    "当村",
    "本村",
    "当区",
    "本区",
    "当県",
    "本県",
    "当課",
    "当局",
    "当店",
    "当館",
    "当園",
    "当校",
    "本校",
    "弊所",
    "当所",
    "当事務所",
    "当センター",
    "当団体",
    "弊団体",
    "当グループ",
    "弊グループ",
    "当研究科",
    "本研究科",
    "当省",
    "当庁",
];

/// Words a third-person text uses for an organization named before (`同社`, `同市`).
pub const ANAPHORA: &[&str] = &[
    "同社",
    "同市",
    "同町",
    "同村",
    "同区",
    "同県",
    "同府",
    "同都",
    "同大",
    "同大学",
    "同病院",
    "同院",
    "同校",
    "同署",
    "同省",
    "同庁",
    "同組合",
    "同行",
    "同協会",
    "同機構",
    "同センター",
    "同店",
    "同園",
    "同法人",
    "同グループ",
    "同研究科",
    // both of two bodies named before (`両市がそれぞれ公表した`)
    "両市",
    "両町",
    "両村",
    "両区",
    "両県",
    "両社",
    "両校",
    "両病院",
    "両大学",
];

/// Someone other than the person the data is about, as a misdelivery names them
/// (`別の方の通知書が同封されていた`, `他の患者の氏名が印字されていた`).
pub const OTHER_PARTY: &[&str] = &[
    "他人",
    "別人",
    "別の方",
    "別の人",
    "別の患者",
    "別の利用者",
    "別の世帯",
    "別のお客様",
    "別の顧客",
    "他の方",
    "他の人",
    "他の患者",
    "他の利用者",
    "他の世帯",
    "他のお客様",
    "他の顧客",
];

/// Who founded a school, hospital or office, written before its kind (`市立`, `県立`: `市立
/// ささなみ中学校`, `県立高等学校`).
pub const FOUNDER: &[&str] = &[
    "市立", "県立", "都立", "府立", "道立", "町立", "村立", "区立", "国立", "私立", "公立",
];

/// The 47 prefectures (a closed list: `{PREFECTURE}` in patterns).
pub const PREFECTURE: &[&str] = &[
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// Legal-entity forms written before a name (`株式会社サンプル`).
pub const LEGAL_PREFIX: &[&str] = &[
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "一般財団法人",
    "公益財団法人",
    "一般社団法人",
    "公益社団法人",
    "特定非営利活動法人",
    "NPO法人",
    "社会福祉法人",
    "社会医療法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "学校法人",
    "宗教法人",
    "独立行政法人",
    "国立大学法人",
    "公立大学法人",
    "地方独立行政法人",
    "国立研究開発法人",
    "税理士法人",
    "弁護士法人",
    "監査法人",
    "生活協同組合",
    "農業協同組合",
];

/// Endings of organization names (`みどり市`, `さくら病院`, `サンプル工業`), the legal forms
/// written after a name included. Read by the organization finder (`orgs`).
pub const ORG_SUFFIX: &[&str] = &[
    "株式会社",
    "(株)",
    "有限会社",
    "合同会社",
    "協会",
    "連盟",
    "連合会",
    "協議会",
    "組合",
    "共済連",
    "共済会",
    "事業団",
    "商工会",
    "会議所",
    "病院",
    "医院",
    "クリニック",
    "診療所",
    "薬局",
    "大学",
    "大学院",
    "大",
    "高等学校",
    "高校",
    "高",
    "中学校",
    "中学",
    "小学校",
    "幼稚園",
    "保育園",
    "保育所",
    "こども園",
    "学園",
    "学院",
    "学校",
    "学校園",
    "機構",
    "研究所",
    "研究科",
    "財団",
    "法人",
    "県警",
    "府警",
    "道警",
    "警視庁",
    "県警察",
    "府警察",
    "警察本部",
    "警察署",
    "署",
    "市役所",
    "区役所",
    "役場",
    "市",
    "町",
    "村",
    "区",
    "県",
    "都",
    "府",
    "北海道",
    "庁",
    "省",
    "局",
    "課",
    "委員会",
    "教委",
    "銀行",
    "信用金庫",
    "信金",
    "労働金庫",
    "労金",
    "信用組合",
    "生命",
    "損保",
    "証券",
    "保険",
    "センター",
    "グループ",
    "ホールディングス",
    "商事",
    "物産",
    "工業",
    "産業",
    "電機",
    "電気",
    "電力",
    "ガス",
    "鉄道",
    "航空",
    "運輸",
    "交通",
    "製薬",
    "化学",
    "化成",
    "建設",
    "工務店",
    "不動産",
    "ハウス",
    "林業",
    "書店",
    "出版",
    "塾",
    "事務所",
    "支店",
    "支社",
    "営業所",
    "事業所",
    "労働局",
    "労基署",
    "監督署",
    "消防局",
    "消防本部",
    "保健所",
    "議会",
    "裁判所",
    "社",
    "会社",
    "企業",
    "商会",
    "商店",
    "本舗",
    "Inc.",
    "Inc",
    "Corporation",
    "Corp.",
    "Co., Ltd.",
    "Ltd.",
    "LLC",
    "K.K.",
];

/// Words that, standing alone before an organization ending, make no name but a description
/// (`子会社`, `地方銀行`, `コンサルタント会社`).
pub const GENERIC_NAME_PART: &[&str] = &[
    "子",
    "親",
    "関連",
    "関連子",
    "グループ",
    "同業",
    "同業他",
    "他",
    "地方",
    "大手",
    "一部",
    "各",
    "全",
    "複数",
    "市内",
    "県内",
    "都内",
    "府内",
    "道内",
    "区内",
    "町内",
    "村内",
    "国内",
    "海外",
    "外部",
    "委託",
    "運営",
    "開発",
    "請負",
    "下請",
    "コンサルタント",
    "雑誌",
    "カード",
    "クレジットカード",
    "決済代行",
    "保険",
    "旅行",
    "人材派遣",
    "派遣",
    "取引先",
    "関係",
    "通信",
    "電力",
    "ガス",
    "鉄道",
    "情報処理",
    "システム",
    "印刷",
    "警備",
    "清掃",
    "運送",
    "物流",
    "通販",
    "保育",
    "私立",
    "公立",
    "県立",
    "市立",
    "区立",
    "町立",
    "国立",
    "都立",
    "府立",
    "付属",
    "附属",
    "大学",
    "特別支援",
    "専門",
    "総合",
    "本",
    "当",
    "弊",
    "同",
    "自",
    "貴",
    "御",
    "新",
    "旧",
    "元",
];

/// Endings of news and media names, whose name in an attribution (`…新聞によると`,
/// `(京都新聞)`, `出典: …テレビ`) is the source of a text, never the organization breached.
pub const MEDIA_SUFFIX: &[&str] = &[
    "新聞",
    "新聞社",
    "新聞デジタル",
    "新報",
    "日報",
    "タイムス",
    "タイムズ",
    "放送",
    "テレビ",
    "TV",
    "通信",
    "通信社",
    "ニュース",
    "NEWS",
    "News",
    "Watch",
    "ジャーナル",
    "経済新聞",
];

/// Media known by a short name (the national papers, wires and broadcasters, and portals that
/// repost news), read as sources like the names with a [`MEDIA_SUFFIX`].
pub const MEDIA_NAME: &[&str] = &[
    "NHK",
    "共同通信",
    "時事通信",
    "時事",
    "共同",
    "産経",
    "読売",
    "朝日",
    "毎日",
    "日経",
    "夕刊フジ",
    "Yahoo!",
    "ヤフー",
    "ITmedia",
    "PR TIMES",
    "本紙",
    "同紙",
];

/// Bodies that report on or receive breach reports: never the breached organization when the
/// text names another.
pub const REGULATOR: &[&str] = &[
    "個人情報保護委員会",
    "内閣サイバーセキュリティセンター",
    "NISC",
    "情報処理推進機構",
    "IPA",
    "JPCERT",
    "JPCERT/CC",
    "消費者庁",
    "プライバシーマーク事務局",
];

/// Japanese eras with the year before their first year (令和 n = 2018 + n).
pub const ERAS: &[(&str, i32, i32)] = &[
    ("令和", 2018, 99),
    ("平成", 1988, 31),
    ("昭和", 1925, 64),
    ("R", 2018, 99),
    ("H", 1988, 31),
    ("S", 1925, 64),
];

/// The list named `name` in a rule pattern (`{STAFF}`), if there is one.
pub fn list(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "STAFF" => STAFF,
        "PARTNER" => PARTNER,
        "RIVAL" => RIVAL,
        "PRIVATE_MAILBOX" => PRIVATE_MAILBOX,
        "FIRST_PERSON" => FIRST_PERSON,
        "ANAPHORA" => ANAPHORA,
        "LEGAL_PREFIX" => LEGAL_PREFIX,
        "ORG_SUFFIX" => ORG_SUFFIX,
        "MEDIA_SUFFIX" => MEDIA_SUFFIX,
        "MEDIA_NAME" => MEDIA_NAME,
        "REGULATOR" => REGULATOR,
        "OTHER_PARTY" => OTHER_PARTY,
        "PREFECTURE" => PREFECTURE,
        _ => return None,
    })
}

/// A regex alternation of `words`, longest first (so that `巡査部長` wins over `巡査`), each
/// word escaped.
pub fn alternation(words: &[&str]) -> String {
    let mut w: Vec<&str> = words.to_vec();
    w.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    w.dedup();
    let parts: Vec<String> = w.iter().map(|x| regex::escape(x)).collect();
    format!("(?:{})", parts.join("|"))
}

/// A word list indexed by the last (or first) character of its words, for fast longest-suffix
/// (or prefix) lookups over the long lists (organization endings, legal forms).
pub struct CharIndex {
    /// For each BMP character: 0, or 1 + the index of its words in `lists`.
    table: Vec<u16>,
    /// One bit per BMP character: whether `table` has words for it (8 KB, stays in cache
    /// while a text is scanned character by character; an array, so that an index below 1024
    /// needs no bounds check).
    bits: Box<[u64; 0x10000 / 64]>,
    lists: Vec<Vec<&'static str>>,
    /// `lists` with each word's character before its last (None: a word of one character)
    /// and that character's length in bytes.
    prev: Vec<Vec<PrevChar>>,
}

/// A word with the code point and length of its character before its last.
type PrevChar = (&'static str, Option<(u32, u8)>);

/// The last character of `b` (valid UTF-8 up to its end) as a code point, with its length.
#[inline]
fn last_char(b: &[u8]) -> Option<(u32, u8)> {
    let n = b.len();
    let x = *b.last()?;
    if x < 0x80 {
        return Some((u32::from(x), 1));
    }
    // back over the continuation bytes to the lead byte
    let mut k = n - 1;
    let mut cp = u32::from(x & 0x3F);
    let mut shift = 6;
    while k > 0 && b[k - 1] & 0xC0 == 0x80 {
        k -= 1;
        cp |= u32::from(b[k] & 0x3F) << shift;
        shift += 6;
    }
    let lead = b[k.checked_sub(1)?];
    let len = n - (k - 1);
    let lead_bits = match len {
        2 => lead & 0x1F,
        3 => lead & 0x0F,
        _ => lead & 0x07,
    };
    Some((cp | (u32::from(lead_bits) << shift), len as u8))
}

impl CharIndex {
    fn new(words: &[&'static str], last: bool) -> CharIndex {
        let mut table = vec![0u16; 0x10000];
        let mut lists: Vec<Vec<&'static str>> = Vec::new();
        for w in words {
            let c = if last {
                w.chars().next_back()
            } else {
                w.chars().next()
            };
            let Some(c) = c.filter(|c| (*c as u32) < 0x10000) else {
                continue;
            };
            let slot = &mut table[c as usize];
            if *slot == 0 {
                lists.push(Vec::new());
                *slot = lists.len() as u16;
            }
            lists[*slot as usize - 1].push(w);
        }
        for v in lists.iter_mut() {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
            v.dedup();
        }
        let mut bits = Box::new([0u64; 0x10000 / 64]);
        for (c, slot) in table.iter().enumerate() {
            if *slot != 0 {
                bits[c / 64] |= 1 << (c % 64);
            }
        }
        let prev = lists
            .iter()
            .map(|v| {
                v.iter()
                    .map(|w| {
                        let b = w.as_bytes();
                        let last = last_char(b).map_or(0, |(_, n)| n as usize);
                        (*w, last_char(&b[..b.len() - last]))
                    })
                    .collect()
            })
            .collect();
        CharIndex {
            table,
            bits,
            lists,
            prev,
        }
    }
    fn list(&self, c: char) -> Option<&[&'static str]> {
        let slot = *self.table.get(c as usize)?;
        (slot != 0).then(|| self.lists[slot as usize - 1].as_slice())
    }
    /// Whether some word ends (or starts) with `c`.
    pub fn has(&self, c: char) -> bool {
        let c = c as usize;
        c < 0x10000 && self.bits[c / 64] & (1 << (c % 64)) != 0
    }
    /// Whether some word ends (or starts) with the character of code point `cp`.
    #[inline]
    pub fn has_code(&self, cp: u32) -> bool {
        let c = cp as usize;
        c < 0x10000 && self.bits[c / 64] & (1 << (c % 64)) != 0
    }
    /// Whether some word ends (or starts) with the character of three bytes whose first two
    /// give `hi` (the code point's bits above the low six: below 1024) and whose third gives
    /// `lo` (the low six bits, below 64): [`CharIndex::has_code`] without the decoding.
    #[inline]
    pub fn has_code3(&self, hi: usize, lo: u32) -> bool {
        self.bits[hi & 0x3FF] >> (lo & 0x3F) & 1 != 0
    }
    /// The longest word `s` ends with, where `s` ends with the character of code point `cp`,
    /// `len` bytes long, that some word ends with ([`CharIndex::has_code`]): of the words of
    /// that character, a word of one character, or one whose character before it is the one of
    /// `s` (a comparison of two numbers) and the bytes before that the same.
    #[inline]
    pub fn longest_suffix_at(&self, s: &str, cp: u32, len: usize) -> Option<&'static str> {
        let slot = self.table[cp as usize];
        let list = self.prev.get((slot as usize).checked_sub(1)?)?;
        let b = s.as_bytes();
        let before = last_char(&b[..b.len() - len]);
        list.iter()
            .find(|(w, p)| match (p, before) {
                (None, _) => true,
                (Some((pc, plen)), Some((bc, _))) if *pc == bc => {
                    let w = w.as_bytes();
                    let known = len + *plen as usize;
                    w.len() <= b.len()
                        && b[b.len() - w.len()..b.len() - known] == w[..w.len() - known]
                }
                _ => false,
            })
            .map(|(w, _)| *w)
    }
    /// The longest word `s` ends with.
    pub fn longest_suffix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next_back()?;
        self.list(c)?.iter().find(|w| s.ends_with(**w)).copied()
    }
    /// The longest word `s` starts with.
    pub fn longest_prefix(&self, s: &str) -> Option<&'static str> {
        let c = s.chars().next()?;
        self.list(c)?.iter().find(|w| s.starts_with(**w)).copied()
    }
}

static ORG_SUFFIX_INDEX: std::sync::LazyLock<CharIndex> =
    std::sync::LazyLock::new(|| CharIndex::new(ORG_SUFFIX, true));
static MEDIA_SUFFIX_INDEX: std::sync::LazyLock<CharIndex> =
    std::sync::LazyLock::new(|| CharIndex::new(MEDIA_SUFFIX, true));
static LEGAL_PREFIX_INDEX: std::sync::LazyLock<CharIndex> =
    std::sync::LazyLock::new(|| CharIndex::new(LEGAL_PREFIX, false));
static FIRST_PERSON_INDEX: std::sync::LazyLock<CharIndex> =
    std::sync::LazyLock::new(|| CharIndex::new(FIRST_PERSON, false));

/// A leftmost-longest automaton over `words` (a vector search for their first bytes, where a
/// walk over the characters decodes every one).
fn leftmost_longest(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(words)
        .expect("word automaton")
}

static LEGAL_PREFIX_AC: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| leftmost_longest(LEGAL_PREFIX));

/// The characters the first-person words begin with (a few: `当`, `本`, `弊`…), each with a
/// vector searcher.
static FIRST_PERSON_STARTS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        let mut firsts: Vec<char> = FIRST_PERSON
            .iter()
            .filter_map(|w| w.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
            .into_iter()
            .map(|c| {
                memchr::memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()
            })
            .collect()
    });

/// How many first-person words (`当社`, `本学`) `text` holds: the positions where one starts.
/// Whether `s` starts with a word of [`FIRST_PERSON`] (the words of its first character only,
/// where `starts_with_any` tries the whole list).
pub fn starts_with_first_person(s: &str) -> bool {
    FIRST_PERSON_INDEX.longest_prefix(s).is_some()
}

pub fn count_first_person(text: &str) -> usize {
    let ix = &*FIRST_PERSON_INDEX;
    // the occurrences of each first character (a vector search each), then the words there
    FIRST_PERSON_STARTS
        .iter()
        .map(|f| {
            f.find_iter(text.as_bytes())
                .filter(|i| ix.longest_prefix(&text[*i..]).is_some())
                .count()
        })
        .sum()
}

/// The legal forms in `text`, each the longest that starts where it starts, left to right and
/// not overlapping (a scan of the characters that takes the longest form at each and goes on
/// after it), as byte ranges.
pub fn legal_forms(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    LEGAL_PREFIX_AC.find_iter(text).map(|m| m.start()..m.end())
}

/// The organization ending `s` ends with (the longest), from [`ORG_SUFFIX`].
pub fn org_suffix(s: &str) -> Option<&'static str> {
    ORG_SUFFIX_INDEX.longest_suffix(s)
}
/// The media ending `s` ends with, from [`MEDIA_SUFFIX`].
pub fn media_suffix(s: &str) -> Option<&'static str> {
    MEDIA_SUFFIX_INDEX.longest_suffix(s)
}
/// The legal form `s` starts with, from [`LEGAL_PREFIX`].
pub fn legal_prefix(s: &str) -> Option<&'static str> {
    LEGAL_PREFIX_INDEX.longest_prefix(s)
}
/// The organization and media endings in one index (for scanning a text by its characters):
/// its longest suffix is as long as the longer of [`org_suffix`] and [`media_suffix`].
pub fn ending_index() -> &'static CharIndex {
    static ENDINGS: std::sync::LazyLock<CharIndex> = std::sync::LazyLock::new(|| {
        let words: Vec<&'static str> = ORG_SUFFIX.iter().chain(MEDIA_SUFFIX).copied().collect();
        CharIndex::new(&words, true)
    });
    &ENDINGS
}

/// Whether `s` ends with one of `words` (the longest such word).
pub fn ends_with_any(s: &str, words: &[&'static str]) -> Option<&'static str> {
    words
        .iter()
        .filter(|w| s.ends_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// Whether `s` starts with one of `words` (the longest such word).
pub fn starts_with_any(s: &str, words: &[&'static str]) -> Option<&'static str> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .copied()
}

/// A body's name in its short form, so that two ways of writing it compare equal: `教育委員会`
/// is written `教委` (`広島県教育委員会` and `広島県教委`), `選挙管理委員会` `選管`.
pub fn short_body_name(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains("教育委員会") || name.contains("選挙管理委員会") {
        std::borrow::Cow::Owned(
            name.replace("教育委員会", "教委")
                .replace("選挙管理委員会", "選管"),
        )
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_person_starts_are_those_of_the_whole_list() {
        // the index holds every word (none empty, all in the BMP)
        assert!(FIRST_PERSON
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| (c as u32) < 0x10000)));
        for w in FIRST_PERSON {
            for s in [w.to_string(), format!("{w}情報センター"), format!("x{w}")] {
                assert_eq!(
                    starts_with_first_person(&s),
                    starts_with_any(&s, FIRST_PERSON).is_some(),
                    "{s}"
                );
            }
        }
    }

    #[test]
    fn the_lists_open_and_end_as_their_gates_say() {
        // (orgs tests a name for 同/両 before it looks for an anaphora, a text for 立 before it
        // looks for a founder)
        assert!(ANAPHORA.iter().all(|a| a.starts_with(['同', '両'])));
        assert!(FOUNDER.iter().all(|f| f.ends_with('立')));
    }

    #[test]
    fn three_byte_tests_are_those_of_the_code_points() {
        // every character of three bytes: its bit by its bytes is its bit by its code point
        let ix = ending_index();
        for cp in 0x800u32..0x10000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let hi = (usize::from(b[0] & 0x0F) << 6) | usize::from(b[1] & 0x3F);
            assert_eq!(
                ix.has_code3(hi, u32::from(b[2] & 0x3F)),
                ix.has_code(cp),
                "{c}"
            );
        }
    }

    #[test]
    fn last_characters_are_decoded() {
        for s in ["", "a", "aé", "株式会社", "x社", "🙂", "a\u{3000}", "(株)"] {
            let want = s
                .chars()
                .next_back()
                .map(|c| (c as u32, c.len_utf8() as u8));
            assert_eq!(last_char(s.as_bytes()), want, "{s}");
        }
    }

    #[test]
    fn longest_suffixes_at_a_character_are_those_of_the_list() {
        let ix = ending_index();
        let mut texts: Vec<String> = Vec::new();
        for w in ORG_SUFFIX.iter().chain(MEDIA_SUFFIX) {
            for pre in ["", "あ", "株式", "合資", "新聞", "X", "大学", "警察", "é"] {
                texts.push(format!("{pre}{w}"));
            }
        }
        for t in &texts {
            let c = t.chars().next_back().expect("a character");
            let want = ix.longest_suffix(t);
            let got = ix
                .has(c)
                .then(|| ix.longest_suffix_at(t, c as u32, c.len_utf8()))
                .flatten();
            assert_eq!(got, want, "{t}");
        }
    }

    #[test]
    fn alternation_puts_longer_words_first() {
        let a = alternation(&["巡査", "巡査部長", "巡査長"]);
        assert_eq!(a, "(?:巡査部長|巡査長|巡査)");
        let re = regex::Regex::new(&a).unwrap();
        assert_eq!(re.find("巡査部長が").unwrap().as_str(), "巡査部長");
    }

    #[test]
    fn lists_have_no_duplicates() {
        for name in [
            "STAFF",
            "PARTNER",
            "FIRST_PERSON",
            "ANAPHORA",
            "LEGAL_PREFIX",
            "ORG_SUFFIX",
            "MEDIA_SUFFIX",
            "MEDIA_NAME",
            "REGULATOR",
        ] {
            let l = list(name).unwrap();
            let mut v = l.to_vec();
            v.sort();
            v.dedup();
            assert_eq!(v.len(), l.len(), "{name} has a duplicate");
        }
    }

    #[test]
    fn ends_and_starts() {
        assert_eq!(ends_with_any("埼玉県警", ORG_SUFFIX), Some("県警"));
        assert_eq!(
            starts_with_any("株式会社サンプル", LEGAL_PREFIX),
            Some("株式会社")
        );
        assert_eq!(ends_with_any("サンプル", ORG_SUFFIX), None);
    }
}

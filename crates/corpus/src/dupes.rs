//! A fictional corpus with planted duplicates, for measuring duplicate detection (issue 12).
//!
//! About 60 incidents ("events"), each announced by its organization in its own voice
//! (お詫びとお知らせ: date, organization, 経緯 with dates, count, data kinds, cause), and about 140
//! further documents that report the same incidents again:
//!
//! | genre | what it is | same event as |
//! |---|---|---|
//! | [`Genre::Notice`] | the organization's first notice | — |
//! | [`Genre::FollowUp`] | its 第2報/続報: the count has grown, the first count is quoted | the notice |
//! | [`Genre::News`] | a news paraphrase in the third person (`○○市は12日、…と発表した`, dateline) | the notice |
//! | [`Genre::Repost`] | a blog or casebook repost: header and footer added, the body verbatim | its source |
//! | [`Genre::EditedRepost`] | a repost with one or two lines changed, dropped or added | its source |
//! | [`Genre::Digest`] | a round-up page: 5-8 events, one per headline (`■組織名 …`) | one event per headline |
//!
//! Among the events are look-alike pairs that are NOT duplicates of each other (see
//! [`LookAlikeKind`]): the same organization with another incident, two organizations with a
//! template-like notice of the same cause on the same day, the same organization with the same
//! cause a year apart.
//!
//! Every event has a marker (see [`DupEvent::marker`]): the count exactly as written when it is
//! at least 1,000 (`3,418`, `約2.2万`; counts and follow-up counts are chosen so that none contains
//! another), else the organization's name (small counts are given only to organizations that no
//! other event has). A marker appears in every section that reports its event and in no other.
//!
//! Every organization, person, address and sentence is invented for this module.

use crate::{fw_digits, with_commas, Rng, COMPANY_WORDS, PLACES};

/// One document of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DupDoc {
    pub name: String,
    pub text: String,
    /// The ids of the events this document reports, in order of appearance.
    pub events: Vec<usize>,
}

/// One incident of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DupEvent {
    pub id: usize,
    /// The organization's name as its own notice writes it.
    pub organization: String,
    /// A string that appears in the text of every document section that reports this event and
    /// in no section of another event.
    pub marker: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DupCorpus {
    pub docs: Vec<DupDoc>,
    pub events: Vec<DupEvent>,
}

impl DupCorpus {
    /// The planted duplicate pairs of documents (`i < j`, indices into `docs`): documents that
    /// report at least one event in common.
    pub fn duplicate_pairs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..self.docs.len() {
            for j in i + 1..self.docs.len() {
                if self.docs[i]
                    .events
                    .iter()
                    .any(|e| self.docs[j].events.contains(e))
                {
                    out.push((i, j));
                }
            }
        }
        out
    }
}

/// What kind of document a [`DupDoc`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Genre {
    Notice,
    FollowUp,
    News,
    Repost,
    EditedRepost,
    Digest,
}

/// How the two events of a look-alike pair resemble each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LookAlikeKind {
    /// The same organization, another incident: another cause, another month or year, another count.
    SameOrgOtherIncident,
    /// Two organizations, the same cause on the same day, notices from one template.
    SameDayTemplate,
    /// The same organization and cause, about a year apart.
    SameCauseYearApart,
}

/// Two events that look alike and are not duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookAlike {
    pub a: usize,
    pub b: usize,
    pub kind: LookAlikeKind,
}

/// The facts of an event, as its own notice states them (ISO dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    pub id: usize,
    pub organization: String,
    /// The name news and digests may use (`株式会社` dropped).
    pub short_name: String,
    /// The cause in the casebook vocabulary (`misdelivery`, `ransomware`, …).
    pub cause: &'static str,
    pub occurred: String,
    pub discovered: String,
    pub published: String,
    /// The count of the first notice (`約2.2万` is 22000).
    pub affected: u64,
    /// The count of the follow-up report, where there is one.
    pub affected_later: Option<u64>,
}

/// The corpus with what was planted in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub corpus: DupCorpus,
    /// The genre of each document, parallel to `corpus.docs`.
    pub genres: Vec<Genre>,
    pub look_alikes: Vec<LookAlike>,
    /// Parallel to `corpus.events`.
    pub facts: Vec<EventFacts>,
}

/// The corpus of planted duplicates for a seed.
pub fn planted_duplicates(seed: u64) -> DupCorpus {
    planted(seed).corpus
}

/// The corpus with its genres, look-alike pairs and facts.
pub fn planted(seed: u64) -> Planted {
    Builder::new(seed).build()
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(i64);

impl Day {
    fn from_ymd(y: i64, m: i64, d: i64) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }
    fn ymd(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }
    fn plus(self, n: i64) -> Day {
        Day(self.0 + n)
    }
    fn y(self) -> i64 {
        self.ymd().0
    }
    fn d(self) -> i64 {
        self.ymd().2
    }
    fn weekday(self) -> &'static str {
        ["日", "月", "火", "水", "木", "金", "土"][(self.0 + 4).rem_euclid(7) as usize]
    }
    fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
    fn kanji(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}年{m}月{d}日")
    }
    fn kanji_w(self) -> String {
        format!("{}（{}）", self.kanji(), self.weekday())
    }
    fn era(self) -> String {
        let (y, m, d) = self.ymd();
        let (name, n) = if y >= 2019 {
            ("令和", y - 2018)
        } else {
            ("平成", y - 1988)
        };
        if n == 1 {
            format!("{name}元年{m}月{d}日")
        } else {
            format!("{name}{n}年{m}月{d}日")
        }
    }
    fn md(self) -> String {
        let (_, m, d) = self.ymd();
        format!("{m}月{d}日")
    }
    fn slash(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}/{m}/{d}")
    }
    fn dots(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}.{m:02}.{d:02}")
    }
}

fn random_day(r: &mut Rng) -> Day {
    Day::from_ymd(
        2016 + r.below(10) as i64,
        1 + r.below(12) as i64,
        1 + r.below(28) as i64,
    )
}

// ---------------------------------------------------------------------------------------------
// Organizations

/// Fictional place names for cities, hospitals, universities and schools (each used once).
const TOWNS: &[&str] = &[
    "琥珀台",
    "瑠璃浜",
    "翡翠野",
    "白露原",
    "萌黄沢",
    "朝凪浦",
    "星見野",
    "鷺ノ森",
    "千草谷",
    "夕凪野",
    "月見坂",
    "銀杏原",
    "柊ヶ丘",
    "藤波台",
    "水鏡",
    "雲母坂",
    "青磁野",
    "茜浜",
    "菖蒲沢",
    "桔梗原",
    "若葉平",
    "深雪野",
    "鈴鳴",
    "灯台原",
    "杜若台",
    "霧笛浜",
    "木洩野",
    "金鈴台",
    "蛍川",
    "紺碧浦",
    "綾瀬野",
    "初音台",
    "小夜原",
    "鶴羽沢",
    "花筏",
    "雪見川",
    "東風原",
    "薄荷野",
    "瑪瑙浜",
    "虹ノ台",
    "藍染沢",
    "楓浦",
    "橘ヶ丘",
    "凪沙野",
    "琴平台",
    "燕沢",
    "石蕗原",
    "葵浜",
    "望月野",
    "鳴海台",
    "夏椿",
    "榛名野",
    "玻璃台",
    "野薊",
    "鈴蘭坂",
];
const MORE_COMPANY_WORDS: &[&str] = &[
    "通商",
    "テクノ",
    "製薬",
    "印刷",
    "交通",
    "ライフサービス",
    "ネット販売",
    "工務店",
];
const PERSONS: &[&str] = &[
    "田村 浩一",
    "佐伯 真理",
    "高橋 俊介",
    "中川 美穂",
    "岡部 隆",
    "村井 恵子",
    "西田 和也",
    "小松 紀子",
    "松浦 健",
    "堀 綾乃",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Company,
    City,
    Hospital,
    University,
    School,
}

impl Kind {
    fn idx(self) -> usize {
        self as usize
    }
    fn pick5(self, xs: [&'static str; 5]) -> &'static str {
        xs[self.idx()]
    }
    fn self_word(self) -> &'static str {
        self.pick5(["当社", "本市", "当院", "本学", "本校"])
    }
    fn people(self) -> &'static str {
        self.pick5([
            "お客様",
            "市民",
            "患者様",
            "学生及び卒業生",
            "生徒及び保護者",
        ])
    }
    fn people_news(self) -> &'static str {
        self.pick5(["顧客", "市民", "患者", "学生や卒業生", "生徒や保護者"])
    }
    fn people_short(self) -> &'static str {
        self.pick5(["顧客", "市民", "患者", "学生", "生徒"])
    }
    fn staff(self) -> &'static str {
        self.pick5(["従業員", "職員", "職員", "職員", "教員"])
    }
    fn staff_news(self) -> &'static str {
        self.pick5(["社員", "職員", "職員", "職員", "教員"])
    }
    /// The largest count a body of this kind plausibly holds.
    fn cap(self) -> u64 {
        [900_000, 300_000, 200_000, 40_000, 4_000][self.idx()]
    }
    fn ref_word(self) -> &'static str {
        self.pick5(["同社", "市", "同院", "同大", "同校"])
    }
    fn purpose(self) -> &'static str {
        self.pick5([
            "会員向けキャンペーン",
            "特定健康診査",
            "人間ドックの予約",
            "奨学金説明会",
            "修学旅行の説明会",
        ])
    }
    fn partner(self) -> &'static str {
        self.pick5([
            "取引先",
            "業務委託先の事業者",
            "連携先の医療機関",
            "学外の関係団体",
            "外部の業者",
        ])
    }
    fn desk(self) -> &'static str {
        self.pick5([
            "お客様相談窓口",
            "総務部 情報政策課",
            "医事課 個人情報相談窓口",
            "情報基盤センター",
            "事務室",
        ])
    }
    fn head(self) -> &'static str {
        self.pick5(["代表取締役社長", "市長", "院長", "学長", "校長"])
    }
    fn tag(self) -> &'static str {
        self.pick5(["企業", "自治体", "医療機関", "大学", "学校"])
    }
    fn data(self) -> &'static [&'static str] {
        match self {
            Kind::Company => &[
                "氏名、電話番号、住所、メールアドレス",
                "氏名、住所、電話番号、購入履歴",
                "氏名、メールアドレス、会員番号",
            ],
            Kind::City => &[
                "氏名、生年月日、住所、電話番号",
                "氏名、住所、世帯構成",
                "氏名、生年月日、健診結果",
            ],
            Kind::Hospital => &[
                "氏名、生年月日、診療科、病名",
                "氏名、患者番号、検査結果",
                "氏名、住所、電話番号、保険証の記号番号",
            ],
            Kind::University => &[
                "氏名、学籍番号、メールアドレス",
                "氏名、学籍番号、成績",
                "氏名、所属、メールアドレス",
            ],
            Kind::School => &[
                "氏名、学年、クラス、保護者氏名、電話番号",
                "氏名、成績、出欠状況",
            ],
        }
    }
}

#[derive(Debug, Clone)]
struct Org {
    name: String,
    short: String,
    kind: Kind,
}

// ---------------------------------------------------------------------------------------------
// Narratives: one per way an incident happens, in the organization's voice and in a reporter's.

struct Narr {
    /// The cause in the casebook vocabulary.
    cause: &'static str,
    /// The cause as a word for titles, tags and look-alike checks.
    word: &'static str,
    /// The subject of the notice's title.
    subject: &'static str,
    /// The organization's account: `{self} {people} {purpose} {partner} {d0} {d1}`.
    own: &'static str,
    /// The news lead: `{short} {pd} {n} {people_news} {purpose}`.
    lead: &'static str,
    /// The news account: `{ref} {md0} {md1} {purpose} {partner}`.
    news: &'static str,
    /// A digest headline after the organization: `{n} {unit} {people_short}`.
    digest: &'static str,
    data: Option<&'static str>,
    reason: &'static str,
    measures: &'static str,
    counts: (u64, u64),
    /// Days from occurrence to discovery.
    disc: (i64, i64),
}

const NARRS: &[Narr] = &[
    Narr {
        cause: "misdelivery",
        word: "誤送信",
        subject: "メールの誤送信による個人情報の漏えい",
        own: "{d0}、{self}の担当者が{purpose}に関するご案内メールを{people}へ一斉に送信した際、送信先を「BCC」とすべきところを誤って「TO」に入力したため、受信された方どうしで互いのメールアドレスが見える状態となりました。{d1}、受信された方からのご指摘を受けて確認したところ、本件が判明いたしました。",
        lead: "{short}は{pd}日、{purpose}の案内メールを誤送信し、{people_news}{n}人分のメールアドレスが流出したと発表した。",
        news: "{ref}によると、担当者が{md0}、{purpose}の案内メールを送る際に宛先の欄を誤り、受信者同士でアドレスが分かる状態になった。{md1}に受信者から指摘があり、発覚したという。",
        digest: "案内メールの誤送信でメールアドレス{n}{unit}が流出",
        data: Some("氏名、メールアドレス"),
        reason: "送信前の宛先確認を担当者一名のみで行っており、複数人で確認する手順が定められていなかったことが原因です。",
        measures: "一斉送信には専用の配信システムを用いることとし、送信前に複数の職員で宛先を確認する手順を徹底いたします。",
        counts: (80, 4_000),
        disc: (0, 2),
    },
    Narr {
        cause: "misdelivery",
        word: "誤送信",
        subject: "個人情報を含むファイルの誤送信",
        own: "{d0}、{self}の{staff}が{partner}へ業務資料をメールで送付する際、本来添付すべきファイルとは別の、{people}の個人情報が記載された一覧表を誤って添付し、送信いたしました。{d1}、送信先からのご連絡により誤りが判明いたしました。送信先には当該メールの削除を依頼し、削除済みとの回答を得ております。",
        lead: "{short}は{pd}日、{people_news}{n}人分の個人情報が記載されたファイルを誤って外部にメールで送ったと発表した。",
        news: "{ref}によると、{staff}が{md0}、{partner}に資料を送った際、別の一覧表を添付してしまった。{md1}に送信先から連絡があって判明した。送信先はメールを削除したという。",
        digest: "一覧表を誤って添付しメール送信、{n}{unit}分の個人情報",
        data: None,
        reason: "添付ファイルの内容を送信前に確認する手順が徹底されていなかったことが原因です。",
        measures: "個人情報を含むファイルの外部送信を原則として禁止し、やむを得ない場合は上長の承認を得る運用といたします。",
        counts: (30, 6_000),
        disc: (1, 6),
    },
    Narr {
        cause: "unauthorized_access",
        word: "不正アクセス",
        subject: "サーバーへの不正アクセスと個人情報流出の可能性",
        own: "{d1}、{self}が運営するウェブサイトのサーバーにおいて、不審なプログラムが設置されていることを検知いたしました。直ちにサイトを停止し、第三者調査機関に調査を依頼した結果、{d0}以降、外部から不正アクセスを受けていたことが判明いたしました。",
        lead: "{short}は{pd}日、運営するウェブサイトのサーバーが不正アクセスを受け、{people_news}の個人情報{n}件が流出した可能性があると発表した。",
        news: "{ref}によると、{md0}以降、第三者がサーバーに侵入した形跡があり、{md1}に不審なプログラムが見つかって発覚した。現時点で情報の不正利用は確認されていないという。",
        digest: "サーバーに不正アクセス、{people_short}情報{n}{unit}流出のおそれ",
        data: None,
        reason: "ウェブサイトで使用していたソフトウェアの更新が行われておらず、既知の脆弱性が悪用されたことが原因です。",
        measures: "サーバーの再構築を行い、脆弱性診断を定期的に実施するとともに、監視体制を強化いたします。",
        counts: (1_200, 300_000),
        disc: (20, 150),
    },
    Narr {
        cause: "unauthorized_access",
        word: "不正アクセス",
        subject: "会員情報への不正アクセス",
        own: "{d0}、{self}のサーバーに対して海外のIPアドレスから大量の不正なログイン試行が行われ、管理者アカウントが不正に使用されました。{d1}、監視担当者がアクセス記録の異常に気付き、不正アクセスの事実が判明いたしました。",
        lead: "{short}は{pd}日、管理者アカウントを第三者に不正に使われ、{people_news}{n}人分の個人情報が閲覧された可能性があると発表した。",
        news: "{ref}によると、{md0}、海外からサーバーへのログインが大量に試みられ、管理者のアカウントが乗っ取られた。{md1}、担当者が記録の異常に気付いたという。",
        digest: "管理者アカウントに不正ログイン、{n}{unit}分の個人情報閲覧の可能性",
        data: None,
        reason: "管理者アカウントのパスワードが推測されやすいものであり、多要素認証も設定されていなかったことが原因です。",
        measures: "全ての管理者アカウントに多要素認証を導入し、接続元を制限いたします。",
        counts: (1_500, 120_000),
        disc: (1, 9),
    },
    Narr {
        cause: "ransomware",
        word: "ランサムウェア",
        subject: "ランサムウェア被害による個人情報漏えいの可能性",
        own: "{d0}未明、{self}の業務用サーバーがランサムウェアに感染し、保存されていたデータの多くが暗号化されて使用できない状態となりました。外部のセキュリティ専門会社と共に調査を進めたところ、{d1}、攻撃者がネットワーク機器の脆弱性を突いて侵入し、ファイルの一部を外部に送信していた痕跡が確認されました。",
        lead: "{short}は{pd}日、サーバーがランサムウェアに感染し、{people_news}ら{n}人分の個人情報が外部に流出した可能性があると発表した。",
        news: "{ref}によると、{md0}にシステム障害が起き、調べたところ身代金要求型ウイルス「ランサムウェア」への感染が分かった。{md1}、外部にデータが送られた痕跡も確認されたという。",
        digest: "ランサムウェア感染、{n}{unit}分の個人情報流出の可能性",
        data: None,
        reason: "外部接続用のネットワーク機器に修正プログラムが適用されておらず、既知の脆弱性を悪用されたことが原因と考えております。",
        measures: "ネットワーク機器の更新と監視の強化、バックアップの分離保管を実施いたします。",
        counts: (2_000, 900_000),
        disc: (3, 30),
    },
    Narr {
        cause: "ransomware",
        word: "ランサムウェア",
        subject: "システム障害及び個人情報流出のおそれ",
        own: "{d0}、{self}内の複数の端末で、ファイルが開けなくなる障害が発生しました。調査の結果、ランサムウェアによる攻撃であることが判明し、{d1}には、サーバー内の個人データが外部へ流出した可能性を否定できないことが確認されました。",
        lead: "{short}は{pd}日、ランサムウェアによるサイバー攻撃を受け、{people_news}{n}人分の個人情報が外部に流出した恐れがあると発表した。",
        news: "{ref}によると、{md0}、端末のファイルが開けなくなる障害が相次いだ。調べたところランサムウェアへの感染が分かり、{md1}には情報流出の可能性が否定できないと判明したという。",
        digest: "ランサムウェアでシステム停止、{n}{unit}分の個人情報流出のおそれ",
        data: None,
        reason: "リモート接続用の認証情報が窃取され、攻撃者の侵入を許したことが原因と考えております。",
        measures: "リモート接続の方式を見直し、端末の監視ソフトを全台に導入いたします。",
        counts: (2_000, 500_000),
        disc: (2, 20),
    },
    Narr {
        cause: "loss_theft",
        word: "紛失",
        subject: "個人情報を含むUSBメモリの紛失",
        own: "{d0}、{self}の{staff}が、{people}の個人情報を保存したUSBメモリを業務のため外出先へ携行し、事業所に戻った後に所在が分からないことに気付きました。立ち寄った場所を捜索いたしましたが発見には至らず、{d1}、警察署に遺失届を提出いたしました。",
        lead: "{short}は{pd}日、{people_news}{n}人分の個人情報を保存したUSBメモリを{staff}が紛失したと発表した。",
        news: "{ref}によると、{staff}は{md0}、業務でUSBメモリを外出先に持って行き、戻った後になくなっていることに気付いた。{md1}に警察に遺失届を出したが、見つかっていないという。",
        digest: "{staff}がUSBメモリを紛失、{n}{unit}分の個人情報",
        data: None,
        reason: "個人情報を保存した記録媒体を事業所の外で使用する際の許可と記録の手続が守られていなかったことが原因です。",
        measures: "記録媒体の外部での使用を原則禁止とし、暗号化機能付きの媒体以外は使用できないよう設定いたします。",
        counts: (40, 8_000),
        disc: (0, 4),
    },
    Narr {
        cause: "loss_theft",
        word: "紛失",
        subject: "名簿の紛失",
        own: "{d1}、{self}の{staff}が保管していた{people}の名簿を綴じたファイルが、所定の書庫に見当たらないことが判明いたしました。最後に使用が確認されたのは{d0}で、以後、関係する場所を捜索しておりますが、現在まで発見に至っておりません。",
        lead: "{short}は{pd}日、{people_news}{n}人分の個人情報が載った名簿を紛失したと発表した。",
        news: "{ref}によると、名簿は書庫で保管していたが、{md1}に見当たらないことが分かった。最後に使われたのは{md0}で、誤って廃棄した可能性もあるという。",
        digest: "書庫で保管していた名簿を紛失、{n}{unit}分",
        data: None,
        reason: "書類の保管場所への出し入れが記録されていなかったことが原因です。",
        measures: "個人情報を含む書類の出納簿を整備し、定期的に所在の点検を行います。",
        counts: (30, 3_000),
        disc: (10, 60),
    },
    Narr {
        cause: "loss_theft",
        word: "盗難",
        subject: "業務用パソコンの盗難",
        own: "{d0}夜、{self}の{staff}が帰宅途中に立ち寄った店舗の駐車場で車上荒らしの被害に遭い、車内に置いていた業務用のノートパソコンが盗まれました。{staff}は直ちに警察に届け出るとともに、{d1}、所属長に報告し、本件が判明いたしました。",
        lead: "{short}は{pd}日、{staff}が業務用のノートパソコンを車上荒らしで盗まれ、{people_news}{n}人分の個人情報が流出した恐れがあると発表した。",
        news: "{ref}によると、{staff}は{md0}夜、店舗の駐車場に車を止めていた間に窓ガラスを割られ、車内のパソコンを盗まれた。{md1}に上司へ報告した。パソコンにはパスワードが設定されていたという。",
        digest: "{staff}の車からノートパソコン盗難、{n}{unit}分の個人情報",
        data: None,
        reason: "業務用パソコンを車内に放置したこと、及び端末内に個人情報を保存していたことが原因です。",
        measures: "業務用パソコンを車内に放置しないことを徹底し、端末の暗号化を完了いたします。",
        counts: (30, 3_000),
        disc: (0, 1),
    },
    Narr {
        cause: "loss_theft",
        word: "盗難",
        subject: "個人情報を含む書類の盗難",
        own: "{d0}、{self}の{staff}が出張先から戻る電車内で、{people}の個人情報を記載した書類の入った鞄を網棚に置いたまま座席を離れた間に、鞄が持ち去られました。{d1}、鉄道会社及び警察に照会しても発見に至らず、盗難の可能性が高いと判断いたしました。",
        lead: "{short}は{pd}日、{staff}が電車内で書類の入った鞄を盗まれ、{people_news}{n}人分の個人情報が流出した恐れがあると発表した。",
        news: "{ref}によると、{staff}は{md0}、電車内で書類の入った鞄を網棚に置いて席を外した際、鞄がなくなっていることに気付いた。警察に被害を届け出たが、{md1}時点で見つかっていないという。",
        digest: "電車内で書類入りの鞄が盗まれる、{n}{unit}分の個人情報",
        data: None,
        reason: "個人情報を含む書類の原本を、必要な範囲を超えて外出先へ携行していたことが原因です。",
        measures: "書類の携行は必要最小限とし、携行時は施錠できる鞄を使用することといたします。",
        counts: (20, 2_500),
        disc: (1, 3),
    },
    Narr {
        cause: "misconfiguration",
        word: "設定不備",
        subject: "クラウドサービスの設定不備による個人情報の閲覧可能状態",
        own: "{d1}、外部の方からのご連絡を受けて調査したところ、{self}が業務で使用しているクラウドストレージの共有設定に不備があり、{people}の情報を含むファイルが、{d0}以降、リンクを知っていれば誰でも閲覧できる状態であったことが判明いたしました。同日中に設定を修正し、現在は閲覧できない状態となっております。",
        lead: "{short}は{pd}日、{people_news}{n}人分の個人情報を含むファイルが、インターネット上で外部から閲覧できる状態になっていたと発表した。",
        news: "{ref}によると、クラウドサービスの共有設定を誤り、{md0}から閲覧可能になっていた。{md1}に外部からの連絡で分かり、設定を直したという。",
        digest: "クラウドの設定不備で{n}{unit}分の個人情報が閲覧可能に",
        data: None,
        reason: "共有設定の変更時に、公開範囲を確認する手順がなかったことが原因です。",
        measures: "共有設定の定期点検を行い、外部公開を管理者の承認制といたします。",
        counts: (300, 100_000),
        disc: (30, 300),
    },
    Narr {
        cause: "phishing",
        word: "フィッシング",
        subject: "フィッシングによるメールアカウントへの不正アクセス",
        own: "{d0}、{self}の{staff}宛てに届いた、メールシステムの管理者を装う電子メールのリンクを開き、表示された偽のログイン画面にIDとパスワードを入力したことにより、当該{staff}のアカウントを第三者に不正利用されました。{d1}、当該アカウントを発信元とする不審なメールの大量送信を検知し、判明いたしました。",
        lead: "{short}は{pd}日、{staff}のメールアカウントがフィッシングで乗っ取られ、メールでやり取りのあった{n}人分のメールアドレスなどが流出した可能性があると発表した。",
        news: "{ref}によると、{staff}が{md0}、管理者を装ったメールのリンクから偽サイトにIDとパスワードを入力した。{md1}、このアカウントから迷惑メールが大量に送られていることが分かったという。",
        digest: "フィッシングでメールアカウント乗っ取り、{n}{unit}分のアドレス流出の可能性",
        data: Some("氏名、メールアドレス、やり取りしたメール本文の内容"),
        reason: "メールシステムに多要素認証を導入していなかったことが原因です。",
        measures: "全職員のアカウントに多要素認証を設定し、訓練メールによる注意喚起を行います。",
        counts: (500, 20_000),
        disc: (0, 3),
    },
    Narr {
        cause: "misdelivery",
        word: "誤送付",
        subject: "通知書の誤送付",
        own: "{d0}、{self}が郵送した{purpose}に関する通知書の封筒に、別の方の通知書が誤って同封されていたことが、{d1}、受け取られた方からのお問い合わせにより判明いたしました。封入作業の際に、二名による確認が行われていなかったことが確認されております。",
        lead: "{short}は{pd}日、{purpose}に関する通知書を郵送する際に別人の書類を誤って同封し、{n}人分の個人情報が漏えいしたと発表した。",
        news: "{ref}によると、{md0}に発送した封筒に別の人の通知書が入っていた。{md1}に受け取った人から問い合わせがあり、発覚したという。",
        digest: "通知書を誤って同封、{n}{unit}分の個人情報漏えい",
        data: Some("氏名、住所、生年月日"),
        reason: "封入物の照合を一名で行っていたことが原因です。",
        measures: "封入作業は二名で照合し、照合記録を残す手順といたします。",
        counts: (1, 12),
        disc: (2, 8),
    },
];

// ---------------------------------------------------------------------------------------------
// Events

struct Ev {
    org: usize,
    narr: usize,
    occurred: Day,
    discovered: Day,
    published: Day,
    count: u64,
    count_text: String,
    unit: &'static str,
    data: String,
    marker: String,
    /// Seed of the own notice's wording (shared by the two events of a template pair).
    style: u64,
    /// Follow-up report: its date, count and the count as written.
    followup: Option<(Day, u64, String)>,
    title: String,
}

struct Spec {
    org: usize,
    narr: usize,
    occurred: Day,
    discovered: Day,
    published: Day,
    style: u64,
}

fn fill(t: &str, vars: &[(&str, &str)]) -> String {
    let mut s = t.to_string();
    for (k, v) in vars {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// Letters only, so that no digit of it can be a count.
fn slug(r: &mut Rng) -> String {
    (0..8).map(|_| (b'a' + r.below(26) as u8) as char).collect()
}

fn shuffle<T>(r: &mut Rng, xs: &mut [T]) {
    for i in (1..xs.len()).rev() {
        xs.swap(i, r.below(i + 1));
    }
}

const BLOGS: &[&str] = &[
    "情報漏えいウォッチ",
    "インシデント備忘録",
    "セキュリティ事件簿アーカイブ",
    "個人情報保護クリップ",
    "漏えい事案ノート",
];
const OUTLETS: &[&str] = &[
    "東西日報",
    "中央経済新報",
    "テレビ北星",
    "デジタル時報",
    "地域ニュース網",
];
const COMMENTS: &[&str] = &[
    "管理人より：同種の事案が続いています。手順の見直しの参考にしてください。",
    "編集部注：本記事は公表内容を要約せずに掲載しています。",
    "管理人コメント：対象となった方は不審な連絡にご注意ください。",
];

struct Builder {
    r: Rng,
    /// Count strings in use, none containing another (the markers' guarantee).
    used: Vec<String>,
    orgs: Vec<Org>,
    /// Stems (company cores, towns) in use.
    stems: Vec<String>,
}

impl Builder {
    fn new(seed: u64) -> Self {
        Builder {
            r: Rng::new(seed ^ 0x6475_7065_735f_6a6b),
            used: Vec::new(),
            orgs: Vec::new(),
            stems: Vec::new(),
        }
    }

    fn new_org(&mut self, kind: Kind) -> usize {
        for _ in 0..100_000 {
            let r = &mut self.r;
            let town = *r.pick(TOWNS);
            let (stem, name, short) = match kind {
                Kind::Company => {
                    // Towns are kept for the public bodies (a company named after one would
                    // contain the town's name).
                    let p = *r.pick(PLACES);
                    let w = if r.chance(60) {
                        *r.pick(COMPANY_WORDS)
                    } else {
                        *r.pick(MORE_COMPANY_WORDS)
                    };
                    let core = format!("{p}{w}");
                    let name = if r.chance(50) {
                        format!("株式会社{core}")
                    } else {
                        format!("{core}株式会社")
                    };
                    (core.clone(), name, core)
                }
                Kind::City => (town.to_string(), format!("{town}市"), format!("{town}市")),
                Kind::Hospital => {
                    let n = format!("{town}{}", r.pick(&["中央病院", "記念病院", "総合病院"]));
                    (town.to_string(), n.clone(), n)
                }
                Kind::University => {
                    let n = format!("{town}{}", r.pick(&["大学", "工科大学", "医療大学"]));
                    (town.to_string(), n.clone(), n)
                }
                Kind::School => {
                    let n = format!("{town}{}", r.pick(&["学園高等学校", "高等学校", "中学校"]));
                    (town.to_string(), n.clone(), n)
                }
            };
            // A stem once only: no organization's name may contain another's.
            if self
                .stems
                .iter()
                .any(|s| s.contains(stem.as_str()) || stem.contains(s.as_str()))
            {
                continue;
            }
            self.stems.push(stem);
            self.orgs.push(Org { name, short, kind });
            return self.orgs.len() - 1;
        }
        panic!("out of fictional organization names");
    }

    fn random_kind(&mut self) -> Kind {
        *self.r.pick(&[
            Kind::Company,
            Kind::Company,
            Kind::Company,
            Kind::Company,
            Kind::City,
            Kind::City,
            Kind::Hospital,
            Kind::University,
            Kind::School,
        ])
    }

    fn dates(&mut self, narr: usize, occurred: Day) -> (Day, Day) {
        let (lo, hi) = NARRS[narr].disc;
        let discovered = occurred.plus(lo + self.r.below((hi - lo + 1) as usize) as i64);
        let published = discovered.plus(2 + self.r.below(19) as i64);
        (discovered, published)
    }

    fn spec(&mut self, org: usize, narr: usize, occurred: Day) -> Spec {
        let (discovered, published) = self.dates(narr, occurred);
        Spec {
            org,
            narr,
            occurred,
            discovered,
            published,
            style: self.r.next_u64(),
        }
    }

    /// A count as written that contains no count in use and is contained in none.
    fn fresh_count(&mut self, lo: u64, hi: u64, man: bool) -> (u64, String) {
        loop {
            let n = lo + self.r.below((hi - lo).max(1) as usize) as u64;
            let (value, text) = if man && n >= 10_000 {
                let tenths = (n + 500) / 1000;
                let text = if tenths.is_multiple_of(10) {
                    format!("約{}万", tenths / 10)
                } else {
                    format!("約{}.{}万", tenths / 10, tenths % 10)
                };
                (tenths * 1000, text)
            } else {
                (n, with_commas(n))
            };
            if value < 1_000 {
                // Small counts are not markers; they need no uniqueness.
                return (value, text);
            }
            if self
                .used
                .iter()
                .any(|u| u.contains(text.as_str()) || text.contains(u.as_str()))
            {
                continue;
            }
            self.used.push(text.clone());
            return (value, text);
        }
    }

    fn build(mut self) -> Planted {
        // Look-alike pairs first, then single events.
        let mut specs: Vec<Spec> = Vec::new();
        let mut pairs: Vec<(usize, usize, LookAlikeKind)> = Vec::new();
        let same_org_kinds = [
            Kind::City,
            Kind::City,
            Kind::Company,
            Kind::Hospital,
            Kind::University,
            Kind::Company,
        ];
        for kind in same_org_kinds {
            let o = self.new_org(kind);
            // Not the small-count mailing: its counts would need the organization as marker.
            let n1 = self.r.below(NARRS.len() - 1);
            let n2 = loop {
                let n = self.r.below(NARRS.len() - 1);
                if NARRS[n].cause != NARRS[n1].cause {
                    break n;
                }
            };
            let d1 = random_day(&mut self.r);
            let d2 = d1.plus(75 + self.r.below(1000) as i64);
            let a = self.spec(o, n1, d1);
            let b = self.spec(o, n2, d2);
            pairs.push((
                specs.len(),
                specs.len() + 1,
                LookAlikeKind::SameOrgOtherIncident,
            ));
            specs.push(a);
            specs.push(b);
        }
        for _ in 0..5 {
            let kind = self.random_kind();
            let o1 = self.new_org(kind);
            let o2 = self.new_org(kind);
            let n = self.r.below(NARRS.len());
            let d = random_day(&mut self.r);
            let a = self.spec(o1, n, d);
            let b = Spec { org: o2, ..a };
            pairs.push((specs.len(), specs.len() + 1, LookAlikeKind::SameDayTemplate));
            specs.push(a);
            specs.push(b);
        }
        for _ in 0..4 {
            let kind = self.random_kind();
            let o = self.new_org(kind);
            let n = self.r.below(NARRS.len() - 1); // not the small-count mailing
            let d1 = random_day(&mut self.r);
            let d2 = d1.plus(355 + self.r.below(21) as i64);
            let a = self.spec(o, n, d1);
            let b = self.spec(o, n, d2);
            pairs.push((
                specs.len(),
                specs.len() + 1,
                LookAlikeKind::SameCauseYearApart,
            ));
            specs.push(a);
            specs.push(b);
        }
        while specs.len() < 60 {
            let kind = self.random_kind();
            let o = self.new_org(kind);
            let n = self.r.below(NARRS.len());
            let d = random_day(&mut self.r);
            let s = self.spec(o, n, d);
            specs.push(s);
        }

        // Ids in shuffled order, so that a pair's events are not neighbours.
        let mut perm: Vec<usize> = (0..specs.len()).collect();
        shuffle(&mut self.r, &mut perm);
        let mut by_id: Vec<Option<Spec>> = (0..specs.len()).map(|_| None).collect();
        for (i, s) in specs.into_iter().enumerate() {
            by_id[perm[i]] = Some(s);
        }
        let specs: Vec<Spec> = by_id.into_iter().map(|s| s.expect("spec")).collect();
        let look_alikes: Vec<LookAlike> = pairs
            .iter()
            .map(|&(a, b, kind)| LookAlike {
                a: perm[a],
                b: perm[b],
                kind,
            })
            .collect();

        // Counts, markers, titles.
        let mut org_uses = vec![0usize; self.orgs.len()];
        for s in &specs {
            org_uses[s.org] += 1;
        }
        let mut events: Vec<Ev> = Vec::new();
        for s in &specs {
            let narr = &NARRS[s.narr];
            let org = self.orgs[s.org].clone();
            let unique = org_uses[s.org] == 1;
            let (lo, hi) = if unique {
                narr.counts
            } else {
                (narr.counts.0.max(1_000), narr.counts.1.max(3_000))
            };
            let hi = hi.min(org.kind.cap()).max(lo + 1);
            let man = self.r.chance(25);
            let (count, count_text) = self.fresh_count(lo, hi, man);
            let marker = if count >= 1_000 {
                count_text.clone()
            } else {
                org.short.clone()
            };
            // `約2.2万名` is not written: 万 goes with 人 and 件.
            let unit = if count_text.starts_with('約') {
                *self.r.pick(&["件", "人"])
            } else {
                *self.r.pick(&["名", "件", "人"])
            };
            let data = narr
                .data
                .map_or_else(|| self.r.pick(org.kind.data()).to_string(), str::to_string);
            let mut sr = Rng::new(s.style);
            let title = match sr.below(4) {
                0 => format!("{}について", narr.subject),
                1 => format!("{}に関するお詫びとお知らせ", narr.subject),
                2 => format!("【お詫び】{}について", narr.subject),
                _ => format!("{}に関するお詫び", narr.subject),
            };
            events.push(Ev {
                org: s.org,
                narr: s.narr,
                occurred: s.occurred,
                discovered: s.discovered,
                published: s.published,
                count,
                count_text,
                unit,
                data,
                marker,
                style: s.style,
                followup: None,
                title,
            });
        }

        // Which events get which further genres.
        let n = events.len();
        let pick_set = |r: &mut Rng, k: usize| -> Vec<bool> {
            let mut ids: Vec<usize> = (0..n).collect();
            shuffle(r, &mut ids);
            let mut v = vec![false; n];
            for &i in ids.iter().take(k) {
                v[i] = true;
            }
            v
        };
        let reposted = pick_set(&mut self.r, n * 40 / 100);
        let in_news = pick_set(&mut self.r, n * 30 / 100);
        let followed = pick_set(&mut self.r, n * 20 / 100);
        let digested = pick_set(&mut self.r, n * 25 / 100);

        for (i, e) in events.iter_mut().enumerate() {
            if !followed[i] {
                continue;
            }
            let day = e.published.plus(14 + self.r.below(50) as i64);
            let man = e.count_text.starts_with('約');
            let lo = e.count + e.count / 5 + 1;
            let hi = e.count * 3 + 2;
            let (c2, t2) = loop {
                let (c, t) = self.fresh_count(lo, hi, man);
                if c > e.count {
                    break (c, t);
                }
            };
            e.followup = Some((day, c2, t2));
        }

        let mut docs: Vec<(Genre, DupDoc)> = Vec::new();
        let single = |g: Genre, text: String, id: usize| {
            (
                g,
                DupDoc {
                    name: String::new(),
                    text,
                    events: vec![id],
                },
            )
        };
        for (id, e) in events.iter().enumerate() {
            let org = &self.orgs[e.org];
            let notice = own_notice(e, org);
            let mut sources = vec![(notice.clone(), false)];
            docs.push(single(Genre::Notice, notice, id));
            if let Some(f) = &e.followup {
                let text = follow_up(&mut self.r, e, org, f);
                sources.push((text.clone(), false));
                docs.push(single(Genre::FollowUp, text, id));
            }
            if in_news[id] {
                let k = if self.r.chance(35) { 2 } else { 1 };
                for j in 0..k {
                    let text = news(&mut self.r, e, org, j);
                    sources.push((text.clone(), true));
                    docs.push(single(Genre::News, text, id));
                }
            }
            if reposted[id] {
                let k = 2 + self.r.below(6);
                for _ in 0..k {
                    let (src, is_news) = sources[self.r.below(sources.len())].clone();
                    let edited = self.r.chance(40);
                    let text = repost(&mut self.r, e, org, &src, is_news, edited);
                    let g = if edited {
                        Genre::EditedRepost
                    } else {
                        Genre::Repost
                    };
                    docs.push(single(g, text, id));
                }
            }
        }

        // Digests: the digested events by date, in two consecutive runs and one yearly pick.
        let mut pool: Vec<usize> = (0..n).filter(|&i| digested[i]).collect();
        pool.sort_by_key(|&i| (events[i].published, i));
        let half = pool.len().div_ceil(2);
        let mut lists: Vec<Vec<usize>> = vec![pool[..half].to_vec(), pool[half..].to_vec()];
        let mut third = pool.clone();
        shuffle(&mut self.r, &mut third);
        third.truncate(6);
        third.sort_by_key(|&i| (events[i].published, i));
        lists.push(third);
        for list in lists {
            let text = digest(&mut self.r, &events, &self.orgs, &list);
            docs.push((
                Genre::Digest,
                DupDoc {
                    name: String::new(),
                    text,
                    events: list,
                },
            ));
        }

        shuffle(&mut self.r, &mut docs);
        let mut genres = Vec::new();
        let mut out = Vec::new();
        for (i, (g, mut d)) in docs.into_iter().enumerate() {
            d.name = format!("dup-{:03}.txt", i + 1);
            genres.push(g);
            out.push(d);
        }
        let dup_events = events
            .iter()
            .enumerate()
            .map(|(id, e)| DupEvent {
                id,
                organization: self.orgs[e.org].name.clone(),
                marker: e.marker.clone(),
            })
            .collect();
        let facts = events
            .iter()
            .enumerate()
            .map(|(id, e)| EventFacts {
                id,
                organization: self.orgs[e.org].name.clone(),
                short_name: self.orgs[e.org].short.clone(),
                cause: NARRS[e.narr].cause,
                occurred: e.occurred.iso(),
                discovered: e.discovered.iso(),
                published: e.published.iso(),
                affected: e.count,
                affected_later: e.followup.as_ref().map(|f| f.1),
            })
            .collect();
        Planted {
            corpus: DupCorpus {
                docs: out,
                events: dup_events,
            },
            genres,
            look_alikes,
            facts,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Genres

fn own_vars<'a>(e: &'a Ev, org: &'a Org) -> Vec<(&'static str, &'a str)> {
    vec![
        ("self", org.kind.self_word()),
        ("people", org.kind.people()),
        ("purpose", org.kind.purpose()),
        ("partner", org.kind.partner()),
        ("staff", org.kind.staff()),
        ("n", e.count_text.as_str()),
        ("unit", e.unit),
    ]
}

/// The organization's first notice; its wording comes from the event's style alone, so that
/// the two events of a template pair read alike.
fn own_notice(e: &Ev, org: &Org) -> String {
    let narr = &NARRS[e.narr];
    let mut sr = Rng::new(e.style ^ 0x5a5a);
    let layout = sr.below(3);
    let public = matches!(org.kind, Kind::City | Kind::School);
    let pub_date = match sr.below(4) {
        0 if public => e.published.era(),
        1 => fw_digits(&e.published.kanji()),
        _ => e.published.kanji(),
    };
    let with_weekday = sr.chance(40);
    let era = public && sr.chance(40);
    let dd = |d: Day| {
        if era {
            d.era()
        } else if with_weekday {
            d.kanji_w()
        } else {
            d.kanji()
        }
    };
    let d0 = dd(e.occurred);
    let d1 = dd(e.discovered);
    let mut vars = own_vars(e, org);
    vars.push(("d0", &d0));
    vars.push(("d1", &d1));
    let story = fill(narr.own, &vars);
    let people = org.kind.people();
    let signer = if sr.chance(50) {
        format!("\n{} {}", org.kind.head(), sr.pick(PERSONS))
    } else {
        String::new()
    };
    let no_harm = if sr.chance(60) {
        "\nなお、現時点で本件に起因する二次被害の報告はございません。"
    } else {
        ""
    };
    let (n, unit, data, name, desk, title) = (
        &e.count_text,
        e.unit,
        &e.data,
        &org.name,
        org.kind.desk(),
        &e.title,
    );
    let self_word = org.kind.self_word();
    match layout {
        0 => format!(
            "{pub_date}\n{name}{signer}\n\n{title}\n\nこのたび、{self_word}において{people}の個人情報が漏えいした可能性のある事案が発生いたしました。{people}および関係者の皆様に大変なご迷惑とご不安をおかけすることとなり、心よりお詫び申し上げます。\n\n1．経緯\n{story}\n\n2．漏えいした（おそれのある）個人情報\n(1) 対象者　{people} {n}{unit}\n(2) 項目　{data}\n\n3．原因\n{}\n\n4．今後の対応及び再発防止策\n{}{no_harm}\n\n5．本件に関するお問い合わせ先\n{name} {desk}\n受付時間　平日9時〜17時（土日祝日を除く）\n",
            narr.reason, narr.measures
        ),
        1 => {
            let t = if title.starts_with('【') {
                title.to_string()
            } else {
                format!("【お詫び】{title}")
            };
            format!(
                "報道関係各位\n\n{name}\n{pub_date}\n\n{t}\n\n{self_word}において、下記のとおり個人情報の漏えい事案が発生いたしました。関係の皆様には心からお詫びするとともに、経緯と今後の対応についてご報告いたします。\n\n■発生日\n{}\n■発覚日\n{}\n■事案の概要\n{story}\n■対象となる個人情報\n{people}{n}{unit}分（{data}）\n■原因\n{}\n■再発防止策\n{}{no_harm}\n■お問い合わせ\n{name} {desk}\n",
                e.occurred.kanji(),
                e.discovered.kanji(),
                narr.reason,
                narr.measures
            )
        }
        _ => format!(
            "記者発表資料\n{pub_date}\n{name}\n\n{title}\n\n{self_word}が保有する個人情報について、下記のとおり漏えいのおそれがある事案が判明しましたので、お知らせします。{people}並びに関係者の皆様に心からお詫びいたします。\n\n記\n\n1　事案の概要\n{story}\n\n2　対象となる情報\n{people}　{n}{unit}\n{data}\n\n3　発生原因\n{}\n\n4　今後の対応\n{}{no_harm}\n\n（問い合わせ先）\n{name}　{desk}\n",
            narr.reason, narr.measures
        ),
    }
}

fn follow_up(r: &mut Rng, e: &Ev, org: &Org, f: &(Day, u64, String)) -> String {
    let narr = &NARRS[e.narr];
    let (day, _, t2) = f;
    let name = &org.name;
    let self_word = org.kind.self_word();
    let people = org.kind.people();
    let (n1, unit) = (&e.count_text, e.unit);
    let title = if r.chance(50) || e.title.starts_with('【') {
        format!("{}（第2報）", e.title)
    } else {
        format!("【続報】{}", e.title)
    };
    let finding = match narr.cause {
        "unauthorized_access" | "ransomware" | "phishing" => format!(
            "外部専門機関によるフォレンジック調査の結果、{}から{}までの間に、攻撃者が{self_word}のシステム内の複数のサーバーに接続していたことが確認されました。接続されたサーバーに保存されていたデータを精査したところ、対象となる情報の範囲が当初の想定より広く、{people}の個人情報が外部に流出した可能性を否定できないことが判明いたしました。",
            e.occurred.kanji(),
            e.discovered.kanji()
        ),
        _ => format!(
            "{}に判明した本件について、{self_word}では記録の照合と関係者への聞き取りを進めてまいりました。その結果、{}の時点で対象となっていた情報の範囲が当初の想定より広く、個人情報が漏えいしたおそれのある方の数が増えることが分かりました。",
            e.discovered.kanji(),
            e.occurred.kanji()
        ),
    };
    let d0 = e.occurred.kanji();
    let d1 = e.discovered.kanji();
    let mut vars = own_vars(e, org);
    vars.push(("d0", &d0));
    vars.push(("d1", &d1));
    let story = fill(narr.own, &vars);
    format!(
        "{}\n{name}\n\n{title}\n\n{}付で公表いたしました「{}」につきまして、その後の調査により判明した事項をご報告いたします。関係する皆様には、重ねて深くお詫び申し上げます。\n\n1．事案の概要（第1報の内容）\n{story}\n\n2．調査の結果について\n{finding}\n第1報では対象を{people}{n1}{unit}とお知らせしておりましたが、調査の結果、対象は{t2}{unit}であることが確認されました。\n\n3．対象となる個人情報\n{}\n\n4．対象の方への対応\n対象となる方には、{}から順次、書面にてお詫びとお知らせをお送りしております。\n\n5．再発防止策\n{}\n\n6．お問い合わせ先\n{name} {}\n",
        day.kanji(),
        e.published.kanji(),
        e.title,
        e.data,
        day.md(),
        narr.measures,
        org.kind.desk()
    )
}

/// The first two data kinds as a reporter lists them (`氏名や住所など`).
fn data_news(data: &str) -> String {
    let kinds: Vec<&str> = data.split('、').collect();
    if kinds.len() >= 2 {
        format!("{}や{}など", kinds[0], kinds[1])
    } else {
        format!("{}など", kinds[0])
    }
}

/// A news paraphrase; `j` is the outlet's turn (a second outlet writes in the other style).
fn news(r: &mut Rng, e: &Ev, org: &Org, j: usize) -> String {
    let narr = &NARRS[e.narr];
    let tv = (r.below(2) + j).is_multiple_of(2);
    let outlet = *r.pick(OUTLETS);
    let pd = e.published.d().to_string();
    let md0 = e.occurred.md();
    let md1 = e.discovered.md();
    // A company is named in full in the lead, by its short name after.
    let first = if org.kind == Kind::Company && r.chance(70) {
        &org.name
    } else {
        &org.short
    };
    let vars: Vec<(&str, &str)> = vec![
        ("short", first),
        ("pd", &pd),
        ("n", &e.count_text),
        ("people_news", org.kind.people_news()),
        ("purpose", org.kind.purpose()),
        ("partner", org.kind.partner()),
        ("staff", org.kind.staff_news()),
        ("ref", org.kind.ref_word()),
        ("md0", &md0),
        ("md1", &md1),
        ("unit", "人"),
        ("people_short", org.kind.people_short()),
    ];
    let headline = format!("{}、{}", org.short, fill(narr.digest, &vars));
    let (hh, mm) = (9 + r.below(12), r.below(60));
    let dateline = if r.chance(50) {
        format!("{} {hh}時{mm:02}分", e.published.kanji())
    } else {
        let (y, m, d) = e.published.ymd();
        format!("{y}/{m:02}/{d:02} {hh}:{mm:02}配信")
    };
    let data = data_news(&e.data);
    if tv {
        let lead = format!(
            "{}が、{}{}人分の個人情報が外部に流出した可能性があると発表しました。",
            first,
            org.kind.people_news(),
            e.count_text
        );
        let body = fill(narr.news, &vars)
            .replace(
                &format!("{}によると", org.kind.ref_word()),
                &format!("{}によりますと", org.short),
            )
            .replace("という。", "ということです。");
        format!(
            "{headline}\n\n{dateline}\n{outlet}\n\n{lead}\n{body}\n流出した可能性があるのは{data}で、{}は対象者に連絡を進めているということです。\n",
            org.kind.ref_word()
        )
    } else {
        let lead = fill(narr.lead, &vars);
        let body = fill(narr.news, &vars);
        let quote = match org.kind {
            Kind::City => "市民の皆さまに深くおわびする。再発防止を徹底する",
            Kind::Company => "お客さまにご迷惑をおかけし、深くおわびする",
            _ => "関係者に心からおわびする。管理体制を見直す",
        };
        format!(
            "{headline}\n\n{dateline}\n\n{lead}\n{body}対象となったのは{data}。\n{}は「{quote}」としている。\n（{outlet}）\n",
            org.short
        )
    }
}

fn repost(r: &mut Rng, e: &Ev, org: &Org, src: &str, is_news: bool, edited: bool) -> String {
    let blog = *r.pick(BLOGS);
    let post = e.published.plus(1 + r.below(25) as i64);
    let url = if is_news {
        format!("https://news.{}.example/articles/{}", slug(r), slug(r))
    } else {
        format!("https://www.{}.example.jp/info/{}.html", slug(r), slug(r))
    };
    let narr = &NARRS[e.narr];
    let mut body = src.trim_end().to_string();
    if edited {
        let mut edits = [0usize, 1, 2, 3];
        shuffle(r, &mut edits);
        for &k in edits.iter().take(1 + r.below(2)) {
            match k {
                // An appended note.
                0 => body.push_str(&format!(
                    "\n※{}追記：{}は対象となる方への個別の連絡を始めたとしています。",
                    post.md(),
                    org.kind.ref_word()
                )),
                // The last line dropped (where it is not the line that holds the marker).
                1 => {
                    let lines: Vec<&str> = body.lines().collect();
                    if lines.len() > 3 && !lines[lines.len() - 1].contains(e.marker.as_str()) {
                        body = lines[..lines.len() - 1].join("\n");
                    }
                }
                // A phrase reworded.
                2 => {
                    for (a, b) in [
                        ("判明いたしました", "判明しました"),
                        ("深くお詫び申し上げます", "心よりお詫びいたします"),
                        ("発表した。", "明らかにした。"),
                        ("ということです。", "としています。"),
                    ] {
                        if body.contains(a) {
                            body = body.replacen(a, b, 1);
                            break;
                        }
                    }
                }
                // A comment line above the text.
                _ => body = format!("{}\n\n{body}", r.pick(COMMENTS)),
            }
        }
    }
    let src_word = if is_news {
        "報道より転載"
    } else {
        "公式発表より転載"
    };
    match r.below(3) {
        0 => format!(
            "{blog}\n{} 投稿\n\n【転載】{}（{}）\n\n以下、{src_word}。\n\n{body}\n\n出典：{url}\nタグ：個人情報漏えい / {} / {}\n",
            post.dots(),
            if is_news { "報道" } else { e.title.as_str() },
            org.name,
            narr.word,
            org.kind.tag()
        ),
        1 => format!(
            "【セキュリティ事件簿#{}-{}】{} {} {}\n\n{body}\n\n{url}\n",
            post.y(),
            slug(r),
            org.name,
            e.title,
            e.published.slash()
        ),
        _ => format!(
            "# {}\n\n投稿日：{}　カテゴリ：{}\n\n以下、{src_word}します。\n\n---\n\n{body}\n\n---\n\n[元の記事]({url})\n\n#個人情報 #{} #{}\n",
            e.title,
            post.kanji(),
            blog,
            narr.word,
            org.kind.tag()
        ),
    }
}

fn digest(r: &mut Rng, events: &[Ev], orgs: &[Org], list: &[usize]) -> String {
    let blog = *r.pick(BLOGS);
    let first = events[list[0]].published;
    let last = events[list[list.len() - 1]].published;
    let style = r.below(3);
    let mut s = if last.0 - first.0 > 366 {
        format!(
            "過去の主な個人情報漏えい事案（{}年〜{}年）\n{blog}\n\n当ブログで取り上げた事案のうち、主なものを公表日の順に振り返ります。\n\n",
            first.y(),
            last.y()
        )
    } else {
        format!(
            "個人情報漏えい事案まとめ（{}〜{}）\n{blog}\n\n期間中に公表された主な個人情報の漏えい・紛失事案を、公表日の順にまとめました。\n\n",
            first.kanji(),
            last.kanji()
        )
    };
    for (k, &i) in list.iter().enumerate() {
        let e = &events[i];
        let org = &orgs[e.org];
        let narr = &NARRS[e.narr];
        let vars: Vec<(&str, &str)> = vec![
            ("n", &e.count_text),
            ("unit", e.unit),
            ("people_short", org.kind.people_short()),
            ("staff", org.kind.staff_news()),
        ];
        let head = fill(narr.digest, &vars);
        let who = if r.chance(60) { &org.name } else { &org.short };
        match style {
            0 => s.push_str(&format!("■{who} {head} {}\n", e.published.kanji())),
            1 => s.push_str(&format!(
                "{}.■{who} {head}（{}発表）\n",
                list.len() - k,
                e.published.kanji()
            )),
            _ => s.push_str(&format!(
                "◎{who}、{head}\n{}は{}、{}を原因とする個人情報の漏えい事案を公表した。対象は{}で、{}の情報が含まれる。\n",
                org.short,
                e.published.kanji(),
                narr.word,
                org.kind.people_news(),
                data_news(&e.data)
            )),
        }
    }
    s.push_str("\n※各組織の公表内容をもとに編集部が作成しました。\n");
    s
}

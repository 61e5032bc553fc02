//! Fictional breach notices for benchmarks and tests.
//!
//! Every organization, person and figure is invented; the sentences are written for this crate.
//! The generator is deterministic (a seed gives the same corpus on every machine) and covers the
//! layouts the extractor must handle: single notices of several incident types (with Japanese
//! era dates, full-width digits, kanji numerals), follow-up reports, casebook pages and digests.

pub mod dupes;
mod synthetic;
pub use dupes::{planted_duplicates, DupCorpus, DupDoc, DupEvent};
pub use synthetic::{synthetic_incidents, SyntheticIncident};

/// SplitMix64: small, fast, deterministic; no dependency needed for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const PLACES: &[&str] = &[
    "みどり",
    "あおば",
    "ひかり",
    "さくら台",
    "かもめ",
    "しらかば",
    "こすもす",
    "ゆうやけ",
    "はなみずき",
    "すずらん",
    "つばき",
    "ほたる",
    "わかば",
    "あさひ",
    "なぎさ",
];
const COMPANY_WORDS: &[&str] = &[
    "商事",
    "精機",
    "物産",
    "運輸",
    "電機",
    "システムズ",
    "ホールディングス",
    "食品",
    "不動産",
    "建設",
    "観光",
    "化学",
];
const KINDS: &[&str] = &["company", "city", "hospital", "school", "association"];

/// A generated organization name and the words the notice uses for itself.
pub struct Org {
    pub name: String,
    pub self_word: &'static str,
    pub people: &'static str,
}

fn org(r: &mut Rng) -> Org {
    let p = r.pick(PLACES);
    match *r.pick(KINDS) {
        "company" => Org {
            name: if r.chance(50) {
                format!("株式会社{p}{}", r.pick(COMPANY_WORDS))
            } else {
                format!("{p}{}株式会社", r.pick(COMPANY_WORDS))
            },
            self_word: "当社",
            people: "お客様",
        },
        "city" => Org {
            name: format!("{p}{}", r.pick(&["市", "町", "村"])),
            self_word: "本市",
            people: "市民の皆様",
        },
        "hospital" => Org {
            name: format!("医療法人{p}会 {p}中央病院"),
            self_word: "当院",
            people: "患者様",
        },
        "school" => Org {
            name: format!("学校法人{p}学園"),
            self_word: "本学園",
            people: "生徒及び保護者",
        },
        _ => Org {
            name: format!("一般社団法人{p}協会"),
            self_word: "当協会",
            people: "会員の皆様",
        },
    }
}

fn fw_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

struct Day {
    y: i32,
    m: u32,
    d: u32,
}

fn day(r: &mut Rng) -> Day {
    Day {
        y: 2015 + r.below(12) as i32,
        m: 1 + r.below(12) as u32,
        d: 1 + r.below(28) as u32,
    }
}

fn write_date(r: &mut Rng, t: &Day) -> String {
    match r.below(4) {
        0 if t.y >= 2019 => format!("令和{}年{}月{}日", t.y - 2018, t.m, t.d),
        1 => fw_digits(&format!("{}年{}月{}日", t.y, t.m, t.d)),
        2 => format!("{}/{}/{}", t.y, t.m, t.d),
        _ => format!("{}年{}月{}日", t.y, t.m, t.d),
    }
}

fn count_text(r: &mut Rng, n: u64) -> String {
    match r.below(4) {
        0 if n >= 10_000 => format!("約{}万", n / 10_000),
        1 => fw_digits(&with_commas(n)),
        _ => with_commas(n),
    }
}

const CAUSES: &[(&str, &str)] = &[
    ("ランサムウェア", "{d}、{self}のファイルサーバーがランサムウェアに感染し、保存されていたファイルが暗号化されていることを確認しました。外部の専門機関による調査の結果、攻撃者がVPN機器の脆弱性を悪用して侵入したことが判明しています。"),
    ("不正アクセス", "{d}、{self}が運営するウェブサイトに対し、第三者による不正アクセスがあったことを検知しました。データベースに保存されていた情報が外部に送信された痕跡が確認されています。"),
    ("誤送信", "{d}、{self}の職員が案内メールを送信する際、宛先をBCCに設定すべきところ誤ってTOに設定したため、受信者同士にメールアドレスが表示される事案が発生しました。"),
    ("紛失", "{d}、{self}の従業員が、個人情報を保存した業務用のUSBメモリを外出先で紛失しました。警察に遺失届を提出しましたが、現在まで発見に至っておりません。"),
    ("持ち出し", "{d}、{self}の元従業員が在職中に顧客情報を不正に持ち出し、転職先で使用していたことが判明しました。"),
    ("設定不備", "{d}、外部からの指摘により、{self}が利用するクラウドサービスの共有設定に誤りがあり、名簿ファイルを誰でもインターネットから閲覧できる状態になっていたことが判明しました。"),
    ("サポート詐欺", "{d}、{self}の職員がパソコンの画面に表示された偽の警告に従い、表示された電話番号に連絡したところ、遠隔操作ソフトをインストールさせられ、端末を遠隔操作されました。"),
    ("フィッシング", "{d}、{self}の職員がフィッシングメールのリンクから偽のログイン画面にIDとパスワードを入力し、メールアカウントに不正ログインされました。"),
];

const DATA_LISTS: &[&str] = &[
    "氏名、住所、電話番号",
    "氏名、メールアドレス",
    "氏名、生年月日、性別、住所、電話番号",
    "氏名、クレジットカード番号、有効期限",
    "氏名、診療科、処方内容",
    "氏名、勤務先、役職、メールアドレス",
    "氏名、口座番号、振込先",
];

/// Deterministic generator of fictional notices.
pub struct Generator {
    rng: Rng,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        Generator {
            rng: Rng::new(seed),
        }
    }

    /// The i-th notice of the corpus: a file name and its text. Roughly one in twenty is a
    /// casebook page of several notices, one in twenty a news digest, one in fifty no incident.
    pub fn notice(&mut self, i: usize) -> (String, String) {
        let r = &mut self.rng;
        let kind = r.below(100);
        if kind < 5 {
            let n = 3 + r.below(6);
            let mut page = String::from("事件簿アーカイブ\n\n");
            for k in 0..n {
                let t = day(r);
                let o = org(r);
                let (word, _) = *r.pick(CAUSES);
                page.push_str(&format!(
                    "【事件簿#{}-{:03}】{} {}による個人情報漏えいに関するお知らせ {}/{}/{}\n\n",
                    t.y,
                    i % 1000 + k,
                    o.name,
                    word,
                    t.y,
                    t.m,
                    t.d
                ));
                page.push_str(&body(r, &o, word, &t));
            }
            return (format!("casebook_{i:06}.txt"), page);
        }
        if kind < 10 {
            let t = day(r);
            let mut page = format!("{}年のセキュリティニュース\n\n{}月\n", t.y, t.m);
            for _ in 0..(4 + r.below(5)) {
                let p = r.pick(PLACES);
                let what = *r.pick(&[
                    "の物流企業への不正アクセス、約{n}件の顧客情報流出",
                    "市の小学校で名簿を紛失",
                    "の家具メーカーでランサムウェア被害、{n}人分の情報流出の可能性",
                    "の保険代理店の元社員が顧客情報を持ち出し",
                ]);
                let n = with_commas(100 + r.below(90_000) as u64);
                page.push_str(&format!("・{p}{}\n", what.replace("{n}", &n)));
            }
            return (format!("digest_{i:06}.txt"), page);
        }
        if kind < 12 {
            let t = day(r);
            let o = org(r);
            return (
                format!("maintenance_{i:06}.txt"),
                format!("システムメンテナンスのお知らせ\n\n{}\n{}\n\n下記の日程でシステムの保守作業を行います。作業中はサービスをご利用いただけません。\n", write_date(r, &t), o.name),
            );
        }
        let t = day(r);
        let o = org(r);
        let (word, _) = *r.pick(CAUSES);
        let mut s = String::new();
        if r.chance(40) {
            s.push_str("報道関係各位\n\n");
        }
        let published = Day {
            y: t.y,
            m: t.m,
            d: (t.d + 3).min(28),
        };
        s.push_str(&format!("{}\n{}\n\n", write_date(r, &published), o.name));
        let followup = if r.chance(15) { "(第2報)" } else { "" };
        s.push_str(&format!(
            "{word}による個人情報の漏えいについてのお詫びとご報告{followup}\n\n"
        ));
        s.push_str(&body(r, &o, word, &t));
        (format!("notice_{i:06}.txt"), s)
    }

    /// Notices until `bytes` of text have been produced.
    pub fn corpus(&mut self, bytes: usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut total = 0;
        let mut i = 0;
        while total < bytes {
            let n = self.notice(i);
            total += n.1.len();
            out.push(n);
            i += 1;
        }
        out
    }
}

fn body(r: &mut Rng, o: &Org, word: &str, t: &Day) -> String {
    let tmpl = CAUSES.iter().find(|c| c.0 == word).map_or("", |c| c.1);
    let d = write_date(r, t);
    let max = if r.chance(20) { 2_000_000 } else { 5_000 };
    let n = 1 + r.below(max) as u64;
    let mut s = format!(
        "このたび、{self_}において{word}により、{people}の個人情報が外部に流出したおそれがあると判明しました。ご関係の皆様にご迷惑とご心配をおかけしたことをお詫びします。\n\n1．経緯\n{}\n\n2．漏えいのおそれがある個人情報\n{people} {}名分\n{}\n\n3．原因\n管理体制および従業者への教育が十分でなかったことが原因です。\n\n4．再発防止策\n多要素認証の導入、アクセス権限の見直し、従業者への研修を実施いたします。\n\n5．お問い合わせ先\n{} 個人情報お問い合わせ窓口\n\n",
        tmpl.replace("{d}", &d).replace("{self}", o.self_word),
        count_text(r, n),
        r.pick(DATA_LISTS),
        o.name,
        self_ = o.self_word,
        people = o.people,
    );
    if r.chance(30) {
        s.push_str("なお、現時点で本件に起因する二次被害は確認されておりません。\n\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        let a = Generator::new(7).corpus(50_000);
        let b = Generator::new(7).corpus(50_000);
        assert_eq!(a, b);
        assert!(a.iter().map(|x| x.1.len()).sum::<usize>() >= 50_000);
    }

    #[test]
    fn varied_layouts() {
        let c = Generator::new(1).corpus(2_000_000);
        for prefix in ["notice_", "casebook_", "digest_", "maintenance_"] {
            assert!(c.iter().any(|(n, _)| n.starts_with(prefix)), "{prefix}");
        }
    }
}

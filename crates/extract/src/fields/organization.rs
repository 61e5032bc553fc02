//! `organization`: the body whose data was breached or whose people caused it.
//!
//! Reads, in the segment, every organization mention (see [`crate::orgs`]) and weighs what the
//! text says of it; the heaviest wins. What counts (the weights are [`CUE_WEIGHTS`]):
//!
//! | cue | example | why |
//! |---|---|---|
//! | the segment's heading names it | `【事件簿#2031-001】みどり市 …` | a casebook page or digest says whose notice it is |
//! | it defines the notice's first person | `株式会社サンプル(以下「当社」)` | the notice speaks as that body |
//! | a line of its own at the head or foot | `株式会社サンプル` / `みどり市長 山田太郎` | a letterhead or signature |
//! | it announces | `みどり市は28日、…と発表した` | a news item reports what the body announced |
//! | it is the source of the facts | `みどり市によると`, `同社によりますと` | the body the article quotes |
//! | its people acted | `みどり市の職員が`, `…に勤務する教諭` | the employer of the staff |
//! | it holds the data | `サンプル社の顧客データが`, `…から流出` | the data holder |
//! | it is named often, early, in the title | | |
//!
//! And what weighs against: a section named without its body (`学生支援課が送信した`), a news
//! source (`…新聞によると`, `(…テレビ)`), a regulator, an address (`(大阪市)`), a prefecture or
//! city that only locates another body (`あおば県のみどり市` , `みどり市の会社`), the police
//! arresting someone else's staff.
//!
//! Where the text names nobody, a description of the body (`いわき市の会社`, `ある企業`), else
//! the shop or service a first-person notice names (`弊社が運営する「サンプルストア」`).

use super::Ctx;
use crate::orgs::{compact_name, find_descriptors, OrgKind, OrgMention};
use crate::rules::{entries, Entry, Rule};
use crate::segment::Found;
use crate::words;
use std::sync::LazyLock;

/// What the text says right around a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// `X(以下「当社」)`, `X(本社:…、以下「弊社」)`.
    DefinesFirstPerson,
    /// A line of its own at the head or foot of a notice.
    OwnLine,
    /// `Xは28日、…と発表した`.
    Announces,
    /// `Xによると`.
    Source,
    /// `Xの職員が`, `Xに勤務する`.
    Employer,
    /// `Xの顧客データ`, `Xから…流出`.
    Holder,
    /// The subject of a sentence reporting an event (`Xで…が流出`).
    EventSubject,
    /// The name of the case is made of it (`X流出事件`, `Xの情報漏えい事故`).
    NamesIncident,
    /// In the notice's title or the first line.
    Title,
    /// The first mention in the segment.
    First,
    /// Each further mention.
    Repeated,
    /// A prefecture or city before `の` and another body (`あおば県のみどり市`).
    LocatesAnother,
    /// The police as the subject of an arrest or an investigation of others.
    PoliceOfOthers,
    /// A newspaper, a broadcaster, a wire, a news site.
    NewsSource,
    Regulator,
    /// A shop or service named in quotes.
    ServiceName,
    /// A Latin or katakana name without a legal form or organization ending.
    BareName,
    /// A section named without its body (`学生支援課`, `法務担当部署`): the body is the
    /// organization where the text names it.
    BareSection,
    /// A body that receives the report (`…省へ報告`, `県に届け出`), not the police (their own
    /// cue): the notice's body reports to it.
    ReportedTo,
    /// The contractor of the notice's own body (`当社が…業務を委託しているX`): the data is the
    /// client's.
    ContractorOfFirstPerson,
}

/// The weight of each cue: a table to tune (and the learned step's output, should one be fit).
pub const CUE_WEIGHTS: &[(Cue, f32)] = &[
    (Cue::DefinesFirstPerson, 9.0),
    (Cue::OwnLine, 6.0),
    (Cue::Announces, 6.0),
    (Cue::Source, 3.5),
    (Cue::Employer, 2.5),
    (Cue::Holder, 2.5),
    (Cue::EventSubject, 2.0),
    (Cue::NamesIncident, 3.0),
    (Cue::Title, 2.5),
    (Cue::First, 1.0),
    (Cue::Repeated, 0.7),
    (Cue::LocatesAnother, -3.5),
    (Cue::PoliceOfOthers, -4.0),
    (Cue::NewsSource, -12.0),
    (Cue::Regulator, -6.0),
    (Cue::ServiceName, -1.5),
    (Cue::BareName, -0.5),
    (Cue::BareSection, -3.0),
    (Cue::ContractorOfFirstPerson, -4.0),
    (Cue::ReportedTo, -5.0),
];

fn weight(c: Cue) -> f32 {
    CUE_WEIGHTS
        .iter()
        .find(|(k, _)| *k == c)
        .map_or(0.0, |(_, w)| *w)
}

/// Before a mention: the notice's own body hands it work (`当社がコールセンター業務を委託している
/// X`, `弊社の委託先であるX`).
pub static CONTRACTOR_OF_FIRST_PERSON: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "organization.contractor_of_first_person",
        (),
        "the contractor of the body that writes the notice (当社が…を委託している X)",
        r"(?:{FIRST_PERSON})(?:が|の|では)[^。]{0,30}(?:委託して(?:いる|いた|おります|おりました)|委託した|委託先(?:である|の)?)\s*$",
    )
    .ex(&["当社がコールセンター業務を委託している", "弊社の委託先である", "当院が検査業務を委託した", "本学の委託先の"])
    .not(&["当社が委託を受けている", "委託している"])
    .general("an own notice names its contractor by the work it hands over; the data is the notice writer's")
});

/// After a mention: the name of a leak case (`流出事件`, `の情報漏えい事故`).
pub static NAMES_INCIDENT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("organization.names_incident", (), "the case is named after the body",
        r"^の?(?:顧客|会員|利用者|住民)?(?:個人)?(?:情報|データ)?(?:大量)?(?:流出|漏えい|漏洩)(?:事件|事故|問題)")
        .ex(&["流出事件", "の情報流出事件", "の漏えい事故", "の顧客情報漏洩問題", "個人データ流出事件", "会員情報大量流出事件", "利用者情報漏えい事件", "の住民情報流出問題"])
        .not(&["の情報流出について", "流出した"])
        .general("columns and headlines name a past case after its body: X流出事件, Xの情報漏えい事故")
});

/// After a mention: it announces (`は28日、…発表した`), checked up to the end of its sentence.
pub static ANNOUNCE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("organization.announces", (), "the body is the subject of an announcement (news style)",
        r"^\s*(?:\([^)]{0,30}\))?\s*(?:は|が)[^。]{0,200}(?:発表|公表|明らかにし|明らかにな|公開し|報告し|謝罪し|陳謝)")
        .ex(&["は28日、職員が書類を紛失したと発表した", "(みどり市)は13日、…を公表した", "が明らかにした", "は記者会見で陳謝した"])
        .not(&["によると", "の職員が発表した"])
});

/// After a mention: it is the source of the facts (`によると`).
pub static SOURCE_OF_FACTS: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("organization.source_of_facts", (), "the text reports the facts as the body gives them",
        r"^\s*(?:\([^)]{0,30}\))?\s*(?:によると|によりますと|の発表によると|の発表では|の説明では|の調べでは|側によると)")
        .ex(&["によると", "によりますと", "(本店:みどり市)によると", "の発表によると", "の発表では", "の説明では", "の調べでは", "側によると"])
        .not(&["は発表した"])
});

/// After a mention: its people acted (`の職員が`, `に勤務する`).
pub static EMPLOYER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("organization.employer", (), "the body employs the person who acted",
        r"^\s*(?:[一-龠ァ-ヴー]{0,10}(?:課|部|係|室|署|局|科))?の?(?:[^。、]{0,8})?(?:{STAFF})|^\s*に勤務|^\s*に所属")
        .ex(&["の職員が", "市民課の臨時職員女性", "職員", "に勤務する教諭", "に所属する男性教員", "の40代の女性職員"])
        .not(&["の顧客", "によると"])
});

/// After a mention: it holds the data (`の顧客情報`, `から…流出`).
pub static HOLDER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("organization.holder", (), "the body holds the data that leaked",
        r"^\s*(?:\([^)]{0,30}\))?\s*(?:の(?:顧客|お客様|個人|患者|会員|住民|利用者|生徒|児童|学生|保有|管理|サーバ|システム|パソコン|ネットワーク|庁内|社内|院内|データ|情報)|から[^。]{0,30}(?:流出|漏えい|漏洩)|が保有)")
        .ex(&["の顧客データが", "の個人情報", "(みどり市)から約3万件の顧客情報が流出", "の患者情報", "の会員情報", "の住民情報", "の利用者", "の生徒", "の児童", "の学生", "の保有する", "の管理する", "のサーバ", "のシステム", "のパソコン", "のネットワーク", "の庁内ネットワーク", "の社内", "の院内", "のデータ", "の情報", "が保有する", "のお客様"])
        .not(&["の職員"])
});

/// After a prefecture or city: it only locates another body (`のみどり市`, `の会社`).
pub static LOCATES: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("organization.locates_another", (), "a place before の and another body: a location, not the body",
        r"^の(?:[一-龠ァ-ヴー]{0,12}(?:会社|企業|事業者|業者|施設|病院|学校|中学校|小学校|高校|大学|幼稚園|保育園|団体|法人|店|センター|組合)|[一-龠ぁ-んァ-ヴー]{1,8}(?:市|町|村|区))")
        .ex(&["の会社", "のコンサルタント会社", "の企業", "の保育事業者", "の清掃業者", "の施設", "の病院", "の学校", "の中学校", "の小学校", "の高校", "の大学", "の幼稚園", "の保育園", "の団体", "の法人", "の店", "の支援センター", "の事務組合", "のみどり市"])
        .not(&["の職員", "の顧客"])
});

/// In a sentence about the police: an arrest or investigation of someone else.
pub static POLICE_ACTION: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "organization.police_action",
        (),
        "the police arresting or investigating another body's people",
        r"逮捕|書類送検|送致|摘発|捜査|事情聴取|相談を受け",
    )
    .ex(&[
        "容疑者を逮捕した",
        "書類送検した",
        "地検に送致",
        "摘発された",
        "捜査している",
        "事情聴取",
        "相談を受けていた",
    ])
    .not(&["懲戒処分"])
    .general(crate::rules::VOCABULARY)
});

/// After a mention: a report or consultation goes to it (`…県警に相談`, `警察へ届け出`).
pub static REPORTED_TO: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "organization.reported_to",
        (),
        "a body that receives a report or a consultation, not the body breached",
        r"^\s*(?:\([^)]{0,30}\))?\s*(?:(?:に|へ|への)[^。]{0,12}(?:相談|届|報告|通報|連絡|被害届|申告)|から[、,]?[^。]{0,80}(?:連絡|通報|指摘|報告)を受け)",
    )
    .ex(&["に相談した", "へ被害届を提出", "への報告", "に通報", "に連絡", "から、サイトの改ざんについて連絡を受け"])
    .not(&["によると", "の職員が"])
});

/// A definition of the notice's first person after a name: `(以下「当社」)`.
pub static DEFINES_FIRST_PERSON: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "organization.defines_first_person",
        (),
        "the notice names itself and defines its first person",
        r"^\s*\([^)]{0,40}以下[、「『\s]*(?:{FIRST_PERSON}|{ANAPHORA})",
    )
    .ex(&[
        "(本社:あおば県みどり市、以下「弊社」)",
        "(以下「当社」)",
        "(以下、当院)",
        "(以下、同社)",
    ])
    .not(&["(以下「本件」)"])
    .general("the standard opening of a notice: 株式会社X(以下「当社」)")
});

/// A label before a name in a press release header: `会社名: 株式会社サンプル`.
pub static ORG_LABEL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "organization.label",
        (),
        "a label before the organization's name in a header",
        r"^(?:上場)?(?:会社名|法人名|団体名|名称|発表者)\s*[:]?\s*",
    )
    .ex(&[
        "会社名: 株式会社サンプル",
        "上場会社名 サンプル株式会社",
        "法人名:",
        "団体名 ",
        "名称:",
        "発表者:",
    ])
    .not(&["住所:"])
});

/// A copyright mark before a name in a page footer.
pub static COPYRIGHT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "organization.copyright",
        (),
        "a copyright mark and year before the owner's name in a footer",
        r"^(?:©|\(c\)|\(C\)|Copyright)\s*(?:(?:19|20)\d{2}(?:\s*[-–~]\s*(?:19|20)\d{2})?)?\s*",
    )
    .ex(&[
        "© 2024 株式会社サンプル",
        "Copyright 2020-2024 サンプル",
        "(c) サンプル",
    ])
    .not(&["株式会社サンプル"])
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = Vec::new();
    for r in [
        &*COPYRIGHT,
        &*ANNOUNCE,
        &*NAMES_INCIDENT,
        &*CONTRACTOR_OF_FIRST_PERSON,
        &*SOURCE_OF_FACTS,
        &*EMPLOYER,
        &*HOLDER,
        &*LOCATES,
        &*POLICE_ACTION,
        &*REPORTED_TO,
        &*DEFINES_FIRST_PERSON,
        &*ORG_LABEL,
    ] {
        v.extend(entries("organization", std::slice::from_ref(r)));
    }
    v
}

/// A line that is nothing but an organization's name (a notice's header or signature):
/// `株式会社サンプル`, `みどり市`, `サンプル協会 代表理事 山田太郎` (the name before the role).
fn own_line<'t>(ctx: &Ctx<'t>, line: &'t str) -> Option<&'t str> {
    // no name in the line, no name line (the common case, decided without a regex)
    let at = line.as_ptr() as usize - ctx.text.as_ptr() as usize;
    ctx.doc.orgs_in(at..at + line.len()).next()?;
    let s = line.trim();
    let s = ORG_LABEL.find(s).map_or(s, |m| &s[m.end()..]);
    // a copyright footer: `© 2024 株式会社サンプル All rights reserved.`
    let s = COPYRIGHT.find(s).map_or(s, |m| {
        s[m.end()..]
            .trim_end_matches(" All rights reserved.")
            .trim()
    });
    if s.contains('各') && s.contains('位') {
        return None;
    }
    let first = s.split(' ').next().unwrap_or(s);
    for cand in [s, first] {
        let n = cand.chars().count();
        if !(2..=40).contains(&n) || cand.contains(['。', '、', ':', '「', '(']) {
            continue;
        }
        if [
            "について",
            "お知らせ",
            "お詫び",
            "報告",
            "案内",
            "各位",
            "事件",
            "流出",
            "漏",
        ]
        .iter()
        .any(|w| cand.contains(w))
        {
            continue;
        }
        if cand.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // the document's mentions inside the candidate (a slice of the text): one, all of it
        let off = cand.as_ptr() as usize - ctx.text.as_ptr() as usize;
        let mut ms = ctx.doc.orgs_in(off..off + cand.len());
        if let (Some(m), None) = (ms.next(), ms.next()) {
            if m.range.start == off && m.range.len() == cand.len() && !m.is_source() {
                return Some(cand);
            }
        }
        if words::legal_prefix(cand).is_some() {
            return Some(cand);
        }
    }
    None
}

/// A candidate with its score and the mention that stands for it.
struct Scored {
    name: String,
    mention: std::ops::Range<usize>,
    kind: OrgKind,
    score: f32,
    best_cue: f32,
}

/// Anaphora and bare kind words that refer to the last body of that kind (`同社`, `市によると`).
fn anaphora_target(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "同社" => &["社", "株式会社", "会社", "ズ", "ス"],
        "同市" | "市" => &["市"],
        "同区" | "区" => &["区"],
        "同町" | "町" => &["町"],
        "同村" | "村" => &["村"],
        "同県" | "県" => &["県"],
        "同府" | "府" => &["府"],
        "同大" | "同大学" => &["大学", "大"],
        "同病院" | "同院" | "病院" => &["病院", "医院"],
        "同校" => &["校", "高", "学校", "中学", "高校"],
        "同署" | "署" => &["署"],
        "県警" | "府警" => &["県警", "府警", "警察"],
        "同省" => &["省"],
        "同庁" => &["庁"],
        "同行" => &["銀行"],
        "同協会" => &["協会"],
        "同機構" => &["機構"],
        "同センター" | "センター" => &["センター"],
        "組合" | "同組合" => &["組合"],
        "市教委" | "県教委" => &["教委", "教育委員会", "市", "県"],
        _ => return None,
    })
}

/// Bare references (`同社`, `市によると`) in the segment: (position, end, word).
fn references(ctx: &Ctx) -> Vec<(usize, usize, String)> {
    static REF: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"(同社|同市|同区|同町|同村|同県|同府|同大学|同大|同病院|同院|同校|同署|同省|同庁|同行|同協会|同機構|同センター|同組合|市教委|県教委|市|区|町|村|県|府|病院|署|県警|府警|組合|センター)(?:によると|によりますと|では|は|の発表|側)",
        )
    });
    let seg = ctx.seg.range.clone();
    let text = ctx.text;
    let mut out = Vec::new();
    for c in REF.captures_iter(&text[seg.clone()]) {
        let g = c.get(1).expect("group");
        let start = seg.start + g.start();
        // a bare kind word must stand alone (`市によると`, not `みどり市によると`)
        let before = text[..start].chars().next_back();
        if before.is_some_and(crate::orgs::is_name_char) {
            continue;
        }
        out.push((start, seg.start + g.end(), g.as_str().to_string()));
    }
    out
}

/// The cues of the mention at `r` (a name or a reference to one).
fn cues_at(ctx: &Ctx, r: &std::ops::Range<usize>, m: Option<&OrgMention>) -> Vec<Cue> {
    let text = ctx.text;
    let after = &text[r.end..];
    let sent = ctx.sent_at(r.start);
    let sent_text = sent.map_or("", |s| &text[s.range.clone()]);
    let sent_end = sent.map_or(text.len(), |s| s.range.end);
    let after_in_sent = &text[r.end..sent_end.max(r.end)];
    let mut cues = Vec::new();
    if DEFINES_FIRST_PERSON.is_match(after) {
        cues.push(Cue::DefinesFirstPerson);
    }
    let sent_start = sent.map_or(0, |s| s.range.start).min(r.start);
    if CONTRACTOR_OF_FIRST_PERSON.is_match(&text[sent_start..r.start]) {
        cues.push(Cue::ContractorOfFirstPerson);
    }
    if ANNOUNCE.is_match(after_in_sent) {
        cues.push(Cue::Announces);
    }
    if SOURCE_OF_FACTS.is_match(after) {
        cues.push(Cue::Source);
    }
    if EMPLOYER.is_match(after) {
        cues.push(Cue::Employer);
    }
    if HOLDER.is_match(after_in_sent) {
        cues.push(Cue::Holder);
    }
    if NAMES_INCIDENT.is_match(after) {
        cues.push(Cue::NamesIncident);
    }
    let subject = {
        let a = after.trim_start_matches(' ');
        a.starts_with('は')
            || a.starts_with('が')
            || a.starts_with("で")
            || a.starts_with("において")
            || a.starts_with("における")
    };
    if subject && ctx.doc.event_at(r.start) {
        cues.push(Cue::EventSubject);
    }
    if let Some(m) = m {
        match m.kind {
            OrgKind::Media => cues.push(Cue::NewsSource),
            OrgKind::Regulator => cues.push(Cue::Regulator),
            OrgKind::Service => cues.push(Cue::ServiceName),
            OrgKind::Police
                if (POLICE_ACTION.is_match(sent_text) || REPORTED_TO.is_match(after))
                    && !police_staff_acted(ctx) =>
            {
                cues.push(Cue::PoliceOfOthers)
            }
            OrgKind::Police => {}
            // (`…課へ2件連絡があり`: others told the body itself, which learned of it)
            _ if REPORTED_TO.re.find(after).is_some_and(|f| {
                !["があ", "が入", "を受", "が寄せ"]
                    .iter()
                    .any(|p| after[f.end()..].starts_with(p))
            }) =>
            {
                cues.push(Cue::ReportedTo)
            }
            _ => {}
        }
        if matches!(m.kind, OrgKind::Public)
            && words::ends_with_any(&m.name, &["県", "都", "府", "道", "市", "町", "村", "区"])
                .is_some()
            && LOCATES.is_match(after)
        {
            cues.push(Cue::LocatesAnother);
        }
        if crate::words::org_suffix(&m.name).is_none()
            && crate::words::legal_prefix(&m.name).is_none()
        {
            cues.push(Cue::BareName);
        }
        if crate::segment::is_bare_section(&m.name) {
            cues.push(Cue::BareSection);
        }
    }
    cues
}

/// Whether police staff are the actors of the segment (then the police is the organization).
fn police_staff_acted(ctx: &Ctx) -> bool {
    static POLICE_STAFF: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"(巡査|警部|警察官|署員|警察職員)[^。]{0,40}(照会|漏らし|閲覧|取得|持ち出|送信|提供)",
        )
    });
    POLICE_STAFF.is_match(ctx.seg_text())
}

/// The organization of the segment, and others that share its facts.
pub fn organization(ctx: &Ctx) -> (Option<Found<String>>, Vec<Found<String>>) {
    if let Some(o) = &ctx.seg.org {
        return (Some(o.clone()), Vec::new());
    }
    let text = ctx.text;
    let seg = ctx.seg.range.clone();
    let mut mentions: Vec<&OrgMention> = ctx
        .doc
        .orgs_in(seg.clone())
        .filter(|m| !m.address)
        .collect();
    // a column's case heading describes the body (`## 事例2: 不動産会社の営業担当者`); the
    // case's text names it
    let in_case_heading = |m: &OrgMention| {
        ctx.lines.iter().any(|(l, _)| {
            l.heading.is_some()
                && l.range.start <= m.range.start
                && m.range.end <= l.range.end
                && crate::segment::CASE_HEADING.is_match(&text[l.range.clone()])
        })
    };
    if mentions.iter().any(|m| !in_case_heading(m)) {
        mentions.retain(|m| !in_case_heading(m));
    }
    let mut scored: Vec<Scored> = Vec::new();
    let add = |name: &str,
               r: std::ops::Range<usize>,
               kind: OrgKind,
               score: f32,
               scored: &mut Vec<Scored>| {
        if let Some(s) = scored.iter_mut().find(|s| same_body(&s.name, name)) {
            s.score += score + weight(Cue::Repeated);
            if score > s.best_cue {
                s.best_cue = score;
                // the fuller name of one body stands (`株式会社サンプル`, not `サンプル`), and a
                // body's name over its service's (`株式会社サンプル`, not `サンプルオンライン`)
                let body_over_service = s.kind == OrgKind::Service && kind != OrgKind::Service;
                if body_over_service || name.chars().count() >= s.name.chars().count() {
                    s.name = name.to_string();
                    s.mention = r;
                    s.kind = kind;
                }
            }
        } else {
            scored.push(Scored {
                name: name.to_string(),
                mention: r,
                kind,
                score,
                best_cue: score,
            });
        }
    };
    // the notice's header and signature lines
    let nonempty: Vec<&crate::analyze::Line> = ctx
        .lines
        .iter()
        .map(|(l, _)| l)
        .filter(|l| !l.range.is_empty())
        .collect();
    let own_lines: Vec<std::ops::Range<usize>> =
        if ctx.doc.own_notice || ctx.seg.kind != crate::segment::SegmentKind::Case {
            nonempty
                .iter()
                .take(12)
                .chain(nonempty.iter().rev().take(8))
                .filter_map(|l| {
                    let s = &text[l.range.clone()];
                    own_line(ctx, s).map(|name| {
                        let off = l.range.start + s.find(name).unwrap_or(0);
                        off..off + name.len()
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
    // the first line, when it is a title (short, no sentence); after a section label of a news
    // page (`ビジネス`, `社会`: a few characters), the line after it
    let title_line = {
        let label = nonempty
            .first()
            .is_some_and(|l| text[l.range.clone()].chars().count() <= 6);
        let first = nonempty.get(usize::from(label)).or(nonempty.first());
        first.map(|l| l.range.clone()).filter(|r| {
            let s = &text[r.clone()];
            !s.ends_with('。') && s.chars().count() <= 60
        })
    };
    for (i, m) in mentions.iter().enumerate() {
        let mut cues = cues_at(ctx, &m.range, Some(m));
        if own_lines
            .iter()
            .any(|r| r.start <= m.range.start && m.range.end <= r.end)
        {
            cues.push(Cue::OwnLine);
        }
        if title_line
            .as_ref()
            .is_some_and(|t| t.start <= m.range.start && m.range.end <= t.end)
        {
            cues.push(Cue::Title);
        }
        if i == 0 {
            cues.push(Cue::First);
        }
        let base = match m.kind {
            OrgKind::Descriptor => 0.0,
            OrgKind::Service => 0.5,
            _ => 2.0,
        };
        let score = base + cues.iter().map(|c| weight(*c)).sum::<f32>();
        tracing::trace!(name = %m.name, ?cues, score, "organization candidate");
        add(&m.name, m.range.clone(), m.kind, score, &mut scored);
    }
    // references to a body named before (`同社`, `市によると`) add their cues to it
    for (start, end, word) in references(ctx) {
        let Some(targets) = anaphora_target(&word) else {
            continue;
        };
        let Some(m) = mentions.iter().rev().find(|m| {
            m.range.end <= start && targets.iter().any(|t| m.name.ends_with(t)) && !m.is_source()
        }) else {
            continue;
        };
        let cues = cues_at(ctx, &(start..end), None);
        let score: f32 = cues.iter().map(|c| weight(*c)).sum();
        if let Some(s) = scored.iter_mut().find(|s| same_body(&s.name, &m.name)) {
            s.score += score + weight(Cue::Repeated);
        }
    }
    let best = scored
        .iter()
        .filter(|s| s.score > 1.0)
        .max_by(|a, b| a.score.total_cmp(&b.score));
    if let Some(b) = best {
        let also = coordinated(ctx, b, &mentions);
        return (Some(short_form(ctx, &b.name, b.mention.clone())), also);
    }
    // nobody named: a description of the body, else the service a notice names
    if let Some(d) = find_descriptors(&text[seg.clone()]).into_iter().next() {
        let r = seg.start + d.range.start..seg.start + d.range.end;
        return (Some((d.name, r)), Vec::new());
    }
    let fallback = scored
        .iter()
        .filter(|s| s.kind == OrgKind::Service || s.score > -2.0)
        .max_by(|a, b| a.score.total_cmp(&b.score));
    (
        fallback.map(|b| (b.name.clone(), b.mention.clone())),
        Vec::new(),
    )
}

/// A municipality without its prefecture (`あおば県みどり市` → `みどり市`, `東京都港区` →
/// `港区`), as the body calls itself; other names as they are.
fn short_form(ctx: &Ctx, name: &str, r: std::ops::Range<usize>) -> Found<String> {
    // the last split that leaves a municipality (`京都府宇治市`: after 府, not after the 都 of
    // 京都); 都 and 府 end only 東京都, 大阪府 and 京都府 (`宮崎県都城市` is 都城市)
    let split = ["県", "都", "府", "北海道"]
        .iter()
        .flat_map(|p: &&str| name.match_indices(*p).map(|(at, m)| (at, at + m.len(), m)))
        .filter(|&(at, end, p)| {
            let rest = &name[end..];
            let head = &name[..at];
            let prefecture = match p {
                "都" => head.ends_with("東京"),
                "府" => {
                    head.ends_with("大阪") || (head.ends_with("京都") && !head.ends_with("東京都"))
                }
                _ => true,
            };
            prefecture
                && (p == "北海道" || at > 0)
                && is_municipal(rest)
                && !rest.starts_with(|c: char| "立営民内".contains(c))
        })
        .max_by_key(|&(_, end, _)| end);
    // a town or village after its district (`みなみ郡みどり町` → `みどり町`)
    let split = split.or_else(|| {
        let at = name.find('郡').filter(|&at| at > 0)?;
        let rest = &name[at + '郡'.len_utf8()..];
        (words::ends_with_any(rest, &["町", "村"]).is_some() && is_municipal(rest)).then_some((
            at,
            at + '郡'.len_utf8(),
            "郡",
        ))
    });
    if let Some((_, end, _)) = split {
        let rest = &name[end..];
        let text = &ctx.text[r.clone()];
        if let Some(off) = text.find(rest) {
            return (rest.to_string(), r.start + off..r.start + off + rest.len());
        }
    }
    (name.to_string(), r)
}

/// A municipality's name, or one of its bodies (`みどり市`, `みどり市教育委員会`, `あおば町役場`).
fn is_municipal(rest: &str) -> bool {
    const BODIES: [&str; 9] = [
        "教育委員会",
        "教委",
        "選挙管理委員会",
        "役所",
        "役場",
        "議会",
        "消防本部",
        "水道局",
        "保健所",
    ];
    let town = words::ends_with_any(rest, &BODIES).map_or(rest, |b| &rest[..rest.len() - b.len()]);
    words::ends_with_any(town, &["市", "区", "町", "村"]).is_some()
        && town.chars().count() >= 2
        && !town.contains('の')
        && crate::orgs::kind_of(town) == Some(OrgKind::Public)
}

/// Two names of one body (`みどり市` in `あおば県みどり市`).
fn same_body(a: &str, b: &str) -> bool {
    let (a, b) = (strip_legal(a), strip_legal(b));
    let (a, b) = (words::short_body_name(a), words::short_body_name(b));
    a == b
        || (a.chars().count() >= 2
            && b.chars().count() >= 2
            && (a.contains(&*b) || b.contains(&*a)))
}

fn strip_legal(s: &str) -> &str {
    let s = words::legal_prefix(s).map_or(s, |p| &s[p.len()..]);
    ["株式会社", "(株)", "有限会社"]
        .iter()
        .find_map(|x| s.strip_suffix(x))
        .unwrap_or(s)
}

/// Bodies of the same kind joined to the chosen one in a third party's text
/// (`あおば大学とみどり大学において…不正アクセスが発生`): the same facts, one record each.
fn coordinated(ctx: &Ctx, best: &Scored, mentions: &[&OrgMention]) -> Vec<Found<String>> {
    if ctx.doc.own_notice {
        return Vec::new();
    }
    let text = ctx.text;
    let mut out = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        let Some(n) = mentions.get(k + 1) else {
            continue;
        };
        if !same_body(&m.name, &best.name) && !same_body(&n.name, &best.name) {
            continue;
        }
        let between = &text[m.range.end..n.range.start.max(m.range.end)];
        if !matches!(between, "と" | "及び" | "および" | "や")
            || n.kind != m.kind
            || same_body(&n.name, &m.name)
        {
            continue;
        }
        let after = &text[n.range.end..];
        // (`XとYは1日、…と発表した`: both announce the facts they share)
        if !(after.starts_with("において")
            || after.starts_with("で")
            || after.starts_with("では")
            || after.starts_with("の")
            || (after.starts_with("は") && m.kind == OrgKind::Public))
        {
            continue;
        }
        if !ctx.doc.event_at(m.range.start) {
            continue;
        }
        let other = if same_body(&m.name, &best.name) { n } else { m };
        out.push((compact_name(&other.name), other.range.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::extract_text;

    fn org(t: &str) -> Option<String> {
        extract_text("t.txt", t)
            .into_iter()
            .next()
            .and_then(|i| i.organization)
    }

    #[test]
    fn a_case_named_after_its_body_in_a_headline_under_a_section_label() {
        assert_eq!(
            org("社会\n\nサンプルネット流出事件 補償額に批判\n\n当初約100万件とされた顧客情報の流出件数は、約120万件に上ることが判明した。").as_deref(),
            Some("サンプルネット")
        );
    }

    #[test]
    fn a_municipality_after_a_prefecture_whose_name_holds_a_marker() {
        // 都 of 京都 is no prefecture ending: the split is after 府
        assert_eq!(
            org("京都府みどり市は1日、職員が住民の名簿を紛失したと発表した。").as_deref(),
            Some("みどり市")
        );
        assert_eq!(
            org("東京都あおば区は1日、職員が住民の名簿を紛失したと発表した。").as_deref(),
            Some("あおば区")
        );
    }

    #[test]
    fn a_municipal_body_and_a_town_drop_their_prefecture_and_district() {
        assert_eq!(
            org("あおば県みどり市教育委員会は1日、教諭が生徒の名簿を紛失したと発表した。")
                .as_deref(),
            Some("みどり市教育委員会")
        );
        assert_eq!(
            org("みなみ郡ひかり町は1日、職員が住民の名簿を紛失したと発表した。").as_deref(),
            Some("ひかり町")
        );
        // a prefecture's own body keeps its name
        assert_eq!(
            org("あおば県教育委員会は1日、教諭が生徒の名簿を紛失したと発表した。").as_deref(),
            Some("あおば県教育委員会")
        );
    }

    #[test]
    fn the_announcer_of_a_news_item() {
        assert_eq!(
            org("みどり新聞 2031年5月2日\nあおば県みどり市は1日、職員が住民の名簿を紛失したと発表した。市によると、名簿には氏名が記載されていた。").as_deref(),
            Some("みどり市")
        );
    }

    #[test]
    fn a_board_of_education_named_alone_is_the_citys() {
        // every city and prefecture has a 教育委員会: the word alone names none
        assert_eq!(
            org("みなと県ひかり市の職員が名簿を誤って送付した。ひかり市によると、教育委員会の職員が応募者120人分の名簿を誤ったメールアドレスに送った。").as_deref(),
            Some("ひかり市")
        );
    }

    #[test]
    fn a_section_named_without_its_body_gives_way_to_the_body() {
        assert_eq!(
            org("みなと商科大学は、学生支援課が奨学金の案内メールを送信した際、誤って学生412人のメールアドレスを宛先に入力し、アドレスが他の学生に流出したと発表した。3日に学生支援課が送信した。").as_deref(),
            Some("みなと商科大学")
        );
    }

    #[test]
    fn a_notice_that_names_itself() {
        assert_eq!(
            org("この度、株式会社サンプル(本社:あおば県みどり市、以下「弊社」)の通販サイトにおいて、不正アクセスを受けました。").as_deref(),
            Some("株式会社サンプル")
        );
    }

    #[test]
    fn the_source_of_an_article_is_not_the_organization() {
        assert_eq!(
            org("あおば新聞によると、さくら病院の看護師がUSBメモリを紛失した。同病院によると、患者40人分の情報が入っていた。").as_deref(),
            Some("さくら病院")
        );
    }

    #[test]
    fn the_police_arresting_another_companys_staff() {
        assert_eq!(
            org("あおば県警は31日、サンプル工業株式会社の顧客データを不正に持ち出したとして、元社員を逮捕した。").as_deref(),
            Some("サンプル工業株式会社")
        );
    }

    #[test]
    fn a_description_where_nobody_is_named() {
        assert_eq!(
            org("あおば県みどり市の会社が、9月6日、サポート詐欺の被害にあった。").as_deref(),
            Some("あおば県みどり市の会社")
        );
    }

    #[test]
    fn two_universities_in_one_sentence_are_two_records() {
        let v = extract_text("t.txt", "新聞報道によると、あおば大学とみどり大学において、偽のログイン画面に誘導するメールで、学内のメールシステムに不正アクセスがあったとのことです。");
        let names: Vec<_> = v.iter().filter_map(|i| i.organization.clone()).collect();
        assert_eq!(names, vec!["あおば大学", "みどり大学"]);
    }

    #[test]
    fn a_prefecture_is_cut_only_where_it_ends() {
        for (t, want) in [
            (
                "宮崎県都城市は5日、住民票を誤って交付したと発表した。",
                "都城市",
            ),
            (
                "東京都府中市は5日、住民票を誤って交付したと発表した。",
                "府中市",
            ),
            (
                "京都府宇治市は5日、住民票を誤って交付したと発表した。",
                "宇治市",
            ),
        ] {
            let v = crate::extract_text("t.txt", t);
            assert_eq!(v[0].organization.as_deref(), Some(want), "{t}");
        }
    }
}

//! `published`, `occurred`, `discovered`: the dates of the notice, of the incident, of its
//! discovery.
//!
//! **published** is the notice's own date: a casebook heading's or a digest line's date, a
//! `公表日` label, the notice's date label or letterhead (`更新日:2031年9月22日`); in a news
//! item, the day the organization announced (`みどり市は28日、…と発表した`, the month and year
//! from the article's dateline; `23年10月に…公表`). A news article's own timestamp is not a
//! notice's date, nor is the date of a page that cites other bodies' incidents.
//!
//! **occurred** and **discovered**: each date mention is read with the words after it, up to
//! the next date or the end of its sentence (a date alone on a line reads the lines below it),
//! and with the words just before it (`紛失したのは2031年2月`, `発覚は…2031年11月`):
//!
//! | reading | example | field |
//! |---|---|---|
//! | a discovery cue | `6月5日に判明`, `…から連絡を受け`, `…と気づいた` | discovered |
//! | an incident cue | `2月24日に不正アクセスを受け`, `3月28日、書類を紛失` | occurred |
//! | both, in clauses of their own | `2月27日、サポート詐欺にあい、…が発覚` | both |
//! | an incident cue the discovery names as past | `7月2日、…不正アクセスを受けたことが判明` | discovered |
//! | a period's start | `2031年5月以降…閲覧していた`, `2030年3月2日~…の期間に…漏洩` | occurred |
//! | a period of the records | `2029年4月以降に手術を受けた患者`, `…から3月31日分の納付書` | neither |
//! | a response | `…を公表`, `…に報告`, `…付けで処分`, `判決` | neither |
//! | a label section | `■発生日` / `■発覚日` | by the label |
//!
//! A sentence with a cue but no date of its own takes the date of the sentence before it in the
//! same paragraph (`6月3日夕方、…棚に置きました。…見当たらないことに気づきました。`). A
//! loss or theft dated only by its discovery took place on the last date mentioned before it;
//! one found missing minutes or hours after its dated act (`約20分後に戻ると…気付いた`) was
//! discovered that day.
//! The earliest date of each kind wins; the notice's own date is neither.

use super::{floor_char, Ctx};
use crate::analyze::Topic;
use crate::dates::DateMention;
use crate::doc::DatelineKind;
use crate::rules::{entries, Entry, Rule, RuleSet};
use crate::segment::{Found, SegmentKind};
use jikenbo_model::{Cause, PartialDate};
use std::ops::Range;
use std::sync::LazyLock;

/// Date cue classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCue {
    /// Something of the incident happened then (`不正アクセスを受け`).
    Occurred,
    /// The organization learned of it then (`判明`).
    Discovered,
    /// A response or formality (`公表`, `報告`, `付けで処分`): the date is neither.
    Response,
}

pub static DATE_CUES: LazyLock<RuleSet<DateCue>> = LazyLock::new(|| {
    RuleSet::new(vec![
        Rule::new("date_cue.response", DateCue::Response, "a response or a formality: the date is neither the incident's nor its discovery's",
            r"^(付|現在|時点)|改正|施行|制定|公表|掲載|会見|通知(?:[^書]|$)|報告|受領|受理|依頼し|を依頼|処分|付け?で|(本部|窓口|委員会|チーム|体制)を?設置|開始|実施|完了|停止|相談(?:[^がを]|$)|届け?出|(被害)?申告を行|通達|予定|復旧|回収|謝罪|逮捕|送検|起訴|提出|受講(?:[^者生]|$)|お知らせ|^までに(分かっ|わかっ|判明し)|(入会|受診|来院|通院|入院|加入|在籍|入学|在学|受験)(し|され|いただ|の(お客様|方|患者|会員))|契約(して|を締結|した)|解雇|取り?消|判決|提訴|訴訟|報じ|報道")
            .ex(&["に入会したお客様", "に受診した患者", "に来院された", "に加入した", "に在籍していた", "に入学した", "在学し", "に受験した", "までに分かった", "付で", "現在", "時点で", "届出を受理", "法改正", "施行", "制定", "ホームページで公表", "ホームページに掲載", "記者会見", "本人に通知", "本人に通知した", "委員会に報告", "報告書を受領", "調査を依頼し", "調査を依頼", "懲戒処分", "付けで", "対策本部を設置", "相談窓口設置", "調査を開始", "研修を実施", "調査が完了", "サービスを停止", "警察に相談", "被害申告を行い", "各校に通達", "被害届を届け出", "予定", "復旧した", "回収した", "謝罪した", "逮捕された", "書類送検", "起訴された", "被害届を提出", "研修を受講", "お知らせ", "契約を締結", "解雇", "取り消し", "判決", "提訴", "訴訟", "新聞が報じた", "報道"])
            .not(&["依頼され", "通知書を受け取った", "相談があり", "保守用に設置していた装置", "講座受講者名簿"]),
        Rule::new("date_cue.discovered", DateCue::Discovered, "the organization learned of the incident then",
            r"判明|発覚|検知|覚知|認知(し|後|いたし)|(不具合|事象|異常|事態|問題|誤り|不備|被害)を認識(し|いたし)|気付|気づ|気が(付|つ)|発見|把握|わかり|分かり|わかった|分かった|確認(した|しました|いたしました|され(た|ました)|[、。])|を確認\s*(\||$)|(連絡|通報|指摘|申告|報告|申し出)(を|が)(受け|いただ|あり|あっ)|から(の)?(報告|連絡|通報|指摘)(され|を受け|があり)|(との|という)お?(通報|連絡|指摘|申し出|問い?合わ?せ|相談|電話)|(相談|問い?合わ?せ|苦情|申し出)が(あり|あっ|寄せ)|(連絡|通報|指摘|報告|問い?合わ?せ|電話)が入(り|っ)|(問い?合わ?せ|苦情|申し出)を受け(た|、|まし|て)|(漏えい|漏洩|流出)(の)?懸念|(見た|確認した|調べた|開けた)ところ")
            .ex(&["6月5日に判明しました", "発覚した", "異常を検知", "覚知した", "不審な動作を認知後", "事案を認知した", "認知いたしました", "不具合を認識し", "事態を認識いたしました", "誤りに気付き", "紛失に気が付いた", "ないことに気づきました", "発見した", "把握した", "感染がわかりました", "分かりました", "ことがわかった", "誤送信が分かった", "感染を確認した", "誤りを確認しました", "流出を確認いたしました", "アクセスが確認された", "別の方の資料を渡したことを確認、", "| ファイルが暗号化されていることを確認 |", "連絡を受けた", "ご指摘をいただき", "利用者から連絡が入り", "と報告があった", "報告があり", "同社から報告された", "近隣住民からの通報を受け", "落ちているとの通報が", "疑いがあるとの問い合わせがあり", "知っていた」との相談があり", "入っている」とのお電話があり", "病院に相談があり", "利用者から問い合わせが寄せられ", "お客様から苦情を受けて", "漏洩懸念について", "校内で見たところ"])
            .not(&["確認中", "確認してください", "お問い合わせを受け付けております", "禁止されていることを認識しながら", "重大なインシデントであると認識し"]),
        Rule::new("date_cue.occurred", DateCue::Occurred, "something of the incident happened then",
            r"発生|生じ|不正(な|に)?アクセス(を受け|され|し|が)|不正ログイン|感染|被害|攻撃|侵入|暗号化|流出|漏えい|漏洩|誤送信|誤送付|送信|送付|紛失|盗難|盗ま|置き忘れ|なくなっ|閲覧|照会|持ち?出|ダウンロード|アップロード|遠隔操作|表示され|詐欺|遭|私的|改ざん|窃取|メモ|誤って|無断で|発送|郵送|投函|配布|配付|交付|封入|フィッシング|入力(し|させ)|開封|クリック|添付ファイルを開|散乱|公開されて|誤公開|誤掲載|乗っ取|送っ|添付し|ログイン|漏らし|売却|転売|売り渡|横流し|調べてい|取り違え")
            .ex(&["事案が発生", "事態が生じた", "不正アクセスを受け", "不正なアクセスが", "不正にアクセスし", "不正ログイン", "ウイルスに感染", "被害にあった", "攻撃を受けた", "侵入された", "暗号化された", "情報が流出", "漏えいした", "漏洩した", "誤送信した", "誤送付した", "メールを送信", "資料を送付", "書類を紛失", "盗難に遭い", "盗まれた", "置き忘れた", "なくなっていた", "不正に閲覧", "照会した", "持ち出した", "持出した", "ダウンロードした", "アップロードした", "遠隔操作", "画面に表示され", "詐欺", "被害に遭", "私的に利用", "改ざんされ", "窃取された", "メモした", "誤って添付", "無断で", "発送した", "レターパックで郵送", "ポストに投函", "資料を配布", "名簿を配付", "写しを交付", "封入した", "フィッシング", "IDを入力し", "添付ファイルを開封", "リンクをクリック", "添付ファイルを開いた", "散乱した", "窓口で公開されていました", "誤公開", "誤掲載", "アカウントが乗っ取られ", "名簿のファイルを添付して送った", "資料を添付した", "不正なログインが急増", "知人に漏らした", "名簿業者に売却し", "転売した", "売り渡した", "横流しした", "知人の住所を調べていた", "申請書を取り違えた"])
            .not(&["研修を行った"]),
    ])
    .vocabulary()
});

/// A date followed by these words starts a period (`2022年6月以降`): an occurrence, never the
/// discovery.
pub static RANGE_START: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.range_start",
        (),
        "a date that opens a period",
        r"^\s*(\([^)]{1,4}\))?\s*(頃|ごろ|上旬|中旬|下旬)?\s*(以降|から|より|以来|~|〜|－|-)",
    )
    .ex(&[
        "以降",
        "(火)から",
        "頃から",
        "上旬より",
        "以来",
        "~",
        "〜",
        "－",
        "-",
    ])
    .not(&["に判明"])
});

/// A date followed by these words closes a period (`2023年8月まで`): neither date.
pub static RANGE_END: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.range_end",
        (),
        "a date that closes a period",
        r"^\s*(\([^)]{1,4}\))?\s*(頃|ごろ)?\s*(まで|迄|にかけ)",
    )
    .ex(&["まで", "頃まで", "(金)まで", "迄", "にかけて"])
    .not(&["までに判明"])
    .unless_after(r"^に")
});

/// An event word used as a topic, not an event (`漏えいの疑いに関する`, `流出について`).
pub static CUE_NOMINAL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.cue_nominal",
        (),
        "after a cue: the event is a topic, not an event",
        r"^(の疑い|の可能性|のおそれ|の懸念|に関する|について|につき|の有無|等?の防止|防止|対策|の?(記録|履歴|ログ)(を|が|は|に|から|の|、))",
    )
    .ex(&[
        "の疑い",
        "の懸念",
        "の可能性",
        "のおそれ",
        "に関するお知らせ",
        "について",
        "につき",
        "の有無",
        "等の防止",
        "防止策",
        "対策",
        "記録が見つかり",
        "の履歴を調べ",
        "ログから",
    ])
    .not(&["した"])
});

/// After a response cue: the act qualifies a thing (`写真を掲載したデータを、誤って…`), as a
/// relative clause; it is not the act of the sentence.
pub static CUE_ADNOMINAL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.cue_adnominal",
        (),
        "after a response cue: a thing it qualifies (…したデータ), not the sentence's act",
        r"^(し|され|してい)た(データ|ファイル|資料|書類|文書|名簿|画像|写真|記事|原稿|もの)",
    )
    .ex(&["したデータ", "されたファイル", "していた資料", "した名簿"])
    .not(&["した。", "しました", "したため"])
    .general("a Japanese verb before a noun qualifies it (掲載したデータ): the act of the sentence comes later")
});

/// A lasting state rather than an event on that date (`閲覧可能となっている`).
pub static CUE_STATE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.cue_state",
        (),
        "after a cue: a lasting state, not an event on the date",
        r"^.{0,8}(となって|な状態|の状態|可能)",
    )
    .ex(&["可能となっている", "可能な状態", "の状態", "閲覧可能"])
    .not(&["した", "れていた"])
});

/// After a cue: the content of a wish or a plan that a message carries (`相談を行いたい旨を記載`),
/// not an act.
pub static CUE_CONTENT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.cue_content",
        (),
        "after a cue: the content of a wish or plan a message carries",
        r"^[^、。]{0,8}(たい|ます|する|します)(旨|との)",
    )
    .ex(&[
        "を行いたい旨",
        "したい旨",
        "を行います旨",
        "する旨",
        "しますとの",
    ])
    .not(&["した旨の連絡"])
    .general("a clause ending in 旨/との with a wish or future form reports what a letter says")
});

/// Occurrence cue denied right after (`情報漏洩が無いか`).
pub static CUE_NEGATED: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.cue_negated",
        (),
        "after a cue: the event is denied",
        r"^.{0,4}(無い|ない|なし|無し|ありません|ございません|されていない|されておらず|禁止法)|^[^。、]{0,6}を(原則として)?(禁止|禁じ)",
    )
    .ex(&[
        "が無いか",
        "はない",
        "なし",
        "無し",
        "はありません",
        "はございません",
        "されていない",
        "などを原則として禁止し",
        "されておらず",
        "禁止法違反",
    ])
    .not(&["した"])
});

/// A date label right before a date on the same line (`発覚日: 2025年1月6日`,
/// `| 閲覧可能となっていた期間 | …`, `対象:2031年2月10日〜…`).
pub static INLINE_DATE_LABEL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("date.inline_label", (), "a label before a date on its line: 発生日/発覚日, an exposure period",
        r"((発生|発覚|判明|発見|覚知|検知)(日|日時|時期|年月日)|(?:誤?送信|誤?送付|誤?発送|誤配布|紛失|盗難)(?:日|日時|年月日)|(発生|漏えい|流出|閲覧可能|公開|アクセス可能)[^ |:]{0,12}期間)\s*[|:]?\s*$")
        .ex(&["| 発覚日 | ", "発生日時:", "判明日 ", "発見日:", "覚知時期:", "検知日時 ", "発生年月日:", "送信日時\t", "誤送付日:", "発送日 ", "紛失日:", "盗難日時 | ", "漏えい期間:", "閲覧可能となっていた期間 | ", "公開期間:", "アクセス可能期間:"])
        .not(&["更新日:"])
});

/// Words just before a date that give its cue (`紛失したのは2030年2月`, `発覚は…2030年11月に`).
pub static CUE_BEFORE: LazyLock<RuleSet<DateCue>> = LazyLock::new(|| {
    RuleSet::new(vec![
        Rule::new("date_cue.before.discovered", DateCue::Discovered, "a discovery named before its date",
            r"(発覚|判明|発見)(したの)?は[^。、]{0,20}$|気(付|づ)いたのは[^。、]{0,12}$")
            .ex(&["盗難が発覚したのは", "不正取得の発覚は警部補が", "判明したのは", "気づいたのは"])
            .not(&["発覚後、"]),
        Rule::new("date_cue.before.occurred", DateCue::Occurred, "an incident named before its date",
            r"(紛失|流出|漏えい|漏洩|盗難|発生|送信|感染|持ち出)(し|され)?(た)?の(は|が)、?[^。、]{0,6}$|(不正(な)?アクセス|サイバー攻撃|攻撃|侵入)を受けたの(は|が)、?[^。、]{0,6}$|(不正(な)?アクセス|サイバー攻撃|攻撃|侵入|不正ログイン|不正利用)(は|が)$|(流出|漏えい|漏洩)(した|の)(可能性|おそれ|恐れ)(が|の)ある(の|方)は[^。、]{0,6}$|(盗難|被害)に(あ|遭)ったの(は|が)[^。、]{0,6}$|((公開|閲覧可能な?|閲覧できた|流出|漏えい|漏洩|不正アクセスの|被害の|影響の?ある|(可能性|おそれ)(が|の)ある)|^|[、。])期間(は|:|:)\s*$")
            .ex(&["不正アクセスを受けた可能性がある期間は", "、期間は", "公開期間は", "閲覧可能な期間は", "流出期間:", "不正アクセスの期間は", "紛失したのは", "流出したのは", "漏えいしたのは", "漏洩したのは", "盗難にあったのは", "発生したのは", "送信されたのは", "感染したのは", "持ち出したのは", "流出した可能性があるのは", "漏えいのおそれがある方は", "不正アクセスは", "攻撃が", "不正アクセスを受けたのは、", "流出したのは、"])
            .not(&["公表したのは"]),
    ])
});

/// An attack's exposure window in the leaked-data section (`【対象となるお客様】2031年4月1日〜…
/// にご利用のお客様`) is when the data was taken.
pub static TARGET_PERIOD: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.target_period",
        (),
        "a period of use or registration in the data section: the exposure window",
        r"(決済|ご?利用|ご?登録|購入|注文|入力)",
    )
    .ex(&[
        "カードでの決済を行った",
        "ご利用されたお客様",
        "ご登録された",
        "商品を購入した",
        "ご注文",
        "カード情報を入力した",
    ])
    .not(&["医療相談を行った"])
    .general("card-skimming notices give the window of payments, orders and registrations")
});

/// Outside a data section, a sentence that names who is affected (`…の間にカード決済をした顧客
/// が対象`): its period of use is the exposure window as well.
pub static TARGET_SENTENCE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.target_sentence",
        (),
        "a sentence naming the persons affected: those who used or paid in a period",
        r"(顧客|お客様|お客さま|会員|利用者|人|方)(が|を|の一部が)?対象|対象(と|に)な(る|っ)",
    )
    .ex(&["カード決済をした顧客が対象", "ご利用のお客様を対象に", "登録した会員の一部が対象", "注文した人が対象", "対象となるのは", "対象になった"])
    .not(&["対象外"])
    .general("news items on card skimming give the window of payments with the persons it covers (…の間に決済した顧客が対象)")
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("dates", &DATE_CUES);
    v.extend(entries("dates", &CUE_BEFORE));
    for r in [
        &*RANGE_START,
        &*CAME_TO_LIGHT,
        &*RELEASE_LINE,
        &*RANGE_END,
        &*DATA_SCOPE,
        &*SAME_DAY_AFTER,
        &*CUE_NOMINAL,
        &*CUE_STATE,
        &*CUE_NEGATED,
        &*CUE_CONTENT,
        &*NOMINALIZED,
        &*CUE_ADNOMINAL,
        &*INLINE_DATE_LABEL,
        &*TARGET_PERIOD,
        &*TARGET_SENTENCE,
    ] {
        v.extend(entries("dates", std::slice::from_ref(r)));
    }
    v.extend(crate::doc::rules());
    v
}

/// A date line: the date and at most a few words around it (`令和6年3月15日`, `2024年3月15日 更新`).
fn standalone_date<'a>(
    ctx: &'a Ctx,
    l: &Range<usize>,
) -> Option<&'a (PartialDate, &'a DateMention)> {
    let s = ctx.s(l);
    let d = ctx
        .dates
        .iter()
        .find(|(_, d)| d.range.start >= l.start && d.range.end <= l.end)?;
    let rest = s.len() - (d.1.range.end - d.1.range.start);
    (d.1.has_year() && d.0.is_full() && rest <= 24).then_some(d)
}

/// Whether the page cites another body's incident from a report (`新聞報道によると…`).
fn cites_report(ctx: &Ctx) -> bool {
    static REPORTED: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(r"(報道|新聞|{MEDIA_SUFFIX})によると|報じ(た|られ)")
    });
    REPORTED.is_match(ctx.seg_text())
}

/// Whether `s` holds `表日`, `載日` or `開日` (公表日, 掲載日, 公開日…): one search for `日` and a
/// look at the character before each, not three substring searches per line.
fn has_date_label(s: &str) -> bool {
    static DAY: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("日".as_bytes()));
    DAY.find_iter(s.as_bytes())
        .any(|i| s[..i].ends_with(['表', '載', '開']))
}

/// The notice's own date.
pub fn published(ctx: &Ctx) -> Option<Found<PartialDate>> {
    if let Some(p) = &ctx.seg.published {
        return Some(p.clone());
    }
    if let Some(p) = came_to_light(ctx) {
        return Some(p);
    }
    if ctx.seg.kind.is_listed() {
        return None;
    }
    // a 公表日 label section
    for (l, t) in ctx.lines.iter() {
        // (a label with its date on the line: `発表日:2031年7月3日`)
        let label = l.heading.is_none_or(|(lv, _)| lv == crate::analyze::LABEL);
        // a label with its value on its line heads nothing, so it is asked of the line itself
        let inline = l.heading.is_none() && {
            let s = ctx.s(&l.range);
            has_date_label(s) && crate::analyze::topic_of(s) == Topic::Published
        };
        if (*t == Topic::Published && label) || inline {
            if let Some((d, m)) = standalone_date(ctx, &l.range).or_else(|| {
                ctx.dates
                    .iter()
                    .find(|(_, m)| m.range.start >= l.range.start && m.range.end <= l.range.end)
            }) {
                return Some((*d, m.range.clone()));
            }
        }
    }
    // a press release's line of its release (`令和6年7月8日 15時30分発表`, `2031年1月5日公表`)
    if ctx.seg.kind == SegmentKind::Notice {
        for (l, _) in ctx.lines.iter().take(12) {
            let s = ctx.s(&l.range);
            if RELEASE_LINE.is_match(s) {
                if let Some((d, m)) = standalone_date(ctx, &l.range) {
                    return Some((*d, m.range.clone()));
                }
            }
        }
    }
    // the notice's own date label or letterhead (not for a case a page cites)
    if ctx.seg.kind == SegmentKind::Notice && !(ctx.doc.own_notice && cites_report(ctx)) {
        if let Some(dl) = &ctx.doc.dateline {
            if dl.kind == DatelineKind::Notice {
                return Some((dl.date, dl.range.clone()));
            }
        }
    }
    // a news item: the day the organization announced
    announced(ctx)
}

/// A press release's line that dates its release: a date, maybe the hour, then `発表`
/// (`令和6年7月8日 15時30分発表`, `2031年1月5日 公表`).
pub static RELEASE_LINE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.release_line",
        (),
        "a line of a date and its hour that ends in 発表 or 公表: the release's own date",
        r"日(\([^)]{1,4}\))?\s*([0-9]{1,2}(時|:)([0-9]{1,2}分?)?)?\s*(発表|公表)$",
    )
    .ex(&[
        "令和6年7月8日 15時30分発表",
        "2031年1月5日公表",
        "2031年1月5日(月) 14:00 発表",
    ])
    .not(&["2031年1月5日に発表", "2031年1月5日 報道発表資料について"])
    .general(
        "municipal and corporate press releases print the hour of their release under the title",
    )
});

/// The end of a news sentence that tells what came to light (`…紛失していたことがわかった。`,
/// `…県への取材で分かった。`): the plain form of the press, not an own notice's `判明しました`.
pub static CAME_TO_LIGHT: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.came_to_light",
        (),
        "a news sentence that opens with a full date and ends in ことがわかった: the day it was reported",
        r"(ことが|取材で|によって|により)(わ|分)かった(という)?。",
    )
    .ex(&["紛失していたことがわかった。", "流出していたことが分かった。", "県への取材で分かった。"])
    .not(&["判明しました。", "ことが分かりました。", "ことがわかったため、"])
    .general("news items and digests open a case with the day it was reported: `2031年5月2日、…ことが分かった`")
});

/// A news item or digest entry that opens with a full date and tells what came to light that
/// day (`2031年5月2日、みどり市立中学校の教諭が…紛失していたことが分かった。`): the day of the
/// report, the item's own date. Not in an own notice, which tells its discovery so.
fn came_to_light(ctx: &Ctx) -> Option<Found<PartialDate>> {
    if ctx.doc.own_notice {
        return None;
    }
    let text = ctx.text;
    ctx.dates.iter().take(3).find_map(|(d, m)| {
        if !(m.has_year() && m.day.is_some()) {
            return None;
        }
        // the date opens its line (a paragraph of the item)
        let line_start = text[..m.range.start].rfind('\n').map_or(0, |p| p + 1);
        if !text[line_start..m.range.start].trim().is_empty() {
            return None;
        }
        let rest = text[m.range.end..].strip_prefix('、')?;
        let end = rest.find('。')?;
        let sentence = &rest[..end + '。'.len_utf8()];
        (!sentence.contains("\n\n") && CAME_TO_LIGHT.is_match(sentence))
            .then(|| (*d, m.range.clone()))
    })
}

/// After a date that opens a sentence: the subject of the announcement, and no other act
/// before it (`、みどり協会は、…と`).
static LEAD_SUBJECT: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::rules::compile(r"^、([^、。「」]{2,40}?)(は|が)、?[^。]*(と|を)$"));

/// A sentence's announcing verb (`…と発表した`, `…を明らかにした`).
static ANNOUNCED_VERB: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(r"(と|を)(発表|公表|明らかに)(し|いたし)(た|まし)[^。]{0,8}。?\s*$")
});

/// The day an organization announced (news style): `みどり市は28日、…と発表した`,
/// `23年10月に…を公表`. Without a dateline, a year-less day takes the year of the incident's
/// latest dated event, and the year after when it would fall before it (an announcement
/// follows what it announces).
fn announced(ctx: &Ctx) -> Option<Found<PartialDate>> {
    static ANNOUNCED: LazyLock<regex::Regex> = LazyLock::new(|| {
        crate::rules::compile(
            r"(発表|公表|明らかに|公開|謝罪)(し|いたし)(た|まし|てい|、)|(から|より)[^。]{0,60}(発表|公表)(され|がありま)",
        )
    });
    let text = ctx.text;
    for s in ctx.fact_sents() {
        let st = ctx.s(&s.range);
        // (an announcement that names an earlier notice by its title is that notice's:
        // `2031年1月26日に公表いたしました「…のお知らせ」につきまして`)
        let Some(a) = ANNOUNCED.find_iter(st).find(|a| {
            !st[a.end()..]
                .trim_start_matches(['た', 'る'])
                .trim_start()
                .starts_with(['「', '『'])
        }) else {
            continue;
        };
        let at = s.range.start + a.start();
        // a date of the sentence before the announcement, right after a subject (`…は28日、`,
        // `…が、4月8日に`) or before `に…公表` (`23年10月に…公表`)
        let found = ctx
            .doc
            .dates
            .iter()
            .filter(|m| m.range.start >= s.range.start && m.range.end <= at)
            .find(|m| {
                let before = text[s.range.start..m.range.start].trim_end();
                let after = &text[m.range.end..at];
                // (not a date of another act the subject did: `巡査長が4月に逮捕された事件を巡り、
                // 県警は20日、…発表`)
                let other_act =
                    after.starts_with('に') && !after.starts_with("に、") && after.contains('、');
                let subject_date = (before.ends_with('は')
                    || before.ends_with("は、")
                    || before.ends_with('が')
                    || before.ends_with("が、"))
                    && !other_act;
                // (`…と28日までに発表した`: announced by that day)
                let date_of_act = (after.starts_with('に') || after.starts_with("までに"))
                    && !after.contains('、');
                // the passive, from the body: `2031年8月8日、…A社より…発表されました`,
                // `…ときょう(6日)、みどり市から発表されました`
                let passive = a.as_str().starts_with(['か', 'よ'])
                    && (before.is_empty()
                        || (before.ends_with('と')
                            && after.trim_start_matches([')', '、']).chars().count() <= 24));
                // `…まで` ends a period (`までに`, by a date, does not)
                let period_end = after.starts_with("まで") && !after.starts_with("までに");
                // a full date opening the sentence, then its subject (`2031年1月7日、みどり協会は、
                // …と発表した`): the news lead with the date first
                // (in a polite text, only a named subject: `2031年1月7日、みどり協会は、…を公表
                // しました` is a summary's lead, `…、当社は…` an own notice's earlier act)
                let lead_date = before.is_empty()
                    && m.has_year()
                    && m.day.is_some()
                    && LEAD_SUBJECT
                        .captures(after)
                        .and_then(|c| c.get(1))
                        .is_some_and(|g| {
                            let subj = m.range.end + g.start()..m.range.end + g.end();
                            !ctx.doc.own_notice
                                || (!crate::words::starts_with_first_person(&text[subj.clone()])
                                    && ctx
                                        .doc
                                        .orgs_in(subj.clone())
                                        .any(|o| o.range.start == subj.start))
                        });
                let ok = (subject_date || date_of_act || passive || lead_date) && !period_end;
                // an own notice dates its acts as subjects (`当社は…日、`)
                ok && (subject_date || lead_date || !ctx.doc.own_notice)
            });
        let Some(m) = found else { continue };
        // a news item's announcement day (`県警は20日、`) counts from the dateline, not from a
        // month the sentence named before it (`4月に逮捕された事件を巡り`)
        let day_only = month_of(m).is_none() && m.day.is_some() && m.rel.is_none();
        // a month-day without a year (`2月27日に公表`) is the last such day up to the
        // dateline, not one in the year of the dates the article told before it
        let month_day = month_of(m).is_some() && !m.has_year() && m.rel.is_none();
        let resolved = if day_only && ctx.anchor.is_some() {
            crate::dates::resolve_all(std::iter::once(m), ctx.anchor)
                .first()
                .map(|(d, _)| *d)
        } else if let (true, Some(a), Some(mo)) = (month_day, ctx.anchor, month_of(m)) {
            let mk = |y: i32| match m.day {
                Some(dd) => PartialDate::ymd(y, mo, dd),
                None => PartialDate::ym(y, mo),
            };
            // the same day written with its weekday elsewhere (`12月9日(火)` above the item)
            // names the year
            let weekday = m.weekday.or_else(|| {
                ctx.doc
                    .dates
                    .iter()
                    .find(|x| {
                        x.weekday.is_some()
                            && !x.has_year()
                            && month_of(x) == Some(mo)
                            && x.day == m.day
                    })
                    .and_then(|x| x.weekday)
            });
            let by_weekday = weekday.zip(m.day).and_then(|(w, dd)| {
                [a.year, a.year - 1, a.year + 1].into_iter().find(|y| {
                    PartialDate::ymd(*y, mo, dd).is_some()
                        && crate::dates::weekday_of(*y, mo, dd) == w
                })
            });
            match by_weekday {
                Some(y) => mk(y),
                None => mk(a.year).and_then(|d| if d > a { mk(a.year - 1) } else { Some(d) }),
            }
        } else {
            ctx.dates
                .iter()
                .find(|(_, x)| x.range == m.range)
                .map(|(d, _)| *d)
        };
        let d = match resolved {
            Some(d) if ctx.anchor.is_some() || m.has_year() => d,
            _ => {
                // no dateline: after the incident's latest dated event
                let Some(latest) = ctx
                    .dates
                    .iter()
                    .filter(|(_, x)| x.range != m.range)
                    .map(|(d, _)| *d)
                    .max()
                else {
                    continue;
                };
                let (Some(mo), day) = (month_of(m), m.day) else {
                    continue;
                };
                let mk = |y: i32| match day {
                    Some(dd) => PartialDate::ymd(y, mo, dd),
                    None => PartialDate::ym(y, mo),
                };
                let d = mk(latest.year)?;
                // (a day just before the latest date is that year's: the page's own date or a
                // step told after the announcement, not an announcement a year on)
                let months_before = |a: PartialDate, b: PartialDate| {
                    (b.year * 12 + i32::from(b.month.unwrap_or(1)))
                        - (a.year * 12 + i32::from(a.month.unwrap_or(1)))
                };
                if d < latest && months_before(d, latest) > 1 {
                    mk(latest.year + 1)?
                } else {
                    d
                }
            }
        };
        return Some((d, m.range.clone()));
    }
    None
}

fn month_of(m: &DateMention) -> Option<u8> {
    match m.month {
        crate::dates::MonthForm::Known(x) => Some(x),
        _ => None,
    }
}

/// The first cue of each kind in `window`, by position: (kind, start, end). An event word used
/// as a topic (`漏えいの疑いに関する`) or denied (`漏洩が無いか`) is no cue; with `states`
/// false, neither is a lasting state (`閲覧可能となっている`).
fn cues(window: &str, rest: &str, states: bool) -> Vec<(DateCue, usize, usize)> {
    cues_outside(window, rest, states, &[])
}

/// [`cues`], leaving out matches inside the given ranges of `window` (organization names:
/// `建築指導課` holds no `指導`).
fn cues_outside(
    window: &str,
    rest: &str,
    states: bool,
    names: &[Range<usize>],
) -> Vec<(DateCue, usize, usize)> {
    let mut out = Vec::new();
    // the rows whose literals occur, each searched for where they begin
    let hits = DATE_CUES.hits(window);
    let mask = hits.iter().fold(0, |m, h| m | h.1);
    for (i, r) in DATE_CUES.rows_of(mask) {
        for m in DATE_CUES.row_matches(i, window, &hits) {
            if names.iter().any(|n| n.start < m.end && m.start < n.end) {
                continue;
            }
            let after = &rest[m.end.min(rest.len())..];
            if CUE_CONTENT.is_match(after)
                || (r.value == DateCue::Response && CUE_ADNOMINAL.is_match(after))
            {
                continue;
            }
            if r.value != DateCue::Response
                && (CUE_NEGATED.is_match(after) || CUE_NOMINAL.is_match(after))
            {
                continue;
            }
            if r.value == DateCue::Occurred && !states && CUE_STATE.is_match(after) {
                continue;
            }
            out.push((r.value, m.start, m.end));
        }
    }
    // at the same place, a discovery reading wins (`報告があり` is learning, not reporting)
    let rank = |k: DateCue| match k {
        DateCue::Discovered => 0,
        DateCue::Occurred => 1,
        DateCue::Response => 2,
    };
    out.sort_by_key(|c| (c.1, rank(c.0)));
    out.dedup_by(|b, a| b.1 < a.2 && b.1 >= a.1); // overlapping cues: the first reading
    out
}

static PROGRESSIVE: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::rules::compile(r"ていた|ている|ていること|てい(まし|る)"));
/// Between an occurrence cue and the discovery after it: the incident is the content the
/// discovery takes, named as past (`…を受けたことが判明`), listed with others (`改ざんされている
/// こと、…があることについて連絡を受け`) or reported by someone (`改ざんされたと…より連絡を
/// 受けました`). The date is the discovery's.
pub static NOMINALIZED: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.nominalized",
        (),
        "the incident as the content of its discovery: named as past, listed or reported",
        r"^[^、。]{0,12}((た|ている|ていた)(こと|旨)(が|を|に|、|について|と)|(た|ている|ていた)(と|との)[^、。]{0,24}$)",
    )
    .ex(&[
        "を受けたことが判明",
        "されていた旨を確認",
        "されていたことに気付",
        "されていること、",
        "されていたことについて",
        "されたこととあわせて",
        "されたとショーケース社より",
        "されているとの",
    ])
    .not(&["され、", "されたため、調査を"])
    .general("how Japanese reports an event as the object of learning of it: …こと/旨 + が/を/に/について, …と + 連絡を受け")
});
/// After a date: a point in time named by an act (`14日の送信後、`, `5日の勤務時間中、`,
/// `3日の点検時に`): the date is the time of what the clause after it tells, not a qualifier of
/// a noun; the act's own word is not that clause's cue.
static TIME_OF_ACT: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(r"^\s*の[一-龠々ァ-ヶー]{1,6}(直後|後|以降|時|中|の際|際)[、,に]?")
});
/// After a date: its weekday (`27日の土曜日に`), no noun it qualifies.
static WEEKDAY_AFTER: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::rules::compile(r"^\s*の\s*[月火水木金土日]曜"));
/// After a date: it qualifies a noun (`…の通知書`, `度の業務`), possibly as the start of a period
/// (`〜24年3月の`), a month or year only.
static OF_NOUN: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"^\s*(度)?\s*([~〜－-]\s*[0-9]{2,4}\s*年\s*([0-9]{1,2}\s*月)?\s*(度)?\s*)?の[^時頃ごろ夜朝昼午]",
    )
});
/// A period that says whose data it is, not when anything happened: the patients treated, the
/// customers served, the slips of those months (`2012年12月から14年2月に…を受診した患者`,
/// `平成27年4月以降に輸血を行った患者`, `4月1日から5月31日分の納付書`).
pub static DATA_SCOPE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.data_scope",
        (),
        "a period that delimits whose data it is (the persons served, the slips of those days)",
        r"^[^。]{0,60}?((([0-9]\s*[日月]|年度)\s*分|期間)の[^。、]{0,20}(書類|納付書|伝票|帳票|データ|情報|記録|名簿|控え?)|(し|され|行っ|受け|いただい)(てい)?(た|ない)(お客様|お客さま|顧客|会員|利用者|患者|児童|生徒|卒業生|住民|市民|方))",
    )
    .ex(&[
        "から14年2月に受診し、その後来院していない患者の書類",
        "以降に同院で輸血を行った患者",
        "から5月31日分の納付書",
        "から2031年11月までの期間に当社よりカタログを送付したお客様",
        "~3月の期間の伝票",
        "以降に入会された会員",
        "から卒業までに指導を受けた児童",
        "より利用いただいた顧客",
        "以降に在籍していた生徒",
        "以降に転入された住民",
        "以降に登録した市民",
        "以降に申請された方",
        "から3月分の帳票",
        "から3月分のデータ",
        "から3月分の情報",
        "から3月分の記録",
        "から3月分の名簿",
        "から3月分の控え",
        "以降に健診を受けた利用者",
        "以降に採用された卒業生",
    ])
    .not(&["から5月にかけて不正アクセスを受けた", "以降、職員が閲覧していた", "から3月までの間、市民27人分の住所などの情報を閲覧"])
    .general("notices of lost records and mailing lists name the period of the records (patients treated, customers mailed, slips of those months)")
});

/// A sentence that opens minutes or hours after the act the sentence before dated (`約20分後に
/// 戻ると`, `1時間後に気付いて`): the same day.
pub static SAME_DAY_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "date.same_day_after",
        (),
        "minutes or hours after the act dated just before: the same day",
        r"^\s*(その|約|およそ)?\s*([0-9]+|数|十数)\s*(分|時間)\s*(ほど|くらい|ぐらい)?\s*(後|経っ|たっ)|^\s*(その)?直後",
    )
    .ex(&["約20分後に戻ると", "1時間後に気付いて", "数時間後", "およそ30分ほど後に", "十数分経って", "その直後", "直後に", "2時間たって"])
    .not(&["3日後に", "20分間"])
    .general("news items tell how soon a loss was noticed: minutes or hours after the act")
});

/// Whether the words between two dates make the second the end of a period the first opens
/// (`AからB`, `A~B`).
fn closes_range(between: &str) -> bool {
    RANGE_START.is_match(between) && between.chars().count() <= 8
}

/// A date joined to the one after it (`と25日`, `および7月14日`), the verb after both.
static JOINED_DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"^\s*(と|および|及び|、)\s*((19|20)?[0-9]{2}\s*年\s*)?([0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日",
    )
});

/// A date attached to the verb after it: `3月28日に…`, `28日午前2時ごろに…` (not `…日に、`).
static ATTACHED: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::rules::compile(
        r"^\s*(\([^)]{1,4}\))?\s*([午前後]{0,2}\s*[0-9]{1,2}\s*時[0-9]{0,2}分?)?\s*(頃|ごろ)?に[^、]",
    )
});
/// The act happened then: `…しようとした際、`, `…したところ`.
static ACT_CLAUSE: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::rules::compile(r"際[、に]|ところ[、,]|した後"));

/// Occurrence and discovery dates (see the module doc).
pub fn incident_dates(
    ctx: &Ctx,
    published: Option<&Found<PartialDate>>,
    cause: Option<Cause>,
) -> (Option<Found<PartialDate>>, Option<Found<PartialDate>>) {
    let published_range = published.map(|p| p.1.clone());
    let dateline_range = ctx.doc.dateline.as_ref().map(|d| d.range.clone());
    let mut occ: Vec<Found<PartialDate>> = Vec::new();
    let mut disc: Vec<Found<PartialDate>> = Vec::new();
    let text = ctx.text;
    let mentions: Vec<&DateMention> = ctx.dates.iter().map(|(_, m)| *m).collect();
    // dates that had no cue of their own, by sentence (for the sentences after them)
    let mut uncued: Vec<(usize, Found<PartialDate>)> = Vec::new();
    for (k, (date, d)) in ctx.dates.iter().enumerate() {
        let date = *date;
        if published_range.as_ref().is_some_and(|p| *p == d.range)
            || dateline_range.as_ref().is_some_and(|p| *p == d.range)
        {
            continue;
        }
        // the line holding the date (lines are in text order and do not overlap)
        let li = ctx
            .lines
            .partition_point(|(l, _)| l.range.end < d.range.end);
        let Some(li) = ctx
            .lines
            .get(li)
            .filter(|(l, _)| l.range.start <= d.range.start && d.range.end <= l.range.end)
            .map(|_| li)
        else {
            continue;
        };
        let (line, topic) = &ctx.lines[li];
        if matches!(
            topic,
            Topic::Prevention | Topic::Contact | Topic::Published | Topic::Aside
        ) {
            continue;
        }
        // a round-up's date line above its item (`12月9日(火) 鳥取県`) on the day the item was
        // published: the item's date again
        if published.is_some_and(|p| p.0 == date) {
            let l = &text[line.range.clone()];
            if !l.contains('。') && l.chars().count() <= 24 {
                continue;
            }
        }
        // a headline's `先月にも別の誤送付`: the date of another case the article adds
        let headline = li == 0 && !text[line.range.clone()].ends_with('。');
        if headline && text[d.range.end..line.range.end].starts_with("にも") {
            continue;
        }
        // the end of a period (`2031年3月1日~2031年4月14日に決済された…が判明`): the period's
        // words belong to its start, and its end is neither when it began nor when it was found
        if k > 0
            && d.range.start >= mentions[k - 1].range.end
            && closes_range(&text[mentions[k - 1].range.end..d.range.start])
        {
            continue;
        }
        // the day a subject announced (`共済連は同日、…紛失したと発表した`, the lead told again):
        // the notice's, never the incident's
        if let Some(sent) = ctx.sent_at(d.range.start) {
            let before = text[sent.range.start..d.range.start].trim_end();
            let after = &text[d.range.end..sent.range.end];
            if (before.ends_with('は') || before.ends_with("は、"))
                && after.starts_with('、')
                && ANNOUNCED_VERB.is_match(after)
            {
                continue;
            }
        }
        let found = (date, d.range.clone());
        let today = d.rel == Some(crate::dates::RelDay::Today);
        match topic {
            Topic::Occurred if line.heading.is_none() => {
                occ.push(found);
                continue;
            }
            Topic::Discovered if line.heading.is_none() => {
                disc.push(found);
                continue;
            }
            _ => {}
        }
        // an inline label: `発生日: 2024年12月27日`, `| 発覚日 | 2025年1月6日 |`
        let before_on_line = &text[line.range.start..d.range.start];
        if let Some(c) = INLINE_DATE_LABEL.re.captures(before_on_line) {
            match c.get(2).map(|m| m.as_str()) {
                Some("発生") | None => occ.push(found),
                Some(_) => disc.push(found),
            }
            continue;
        }
        // the words before the date in its clause: `紛失したのは2030年2月`
        // (a comma right before the date does not close it: `流出したのは、2031年2月`)
        let clause_start = before_on_line
            .trim_end_matches(['、', ' '])
            .rfind(['。', '、'])
            .map_or(line.range.start, |p| line.range.start + p + 3);
        let before = &text[clause_start.min(d.range.start)..d.range.start];
        // a date (or period) that qualifies a noun names the data, not an event:
        // `流出したのは2022年12月〜24年3月の通知書`, `2023年度の帳票作成業務`
        let after_date = &text[d.range.end..line.range.end];
        let time_of_act = TIME_OF_ACT.find(after_date).map_or(0, |m| m.end());
        if time_of_act == 0 && OF_NOUN.is_match(after_date) && !WEEKDAY_AFTER.is_match(after_date) {
            continue;
        }
        // a period of the records (`…以降に輸血を行った患者`), unless an attack's exposure window
        // (`…にご利用のお客様`, the time the data was taken)
        if RANGE_START.is_match(after_date)
            && DATA_SCOPE.is_match(after_date)
            && !(cause.is_some_and(|c| c.is_attack()) && TARGET_PERIOD.is_match(after_date))
        {
            continue;
        }
        if let Some(r) = CUE_BEFORE.first_matching(before.trim_end_matches(['、', ' '])) {
            match r.value {
                DateCue::Discovered => disc.push(found),
                _ => occ.push(found),
            }
            continue;
        }
        // a date in parentheses after a verb annotates it: `警察に相談(7月1日)`
        if before.ends_with('(') {
            continue;
        }
        // the window: to the next date (unless it closes a range) or the end of the sentence
        let sent = ctx.sent_at(d.range.start);
        let sent_end = sent.map_or(line.range.end, |s| s.range.end);
        let mut end = sent_end;
        let mut next = k + 1;
        while let Some(nd) = mentions.get(next) {
            if nd.range.start >= end {
                break;
            }
            let between = &text[d.range.end..nd.range.start];
            if closes_range(between) {
                next += 1; // `AからBまで…`: the words after B belong to A too
                continue;
            }
            end = nd.range.start;
            break;
        }
        let cap = floor_char(text, (d.range.end + 360).min(end));
        let window_start = (d.range.end + time_of_act).min(cap);
        let mut window = &text[window_start..cap];
        let mut rest = &text[window_start..end.max(sent_end).max(window_start)];
        let date_alone = text[line.range.clone()].chars().count() <= (d.range.len() / 3 + 14)
            && window.chars().count() <= 12;
        if date_alone {
            // a timeline entry: read the following lines up to the next date or heading
            let mut e = line.range.end;
            for (l2, _) in ctx.lines.iter().skip(li + 1) {
                if l2.heading.is_some() && !text[l2.range.clone()].is_empty() {
                    break;
                }
                let first_at = mentions.partition_point(|x| x.range.start < l2.range.start);
                if mentions
                    .get(first_at)
                    .is_some_and(|x| x.range.start < l2.range.end)
                {
                    e = l2.range.start.max(e);
                    break;
                }
                e = l2.range.end;
                if e - line.range.end > 600 {
                    break;
                }
            }
            window = &text[d.range.end..e.max(d.range.end)];
            rest = window;
        } else if window
            .trim_matches(|c: char| c == '、' || c == ',' || c == ' ')
            .is_empty()
        {
            // `12月3日、11月24日に持ち出した記録媒体を紛失していることに気づき`: the first
            // date takes the sentence's main verb (its last cue)
            let whole = &text[d.range.end..sent_end.max(d.range.end)];
            if let Some(last) = cues(whole, whole, false).last() {
                if last.0 == DateCue::Discovered {
                    disc.push(found);
                }
            }
            continue;
        }
        if RANGE_END.is_match(window) {
            continue;
        }
        let base = window.as_ptr() as usize - text.as_ptr() as usize;
        // the names in the window (mentions are in text order and do not nest)
        let orgs = &ctx.doc.orgs;
        let first_org = orgs.partition_point(|o| o.range.end <= base);
        let names: Vec<Range<usize>> = orgs[first_org..]
            .iter()
            .take_while(|o| o.range.start < base + window.len())
            .filter(|o| o.range.end > base)
            .map(|o| o.range.start.saturating_sub(base)..o.range.end - base)
            .collect();
        let cs = cues_outside(window, rest, RANGE_START.is_match(window), &names);
        if today {
            // `本日、…を確認しました`: the notice's own day is a discovery at most
            if cs.iter().any(|c| c.0 == DateCue::Discovered) {
                disc.push(found);
            }
            continue;
        }
        if RANGE_START.is_match(window) {
            // a period starts: an occurrence if anything of the incident happens in it (and no
            // response comes first: `…にかけて…が報じた`)
            match cs.first() {
                Some((DateCue::Response, _, _)) => {}
                _ if cs.iter().any(|c| c.0 == DateCue::Occurred) => occ.push(found),
                _ if (topic == &Topic::Data || TARGET_SENTENCE.is_match(rest))
                    && cause.is_some_and(|c| c.is_attack())
                    && TARGET_PERIOD.is_match(window) =>
                {
                    occ.push(found)
                }
                _ => {}
            }
            continue;
        }
        // dates in parallel share the verb after the last: `12月7日には利用者から、12月8日には
        // カード会社から、それぞれ…報告を受け`
        // (and dates joined: `2031年10月21日と25日に`, `6月17日および7月14日に`)
        let joined = {
            let w = window.trim_end();
            w.ends_with('、')
                || ["と", "および", "及び", "並びに", "や"]
                    .iter()
                    .any(|j| w.trim_end_matches(j).trim().is_empty() && !w.is_empty())
        };
        let cs = if cs.is_empty() && joined && end < sent_end {
            window = &text[window_start..sent_end.max(window_start)];
            cues(window, window, false)
        } else {
            cs
        };
        tracing::trace!(date = %date, window, ?cs, "date cues");
        // after the time of an act (`…日の送信後、…が判明`), what the clause tells happened
        // then: a discovery where it speaks of one, whatever it reports on the way
        if time_of_act > 0 && cs.iter().any(|c| c.0 == DateCue::Discovered) {
            disc.push(found);
            continue;
        }
        let Some(first) = cs.first() else {
            if let Some(s) = sent {
                uncued.push((s.range.start, found));
            }
            continue;
        };
        match first.0 {
            DateCue::Response => {}
            DateCue::Discovered => disc.push(found),
            DateCue::Occurred => {
                let disc_cue = cs.iter().find(|c| c.0 == DateCue::Discovered);
                // `3月28日に不正アクセスがあったことが判明`: a date attached with に dates the
                // event it stands before, not the discovery the sentence ends with
                // (`3月31日に紛失に気付いた`: the event is a noun the discovery takes; the date is
                // the discovery's)
                // (a date joined to the next, `10月21日と25日に…`, is attached as that one is)
                let attached = (ATTACHED.is_match(window)
                    || JOINED_DATE
                        .find(window)
                        .is_some_and(|m| ATTACHED.is_match(&window[m.end()..])))
                    && disc_cue.is_some_and(|dc| {
                        cs.iter()
                            .rfind(|c| c.0 == DateCue::Occurred && c.2 <= dc.1)
                            .is_some_and(|oc| NOMINALIZED.is_match(&window[oc.2..dc.1]))
                    });
                match disc_cue {
                    None => occ.push(found),
                    Some(_) if attached => occ.push(found),
                    Some(dc) => {
                        // `…を受けたことが判明`: the incident named as past by its discovery
                        let occurred_before: Vec<&(DateCue, usize, usize)> = cs
                            .iter()
                            .filter(|c| c.0 == DateCue::Occurred && c.1 < dc.1)
                            .collect();
                        // `…攻撃を検知`: the event word is the discovery's object, and the
                        // attack began some time before it was detected (a loss is noticed the
                        // day it happens: `紛失に気付き` keeps its day)
                        let object_of = |c: &&(DateCue, usize, usize)| {
                            cause != Some(Cause::LossTheft)
                                && matches!(window[c.2..dc.1].trim(), "を" | "が" | "に")
                        };
                        let all_nominalized = occurred_before.iter().all(|c| {
                            NOMINALIZED.is_match(&window[c.2..dc.1])
                                || PROGRESSIVE.is_match(&window[c.2..dc.1])
                                || object_of(c)
                        });
                        let separate_clause = occurred_before.iter().any(|c| {
                            window[c.2..dc.1].contains('、')
                                && !NOMINALIZED.is_match(&window[c.2..dc.1])
                        });
                        if !all_nominalized
                            || separate_clause
                            || ACT_CLAUSE.is_match(&window[..dc.1])
                        {
                            occ.push(found.clone());
                        }
                        if !PROGRESSIVE.is_match(&window[..dc.1]) || all_nominalized {
                            disc.push(found);
                        }
                    }
                }
            }
        }
    }
    // a sentence with a cue and no date takes the date of the sentence before it (same
    // paragraph, up to two sentences on)
    for (sent_start, found) in uncued {
        // sentences and mentions are in text order
        let i = ctx.sents.partition_point(|s| s.range.start < sent_start);
        if ctx.sents.get(i).is_none_or(|s| s.range.start != sent_start) {
            continue;
        }
        for s in undated_after(ctx, &mentions, i) {
            let st = ctx.s(&s.range);
            let cs = cues(st, st, false);
            if cs.iter().any(|c| c.0 == DateCue::Discovered) && disc.is_empty() {
                disc.push(found.clone());
            }
            if cs.iter().any(|c| c.0 == DateCue::Occurred) && occ.is_empty() {
                occ.push(found.clone());
            }
        }
    }
    // a loss found missing minutes or hours after the dated act (`9日午後1時50分ごろ、…置き忘れた。
    // 約20分後に戻ると、…なくなっていることに気付いた`): discovered the same day
    if disc.is_empty() {
        if let Some(first_occ) = occ.iter().filter(|o| o.0.day.is_some()).min_by_key(|o| o.0) {
            let i = ctx
                .sents
                .partition_point(|s| s.range.end <= first_occ.1.start);
            for s in undated_after(ctx, &mentions, i) {
                let st = ctx.s(&s.range);
                if let Some(m) = SAME_DAY_AFTER.re.find(st) {
                    if cues(st, st, false)
                        .iter()
                        .any(|c| c.0 == DateCue::Discovered)
                    {
                        disc.push((first_occ.0, s.range.start..s.range.start + m.end()));
                        break;
                    }
                }
            }
        }
    }
    // a loss or theft dated only by its discovery took place on the last date before it
    if occ.is_empty() && cause == Some(Cause::LossTheft) {
        if let Some(first_disc) = disc.iter().min_by_key(|x| x.0) {
            let before = ctx
                .dates
                .iter()
                .filter(|(d, m)| {
                    *d < first_disc.0
                        && d.is_full()
                        && m.range.start < first_disc.1.start
                        && published_range.as_ref().is_none_or(|p| *p != m.range)
                        && dateline_range.as_ref().is_none_or(|p| *p != m.range)
                })
                .max_by_key(|(d, _)| *d);
            if let Some((d, m)) = before {
                occ.push((*d, m.range.clone()));
            }
        }
    }
    // a theft found the day it happened, with no earlier date: that day (a loss found missing
    // in a check may be older)
    if occ.is_empty()
        && cause == Some(Cause::LossTheft)
        && super::actor::THEFT.is_match(ctx.seg_text())
    {
        if let Some(d) = disc.iter().min_by_key(|x| x.0).filter(|d| d.0.is_full()) {
            occ.push(d.clone());
        }
    }
    // `発生当日に検知`: discovered the day it happened
    if disc.is_empty() {
        static SAME_DAY: LazyLock<regex::Regex> = LazyLock::new(|| {
            crate::rules::compile(r"発生(当日|同日)(中)?に?(検知|判明|発覚|確認|気付)")
        });
        if let Some(first_occ) = occ.iter().min_by_key(|o| o.0) {
            for s in ctx.fact_sents() {
                if let Some(m) = SAME_DAY.find(ctx.s(&s.range)) {
                    if first_occ.0.is_full() {
                        disc.push((
                            first_occ.0,
                            s.range.start + m.start()..s.range.start + m.end(),
                        ));
                        break;
                    }
                }
            }
        }
    }
    (earliest(occ), earliest(disc))
}

/// The sentences (up to two) right after sentence `i` that a date told in it still reaches:
/// facts with no date of their own (`6月3日夕方、…置いた。…見当たらないことに気づいた。`).
fn undated_after<'c>(
    ctx: &'c Ctx,
    mentions: &'c [&DateMention],
    i: usize,
) -> impl Iterator<Item = &'c super::Sent> + 'c {
    ctx.sents.iter().skip(i + 1).take(2).take_while(move |s| {
        let first_at = mentions.partition_point(|m| m.range.start < s.range.start);
        let dated = mentions[first_at..]
            .iter()
            .take_while(|m| m.range.start < s.range.end)
            .any(|m| m.range.end <= s.range.end);
        !dated && super::is_fact_topic(s.topic)
    })
}

/// The earliest date; where a later one only makes it precise (`2023年` and `2023年10月5日`),
/// the precise one.
fn earliest(v: Vec<Found<PartialDate>>) -> Option<Found<PartialDate>> {
    let first = v.iter().min_by_key(|x| x.0)?.clone();
    let refines = |a: &PartialDate, b: &PartialDate| {
        b.year == a.year && (a.month.is_none() || (a.month == b.month && a.day.is_none()))
    };
    let refined = v
        .iter()
        .filter(|x| refines(&first.0, &x.0) && x.0 != first.0)
        .min_by_key(|x| x.0)
        .cloned();
    Some(refined.unwrap_or(first))
}

#[cfg(test)]
mod tests {
    use crate::extract_text;

    fn dates(t: &str) -> (Option<String>, Option<String>, Option<String>) {
        let i = extract_text("t.txt", t)
            .into_iter()
            .next()
            .expect("one incident");
        let s = |d: Option<jikenbo_model::PartialDate>| d.map(|d| d.to_string());
        (s(i.published), s(i.occurred), s(i.discovered))
    }

    #[test]
    fn a_month_day_announcement_is_the_last_such_day_up_to_the_dateline() {
        let v = crate::extract_text(
            "t.txt",
            "見出し\n2031年3月5日 11:30 | みどりニュース編集部\nサンプル商事は、サイトが不正アクセスを受けたと明らかにした。同社によれば、2030年7月2日から同年12月10日までに購入した顧客のカード情報が流出した可能性がある。同社は2月27日に調査結果を公表した。",
        );
        assert_eq!(
            v[0].published.map(|d| d.to_string()).as_deref(),
            Some("2031-02-27")
        );
    }

    #[test]
    fn era_dates_and_context_year() {
        let (p, o, d) = dates("令和7年4月3日\nみどり市\n\n書類の紛失について\n\n3月28日、職員が書類を紛失しました。3月31日に紛失に気付きました。");
        assert_eq!(p.as_deref(), Some("2025-04-03"));
        assert_eq!(o.as_deref(), Some("2025-03-28"));
        assert_eq!(d.as_deref(), Some("2025-03-31"));
    }

    #[test]
    fn the_announcement_day_is_not_the_date_of_another_act_of_a_subject() {
        let (p, _, _) = dates("2031年5月22日 みどり新聞\n住民情報を漏らした職員が4月に逮捕された事件を巡り、みどり市は20日、計304人分の情報が漏えいしていたと発表した。");
        assert_eq!(p.as_deref(), Some("2031-05-20"));
    }

    #[test]
    fn the_notice_of_a_reporter_names_the_content_date_the_discovery() {
        let (_, o, d) = dates("2031年8月1日\nサンプル商事株式会社\n\n7月28日、委託先の受注システムが外部からの不正な操作で改ざんされたと委託先より連絡を受けました。");
        assert_eq!(o, None);
        assert_eq!(d.as_deref(), Some("2031-07-28"));
    }

    #[test]
    fn a_date_of_an_act_dates_the_clause_after_it() {
        // `…日の送信後、…判明`: the sending dates the discovery told after it
        let (_, _, d) = dates("2031年6月3日\nみどり市\n\nメールアドレスの流出について\n\n講座の案内メールをBCCではなくTOで送信し、32名分のメールアドレスが流出しました。5月30日の送信後、受信者からの指摘で流出が判明しました。");
        assert_eq!(d.as_deref(), Some("2031-05-30"));
        // a date that qualifies a document stays no event date
        let (_, o, d) = dates("2031年6月3日\nみどり市\n\n通知書の誤送付について\n\n5月30日の通知書を別の方に送付し、1名分の氏名と住所が漏えいしたことが判明しました。");
        assert_eq!(o, None);
        assert_ne!(d.as_deref(), Some("2031-05-30"));
    }

    #[test]
    fn a_media_byline_dates_the_announcement_day() {
        let (p, _, _) = dates("みどり市教委、名簿入りUSBメモリーを紛失\nみどり新聞 2031年10月22日 地方版\nみどり市教委は21日、市内小学校の講師が児童30人分の名簿が入ったUSBメモリーを紛失したと発表した。");
        assert_eq!(p.as_deref(), Some("2031-10-21"));
    }

    #[test]
    fn an_attack_detected_on_a_day_began_before_it() {
        let (_, o, d) = dates("2031年8月23日\nサンプル化学株式会社\n\n会員情報が外部に漏れた可能性のお知らせ\n\n2031年8月16日、当社の会員管理サーバーへの攻撃を検知しました。会員の登録内容が流出したおそれがあります。");
        assert_eq!((o, d.as_deref()), (None, Some("2031-08-16")));
    }

    #[test]
    fn a_period_start_is_an_occurrence_not_a_discovery() {
        let (_, o, d) =
            dates("2031年5月以降、職員が業務外で住民の記録を閲覧していた事実が判明しました。");
        assert_eq!(o.as_deref(), Some("2031-05"));
        assert_eq!(d, None);
    }

    #[test]
    fn news_announcement_day_takes_the_datelines_month() {
        let (p, o, _) = dates("2031年12月11日18時05分配信 みどり新聞\nみどり市教委は11日、中学校の講師が8日、車内からパソコンを盗まれたと発表した。");
        assert_eq!(p.as_deref(), Some("2031-12-11"));
        assert_eq!(o.as_deref(), Some("2031-12-08"));
    }

    #[test]
    fn a_discovery_that_names_the_attack_as_past() {
        let (_, o, d) = dates(
            "2031年7月2日、当社の社内システムへの外部からの不正アクセスを受けたことが分かりました。",
        );
        assert_eq!(o, None);
        assert_eq!(d.as_deref(), Some("2031-07-02"));
    }

    #[test]
    fn a_cue_before_the_date() {
        let (_, o, _) = dates("さくら病院が患者の一覧を保存した記録媒体をなくしていたことが分かった。紛失したのは2031年2月。");
        assert_eq!(o.as_deref(), Some("2031-02"));
    }

    #[test]
    fn the_sentence_after_an_undated_cue() {
        let (_, o, d) = dates("令和13年5月28日午後4時ごろ、支援員が名簿の入った鞄を座席の上の棚に置きました。降りる際、鞄が見当たらないことに気づきました。鞄は盗まれたものと考え、警察に届けました。");
        assert_eq!(d.as_deref(), Some("2031-05-28"));
        assert_eq!(o.as_deref(), Some("2031-05-28"));
    }

    #[test]
    fn a_news_leads_full_date_is_the_announcement_and_anchors_this_year() {
        let (p, o, d) = dates("みなと市は2031年9月9日、今年8月27日に市ホームページに公開した資料に、園児12人の氏名が誤って掲載されていたと発表した。今月6日、市職員が確認した。");
        assert_eq!(p.as_deref(), Some("2031-09-09"));
        assert_eq!(o.as_deref(), Some("2031-08-27"));
        assert_eq!(d.as_deref(), Some("2031-09-06"));
        let (p, o, _) = dates(
            "2031年1月7日、一般社団法人ひかり協会は、会員名簿を誤ってメールで送信したと発表した。",
        );
        assert_eq!(p.as_deref(), Some("2031-01-07"));
        assert_eq!(o, None);
    }

    #[test]
    fn a_periods_end_is_neither_its_start_nor_its_discovery() {
        let (_, o, d) = dates("当社通販サイトへの不正アクセスにより、2031年3月1日~2031年4月14日に決済されたお客様のカード情報1,020件が漏えいしたおそれがあると判明しました。");
        assert_eq!(o.as_deref(), Some("2031-03-01"));
        assert_eq!(d, None);
    }

    #[test]
    fn joined_dates_share_the_act_after_them() {
        let (_, o, _) = dates("みなと銀行は30日、支店の書類を点検したところ、2031年10月21日と25日に本人確認記録書を誤って廃棄していたことが判明したと発表した。");
        assert_eq!(o.as_deref(), Some("2031-10-21"));
    }

    #[test]
    fn the_day_a_subject_announced_is_not_when_it_happened() {
        let (_, o, _) = dates("2031年4月8日\nみなと銀行は8日、顧客120人分の名簿を紛失したと発表した。また、みなと共済組合(共済連)は同日、契約者30人分の書類を紛失したと発表した。");
        assert_eq!(o, None);
    }

    #[test]
    fn a_period_of_the_records_is_not_when_anything_happened() {
        // whose data: the patients treated in the period
        let (_, o, _) = dates("みどり病院は2日、2029年4月以降に同院で手術を受けた患者40人分の名簿を紛失したと発表した。");
        assert_eq!(o, None);
        // the slips of those days
        let (_, o, _) = dates("みなと銀行は、みどり支店で2030年4月1日から2031年3月31日分の納付書を紛失したと発表した。");
        assert_eq!(o, None);
        // a period in which something of the incident happened stays its occurrence
        let (_, o, _) = dates(
            "2031年5月以降、職員が業務外で住民40人分の情報を閲覧していたことが判明しました。",
        );
        assert_eq!(o.as_deref(), Some("2031-05"));
    }

    #[test]
    fn a_polite_summary_opening_with_the_date_and_a_named_subject_dates_the_announcement() {
        let (p, o, _) = dates("2031年4月25日、みどり生命保険株式会社は、元社員による顧客情報の漏洩事案について、詳細を公表しました。\n元社員4名が、退職後に顧客120名の契約情報を不正に持ち出していたというものです。");
        assert_eq!(p.as_deref(), Some("2031-04-25"));
        assert_eq!(o, None);
        // an own notice's first person is no summary's subject
        let (p, _, _) = dates("2031年4月25日、当社は、元社員による顧客情報の漏洩事案について、詳細を公表しました。\n元社員4名が、退職後に顧客120名の契約情報を不正に持ち出していたことが判明しました。");
        assert_eq!(p, None);
    }

    #[test]
    fn a_loss_noticed_minutes_after_the_dated_act_was_discovered_that_day() {
        let (_, o, d) = dates("みどり町教育委員会は2031年4月17日、教諭が生徒130人分の名簿を紛失したと発表した。\n町教委によると、教諭は9日午後1時50分ごろ、校庭に移動する際、げた箱の上にファイルを置き忘れた。約20分後に戻ると、ファイルがなくなっていることに気付いたという。");
        assert_eq!(o.as_deref(), Some("2031-04-09"));
        assert_eq!(d.as_deref(), Some("2031-04-09"));
        // days later is not the same day
        let (_, _, d) = dates("みどり町教育委員会は2031年4月17日、教諭が生徒130人分の名簿を紛失したと発表した。\n町教委によると、教諭は9日午後1時50分ごろ、げた箱の上にファイルを置き忘れた。3日後に戻ると、ファイルがなくなっていることに気付いたという。");
        assert_eq!(d, None);
    }

    #[test]
    fn an_earlier_notice_named_by_its_title_is_no_announcement_of_this_one() {
        let (p, _, _) = dates("当社は、2031年1月26日に公表いたしました「第三者による当社サーバーへの不正アクセスのお知らせ」につきまして、調査が完了しましたのでご報告いたします。調査の結果、お客様120名分の氏名が流出したことが判明しました。");
        assert_eq!(p, None);
    }

    #[test]
    fn an_announcement_a_day_before_the_latest_date_is_of_that_year() {
        // no dateline: the page's date of the day after is no reason for the year after
        let (p, _, _) = dates("date 2031-11-27 みどり市教育委員会は11月26日、児童の個人情報を保存しているサーバーがランサムウェアに感染し、児童120人分の氏名が流出した可能性があると発表しました。");
        assert_eq!(p.as_deref(), Some("2031-11-26"));
    }
}

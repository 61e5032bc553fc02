//! `leak`: whether personal data leaked (`confirmed`), may have (`possible`), or the
//! investigation found that it did not (`none`).
//!
//! | reading | example | value |
//! |---|---|---|
//! | the act itself is the leak: a loss or theft, a misdelivery, an insider's look-up, use or disclosure | `USBメモリを紛失`, `誤って送信`, `不正に閲覧` | confirmed (whatever is said of onward spread) |
//! | data an insider took out | `不正にダウンロード` | as the statements say (`漏洩の可能性が生じ`), else confirmed |
//! | data said to have leaked, been seen or taken | `個人情報が流出しました`, `メールが不正に閲覧`, `他のお客様の情報が表示される` | confirmed |
//! | a possibility | `流出した可能性`, `漏えいのおそれ`, `否定できない`, `流出の痕跡` | possible |
//! | a finding of none | `流出は確認されていない`, `情報流出などは確認しておらず` | none |
//! | the notice calls it a leak | `個人情報流出に関するお詫び` | confirmed, below the statements above |
//! | data stood open | `閲覧可能な状態となっていた`, `外部に公開されていた` | possible |
//! | nothing said of personal data | a ransomware outage, a support scam that stole money | null |
//!
//! A confirmation hedged right after (`流出した可能性`), after `万が一`, or denied (`流出が確認
//! されていない`) is none; a finding of none about secondary damage (`不正利用は確認されていない`)
//! says nothing of the leak. A confirmed leak of data that is not personal (`要望資料が流出`)
//! counts unless the text finds no leak of the personal data.

use super::Ctx;
use crate::anchors::Family;
use crate::rules::{entries, Entry, Rule, RuleSet};
use crate::segment::Found;
use jikenbo_model::{Cause, Leak};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakCue {
    /// Data did leak (`個人情報が流出しました`).
    Confirmed,
    /// It may have (`漏えいのおそれがある`, `可能性を否定できない`).
    Possible,
    /// Investigation found none (`流出は確認されませんでした`).
    NoLeak,
    /// The notice names the incident a leak (`個人情報流出に関するお詫び`).
    Named,
    /// Data stood open to outsiders (`閲覧可能な状態`).
    Exposed,
}

pub static LEAK_RULES: LazyLock<RuleSet<LeakCue>> = LazyLock::new(|| {
    RuleSet::new(vec![
        Rule::new("leak.none", LeakCue::NoLeak, "the investigation found no leak",
            r"(流出|漏えい|漏洩|漏れ|持ち?出(し|さ)|窃取)[^。]{0,20}(確認され(ませんでした|ておりません|ていません|ておらず|ず|なかった|ていない)|確認して(おらず|いない|いません|おりません)|確認でき(ませんでした|ず|ていない)|認められ(ませんでした|なかった|ず)|至っていない|ございません|ありません(でした)?)|一切(漏えい|流出|漏洩)|(形跡|痕跡|証拠)は(確認され|確認|見つかり|見つから|認められ)(でき)?(ませ|ず|な|てい(ない|ません))|(以外|外部)への(情報)?(流出|漏えい)はない|(流出|漏えい|漏洩)(等|など)?(は|も)(なかった|ない)こと(を|が)(確認|判明)")
            .ex(&["外部への流出は確認されませんでした", "流出は確認されておりません", "流出は確認されていません", "流出は確認されておらず", "流出は確認されず", "流出は確認されなかった", "データの流出も確認されていない", "情報流出などは確認しておらず", "漏えいは確認できませんでした", "漏えいは認められませんでした", "流出には至っていない", "漏えいはございません", "流出はありません", "一切流出しておりません", "形跡は確認できませんでした", "流出した証拠は確認されていない", "外部へ情報が持ち出された痕跡は確認されませんでした", "痕跡は見つかりませんでした", "2法人以外への情報流出はない", "個人情報の漏えいはなかったことが確認されました", "情報の流出等はないことを確認しました"])
            .not(&["流出が確認されました", "流出した可能性があります"])
            .general("the ways a notice states that the investigation found no leak"),
        Rule::new("leak.possible", LeakCue::Possible, "a leak that may have happened",
            r"(流出|漏えい|漏洩)(し|され)た[^。]{0,16}(については|に関しては)、?[^。]{0,8}(調査中|確認中|精査中)|否定でき|(おそれ|恐れ|可能性)(が|の)?(ある|あり|ござい|高い|生じ|発生)|(流出|漏えい|漏洩)(し|され)?た?(可能性|おそれ|恐れ)(\s*[|(、。]|$)|おそれがあ|可能性があ|(流出|漏えい|漏洩)(か|の疑い)([ 、。]|$|\(\d)|有無(は|を)?.{0,6}確認でき(て(お|い)(りません|ません|らず)|ず|ない)|(流出|漏えい|漏洩)の(痕跡|懸念)|(流出|漏えい|漏洩)の(可能性|おそれ|恐れ)(\s*[|(、。]|$)|(流出|漏えい|漏洩)の?(可能性|おそれ|恐れ)が(判明|浮上|指摘|高ま|強ま)|(流出|漏えい|漏洩)(して(いる|いた)|した)(懸念|疑い|可能性)|(流出|漏えい|漏洩|閲覧|ダウンロード|持ち?出|窃取|抜き取)(し|さ|され)?(た|て(いる|いた))?か(どうか|否か)(は|も|について(は)?)?[^。]{0,8}(不明|わかって(いない|おらず|いません|おりません)|分かって(いない|おらず|いません|おりません)|確認(中|でき(ていない|ておらず|ない|ません)))")
            .ex(&["漏洩した個人情報等については現在調査中", "流出した件数に関しては確認中", "漏えいした可能性を否定できません", "流出した可能性がございます", "約2,300件が流出した可能性", "流出のおそれがある", "漏えいの恐れあり", "可能性が高い", "流出のおそれが生じた", "おそれが発生", "流出したおそれがあります", "可能性があることが判明", "情報流出か ", "個人情報漏えいの疑い。", "流出の有無は確認できておりません", "情報流出の痕跡があった", "漏洩の懸念", "会員情報流出の可能性", "カード情報流出の可能性 | 1,203件", "流出したおそれ |", "情報流出のおそれ(5日発表)", "カード情報が流出のおそれ、約6,200件", "約400人分の情報が流出したおそれ。", "情報流出の可能性が判明", "流出している懸念がある", "漏えいしていた疑い", "ダウンロードしたかどうかは不明", "情報が流出したかどうかは分かっていない", "閲覧されたか否かは確認できていない"])
            .not(&["流出しました", "可能性は低い", "侵入経路の可能性がある機器"])
            // what may be is a route, a cause or the malware, not a leak (`侵入経路の可能性がある`)
            .unless_before(r"(経路|原因|要因|侵入口|手口|理由|感染|ウイルス|マルウェア|攻撃|障害|不具合)(の|で|が)?$"),
        Rule::new("leak.confirmed", LeakCue::Confirmed, "data said to have leaked, been seen, taken or shown to others",
            r"(流出|漏えい|漏洩|漏れ)(し|させ|て)(た|ました|ております|ている|ていた|いた|いる|、)|(流出|漏えい|漏洩)(しました|いたしました)|(流出|漏えい|漏洩)(。|$|\(\d)|(流出|漏えい|漏洩)(を|が)(確認|判明)|(流出|漏えい|漏洩)が(あり|あっ|発生し)|(流出|漏えい|漏洩)が確認され|(流出|漏えい|漏洩)及び(流出|漏えい|漏洩)した(おそれ|可能性)|(流出|漏えい|漏洩)する(事故|事案)が発生|持ち?出(し|され)(た|ました|、|てい)|(?:{RIVAL})[^。]{0,6}(へ|に)[^。]{0,16}(持ち込|開示|提供)|(?:{PRIVATE_MAILBOX})(に|へ)[^。]{0,10}(送信|転送|送付|送っ)(し|て|た)|私的(に|な目的)|(閲覧|照会)(し|され)(た|ました|、|てい)|不正(に)?閲覧|漏らし|盗まれ|紛失(し|した|しました)|誤(送信|送付|配布|掲載|交付)(し|され|が発生)|誤って.{0,15}(送信|送付|郵送|発送|配布|交付|掲載)(し|され)|(閲覧|アクセス)が.{0,6}確認され(た|ました)|置き忘れ|(他の|別の)(お客様|利用者|会員|顧客)の(情報|個人情報)が表示|実際に[^。]{0,12}(アクセス|閲覧|ダウンロード)(が(あっ|あり|確認)|され(た|てい))")
            .ex(&["情報が流出した", "外部に流出させた", "漏洩しました", "漏れていた", "流出し、", "流出しました", "個人情報が流出いたしました", "個人情報の漏えい。", "流出を確認した", "流出が判明した", "漏えいが確認された", "個人情報流出がありました", "個人情報流出が発生しています", "お客様情報の漏えい及び漏えいしたおそれ", "流出する事故が発生", "顧客データを持ち出した", "持ち出されていた", "転職先企業に名簿を持ち込んだ", "顧客一覧を私用のメールアドレスに転送していた", "私的に利用", "住民の情報を閲覧した", "照会していた", "不正に閲覧", "漏らしていた", "盗まれた", "USBを紛失した", "誤送信し", "誤送付された", "誤配布が発生", "誤って別の顧客に送信し", "アクセスが確認されました", "置き忘れた", "他のお客様の情報が表示される", "うち208件に実際に不正アクセスがあった"])
            .not(&["漏えいする恐れ", "流出を防ぐ", "カード情報が流出している懸念がある", "流出していた可能性", "外部からの不正アクセスが確認されました"])
            // (`不正アクセスが確認された`: the attack, not data seen)
            .unless_before(r"不正な?$")
            // `流出している懸念`, `流出していた可能性`: what may have happened
            .unless_after(r"^(懸念|疑い|可能性|おそれ|恐れ)")
            .general("the realized forms of the leak words and of acts that are leaks"),
        Rule::new("leak.named", LeakCue::Named, "the notice names the incident a leak of personal data",
            r"(個人情報|顧客情報|お客様情報|メールアドレス|情報)の?(流出|漏えい|漏洩)(に関する|について|事案|事故|事件|問題)")
            .ex(&["個人情報流出に関するお詫び", "個人情報漏洩に関するお知らせ", "メールアドレス漏洩に関するお詫び", "顧客情報の流出について", "お客様情報漏えい事案", "情報漏洩事故", "個人情報流出事件", "情報流出問題"])
            .not(&["個人情報漏えいの可能性に関する"]),
        Rule::new("leak.exposed", LeakCue::Exposed, "data stood open to outsiders",
            r"(閲覧|アクセス)(可能|でき(る|た))な?状態|(閲覧|アクセス)可能に(なっ|な(り|る)|\s|$)|外部(に|へ|から)[^。]{0,12}公開(され|状態)|誰でも[^。]{0,12}(閲覧|アクセス|参照)")
            .ex(&["閲覧可能な状態", "アクセスできる状態", "予約者3,210人分が閲覧可能に 2026年5月27日", "外部から閲覧可能になっていた", "閲覧できた状態", "外部に公開されていた", "外部から公開状態", "誰でも閲覧"])
            .not(&["閲覧できない状態"])
            .general("how notices say data stood open to outsiders"),
    ])
});

/// After a confirmed cue: it is only a possibility after all (`流出した可能性`).
pub static HEDGE_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "leak.hedge_after",
        (),
        "after a confirmation: only a possibility after all",
        r"^.{0,6}(可能性|おそれ|恐れ|疑い|と思われ|と推測|かどうか|か否か|有無)|^[^。]{0,24}(については|に関しては|は)、?[^。]{0,8}(調査中|確認中|精査中)",
    )
    .ex(&[
        "個人情報等については現在調査中です",
        "情報に関しては確認中",
        "件数は精査中",
        "可能性があります",
        "おそれ",
        "恐れがある",
        "疑い",
        "と思われる",
        "と推測される",
        "かどうか",
        "か否か",
        "の有無",
    ])
    .not(&["ことが判明"])
});

/// After a confirmed cue: it is denied (`流出が確認されていない`).
pub static CONFIRM_NEGATED: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "leak.confirm_negated",
        (),
        "after a confirmation: denied",
        r"^(され|でき)?(て(い|お)(ない|ません|らず)|ており(ません|らず)|ず|なかった|ない|ませんでした)|^(、?\s*(あるいは|または|もしくは|ないし)、?[^。]{0,20}?)?(という)?[^。、]{0,6}(事実|形跡|痕跡|証拠)(は|も)?[^。]{0,10}(確認|認め|見つか)(され|でき)?(ませ|ず|な|ってい(ない|ません)|てい(ない|ません))|^[^。、]{0,10}(事実|こと)が[^。、]{0,12}(場合|ありましたら|あれば|あった際)",
    )
    .ex(&[
        "されていない",
        "できておりません",
        "ず",
        "なかった",
        "ない",
        "ませんでした",
        "事実は確認されませんでした",
        "、あるいは、不正に使用された事実は確認されていません",
        "た等の事実が確認されることがありましたら",
        "たことが判明した場合",
        "明確な証拠は見つかっていません",
    ])
    .not(&["た"])
});

/// After a confirmed cue: it names credentials leaked elsewhere that the attack used, as notices
/// of a list-type attack (リスト型攻撃) describe it (`他社サービスから流出したID・パスワードを
/// 使った`): no leak of this incident.
pub static LEAKED_ELSEWHERE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "leak.leaked_elsewhere",
        (),
        "after a confirmation: credentials leaked elsewhere, the means of the attack",
        r"^(した|された)?(とみられる|と思われる|とされる)?(ID|ＩＤ|アカウント情報|認証情報|パスワード|ログイン情報)",
    )
    .ex(&[
        "したID・パスワードを使ったもの",
        "したIDとパスワード",
        "した認証情報を用いた",
        "されたパスワード",
        "したとみられるIDとパスワード",
    ])
    .not(&["した個人情報", "したことが判明"])
    .general("how notices of a list-type attack name the credentials it used")
});

/// Secondary damage or misuse inside a "not confirmed" statement: no finding on the leak.
pub static SECONDARY: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "leak.secondary",
        (),
        "secondary damage or misuse, inside a statement that it was not found",
        r"二次被害|不正利用|悪用",
    )
    .ex(&["二次被害は確認されていません", "不正利用", "悪用された事実"])
    .not(&["流出"])
});

/// Words that put a sentence in personal-data scope.
pub static PERSONAL: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("leak.personal", (), "a sentence about personal data",
        r"個人情報|個人データ|顧客情報|お客さま|お客様|患者|会員|利用者|生徒|児童|住民|市民|町民|名簿|氏名|メールアドレス|住所|電話番号|\d\s*(人|名)|人分|名分")
        .ex(&["個人情報", "個人データ", "顧客情報", "お客さま", "お客様の情報", "患者", "会員", "利用者", "生徒", "児童", "住民", "市民", "町民", "名簿", "氏名", "メールアドレス", "住所", "電話番号", "12人", "人分", "名分"])
        .not(&["石油政策上の要望"])
    .general(crate::rules::VOCABULARY)
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("leak", &LEAK_RULES);
    for r in [
        &*HEDGE_AFTER,
        &*CONFIRM_NEGATED,
        &*LEAKED_ELSEWHERE,
        &*SECONDARY,
        &*PERSONAL,
    ] {
        v.extend(entries("leak", std::slice::from_ref(r)));
    }
    v
}

pub fn leak(ctx: &Ctx, cause: Option<&Found<Cause>>) -> Option<Found<Leak>> {
    // the act itself is the leak
    if let Some((c, r)) = cause {
        if (c.is_insider() && *c != Cause::InsiderTheft)
            || matches!(c, Cause::Misdelivery | Cause::LossTheft)
        {
            return Some((Leak::Confirmed, r.clone()));
        }
    }
    // the first statement of each kind: confirmed about personal data, confirmed about other
    // data, possible, none about personal data, none, named, exposed
    let mut first: [Option<std::ops::Range<usize>>; 7] = Default::default();
    for (s, rows) in ctx.family_rows(Family::Leak) {
        let st = ctx.s(&s.range);
        // asked only of a sentence with a statement that needs them
        let personal = std::cell::OnceCell::new();
        let personal = || *personal.get_or_init(|| PERSONAL.is_match(st));
        for (i, r) in LEAK_RULES.rows_of(rows) {
            // a row whose every slot is taken cannot change the outcome
            let open = |k: usize| first[k].is_none();
            let useful = match r.value {
                LeakCue::Confirmed => open(0) || open(1),
                LeakCue::Possible => open(2),
                LeakCue::NoLeak => open(3) || open(4),
                LeakCue::Named => open(5),
                LeakCue::Exposed => open(6),
            };
            if !useful {
                continue;
            }
            for m in ctx.row_matches(&LEAK_RULES, Family::Leak, s, i) {
                let after = &st[m.end..];
                let before = &st[..m.start];
                let slot = match r.value {
                    LeakCue::Confirmed => {
                        if HEDGE_AFTER.is_match(after)
                            || CONFIRM_NEGATED.is_match(after)
                            || before.ends_with("万が一")
                            || before.ends_with("万一")
                            || after.starts_with("ことは")
                            || LEAKED_ELSEWHERE.is_match(after)
                        {
                            continue;
                        }
                        if personal() {
                            0
                        } else {
                            1
                        }
                    }
                    LeakCue::Possible => 2,
                    LeakCue::NoLeak => {
                        // `流出した情報の悪用は確認されていない` is about misuse; the
                        // `悪用して侵入したが、漏えいはなかった` of the same sentence is not
                        if SECONDARY.is_match(&st[m.clone()]) {
                            continue;
                        }
                        if personal() {
                            3
                        } else {
                            4
                        }
                    }
                    LeakCue::Named => {
                        if HEDGE_AFTER.is_match(after) {
                            continue;
                        }
                        5
                    }
                    LeakCue::Exposed => 6,
                };
                let range = s.range.start + m.start..s.range.start + m.end;
                if first[slot].is_none() {
                    first[slot] = Some(range);
                }
                break;
            }
        }
        // a confirmed leak of personal data decides (it is read first below)
        if first[0].is_some() {
            break;
        }
    }
    let [cp, cu, p, np, n, named, exposed] = first;
    if let Some(r) = cp {
        return Some((Leak::Confirmed, r));
    }
    // a possible leak of personal data outranks a leak said of data at large (a column's title
    // `…が招く情報漏えい`)
    if let Some(r) = p {
        return Some((Leak::Possible, r));
    }
    if let (Some(r), None) = (cu, &np) {
        return Some((Leak::Confirmed, r));
    }
    if let Some(r) = np.or(n) {
        return Some((Leak::None, r));
    }
    if let Some(r) = named {
        return Some((Leak::Confirmed, r));
    }
    if let Some(r) = exposed {
        return Some((Leak::Possible, r));
    }
    // data taken out by an insider, a digest headline: an incident that happened (a headline
    // that names only an attack, `ランサムウェア感染で電子カルテが停止`, says nothing of data)
    if let Some((c, r)) = cause {
        if *c == Cause::InsiderTheft || (ctx.seg.kind.is_listed() && !c.is_attack()) {
            return Some((Leak::Confirmed, r.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::extract_text;
    use jikenbo_model::Leak;

    fn leak(t: &str) -> Option<Leak> {
        extract_text("t.txt", t)
            .into_iter()
            .next()
            .and_then(|i| i.leak)
    }

    #[test]
    fn credentials_leaked_elsewhere_are_no_leak_of_this_incident() {
        assert_eq!(leak("サンプル社は、会員アカウント3,000件に不正ログインがあったと発表しました。登録した個人情報が閲覧された可能性があります。今回の不正ログインは他社サービスから流出したID・パスワードを使ったものと推測されます。"), Some(Leak::Possible));
    }

    #[test]
    fn possible_beats_no_finding_and_confirmed_wins() {
        assert_eq!(leak("調査で流出の形跡は確認できませんでしたが、個人情報の漏えいの可能性は否定できません。不正アクセスを受けました。"), Some(Leak::Possible));
        assert_eq!(leak("調査の結果、外部への個人情報の流出は確認されませんでした。不正アクセスを受けました。"), Some(Leak::None));
        assert_eq!(
            leak("お客様の個人情報が流出しました。"),
            Some(Leak::Confirmed)
        );
        assert_eq!(leak("個人情報の流出が確認されていないが、漏えいしたおそれがある。不正アクセスを受けた。"), Some(Leak::Possible));
    }

    #[test]
    fn misuse_elsewhere_in_the_sentence_leaves_the_finding_of_no_leak() {
        assert_eq!(leak("攻撃者は保守用アカウントを悪用して侵入しましたが、個人情報の漏えいはなかったことが確認されました。"), Some(Leak::None));
        assert_eq!(leak("当社サーバーが不正アクセスを受けました。情報漏えいによる二次被害は確認されておりません。"), None);
    }

    #[test]
    fn a_loss_is_a_leak_whatever_is_said_of_its_spread() {
        assert_eq!(
            leak("教諭がパソコンを盗まれた。個人情報の流出は確認されていないという。"),
            Some(Leak::Confirmed)
        );
    }

    #[test]
    fn nothing_said_of_data_is_null() {
        assert_eq!(
            leak("サーバがランサムウェアに感染し、暗号化された。サービスを停止している。"),
            None
        );
    }

    #[test]
    fn whether_it_leaked_is_unknown_is_possible() {
        assert_eq!(leak("サーバーが不正アクセスを受けた。攻撃者が顧客の氏名を含むファイルをダウンロードしたかどうかは不明という。"), Some(Leak::Possible));
        assert_eq!(
            leak("共有フォルダに第三者がアクセスした。名簿が流出したかどうかは分かっていない。"),
            Some(Leak::Possible)
        );
    }

    #[test]
    fn a_denial_shared_by_two_acts_and_a_condition_confirm_nothing() {
        let t = "みどり病院のメールアカウントがフィッシングにより乗っ取られ、患者120名分の氏名が外部から閲覧できる状態にありました。これまでに患者の情報が第三者に閲覧され、あるいは、不正に使用された事実は確認されていません。今後、情報が第三者に閲覧されていた等の事実が確認されることがありましたら、改めてご報告いたします。";
        assert_eq!(leak(t), Some(Leak::Possible));
        // what leaked is still being investigated
        let t = "みどり市のサーバーが不正アクセスを受けました。漏洩した個人情報等については現在調査中です。";
        assert_eq!(leak(t), Some(Leak::Possible));
    }
}

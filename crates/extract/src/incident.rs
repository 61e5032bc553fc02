//! Whether a text reports an incident: a breach event that happened, not a warning, a
//! definition, a hypothetical or a denial.
//!
//! A page that warns of phishing, explains what Emotet does, answers a legal question or
//! reports a system outage uses the words of incidents (`感染`, `流出`, `フィッシング`) but
//! reports none. An incident needs an **event**: a realized form (`感染した`, `流出しました`,
//! `紛失していた`, `不正アクセスを受け`, `誤って送信`, `事案が発生`) in a sentence that is not
//! generic (`開くと感染し`, `…とは、`, `場合`, `ご注意ください`) and not denied right after
//! (`…によるものではありません`).

use crate::rules::{entries, Entry, Rule, RuleSet};
use std::sync::LazyLock;

/// What kind of event a sentence reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Data leaked or may have leaked (`流出しました`, `漏えいしたおそれ`).
    Leak,
    /// Lost, stolen, thrown away (`紛失した`, `盗まれた`, `散乱`).
    Loss,
    /// Sent, handed or published to the wrong party (`誤送信`, `誤って…提供`).
    Misdelivery,
    /// Attacked, infected, encrypted, scammed (`不正アクセスを受け`, `感染した`).
    Attack,
    /// An insider's act (`不正に閲覧`, `持ち出した`, `漏らした`, `目的外利用`).
    Insider,
    /// Exposed to outsiders (`閲覧可能な状態となっていた`).
    Exposure,
    /// An incident named as having happened (`事案が発生しました`).
    Occurrence,
}

pub static EVENTS: LazyLock<RuleSet<Event>> = LazyLock::new(|| {
    RuleSet::new(vec![
        Rule::new("event.leak", Event::Leak, "data leaked, was leaked or may have leaked (a past or perfect form, not the dictionary form of a warning)",
            r"(流出|漏えい|漏洩|漏れ)(し|させ)(た|まし|てい|てお|てしま|、)|(情報|データ|個人情報)が漏れ(てい|てお|た|、)|(流出|漏えい|漏洩)(いたしました|が(判明|確認|発覚|発生|あり|あっ))|(流出|漏えい|漏洩)(の|した)(可能性|おそれ|恐れ|疑い)が(ある|あり|高|判明|生じ)|(流出|漏えい|漏洩)(した|の)?(可能性|おそれ|恐れ)があることが|(流出|漏えい|漏洩)する(事故|事案)が発生|(流出|漏えい|漏洩)(事案|事故|問題|事件)|閲覧され(た|ている)(可能性|おそれ|恐れ)")
            .ex(&["登録情報が閲覧された可能性がある", "個人情報が流出しました", "外部に流出させた", "情報が漏えいしていたことが判明", "漏洩した可能性がある", "流出が判明した", "個人情報の流出があった", "漏えいのおそれがあることがわかりました", "流出する事故が発生いたしました", "顧客情報が流出した問題で", "個人情報流出事案", "情報漏れした", "個人情報が漏えいいたしました", "流出の恐れがあることが分かりました", "1466人分の個人情報が漏れていた"])
            .not(&["漏えいする恐れがあります", "流出を防ぐため", "流出は確認されていません"]),
        Rule::new("event.loss", Event::Loss, "lost, stolen or thrown away by mistake",
            r"紛失(し|いたし|させ|する事案|が(判明|発生|分か|わか)|していた|届)|盗まれ|盗難(に遭|にあ|被害|が発生|の被害|届)|置き引き|持ち去(ら|り)|所在不明|置き忘れ|(な|無)くなって(い|お)|(分の?|資料|書類|名簿|データ)が(な|無)くな(り|っ)|誤廃棄|誤って廃棄|滅失(し|した|させ|が)|散逸(し|した|させ)|(気(づ|付)かず|一緒に)[^。]{0,16}((廃棄|処分)(し|され)|捨て(た|て|られ))|散乱(し|する)|置いたまま(に|の状態|だっ|で)|(拾得物|落とし物|遺失物)として[^。]{0,16}届け(られ|出)|(不法)?投棄(し|され)")
            .ex(&["USBメモリを紛失しました", "スマートフォンを紛失いたしました", "書類を紛失させた", "書類を紛失する事案", "紛失が判明", "パソコンを盗まれた", "盗難に遭う事案", "置き引き被害に遭った", "書類が持ち去られた", "鍵の持ち去りが判明", "名簿が所在不明となった", "電車に置き忘れた", "パソコンがなくなっていた", "37人分が無くなりました", "名簿がなくなった", "指導要録を誤廃棄", "誤って廃棄した", "誤って滅失した", "書類を滅失させた", "書類が道路上に散逸した", "書類に気づかず医学書と一緒に廃棄した", "名簿に気付かず処分された", "道路上に散乱する事案", "紛失届を提出", "名簿を駅のベンチに置いたままにした", "書類が拾得物として警察に届けられていた", "記録を町道上に投棄した"])
            .not(&["紛失にご注意", "盗難防止"])
            .general("the realized forms of the loss words (紛失・盗難・誤廃棄・散乱) as notices report them"),
        Rule::new("event.misdelivery", Event::Misdelivery, "sent, handed or published to the wrong party",
            r"誤(送信|送付|配布|交付|掲載|公開|発送|配信|封入|投函)(し|いたし|さ|が|する|を|、|した)|誤って[^。]{0,48}(送信|送付|送っ|添付|提供|交付|伝え|渡し|入れ|公開|掲載|郵送|発送)|取り違え(て|、)[^。]{0,24}(送信|送付|送っ|添付|交付|渡し|発送|郵送)|誤った[^。]{0,10}(アドレス|宛先|送付先|ファイル)に|(BCC|Bcc|bcc)(で|と|に)[^。]{0,8}べき|(他の|ほかの)(受信者|受取人|お客様|利用者|会員)に(表示|見え|閲覧)|(宛先|送付先|送信先|あて先)を誤(り|っ)|(BCC|Bcc|bcc)ではなく(TO|To|to|CC|Cc|cc)|{OTHER_PARTY}の[^。]{0,20}(同封|封入)(され|し)|誤って同封|{OTHER_PARTY}の[^。]{0,16}が(印字|印刷)(され|し)")
            .ex(&["通知書に別の方の氏名が印字されていた", "誤送信しました", "誤送信いたしました", "誤送付が発生", "誤配布した", "誤交付する", "誤掲載を", "誤公開が判明", "誤発送した", "誤配信された", "誤封入し", "誤投函した", "誤って別のファイルを添付", "誤って児童32人分の氏名や住所、保護者の電話番号を記載した名簿のファイルを添付", "別の資料と取り違えて名簿を添付した", "誤った宛先に送ってしまいました", "BCCで送るべきところ", "宛先をBCCとすべきところ", "メールアドレスが他の受信者に表示されました", "担当者が宛先を誤り送信した", "送付先を誤って郵送した", "BCCではなくTOに入力して送信した", "封筒に、別の世帯の通知書が同封されていた", "他の方の書類を封入していた", "誤って同封した"])
            .not(&["誤送信防止のため", "誤って削除"])
            .general("the realized forms of the misdelivery words (誤送信・誤って…送付・誤った宛先に)"),
        Rule::new("event.attack", Event::Attack, "attacked, infected, encrypted, taken over or scammed",
            r"不正(な|に)?アクセス(を受け|され|が(あり|あっ|発生|行われ|確認|判明))|不正ログイン(され|が(あり|あっ|発生|確認))|攻撃を受け|暗号化され|乗っ取られ|改ざんされ|侵入(され|し)|(詐欺|攻撃)の?被害に(あ|遭)|感染(し|させ|が(判明|確認|発覚|発生)|していた|を確認)|(ランサムウェア|マルウェア|ウイルス|ウィルス)(が|を)(実行|展開)(され|し)|(暗号化|改ざん)(の|による)?被害(を受け|に(あ|遭)|が(発生|確認|判明))|ウイルスがインストールされ|(ランサムウェア|マルウェア|ウイルス|ウィルス)に感染|(ランサムウェア|ウイルス|マルウェア|サイバー攻撃|不正アクセス)の?被害(を受け|に(あ|遭)|が(発生|確認|判明))|(不正(な|に)?アクセス|侵入|攻撃)[^。]{0,12}(痕跡|形跡)(が|は)(あ|確認され|見つか|残)")
            .ex(&["第三者から不正ログインがあった", "不正アクセスがあったことが判明", "不正アクセスを受けました", "第三者に不正アクセスされ", "不正アクセスの痕跡はありました", "不正アクセスしたと思われる痕跡があり", "アカウントが不正にアクセスを受けて", "不正アクセスがあり", "不正なアクセスが確認されました", "不正ログインされた", "サイバー攻撃を受け", "ファイルが暗号化され", "アカウントが乗っ取られ", "改ざんされた", "サーバーに侵入され", "サポート詐欺の被害にあった", "パソコン1台が感染したことを確認", "感染が判明", "ウイルスがインストールされてしまった", "ランサムウェアに感染", "ランサムウェアの被害を受けた", "ランサムウェア感染が発生しました", "ランサムウェアが実行されたことを明らかにしました", "マルウェアを展開した", "ウイルスが実行され", "暗号化被害を受けた", "改ざんの被害にあった", "暗号化による被害が確認された"])
            .not(&["開くと感染する", "不正アクセスを防ぐ"])
            .general("the realized forms of attack and infection (を受け・され・被害にあう・感染した)"),
        Rule::new("event.insider", Event::Insider, "an insider looked up, took, used or passed on data",
            r"不正(に)?(閲覧|照会|取得)|不正照会|持ち出(し|され)(た|てい|、|まし)|目的外(利用|使用|に利用|閲覧|照会)|私的(に|な目的で)[^。]{0,8}(利用|使用|連絡|接触|使っ)|漏らし(た|てい|、)|第三者に(提供|伝え|漏)|(知人|友人|部外者)(に|へ)[^。]{0,12}(伝え|教え|渡し|送信)|(業務外|業務目的外|職務外|公務目的外|(業務|職務|公務)以外の目的|私的|(業務|職務|公務)(と|に)関係(なく|のない|がない)|無断で|興味本位で)[^。]{0,30}(閲覧|照会|検索|調べ|盗み見|のぞき見|覗き見)(し|さ|た|て)|(無断|許可なく|許可を得ず)[^。]{0,30}持ち(帰|出)(り|っ|し)|(データ|個人情報|名簿)を[^。]{0,8}持ち帰(り|っ)|(?:{RIVAL})[^。]{0,6}(へ|に|で)[^。]{0,24}(持ち込|開示|提供|使っ|使用|利用)|(?:{PRIVATE_MAILBOX})(に|へ)[^。]{0,10}(送信|転送|送付|送っ)(し|て|た)|(リスト|名簿|データ|情報)を[^。]{0,16}(売却|転売|売り渡)|(知人|友人|元交際相手|交際相手|元配偶者|親族|同僚|芸能人|有名人)[^。]{0,20}(閲覧|照会|検索|調べ)(し|さ|て)|名簿(業者|事業者)(に|へ)[^。]{0,6}(売却|売り渡|提供|渡し|流し)")
            .ex(&["住民情報を不正に閲覧した", "不正照会した", "個人情報を不正取得した", "顧客データを持ち出した", "持ち出されていた", "目的外利用", "住民情報の目的外閲覧", "目的外照会", "業務以外の目的で閲覧した", "私的に利用していた", "私的に連絡を取っていた", "捜査情報を漏らしていた", "第三者に提供していた", "知人に結果を送信した", "業務外で住民情報を閲覧していた", "業務に関係がないのに知人の住所を盗み見ていた", "職務と関係なく住民の税情報を閲覧していました", "業務と関係なく知人女性の住所などを警察の照会システムで調べた", "業務外で顧客の契約情報を検索した", "電話番号を無断で持ち帰り", "上司の許可なく自宅に持ち出し", "有権者データを持ち帰り", "転職先企業に顧客リストを持ち込んだ", "転職先で営業に使っていた", "競合他社へ持ち込まれた", "名簿を自分のメールアドレスに送信していました", "顧客一覧を私用のメールアドレスへ転送した", "契約者のリストを名簿業者に売却し", "看護師が元交際相手の診療記録を繰り返し閲覧していた", "同僚の人事情報を照会した", "会員データを転売していた", "名簿業者に提供していた"])
            .not(&["持ち出しは禁止", "子会社の株式を売却した", "同意なく個人データを第三者に提供しません", "持ち出すことは", "リュックも持ち帰った", "転職先を探していた", "自分のメールアドレスに届いた"])
            .general("the realized forms of an insider's act (不正照会・目的外利用・第三者に提供), the APPI's own words")
            // a policy's promise (`第三者に提供しません`), no act
            .unless_after(r"^(し|いたし)?(ません|ない|しない|することはありません|することはございません)"),
        Rule::new("event.exposure", Event::Exposure, "data stood open to outsiders",
            r"(閲覧|アクセス|検索)(可能|でき(る|た))な?(状態|状況)(に|と)な(って|り)|(閲覧|アクセス|検索)(可能|でき(る|た))な?(状態|状況)(でした|であった|だった|にあった)|外部(に|へ|から)[^。]{0,12}公開(され|されて|状態)|(他の|別の)(お客様|利用者|会員|顧客)の(情報|個人情報)が表示|(中身|内容|内部|記載内容|個人情報)が(透けて)?(見え|読め)る状態|透けて見え(る|て)")
            .ex(&["名簿がインターネット上で検索できる状況にあった", "外部から閲覧可能な状態になっていました", "資料が閲覧可能な状態でした", "誰でもアクセスできる状態となっていた", "外部に公開されていた", "他のお客様の情報が表示される", "はがきの内部が見える状態で郵送されていた", "中身が透けて見える状態", "宛名以外が透けて見えて"])
            .not(&["閲覧できないよう設定"])
            .general("how notices say data stood open (閲覧可能な状態・外部に公開・他の客の情報が表示)"),
        Rule::new("event.occurrence", Event::Occurrence, "an incident named as having happened",
            r"(事案|事故|インシデント|事件|事態)(が|の)(発生|起き)")
            .ex(&["事案が発生しました", "事故が発生", "インシデントが発生", "事件が起きた", "事態の発生"])
            .not(&["事故防止"]),
    ])
});

/// A sentence that speaks in general, of a hypothetical or of a warning: its incident words
/// report no event.
pub static GENERIC: LazyLock<RuleSet<()>> = LazyLock::new(|| {
    RuleSet::new(vec![
        Rule::new("event.generic.definition", (), "a definition or an explanation of how an attack works",
            r"とは[、,]|(開く|開封する|クリックする|実行する|アクセスする)と|の手口")
            .ex(&["Emotetとは、", "添付ファイルを開くと感染し", "開封すると", "リンクをクリックすると", "マクロを実行すると", "サイトにアクセスすると", "サポート詐欺の手口"])
            .not(&["開封したところ感染"])
            .general("how explanations of an attack are phrased (とは・開くと・の手口)"),
        Rule::new("event.generic.hypothetical", (), "a condition, a warning or a request to readers",
            r"場合(は|に|には|、|があ)|(発生|流出|漏えい|漏洩|感染|紛失)(した|する)際(の|は)|ないよう|ご注意|注意(を|して|喚起|が必要)|ください|かねません|でしょう|(する|される|なる|ある)ようです|(感染|流出|漏えい|漏洩|侵入|暗号化|紛失)(する|される)と|(盗ま|奪わ|知ら|使わ)れると[、,]|(てしまう|される|する)可能性が((極めて|非常に|より)?高|ある|あり(ます|、)|あ$)|(た|している)かのよう(な|に)")
            .ex(&["返信された場合は", "情報漏洩が発生した際の対応", "紛失した際は", "感染すると", "流出されると", "巧妙な文面となっている場合があり", "開封しないようご注意ください", "注意喚起をいたします", "注意が必要です", "注意してください", "悪用されかねません", "増えるでしょう", "感染するようです", "入力時に盗まれてしまう可能性があります", "悪用される可能性があります", "カード情報を盗まれると、", "悪用されてしまう可能性が極めて高いです", "被害が発生する可能性がある。", "ウイルス感染したかのような嘘の警告画面", "感染しているかのように見せかけ"])
            .not(&["流出したことが判明しました", "漏えいした可能性があります", "閲覧される可能性がありました", "名簿業者に売却されたようです"])
            .general("the way Japanese warnings and hypotheticals are phrased"),
    ])
});

/// A placeholder of a template (`○○○株式会社`, `**月**日` read as `月日`, `●●万件`): a page
/// showing how to write a notice reports no incident.
pub static PLACEHOLDER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("event.placeholder", (), "a placeholder of a notice template",
        r"[○●×△□◯]{2,}|[XＸ]{2,}(年|月|日|件|名|株式会社)|(^|[^0-9一二三四五六七八九十年])月日(に|から|まで|、|付)")
        .ex(&["○○○株式会社", "●●万件", "XX月", "弊社において月日に"])
        .not(&["2031年5月1日に", "毎月日曜", "生年月日、住所"])
        .general("templates of notices mark what the writer fills in with ○○, ●● or empty dates")
});

/// Whether `text` is a template of a notice (two placeholders or more).
pub fn is_template(text: &str) -> bool {
    // the placeholders' pairs first (vector searches of a few bytes each: far cheaper than a
    // multi-pattern automaton on Japanese text, whose lead bytes are all alike), the pattern
    // only where they occur
    // (the searchers built once: building one costs more than a search of a short text)
    static PAIRS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        ["○○", "●●", "××", "△△", "□□", "◯◯", "XX", "月日"]
            .iter()
            .map(|p| memchr::memmem::Finder::new(p.as_bytes()))
            .collect()
    });
    if !PAIRS.iter().any(|p| p.find(text.as_bytes()).is_some()) {
        return false;
    }
    PLACEHOLDER.re.find_iter(text).take(2).count() >= 2
}

/// After an event word: the event is denied (`…によるものではありません`).
pub static DENIED: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("event.denied", (), "an event denied right after its words",
        r"^[^。]{0,16}(ではありません|ではない|ではございません|は確認されていません|は確認されておりません|はありません|はございません|は認められ(ませんでした|なかった|ず|ない|ておりません|ていません))")
        .ex(&["によるものではありません", "は確認されていません", "は認められませんでした", "は認められなかった"])
        .not(&["したことが判明しました"])
});

/// After a cause or event word: no trace of it was found (`不正アクセスを受けた形跡がない`,
/// `侵入の痕跡は確認されておりません`).
pub static NO_TRACE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("event.no_trace", (), "no trace or fact of it was found",
        r"^[^。]{0,14}(形跡|痕跡|事実|証拠)(は|が|も)[^。]{0,8}(ない|なく|ありません|ございません|見られ(ない|ません)|見当たら(ず|ない|なかった|ません)|見つか(らない|りません|っていない|っておりません)|確認(され|でき)(ていない|ておりません|ていません|なかった|ませんでした|ない))")
        .ex(&["を受けた形跡がない", "の痕跡は確認されておりません", "の事実はありません", "された形跡は見られない", "の痕跡も見つかっていない", "の形跡は一切確認できませんでした", "による外部への情報流出の痕跡は見当たらず"])
        .not(&["を受けた形跡があり", "の痕跡を確認しました"])
        .general("how notices deny an attack or an act: …の形跡/痕跡/事実は(ない|確認されていない)")
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("incident", &EVENTS);
    v.extend(entries("incident", &GENERIC));
    v.extend(entries("incident", std::slice::from_ref(&*DENIED)));
    v.extend(entries("incident", std::slice::from_ref(&*NO_TRACE)));
    v.extend(entries("incident", std::slice::from_ref(&*UNDER_INQUIRY)));
    v.extend(entries("incident", std::slice::from_ref(&*PLACEHOLDER)));
    v
}

/// Whether the text right after an event or cause word denies it.
pub fn is_denied(after: &str) -> bool {
    DENIED.is_match(after) || NO_TRACE.is_match(after) || UNDER_INQUIRY.is_match(after)
}

/// After a cause or event word: whether it happened is what is being looked into
/// (`外部からの侵入の形跡などを調べている`, `不正アクセスの有無を調査中`): no finding yet.
pub static UNDER_INQUIRY: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("event.under_inquiry", (), "whether it happened is being looked into",
        r"^[^。、]{0,16}?(形跡|有無|かどうか|か否か)(など)?(を|について(は)?|も含めて|を含めて)[^。、]{0,12}(調べ|調査|捜査|確認)(る|て|中|を進め|する|して)")
        .ex(&["の形跡などを調べている", "の有無を調査中", "を受けたかどうかを確認している", "されたか否かについて調査を進め", "の形跡も含めて捜査している"])
        .not(&["を受けた可能性があり、調査しています", "の形跡が確認された", "の形跡が見つかり調査"])
        .general("how news tells what the police or the body is still looking into")
});

/// Whether `sentence` is generic (a definition, a warning, a hypothetical).
pub fn is_generic(sentence: &str) -> bool {
    GENERIC.any_match(sentence)
}

/// The events a sentence reports (none when it is generic), with the byte range of each.
pub fn events_in(sentence: &str) -> Vec<(Event, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    // the rows whose literals occur, each searched for where they begin (anchored)
    let hits = EVENTS.hits(sentence);
    let mask = hits.iter().fold(0, |m, h| m | h.1);
    for (i, r) in EVENTS.rows_of(mask) {
        if let Some(m) = EVENTS
            .row_matches(i, sentence, &hits)
            .find(|m| !is_denied(&sentence[m.end..]))
        {
            out.push((r.value, m));
        }
    }
    // most sentences hold no event word: the generic test only where one stands
    if !out.is_empty() && is_generic(sentence) {
        out.clear();
    }
    out
}

/// Whether `sentence` reports an event: whether [`events_in`] finds one, without listing them
/// (the first row with a match not denied after it decides; the generic test only then).
pub fn reports_event(sentence: &str) -> bool {
    let hits = EVENTS.hits(sentence);
    let mask = hits.iter().fold(0, |m, h| m | h.1);
    EVENTS.rows_of(mask).any(|(i, _)| {
        EVENTS
            .row_matches(i, sentence, &hits)
            .any(|m| !is_denied(&sentence[m.end..]))
    }) && !is_generic(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_non_events() {
        assert!(!events_in("本日、保育所の事務用端末1台が感染したことを確認しました。").is_empty());
        assert!(events_in(
            "このウイルスは届いたメールのリンクや添付を開くと感染し、連絡先を盗み取ります。"
        )
        .is_empty());
        assert!(events_in("今回の件は庁内端末のウイルス感染が原因ではありません。").is_empty());
        assert!(events_in("悪用されると、社外秘の文書が漏えいする恐れがあります。").is_empty());
        assert!(events_in("心当たりのないメールは開かないでください。").is_empty());
        for s in [
            "本日、保育所の事務用端末1台が感染したことを確認しました。",
            "このウイルスは届いたメールのリンクや添付を開くと感染し、連絡先を盗み取ります。",
            "今回の件は庁内端末のウイルス感染が原因ではありません。",
            "個人情報が流出しました。",
            "",
        ] {
            assert_eq!(reports_event(s), !events_in(s).is_empty(), "{s}");
        }
    }
}

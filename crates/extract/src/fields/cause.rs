//! `cause`: the primary cause, from the vocabulary of the schema.
//!
//! The rows of [`CAUSE_RULES`] are ordered from the most to the least specific: where a notice
//! shows several, the first row wins (a support scam also reads as 不正アクセス; a stolen laptop
//! that a teacher took home also reads as 持ち出し). The cause section (`発生原因`) is read
//! first, then the whole segment. An insider's cause needs a sentence that names the
//! organization's own people (`職員が…閲覧`); an insider's `不正アクセス` is snooping.

use super::Ctx;
use crate::analyze::Topic;
use crate::anchors::Family;
use crate::rules::{entries, Entry, Rule, RuleSet};
use crate::segment::Found;
use jikenbo_model::Cause;
use std::sync::LazyLock;

pub static CAUSE_RULES: LazyLock<RuleSet<Cause>> = LazyLock::new(|| {
    use Cause::*;
    RuleSet::new(vec![
        Rule::new("cause.support_scam.named", SupportScam, "the scam named, or its fake warning on the screen",
            r"サポート詐欺|偽の?(警告|セキュリティ警告|サポート)|警告(画面|表示|音)|(感染|ウイルス)した」?(旨|という)の?(表示|文言)")
            .ex(&["サポート詐欺の被害", "偽の警告", "偽のセキュリティ警告", "偽サポート", "警告画面に表示された", "警告表示", "警告音が鳴った", "ウイルスに感染した旨の表示", "「トロイの木馬に感染した」という文言"])
            .not(&["警告します"]),
        Rule::new("cause.support_scam.call_and_remote", SupportScam, "a number shown on the screen called, remote-control software installed on instruction",
            r"表示された(電話番号|連絡先|番号)|電話番号(など|等)?が(画面に)?表示|遠隔操作(ソフト|アプリ|ツール|が可能)|指示(通り|どおり)に[^。]{0,20}(操作|インストール)")
            .ex(&["画面に表示された電話番号に電話し", "表示された連絡先", "表示された番号", "電話番号などが画面に表示されました", "遠隔操作ソフトをインストール", "遠隔操作アプリ", "遠隔操作ツール", "遠隔操作が可能となるウイルス", "男の指示通りにパソコンを操作"])
            .not(&["電話番号が流出"]),
        Rule::new("cause.ransomware", Ransomware, "ransomware, data held to ransom", r"ランサムウェア|ランサムウエア|ランサム|身代金")
            .ex(&["ランサムウェアによりサーバーが暗号化された", "ランサムウエア", "ランサム攻撃", "身代金を要求"])
            .not(&["ランチ"]),
        Rule::new("cause.targeted_email", TargetedEmail, "a targeted mail, Emotet, a malicious attachment opened",
            r"標的型(メール|攻撃)|Emotet|エモテット|添付(ファイル|された).{0,20}(感染|開封|実行|開い)|(装った|なりすました|偽装した)メールの添付")
            .ex(&["標的型メールの添付ファイルを開いて感染", "標的型攻撃", "Emotetに感染", "エモテット", "添付ファイルを開封", "添付ファイルを誤って開封", "添付されたファイルを実行", "取引先を装ったメールの添付ファイルを開封"])
            .not(&["添付ファイルを誤って送信"]),
        Rule::new("cause.phishing", Phishing, "credentials entered on a fake site or mail",
            r"フィッシング|偽(の)?(サイト|ログイン画面|ページ|メール).{0,15}(入力|誘導|アクセス)")
            .ex(&["フィッシングメールのリンクからIDとパスワードを入力", "偽のサイトに誘導され", "偽ログイン画面で入力", "偽のページにアクセス", "偽メールから誘導"])
            .not(&["偽の警告"]),
        Rule::new("cause.insider_misuse", InsiderMisuse, "an insider's private use of data",
            r"私的(に|な目的|な利用)|私的利用|目的外(利用|使用|に利用)|個人的な(目的|メール|用途)|盗撮")
            .ex(&["顧客の電話番号を私的に利用した", "私的な目的", "私的な利用", "私的利用", "目的外利用", "目的外使用", "目的外に利用", "個人的なメールを送る", "個人的な目的", "個人的な用途", "盗撮"])
            .not(&["私立"]),
        Rule::new("cause.insider_theft.sold", InsiderTheft, "data taken out for sale or for a new employer, copied without right",
            r"不正(に)?(ダウンロード|複製|コピー|持ち?出)|(データ|情報|名簿|台帳)を(不正に)?(持ち?出|コピー)|(?:{RIVAL})[^。]{0,6}(へ|に|で)[^。]{0,24}(持ち?出|持ち込|開示|提供|使っ|使用|利用)|(?:{PRIVATE_MAILBOX})(に|へ)[^。]{0,10}(送信|転送|送付|送っ)|名簿(業者|事業者)|売却|売り渡|横流し|窃取|(クラウド|外部|個人)[^。]{0,24}アップロード")
            .ex(&["顧客データを不正にダウンロード", "不正に複製", "不正コピー", "データを不正に持ち出す", "顧客データを持ち出し", "台帳をコピーして", "転職先へ持ち出し", "競合他社へ持ち込まれた", "名簿を自分のメールアドレスに送信した", "名簿業者に売却", "名簿事業者", "売却していた", "売り渡した", "横流し", "窃取した", "クラウドサービスへアップロード"])
            .not(&["パソコンを持ち出し", "認証情報が不正に窃取され"])
            // credentials taken are an attacker's means (`認証情報が不正に窃取され`), no insider's
            .unless_before(r"(認証情報|ID|パスワード|アカウント情報?)[^。]{0,8}$"),
        Rule::new("cause.insider_disclosure", InsiderDisclosure, "an insider passing data on to others",
            r"漏らし|漏えいさせ|漏洩させ|独断で|(第三者|外部の者|知人|友人|部外者|第三者である)(に|へ)([^よ。][^。]{0,14})?(提供|渡し|送信|教え|伝え|漏)|手渡し|SNS(に|へ|上に|で).{0,8}(投稿|公開|掲載|アップ)|提出を求め[^。]{0,16}応じ|同意を得る?ことなく[^。]{0,40}(伝え|提供|教え)|(名簿|個人情報)([^。]{0,24}[^と旨実果要緯容告])?を(公開|公表)し")
            .ex(&["職員が名簿を知人に手渡しした", "漏らしていた", "漏えいさせた", "漏洩させた", "独断で提供", "第三者に提供", "外部の者に渡した", "知人に送信", "友人に教えた", "部外者へ伝えた", "内容を第三者に漏えいしていた", "SNSに写真を投稿", "名簿の提出を求めて大学がこれに応じた", "顧客の同意を得ることなく、メーカーに対し、氏名を伝えていた", "署名した市民の名簿(氏名、住所)を公開した"])
            .not(&["第三者による不正アクセス", "第三者によって漏洩した", "同意を得ることなく個人データを第三者に提供しません", "個人情報を入れたUSBメモリを紛失したことを公表した", "個人情報が流出したとの調査結果を公表した"])
            .unless_before(r"誤って[^。]{0,30}$")
            // a policy's promise (`第三者に提供しません`), no act
            .unless_after(r"^(し|いたし)?(ません|ない|しない|することはありません|することはございません)"),
        Rule::new("cause.insider_snooping", InsiderSnooping, "an insider looking data up without need",
            r"(業務外|業務目的外|公務目的外|(業務|職務|公務)以外の目的|(業務|職務|公務)(と|に)関係(なく|のない|がない)|興味本位|権限のない|無断で).{0,30}(閲覧|照会|アクセス|ログイン|検索|調べ|盗み見|のぞき見|覗き見)|(知人|友人|元交際相手|交際相手|元配偶者|親族|同僚|芸能人|有名人)[^。]{0,20}(閲覧|照会|検索|調べ)(し|さ|て)|不正(に)?(閲覧|照会|取得)|不正照会|目的外(の)?(閲覧|照会)|不正に端末を操作")
            .ex(&["看護師が元交際相手の診療記録を閲覧していた", "職務と関係なく住民の情報を閲覧した", "業務と関係なく知人の住所を照会システムで調べた", "業務外で閲覧", "業務に関係がないのに知人の情報を無断で盗み見ていた", "業務目的外に照会", "公務目的外で2回、照会した", "興味本位で閲覧", "権限のないデータにアクセス", "無断でログイン", "不正に閲覧", "不正に照会", "個人情報を不正取得した", "不正照会", "目的外閲覧", "目的外の照会", "業務以外の目的で閲覧", "不正に端末を操作し"])
            .not(&["閲覧した", "第三者による不正ログインの形跡がないことを確認", "会員サイトへの不正ログインが発覚"])
            // a trace denied (`不正ログインの形跡はない`) is no act
            .unless_after(r"^(の|された)?(形跡|痕跡)(は|が|も)?[^。]{0,12}(な(い|く|かっ)|ありません|ございません|確認され(ず|ませ|てい(ない|ません)))"),
        Rule::new("cause.misdelivery", Misdelivery, "sent, handed or published to the wrong party",
            r"{OTHER_PARTY}の[^。]{0,16}が(印字|印刷)(され|し)|誤送信|誤送付|誤配布|誤配達|誤交付|誤掲載|誤発送|誤封入|誤公開|誤投函|誤配信|誤って[^。]{0,48}(送信|送付|送っ|配布|掲載|交付|添付|郵送|発送|公開|提供|伝え|渡し|入れ|手渡)|取り違え(て|、)[^。]{0,24}(送信|送付|送っ|添付|交付|渡し|発送|郵送)|誤った(メールアドレス|宛先|送付先|相手|ファイル)|宛先を?(誤|間違)|(BCC|Bcc|bcc)」?(で|に|を|ではなく|欄|機能|設定|にて)|「(BCC|Bcc|bcc)」|CCで送|{OTHER_PARTY}の[^。]{0,20}同封(され|し)|誤って同封")
            .ex(&["予診票に別の方の氏名が印字されていた", "メールを誤送信", "誤送付", "誤配布", "誤配達", "誤交付", "誤掲載", "誤発送", "誤封入", "誤公開", "誤投函", "誤配信", "メールを誤って別の顧客に送信した", "誤って別のファイルを添付", "誤って児童の氏名や住所、保護者の電話番号を記載した名簿のファイルを添付", "別の資料と取り違えて名簿を添付した", "誤って入居申込者に伝えて", "名簿を誤って入れて", "誤って対象外文書を次のとおり提供", "誤ったメールアドレスに送って", "誤った宛先", "誤った送付先", "誤った相手", "誤ったファイル", "宛先を誤り", "宛先を間違え", "BCCで送るべき", "Bccで", "「BCC」にて送信すべき", "宛先をBCCではなく", "「BCC」(メールアドレスが表示されない", "CCで送信", "他人の書類が同封され", "別の方の通知書が同封されていました", "誤って同封"])
            .not(&["誤って削除", "指摘する手紙が同封されていた", "ITベンダーのBCC(福岡市)"]),
        Rule::new("cause.misconfiguration", Misconfiguration, "a setting left open, a page or share visible to outsiders",
            r"設定(の)?(ミス|誤り|不備|漏れ)|誤設定|初期設定|公開設定|共有設定|(閲覧|アクセス|参照|検索)(可能|でき(る|た))な?(状態|設定|状況)|公開範囲|誰でも.{0,12}(閲覧|アクセス|参照)|公開状態|(他の|別の)(お客様|利用者|会員|顧客)の(情報|個人情報)が表示")
            .ex(&["共有設定の誤りにより外部から閲覧可能な状態となっていた", "設定ミス", "設定の不備", "設定漏れ", "誤設定", "初期設定のまま", "公開設定", "閲覧可能な状態", "アクセスできる状態", "インターネット上で検索できる状況", "参照できた設定", "公開範囲", "誰でも閲覧", "公開状態", "他のお客様の情報が表示される"])
            .not(&["設定を変更した", "情報が侵入者に閲覧できる状態にあった"])
            // what an intruder could see is the attack's reach, no setting left open
            .unless_before(r"(侵入者|攻撃者|犯人|第三者が不正に)(に|が|から)[^。、]{0,8}$"),
        Rule::new("cause.loss_theft", LossTheft, "lost, stolen, misplaced or thrown away by mistake",
            r"紛失|置き忘れ|置忘れ|誤廃棄|誤って廃棄|滅失|散逸|(誤って|気(づ|付)かず|一緒に)[^。]{0,16}((廃棄|処分|ゴミ置き場に搬入)(し|され)|捨て(た|て|られ))|誤棄|盗難|盗まれ|所在不明|車上(荒|ねら)|ひったくり|置き引き|持ち去|落とし(た|物)|空き巣|(な|無)くなって(い|お)|(分の?|資料|書類|名簿|データ)が(な|無)くな(り|っ)|散乱|窃盗|置いたまま")
            .ex(&["顧客情報が入ったUSBメモリを紛失", "置き忘れ", "置忘れ", "誤廃棄", "誤って廃棄", "書類を滅失", "道路上に散逸", "書類に気づかず医学書と一緒に廃棄した", "誤ってゴミ置き場に搬入した", "名簿に気付かず処分された", "誤って捨てた", "誤棄か", "盗難", "盗まれた", "所在不明", "車上荒らし", "車上ねらい", "ひったくり", "置き引き", "持ち去られた", "落とした", "落とし物", "空き巣", "なくなっていた", "37人分が無くなりました", "道路上に散乱", "窃盗", "書類を机に置いたまま"])
            .not(&["紛失防止", "管理者IDが盗まれた"])
            .unless_after(r"^(罪|防止|対策)")
            // credentials taken are an attacker's means (`パスワードが盗まれ`), no lost thing
            .unless_before(r"(認証情報|ID|パスワード|アカウント情報?)[がを]?$"),
        Rule::new("cause.insider_theft.taken_out", InsiderTheft, "data or media taken out (below a loss or theft that followed)",
            r"持ち?出(し|され|す)")
            .ex(&["退職した元社員が顧客名簿を持ち出し", "持出し", "持ち出された", "持ち出す"])
            .not(&["持ち帰り"]),
        Rule::new("cause.insider_theft.taken_home", InsiderTheft, "data taken home without leave (below a loss that followed)",
            r"(無断|許可なく|許可を得ず)[^。]{0,30}持ち帰|(データ|情報|名簿|番号|資料)を[^。]{0,8}持ち帰(り|っ)")
            .ex(&["電話番号を無断で持ち帰り", "上司の許可なく自宅に持ち帰った", "外付けの媒体でデータを持ち帰っていた"])
            .not(&["リュックを持ち帰った"]),
        Rule::new("cause.unauthorized_access", UnauthorizedAccess, "an outside intrusion: unauthorized access, a vulnerability, stolen passwords",
            r"不正(に|な)?アクセス|不正な?ログイン|サイバー攻撃|侵入|脆弱性|乗っ取|改ざん|(パスワード|認証情報).{0,15}(流出|漏えい|推測|窃取)|スキミング|リスト型|SQLインジェクション")
            .ex(&["第三者による不正アクセスを受けた", "不正なアクセス", "不正ログイン", "不正なログインが相次ぎ", "サイバー攻撃", "ネットワークに侵入", "脆弱性を突かれ", "アカウントが乗っ取られ", "改ざんされた", "パスワードが外部に流出", "認証情報が不正に窃取され", "スキミング", "リスト型攻撃", "SQLインジェクション"])
            .not(&["アクセスが集中"])
            .unless_before(r"(住宅|自宅|住居|家屋|部屋)に?$")
            .unless_after(r"^(禁止法|罪)"),
        Rule::new("cause.malware", Malware, "another malware infection", r"マルウェア|ウイルス|ウィルス|不正プログラム|トロイの木馬|Winny|ウィニー")
            .ex(&["業務用パソコンがマルウェアに感染", "ウイルス", "ウィルス", "不正プログラム", "トロイの木馬", "Winny", "ウィニー"])
            .not(&["ワクチン"]),
    ])
    .vocabulary()
});

/// Words that make a sentence about the organization's own people (needed before a sentence's
/// `閲覧` or `持ち出し` is read as an insider's act).
pub static INSIDER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "cause.insider_people",
        (),
        "the organization's own people or its contractors' people",
        r"{STAFF}|{PARTNER}|当該者|男性|女性|容疑者|男|女",
    )
    .ex(&[
        "担当職員が閲覧した",
        "委託先の作業者が",
        "当該者",
        "男性",
        "女性",
        "容疑者",
        "60代の男",
        "女",
    ])
    .not(&["第三者"])
    .general(crate::rules::VOCABULARY)
});

/// An insider accessing without authority: `職員が…不正にアクセスし`, `巡査が…書類送検`.
pub static INSIDER_ACCESS: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("cause.insider_access", (), "an insider's unauthorized access is snooping",
        r"{STAFF}[^。]{0,6}(が|は)[^。]{0,40}不正(に)?(アクセス|ログイン)|(職員|警部補?|巡査長?)[^。]{0,10}(が|を)[^。]{0,6}(書類送検|逮捕)")
        .ex(&["職員が業務外に不正にアクセスし", "警部補を書類送検"])
        .not(&["第三者が不正にアクセス", "従業員のパソコンが詐欺サイトに誘導されて不正アクセスを受け"])
        // the staff's machine attacked from outside (`従業員のパソコンが…不正アクセスを受け`)
        .unless_after(r"^(を受け|され|の被害|被害)")
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("cause", &CAUSE_RULES);
    for r in [&*INSIDER, &*INSIDER_ACCESS] {
        v.extend(entries("cause", std::slice::from_ref(r)));
    }
    v
}

/// The cause: read first in the cause section, then in the whole segment; in each, the most
/// specific cause (the order of [`CAUSE_RULES`]) wins.
pub fn cause(ctx: &Ctx) -> Option<Found<Cause>> {
    // whether any fact sentence names the organization's own people: asked only when an
    // insider's act is the candidate and its own sentence names nobody
    let insider_doc = std::cell::OnceCell::new();
    let insider_doc =
        || *insider_doc.get_or_init(|| ctx.fact_sents().any(|s| INSIDER.is_match(ctx.s(&s.range))));
    // each sentence's most specific cause (its first row that holds), with the row's rank
    let mut per_sentence: Vec<(bool, usize, Found<Cause>)> = Vec::new();
    // the lowest rank found so far in the cause section and in the whole segment: a later
    // sentence matters only with a lower rank (the first sentence wins among equals), so its
    // rows from that rank on are not tried
    let (mut best_section, mut best_all) = (usize::MAX, usize::MAX);
    for (s, rows) in ctx.family_rows(Family::Cause) {
        let r = &s.range;
        let st = ctx.s(r);
        let in_section = s.topic == Topic::Cause;
        let below = if in_section { best_section } else { best_all };
        let mut first = None;
        for (rank, rule) in CAUSE_RULES
            .rows_of(rows)
            .take_while(|(rank, _)| *rank < below)
        {
            // a cause denied where it stands (`不正アクセスを受けた形跡がない`) is none
            let Some(m) = ctx
                .row_matches(&CAUSE_RULES, Family::Cause, s, rank)
                .find(|m| !crate::incident::is_denied(&st[m.end..]))
            else {
                continue;
            };
            let mut c = rule.value;
            // an insider's act needs the body's people in the text (a disclosure may be the
            // body's own: `大学がこれに応じた`)
            if c.is_insider()
                && c != Cause::InsiderDisclosure
                && !(INSIDER.is_match(st) || insider_doc())
            {
                continue;
            }
            if c == Cause::UnauthorizedAccess && is_insider_access(st) {
                c = Cause::InsiderSnooping;
            }
            first = Some((rank, (c, r.start + m.start..r.start + m.end)));
            break;
        }
        let Some((rank, found)) = first else { continue };
        if crate::incident::is_generic(st) {
            continue;
        }
        if in_section {
            best_section = best_section.min(rank);
        }
        best_all = best_all.min(rank);
        per_sentence.push((in_section, rank, found));
    }
    // the cause section first, then the whole segment; the lowest rank wins, the first
    // sentence among equals
    let best = |section_only: bool| {
        per_sentence
            .iter()
            .filter(|(in_section, ..)| *in_section || !section_only)
            .min_by_key(|(_, rank, _)| *rank)
            .map(|(_, _, f)| f.clone())
    };
    best(true).or_else(|| best(false))
}

fn is_insider_access(sentence: &str) -> bool {
    INSIDER_ACCESS.is_match(sentence)
        && !sentence.contains("第三者")
        && !sentence.contains("外部から")
}

#[cfg(test)]
mod tests {
    use crate::extract_text;
    use jikenbo_model::{Actor, Cause};

    fn cause(t: &str) -> Option<Cause> {
        extract_text("t.txt", t)
            .into_iter()
            .next()
            .and_then(|i| i.cause)
    }

    #[test]
    fn support_scam_outranks_unauthorized_access() {
        let i = &extract_text("t.txt", "職員が画面に表示された電話番号に電話し、遠隔操作ソフトをインストールしたため、不正アクセスを受けました。")[0];
        assert_eq!(i.cause, Some(Cause::SupportScam));
        assert_eq!(i.actor, Some(Actor::External));
    }

    #[test]
    fn a_stolen_laptop_taken_home_is_a_theft() {
        assert_eq!(cause("教諭は生徒の個人情報が入ったパソコンを勝手に持ち出していた。車上荒らしでパソコンが盗まれた。"), Some(Cause::LossTheft));
        assert_eq!(
            cause("元社員が転職先へ顧客データを持ち出した。"),
            Some(Cause::InsiderTheft)
        );
    }

    #[test]
    fn a_glossary_footnote_is_not_the_cause() {
        assert_eq!(cause("当社サーバに第三者による不正なアクセスがありました。\n※フォレンジック調査:端末の記録を調べる手法\n"), Some(Cause::UnauthorizedAccess));
    }

    #[test]
    fn a_denied_intrusion_is_no_cause() {
        assert_eq!(
            cause("社外から不正アクセスを受けた形跡がないことから、元社員が顧客名簿を持ち出したとみられる。"),
            Some(Cause::InsiderTheft)
        );
    }

    #[test]
    fn a_burglary_is_no_intrusion_into_systems() {
        assert_eq!(
            cause("巡査は公用端末で不正に照会した女性の住宅に侵入したとして逮捕された。"),
            Some(Cause::InsiderSnooping)
        );
    }

    #[test]
    fn stolen_credentials_a_denied_taking_out_and_a_mistaken_disposal() {
        // credentials taken are the attacker's means, not an insider's theft
        assert_eq!(
            cause("当協会職員1名のメールアカウントの認証情報が不正に窃取され、このアカウントから大量のメールが送信されました。会員120名分のメールアドレスが閲覧された可能性があります。"),
            Some(Cause::UnauthorizedAccess)
        );
        // a taking out the investigation did not find is no cause
        assert_eq!(
            cause("みどり町の校務サーバーがウイルスに感染し、児童の氏名が流出した可能性があります。これらの情報の持ち出しは認められませんでした。"),
            Some(Cause::Malware)
        );
        // thrown away with other things by mistake
        assert_eq!(
            cause("医師が医学書を処分する際、患者40人分の書類に気づかず一緒に廃棄した。"),
            Some(Cause::LossTheft)
        );
    }

    #[test]
    fn an_intrusion_still_being_looked_into_is_no_cause_and_a_lost_record_is_a_loss() {
        assert_eq!(
            cause("みどり市のサーバーに保存していた住民40人分の個人情報が流出した可能性がある。市は外部からの侵入の形跡などを調べている。"),
            None
        );
        assert_eq!(
            cause("みどり町は、保管していた住民120人分の申請書を誤って滅失したと発表した。"),
            Some(Cause::LossTheft)
        );
    }
}

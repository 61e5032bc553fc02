//! `data`: the kinds of personal data involved, from the vocabulary of the schema.
//!
//! Read in the leaked-data section, in sentences that speak of data being exposed, kept or
//! handled (`…が記載された書類`, `…が流出`, `…を閲覧`, `96名分の住所と氏名`), in a list of one kind
//! per line (`• 氏名` / `• メールアドレス`), and in digest headlines. Left out: a
//! sentence denying a kind (`クレジットカード番号は含まれておりません`), a sentence about measures
//! (`パスワードを変更`), and a data word that names a business or a procedure
//! (`マイナンバーカード交付等業務`, `電話番号に連絡`).

use super::Ctx;
use crate::anchors::Family;
use crate::rules::{entries, Entry, Rule, RuleSet};
use crate::segment::Found;
use jikenbo_model::DataKind;
use std::sync::LazyLock;

pub static DATA_RULES: LazyLock<RuleSet<DataKind>> = LazyLock::new(|| {
    use DataKind::*;
    RuleSet::new(vec![
        Rule::new("data.name", Name, "names", r"氏名|お名前|名前|姓名|フリガナ|個人名|名義人(名)?|(カード|口座)名義|(代表|担当|管理|責任|契約|申請)者名")
            .ex(&["氏名、住所", "お名前", "名前や住所", "姓名", "フリガナ", "個人名", "名義人名", "名義人", "カード名義", "口座名義", "代表者名", "担当者名", "管理者名", "責任者名", "契約者名", "申請者名"])
            .not(&["名称", "名簿"]),
        Rule::new("data.address", Address, "addresses", r"住所|所在地|郵便番号|居所")
            .ex(&["ご住所", "所在地", "郵便番号", "居所"]).not(&["住まい"]),
        Rule::new("data.phone", Phone, "phone numbers", r"電話番号|携帯(電話)?の?番号|TEL|連絡先電話|緊急連絡先")
            .ex(&["電話番号", "携帯番号", "携帯電話の番号", "TEL", "連絡先電話", "緊急連絡先"]).not(&["電話で"]),
        Rule::new("data.email", Email, "e-mail addresses", r"(メール|mail|Mail|MAIL)[\s・]*アドレス|アドレス帳|メアド")
            .ex(&["メールアドレス", "メール・アドレス", "Mail アドレス", "mailアドレス", "MAILアドレス", "アドレス帳", "メアド"]).not(&["メールの本文"]),
        Rule::new("data.birthdate", Birthdate, "dates of birth", r"生年月日|誕生日")
            .ex(&["生年月日", "誕生日"]).not(&["年月日"]),
        Rule::new("data.gender", Gender, "gender", r"性別").ex(&["性別"]).not(&["男性職員"]),
        Rule::new("data.age", Age, "age", r"年齢").ex(&["年齢"]).not(&["年代"]),
        Rule::new("data.bank_account", BankAccount, "bank accounts", r"口座|振込先|金融機関(名|情報)")
            .ex(&["振込先口座番号", "口座情報", "振込先", "金融機関名", "金融機関情報"]).not(&["金融機関"]),
        Rule::new("data.credit_card", CreditCard, "credit card data", r"クレジット(カード)?|カード(番号|情報|名義)|有効期限|セキュリティコード")
            .ex(&["クレジットカード番号", "クレジット情報", "カード番号", "カード情報", "カード名義", "有効期限", "セキュリティコード"]).not(&["ポイントカード"]),
        Rule::new("data.my_number", MyNumber, "My Number", r"マイナンバー|個人番号").ex(&["マイナンバー", "個人番号"]).not(&["番号"]),
        Rule::new("data.health", Health, "health: diagnoses, treatment, checks, medication", r"病歴|病状|病名|症状|診療|健診|健康診断|診断(結果|書)|受診結果|処方|調剤|既往歴|検査結果|治療|受診歴|傷病|服薬|健康状態|健康情報|要介護|アレルギー|カルテ|(感染|陽性)者|濃厚接触者|視力|聴力|測定結果|けがの状況|ケガの状況|血液型|受診科|検査値|術式|手術(記録|歴|内容|情報|名)|診断名|身体の状況")
            .ex(&["受診結果", "病歴", "病状", "病名", "症状", "診療内容", "健診", "健康診断", "診断結果", "診断書", "薬の処方", "調剤", "既往歴", "検査結果", "治療内容", "受診歴", "傷病名", "服薬", "健康状態", "健康情報", "要介護度", "アレルギー", "カルテの写し", "感染者38人分の氏名", "陽性者", "濃厚接触者", "視力や聴力の測定結果", "ケガの状況", "けがの状況", "血液型", "受診科", "検査値", "術式", "手術記録", "手術歴", "診断名", "身体の状況"])
            .not(&["健康保険"]),
        Rule::new("data.health_check", HealthCheck, "health-check results", r"健康診断|健診|検診結果")
            .ex(&["健康診断の結果", "健診", "検診結果"]).not(&["検診車"]),
        Rule::new("data.criminal", Criminal, "criminal records", r"犯罪歴|前科|前歴|犯歴|犯罪経歴|逮捕歴|捜査(資料|情報)|暴力団")
            .ex(&["犯罪歴", "前科", "前歴", "犯歴情報", "犯罪経歴", "逮捕歴", "捜査資料", "捜査情報", "暴力団登録"]).not(&["犯罪防止"]),
        Rule::new("data.crime_victim", CrimeVictim, "the fact of having been a crime victim", r"犯罪被害|被害者(の)?(氏名|情報)|詐欺被害(者|届)")
            .ex(&["犯罪被害の事実", "被害者の氏名", "被害者情報", "詐欺被害者", "詐欺被害届"])
            // an accident's victims are no crime victims (APPI's sensitive fact is a crime's)
            .not(&["被害額", "交通事故被害者の氏名"])
            .unless_before(r"事故$"),
        Rule::new("data.disability", Disability, "disability", r"障害者手帳|障がい|障害の(有無|程度|種別)|障害等級")
            .ex(&["障害者手帳の番号", "障がいの有無", "障害の有無", "障害の程度", "障害の種別", "障害等級"]).not(&["システム障害"]),
        Rule::new("data.creed", Creed, "creed, religion", r"信条|宗教|信仰|思想")
            .ex(&["政治的信条", "信仰する宗教", "信仰", "思想"]).not(&["信用"]),
        Rule::new("data.race", Race, "race, family origin", r"人種|本籍|門地").ex(&["人種", "本籍地", "門地"]).not(&["国籍"]),
        Rule::new("data.credentials", Credentials, "IDs and passwords", r"(ID|アカウント)[・、/とや及び]{0,3}パスワード|ログインID|ユーザー?ID|認証情報|ログイン情報|アカウント情報|パスワード(が|を)?[^。]{0,8}(流出|漏え|漏洩|詐取|窃取|盗)|[、・]パスワード|パスワード[、・]")
            // a password listed among kinds of data (`メールアドレス、パスワード`); alone, it is
            // often the account an attacker used (`メールのパスワードが流出したと思われ`)
            .ex(&["ログインIDとパスワード", "ID・パスワード", "アカウントやパスワード", "ログインID", "ユーザーID", "ユーザID", "認証情報", "ログイン情報", "アカウント情報", "過去のパスワードが外部に流出", "メールアドレス、パスワード", "パスワード、生年月日"])
            .not(&["ID番号", "職員のパスワードが推測され"]),
        Rule::new("data.workplace", Workplace, "workplace, affiliation, position, occupation", r"勤務先|会社名|所属(先|名|部署|情報|機関|組織|団体|、|・|/|\))|役職|部署名|事業者名|学校名|企業名|法人名|職業|職種|職歴")
            .ex(&["職歴", "勤務先", "会社名", "所属先", "所属名", "所属部署", "所属機関", "所属情報", "所属、", "所属・", "所属/", "(所属)", "役職", "部署名", "事業者名", "就学学校名", "企業名", "法人名", "職業", "職種"])
            .not(&["所属する", "勤務先の顧客データを持ち出した"])
            // the employer itself (`元社員が勤務先の顧客データを`), not a kind of data
            .unless_after("^の「?(顧客|社内|会社|パソコン|PC|システム|サーバ|同僚|上司)"),
        Rule::new("data.family", Family, "household, family relations, civil registry", r"世帯(主|構成|情報)|続柄|家族|扶養|戸籍|除籍|謄本|婚姻歴|配偶者|子どもの有無|家庭(の|内の)(状況|様子|事情)")
            .ex(&["世帯主、続柄", "世帯構成", "世帯情報", "続柄", "家族構成", "扶養", "戸籍", "除籍謄本", "謄本", "婚姻歴", "配偶者", "子どもの有無", "家庭の状況", "家庭の様子"])
            // a household counted is who is affected, not a kind of data
            .not(&["家庭訪問", "約350世帯分の氏名", "202世帯(207人)", "被害世帯に報告", "ご家族の皆様"])
            // the persons addressed (`ご家族の皆様にご心配を`), not a kind of data
            .unless_after("^の?(皆様|皆さま|皆さん|方々)"),
        Rule::new("data.financial", Financial, "income, tax, insurance premiums", r"所得|税額|年収|給与|給料|保険料|収入|納税|課税|資産|納付書|滞納|残高|預金額|借入(額|金)|生活保護|(支給|給付|助成|貸与|還付)(額|金額)")
            .unless_after("^振込")
            // ふるさと納税 is the name of a programme of gifts to a town, not a tax datum
            .unless_before("ふるさと$")
            .ex(&["給料額", "支給額", "給付額", "助成額", "貸与額", "還付金額", "所得情報", "税額", "年収", "給与", "保険料", "収入", "納税", "課税", "資産", "国民健康保険納付書", "滞納額", "預金残高", "預金額", "借入額", "生活保護の受給状況"]).not(&["税制", "給与振込口座", "ふるさと納税で寄付した"]),
        Rule::new("data.customer_id", CustomerId, "numbers the organization gives (customer, member, policy, patient numbers)", r"(顧客|会員|証券|登録|お客様|契約|受付|学籍|学生|奨学生|社員|職員|利用者|管理|患者|受験|入試|受検|病歴)番号|(世帯|顧客|会員|利用者|宛名)(コード|ID)|カルテの?\s*ID|患者ID|会員ID|被保険者(証)?(の)?(記号|番号)|保険証(の)?(記号|番号)|診察券(の)?番号|受給者(証)?番号|(顧客|お客様|利用者)ID|(顧客|会員)コード|(^|[、・,(「\s])ID([、・,)」\s]|$)")
            .ex(&["世帯コード", "顧客コード", "宛名コード", "利用者ID", "顧客番号", "会員番号", "証券番号", "登録番号", "お客様番号", "契約番号", "受付番号", "学籍番号", "社員番号", "職員番号", "利用者番号", "管理番号", "患者番号", "受験番号", "入試番号", "病歴番号", "カルテID", "患者ID", "会員ID", "被保険者番号", "被保険者証の記号", "保険証番号", "診察券番号", "受給者証番号", "顧客ID", "会員コード", "学生番号", "奨学生番号", "ID、氏名、性別", "氏名・ID"])
            // a bare ID among the kinds listed is the organization's number for the person
            .not(&["電話番号", "ログインID", "IDとパスワード"])
            // (`ID、パスワード`: a login, the credentials' rule)
            .unless_after("^[・、/とや及び]{0,3}(パスワード|PW)"),
        Rule::new("data.content", Content, "the content of mails or documents", r"(メール|メッセージ)(の)?(本文|内容)|(メール|メッセージ)に含まれる|(メール|電子メール)(を|が)(不正に)?閲覧|(メール|電子メール)(約)?\s*[0-9]+\s*(通|件)|報告書|文書の内容|書類の内容|議事録|(お?問い?合わ?せ|相談)(の)?内容")
            .ex(&["メールの本文", "メッセージ内容", "メールに含まれる", "メールを閲覧", "電子メールが不正に閲覧", "交際相手とのメール約100通", "報告書", "文書の内容", "書類の内容", "議事録", "お問い合わせ内容", "相談内容"])
            .not(&["メールアドレス", "調査会社から報告書を受領した"])
            // the investigation's or the city's own report (`報告書を受領`), not leaked content
            .unless_after("^(を|が)?(受領|受け取|提出|公表|作成|まとめ|取りまとめ)"),
        Rule::new("data.image", Image, "photos, images, video (not the form other data is kept in, not a page's picture)", r"写真|画像|動画|映像")
            .ex(&["顔写真", "画像", "動画", "映像"])
            .not(&["写し", "検査値が画像データとして保存", "手形の情報を画像として", "[画像のクリックで拡大表示]", "名簿をスマートフォンで撮影し、その画像を知人に送信した"])
            .unless_after(r"^(データ)?として|^の?クリック|^を?拡大")
            // a photo taken of the data is how it was copied, not a kind of data
            .unless_before(r"撮影(し|して|した)[、,]?[^。]{0,8}$"),
    ])
    .vocabulary()
});

/// After a data word: this names a business or procedure (`マイナンバーカード交付等業務`).
pub static DATA_SKIP_AFTER: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("data.skip_after", (), "after a data word: a business or a procedure, not data",
        r"^[^、。\sをがはにで]{0,10}(業務|事務|事業|制度|担当|窓口)|^(に|へ)(電話|連絡|架電|送信|送付|送っ|送ら|送り|誤)|^(宛|あて)(に|て|先)|^.{0,3}(配信|サイト|サービス)|^(体験|訓練|紹介)|^カードの?(交付|申請|取得|受け?取|更新|作成|普及|受付)|^(の|を)(ご)?(登録|お持ち)(の|が)?(ない|無い|でない)")
        .ex(&["カード交付等業務", "に電話した", "へ連絡", "宛にお送りした", "に送ってしまった", "配信サービス", "体験", "カード交付を申請した町民", "カードの受け取り", "のご登録のないお客様", "をお持ちでない方"])
        .not(&["、住所", "、さらに男性教諭が担当する", "を業務外で控え"])
});

/// Sentences that deny the data was involved (`クレジットカード番号は含まれておりません`).
pub static DATA_NEGATION: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("data.negation", (), "a sentence denying the data was involved",
        r"含まれ(ておりません|ていません|ていない|ません|ず|ておらず)|含んでいません|一切|ございません|ありません|対象外|保有して(おりません|いません|いない)|含みません")
        .ex(&["含まれておりません", "含まれていません", "含まれていない", "含まれません", "含まれず", "含まれておらず", "含んでいません", "一切", "ございません", "泌えいはありません", "対象外", "保有しておりません", "保有していません", "保有していない", "含みません"])
        .not(&["含まれていました"])
    .general(crate::rules::VOCABULARY)
});

/// A clause that denies its own data words leaked (`マイナンバーや口座情報の流出は確認されていない`):
/// the kinds named before it, back to the clause's start, are left out, the rest of the
/// sentence is read (`氏名が流出した可能性があるが、カード情報の流出は確認されていない`).
pub static DATA_DENIED_CLAUSE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("data.denied_clause", (), "a clause denying that the data it names leaked",
        r"(の|が)(外部への|外部に|外部へ)?(流出|漏えい|漏洩|持ち出し)(等|など)?(は|も)(現時点で(は)?|これまでに|今のところ)?(確認され(ませんでした|ておりません|ていません|ておらず|ず|なかった|ていない)|確認して(おらず|いない|いません|おりません)|確認でき(ませんでした|ず|ていない|ておりません)|認められ(ませんでした|なかった|ず|ていない)|(なかった|ない|ありません))")
        .ex(&["口座情報の流出は確認されていない", "カード情報の漏えいは確認されておりません", "電話番号の外部への流出は確認できませんでした", "住所の流出等は現時点で確認されていない", "生年月日の漏えいもない"])
        .not(&["氏名が流出した", "流出した可能性は否定できない"])
        .general("the finding-of-none forms of the leak words, said of the kinds of data just named")
});

/// Where a clause that ends at `at` starts: after the sentence's last clause join before it (a
/// verb's or copula's continuative form and a comma: `…などで、`, `…しており、`, `…したが、`;
/// `ものの`, `なお、`) or line break.
fn clause_start(st: &str, at: usize) -> usize {
    let head = &st[..at];
    [
        "が、",
        "で、",
        "て、",
        "り、",
        "し、",
        "ものの",
        "なお、",
        "\n",
    ]
    .iter()
    .filter_map(|b| head.rfind(b).map(|i| i + b.len()))
    .max()
    .unwrap_or(0)
}

/// Sentences that are about measures, not facts (`パスワードを変更し`).
pub static MEASURE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new(
        "data.measure",
        (),
        "a sentence about measures, not facts",
        r"変更|再発防止|対策|徹底|研修|(社員|職員|従業員|教職員|セキュリティ)教育|教育を(実施|行)|注意喚起|ご注意|お願い",
    )
    .ex(&[
        "パスワードを変更し",
        "再発防止",
        "対策",
        "徹底",
        "研修",
        "社員教育",
        "情報セキュリティ教育",
        "教育を実施",
        "注意喚起",
        "ご注意",
        "お願い",
    ])
    // an education business is no measure (`通信教育サービスの顧客の氏名`)
    .not(&["流出しました", "通信教育サービスの顧客", "教育委員会"])
    .general("the words of recurrence-prevention measures as notices list them (変更・研修・社員教育・教育を実施・注意喚起)")
});

/// Words showing that a sentence speaks of data being exposed, kept or handled.
pub static EXPOSURE: LazyLock<Rule<()>> = LazyLock::new(|| {
    Rule::new("data.exposure", (), "a sentence about data being exposed, kept or handled",
        r"漏えい|漏洩|流出|漏れ|閲覧|持ち?出|含まれ|記載|記され|記録|格納|保存|保管|登録され|メモ|送信|送付|アップロード|ダウンロード|盗|紛失|私的|可能性|おそれ|恐れ|写り込|掲載|項目|内容|入力|入って|載った|書かれ|伝え|提供|照会|調べ|表示|知ろう|検索|公開|漏らし|教え|渡し|同封|封入|送っ|売却|転売|売り渡|横流し|含む|渡っ|[0-9]\s*(人|名|件|世帯)分の|影響(の)?対象")
        .ex(&["漏えい", "漏洩", "流出", "漏れ", "閲覧", "持ち出し", "含まれ", "記載された", "氏名が記された名簿", "記録", "格納", "保存", "保管", "登録された", "メモ", "送信", "送付", "アップロード", "ダウンロード", "盗まれ", "紛失", "私的", "可能性", "おそれ", "恐れ", "写り込み", "掲載", "項目", "内容", "入力", "入っていた", "載った", "書かれていた", "伝えた", "提供", "照会", "調べ", "表示", "知ろうとして", "検索", "公開した", "業者に漏らした", "知人に教えた", "名簿を渡した", "別の世帯の通知書が同封されていた", "他人の書類を封入", "加入者に送った通知書", "名簿業者に売却", "転売した", "売り渡した", "横流しした", "氏名を含むデータ", "氏名や住所が別人に渡った", "対象となったのは96名分の住所と氏名だった", "影響対象となったのは"])
        .not(&["研修を行った"])
    .general(crate::rules::VOCABULARY)
});

/// The rules of this module, for the catalog.
pub fn rules() -> Vec<Entry> {
    let mut v = entries("data", &DATA_RULES);
    for r in [
        &*DATA_SKIP_AFTER,
        &*DATA_NEGATION,
        &*DATA_DENIED_CLAUSE,
        &*MEASURE,
        &*EXPOSURE,
    ] {
        v.extend(entries("data", std::slice::from_ref(r)));
    }
    v
}

/// Whether `s` (the words after a count) names kinds of data (`)の氏名、住所`).
pub fn names_data(s: &str) -> bool {
    let head = &s[..super::floor_char(s, 80)];
    DATA_RULES.any_match(head)
}

/// The marks a list item may open with, or stand alone on a line of its own.
const BULLETS: &str = "・•-*●◦○■□";

/// A short line that is one item of a list of kinds (`• メールアドレス`, `氏名`, `住所(市町村まで)`).
fn is_kind_line(st: &str) -> bool {
    let t = st.trim_matches(|c: char| c.is_whitespace() || BULLETS.contains(c));
    // (a label and its value is no item: `代表者名 代表取締役 山田一郎`, `(TEL.03-0000-0000)`)
    // (the text is NFKC-normalized: a full-width space or colon is an ASCII one here)
    let label_value = t.contains([' ', '\t', ':'])
        || t.as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit));
    !t.is_empty()
        && t.chars().count() <= 24
        && !t.contains('。')
        && !label_value
        && DATA_RULES.any_match(t)
}

/// Whether the kind line `s` has a neighbour of its kind: a list of one kind per line (`•
/// 応募者61名の氏名` / `• メールアドレス`), maybe with each bullet on a line of its own (`-` /
/// `氏名` / `-`).
fn in_kind_list(ctx: &Ctx, s: &super::Sent) -> bool {
    let k = ctx.sents.partition_point(|x| x.range.start < s.range.start);
    let line = |i: Option<usize>| i.and_then(|i| ctx.sents.get(i)).map(|x| ctx.s(&x.range));
    let mark = |t: &str| t.chars().all(|c| c.is_whitespace() || BULLETS.contains(c));
    [
        (k.checked_sub(1), k.checked_sub(2)),
        (k.checked_add(1), k.checked_add(2)),
    ]
    .into_iter()
    .any(|(next, beyond)| match line(next) {
        Some(t) if is_kind_line(t) => true,
        Some(t) if mark(t) => line(beyond).is_some_and(is_kind_line),
        _ => false,
    })
}

/// A line that is a list of kinds of data (`・氏名、カナ氏名、生年月日、性別`): in scope
/// wherever it stands.
fn is_kind_list(st: &str) -> bool {
    st.chars().count() <= 90
        && !st.contains('。')
        && DATA_RULES
            .candidates(st)
            .filter(|(_, r)| r.is_match(st))
            .count()
            >= 2
}

pub fn data_kinds(ctx: &Ctx) -> Vec<Found<DataKind>> {
    let mut out: Vec<Found<DataKind>> = Vec::new();
    for (s, rows) in ctx.family_rows(Family::Data) {
        let st = ctx.s(&s.range);
        let in_scope = s.topic == crate::analyze::Topic::Data
            || EXPOSURE.is_match(st)
            || is_kind_list(st)
            || ctx.seg.kind.is_listed()
            || (is_kind_line(st) && in_kind_list(ctx, s));
        if !in_scope
            || DATA_NEGATION.is_match(st)
            || MEASURE.is_match(st)
            || crate::incident::is_generic(st)
        {
            continue;
        }
        // the clauses that deny their own data words (`口座情報の流出は確認されていない`)
        let denied: Vec<std::ops::Range<usize>> = DATA_DENIED_CLAUSE
            .find_iter(st)
            .map(|m| clause_start(st, m.start())..m.start())
            .collect();
        for (i, r) in DATA_RULES.rows_of(rows) {
            if out.iter().any(|(k, _)| *k == r.value) {
                continue;
            }
            for m in ctx.row_matches(&DATA_RULES, Family::Data, s, i) {
                if DATA_SKIP_AFTER.is_match(&st[m.end..])
                    || denied.iter().any(|d| d.contains(&m.start))
                {
                    continue;
                }
                out.push((r.value, s.range.start + m.start..s.range.start + m.end));
                break;
            }
        }
    }
    // a subkind brings its kind (the crime-victim fact is a criminal-record kind of data in
    // the schema's vocabulary; a health check is health data)
    for (sub, kind) in [
        (DataKind::CrimeVictim, DataKind::Criminal),
        (DataKind::HealthCheck, DataKind::Health),
    ] {
        if let Some(r) = out.iter().find(|(k, _)| *k == sub).map(|(_, r)| r.clone()) {
            if !out.iter().any(|(k, _)| *k == kind) {
                out.push((kind, r));
            }
        }
    }
    out.sort_by_key(|(k, _)| *k);
    out
}

#[cfg(test)]
mod tests {
    use crate::extract_text;
    use jikenbo_model::DataKind;

    #[test]
    fn data_kinds_skip_denials_and_procedures() {
        let v = extract_text("t.txt", "漏えいした可能性のある情報\n氏名、電話番号、生年月日\nなお、クレジットカード番号は含まれておりません。\n「マイナンバーカード交付等業務」の委託先で不正アクセスがありました。");
        assert_eq!(
            v[0].data,
            vec![DataKind::Name, DataKind::Phone, DataKind::Birthdate]
        );
    }

    #[test]
    fn a_clause_denying_its_kinds_leaves_them_out() {
        let v = extract_text("t.txt", "会員1,204人の氏名と住所が流出した可能性があるが、クレジットカード情報の流出は確認されていない。");
        assert_eq!(v[0].data, vec![DataKind::Name, DataKind::Address]);
        let v = extract_text("t.txt", "会員のメールアドレスが流出した可能性がある。マイナンバーや口座情報の流出は確認されていない。");
        assert_eq!(v[0].data, vec![DataKind::Email]);
    }

    #[test]
    fn civil_registry_and_medical_records() {
        let v = extract_text("t.txt", "市民課の職員が除籍謄本の一部を誤って送信した。");
        assert_eq!(v[0].data, vec![DataKind::Family]);
        let v = extract_text(
            "t.txt",
            "看護師が、患者の氏名や病状などカルテの一部が入ったUSBメモリを紛失した。",
        );
        assert_eq!(v[0].data, vec![DataKind::Name, DataKind::Health]);
    }

    #[test]
    fn the_data_of_a_count_of_persons_is_in_scope() {
        let t = "みどり市は、広報紙の配布を委託している団体において、住民の個人情報が記載された資料を紛失したと発表した。\n影響対象となったのは、同市あおば町に住む96名分の住所と氏名だった。";
        let i = &extract_text("t.txt", t)[0];
        assert!(i.data.contains(&DataKind::Name) && i.data.contains(&DataKind::Address));
    }

    #[test]
    fn a_list_of_one_kind_per_line_is_in_scope() {
        let t = "みどり水族館は、愛称募集の応募者の個人情報が外部から閲覧できる状態になっていたと発表しました。\n閲覧できる状態だった情報は次の通りです。\n\n• 応募者61名の氏名\n• メールアドレス\n• 住所(市町村まで)\n• 性別\n";
        let i = &extract_text("t.txt", t)[0];
        for k in [
            DataKind::Name,
            DataKind::Email,
            DataKind::Address,
            DataKind::Gender,
        ] {
            assert!(i.data.contains(&k), "{k:?} in {:?}", i.data);
        }
        // each bullet on a line of its own
        let t = "みどり生命は、元社員が顧客の契約情報を持ち出していたと発表しました。\n漏えいが確認された情報は以下の通りです。\n-\n氏名\n-\n生年月日\n";
        let i = &extract_text("t.txt", t)[0];
        assert!(
            i.data.contains(&DataKind::Name) && i.data.contains(&DataKind::Birthdate),
            "{:?}",
            i.data
        );
        // a header of labels and values is no list of kinds
        let t = "会社名　株式会社みどりテック\n代表者名　代表取締役社長　山田一郎\n問合せ先　総務部長　鈴木花子\n（TEL．03-0000-0000）\n\n当社のサーバーがランサムウェアによる攻撃を受け、取引先様の情報約4,000件が外部に流出した可能性があります。";
        let i = &extract_text("t.txt", t)[0];
        assert!(!i.data.contains(&DataKind::Name), "{:?}", i.data);
    }
}

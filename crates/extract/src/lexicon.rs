//! The rule tables. Every entry says what it matches and carries an example that the test
//! `every_rule_matches_its_example` checks, so a table edit cannot silently break a rule.
//! Patterns run on the normalized text (NFKC: half-width digits and ASCII, full-width kana).
//!
//! Nothing here names an organization, a count or a date of a particular notice: the entries are
//! the words Japanese notices use for sections, causes, data kinds and leak status.

use jikenbo_model::{Cause, DataKind};
use regex::Regex;
use std::sync::LazyLock;

/// What a section of a notice is about, from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// The leaked data: kinds and counts (`漏えいした可能性がある個人情報`).
    Data,
    /// The cause (`発生原因`).
    Cause,
    /// What happened, when (`経緯`, `概要`).
    Timeline,
    /// A label whose value is the occurrence date (`発生日時`).
    Occurred,
    /// A label whose value is the discovery date (`発覚日`).
    Discovered,
    /// A label whose value is the publication date (`公表日`).
    Published,
    /// The organization's response, apologies, secondary damage (`当社の対応`, `二次被害`).
    Response,
    /// Recurrence prevention: never evidence for the incident's facts (`再発防止策`).
    Prevention,
    /// Contact desk (`お問い合わせ先`).
    Contact,
    Other,
}

pub struct TopicRule {
    pub topic: Topic,
    pub re: Regex,
    pub example: &'static str,
}

/// Compile a rule pattern. The text is NFKC-normalized, so digits and spaces are ASCII: `\d`
/// and `\s` are narrowed to `[0-9]` and `[ \t\n]`, which keeps the automata small and fast.
pub fn re(p: &str) -> Regex {
    let p = p
        .replace(r"\d", "[0-9]")
        .replace(r"\s", r"[ \t\n]")
        .replace(r"\S", r"[^ \t\n]");
    Regex::new(&p).unwrap_or_else(|e| panic!("bad rule pattern {p}: {e}"))
}

macro_rules! table {
    ($ty:ident { $($field:ident : $val:expr, pattern: $pat:expr, example: $ex:expr;)* }) => {
        vec![$($ty { $field: $val, re: re($pat), example: $ex },)*]
    };
}

/// Heading words → topic, first match wins.
pub static TOPIC_RULES: LazyLock<Vec<TopicRule>> = LazyLock::new(|| {
    table!(TopicRule {
        topic: Topic::Prevention, pattern: r"再発防止|防止策|防止対策|セキュリティ(対策|強化)|改善策|今後の(対応|取り?組|対策)|の強化$|強化について", example: "4. 再発防止策";
        topic: Topic::Contact, pattern: r"問い?合わ?せ|窓口|ダイヤル|コールセンター|連絡先$", example: "本件のお問合せ先";
        topic: Topic::Published, pattern: r"^.{0,3}(公表日|掲載日|発表日|公開日)|事故の公表", example: "■事故の公表";
        topic: Topic::Occurred, pattern: r"発生(日|時期|時刻|日時|期間)|漏えい期間|流出期間|対象期間", example: "事件発生日時";
        topic: Topic::Discovered, pattern: r"(発覚|判明|発見|覚知|認知|検知)(日|時期)", example: "■発覚日";
        topic: Topic::Cause, pattern: r"原因", example: "(2)発生原因";
        topic: Topic::Response, pattern: r"対応|措置|二次被害|お詫び|お願い|処分|ご本人|影響|被害状況", example: "3. 二次被害の有無";
        topic: Topic::Data, pattern: r"(漏|流出|対象|おそれ|恐れ|可能性|私的利用|ダウンロード|持ち?出|閲覧|含まれ|誤送|紛失|盗難|記載|保存され).*(情報|データ|項目|内容|件数|者|名簿|書類|文書|ファイル|媒体|資料)|(個人情報|個人データ|情報)の?(項目|内容|件数|種類)|^.{0,4}(件数|項目|内容)|本人の数|対象(者|人)数", example: "漏えいした可能性がある個人情報";
        topic: Topic::Timeline, pattern: r"経緯|経過|概要|詳細|時系列|事実|発生状況|事案の内容", example: "1. 本件の概要";
    })
});

/// A cause and the words that show it. Ordered from most to least specific: where a notice
/// shows several, the first in this table wins (a support scam also reads as 不正アクセス).
pub struct CauseRule {
    pub cause: Cause,
    pub re: Regex,
    pub example: &'static str,
}

pub static CAUSE_RULES: LazyLock<Vec<CauseRule>> = LazyLock::new(|| {
    table!(CauseRule {
        cause: Cause::SupportScam, pattern: r"サポート詐欺|偽の?(警告|セキュリティ警告|サポート)|警告(画面|表示|音)|(感染|ウイルス)した旨の表示|表示された(電話番号|連絡先|番号)|遠隔操作(ソフト|アプリ|ツール)|詐欺広告|称告", example: "画面に表示された電話番号に電話し、遠隔操作ソフトをインストールした";
        cause: Cause::Ransomware, pattern: r"ランサムウェア|ランサムウエア|ランサム|身代金", example: "ランサムウェアによりサーバーが暗号化された";
        cause: Cause::TargetedEmail, pattern: r"標的型(メール|攻撃)|Emotet|エモテット|添付ファイル.{0,20}(感染|開封|実行|開い)", example: "標的型メールの添付ファイルを開いて感染";
        cause: Cause::Phishing, pattern: r"フィッシング|偽(の)?(サイト|ログイン画面|ページ|メール).{0,15}(入力|誘導|アクセス)", example: "フィッシングメールのリンクからIDとパスワードを入力";
        cause: Cause::InsiderMisuse, pattern: r"私的(に|な目的|な利用)|私的利用|目的外(利用|使用)|盗撮", example: "顧客の電話番号を私的に利用した";
        cause: Cause::InsiderTheft, pattern: r"持ち?出(し|され|す)|不正(に)?(ダウンロード|取得|複製|コピー)|アップロード(し|する|した)|転職先|名簿(業者|事業者)|売却|売り渡|横流し|窃取", example: "退職した元社員が顧客名簿を持ち出し";
        cause: Cause::InsiderDisclosure, pattern: r"漏らし|漏えいさせ|漏洩させ|独断で|(第三者|外部の者|知人|友人|部外者)(に|へ).{0,15}(提供|渡し|送信|教え|伝え)|紙で渡|手渡し|SNS(に|へ|上に|で).{0,8}(投稿|公開|掲載|アップ)", example: "職員が名簿を知人に手渡しした";
        cause: Cause::InsiderSnooping, pattern: r"(業務外|業務目的外|職務(と|に)関係(なく|のない)|興味本位|権限のない|無断で).{0,25}(閲覧|照会|アクセス|ログイン)|不正(に)?(閲覧|ログイン)|不適正にアクセス", example: "職務と関係なく住民の情報を閲覧した";
        cause: Cause::Misdelivery, pattern: r"誤送信|誤送付|誤配布|誤配達|誤交付|誤掲載|誤発送|誤封入|誤って.{0,15}(送信|送付|送っ|配布|掲載|交付|添付|郵送|発送|公開)|宛先を?(誤|間違)|BCC|Bcc|CCで送|同封(され|し)", example: "メールを誤って別の顧客に送信した";
        cause: Cause::Misconfiguration, pattern: r"設定(ミス|誤り|不備|漏れ)|誤設定|公開設定|共有設定|(閲覧|アクセス|参照)(可能|でき(る|た))な?(状態|設定)|公開範囲|誰でも.{0,12}(閲覧|アクセス|参照)|公開状態|適切なセキュリティ対策がなされておらず", example: "共有設定の誤りにより外部から閲覧可能な状態となっていた";
        cause: Cause::LossTheft, pattern: r"紛失|置き忘れ|置忘れ|誤廃棄|誤って廃棄|盗難|盗まれ|所在不明|車上(荒|ねら)|ひったくり|落とし(た|物)", example: "顧客情報が入ったUSBメモリを紛失";
        cause: Cause::UnauthorizedAccess, pattern: r"不正(に)?アクセス|不正ログイン|サイバー攻撃|侵入|脆弱性|乗っ取|改ざん|パスワード.{0,15}(流出|漏えい|推測|窃取)|スキミング|リスト型|SQLインジェクション", example: "第三者による不正アクセスを受けた";
        cause: Cause::Malware, pattern: r"マルウェア|ウイルス|ウィルス|不正プログラム|トロイの木馬", example: "業務用パソコンがマルウェアに感染";
    })
});

/// Words that make a sentence about the organization's own people (needed before a sentence's
/// `不正アクセス` or `閲覧` is read as an insider act).
pub static INSIDER_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(職員|社員|従業員|従業者|作業者|派遣|巡査|警部|警察官|教員|教諭|講師|担当者|委託先|審査員|課長|係長|主事|主任|被処分者|当該者)",
    )
});

/// Contractors, dispatched staff, vendors: the `partner` actor.
/// Example: `委託先の作業者が`, `派遣社員であった者`, `業務委託契約`.
pub static PARTNER_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"委託先|再委託|再々委託|委託業者|委託契約|業務委託(先|業者|事業者)|派遣社員|派遣職員|派遣労働者|協力会社|外部業者|受託(者|業者|事業者)|業務を受託した",
    )
});

/// Data kinds and the words for them. `skip_after`: an occurrence followed closely by these
/// words names a business or a procedure, not data (`マイナンバーカード交付等業務`).
pub struct DataRule {
    pub kind: DataKind,
    pub re: Regex,
    pub example: &'static str,
}

pub static DATA_RULES: LazyLock<Vec<DataRule>> = LazyLock::new(|| {
    table!(DataRule {
        kind: DataKind::Name, pattern: r"氏名|お名前|名前|姓名|フリガナ|名義人名|名簿|(代表|担当|管理|責任|契約|申請)者名", example: "氏名、住所";
        kind: DataKind::Address, pattern: r"住所|所在地|郵便番号|居所", example: "ご住所";
        kind: DataKind::Phone, pattern: r"電話番号|携帯番号|TEL|連絡先電話", example: "電話番号";
        kind: DataKind::Email, pattern: r"(メール|mail|Mail|MAIL)\s*アドレス|アドレス帳|メアド", example: "メールアドレス";
        kind: DataKind::Birthdate, pattern: r"生年月日|誕生日", example: "生年月日";
        kind: DataKind::Gender, pattern: r"性別", example: "性別";
        kind: DataKind::Age, pattern: r"年齢", example: "年齢";
        kind: DataKind::BankAccount, pattern: r"口座|振込先|金融機関(名|情報)", example: "振込先口座番号";
        kind: DataKind::CreditCard, pattern: r"クレジット(カード)?|カード(番号|情報)|有効期限|セキュリティコード", example: "クレジットカード番号";
        kind: DataKind::MyNumber, pattern: r"マイナンバー|個人番号", example: "マイナンバー";
        kind: DataKind::Health, pattern: r"病歴|診療|健診|健康診断|診断(結果|書)|処方|調剤|病名|既往歴|検査結果|治療|受診歴|傷病|服薬|健康状態|健康情報|要介護|アレルギー", example: "診療内容";
        kind: DataKind::HealthCheck, pattern: r"健康診断|健診|検診結果", example: "健康診断の結果";
        kind: DataKind::Criminal, pattern: r"犯罪歴|前科|前歴|犯歴|犯罪経歴|逮捕歴|捜査(資料|情報)|事件処理簿", example: "犯罪歴";
        kind: DataKind::CrimeVictim, pattern: r"犯罪被害|被害者(の)?(氏名|情報)", example: "犯罪被害の事実";
        kind: DataKind::Disability, pattern: r"障害者|障がい|障害の(有無|程度|種別)|障害等級", example: "障害者手帳の番号";
        kind: DataKind::Creed, pattern: r"信条|宗教|信仰|思想", example: "信仰する宗教";
        kind: DataKind::Race, pattern: r"人種|本籍|門地", example: "本籍地";
        kind: DataKind::Credentials, pattern: r"(ID|アカウント)[・、/とや及び]{0,3}パスワード|ログインID|ユーザー?ID|認証情報|ログイン情報|アカウント情報", example: "ログインIDとパスワード";
        kind: DataKind::Workplace, pattern: r"勤務先|会社名|所属(先|名|部署|情報|、|・|/|\))|役職|部署名|所属部署|事業者名|学校名|企業名|法人名|職業|職種", example: "会社名、役職";
        kind: DataKind::Family, pattern: r"世帯|続柄|家族|扶養", example: "世帯主、続柄";
        kind: DataKind::Financial, pattern: r"所得|税額|年収|給与|保険料|収入|納税|課税|資産", example: "所得情報";
        kind: DataKind::CustomerId, pattern: r"(顧客|会員|証券|登録|お客様|契約|受付|学籍|社員|職員|利用者|管理|患者)番号|カルテの?\s*ID|患者ID|会員ID", example: "証券番号";
        kind: DataKind::Content, pattern: r"(メール|メッセージ)(の)?(本文|内容)|(メール|メッセージ)に含まれる|メールを(不正に)?閲覧|報告書|文書の内容|書類の内容|議事録", example: "メールの本文";
        kind: DataKind::Image, pattern: r"写真|画像|動画|映像", example: "顔写真";
    })
});

/// After a data word: this names a business or procedure (`マイナンバーカード交付等業務`).
pub static DATA_SKIP_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^.{0,10}(業務|事務|事業|制度|担当|窓口)|^(に|へ)(電話|連絡|架電|送信|送付|誤)|^.{0,3}(配信|サイト|サービス)|^(体験|訓練|紹介)",
    )
});

/// Sentences that deny the data was involved (`クレジットカード番号は含まれておりません`).
pub static DATA_NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"含まれ(ておりません|ていません|ていない|ません|ず|ておらず)|一切|ございません|ありません|対象外|保有して(おりません|いません|いない)|含みません",
    )
});

/// Sentences that are about measures, not facts (`パスワードを変更し`).
pub static MEASURE_RE: LazyLock<Regex> =
    LazyLock::new(|| re(r"変更|再発防止|対策|徹底|研修|教育|注意喚起|ご注意|お願い"));

/// Words showing that a sentence speaks of data being exposed, kept or handled.
pub static EXPOSURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"漏えい|漏洩|流出|漏れ|閲覧|持ち?出|含まれ|記載|記録|格納|保存|保管|登録され|メモ|送信|送付|アップロード|ダウンロード|盗|紛失|私的|可能性|おそれ|恐れ|写り込|掲載|項目|内容",
    )
});

/// Leak status cues.
pub struct LeakRule {
    pub kind: LeakCue,
    pub re: Regex,
    pub example: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakCue {
    /// Data did leak (`個人情報が流出しました`).
    Confirmed,
    /// It may have (`漏えいのおそれがある`, `可能性を否定できない`).
    Possible,
    /// Investigation found none (`流出は確認されませんでした`).
    NoLeak,
    /// A weak hint of possibility (`疑い`), outweighed by a finding of no leak.
    Weak,
}

pub static LEAK_RULES: LazyLock<Vec<LeakRule>> = LazyLock::new(|| {
    table!(LeakRule {
        kind: LeakCue::NoLeak, pattern: r"(流出|漏えい|漏洩|漏れ)[^。]{0,20}(確認され(ませんでした|ておりません|ていません|ておらず|ず|なかった)|確認でき(ませんでした|ず)|認められ(ませんでした|なかった|ず)|至っていない|ございません|ありません(でした)?)|一切(漏えい|流出|漏洩)|形跡は(確認|見つか|認められ)(でき)?(ませ|ず|な)", example: "外部への流出は確認されませんでした";
        kind: LeakCue::Possible, pattern: r"否定でき|(おそれ|恐れ|可能性)(が|の)?(ある|あり|高い|生じ|発生)|おそれがあ|可能性があ|(流出|漏えい|漏洩)(か|の疑い)([ 、。]|$)|有無(は|を)?.{0,6}確認でき(て(お|い)(りません|ません|らず)|ず|ない)|(閲覧|アクセス)(可能|でき(る|た))な?状態", example: "漏えいした可能性を否定できません";
        kind: LeakCue::Confirmed, pattern: r"(流出|漏えい|漏洩|漏れ)(し|て)(た|ました|ております|ている|ていた|、)|(流出|漏えい|漏洩)しました|(流出|漏えい|漏洩)(。|$)|(流出|漏えい|漏洩)(を|が)(確認|判明)|持ち?出(し|され)(た|ました|、|てい)|私的(に|な目的)|(閲覧|照会)(し|され)(た|ました|、|てい)|不正(に)?閲覧|漏らし|盗まれ|紛失(し|した|しました)|誤(送信|送付|配布|掲載|交付)(し|され|が発生)|誤って.{0,15}(送信|送付|郵送|発送|配布|交付|掲載)(し|され)|(閲覧|アクセス)が.{0,6}確認され(た|ました)|置き忘れ", example: "顧客の個人情報が流出しました";
        kind: LeakCue::Weak, pattern: r"疑い|可能性|おそれ|恐れ", example: "個人情報漏えいの疑い";
    })
});

/// After a confirmed cue: it is only a possibility after all (`流出した可能性`).
pub static HEDGE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^.{0,6}(可能性|おそれ|恐れ|疑い|と思われ|と推測|かどうか|か否か|有無)"));

/// After a confirmed cue: it is denied (`流出が確認されていない`).
pub static CONFIRM_NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(され|でき)?(て(い|お)(ない|ません|らず)|ず|なかった|ない|ませんでした)")
});

/// Sentences about secondary damage or misuse, whose "not confirmed" is no finding on the leak.
pub static SECONDARY_RE: LazyLock<Regex> = LazyLock::new(|| re(r"二次被害|不正利用|悪用"));

/// Words that put a sentence in personal-data scope.
pub static PERSONAL_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"個人情報|個人データ|顧客情報|お客さま|お客様|患者|会員|利用者|生徒|児童|住民|市民|町民|名簿|氏名|メールアドレス|住所|電話番号|\d\s*(人|名)|人分|名分",
    )
});

/// Date cue classes for the date rules.
pub struct DateCueRule {
    pub kind: DateCue,
    pub re: Regex,
    pub example: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCue {
    /// Something of the incident happened then (`不正アクセスを受け`).
    Occurred,
    /// The organization learned of it then (`判明`).
    Discovered,
    /// A response or formality (`公表`, `報告`, `付けで処分`): the date is neither.
    Response,
}

pub static DATE_CUES: LazyLock<Vec<DateCueRule>> = LazyLock::new(|| {
    table!(DateCueRule {
        kind: DateCue::Response, pattern: r"^(付|現在)|改正|施行|制定|公表|掲載|会見|通知|報告|受領|依頼|処分|付け?で|設置|開始|実施|完了|停止|相談|届け?出|予定|復旧|回収|謝罪|逮捕|送検|提出|受講|指導|お知らせ|契約(して|を締結|した)|解雇|取り?消", example: "ホームページに掲載";
        kind: DateCue::Discovered, pattern: r"判明|発覚|検知|覚知|気付|気づ|発見|把握|わかり|分かり|異変を確認|確認(した|しました|いたしました|され(た|ました))|(連絡|通報|指摘|申告|報告|問い?合わ?せ)(を|が)(受け|いただ|あり)", example: "6月5日に判明しました";
        kind: DateCue::Occurred, pattern: r"発生|不正(に)?アクセス(を受け|され|し|が)|不正ログイン|感染|被害|攻撃|侵入|暗号化|流出|漏えい|漏洩|誤送信|誤送付|送信|送付|紛失|盗難|盗ま|置き忘れ|閲覧|持ち?出|ダウンロード|アップロード|遠隔操作|表示され|詐欺|遭|私的|改ざん|窃取|メモ|誤って|無断で|発送|封入|フィッシング|入力(し|させ)|開封|クリック|添付ファイルを開", example: "不正アクセスを受け";
    })
});

/// A date followed by these words starts a period (`2022年6月以降`): an occurrence, never the
/// discovery.
pub static RANGE_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(\([^)]{1,4}\))?\s*(頃|ごろ|上旬|中旬|下旬)?\s*(以降|から|より|以来|~|〜|－|-)")
});

/// An event word used as a topic, not an event (`漏えいの疑いに関する`, `流出について`).
pub static CUE_NOMINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(の疑い|の可能性|のおそれ|に関する|について|につき|の有無|等?の防止|防止|対策)")
});

/// A lasting state rather than an event on that date (`閲覧可能となっている`).
pub static CUE_STATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^.{0,8}(ている|ていた|となって|な状態|の状態)"));

/// A date followed by these words closes a period (`2023年8月まで`): neither date.
pub static RANGE_END: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(頃|ごろ)?\s*(まで|迄)"));

/// Occurrence cue denied right after (`情報漏洩が無いか`).
pub static CUE_NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^.{0,4}(無い|ない|なし|無し|ありません|ございません|されていない|されておらず|禁止法)")
});

/// Organization name forms: legal-entity prefixes and name endings, used to find the
/// disclosing body in lines and headings. Example: `株式会社サンプル`, `みどり市`, `さくら病院`.
pub static ORG_PREFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(株式会社|有限会社|合同会社|一般財団法人|公益財団法人|一般社団法人|公益社団法人|特定非営利活動法人|社会福祉法人|医療法人(社団|財団)?|学校法人|独立行政法人|国立大学法人|地方独立行政法人|国立研究開発法人)",
    )
});

pub static ORG_SUFFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(株式会社|\(株\)|有限会社|合同会社|協会|連盟|連合会|協議会|組合|商工会|会議所|病院|クリニック|医院|診療所|大学|高等学校|中学校|小学校|学校|学園|機構|研究所|財団|法人|県警|警察|警察本部|市役所|区役所|役場|市|町|村|区|県|都|府|庁|省|委員会|銀行|信用金庫|生命|保険|証券|センター|グループ|ホールディングス|商事|工業|産業|電機|電気|ガス|鉄道|航空|新聞|放送|書店|塾|JRA|[A-Z]{2,}|Inc\.?|Corporation|Corp\.|Co\., ?Ltd\.|Ltd\.|LLC|K\.K\.)$",
    )
});

/// Regulators and reposting bodies: never the breached organization when another is named.
pub static REGULATOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(個人情報保護委員会|総務省|金融庁|厚生労働省|経済産業省|文部科学省|警察庁|消費者庁|内閣サイバーセキュリティセンター|IPA|JPCERT)",
    )
});

/// A press-release header label before the organization's name: `会社名: 株式会社サンプル`,
/// `団体名 …`.
pub static ORG_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(上場)?(会社名|法人名|団体名|名称|発表者)\s*[:]?\s*"));

/// A date label right before a date on the same line (`発覚日: 2025年1月6日`,
/// `| 閲覧可能となっていた期間 | …`). Group 2 is the event word: `発生` (or no group 2, a period)
/// is the occurrence, the others the discovery.
pub static INLINE_DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"((発生|発覚|判明|発見|覚知|検知)(日|日時|時期|年月日)|(発生|漏えい|流出|閲覧可能|公開|アクセス可能)[^ |:]{0,12}期間)\s*[|:]?\s*$",
    )
});

/// Before a count: it counts events (`閲覧が3件`, `アクセス数 120件`), not persons.
pub static EVENTS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(閲覧|アクセス|ログイン|送信|試行|攻撃|不正利用|照会)(が|は|数|回数|件数)?[:\s]*$")
});

/// Before a possible-leak cue: the personal-data breach report form's boilerplate
/// (`発生し、又は発生したおそれがある`), which says nothing about this incident.
pub static REPORT_FORM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(又は発生した|又は漏えいした)$"));

/// A leading date on a digest headline, which is no subject: `2015年、`, `2024/06/10 `,
/// `6月5日`.
pub static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(((19|20)\d{2}([/.\-]\d{1,2}[/.\-]\d{1,2}|年(度)?(\d{1,2}月(\d{1,2}日)?)?))|\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2})(\([^)]{1,4}\))?[、,:\s]*",
    )
});

/// A list marker opening an item of a numbered digest: `1.`, `(2)`, `③`.
pub static LIST_MARK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{1,2}[.、)]|\([0-9]{1,2}\)|[①-⑳])\s*"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_matches_its_example() {
        for r in TOPIC_RULES.iter() {
            assert!(
                r.re.is_match(r.example),
                "topic {:?}: {}",
                r.topic,
                r.example
            );
        }
        for r in CAUSE_RULES.iter() {
            assert!(r.re.is_match(r.example), "cause {}: {}", r.cause, r.example);
        }
        for r in DATA_RULES.iter() {
            assert!(r.re.is_match(r.example), "data {}: {}", r.kind, r.example);
        }
        for r in LEAK_RULES.iter() {
            assert!(r.re.is_match(r.example), "leak {:?}: {}", r.kind, r.example);
        }
        for r in DATE_CUES.iter() {
            assert!(
                r.re.is_match(r.example),
                "date cue {:?}: {}",
                r.kind,
                r.example
            );
        }
    }

    /// The rules that are not table rows, each with an example of the text it reads (the
    /// words after a cue for the `^…` ones, the words before for the `…$` ones).
    #[test]
    fn every_single_rule_matches_its_example() {
        let rules: [(&str, &LazyLock<Regex>, &str); 24] = [
            ("INSIDER_RE", &INSIDER_RE, "担当職員が閲覧した"),
            ("PARTNER_RE", &PARTNER_RE, "委託先の作業者が"),
            ("DATA_SKIP_AFTER", &DATA_SKIP_AFTER, "カード交付等業務"),
            (
                "DATA_NEGATION",
                &DATA_NEGATION,
                "クレジットカード番号は含まれておりません",
            ),
            ("MEASURE_RE", &MEASURE_RE, "パスワードを変更し"),
            ("EXPOSURE_RE", &EXPOSURE_RE, "氏名が記載された書類"),
            ("HEDGE_AFTER", &HEDGE_AFTER, "可能性があります"),
            ("CONFIRM_NEGATED", &CONFIRM_NEGATED, "されていない"),
            (
                "SECONDARY_RE",
                &SECONDARY_RE,
                "二次被害は確認されていません",
            ),
            ("PERSONAL_RE", &PERSONAL_RE, "お客様の情報"),
            ("RANGE_START", &RANGE_START, "以降"),
            ("CUE_NOMINAL", &CUE_NOMINAL, "に関するお知らせ"),
            ("CUE_STATE", &CUE_STATE, "となっている"),
            ("RANGE_END", &RANGE_END, "頃まで"),
            ("CUE_NEGATED", &CUE_NEGATED, "が無いか"),
            ("ORG_PREFIX_RE", &ORG_PREFIX_RE, "株式会社サンプル"),
            ("ORG_SUFFIX_RE", &ORG_SUFFIX_RE, "みどり市"),
            ("REGULATOR_RE", &REGULATOR_RE, "個人情報保護委員会"),
            ("ORG_LABEL", &ORG_LABEL, "会社名: 株式会社サンプル"),
            ("INLINE_DATE_LABEL", &INLINE_DATE_LABEL, "| 発覚日 | "),
            ("EVENTS_BEFORE", &EVENTS_BEFORE, "アクセス数 "),
            (
                "REPORT_FORM_BEFORE",
                &REPORT_FORM_BEFORE,
                "発生し、又は発生した",
            ),
            ("LEAD_DATE", &LEAD_DATE, "2024/06/10 "),
            ("LIST_MARK", &LIST_MARK, "(2) "),
        ];
        for (name, re, example) in rules {
            assert!(re.is_match(example), "{name}: {example}");
        }
    }

    #[test]
    fn topic_examples_classify_as_their_topic() {
        // first-match semantics: the example must not be captured by an earlier rule
        for r in TOPIC_RULES.iter() {
            assert_eq!(
                crate::analyze::topic_of(r.example),
                r.topic,
                "{}",
                r.example
            );
        }
    }

    #[test]
    fn cause_examples_classify_as_their_cause() {
        for r in CAUSE_RULES.iter() {
            let first = CAUSE_RULES
                .iter()
                .find(|x| x.re.is_match(r.example))
                .unwrap();
            assert_eq!(first.cause, r.cause, "{}", r.example);
        }
    }

    #[test]
    fn org_forms() {
        assert!(ORG_PREFIX_RE.is_match("株式会社サンプル"));
        for s in [
            "みどり市",
            "さくら総合病院",
            "東西大学",
            "日本サンプル協会",
            "青葉県警",
        ] {
            assert!(ORG_SUFFIX_RE.is_match(s), "{s}");
        }
        assert!(REGULATOR_RE.is_match("個人情報保護委員会"));
    }
}

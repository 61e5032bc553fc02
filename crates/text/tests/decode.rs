//! Formats, encodings and refusals of `decode`. Every notice here is fictional.

use encoding_rs::{EUC_JP, ISO_2022_JP, SHIFT_JIS, WINDOWS_1252};
use jikenbo_text::{decode, Format, LoadError};

const NOTICE: &str = "株式会社サンプル商事\n\
通信販売サイトへの不正アクセスと顧客情報流出のご報告\n\
\n\
当社の通信販売サイトが外部から不正アクセスを受け、\n\
最大１２，３４５件のお客様情報（氏名・住所・電話番号）が外へ流出したおそれがあると分かりました。\n\
ご不便とご不安をおかけし、重ねておわびいたします。\n\
令和６年１１月１日　株式会社サンプル商事　代表取締役　見本太郎\n";

fn encode(enc: &'static encoding_rs::Encoding, s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(s);
    assert!(!unmappable, "fixture not representable in {}", enc.name());
    bytes.into_owned()
}

#[test]
fn utf8_without_bom() {
    let doc = decode("notice.txt", NOTICE.as_bytes()).unwrap();
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.text, NOTICE);
    assert_eq!(doc.name, "notice.txt");
}

#[test]
fn utf8_with_bom_and_crlf() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(NOTICE.replace('\n', "\r\n").as_bytes());
    let doc = decode("notice.txt", &bytes).unwrap();
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.text, NOTICE, "BOM stripped, CRLF normalized");
}

#[test]
fn old_mac_line_endings() {
    let doc = decode("a.txt", "一行目\r二行目\r".as_bytes()).unwrap();
    assert_eq!(doc.text, "一行目\n二行目\n");
}

#[test]
fn markdown_by_extension_only() {
    let md = "# お知らせ\n\n- 氏名\n- 住所<br>\n";
    assert_eq!(
        decode("n.md", md.as_bytes()).unwrap().format,
        Format::Markdown
    );
    assert_eq!(
        decode("n.markdown", md.as_bytes()).unwrap().format,
        Format::Markdown
    );
    assert_eq!(decode("n.txt", md.as_bytes()).unwrap().format, Format::Text);
    let doc = decode("n.md", md.as_bytes()).unwrap();
    assert_eq!(doc.text, md, "Markdown is kept as is");
}

#[test]
fn shift_jis_text() {
    let doc = decode("notice.txt", &encode(SHIFT_JIS, NOTICE)).unwrap();
    assert_eq!(doc.encoding, "Shift_JIS");
    assert_eq!(doc.text, NOTICE);
}

#[test]
fn shift_jis_short_text() {
    let s = "個人情報の漏えいについてお詫び申し上げます。\n";
    let doc = decode("short.txt", &encode(SHIFT_JIS, s)).unwrap();
    assert_eq!(doc.encoding, "Shift_JIS");
    assert_eq!(doc.text, s);
}

#[test]
fn euc_jp_text() {
    let doc = decode("notice.txt", &encode(EUC_JP, NOTICE)).unwrap();
    assert_eq!(doc.encoding, "EUC-JP");
    assert_eq!(doc.text, NOTICE);
}

#[test]
fn iso_2022_jp_text() {
    // Full-width digits and ideographic spaces are fine in ISO-2022-JP (JIS X 0208).
    let bytes = encode(ISO_2022_JP, NOTICE);
    assert!(bytes.is_ascii());
    let doc = decode("mail.txt", &bytes).unwrap();
    assert_eq!(doc.encoding, "ISO-2022-JP");
    assert_eq!(doc.text, NOTICE);
}

fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom
        .then_some(0xfeff_u16)
        .into_iter()
        .chain(s.encode_utf16());
    for u in units {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_with_and_without_bom() {
    let doc = decode("u.txt", &utf16(NOTICE, true, true)).unwrap();
    assert_eq!((doc.encoding, doc.text.as_str()), ("UTF-16LE", NOTICE));
    let doc = decode("u.txt", &utf16(NOTICE, false, true)).unwrap();
    assert_eq!((doc.encoding, doc.text.as_str()), ("UTF-16BE", NOTICE));
    let doc = decode("u.txt", &utf16(NOTICE, true, false)).unwrap();
    assert_eq!((doc.encoding, doc.text.as_str()), ("UTF-16LE", NOTICE));
}

#[test]
fn utf16_html() {
    let html = "<!DOCTYPE html><html><body><p>お詫び</p></body></html>";
    let doc = decode("u.html", &utf16(html, true, true)).unwrap();
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.text, "お詫び\n");
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>お知らせ｜株式会社サンプル商事</title>
<style>body { font-family: sans-serif; } p::before { content: "飾り"; }</style>
<script>var secret = "表示されない文字列"; document.write("<p>書き込み</p>");</script>
</head>
<body>
<div id="header"><nav><ul><li><a href="/">ホーム</a></li><li><a href="/news">ニュース</a></li></ul></nav></div>
<div class="main">
  <article>
    <h1>当社サーバーへの不正アクセスと
        個人情報流出のご報告</h1>
    <p class="date">2024年11月1日</p>
    <section>
      <p>このたび、当社サーバーに対する第三者の不正アクセスにより、
      お客様の個人情報が漏えいした疑いが出てきました。</p>
      <div><div><p>対象：&lt;会員&gt; 約&nbsp;１２，３４５名 &amp; 取引先&#x3000;５社</p></div></div>
      <table>
        <tr><th>漏えいした項目</th><td>氏名、住所</td></tr>
        <tr><th>発覚日</th><td>2024年10月20日</td></tr>
      </table>
    </section>
    <noscript>JavaScriptを有効にしてください</noscript>
  </article>
</div>
<footer><p>&copy; 株式会社サンプル商事</p></footer>
<script type="text/javascript">trackPage();</script>
</body>
</html>
"#;

#[test]
fn shift_jis_html_with_meta_charset() {
    let doc = decode("news.html", &encode(SHIFT_JIS, PAGE)).unwrap();
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.encoding, "Shift_JIS");
    let expected = "ホーム\nニュース\n\n\
        当社サーバーへの不正アクセスと個人情報流出のご報告\n\n\
        2024年11月1日\n\n\
        このたび、当社サーバーに対する第三者の不正アクセスにより、お客様の個人情報が漏えいした疑いが出てきました。\n\n\
        対象：<会員> 約 １２，３４５名 & 取引先\u{3000}５社\n\n\
        漏えいした項目\t氏名、住所\n\
        発覚日\t2024年10月20日\n\n\
        © 株式会社サンプル商事\n";
    assert_eq!(doc.text, expected);
    for hidden in [
        "表示されない",
        "書き込み",
        "飾り",
        "JavaScript",
        "trackPage",
        "｜",
    ] {
        assert!(!doc.text.contains(hidden), "{hidden} leaked: {}", doc.text);
    }
}

#[test]
fn html_without_extension_or_doctype_is_sniffed() {
    let frag = "<div><p>一段落目</p><p>二段落目<br>改行</p></div>";
    let doc = decode("noext", frag.as_bytes()).unwrap();
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.text, "一段落目\n\n二段落目\n改行\n");
}

#[test]
fn wrong_meta_charset_loses_to_the_bytes() {
    // Declares EUC-JP but is Shift_JIS: the declaration decodes with errors, the guess does not.
    let page = PAGE.replace("charset=Shift_JIS", "charset=EUC-JP");
    let doc = decode("news.html", &encode(SHIFT_JIS, &page)).unwrap();
    assert_eq!(doc.encoding, "Shift_JIS");
    assert!(doc.text.contains("お客様の個人情報が漏えいした"));
}

#[test]
fn euc_jp_html_without_declaration() {
    let page = PAGE.replace(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
        "",
    );
    let doc = decode("news.htm", &encode(EUC_JP, &page)).unwrap();
    assert_eq!(doc.encoding, "EUC-JP");
    assert!(doc.text.contains("発覚日\t2024年10月20日"));
}

#[test]
fn truncated_html_still_yields_text() {
    let bytes = PAGE.as_bytes();
    // Cut in the middle of the article (also in the middle of a tag, at every position of one).
    let at = PAGE.find("お客様の個人情報").unwrap();
    let doc = decode("cut.html", &bytes[..at]).unwrap();
    assert_eq!(doc.format, Format::Html);
    assert!(doc.text.contains("不正アクセスにより"), "{}", doc.text);
    let tag = PAGE.find("<table>").unwrap();
    for cut in tag..tag + 7 {
        let doc = decode("cut.html", &bytes[..cut]).unwrap();
        assert!(doc.text.contains("１２，３４５名"));
    }
    // Cut inside a multibyte character of a long UTF-8 page: the page stays UTF-8.
    let mid = at + 1;
    let doc = decode("cut.html", &bytes[..mid]).unwrap();
    assert_eq!(doc.encoding, "UTF-8");
}

#[test]
fn html_without_visible_text_is_empty() {
    let page = "<!doctype html><html><head><title>題名だけ</title></head><body>\n<script>x()</script></body></html>";
    assert!(matches!(
        decode("blank.html", page.as_bytes()),
        Err(LoadError::Empty { .. })
    ));
}

#[test]
fn empty_and_whitespace_only() {
    for bytes in [
        &b""[..],
        b"   \n\t\r\n",
        "\u{3000}\u{3000}\n".as_bytes(),
        b"\xef\xbb\xbf\n",
    ] {
        let err = decode("blank.txt", bytes).unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }), "{bytes:?}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains("blank.txt") && msg.contains("empty"), "{msg}");
    }
}

/// A small deterministic generator (no test dependency needed).
fn pseudo_random(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_junk_is_refused() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06";
    let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml";
    let random = pseudo_random(4096, 0x9e37_79b9_7f4a_7c15);
    let controls = b"abc\x01\x02\x03\x04\x05\x06def".to_vec();
    for (what, bytes) in [
        ("png", &png[..]),
        ("zip", &zip[..]),
        ("random", &random[..]),
        ("controls", &controls[..]),
    ] {
        let err = decode(what, bytes).unwrap_err();
        assert!(matches!(err, LoadError::Binary { .. }), "{what}: {err:?}");
        assert!(err.to_string().contains(what), "{err}");
    }
}

#[test]
fn random_bytes_never_decode_to_mojibake() {
    for seed in 1..200u64 {
        let bytes = pseudo_random(64 + (seed as usize * 37) % 3000, seed);
        match decode("r.bin", &bytes) {
            Err(LoadError::Binary { .. } | LoadError::BrokenEncoding { .. }) => {}
            other => panic!("seed {seed}: {other:?}"),
        }
    }
}

#[test]
fn invalid_utf8_that_is_not_japanese_is_refused() {
    let french = "Nous avons constaté un accès non autorisé à nos serveurs. Les données \
        personnelles (nom, adresse, téléphone) de nos clients ont peut-être été exposées. \
        Nous présentons nos excuses à tous les clients concernés.";
    let bytes = encode(WINDOWS_1252, french);
    assert!(std::str::from_utf8(&bytes).is_err());
    let err = decode("avis.txt", &bytes).unwrap_err();
    match &err {
        LoadError::BrokenEncoding { name, detail } => {
            assert_eq!(name, "avis.txt");
            assert!(detail.contains("not UTF-8"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("avis.txt: cannot decode"));
}

#[test]
fn damaged_shift_jis_is_refused() {
    // Shift_JIS with lead bytes left dangling before ASCII, many times over.
    let mut bytes = encode(SHIFT_JIS, "会員情報の流出についてのお知らせ。");
    for _ in 0..20 {
        bytes.extend(b"\x82 \x83 \x88!");
    }
    let err = decode("bad.txt", &bytes).unwrap_err();
    assert!(matches!(err, LoadError::BrokenEncoding { .. }), "{err:?}");
}

#[test]
fn a_few_stray_bytes_in_a_long_shift_jis_file_are_replaced() {
    let long = NOTICE.repeat(20);
    let mut bytes = encode(SHIFT_JIS, &long);
    // between two characters (the 50th and the 51st), a byte no Shift_JIS character starts with
    let at = encode(SHIFT_JIS, &long[..long.char_indices().nth(50).unwrap().0]).len();
    bytes.insert(at, 0xFD);
    let doc = decode("long.txt", &bytes).unwrap();
    assert_eq!(doc.encoding, "Shift_JIS");
    assert_eq!(doc.text.matches('\u{fffd}').count(), 1);
}

#[test]
fn pdf_magic_with_garbage_is_a_pdf_error() {
    let err = decode("fake.pdf", b"  \n%PDF-1.7\nthis is not really a PDF\n").unwrap_err();
    assert!(matches!(err, LoadError::Pdf { .. }), "{err:?}");
    assert!(err.to_string().starts_with("fake.pdf: cannot read the PDF"));
}

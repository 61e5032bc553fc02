//! `decode` never panics, whatever the bytes.

use jikenbo_text::{decode, Format, LoadError};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = decode("x", &bytes);
        let _ = decode("x.md", &bytes);
        let _ = decode("x.html", &bytes);
    }

    #[test]
    fn arbitrary_strings_in_html(s in any::<String>()) {
        let page = format!("<!DOCTYPE html><html><head><title>t</title></head><body><div><p>{s}</p></div></body></html>");
        match decode("p.html", page.as_bytes()) {
            Ok(doc) => prop_assert_eq!(doc.format, Format::Html),
            Err(LoadError::Empty { .. } | LoadError::Binary { .. }) => {}
            Err(e) => prop_assert!(false, "{}", e),
        }
        let _ = decode("frag", s.as_bytes());
    }

    #[test]
    fn html_soup(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>".to_string()), Just("</p>".to_string()), Just("<div>".to_string()),
            Just("</div>".to_string()), Just("<br>".to_string()), Just("<table><tr><td>".to_string()),
            Just("</td><td>".to_string()), Just("<pre>".to_string()), Just("<script>".to_string()),
            Just("<!--".to_string()), Just("&amp;".to_string()), Just("&#x".to_string()),
            Just("<".to_string()), Just("\n".to_string()), "[ぁ-んァ-ン一-龠a-z ]{0,12}",
        ], 0..64)) {
        let page = format!("<html>{}", parts.concat());
        if let Ok(doc) = decode("soup.html", page.as_bytes()) {
            prop_assert!(!doc.text.trim().is_empty());
            prop_assert!(!doc.text.contains("\n\n\n"));
        }
    }

    /// Plain Japanese/ASCII text comes back exactly, whatever the encoding it was saved in.
    #[test]
    fn japanese_text_round_trips(s in "[ぁ-んァ-ヶ一-龠０-９、。「」a-zA-Z0-9 \n]{1,200}") {
        prop_assume!(!s.trim().is_empty());
        let doc = decode("t.txt", s.as_bytes()).unwrap();
        prop_assert_eq!(&doc.text, &s);
        prop_assert_eq!(doc.encoding, "UTF-8");
    }

    #[test]
    fn pdf_magic_then_anything(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut data = b"%PDF-1.4\n".to_vec();
        data.extend(bytes);
        let r = decode("x.pdf", &data);
        prop_assert!(matches!(r, Ok(_) | Err(LoadError::Pdf { .. })), "{:?}", r);
    }
}

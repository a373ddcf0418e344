use encoding_rs::Encoding;

use super::*;

/// Realistic report sentences (written for these tests) with the legacy encoding they are
/// typically published in, and the name the decoder must report.
pub(crate) const SAMPLES: &[(&str, &str, &str)] = &[
    (
        "windows-1256",
        "windows-1256",
        "أعلنت وزارة الصحة في غزة يوم الثلاثاء أن عدد الضحايا ارتفع إلى ثلاثين شخصا، بينهم \
         أطفال ونساء، بعد الغارات التي استهدفت المنازل في شمال القطاع.",
    ),
    (
        "gb18030",
        "gb18030",
        "联合国难民署周三表示，自冲突爆发以来，已有超过二十万人逃离家园，其中大多数是妇女和\
         儿童，人道主义援助仍然无法进入受灾最严重的地区。",
    ),
    (
        "Big5",
        "Big5",
        "颱風帶來的豪雨造成山區多處土石流，地方政府已撤離三千多名居民，救援人員正在搜尋失蹤\
         的登山客，交通部表示部分公路將封閉至週末。",
    ),
    (
        "Shift_JIS",
        "Shift_JIS",
        "気象庁によると、地震の規模はマグニチュード六・八と推定され、沿岸部には津波注意報が\
         発表されました。現在のところ大きな被害の報告はありません。",
    ),
    (
        "windows-874",
        "windows-874",
        "กระทรวงสาธารณสุขรายงานว่ามีผู้ป่วยรายใหม่เพิ่มขึ้นในหลายจังหวัดทางภาคเหนือ \
         และเจ้าหน้าที่กำลังเร่งแจกจ่ายวัคซีนให้กับประชาชนในพื้นที่ห่างไกล",
    ),
    (
        "windows-1251",
        "windows-1251",
        "По данным местных властей, в результате наводнения пострадали более двух тысяч \
         человек, а эвакуация жителей прибрежных районов продолжается третий день подряд.",
    ),
    (
        "ISO-8859-1",
        "windows-1252",
        "Le gouvernement a annoncé mercredi la création d'un comité chargé d'évaluer les \
         dégâts causés par les inondations dans le sud-ouest du pays, où des élèves ont été évacués.",
    ),
];

fn encode(label: &str, text: &str) -> Vec<u8> {
    let encoding = Encoding::for_label(label.as_bytes()).expect("known label");
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{label} cannot encode the sample");
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// The WHATWG name of the GBK decoder: GB18030 text decodes with the same decoder (encoding_rs'
/// GBK decoder reads GB18030 four-byte sequences), so detection reports `GBK`.
fn same_decoder(expected: &str, got: &str) -> bool {
    expected == got || (expected == "gb18030" && got == "GBK")
}

#[test]
fn detects_each_legacy_encoding_from_content() {
    for &(label, name, text) in SAMPLES {
        let bytes = encode(label, text);
        let decoded = decode(&bytes, None).unwrap();
        assert!(
            same_decoder(name, decoded.encoding),
            "{label}: detected {}",
            decoded.encoding
        );
        assert_eq!(decoded.text, text, "{label}");
    }
}

#[test]
fn declared_charset_wins_over_detection() {
    // Cyrillic bytes that a detector could read several ways: the declaration settles it.
    let text = "Совет Безопасности ООН проведет экстренное заседание в пятницу.";
    let bytes = encode("koi8-r", text);
    let decoded = decode(&bytes, Some("KOI8-R")).unwrap();
    assert_eq!(decoded.encoding, "KOI8-R");
    assert_eq!(decoded.text, text);
}

#[test]
fn wrong_declaration_falls_back_to_content() {
    // Declared UTF-8, really windows-1256: every Arabic byte is invalid UTF-8.
    let (_, _, text) = SAMPLES[0];
    let bytes = encode("windows-1256", text);
    let decoded = decode(&bytes, Some("utf-8")).unwrap();
    assert_eq!(decoded.encoding, "windows-1256");
    assert_eq!(decoded.text, text);
}

#[test]
fn unknown_declared_label_is_ignored() {
    let text = "La réunion a été reportée à la semaine prochaine.";
    let decoded = decode(text.as_bytes(), Some("no-such-charset")).unwrap();
    assert_eq!(decoded.encoding, "UTF-8");
}

#[test]
fn utf8_with_a_damaged_byte_stays_utf8() {
    let text = "Заявление министра иностранных дел было опубликовано поздно вечером в четверг.";
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(20, 0xff);
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.encoding, "UTF-8");
    assert!(decoded.text.contains("опубликовано поздно"));
}

#[test]
fn boms_are_honoured_and_stripped() {
    let text = "Das Treffen findet am Montag in Genf statt. 会议将于周一举行。";
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let d = decode(&bytes, Some("windows-1252")).unwrap();
    assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", text));

    for (bom, big_endian, name) in [
        (&b"\xff\xfe"[..], false, "UTF-16LE"),
        (&b"\xfe\xff"[..], true, "UTF-16BE"),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend(utf16(text, big_endian));
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), (name, text));
    }
}

#[test]
fn utf16_without_bom_in_several_scripts() {
    let texts = [
        "The ceasefire talks resumed in Cairo on Sunday, officials said.",
        SAMPLES[0].2, // Arabic
        SAMPLES[5].2, // Russian
        SAMPLES[4].2, // Thai
        SAMPLES[1].2, // Chinese
        // Without spaces, Thai and Cyrillic UTF-16 has neither NULs nor bytes over 0x7F.
        "กระทรวงสาธารณสุข",
        "Здравоохранение",
    ];
    for text in texts {
        for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let d = decode(&utf16(text, big_endian), None).unwrap();
            assert_eq!(d.encoding, name, "{}", &text[..20]);
            assert_eq!(d.text, text);
        }
    }
}

#[test]
fn short_lowercase_ascii_is_not_mistaken_for_utf16() {
    let d = decode(b"hello world", None).unwrap();
    assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", "hello world"));
}

#[test]
fn binary_is_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert!(matches!(decode(png, None), Err(Error::Binary(k)) if k.contains("PNG")));
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    assert!(matches!(decode(elf, None), Err(Error::Binary(k)) if k.contains("ELF")));
    // No signature, but NUL bytes at irregular places.
    let blob: Vec<u8> = (0u32..4000).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(matches!(decode(&blob, None), Err(Error::Binary(_))));
    // Control characters without NULs.
    let controls: Vec<u8> = b"report\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 text".to_vec();
    assert!(matches!(decode(&controls, None), Err(Error::Binary(k)) if k.contains("control")));
    // Binary even when declared as text.
    assert!(matches!(
        decode(b"\xff\xd8\xff\xe0\0\x10JFIF", Some("utf-8")),
        Err(Error::Binary(_))
    ));
}

#[test]
fn empty_and_whitespace_only_are_empty() {
    for bytes in [
        &b""[..],
        b"   \n\t\r\n",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf \xe3\x80\x80\n",
    ] {
        assert!(
            matches!(decode(bytes, None), Err(Error::Empty)),
            "{bytes:?}"
        );
    }
}

#[test]
fn html_meta_charset_is_used_after_declared() {
    let (_, _, arabic) = SAMPLES[0];
    let page = format!(
        "<!DOCTYPE html><html lang=ar><head><meta charset=\"windows-1256\"><title>خبر</title>\
         </head><body><p>{arabic}</p></body></html>"
    );
    let bytes = encode("windows-1256", &page);
    let d = decode_html(&bytes, None).unwrap();
    assert_eq!(d.encoding, "windows-1256");
    assert!(d.text.contains(arabic));
    // A declared (HTTP) charset comes before the page's own.
    let russian = "<meta charset=windows-1251><p>Сообщение агентства</p>";
    let bytes = encode("koi8-r", russian);
    assert_eq!(decode_html(&bytes, Some("koi8-r")).unwrap().text, russian);
}

#[test]
fn html_meta_utf8_wrong_for_big5_content_falls_back() {
    let (_, _, chinese) = SAMPLES[2];
    let page =
        format!("<html><head><meta charset=utf-8></head><body><p>{chinese}</p></body></html>");
    let bytes = encode("big5", &page);
    let d = decode_html(&bytes, None).unwrap();
    assert_eq!(d.encoding, "Big5");
    assert!(d.text.contains(chinese));
}

/// Measures how long a text must be for content detection to be right: for each sample,
/// the shortest prefix (in characters) from which every longer prefix, in steps of 5 characters,
/// is detected correctly. Run with `cargo test -p vigil-text detection_length -- --ignored
/// --nocapture`.
#[test]
#[ignore = "measurement, prints a table"]
fn detection_length() {
    for &(label, name, text) in SAMPLES {
        let chars: Vec<char> = text.chars().collect();
        let mut reliable_from = None;
        let mut n = chars.len();
        while n >= 1 {
            let prefix: String = chars[..n].iter().collect();
            let bytes = encode(label, &prefix);
            let ok = decode(&bytes, None).is_ok_and(|d| same_decoder(name, d.encoding));
            if !ok {
                break;
            }
            reliable_from = Some(n);
            n = n.saturating_sub(5);
            if n == 0 {
                break;
            }
        }
        println!(
            "{label:>13}: reliable from {} characters (sample has {})",
            reliable_from.map_or("never".to_string(), |n| n.to_string()),
            chars.len()
        );
    }
    // UTF-16 without a BOM, same method, one character at a time.
    for (lang, text) in [
        (
            "en",
            "The ceasefire talks resumed in Cairo on Sunday, officials said.",
        ),
        ("ar", SAMPLES[0].2),
        ("ru", SAMPLES[5].2),
        ("th", SAMPLES[4].2),
        ("zh", SAMPLES[1].2),
    ] {
        for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let chars: Vec<char> = text.chars().collect();
            let mut reliable_from = None;
            for n in (1..=chars.len()).rev() {
                let prefix: String = chars[..n].iter().collect();
                let ok =
                    decode(&utf16(&prefix, big_endian), None).is_ok_and(|d| d.encoding == name);
                if !ok {
                    break;
                }
                reliable_from = Some(n);
            }
            println!(
                "{name:>9} {lang}: reliable from {} characters",
                reliable_from.map_or("never".to_string(), |n| n.to_string())
            );
        }
    }
}

use crate::test_support::shared;

/// The seeds (real reports) re-encoded in their languages' legacy encodings decode back.
#[test]
fn seeds_in_legacy_encodings() {
    let Some(dir) = shared("seeds") else { return };
    let mut seen = 0;
    for (prefix, label, name) in [
        ("000", "windows-1256", "windows-1256"),
        ("001", "windows-1256", "windows-1256"),
        ("002", "windows-874", "windows-874"),
        ("003", "gb18030", "gb18030"),
        ("004", "windows-1252", "windows-1252"),
    ] {
        let Some(path) = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        else {
            continue;
        };
        let original = std::fs::read(&path).unwrap();
        let utf8 = decode(&original, None).unwrap();
        assert_eq!(utf8.encoding, "UTF-8", "{}", path.display());
        let encoding = Encoding::for_label(label.as_bytes()).unwrap();
        let (bytes, _, unmappable) = encoding.encode(&utf8.text);
        if unmappable {
            // Characters outside the legacy repertoire (emoji, typographic marks).
            eprintln!("{}: not representable in {label}, skipped", path.display());
            continue;
        }
        let back = decode(&bytes, None).unwrap();
        assert!(
            same_decoder(name, back.encoding),
            "{}: {}",
            path.display(),
            back.encoding
        );
        assert_eq!(back.text, utf8.text);
        seen += 1;
    }
    assert!(seen >= 3, "only {seen} seeds checked");
}

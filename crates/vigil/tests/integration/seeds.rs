//! The five seed reports (../shared/seeds), ingested as a new user would.

use crate::util::{Env, assert_offsets_valid, shared};

#[test]
fn seeds_languages_bodies_and_reingest() {
    let Some(shared) = shared() else { return };
    let env = Env::new();
    let seeds = shared.join("seeds");
    env.ok(&["ingest", seeds.to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    let langs: Vec<_> = docs
        .iter()
        .map(|d| d["lang"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(langs, ["ar", "ar", "th", "zh", "en"]);

    let shown: Vec<_> = docs
        .iter()
        .map(|d| env.show(d["id"].as_str().unwrap()))
        .collect();
    for d in &shown {
        assert_offsets_valid(d);
    }

    // 002: the headline appears once in the body, the trailing fragment is gone.
    let thai = shown[2]["body"].as_str().unwrap();
    let headline = "เบลารุสสั่นคลอนไปด้วยการเดินขบวนประท้วง";
    assert_eq!(thai.matches(headline).count(), 1, "{thai}");
    assert!(!thai.contains("คืนยอดเสีย"), "trailing fragment kept");
    assert!(thai.contains("7,000"));

    // 003: words re-joined across hard line breaks, paragraphs kept, date inferred.
    let zh = shown[3]["body"].as_str().unwrap();
    assert!(
        zh.contains("大不列颠及北爱尔兰联合王国和美利坚合众国"),
        "{zh}"
    );
    assert!(zh.contains("白俄罗斯最令人关切"), "{zh}");
    assert!(zh.contains("\n\n"), "paragraph breaks kept");
    assert!(zh.matches("\n\n").count() >= 10);
    assert_eq!(shown[3]["published"], "2020-09-14");
    assert_eq!(shown[3]["published_inferred"], true);

    // 004: the credit line is recorded, not body.
    assert_eq!(shown[4]["credit"], "© 2020 The Canadian Press");
    assert!(
        !shown[4]["body"]
            .as_str()
            .unwrap()
            .contains("Canadian Press")
    );

    // Re-ingest is a no-op.
    let before = env.ok(&["docs", "--json"]);
    env.ok(&["ingest", seeds.to_str().unwrap()]);
    assert_eq!(env.ok(&["docs", "--json"]), before);
}

#[test]
fn thai_and_chinese_seed_words() {
    let Some(shared) = shared() else { return };
    let env = Env::new();
    env.ok(&["ingest", shared.join("seeds").to_str().unwrap()]);
    let docs = env.json_lines(&["docs", "--json"]);
    let words = |i: usize| -> Vec<String> {
        env.json_lines(&["tokens", docs[i]["id"].as_str().unwrap(), "--json"])
            .iter()
            .map(|t| t["text"].as_str().unwrap().to_string())
            .collect()
    };
    let thai = words(2);
    for w in ["เบลารุส", "สหประชาชาติ", "ประท้วง"]
    {
        assert!(
            thai.iter().any(|t| t == w),
            "Thai word {w} missing or broken"
        );
    }
    let zh = words(3);
    for w in ["白俄罗斯", "人权"] {
        assert!(
            zh.iter().any(|t| t == w),
            "Chinese word {w} missing or broken"
        );
    }
    // Tokens' offsets point into the text: a word that crosses a removed line break still
    // starts and ends with its own characters.
    let text = env.show(docs[3]["id"].as_str().unwrap())["text"]
        .as_str()
        .unwrap()
        .to_string();
    for t in env.json_lines(&["tokens", docs[3]["id"].as_str().unwrap(), "--json"]) {
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        let span = &text[s..e];
        let word = t["text"].as_str().unwrap();
        assert!(span.starts_with(word.chars().next().unwrap()));
        assert!(span.ends_with(word.chars().last().unwrap()));
    }
}

//! Bad input beside good input: one clear line per bad input naming it, the good ones stored,
//! a non-zero exit status, and a store that still verifies.

use std::io::Write;

use crate::util::Env;

const GOOD_EN: &str = "Police in Minsk detained dozens of protesters on Sunday, the Interior \
    Ministry said, as tens of thousands marched for a fifth weekend.\n";
const GOOD_AR: &str = "اعتمد مجلس حقوق الإنسان التابع للأمم المتحدة قرارا يطالب السلطات في بيلاروسيا \
    بإجراء تحقيقات شفافة ونزيهة في جميع الانتهاكات.";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn broken_files_beside_good_ones() {
    let env = Env::new();
    let dir = "batch";
    env.write(&format!("{dir}/01-good.txt"), GOOD_EN);
    env.write(&format!("{dir}/02-empty.txt"), "");
    env.write(
        &format!("{dir}/03-image.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    let full = gzip(GOOD_EN.repeat(50).as_bytes());
    env.write(
        &format!("{dir}/04-truncated.txt.gz"),
        &full[..full.len() / 2],
    );
    env.write(
        &format!("{dir}/05-lines.jsonl"),
        format!(
            "{}\n{{\"text\": \"unterminated\n{}\n",
            serde_json::json!({"text": "Die Polizei nahm am Sonntag in Minsk mehr als 700 Menschen fest.", "source": "de-1"}),
            serde_json::json!({"text": "Policja zatrzymała w niedzielę w Mińsku ponad 700 osób.", "source": "pl-1"}),
        ),
    );
    let (arabic_1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(GOOD_AR);
    assert!(!unmappable);
    env.write(&format!("{dir}/06-arabic-1256.txt"), &arabic_1256);
    let deep = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(10_000),
        GOOD_EN.trim(),
        "</div>".repeat(10_000)
    );
    env.write(&format!("{dir}/07-deep.html"), deep);
    // 80 MB of zeros in 80 KB: a zip bomb against the 64 MiB per-report limit.
    env.write(
        &format!("{dir}/08-bomb.txt.gz"),
        gzip(&vec![b' '; 80 << 20]),
    );
    let huge = std::fs::File::create(env.path(&format!("{dir}/09-huge.txt"))).unwrap();
    huge.set_len(200 << 20).unwrap();
    drop(huge);
    env.write(&format!("{dir}/10-good-ar.txt"), GOOD_AR);

    let batch = env.path(dir);
    let missing = env.path("no-such-file.txt");
    let out = env.run(&["ingest", batch.to_str().unwrap(), missing.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");

    let error_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("vigil: ") && !l.contains(" added, "))
        .collect();
    for bad in [
        "02-empty.txt",
        "03-image.png",
        "04-truncated.txt.gz",
        "05-lines.jsonl: malformed JSON Lines: line 2:",
        "08-bomb.txt.gz",
        "09-huge.txt",
        "no-such-file.txt",
    ] {
        let n = error_lines.iter().filter(|l| l.contains(bad)).count();
        assert_eq!(n, 1, "expected one error line naming {bad}:\n{stderr}");
    }
    assert_eq!(error_lines.len(), 7, "{stderr}");

    let docs = env.json_lines(&["docs", "--json"]);
    let sources: Vec<String> = docs
        .iter()
        .map(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        [
            "01-good.txt",
            "de-1",
            "pl-1",
            "06-arabic-1256.txt",
            "07-deep.html",
            "10-good-ar.txt"
        ]
    );
    let arabic = env.show(docs[3]["id"].as_str().unwrap());
    assert_eq!(arabic["lang"], "ar");
    assert_eq!(arabic["encoding"], "windows-1256");
    assert_eq!(arabic["text"].as_str().unwrap(), GOOD_AR);
    let deep = env.show(docs[4]["id"].as_str().unwrap());
    assert!(deep["body"].as_str().unwrap().contains("Interior Ministry"));

    assert!(env.run(&["log", "--verify"]).status.success());
}

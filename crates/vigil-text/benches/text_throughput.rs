//! Throughput of word segmentation and matching normalisation, per script, on ~4 KB reports
//! built from one short paragraph per language (written for this benchmark).
//!
//! Run: `cargo bench -p vigil-text --bench text_throughput`. Prints MB/s, tokens/s and reports/s
//! for each stage; no assertion, as timing depends on the machine.

use std::hint::black_box;
use std::time::{Duration, Instant};

use vigil_text::normalize::normalize;
use vigil_text::segment::segment_with_lang;

const SAMPLES: &[(&str, &str)] = &[
    (
        "en",
        "The Security Council met on 4 September 2020 to discuss the human rights situation in \
         Belarus, where more than 7,000 people were detained after the presidential election. ",
    ),
    (
        "ru",
        "Совет Безопасности собрался 4 сентября 2020 года, чтобы обсудить положение с правами \
         человека в Беларуси, где после президентских выборов были задержаны более 7000 человек. ",
    ),
    (
        "ar",
        "اجتمع مجلسُ الأمن في ٤ سبتمبر ٢٠٢٠ لمناقشة حالة حقوق الإنسان في بيلاروس، حيث اعتُقل \
         أكثر من ٧٠٠٠ شخص بعد الانتخابات الرئاسية. ",
    ),
    (
        "he",
        "מועצת הביטחון התכנסה ב־4 בספטמבר 2020 כדי לדון במצב זכויות האדם בבלארוס. ",
    ),
    (
        "hi",
        "सुरक्षा परिषद ने 4 सितंबर 2020 को बेलारूस में मानवाधिकारों की स्थिति पर चर्चा की। ",
    ),
    (
        "ko",
        "안전보장이사회는 2020년 9월 4일 벨라루스의 인권 상황을 논의하기 위해 회의를 열었다. ",
    ),
    (
        "th",
        "คณะมนตรีความมั่นคงประชุมเมื่อวันที่ 4 กันยายน 2020 เพื่อหารือสถานการณ์สิทธิมนุษยชนในเบลารุส \
         ซึ่งมีผู้ถูกควบคุมตัวมากกว่า 7,000 คนหลังการเลือกตั้งประธานาธิบดี ",
    ),
    ("lo", "ມະນຸດທຸກຄົນເກີດມາມີກຽດສັກສີ ແລະ ສິດທິເທົ່າທຽມກັນ ປະເທດລາວ "),
    (
        "km",
        "ព្រះរាជាណាចក្រកម្ពុជា ជាប្រទេសមួយនៅអាស៊ីអាគ្នេយ៍ មនុស្សទាំងអស់កើតមកមានសេរីភាព ",
    ),
    (
        "my",
        "လူတိုင်းသည် တူညီလွတ်လပ်သော ဂုဏ်သိက္ခာဖြင့်လည်းကောင်း ရပိုင်ခွင့်များဖြင့်လည်းကောင်း ",
    ),
    (
        "zh",
        "安全理事会于2020年9月4日举行会议，讨论白俄罗斯的人权状况，总统选举后有7000多人被拘留。",
    ),
    (
        "ja",
        "安全保障理事会は2020年9月4日に会合を開き、大統領選挙後に7000人以上が拘束された\
         ベラルーシの人権状況について協議した。",
    ),
];

/// One report of about 4 KB: the paragraph repeated.
fn report(paragraph: &str) -> String {
    let mut text = String::new();
    while text.len() < 4096 {
        text.push_str(paragraph);
    }
    text
}

/// Runs `f` for at least `budget`; returns (runs, elapsed).
fn time(budget: Duration, mut f: impl FnMut() -> usize) -> (u32, Duration, usize) {
    let start = Instant::now();
    let mut runs = 0;
    let mut items = 0;
    while start.elapsed() < budget {
        items += black_box(f());
        runs += 1;
    }
    (runs, start.elapsed(), items)
}

fn main() {
    // Dictionaries and models load once, on first use: time that apart.
    let start = Instant::now();
    black_box(normalize("warm-up"));
    println!("first use: normalize {:?}", start.elapsed());
    for (lang, paragraph) in SAMPLES {
        let start = Instant::now();
        black_box(segment_with_lang(paragraph, Some(lang)));
        println!("first use: segment {lang} {:?}", start.elapsed());
    }
    let budget = Duration::from_millis(300);
    println!(
        "{:<4} {:>6} {:>12} {:>12} {:>10} {:>12} {:>10}",
        "lang", "bytes", "segment MB/s", "tokens/s", "reports/s", "normal. MB/s", "reports/s"
    );
    for (lang, paragraph) in SAMPLES {
        let text = report(paragraph);
        let (runs, elapsed, tokens) = time(budget, || {
            segment_with_lang(black_box(&text), Some(lang)).len()
        });
        let secs = elapsed.as_secs_f64();
        let seg_mb = text.len() as f64 * f64::from(runs) / secs / 1e6;
        let tokens_per_s = tokens as f64 / secs;
        let seg_reports = f64::from(runs) / secs;
        let (runs, elapsed, _) = time(budget, || normalize(black_box(&text)).text.len());
        let secs = elapsed.as_secs_f64();
        let norm_mb = text.len() as f64 * f64::from(runs) / secs / 1e6;
        let norm_reports = f64::from(runs) / secs;
        println!(
            "{lang:<4} {:>6} {seg_mb:>12.1} {tokens_per_s:>12.0} {seg_reports:>10.0} {norm_mb:>12.1} {norm_reports:>10.0}",
            text.len()
        );
    }
}

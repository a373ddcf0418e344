//! Hand-written pages in several scripts with the furniture real news pages carry.

use super::extract_str;

/// The parts of a fixture page; everything but `body` is furniture that must not come out.
struct Page<'a> {
    lang: &'a str,
    title: &'a str,
    site: &'a str,
    nav: &'a [&'a str],
    cookie: &'a str,
    byline: &'a str,
    share: &'a [&'a str],
    body: &'a str,
    caption: &'a str,
    related: &'a [&'a str],
    comments: &'a [&'a str],
    head_extra: &'a str,
}

impl Page<'_> {
    fn html(&self) -> String {
        let links = |items: &[&str]| {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| format!("<li><a href=\"/s/{i}\">{t}</a></li>"))
                .collect::<String>()
        };
        let comments = self
            .comments
            .iter()
            .map(|c| format!("<div class=\"comment-body\"><p>{c}</p></div>"))
            .collect::<String>();
        format!(
            r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | {site}</title>{head_extra}
<script>var tracking = "{title} should never be read from a script";</script>
<style>.x {{ color: red }}</style></head>
<body class="single-post with-sidebar">
<header class="site-header"><nav class="main-nav"><ul>{nav}</ul></nav></header>
<div class="cookie-banner"><p>{cookie}</p><button>OK</button></div>
<main><article>
<h1 class="headline">{title}</h1>
<div class="byline">{byline}</div>
<div class="share-bar"><ul>{share}</ul></div>
<figure><img src="a.jpg"><figcaption>{caption}</figcaption></figure>
<div class="article-body">{body}</div>
<div class="social-share"><ul>{share}</ul></div>
</article>
<aside class="related-articles"><ul>{related}</ul></aside>
<section id="comments">{comments}</section>
</main>
<footer><p>© {site}</p></footer>
</body></html>"#,
            lang = self.lang,
            title = self.title,
            site = self.site,
            head_extra = self.head_extra,
            nav = links(self.nav),
            cookie = self.cookie,
            byline = self.byline,
            share = links(self.share),
            caption = self.caption,
            body = self.body,
            related = links(self.related),
        )
    }

    /// Asserts that no piece of furniture reached the text.
    fn assert_clean(&self, text: &str) {
        let furniture = self
            .nav
            .iter()
            .chain(self.share)
            .chain(self.related)
            .chain(self.comments)
            .chain([
                &self.cookie,
                &self.byline,
                &self.caption,
                &self.title,
                &self.site,
            ]);
        for f in furniture {
            assert!(!text.contains(f), "furniture {f:?} leaked into {text:?}");
        }
        assert!(!text.contains("tracking"), "script text leaked");
    }
}

#[test]
fn arabic_page_with_div_body_and_line_breaks() {
    // `<br><br>` ends a paragraph, a single `<br>` breaks a line inside one.
    let page = Page {
        lang: "ar-EG",
        title: "فيضانات تغمر قرى في صعيد مصر",
        site: "الأخبار اليوم",
        nav: &["الرئيسية", "سياسة", "اقتصاد", "رياضة"],
        cookie: "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا.",
        byline: "بقلم أحمد سالم",
        share: &["فيسبوك", "تويتر", "واتساب"],
        body: "غمرت مياه الأمطار الغزيرة عشرات القرى في محافظة سوهاج صباح الثلاثاء، وأجبرت مئات الأسر على ترك منازلها.<br><br>\
               وقال مسؤول في المحافظة إن فرق الإنقاذ تعمل منذ الفجر على فتح الطرق المغلقة، وإن ثلاثة أشخاص أصيبوا بجروح طفيفة.<br>\
               وأضاف أن المساعدات الغذائية ستصل إلى المتضررين خلال يومين.",
        caption: "صورة أرشيفية لسيارات عالقة في المياه",
        related: &[
            "ارتفاع أسعار القمح في الأسواق المحلية",
            "افتتاح جسر جديد فوق النيل",
        ],
        comments: &["الله يكون في عونهم، الوضع صعب جدا في قريتنا منذ أيام."],
        head_extra: r#"<meta property="article:published_time" content="2020-10-20T08:30:00+02:00"><meta name="author" content="أحمد سالم">"#,
    };
    let out = extract_str(&page.html(), Some("https://example.org/ar/1"));
    assert_eq!(
        out.text,
        "غمرت مياه الأمطار الغزيرة عشرات القرى في محافظة سوهاج صباح الثلاثاء، وأجبرت مئات الأسر على ترك منازلها.\n\n\
         وقال مسؤول في المحافظة إن فرق الإنقاذ تعمل منذ الفجر على فتح الطرق المغلقة، وإن ثلاثة أشخاص أصيبوا بجروح طفيفة.\n\
         وأضاف أن المساعدات الغذائية ستصل إلى المتضررين خلال يومين."
    );
    page.assert_clean(&out.text);
    assert_eq!(out.title.as_deref(), Some(page.title));
    assert_eq!(out.published.as_deref(), Some("2020-10-20T08:30:00+02:00"));
    assert_eq!(out.author.as_deref(), Some("أحمد سالم"));
    assert_eq!(out.declared_lang.as_deref(), Some("ar"));
    assert_eq!(out.url.as_deref(), Some("https://example.org/ar/1"));
    assert!(out.removed.is_empty());
}

#[test]
fn chinese_page_with_json_ld() {
    let page = Page {
        lang: "zh-CN",
        title: "长江中游持续降雨 多地启动防汛应急响应",
        site: "新闻网",
        nav: &["首页", "国内", "国际", "财经"],
        cookie: "本网站使用Cookie以改善您的浏览体验。",
        byline: "记者 王晓明",
        share: &["微信", "微博", "QQ空间"],
        body: "<p>受持续强降雨影响，长江中游多个水文站水位超过警戒线，湖北、江西两省已启动防汛三级应急响应。</p>\
               <p>据当地气象部门介绍，未来三天仍将有大到暴雨，部分地区可能出现山洪和城市内涝。</p>\
               <h2>转移安置工作</h2>\
               <p>截至目前，沿江低洼地区已转移群众一万两千余人，临时安置点提供饮用水和药品。</p>",
        caption: "图为武汉江滩水位上涨",
        related: &["南方多省迎来今年首轮高温", "水利部部署山洪灾害防御工作"],
        comments: &["希望大家都平安，我们村去年也被淹过，真的很可怕。"],
        head_extra: r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"长江中游持续降雨 多地启动防汛应急响应","datePublished":"2020-07-05T10:00:00+08:00","author":[{"@type":"Person","name":"王晓明"}]}</script><meta property="og:url" content="https://example.cn/news/1">"#,
    };
    let out = extract_str(&page.html(), None);
    assert_eq!(
        out.text,
        "受持续强降雨影响，长江中游多个水文站水位超过警戒线，湖北、江西两省已启动防汛三级应急响应。\n\n\
         据当地气象部门介绍，未来三天仍将有大到暴雨，部分地区可能出现山洪和城市内涝。\n\n\
         转移安置工作\n\n\
         截至目前，沿江低洼地区已转移群众一万两千余人，临时安置点提供饮用水和药品。"
    );
    page.assert_clean(&out.text);
    assert_eq!(out.title.as_deref(), Some(page.title));
    assert_eq!(out.published.as_deref(), Some("2020-07-05T10:00:00+08:00"));
    assert_eq!(out.author.as_deref(), Some("王晓明"));
    assert_eq!(out.url.as_deref(), Some("https://example.cn/news/1"));
    assert_eq!(out.declared_lang.as_deref(), Some("zh"));
}

#[test]
fn thai_page_with_nested_divs_and_no_paragraph_tags() {
    let page = Page {
        lang: "th",
        title: "น้ำท่วมหนักหลายอำเภอในจังหวัดเชียงราย",
        site: "ข่าวเหนือ",
        nav: &["หน้าแรก", "การเมือง", "เศรษฐกิจ", "กีฬา"],
        cookie: "เว็บไซต์นี้ใช้คุกกี้เพื่อพัฒนาประสบการณ์การใช้งานของคุณ",
        byline: "โดย สมชาย ใจดี",
        share: &["แชร์ไปยังเฟซบุ๊ก", "ไลน์"],
        body: "<div><div>ฝนที่ตกหนักต่อเนื่องตั้งแต่คืนวันจันทร์ทำให้น้ำป่าไหลหลากเข้าท่วมบ้านเรือนประชาชนในหลายอำเภอของจังหวัดเชียงราย</div>\
               <div>เจ้าหน้าที่ป้องกันและบรรเทาสาธารณภัยได้นำเรือท้องแบนเข้าช่วยเหลือผู้สูงอายุและเด็กออกจากพื้นที่น้ำท่วมสูง</div>\
               <div>ผู้ว่าราชการจังหวัดกล่าวว่าจะเร่งสำรวจความเสียหายเพื่อให้ความช่วยเหลือโดยเร็วที่สุด</div></div>",
        caption: "ภาพน้ำท่วมถนนสายหลัก",
        related: &["ราคายางพาราปรับตัวสูงขึ้น", "เปิดฤดูท่องเที่ยวดอยตุง"],
        comments: &["ขอให้ทุกคนปลอดภัยนะครับ บ้านผมก็น้ำเข้าเหมือนกัน"],
        head_extra: r#"<meta property="og:title" content="น้ำท่วมหนักหลายอำเภอในจังหวัดเชียงราย">"#,
    };
    let out = extract_str(&page.html(), None);
    assert_eq!(
        out.text,
        "ฝนที่ตกหนักต่อเนื่องตั้งแต่คืนวันจันทร์ทำให้น้ำป่าไหลหลากเข้าท่วมบ้านเรือนประชาชนในหลายอำเภอของจังหวัดเชียงราย\n\n\
         เจ้าหน้าที่ป้องกันและบรรเทาสาธารณภัยได้นำเรือท้องแบนเข้าช่วยเหลือผู้สูงอายุและเด็กออกจากพื้นที่น้ำท่วมสูง\n\n\
         ผู้ว่าราชการจังหวัดกล่าวว่าจะเร่งสำรวจความเสียหายเพื่อให้ความช่วยเหลือโดยเร็วที่สุด"
    );
    page.assert_clean(&out.text);
    assert_eq!(out.title.as_deref(), Some(page.title));
    assert_eq!(out.declared_lang.as_deref(), Some("th"));
    assert_eq!(out.published, None);
}

#[test]
fn english_page_with_lists_quotes_and_ad_labels() {
    let page = Page {
        lang: "en-GB",
        title: "Cyclone makes landfall near Chittagong",
        site: "World Desk",
        nav: &["Home", "World", "Business", "Sport"],
        cookie: "We use cookies to improve your experience. By continuing you accept our policy.",
        byline: "By Jane Roe, Dhaka",
        share: &["Share on Facebook", "Share on Twitter"],
        body: "<p>A powerful cyclone made landfall near Chittagong on Wednesday, flattening homes and cutting power to two million people.</p>\
               <div class=\"ad-slot\"><span>Advertisement</span></div>\
               <p>Officials said the storm had weakened slightly before reaching the coast, but warned of a surge of up to three metres.</p>\
               <blockquote><p>\"We moved everyone we could to the shelters,\" said a district officer.</p></blockquote>\
               <ul><li>More than 500,000 people were evacuated.</li><li>Schools will stay closed until Monday.</li></ul>\
               <p>Advertisement</p>\
               <p>Aid agencies said clean water was the most urgent need.</p>",
        caption: "Residents wade through flooded streets on Wednesday (Reuters)",
        related: &["Floods hit northern India", "Monsoon season arrives early"],
        comments: &[
            "Thoughts are with everyone there, this is the third storm this year for the region.",
        ],
        head_extra: r#"<script type="application/ld+json">[{"@type":"Organization","name":"World Desk"},{"@type":"WebPage","@graph":[{"@type":"NewsArticle","headline":"Cyclone makes landfall near Chittagong","datePublished":"2020-05-20","author":{"@type":"Person","name":"Jane Roe"}}]}]</script>"#,
    };
    let out = extract_str(&page.html(), None);
    assert_eq!(
        out.text,
        "A powerful cyclone made landfall near Chittagong on Wednesday, flattening homes and cutting power to two million people.\n\n\
         Officials said the storm had weakened slightly before reaching the coast, but warned of a surge of up to three metres.\n\n\
         \"We moved everyone we could to the shelters,\" said a district officer.\n\n\
         More than 500,000 people were evacuated.\n\n\
         Schools will stay closed until Monday.\n\n\
         Aid agencies said clean water was the most urgent need."
    );
    page.assert_clean(&out.text);
    assert_eq!(out.published.as_deref(), Some("2020-05-20"));
    assert_eq!(out.author.as_deref(), Some("Jane Roe"));
    assert_eq!(out.declared_lang.as_deref(), Some("en"));
}

#[test]
fn russian_page_with_related_links_inside_the_body() {
    let page = Page {
        lang: "",
        title: "В Якутии продолжается паводок",
        site: "Новости Севера",
        nav: &["Главная", "Политика", "Экономика", "Спорт"],
        cookie: "Мы используем файлы cookie, чтобы сайт работал лучше.",
        byline: "Иван Петров",
        share: &["ВКонтакте", "Телеграм"],
        body: "<p>Уровень воды в Лене у Якутска за сутки поднялся ещё на сорок сантиметров, сообщили в республиканском МЧС.</p>\
               <ul><li><a href=\"/a\">Читайте также: как спасали жителей Ленска</a></li><li><a href=\"/b\">Паводок 2001 года: хроника</a></li></ul>\
               <p>Из подтопленных сёл эвакуированы более трёхсот человек, в пунктах временного размещения работают медики.</p>",
        caption: "Фото: пресс-служба МЧС",
        related: &["Морозы вернутся в выходные", "Новый мост через Лену"],
        comments: &["Каждый год одно и то же, когда уже построят нормальную дамбу?"],
        head_extra: r#"<meta property="og:locale" content="ru_RU">"#,
    };
    let html = page.html().replace(
        "<div class=\"byline\">",
        "<div class=\"byline\"><time datetime=\"2021-05-14T09:00\">14 мая</time> ",
    );
    let out = extract_str(&html, None);
    assert_eq!(out.declared_lang.as_deref(), Some("ru"));
    assert_eq!(
        out.text,
        "Уровень воды в Лене у Якутска за сутки поднялся ещё на сорок сантиметров, сообщили в республиканском МЧС.\n\n\
         Из подтопленных сёл эвакуированы более трёхсот человек, в пунктах временного размещения работают медики."
    );
    page.assert_clean(&out.text);
    assert_eq!(out.title.as_deref(), Some(page.title));
    assert_eq!(out.published.as_deref(), Some("2021-05-14T09:00"));
}

#[test]
fn json_ld_article_body_guides_the_choice_and_filters_inserts() {
    let body = "The council approved the new flood barrier on Tuesday after two years of debate. \
                Construction will begin in the spring and last eighteen months. \
                Residents of the lower town have asked for the barrier since the floods of 2016, \
                when more than four hundred homes were damaged.";
    let html = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Barrier approved","articleBody":"{body}"}}</script></head>
<body><div class="wrap">
<div class="teasers"><p>Elsewhere today: the mayor opened a new library in the old post office building, with a café and a reading garden for children.</p></div>
<div class="c1"><p>The council approved the new flood barrier on Tuesday after two years of debate.</p>
<p>Construction will begin in the spring and last eighteen months.</p>
<p>Want stories like this every morning in your inbox, free of charge and without delay?</p>
<p>Residents of the lower town have asked for the barrier since the floods of 2016, when more than four hundred homes were damaged.</p></div>
</div></body></html>"#
    );
    let out = extract_str(&html, None);
    assert_eq!(
        out.text,
        "The council approved the new flood barrier on Tuesday after two years of debate.\n\n\
         Construction will begin in the spring and last eighteen months.\n\n\
         Residents of the lower town have asked for the barrier since the floods of 2016, when more than four hundred homes were damaged."
    );
    assert_eq!(out.title.as_deref(), Some("Barrier approved"));
}

#[test]
fn deep_nesting_does_not_exhaust_the_stack() {
    let depth = 100_000;
    let mut html = String::from("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("<p>Deep inside the page the report still says that the river rose by two metres overnight.</p>");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    let out = extract_str(&html, None);
    assert!(
        out.text.contains("the river rose by two metres"),
        "{:?}",
        out.text
    );

    let inline: String = "<b><i>".repeat(depth) + "текст";
    let out = extract_str(&inline, None);
    assert_eq!(out.text, "текст");
}

#[test]
fn malformed_and_empty_inputs_do_not_panic() {
    let inputs = [
        "",
        "<",
        "</p></div></html>",
        "<html><body></body></html>",
        "<table><tr><td>Плохая<td>разметка<p>без закрытия",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":",
        "\u{0}\u{feff}<p>\u{202e}mixed\u{0} bytes</p>",
        "<p>only text without a container, but a complete sentence nonetheless.</p>",
    ];
    for input in inputs {
        let out = extract_str(input, None);
        assert!(out.removed.is_empty());
    }
    let out = extract_str(inputs[7], None);
    assert_eq!(
        out.text,
        "only text without a container, but a complete sentence nonetheless."
    );
}

#[test]
fn furniture_inside_the_article_text_is_dropped() {
    let html = r#"<html lang="en"><body><div class="story">
<p>The ministry confirmed on Friday that the northern bridge will reopen next month after repairs.</p>
<div align="center"><img src="b.jpg" alt="The northern bridge under repair in March"><br>
<span class="small">The northern bridge under repair in March</span></div>
<p>Engineers from <span class="person"><a href="/p/1">Dr Amal Haddad</a><span class="card"><a href="/x/1">Bridge inspections to double</a> <a href="/x/2">Rail line closes for works</a> <a href="/x/3">MORE</a></span></span> said the steel had been replaced along the whole span.</p>
<p><a href="/x/4">Bridge tolls to rise next year</a> [VIDEO]<br><a href="/x/5">Traffic chaos as ring road shuts</a> [PICS]<br>Work began in January, according to the city council.</p>
<p>Sources: https://example.org/report-2020.pdf</p>
<h3>More Local Stories</h3>
<ul><li>Market stalls return to the old square, traders say</li><li>A new cycling lane is planned for the harbour road</li></ul>
</div></body></html>"#;
    let out = extract_str(html, None);
    assert_eq!(
        out.text,
        "The ministry confirmed on Friday that the northern bridge will reopen next month after repairs.\n\n\
         Engineers from Dr Amal Haddad said the steel had been replaced along the whole span.\n\n\
         Work began in January, according to the city council.\n\n\
         Sources: https://example.org/report-2020.pdf"
    );
}

#[test]
fn random_tag_soup_never_panics() {
    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<a href=x>",
        "</a>",
        "<br>",
        "<table><tr><td>",
        "</td>",
        "<ul><li>",
        "</li>",
        "<script>",
        "</script>",
        "<h1>",
        "<article class=\"post\">",
        "<aside>",
        "<span class=\"share\">",
        "<form>",
        "<pre>",
        "مرحبا بالعالم، ",
        "你好，世界。",
        "สวัสดีครับ ",
        "Привет, мир. ",
        "Hello, world. ",
        "&amp;",
        "&#0;",
        "<!--",
        "-->",
        "<![CDATA[",
        "<svg><title>x</title>",
        "</svg>",
        "<script type=\"application/ld+json\">{\"@graph\":[",
        "<img alt=\"Hello, world. Hello\">",
        "<div hidden>",
        "<noscript>",
        "\u{0}",
        "<",
    ];
    // A fixed linear congruential generator keeps the test deterministic.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let mut html = String::new();
        for _ in 0..200 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            html.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
        }
        let out = extract_str(&html, None);
        assert!(!out.text.contains("\n\n\n"), "{:?}", out.text);
        assert!(out.text.trim() == out.text);
    }
}

#[test]
fn script_rendered_page_falls_back_to_json_ld_body() {
    let html = r#"<html lang="tr"><head><script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Deprem sonrası okullar tatil edildi",
 "articleBody":"İzmir'de meydana gelen depremin ardından okullar bir hafta süreyle tatil edildi.\nValilik, hasar tespit çalışmalarının sürdüğünü açıkladı."}
</script></head><body><div id="root"><nav><a href="/">Ana sayfa</a></nav><p>Yükleniyor…</p></div></body></html>"#;
    let out = extract_str(html, None);
    assert_eq!(
        out.text,
        "İzmir'de meydana gelen depremin ardından okullar bir hafta süreyle tatil edildi.\n\n\
         Valilik, hasar tespit çalışmalarının sürdüğünü açıkladı."
    );
    assert_eq!(
        out.title.as_deref(),
        Some("Deprem sonrası okullar tatil edildi")
    );
    assert_eq!(out.declared_lang.as_deref(), Some("tr"));
}

#[test]
fn article_split_by_an_ad_keeps_both_halves_and_skips_teasers() {
    let teasers: String = (0..8)
        .map(|i| {
            format!(
                "<div class=\"card\"><a href=\"/n/{i}\">Headline number {i} about something else entirely</a>\
                 <p>A teaser sentence for story {i}, which readers may also want to read today.</p></div>"
            )
        })
        .collect();
    let html = format!(
        r#"<html><body><div id="page">
<div id="col1">
<div class="text"><p>Fishermen in Songkhla said on Sunday that the catch had fallen by half since the spring, blaming warmer water.</p>
<p>The provincial fisheries office said it would publish its own survey of the gulf in the coming weeks.</p></div>
<div class="slot"><iframe src="ad.html"></iframe><span>Advertisement</span></div>
<div class="text"><p>Boat owners have asked for fuel subsidies to cover the longer trips they now make to find fish.</p>
<p>The ministry has not said whether it will grant them, but officials are due to visit the coast next month.</p></div>
</div>
<div id="col2">{teasers}</div>
</div></body></html>"#
    );
    let out = extract_str(&html, None);
    assert_eq!(
        out.text,
        "Fishermen in Songkhla said on Sunday that the catch had fallen by half since the spring, blaming warmer water.\n\n\
         The provincial fisheries office said it would publish its own survey of the gulf in the coming weeks.\n\n\
         Boat owners have asked for fuel subsidies to cover the longer trips they now make to find fish.\n\n\
         The ministry has not said whether it will grant them, but officials are due to visit the coast next month."
    );
}

#[test]
fn page_saved_with_a_consent_dialog_open_still_yields_the_article() {
    let html = r#"<html lang="de"><body>
<div id="app" aria-hidden="true"><div class="content">
<p>Nach dem Hochwasser an der Ahr sind viele Straßen im Kreis weiterhin gesperrt, teilte die Polizei am Montag mit.</p>
<p>Die Aufräumarbeiten werden nach Angaben der Gemeinden noch mehrere Wochen dauern, besonders in den engen Tälern.</p>
<p>Freiwillige Helfer werden gebeten, sich vorab bei der zentralen Koordinierungsstelle in der Kreisstadt zu melden.</p>
<p class="hidden">Dieser Hinweis ist nur für Bildschirmleser gedacht.</p>
</div></div>
<div role="dialog" class="consent"><p>Wir verwenden Cookies, um Inhalte zu personalisieren und Zugriffe zu analysieren.</p><button>Akzeptieren</button></div>
</body></html>"#;
    let out = extract_str(html, None);
    assert_eq!(
        out.text,
        "Nach dem Hochwasser an der Ahr sind viele Straßen im Kreis weiterhin gesperrt, teilte die Polizei am Montag mit.\n\n\
         Die Aufräumarbeiten werden nach Angaben der Gemeinden noch mehrere Wochen dauern, besonders in den engen Tälern.\n\n\
         Freiwillige Helfer werden gebeten, sich vorab bei der zentralen Koordinierungsstelle in der Kreisstadt zu melden."
    );
    assert_eq!(out.declared_lang.as_deref(), Some("de"));
}

#[test]
fn malformed_markup_is_built_as_browsers_build_it() {
    // Text stray inside a table is moved before it (foster parenting); misnested formatting
    // is repaired (adoption agency); an unclosed <p> ends at the next <p>.
    let html = "<div class=\"content\"><table><tr><td>Гидрологи ожидают пика паводка к пятнице, сообщает МЧС.</td></tr>\
                Уровень воды растёт третий день подряд, пишет агентство.</table>\
                <p>Первый абзац <b>с выделением<p>второй</b> абзац текста без закрытия тегов.\
                <p>Третий абзац</div>";
    let out = extract_str(html, None);
    assert_eq!(
        out.text,
        "Уровень воды растёт третий день подряд, пишет агентство.\n\n\
         Гидрологи ожидают пика паводка к пятнице, сообщает МЧС.\n\n\
         Первый абзац с выделением\n\n\
         второй абзац текста без закрытия тегов.\n\n\
         Третий абзац"
    );
}

#[test]
fn short_line_after_an_image_is_its_caption() {
    let html = r#"<html lang="th"><body><div class="post-body">
<div>ประชาชนในอำเภอแม่สายเริ่มทำความสะอาดบ้านเรือนหลังระดับน้ำลดลงในช่วงเช้าวันนี้</div>
<div style="text-align:center"><a href="big.jpg"><img src="small.jpg"></a></div>
<div style="text-align:center"><em>ถนนสายหลักในตัวอำเภอ</em></div>
<div>เจ้าหน้าที่เทศบาลนำรถบรรทุกน้ำมาช่วยล้างโคลนบนถนนและในตลาดสด</div>
<p><img src="map.png"></p>
<p>Tested by: the municipal water office, see <a href="/report">the report</a></p>
</div></body></html>"#;
    let out = extract_str(html, None);
    assert_eq!(
        out.text,
        "ประชาชนในอำเภอแม่สายเริ่มทำความสะอาดบ้านเรือนหลังระดับน้ำลดลงในช่วงเช้าวันนี้\n\n\
         เจ้าหน้าที่เทศบาลนำรถบรรทุกน้ำมาช่วยล้างโคลนบนถนนและในตลาดสด\n\n\
         Tested by: the municipal water office, see the report"
    );
}

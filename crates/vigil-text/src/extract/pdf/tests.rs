use pdf_extract::content::{Content, Operation};
use pdf_extract::{Document, Object, Stream, StringFormat, dictionary};

use super::*;
use crate::RemovalReason;

/// Writes a PDF whose pages hold the given lines (top to bottom) in Helvetica: a real text
/// layer, as a word processor would produce it.
pub(crate) fn make_pdf(pages: &[Vec<String>], title: Option<&str>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = vec![Operation::new("BT", vec![])];
        operations.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
        operations.push(Operation::new("TL", vec![16.into()]));
        operations.push(Operation::new("Td", vec![72.into(), 780.into()]));
        for line in lines {
            operations.push(Operation::new(
                "Tj",
                vec![Object::string_literal(line.as_str())],
            ));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    if let Some(title) = title {
        // A text string in UTF-16BE with its BOM, as PDF writers store non-Latin titles.
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(title.encode_utf16().flat_map(u16::to_be_bytes));
        let info_id = doc.add_object(dictionary! {
            "Title" => Object::String(bytes, StringFormat::Hexadecimal),
        });
        doc.trailer.set("Info", info_id);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn bulletin() -> Vec<Vec<String>> {
    let body = [
        [
            "Heavy fighting in El Fasher displaced more than 40,000 people",
            "in the first week of May, according to local authorities.",
            "Water trucking has resumed in two camps.",
        ],
        [
            "Humanitarian partners distributed food to 12,000 households",
            "despite insecurity on the main supply route.",
            "Cholera cases rose in Kassala state.",
        ],
        [
            "Funding remains the main constraint: the appeal is 14 per cent",
            "funded, and partners warn of pipeline breaks in June.",
            "The next bulletin will be issued in two weeks.",
        ],
    ];
    body.iter()
        .enumerate()
        .map(|(i, lines)| {
            let mut page = vec![
                "S/2024/101".to_string(),
                "Sudan: Humanitarian Update".to_string(),
            ];
            page.extend(lines.iter().map(|l| l.to_string()));
            page.push(format!("Page {} of 3", i + 1));
            page
        })
        .collect()
}

#[test]
fn three_pages_with_running_header_numbers_and_symbol() {
    let pdf = make_pdf(&bulletin(), None);
    let out = extract(&pdf).unwrap();
    // Every line of every page is in the text, in order, pages separated by a blank line.
    assert!(
        out.text.contains("displaced more than 40,000 people"),
        "{}",
        out.text
    );
    assert!(out.text.contains("Cholera cases rose in Kassala state."));
    assert_eq!(out.text.matches("\n\n").count(), 2, "{:?}", out.text);
    let removed: Vec<&str> = out
        .removed
        .iter()
        .inspect(|r| assert_eq!(r.reason, RemovalReason::PageFurniture))
        .map(|r| out.text[r.start..r.end].trim())
        .collect();
    assert_eq!(removed.len(), 9, "{removed:?}");
    for line in ["S/2024/101", "Sudan: Humanitarian Update", "Page 2 of 3"] {
        assert!(removed.contains(&line), "{line} not removed: {removed:?}");
    }
    let body = crate::clean::Body::new(&out.text, &out.removed).text;
    assert!(!body.contains("Humanitarian Update") && !body.contains("Page "));
    assert!(body.starts_with("Heavy fighting in El Fasher"), "{body:?}");
    assert!(body.contains("supply route.\nCholera"));
}

#[test]
fn a_pdf_without_text_is_no_text() {
    let pdf = make_pdf(&[vec![], vec![]], None);
    let e = extract(&pdf).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no text found (PDF has no text layer (scanned?))"
    );
}

#[test]
fn corrupt_and_truncated_pdfs_are_malformed() {
    let e = extract(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage").unwrap_err();
    assert!(matches!(e, Error::Malformed { format: "PDF", .. }), "{e}");
    let pdf = make_pdf(&bulletin(), None);
    let e = extract(&pdf[..pdf.len() / 3]).unwrap_err();
    assert!(matches!(e, Error::Malformed { format: "PDF", .. }), "{e}");
}

#[test]
fn title_from_the_information_dictionary() {
    let pdf = make_pdf(&bulletin(), Some("السودان: تحديث إنساني"));
    assert_eq!(
        extract(&pdf).unwrap().title.as_deref(),
        Some("السودان: تحديث إنساني")
    );
    let pdf = make_pdf(&bulletin(), Some("Microsoft Word - SitRep_14.docx"));
    assert_eq!(extract(&pdf).unwrap().title, None);
}

#[test]
fn deeply_nested_pdf_objects_are_malformed_not_a_crash() {
    let mut pdf = b"%PDF-1.4\n1 0 obj\n".to_vec();
    pdf.extend(b"[".repeat(200_000));
    pdf.extend(b"]".repeat(200_000));
    pdf.extend(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    assert!(matches!(extract(&pdf), Err(Error::Malformed { .. })));
}

/// Found by fuzzing: a page that is its own parent sent pdf-extract into endless recursion.
#[test]
fn a_page_that_is_its_own_parent_is_read() {
    let pdf = make_pdf(&bulletin(), None);
    let mut doc = Document::load_mem(&pdf).unwrap();
    let first = *doc.get_pages().values().next().unwrap();
    let page = doc.get_object_mut(first).unwrap().as_dict_mut().unwrap();
    page.set("Parent", first);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let out = extract(&bytes).unwrap();
    assert!(out.text.contains("Heavy fighting in El Fasher"));
}

/// A page drawing a form XObject that draws itself: `pdf-extract` would recurse until the stack
/// overflows (a process abort). With and without the form's own resources.
#[test]
fn a_form_that_draws_itself_is_read_once() {
    for own_resources in [true, false] {
        let pdf = make_pdf(&[vec!["Cover line".to_string()]], None);
        let mut doc = Document::load_mem(&pdf).unwrap();
        let page = *doc.get_pages().values().next().unwrap();
        let form_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources = dictionary! {
            "Font" => dictionary! { "F1" => font_id },
            "XObject" => dictionary! { "X0" => form_id },
        };
        let mut form_dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        };
        if own_resources {
            form_dict.set("Resources", resources.clone());
        }
        let content = b"BT /F1 11 Tf 72 600 Td (Inside the form) Tj ET /X0 Do".to_vec();
        doc.objects
            .insert(form_id, Object::Stream(Stream::new(form_dict, content)));
        let page_content = b"BT /F1 11 Tf 72 780 Td (Cover line) Tj ET /X0 Do".to_vec();
        let content_id = doc.add_object(Stream::new(dictionary! {}, page_content));
        let page_dict = doc.get_object_mut(page).unwrap().as_dict_mut().unwrap();
        page_dict.set("Contents", content_id);
        page_dict.set("Resources", resources);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let out = extract(&bytes).unwrap();
        assert_eq!(
            out.text.matches("Inside the form").count(),
            1,
            "{}",
            out.text
        );
    }
}

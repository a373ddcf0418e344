//! Repairs, before `pdf-extract` reads a document, the structures it would loop on forever or
//! panic on. An endless recursion overflows the stack, which aborts the whole process (no
//! `catch_unwind` can stop it), so these must be found here. All were found by fuzzing or by
//! reading `pdf-extract`'s code.

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// Most form XObjects a document may nest, counted over all paths: legitimate documents have
/// a handful; a document drawing one form twice at each of 30 levels would take 2^30 draws.
const FORM_VISITS: usize = 10_000;

/// Fixes every page; an error names what makes the document unreadable.
pub(super) fn sanitize(doc: &mut Document) -> Result<(), String> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for &page in &pages {
        break_parent_cycle(doc, page);
        ensure_media_box(doc, page);
    }
    let mut fixes = Vec::new();
    let mut budget = FORM_VISITS;
    for &page in &pages {
        if let Some(resources) = inherited_resources(doc, page) {
            visit_forms(doc, &resources, &mut Vec::new(), &mut budget, &mut fixes);
        }
        if budget == 0 {
            return Err(format!("more than {FORM_VISITS} nested form drawings"));
        }
    }
    for form in fixes {
        if let Ok(stream) = doc.get_object_mut(form).and_then(Object::as_stream_mut) {
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            let kept = Content::decode(&content).ok().and_then(|mut content| {
                content.operations.retain(|op| op.operator != "Do");
                content.encode().ok()
            });
            stream.set_plain_content(kept.unwrap_or_default());
        }
    }
    Ok(())
}

/// Breaks a loop in a page's `Parent` chain (a page that is its own parent, say): `pdf-extract`
/// follows the chain for inherited attributes without a stop, recursing until the stack
/// overflows, which aborts the process. Found by fuzzing.
fn break_parent_cycle(doc: &mut Document, page: ObjectId) {
    // Re-hanging onto the root can close another loop through the root: check again (the
    // second time the root is in the chain and the link is cut).
    for _ in 0..3 {
        if !break_parent_cycle_once(doc, page) {
            return;
        }
    }
}

/// Whether a loop was found (and broken).
fn break_parent_cycle_once(doc: &mut Document, page: ObjectId) -> bool {
    let mut seen = vec![page];
    let mut node = page;
    loop {
        let parent = doc
            .get_object(node)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Parent"))
            .and_then(Object::as_reference);
        match parent {
            Ok(parent) if seen.contains(&parent) || seen.len() > 64 => {
                // Re-hang the node on the root of the page tree (keeping what it inherits
                // from there), or cut it loose if the root is in the loop.
                let root = doc
                    .catalog()
                    .and_then(|c| c.get(b"Pages"))
                    .and_then(Object::as_reference)
                    .ok()
                    .filter(|root| !seen.contains(root));
                if let Ok(dict) = doc.get_object_mut(node).and_then(Object::as_dict_mut) {
                    match root {
                        Some(root) => dict.set("Parent", root),
                        None => {
                            dict.remove(b"Parent");
                        }
                    }
                }
                return true;
            }
            Ok(parent) => {
                seen.push(parent);
                node = parent;
            }
            Err(_) => return false,
        }
    }
}

/// Gives a page without a usable `MediaBox` (its own or inherited) a US Letter one:
/// `pdf-extract` requires it, only to place text, and panics without it.
fn ensure_media_box(doc: &mut Document, page: ObjectId) {
    let mut node = page;
    for _ in 0..32 {
        let Ok(dict) = doc.get_object(node).and_then(Object::as_dict) else {
            break;
        };
        if let Ok(found) = dict.get(b"MediaBox") {
            if is_rectangle(doc, found) {
                return;
            }
            break;
        }
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => node = parent,
            Err(_) => break,
        }
    }
    if let Ok(dict) = doc.get_object_mut(page).and_then(Object::as_dict_mut) {
        let letter: Vec<Object> = vec![0.into(), 0.into(), 612.into(), 792.into()];
        dict.set("MediaBox", letter);
    }
}

fn is_rectangle(doc: &Document, object: &Object) -> bool {
    let Ok((_, object)) = doc.dereference(object) else {
        return false;
    };
    let Ok(items) = object.as_array() else {
        return false;
    };
    items.len() == 4
        && items.iter().all(|item| {
            doc.dereference(item)
                .is_ok_and(|(_, n)| matches!(n, Object::Integer(_) | Object::Real(_)))
        })
}

/// The resources a page uses: its own or inherited through the page tree.
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut node = page;
    for _ in 0..64 {
        let dict = doc.get_object(node).and_then(Object::as_dict).ok()?;
        if let Ok(resources) = dict.get(b"Resources") {
            let (_, resources) = doc.dereference(resources).ok()?;
            return resources.as_dict().ok().cloned();
        }
        node = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

/// Walks the form XObjects reachable from `resources` (depth first, `stack` holding the forms
/// being drawn) and records a fix for each form that could draw itself: one without its own
/// resources (it would use the caller's, which list it) or whose resources list a form on the
/// stack. The fix takes the form's own `Do` (draw a form or image) operations out: its text
/// stays, the loop goes.
fn visit_forms(
    doc: &Document,
    resources: &Dictionary,
    stack: &mut Vec<ObjectId>,
    budget: &mut usize,
    fixes: &mut Vec<ObjectId>,
) {
    for form in form_ids(doc, resources) {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let Ok(stream) = doc.get_object(form).and_then(Object::as_stream) else {
            continue;
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok().cloned());
        match own {
            None => fixes.push(form),
            Some(own) => {
                let loops = form_ids(doc, &own)
                    .iter()
                    .any(|f| *f == form || stack.contains(f));
                if loops {
                    fixes.push(form);
                } else {
                    stack.push(form);
                    visit_forms(doc, &own, stack, budget, fixes);
                    stack.pop();
                }
            }
        }
    }
}

/// The form XObjects a resource dictionary lists (images are not drawn recursively).
fn form_ids(doc: &Document, resources: &Dictionary) -> Vec<ObjectId> {
    let Some(xobjects) = resources
        .get(b"XObject")
        .ok()
        .and_then(|x| doc.dereference(x).ok())
        .and_then(|(_, x)| x.as_dict().ok())
    else {
        return Vec::new();
    };
    xobjects
        .iter()
        .filter_map(|(_, v)| v.as_reference().ok())
        .filter(|&id| {
            doc.get_object(id)
                .and_then(Object::as_stream)
                .is_ok_and(|s| {
                    s.dict
                        .get(b"Subtype")
                        .and_then(Object::as_name)
                        .is_ok_and(|n| n == b"Form")
                })
        })
        .collect()
}

//! Main-text extraction from HTML pages: finds the article, its title, date and author.

use super::Extracted;
use crate::Result;

/// Decodes (BOM, `<meta charset>`, declared charset, then content) and extracts.
pub(crate) fn extract(raw: &[u8], charset: Option<&str>, url: Option<&str>) -> Result<Extracted> {
    let decoded = crate::decode::decode_html(raw, charset)?;
    let mut out = extract_str(&decoded.text, url);
    out.encoding = Some(decoded.encoding);
    Ok(out)
}

/// Extracts from an already decoded page.
pub(crate) fn extract_str(html: &str, url: Option<&str>) -> Extracted {
    let _ = (html, url);
    todo!("html extraction")
}

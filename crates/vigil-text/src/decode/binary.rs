//! Refusing binary data: a report is text, and decoding an image or an executable as
//! windows-1252 would store kilobytes of mojibake as a "document".

/// File signatures of common binary formats that are not reports, with a name for the error
/// message. Checked at the very start of the bytes, so text can never match by accident
/// (every signature starts with a byte or sequence no text file starts with).
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV or AVI)"),
    (b"II*\0", "TIFF image"),
    (b"MM\0*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\0", "Windows executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\0asm", "WebAssembly module"),
    (b"BZh", "bzip2 compressed data"),
    (b"\xfd7zXZ\0", "xz compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x1f\x8b", "gzip compressed data"),
    (b"SQLite format 3\0", "SQLite database"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "OLE document (old Office format)",
    ),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"%!PS", "PostScript document"),
    (b"%PDF-", "PDF document, not plain text"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
];

/// The kind of binary file `bytes` starts like, if any.
pub(super) fn magic(bytes: &[u8]) -> Option<&'static str> {
    // ISO media (MP4, MOV, HEIC, AVIF): a box size, then "ftyp".
    if bytes.get(4..8) == Some(b"ftyp") {
        return Some("ISO media (MP4, MOV or HEIC)");
    }
    MAGIC
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|&(_, name)| name)
}

/// Whether decoded text is really binary: many control characters (other than tab, line feed,
/// form feed and carriage return) or undecodable sequences. One in ten characters is far beyond
/// any text, however damaged, and far below random bytes decoded with a single-byte encoding.
pub(super) fn garbage(text: &str) -> Option<&'static str> {
    let mut total = 0usize;
    let mut control = 0usize;
    let mut replaced = 0usize;
    for c in text.chars().take(1 << 16) {
        total += 1;
        match c {
            '\t' | '\n' | '\r' | '\u{c}' => {}
            '\u{fffd}' => replaced += 1,
            c if c.is_control() => control += 1,
            _ => {}
        }
    }
    if total >= 8 && control * 10 > total {
        Some("control characters")
    } else if total >= 8 && replaced * 10 > total {
        Some("bytes that are not text in any encoding")
    } else {
        None
    }
}

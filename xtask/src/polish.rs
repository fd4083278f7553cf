//! Small, checked edits to the generated bindings where uniffi 0.32's
//! templates stop short of what Sweep promises apps
//! (docs/adr/0007-readable-errors-across-the-ffi.md):
//!
//! - Kotlin: an exception's `message` is the core's sentence (uniffi writes
//!   `field=value` pairs, and nothing for a variant without fields), and a
//!   call on a closed object throws `SweepException.ObjectClosed` (uniffi
//!   throws a bare `IllegalStateException`).
//! - Python: `str(e)` is the sentence (uniffi gives the field pairs).
//! - Swift: `SweepError` conforms to `CustomStringConvertible`, so the
//!   `description` uniffi writes from `Display` is also what
//!   `localizedDescription` and `String(reflecting:)` give.
//!
//! Each edit names exactly what it replaces and fails the build when that
//! text is not there as many times as expected, so a uniffi upgrade that
//! changes its templates is caught here, not in an app.

use std::path::Path;

/// Applies the edits for `language` to the bindings under `out`.
pub fn polish(language: &str, out: &Path) -> Result<(), String> {
    match language {
        "kotlin" => edit(&out.join("com/sweepwallet/core/sweep.kt"), kotlin),
        "python" => edit(&out.join("sweep.py"), python),
        "swift" => edit(&out.join("SweepCore.swift"), swift),
        other => Err(format!("no bindings polish for {other}")),
    }
}

fn edit(path: &Path, change: fn(&str) -> Result<String, String>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let changed = change(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, changed).map_err(|e| format!("write {}: {e}", path.display()))
}

/// The byte range from `start` up to the next `end` after it.
fn between(text: &str, start: &str, end: &str) -> Result<std::ops::Range<usize>, String> {
    let from = text.find(start).ok_or_else(|| format!("no `{start}`"))?;
    let to = text[from..].find(end).map(|i| from + i).ok_or_else(|| format!("no `{end}` after `{start}`"))?;
    Ok(from..to)
}

fn kotlin(text: &str) -> Result<String, String> {
    let range = between(
        text,
        "sealed class SweepException: kotlin.Exception()",
        "companion object ErrorHandler : UniffiRustCallStatusErrorHandler<SweepException>",
    )?;
    let class = &text[range.clone()];
    let variants = class.matches(") : SweepException() {").count();
    let mut polished = String::with_capacity(class.len());
    let mut replaced = 0;
    let mut lines = class.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        polished.push_str(line);
        if line.trim() == "override val message" {
            let getter = lines.next().ok_or("a message property without its getter")?;
            if !getter.trim_start().starts_with("get() = \"") {
                return Err(format!("an unexpected message getter: {getter:?}"));
            }
            polished.push_str("            get() = sentence()\n");
            replaced += 1;
        }
    }
    if variants == 0 || replaced != variants {
        return Err(format!("{replaced} message getters for {variants} SweepException variants"));
    }
    let destroyed = r#"throw IllegalStateException("${this.javaClass.simpleName} object has already been destroyed")"#;
    let objects = text.matches(destroyed).count();
    if objects == 0 {
        return Err("no closed-object check to replace".into());
    }
    let whole = [&text[..range.start], &polished, &text[range.end..]].concat();
    Ok(whole.replace(destroyed, "throw SweepException.ObjectClosed(this.javaClass.simpleName)"))
}

fn python(text: &str) -> Result<String, String> {
    let range = between(text, "class SweepError(Exception):", "\n_UniffiTempSweepError = SweepError")?;
    let class = &text[range.clone()];
    let body = class.rfind("    pass\n").ok_or("SweepError's base class is not empty as expected")?;
    let polished = [
        &class[..body],
        "    def __str__(self) -> str:\n        # The core's sentence (uniffi gives field=value pairs).\n        return self.sentence()\n",
        &class[body + "    pass\n".len()..],
    ]
    .concat();
    Ok([&text[..range.start], &polished, &text[range.end..]].concat())
}

fn swift(text: &str) -> Result<String, String> {
    let range = between(text, "enum SweepError: Swift.Error", "public struct FfiConverterTypeSweepError")?;
    if !text[range].contains("public var description: String {") {
        return Err("SweepError has no `description` from Display".into());
    }
    let conformance =
        "\n// The core's sentence for `localizedDescription` and `String(reflecting:)` too.\nextension SweepError: CustomStringConvertible {}\n";
    Ok([text, conformance].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOTLIN: &str = r#"sealed class SweepException: kotlin.Exception() {
    class WrongKey(
        ) : SweepException() {
        override val message
            get() = ""
    }
    class Tampered(
        val `table`: kotlin.String
        ) : SweepException() {
        override val message
            get() = "table=${ `table` }"
    }
    companion object ErrorHandler : UniffiRustCallStatusErrorHandler<SweepException> {
    }
}
fun x() { throw IllegalStateException("${this.javaClass.simpleName} object has already been destroyed") }
"#;

    #[test]
    fn kotlin_messages_become_the_sentence_and_closed_objects_a_sweep_exception() {
        let out = kotlin(KOTLIN).unwrap();
        assert_eq!(out.matches("get() = sentence()").count(), 2);
        assert!(!out.contains("table=$"));
        assert!(out.contains("throw SweepException.ObjectClosed(this.javaClass.simpleName)"));
        assert!(!out.contains("IllegalStateException"));
    }

    #[test]
    fn a_changed_template_fails_instead_of_passing_quietly() {
        assert!(kotlin(&KOTLIN.replace("override val message", "override val text")).is_err());
        assert!(kotlin(&KOTLIN.replace("object has already been destroyed", "gone")).is_err());
        assert!(python("class SweepError(Exception):\n    x = 1\n\n_UniffiTempSweepError = SweepError\n").is_err());
        let no_display = "enum SweepError: Swift.Error {\n}\npublic struct FfiConverterTypeSweepError {}\n";
        assert!(swift(no_display).is_err());
    }

    #[test]
    fn python_and_swift_get_the_sentence() {
        let py = "class SweepError(Exception):\n    \"\"\"\nDoc.\n\"\"\"\n    pass\n\n_UniffiTempSweepError = SweepError\nclass Other:\n    pass\n";
        let py = python(py).unwrap();
        assert!(py.contains("    def __str__(self) -> str:\n"));
        assert!(py.contains("class Other:\n    pass"), "only SweepError's body changes");
        let generated =
            "enum SweepError: Swift.Error {\npublic var description: String {\n}\n}\npublic struct FfiConverterTypeSweepError {}\n";
        assert!(swift(generated).unwrap().ends_with("extension SweepError: CustomStringConvertible {}\n"));
    }
}

//! Every `.fet` file FET ships as examples (Debian's fet-data) imports, or is
//! reported unsupported with its constraint types: no panic, no silent drop.

use schooldesk_timetable::fet;
use std::path::{Path, PathBuf};

pub const EXAMPLES: &str = "/usr/share/doc/fet-data/examples";

pub fn corpus() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "fet") {
                out.push(path);
            }
        }
    }
    assert!(
        Path::new(EXAMPLES).is_dir(),
        "{EXAMPLES} is missing: install Debian's fet-data (scripts/install-deps.sh does)"
    );
    let mut files = Vec::new();
    walk(Path::new(EXAMPLES), &mut files);
    files.sort();
    files
}

#[test]
fn every_example_imports_or_is_reported_unsupported() {
    let files = corpus();
    assert!(files.len() > 200, "only {} .fet files found", files.len());
    let (mut supported, mut unsupported) = (0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        match fet::read(&text) {
            Ok(import) => {
                let inst = &import.instance;
                assert!(
                    !inst.activities.is_empty() || inst.constraints.is_empty(),
                    "{}",
                    path.display()
                );
                // Every constraint element is either modelled or kept verbatim.
                let elements =
                    text.matches("<Constraint").count() - text.matches("<ConstraintsList").count();
                assert_eq!(
                    inst.constraints.len() + inst.opaque.len(),
                    elements,
                    "{}: a constraint was dropped",
                    path.display()
                );
                if inst.unsupported().is_empty() {
                    supported += 1;
                } else {
                    unsupported += 1;
                }
            }
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed to import:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} files: {supported} fully supported, {unsupported} use unsupported constraint types",
        files.len()
    );
}

#[test]
fn import_export_import_gives_the_same_model() {
    let mut checked = 0;
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = fet::read(&text).unwrap().instance;
        if !first.unsupported_features.is_empty() {
            continue; // virtual rooms and other modes are not modelled, so not written
        }
        let written = fet::write(&first);
        let second = fet::read(&written)
            .unwrap_or_else(|e| {
                panic!("{}: our own output does not read back: {e}", path.display())
            })
            .instance;
        assert_eq!(first, second, "{}", path.display());
        checked += 1;
    }
    assert!(checked > 200, "only {checked} files round-tripped");
}

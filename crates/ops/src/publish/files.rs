//! Where the site's data files come from: a folder on disk ([`SiteDir`]) and the same files
//! held in memory ([`MemoryFiles`]), so that publishing validates and writes from one read of
//! each file, and an edit is validated with its edited texts before anything touches the disk.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use beacon_core::status::{Problem, SiteFiles};

/// A site's files in a folder on disk (the `public/` folder or a published copy).
#[derive(Debug, Clone, Copy)]
pub struct SiteDir<'a>(pub &'a Path);

impl SiteFiles for SiteDir<'_> {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|error| error.to_string())
    }
}

/// A site's files held in memory over `F`: each file is read from `F` the first time it is
/// asked for and served from memory after that (a failed read is remembered too), and an
/// edited text set with [`MemoryFiles::replace`] takes the place of the file without writing it.
///
/// ```
/// use beacon_core::status::SiteFiles;
/// use beacon_ops::publish::MemoryFiles;
///
/// struct Fixed;
/// impl SiteFiles for Fixed {
///     fn read(&self, path: &str) -> Result<String, String> {
///         Ok(format!("{path} as stored"))
///     }
/// }
///
/// let mut files = MemoryFiles::new(Fixed);
/// files.replace("data/emea/summary.json", "edited".into());
/// assert_eq!(files.read("data/emea/summary.json").unwrap(), "edited");
/// assert_eq!(files.read("config.json").unwrap(), "config.json as stored");
/// ```
#[derive(Debug)]
pub struct MemoryFiles<F> {
    /// Where files not yet in memory are read from.
    source: F,
    /// Every file asked for or replaced so far, by path: its text or why it cannot be read.
    texts: RefCell<BTreeMap<String, Result<String, String>>>,
}

impl<F: SiteFiles> MemoryFiles<F> {
    /// Nothing in memory yet; files come from `source` when first asked for.
    pub fn new(source: F) -> Self {
        Self {
            source,
            texts: RefCell::new(BTreeMap::new()),
        }
    }

    /// Puts `text` in the place of `path`, in memory only.
    pub fn replace(&mut self, path: &str, text: String) {
        self.texts.get_mut().insert(path.to_owned(), Ok(text));
    }

    /// The text of `path`, or a problem naming the file when it cannot be read.
    pub fn text(&self, path: &str) -> Result<String, Problem> {
        self.read(path)
            .map_err(|err| Problem::new(path, "", format!("cannot read: {err}")))
    }
}

impl<F: SiteFiles> SiteFiles for MemoryFiles<F> {
    fn read(&self, path: &str) -> Result<String, String> {
        if let Some(known) = self.texts.borrow().get(path) {
            return known.clone();
        }
        let read = self.source.read(path);
        self.texts
            .borrow_mut()
            .insert(path.to_owned(), read.clone());
        read
    }
}

/// Every file under `dir`, in any depth (folders themselves left out); a folder that cannot be
/// read is an error naming it.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, super::PublishError> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| super::PublishError::Write {
            path: folder.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Files that are all `"<path> #<n>"`, where n counts the reads so far.
    struct Counting(Cell<u32>);

    impl SiteFiles for Counting {
        fn read(&self, path: &str) -> Result<String, String> {
            self.0.set(self.0.get() + 1);
            if path.starts_with("missing") {
                return Err("no such file".into());
            }
            Ok(format!("{path} #{}", self.0.get()))
        }
    }

    #[test]
    fn each_file_is_read_from_the_source_once() {
        let files = MemoryFiles::new(Counting(Cell::new(0)));
        assert_eq!(files.read("a.json").unwrap(), "a.json #1");
        assert_eq!(files.read("b.json").unwrap(), "b.json #2");
        assert_eq!(files.read("a.json").unwrap(), "a.json #1");
        assert_eq!(files.read("missing.json"), Err("no such file".into()));
        assert_eq!(files.read("missing.json"), Err("no such file".into()));
        assert_eq!(files.source.0.get(), 3);
    }

    #[test]
    fn a_replaced_text_shadows_the_source_and_unreadable_files_name_themselves() {
        let mut files = MemoryFiles::new(Counting(Cell::new(0)));
        assert_eq!(files.read("a.json").unwrap(), "a.json #1");
        files.replace("a.json", "edited".into());
        files.replace("missing.json", "now there".into());
        assert_eq!(files.read("a.json").unwrap(), "edited");
        assert_eq!(files.text("missing.json").unwrap(), "now there");
        let problem = files.text("missing/other.json").unwrap_err();
        assert_eq!(problem.file, "missing/other.json");
        assert_eq!(problem.reason, "cannot read: no such file");
        assert_eq!(files.source.0.get(), 2);
    }
}

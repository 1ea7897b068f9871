//! The resource's params, decoded from the SDK's `Res` into a `File`
//! that borrows its strings from the request.

use crate::mgmt::Res;
use crate::mode::{parse_mode, ModeSpec};
use crate::paths;

/// The state that makes the path exist.
pub const EXISTS: &str = "exists";
/// The state that removes the path.
pub const ABSENT: &str = "absent";

/// A file resource, built from its params for one call.
pub struct File<'a> {
    /// The effective path; a trailing "/" means a directory.
    pub path: String,
    /// The path cleaned, without the trailing "/".
    pub clean: String,
    pub dir: bool,
    pub state: &'a str,
    pub content: &'a str,
    /// Whether content is managed (the user set it, maybe to "").
    pub has_content: bool,
    pub source: &'a str,
    pub fragments: Vec<&'a str>,
    pub owner: &'a str,
    pub group: &'a str,
    pub mode_str: &'a str,
    /// The parsed mode, when mode is set and parses.
    pub mode: Option<ModeSpec>,
    /// Why mode does not parse.
    pub mode_err: Option<String>,
    pub recurse: bool,
    pub force: bool,
    pub purge: bool,
    pub symlink: bool,
    /// An SELinux context is given: refused by validate.
    pub selinux: bool,
    pub dirname: &'a str,
    pub basename: &'a str,
}

impl<'a> File<'a> {
    /// Decodes the params. It never fails: validate reports bad params,
    /// and the other verbs run only on validated resources.
    pub fn new(r: &'a Res) -> File<'a> {
        let (dirname, basename) = (r.str("dirname"), r.str("basename"));
        let path = paths::effective(r.str("path"), &r.name, dirname, basename);
        let mode_str = r.str("mode");
        let (mode, mode_err) = if mode_str.is_empty() {
            (None, None)
        } else {
            match parse_mode(mode_str) {
                Ok(m) => (Some(m), None),
                Err(e) => (None, Some(e)),
            }
        };
        File {
            dir: path.ends_with('/'),
            clean: paths::clean_path(&path),
            path,
            state: r.str("state"),
            content: r.str("content"),
            has_content: r.is_set("content"),
            source: r.str("source"),
            fragments: r.strs("fragments"),
            owner: r.str("owner"),
            group: r.str("group"),
            mode_str,
            mode,
            mode_err,
            recurse: r.bool("recurse"),
            force: r.bool("force"),
            purge: r.bool("purge"),
            symlink: r.bool("symlink"),
            selinux: !r.str("selinux").is_empty(),
            dirname,
            basename,
        }
    }

    /// Whether a later step writes the file's content.
    pub fn has_body(&self) -> bool {
        self.has_content || !self.fragments.is_empty() || (!self.source.is_empty() && !self.dir)
    }
}

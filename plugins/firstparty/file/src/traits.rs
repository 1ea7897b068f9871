//! The verbs of the kind's traits and its watches: watch, autoedges and
//! reverse.

use crate::mgmt::{AutoEdges, Error, Res, Uid, Value, Watch};
use crate::params::{File, ABSENT, EXISTS};
use crate::paths::{clean_path, dir, uid_key};
use crate::KIND;

/// The watch verb: the path (recursively for a directory tree that recurse
/// manages), a copied source (recursively for a directory), and each
/// fragment, so that a change made from outside is corrected.
pub fn watch(r: &Res) -> Vec<Watch> {
    let f = File::new(r);
    let mut ws = vec![Watch::Path { path: f.clean.clone(), recursive: f.dir && f.recurse }];
    if !f.source.is_empty() && !f.symlink {
        ws.push(Watch::Path { path: clean_path(f.source), recursive: f.source.ends_with('/') });
    }
    for frag in &f.fragments {
        ws.push(Watch::Path { path: clean_path(frag), recursive: frag.ends_with('/') });
    }
    ws
}

/// A file UID of a path, which is a directory when it ends in "/".
fn file_uid(p: &str) -> Uid {
    Uid { kind: KIND, key: uid_key(&clean_path(p), p.ends_with('/')) }
}

/// The autoedges verb: the file's UID (its path, "/"-terminated for a
/// directory) and what it depends on: each fragment and a copied source
/// (each a group of its own), the parent directories (one group, nearest
/// first: the nearest one another file resource manages gets the edge),
/// and the owner and group, as user and group UIDs.
pub fn autoedges(r: &Res) -> Result<AutoEdges, Error> {
    let f = File::new(r);
    if !f.clean.starts_with('/') {
        return Err(Error::param("path", format!("path {:?} is not absolute", f.path)));
    }
    let mut ae = AutoEdges { uids: vec![Uid { kind: KIND, key: uid_key(&f.clean, f.dir) }], edges: Vec::new() };
    for frag in &f.fragments {
        ae.edges.push(vec![file_uid(frag)]);
    }
    if !f.source.is_empty() && !f.symlink && f.source.starts_with('/') {
        ae.edges.push(vec![file_uid(f.source)]);
    }
    let parents = parent_uids(&f.clean);
    if !parents.is_empty() {
        ae.edges.push(parents);
    }
    if !f.owner.is_empty() {
        ae.edges.push(vec![Uid { kind: "user", key: f.owner.to_string() }]);
    }
    if !f.group.is_empty() {
        ae.edges.push(vec![Uid { kind: "group", key: f.group.to_string() }]);
    }
    Ok(ae)
}

/// The UIDs of the directories above `clean`, nearest first: /a/b/c gives
/// file /a/b/, /a/ and /.
pub fn parent_uids(clean: &str) -> Vec<Uid> {
    let mut out = Vec::new();
    let mut p = clean.to_string();
    while p != "/" && p.starts_with('/') {
        p = dir(&p);
        out.push(Uid { kind: KIND, key: uid_key(&p, true) });
    }
    out
}

/// The reverse verb: what undoes the file when it leaves a graph with
/// Meta:reverse. A file that was made to exist becomes absent (its
/// content, fragments and source dropped), and an absent file is created
/// again (empty: its old content is not known). As upstream, a directory
/// and a file copied from a source cannot be reversed; nor can a file
/// without a state, whose old content the guest does not know.
pub fn reverse(r: &Res) -> Result<Vec<(&'static str, Value)>, Error> {
    let f = File::new(r);
    if f.dir {
        return Err(Error::new(format!("cannot reverse {}: directories cannot be reversed yet", f.path)));
    }
    if !f.source.is_empty() && !f.symlink {
        return Err(Error::new(format!("cannot reverse {}: a file copied from a source cannot be reversed yet", f.path)));
    }
    match f.state {
        EXISTS => Ok(vec![
            ("state", Value::Str(ABSENT.to_string())),
            ("content", Value::Str(String::new())),
            ("source", Value::Str(String::new())),
            ("fragments", Value::List(Vec::new())),
        ]),
        ABSENT if f.symlink => Err(Error::new(format!("cannot reverse {}: the target of the removed symlink is not known", f.path))),
        ABSENT => Ok(vec![("state", Value::Str(EXISTS.to_string()))]),
        _ => Err(Error::new(format!("cannot reverse {}: it has no state, and its previous content is not known", f.path))),
    }
}

/// Unit tests, run natively (TestRustUnits).
#[cfg(test)]
mod tests {
    use super::*;

    /// Parents are listed nearest first, each a directory UID.
    #[test]
    fn parents_nearest_first() {
        let keys: Vec<String> = parent_uids("/a/b/c").into_iter().map(|u| u.key).collect();
        assert_eq!(keys, ["/a/b/", "/a/", "/"]);
        assert!(parent_uids("/").is_empty());
    }
}

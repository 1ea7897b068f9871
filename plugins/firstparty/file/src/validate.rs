//! Validation of the params, as upstream's Validate does, without touching
//! the system; each error names the param at fault.

use crate::mgmt::{Error, Res};
use crate::params::{File, ABSENT, EXISTS};
use crate::paths;

/// The validate verb.
pub fn validate(r: &Res) -> Result<(), Error> {
    check(&File::new(r))
}

/// Checks the params of `f`.
pub fn check(f: &File) -> Result<(), Error> {
    check_path(f)?;
    if f.state != EXISTS && f.state != ABSENT && !f.state.is_empty() {
        return Err(Error::param("state", format!("state {:?} is not {:?}, {:?} or empty", f.state, EXISTS, ABSENT)));
    }
    check_sources(f)?;
    check_tree(f)?;
    if let Some(e) = &f.mode_err {
        return Err(Error::param("mode", e.clone()));
    }
    if f.symlink && !f.mode_str.is_empty() {
        return Err(Error::param("mode", "a symlink has no mode of its own"));
    }
    if f.selinux {
        return Err(Error::param("selinux", "setting an SELinux context is not supported"));
    }
    Ok(())
}

/// Checks path, dirname and basename.
fn check_path(f: &File) -> Result<(), Error> {
    if f.path.is_empty() {
        Err(Error::param("path", "the path is empty"))
    } else if !f.dirname.is_empty() && !f.dirname.ends_with('/') {
        Err(Error::param("dirname", format!("dirname {:?} must end with a slash", f.dirname)))
    } else if f.basename.starts_with('/') {
        Err(Error::param("basename", format!("basename {:?} must not start with a slash", f.basename)))
    } else if !f.path.starts_with('/') {
        Err(Error::param("path", format!("path {:?} is not absolute", f.path)))
    } else {
        Ok(())
    }
}

/// The first rule about content, source, fragments and symlink (which say
/// where the content comes from) that `f` breaks: the param and why.
fn sources_rule(f: &File) -> Option<(&'static str, String)> {
    let (is_src, is_frag, absent) = (!f.source.is_empty(), !f.fragments.is_empty(), f.state == ABSENT);
    let rule = |p: &'static str, m: &str| Some((p, m.to_string()));
    if f.has_content && is_src {
        rule("content", "content and source cannot both be given")
    } else if f.has_content && is_frag {
        rule("content", "content and fragments cannot both be given")
    } else if is_src && is_frag {
        rule("fragments", "source and fragments cannot both be given")
    } else if absent && !f.content.is_empty() {
        // An empty content is let through: a reversal sets every param.
        rule("content", "content given for a file whose state is absent")
    } else if absent && is_src {
        rule("source", "source given for a file whose state is absent")
    } else if absent && is_frag {
        rule("fragments", "fragments given for a file whose state is absent")
    } else if f.dir && f.has_content {
        Some(("content", format!("a directory ({}) cannot have content", f.path)))
    } else if f.dir && is_frag {
        Some(("fragments", format!("a directory ({}) cannot have fragments", f.path)))
    } else if f.dir && f.symlink {
        Some(("symlink", format!("a symlink's path must not end in a slash ({})", f.path)))
    } else if f.symlink && !is_src && f.state == EXISTS {
        rule("symlink", "a symlink needs a source to point to")
    } else if f.symlink && (f.has_content || is_frag) {
        rule("symlink", "a symlink cannot have content or fragments")
    } else if f.symlink && (f.recurse || f.purge) {
        rule("symlink", "a symlink cannot recurse or purge")
    } else if is_src && !f.symlink && !f.source.starts_with('/') {
        Some(("source", format!("source {:?} is not absolute", f.source)))
    } else if is_src && !f.symlink && f.dir != f.source.ends_with('/') {
        rule("source", "the path and the source must both be directories (ending in /) or both not be")
    } else {
        None
    }
}

/// Checks content, source, fragments and symlink.
fn check_sources(f: &File) -> Result<(), Error> {
    if let Some((p, m)) = sources_rule(f) {
        return Err(Error::param(p, m));
    }
    for frag in &f.fragments {
        if !frag.starts_with('/') {
            return Err(Error::param("fragments", format!("fragment {:?} is not absolute", frag)));
        }
        if paths::has_prefix(&f.path, frag) {
            return Err(Error::param("fragments", format!("the file is inside its fragment {:?}", frag)));
        }
    }
    Ok(())
}

/// Checks recurse and purge.
fn check_tree(f: &File) -> Result<(), Error> {
    let is_src = !f.source.is_empty();
    let err = if is_src && f.dir && !f.symlink && !f.recurse {
        Some(("recurse", "copying a source directory needs recurse"))
    } else if is_src && !f.dir && !f.symlink && f.recurse {
        Some(("recurse", "cannot recurse when copying a single file"))
    } else if f.purge && !f.recurse {
        Some(("purge", "purge needs recurse"))
    } else if f.purge && !f.dir {
        Some(("purge", "only a directory can be purged"))
    } else if f.purge && (f.has_content || !f.fragments.is_empty()) {
        Some(("purge", "purge cannot be combined with content or fragments"))
    } else {
        None
    };
    match err {
        Some((p, m)) => Err(Error::param(p, m)),
        None => Ok(()),
    }
}

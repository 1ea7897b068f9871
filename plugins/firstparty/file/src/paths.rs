//! Path helpers, with the semantics of Go's `path` package where the kind
//! relies on them (lexical cleaning, directory part, join), and the
//! effective path and autoedge keys of a resource.

/// `p` cleaned lexically as Go's `path.Clean` does: repeated slashes and
/// "." elements go, ".." removes the element before it (at the root it is
/// dropped), and a trailing slash goes; "" is ".".
pub fn clean(p: &str) -> String {
    if p.is_empty() {
        return ".".to_string();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.last().map_or(false, |l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            _ => parts.push(c),
        }
    }
    let mut out = String::with_capacity(p.len());
    if rooted {
        out.push('/');
    }
    for (i, c) in parts.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(c);
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// `p` cleaned, without a trailing "/" (except for the root); "" stays "".
pub fn clean_path(p: &str) -> String {
    if p.is_empty() {
        String::new()
    } else {
        clean(p)
    }
}

/// The directory part of the clean path `p`, as Go's `path.Dir`: "/a/b"
/// gives "/a", "/a" gives "/".
pub fn dir(p: &str) -> String {
    match p.rfind('/') {
        Some(i) => clean(&p[..=i]),
        None => ".".to_string(),
    }
}

/// `a` and `b` joined with a slash and cleaned, as Go's `path.Join` (an
/// empty `a` gives `b` cleaned).
pub fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        return clean_path(b);
    }
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    s.push('/');
    s.push_str(b);
    clean(&s)
}

/// Splits `p` into its directory part, ending in "/", and its last
/// component, which keeps a trailing "/" of a directory: "/a/b/" gives
/// "/a/" and "b/".
pub fn split(p: &str) -> (&str, &str) {
    let trimmed = p.strip_suffix('/').unwrap_or(p);
    match trimmed.rfind('/') {
        Some(i) => (&p[..=i], &p[i + 1..]),
        None => ("", p),
    }
}

/// The path the resource manages: `p` (or the name when `p` is empty) with
/// its directory part replaced by dirname and its file part by basename
/// when those are set, as upstream computes it.
pub fn effective(p: &str, name: &str, dirname: &str, basename: &str) -> String {
    let p = if p.is_empty() { name } else { p };
    if dirname.is_empty() && basename.is_empty() {
        return p.to_string();
    }
    let (d, b) = split(p);
    let d = if dirname.is_empty() { d } else { dirname };
    let b = if basename.is_empty() { b } else { basename };
    let mut out = String::with_capacity(d.len() + b.len());
    out.push_str(d);
    out.push_str(b);
    out
}

/// The autoedge key of a path: cleaned, with a trailing "/" for a
/// directory, so that file[/a/b/] and file[/a/b] (a file) differ.
pub fn uid_key(clean: &str, is_dir: bool) -> String {
    if is_dir && clean != "/" {
        let mut s = String::with_capacity(clean.len() + 1);
        s.push_str(clean);
        s.push('/');
        s
    } else {
        clean.to_string()
    }
}

/// Whether `p` is `prefix` or beneath it, by whole components.
pub fn has_prefix(p: &str, prefix: &str) -> bool {
    let (p, prefix) = (clean_path(p), clean_path(prefix));
    if prefix == "/" {
        return p.starts_with('/');
    }
    p == prefix || (p.len() > prefix.len() && p.starts_with(&prefix) && p.as_bytes()[prefix.len()] == b'/')
}

/// Unit tests, run natively (TestRustUnits).
#[cfg(test)]
mod tests {
    use super::*;

    /// Cleaning follows Go's path.Clean.
    #[test]
    fn cleans_as_go() {
        for (i, o) in [("/a//b/./c/..", "/a/b"), ("/..", "/"), ("a/../..", ".."), ("", "."), ("/a/b/", "/a/b"), ("/", "/")] {
            assert_eq!(clean(i), o, "clean({:?})", i);
        }
    }
}

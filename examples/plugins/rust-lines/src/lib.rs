//! rust-lines: an mgmt-wasm plugin written in Rust with `sdk/rust/mgmt.rs`
//! and no crates. Its kind "rustlines" keeps a file made of the `lines` param
//! (each followed by a newline) and, when `mode` is set (an octal string such
//! as "0640"), its permission bits; the host's watch on the path brings a
//! drifted file back.
//!
//! Build (make does it: mk/langs.mk):
//!   rustc --edition 2021 --target wasm32-wasi --crate-type cdylib -C opt-level=s \
//!         -C panic=abort -C lto -C strip=symbols -o dist/rust-lines.wasm src/lib.rs

#[path = "../../../../sdk/rust/mgmt.rs"]
mod mgmt;

use mgmt::{Error, Kind, Param, Plugin, Res, Type, Watch};

/// The plugin, read by the SDK's exports.
pub static PLUGIN: Plugin = Plugin {
    name: "rust-lines",
    version: "0.1.0",
    kinds: &[Kind {
        kind: "rustlines",
        params: &[
            Param { name: "path", ty: || Type::Str },
            Param { name: "lines", ty: || Type::list(Type::Str) },
            Param { name: "mode", ty: || Type::Str },
        ],
        validate,
        watch,
        check_apply,
    }],
    // The paths are the user's to choose; `mgmt plugin install --allow` narrows them.
    capabilities: &["fs.read:/", "fs.write:/"],
};

/// The mode param as a number, None when it is empty.
fn mode(r: &Res) -> Result<Option<u32>, Error> {
    let m = r.str("mode");
    if m.is_empty() {
        return Ok(None);
    }
    match u32::from_str_radix(m, 8) {
        Ok(v) if v <= 0o7777 => Ok(Some(v)),
        _ => Err(Error::param("mode", format!("mode {:?} is not an octal mode such as \"0644\"", m))),
    }
}

fn validate(r: &Res) -> Result<(), Error> {
    if !r.str("path").starts_with('/') {
        return Err(Error::param("path", format!("path {:?} is not absolute", r.str("path"))));
    }
    if r.strs("lines").iter().any(|l| l.contains('\n')) {
        return Err(Error::param("lines", "a line contains a newline"));
    }
    mode(r).map(|_| ())
}

fn watch(r: &Res) -> Vec<Watch> {
    vec![Watch::Path { path: r.str("path").to_string(), recursive: false }]
}

fn check_apply(r: &Res, apply: bool) -> Result<bool, Error> {
    let path = r.str("path");
    let mut want = String::new();
    for l in r.strs("lines") {
        want.push_str(l);
        want.push('\n');
    }
    let mode = mode(r)?;
    let content_ok = match mgmt::fs_read(path) {
        Ok(have) => have == want.as_bytes(),
        Err(e) if e.code == mgmt::code::NOT_FOUND => false,
        Err(e) => return Err(e.context(&format!("read {}", path))),
    };
    if !content_ok {
        if !apply {
            return Ok(false);
        }
        mgmt::fs_write(path, want.as_bytes(), mode.unwrap_or(0)).map_err(|e| e.context(&format!("write {}", path)))?;
        mgmt::log(mgmt::INFO, &format!("wrote {} lines to {}", r.strs("lines").len(), path));
    }
    let mut mode_ok = true;
    if let Some(m) = mode {
        let st = mgmt::fs_stat(path).map_err(|e| e.context(&format!("stat {}", path)))?;
        if st.mode != m {
            mode_ok = false;
            if apply {
                mgmt::fs_chmod(path, m).map_err(|e| e.context(&format!("chmod {}", path)))?;
                mgmt::log(mgmt::INFO, &format!("mode of {} {:o} -> {:o}", path, st.mode, m));
            }
        }
    }
    Ok(content_ok && mode_ok)
}

//! The functions of the os package that read the file system and stream on
//! its changes: `os.readfile` and `os.file_exists`. They live beside the
//! file kind because a program's reaction to an input file goes through
//! them (bench_reactive.py), and this small module's calls are several
//! times faster than the Go function library's (docs/benchmarks.md).

use crate::mgmt::{self, code, Called, Error, Func, Param, Ret, Type, Value, Watch};
use crate::paths;

/// The functions, as the plugin describes them.
pub static FUNCS: &[Func] = &[
    Func {
        name: "os.readfile",
        args: &[Param { name: "filename", ty: || Type::Str }],
        result: || Type::Str,
        pure: false,
        call: readfile,
    },
    Func {
        name: "os.file_exists",
        args: &[Param { name: "filename", ty: || Type::Str }],
        result: || Type::Bool,
        pure: false,
        call: file_exists,
    },
];

/// The one str argument of a call ("" when it is missing: decode_call has
/// checked the count and the types).
fn str_arg(args: &[Value]) -> &str {
    match args.first() {
        Some(Value::Str(s)) => s,
        _ => "",
    }
}

/// A call that failed before it could ask for a watch.
fn failed(e: Error) -> Called {
    Called { result: Err(e), watches: Vec::new() }
}

/// The working directory: $PWD, which must be an absolute path naming a
/// directory (a guest has no getcwd; mgmt passes its environment on).
fn cwd() -> Result<String, Error> {
    let pwd = std::env::var("PWD").unwrap_or_default();
    if !pwd.starts_with('/') {
        return Err(Error::new("working directory unknown: $PWD is not an absolute path"));
    }
    match mgmt::fs_stat(&pwd) {
        Ok(st) if st.kind == mgmt::file_type::DIR => Ok(paths::clean(&pwd)),
        Err(e) if e.code != code::NOT_FOUND => Err(e.context("working directory")),
        _ => Err(Error::new(format!("working directory unknown: $PWD {:?} is not a directory", pwd))),
    }
}

/// The absolute path a filename argument names: cleaned, and joined to
/// the working directory first when it is relative.
fn abs(name: &str) -> Result<String, Error> {
    if name.is_empty() {
        return Err(Error::new("empty filename"));
    }
    if name.starts_with('/') {
        return Ok(paths::clean(name));
    }
    let dir = cwd().map_err(|e| e.context(&format!("absolute path of {:?}", name)))?;
    Ok(paths::join(&dir, name))
}

/// The watch of a path: the call runs again when it changes, appears or
/// goes away.
fn watch_of(p: &str) -> Vec<Watch> {
    vec![Watch::Path { path: p.to_string(), recursive: false }]
}

/// os.readfile(filename): the file's content, again whenever it changes. A
/// missing file is an error (catchable with <|>), with the watch that
/// brings the value once it appears.
fn readfile(args: &[Value]) -> Called {
    let p = match abs(str_arg(args)) {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let result = mgmt::fs_read(&p).map(Ret::Str).map_err(|e| e.context(&format!("read {}", p)));
    Called { result, watches: watch_of(&p) }
}

/// os.file_exists(filename): whether the file or directory exists
/// (following symbolic links), again whenever that changes.
fn file_exists(args: &[Value]) -> Called {
    let p = match abs(str_arg(args)) {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let result = match mgmt::fs_stat(&p) {
        Ok(_) => Ok(Ret::Value(Value::Bool(true))),
        Err(e) if e.code == code::NOT_FOUND => Ok(Ret::Value(Value::Bool(false))),
        Err(e) => Err(e.context(&format!("stat {}", p))),
    };
    Called { result, watches: watch_of(&p) }
}

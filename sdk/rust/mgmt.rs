//! The Rust SDK for mgmt-wasm plugins (host ABI v1, `docs/abi.md`), in one
//! file and with no crates: a plugin includes it as a module,
//!
//! ```ignore
//! #[path = "../../../sdk/rust/mgmt.rs"]
//! mod mgmt;
//! ```
//!
//! and defines `pub static PLUGIN: mgmt::Plugin` at its crate root, which the
//! exports this module defines (`mgmt_abi_version`, `alloc`, `dealloc`,
//! `_initialize` and the verbs) read. Build it as a reactor `cdylib`:
//!
//! ```text
//! rustc --edition 2021 --target wasm32-wasi --crate-type cdylib -C opt-level=s \
//!       -C panic=abort -C lto -C strip=symbols -o x.wasm src/lib.rs
//! ```
//!
//! The module has the bin1 encoding (`Reader`, `Writer`), typed values
//! (`Type`, `Value`), the host imports (`log`, `fs_*`, `hostname`,
//! `time_now`) and the kind framework (`Kind`, `Res`). A plugin whose kinds
//! have traits (autoedges, recv, reverse, ...) defines its `PLUGIN` as an
//! `ExtPlugin`, which adds a `KindExt` per such kind; the exports then serve
//! `autoedges`, `reverse` and `prepare` too (see the docs of `ExtPlugin`).
//! An `ExtPlugin` may also provide library functions with concrete
//! signatures (`Func`), which `describe` lists and the `call` export runs.

#![allow(dead_code)]

use std::alloc::{alloc as sys_alloc, dealloc as sys_dealloc, Layout};

// ---------------------------------------------------------------------------
// Errors and codes (section 8)

/// Error codes of the ABI.
pub mod code {
    /// `internal`: a bug in the host or the guest.
    pub const INTERNAL: u32 = 1;
    /// `malformed`: a message did not decode.
    pub const MALFORMED: u32 = 2;
    /// `limit`: a size, length or depth limit.
    pub const LIMIT: u32 = 3;
    /// `unsupported`: unknown verb, import, kind, encoding or watch kind.
    pub const UNSUPPORTED: u32 = 4;
    /// `denied`: a capability check or the OS refused.
    pub const DENIED: u32 = 5;
    /// `invalid`: a well-formed request with bad content (a bad param).
    pub const INVALID: u32 = 6;
    /// `not_found`: does not exist.
    pub const NOT_FOUND: u32 = 7;
    /// `exists`: already exists.
    pub const EXISTS: u32 = 8;
    /// `not_dir`: a path component is not a directory.
    pub const NOT_DIR: u32 = 9;
    /// `is_dir`: a directory where a file was expected.
    pub const IS_DIR: u32 = 10;
    /// `not_empty`: directory not empty.
    pub const NOT_EMPTY: u32 = 11;
    /// `io`: another OS or I/O failure.
    pub const IO: u32 = 12;
    /// `timeout`: the deadline passed.
    pub const TIMEOUT: u32 = 13;
    /// `memory`: an alloc failed, or a pointer outside memory.
    pub const MEMORY: u32 = 14;
    /// `failed`: the operation failed for its own reasons.
    pub const FAILED: u32 = 15;

    /// The name of a code as docs/abi.md spells it ("not_found"), or
    /// "failed" for a code this SDK does not know.
    pub fn name(c: u32) -> &'static str {
        /// The names, by code.
        const NAMES: [&str; 16] = [
            "ok", "internal", "malformed", "limit", "unsupported", "denied", "invalid", "not_found", "exists",
            "not_dir", "is_dir", "not_empty", "io", "timeout", "memory", "failed",
        ];
        NAMES.get(c as usize).copied().unwrap_or("failed")
    }
}

/// An error of a call: a code, a message and the param it is about.
#[derive(Debug, Clone)]
pub struct Error {
    pub code: u32,
    pub message: String,
    pub param: Option<&'static str>,
}

impl Error {
    /// A `failed` error.
    pub fn new(message: impl Into<String>) -> Error {
        Error { code: code::FAILED, message: message.into(), param: None }
    }
    /// An `invalid` error about a param.
    pub fn param(param: &'static str, message: impl Into<String>) -> Error {
        Error { code: code::INVALID, message: message.into(), param: Some(param) }
    }
    /// The same error with another message prefix: `context: message`.
    pub fn context(mut self, context: &str) -> Error {
        self.message = format!("{}: {}", context, self.message);
        self
    }
}

/// A `malformed` error: a request that did not decode.
fn malformed(what: &str) -> Error {
    Error { code: code::MALFORMED, message: what.to_string(), param: None }
}

// ---------------------------------------------------------------------------
// Encoding bin1 (section 4)

/// Reader decodes bin1 from a byte slice.
pub struct Reader<'a> {
    pub b: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader of `b`.
    pub fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b }
    }
    /// Whether everything was read.
    pub fn is_empty(&self) -> bool {
        self.b.is_empty()
    }
    /// One byte.
    fn byte(&mut self) -> Result<u8, Error> {
        let (&c, rest) = self.b.split_first().ok_or_else(|| malformed("truncated"))?;
        self.b = rest;
        Ok(c)
    }
    /// A minimal LEB128 uvarint.
    pub fn uvarint(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        for i in 0..10 {
            let c = self.byte()?;
            if i == 9 && c > 1 {
                return Err(malformed("varint overflow"));
            }
            v |= ((c & 0x7f) as u64) << (7 * i);
            if c & 0x80 == 0 {
                if c == 0 && i > 0 {
                    return Err(malformed("varint not minimal"));
                }
                return Ok(v);
            }
        }
        Err(malformed("varint too long"))
    }
    /// A zigzag svarint.
    pub fn svarint(&mut self) -> Result<i64, Error> {
        let u = self.uvarint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
    /// `n` raw bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.b.len() {
            return Err(malformed("length beyond the input"));
        }
        let (s, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(s)
    }
    /// Length-prefixed bytes.
    pub fn bytes(&mut self) -> Result<&'a [u8], Error> {
        let n = self.uvarint()?;
        self.take(usize::try_from(n).map_err(|_| malformed("length"))?)
    }
    /// A field key: `(tag, wire type)`, or None at the end.
    pub fn key(&mut self) -> Result<Option<(u32, u8)>, Error> {
        if self.b.is_empty() {
            return Ok(None);
        }
        let k = self.uvarint()?;
        let (tag, wt) = (k >> 3, (k & 7) as u8);
        if tag == 0 || tag > (1 << 29) - 1 || wt > 2 {
            return Err(malformed("bad field key"));
        }
        Ok(Some((tag as u32, wt)))
    }
    /// Skips the body of a field of wire type `wt`.
    pub fn skip(&mut self, wt: u8) -> Result<(), Error> {
        match wt {
            0 => self.uvarint().map(|_| ()),
            1 => self.take(8).map(|_| ()),
            _ => self.bytes().map(|_| ()),
        }
    }
}

/// Writer encodes bin1. The field methods follow the canonical rules: a
/// singular field with its default value is not written. Write fields in tag order.
#[derive(Default)]
pub struct Writer {
    pub b: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer { b: Vec::new() }
    }
    /// A LEB128 uvarint.
    pub fn uvarint(&mut self, mut v: u64) {
        loop {
            let c = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.b.push(c);
                return;
            }
            self.b.push(c | 0x80);
        }
    }
    /// A field key.
    pub fn key(&mut self, tag: u32, wt: u8) {
        self.uvarint(((tag as u64) << 3) | wt as u64);
    }
    /// Length-prefixed bytes.
    pub fn bytes(&mut self, s: &[u8]) {
        self.uvarint(s.len() as u64);
        self.b.extend_from_slice(s);
    }
    /// A uvarint field, unless it is 0.
    pub fn field_uint(&mut self, tag: u32, v: u64) {
        if v != 0 {
            self.key(tag, 0);
            self.uvarint(v);
        }
    }
    /// A zigzag field, unless it is 0.
    pub fn field_sint(&mut self, tag: u32, v: i64) {
        self.field_uint(tag, ((v << 1) ^ (v >> 63)) as u64);
    }
    /// A bool field, unless it is false.
    pub fn field_bool(&mut self, tag: u32, v: bool) {
        self.field_uint(tag, v as u64);
    }
    /// A bytes or string field, unless it is empty.
    pub fn field_bytes(&mut self, tag: u32, s: &[u8]) {
        if !s.is_empty() {
            self.elem(tag, s);
        }
    }
    /// One element of a repeated field, or a message: written even when empty.
    pub fn elem(&mut self, tag: u32, s: &[u8]) {
        self.key(tag, 2);
        self.bytes(s);
    }
}

// ---------------------------------------------------------------------------
// Types and values (section 5)

/// An mcl type (concrete types only: what params can have).
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Bool,
    Str,
    Int,
    Float,
    List(Box<Type>),
    Map(Box<Type>, Box<Type>),
    Struct(Vec<(String, Type)>),
}

impl Type {
    /// Decodes a type; func, variant and type variables are refused.
    pub fn decode(r: &mut Reader, depth: u32) -> Result<Type, Error> {
        if depth > 32 {
            return Err(Error { code: code::LIMIT, message: "type too deep".into(), param: None });
        }
        Ok(match r.byte()? {
            1 => Type::Bool,
            2 => Type::Str,
            3 => Type::Int,
            4 => Type::Float,
            5 => Type::List(Box::new(Type::decode(r, depth + 1)?)),
            6 => Type::Map(Box::new(Type::decode(r, depth + 1)?), Box::new(Type::decode(r, depth + 1)?)),
            7 => {
                let n = r.uvarint()?;
                let mut fields = Vec::new();
                for _ in 0..n {
                    let name = String::from_utf8_lossy(r.bytes()?).into_owned();
                    fields.push((name, Type::decode(r, depth + 1)?));
                }
                fields.shrink_to_fit();
                Type::Struct(fields)
            }
            _ => return Err(malformed("not a concrete type")),
        })
    }
    /// Encodes the type.
    pub fn encode(&self, w: &mut Writer) {
        match self {
            Type::Bool => w.b.push(1),
            Type::Str => w.b.push(2),
            Type::Int => w.b.push(3),
            Type::Float => w.b.push(4),
            Type::List(t) => {
                w.b.push(5);
                t.encode(w);
            }
            Type::Map(k, v) => {
                w.b.push(6);
                k.encode(w);
                v.encode(w);
            }
            Type::Struct(fields) => {
                w.b.push(7);
                w.uvarint(fields.len() as u64);
                for (name, t) in fields {
                    w.bytes(name.as_bytes());
                    t.encode(w);
                }
            }
        }
    }
    /// `[]T`.
    pub fn list(t: Type) -> Type {
        Type::List(Box::new(t))
    }
}

/// A value of a concrete type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Str(String),
    Int(i64),
    Float(f64),
    List(Vec<Value>),
    Map(Vec<(Value, Value)>),
    Struct(Vec<Value>),
}

impl Value {
    /// Encodes the value's payload (section 5.2), without its type.
    pub fn encode(&self, w: &mut Writer) {
        match self {
            Value::Bool(b) => w.b.push(*b as u8),
            Value::Str(s) => w.bytes(s.as_bytes()),
            Value::Int(i) => w.uvarint(((*i << 1) ^ (*i >> 63)) as u64),
            Value::Float(f) => w.b.extend_from_slice(&f.to_bits().to_le_bytes()),
            Value::List(items) | Value::Struct(items) => {
                w.uvarint(items.len() as u64);
                for v in items {
                    v.encode(w);
                }
            }
            Value::Map(entries) => {
                w.uvarint(entries.len() as u64);
                for (k, v) in entries {
                    k.encode(w);
                    v.encode(w);
                }
            }
        }
    }
    /// Decodes a payload of type `t` (section 5.2).
    pub fn decode(r: &mut Reader, t: &Type) -> Result<Value, Error> {
        Ok(match t {
            Type::Bool => match r.byte()? {
                0 => Value::Bool(false),
                1 => Value::Bool(true),
                _ => return Err(malformed("bool")),
            },
            Type::Str => Value::Str(String::from_utf8_lossy(r.bytes()?).into_owned()),
            Type::Int => Value::Int(r.svarint()?),
            Type::Float => {
                let mut b = [0u8; 8];
                b.copy_from_slice(r.take(8)?);
                Value::Float(f64::from_bits(u64::from_le_bytes(b)))
            }
            Type::List(e) => {
                let n = r.uvarint()?;
                if n > r.b.len() as u64 {
                    return Err(malformed("list count beyond the input"));
                }
                let mut items = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    items.push(Value::decode(r, e)?);
                }
                Value::List(items)
            }
            Type::Map(k, v) => {
                let n = r.uvarint()?;
                if n > r.b.len() as u64 / 2 {
                    return Err(malformed("map count beyond the input"));
                }
                let mut entries = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    entries.push((Value::decode(r, k)?, Value::decode(r, v)?));
                }
                Value::Map(entries)
            }
            Type::Struct(fields) => {
                if r.uvarint()? != fields.len() as u64 {
                    return Err(malformed("struct count"));
                }
                let mut vals = Vec::with_capacity(fields.len());
                for (_, t) in fields {
                    vals.push(Value::decode(r, t)?);
                }
                Value::Struct(vals)
            }
        })
    }
}

// ---------------------------------------------------------------------------
// Host imports (sections 3 and 7)

/// The mgmt_v1 imports.
mod imports {
    // Each takes a request (pointer, length) and a place for the response
    // pointer, and returns the response's length or a negated code.
    #[link(wasm_import_module = "mgmt_v1")]
    extern "C" {
        pub fn log(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_stat(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_read(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_write_atomic(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_mkdir(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_remove(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_rename(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_chmod(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_chown(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_readdir(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_symlink(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_readlink(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn hostname(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn time_now() -> i64;
    }
}

/// The signature of every import but `time_now`.
type Import = unsafe extern "C" fn(*const u8, u32, *mut *mut u8) -> i32;

/// A response buffer the host allocated with our `alloc`: read in place,
/// freed when dropped, so that a large read is not copied again.
pub struct HostBuf {
    ptr: *mut u8,
    len: usize,
}

impl HostBuf {
    /// The response's bytes.
    pub fn bytes(&self) -> &[u8] {
        if self.len == 0 {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
        }
    }
}

impl Drop for HostBuf {
    /// Frees the buffer with `dealloc`, as section 3 says.
    fn drop(&mut self) {
        if self.len != 0 {
            dealloc(self.ptr, self.len as u32);
        }
    }
}

/// Calls a host import with a request and returns its response. A failure
/// is an error with the import's code and the message
/// "host import NAME: CODE", as sdk/go words it.
fn call_raw(imp: Import, name: &str, req: &[u8]) -> Result<HostBuf, Error> {
    let mut out: *mut u8 = std::ptr::null_mut();
    let n = unsafe { imp(req.as_ptr(), req.len() as u32, &mut out) };
    if n < 0 {
        let c = n.unsigned_abs();
        let c = if c > code::FAILED { code::FAILED } else { c };
        return Err(Error { code: c, message: format!("host import {}: {}", name, code::name(c)), param: None });
    }
    if n > 0 && out.is_null() {
        return Err(Error { code: code::MEMORY, message: format!("host import {}: no response buffer", name), param: None });
    }
    Ok(HostBuf { ptr: out, len: n as usize })
}

/// `call_raw` with a request from a Writer.
fn call(imp: Import, name: &str, req: &Writer) -> Result<HostBuf, Error> {
    call_raw(imp, name, &req.b)
}

// Log levels (slog numbering).

/// Level debug.
pub const DEBUG: i64 = -4;
/// Level info.
pub const INFO: i64 = 0;
/// Level warn.
pub const WARN: i64 = 4;

/// Logs a message through the host, one call per line.
pub fn log(level: i64, msg: &str) {
    for line in msg.trim_end_matches('\n').split('\n') {
        let mut w = Writer { b: Vec::with_capacity(line.len() + 8) };
        w.field_sint(1, level);
        w.field_bytes(2, line.as_bytes());
        let _ = call(imports::log, "log", &w);
    }
}

/// The wall-clock time in Unix nanoseconds.
pub fn time_now() -> i64 {
    unsafe { imports::time_now() }
}

/// File types of `Stat::kind` and `DirEntry::kind`.
pub mod file_type {
    /// A regular file.
    pub const REGULAR: u64 = 1;
    /// A directory.
    pub const DIR: u64 = 2;
    /// A symbolic link.
    pub const SYMLINK: u64 = 3;
    /// Anything else (a device, a socket, a pipe).
    pub const OTHER: u64 = 4;
}

/// What `fs_stat` says of a path (a `StatResponse`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stat {
    /// 1 file, 2 dir, 3 symlink, 4 other (`file_type`).
    pub kind: u64,
    /// Permission bits with setuid, setgid and sticky.
    pub mode: u32,
    pub size: u64,
    pub mtime_ns: i64,
    pub uid: u64,
    pub gid: u64,
    /// The owner's and the group's names, empty when the host does not know them.
    pub user: String,
    pub group: String,
}

impl Stat {
    /// Decodes a StatResponse.
    pub fn decode(b: &[u8]) -> Result<Stat, Error> {
        let mut r = Reader::new(b);
        let mut st = Stat::default();
        while let Some((tag, wt)) = r.key()? {
            match (tag, wt) {
                (1, 0) => st.kind = r.uvarint()?,
                (2, 0) => st.mode = r.uvarint()? as u32,
                (3, 0) => st.size = r.uvarint()?,
                (4, 0) => st.mtime_ns = r.svarint()?,
                (5, 0) => st.uid = r.uvarint()?,
                (6, 0) => st.gid = r.uvarint()?,
                (7, 2) => st.user = String::from_utf8_lossy(r.bytes()?).into_owned(),
                (8, 2) => st.group = String::from_utf8_lossy(r.bytes()?).into_owned(),
                _ => r.skip(wt)?,
            }
        }
        Ok(st)
    }
}

/// A request made of one path (tag 1) and one bool (tag 2).
fn path_bool(path: &str, flag: bool) -> Writer {
    let mut w = Writer { b: Vec::with_capacity(path.len() + 6) };
    w.field_bytes(1, path.as_bytes());
    w.field_bool(2, flag);
    w
}

/// Stats `path`, following a final symlink.
pub fn fs_stat(path: &str) -> Result<Stat, Error> {
    fs_lstat(path, false)
}

/// Stats `path`; `nofollow` describes a final symlink itself.
pub fn fs_lstat(path: &str, nofollow: bool) -> Result<Stat, Error> {
    let resp = call(imports::fs_stat, "fs_stat", &path_bool(path, nofollow))?;
    Stat::decode(resp.bytes())
}

/// One `fs_read` answer: the bytes read (in the host's buffer), whether
/// the read reached the end of the file, and the file's stat when it was
/// asked for and the host gave it.
pub struct ReadChunk {
    buf: HostBuf,
    start: usize,
    end: usize,
    pub eof: bool,
    pub stat: Option<Stat>,
}

impl ReadChunk {
    /// The bytes read.
    pub fn data(&self) -> &[u8] {
        &self.buf.bytes()[self.start..self.end]
    }
}

/// One `fs_read` call: at most `limit` bytes (0: the host's maximum) of
/// `path` from `offset`, with the file's stat when `want_stat`.
pub fn fs_read_at(path: &str, offset: u64, limit: u64, want_stat: bool) -> Result<ReadChunk, Error> {
    let mut w = Writer { b: Vec::with_capacity(path.len() + 24) };
    w.field_bytes(1, path.as_bytes());
    w.field_uint(2, offset);
    w.field_uint(3, limit);
    w.field_bool(4, want_stat);
    let buf = call(imports::fs_read, "fs_read", &w)?;
    let (mut start, mut end, mut eof, mut stat) = (0, 0, false, None);
    {
        let all = buf.bytes();
        let mut r = Reader::new(all);
        while let Some((tag, wt)) = r.key()? {
            match (tag, wt) {
                (1, 2) => {
                    let d = r.bytes()?;
                    start = all.len() - r.b.len() - d.len();
                    end = start + d.len();
                }
                (2, 0) => eof = r.uvarint()? != 0,
                (3, 2) => stat = Some(Stat::decode(r.bytes()?)?),
                _ => r.skip(wt)?,
            }
        }
    }
    Ok(ReadChunk { buf, start, end, eof, stat })
}

/// Reads the whole file at `path` (in chunks). A missing file is an error of
/// code `NOT_FOUND`.
pub fn fs_read(path: &str) -> Result<Vec<u8>, Error> {
    let mut all = Vec::new();
    loop {
        let c = fs_read_at(path, all.len() as u64, 0, false)?;
        let d = c.data();
        all.extend_from_slice(d);
        if c.eof || d.is_empty() {
            return Ok(all);
        }
    }
}

/// The WriteAtomicRequest of `data` at `path` with `mode`.
fn write_request(path: &str, data: &[u8], mode: u32, want_stat: bool) -> Writer {
    let mut w = Writer { b: Vec::with_capacity(path.len() + data.len() + 16) };
    w.field_bytes(1, path.as_bytes());
    w.field_bytes(2, data);
    w.field_uint(3, mode as u64);
    w.field_bool(5, want_stat);
    w
}

/// Replaces the file at `path` with `data`, atomically. `mode` 0 keeps an
/// existing file's mode (0644 for a new one).
pub fn fs_write(path: &str, data: &[u8], mode: u32) -> Result<(), Error> {
    call(imports::fs_write_atomic, "fs_write_atomic", &write_request(path, data, mode, false)).map(|_| ())
}

/// `fs_write` that also returns the stat of the file written (want_stat),
/// None from a host that does not answer one.
pub fn fs_write_stat(path: &str, data: &[u8], mode: u32) -> Result<Option<Stat>, Error> {
    let resp = call(imports::fs_write_atomic, "fs_write_atomic", &write_request(path, data, mode, true))?;
    if resp.bytes().is_empty() {
        return Ok(None);
    }
    Stat::decode(resp.bytes()).map(Some)
}

/// Sets the permission bits of `path` (at most 0o7777).
pub fn fs_chmod(path: &str, mode: u32) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    w.field_uint(2, mode as u64);
    call(imports::fs_chmod, "fs_chmod", &w).map(|_| ())
}

/// Creates the directory `path` (`mode` 0 means 0o755); `parents` creates
/// missing parents and succeeds if it exists (mkdir -p).
pub fn fs_mkdir(path: &str, mode: u32, parents: bool) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    w.field_uint(2, mode as u64);
    w.field_bool(3, parents);
    call(imports::fs_mkdir, "fs_mkdir", &w).map(|_| ())
}

/// Removes the file, link or empty directory at `path`; `recursive`
/// removes a directory with its contents.
pub fn fs_remove(path: &str, recursive: bool) -> Result<(), Error> {
    call(imports::fs_remove, "fs_remove", &path_bool(path, recursive)).map(|_| ())
}

/// Renames `from` to `to`, replacing `to` if it exists.
pub fn fs_rename(from: &str, to: &str) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, from.as_bytes());
    w.field_bytes(2, to.as_bytes());
    call(imports::fs_rename, "fs_rename", &w).map(|_| ())
}

/// Sets the owner and group of `path`, each a name or a decimal id (""
/// leaves it); `nofollow` changes a final symlink itself.
pub fn fs_chown(path: &str, owner: &str, group: &str, nofollow: bool) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    w.field_bytes(2, owner.as_bytes());
    w.field_bytes(3, group.as_bytes());
    w.field_bool(4, nofollow);
    call(imports::fs_chown, "fs_chown", &w).map(|_| ())
}

/// An entry of a directory listing.
#[derive(Debug, Clone, PartialEq)]
pub struct DirEntry {
    pub name: String,
    /// As `Stat::kind`, not following symlinks.
    pub kind: u64,
}

/// Lists the directory `path`, sorted by name, without "." and "..".
pub fn fs_readdir(path: &str) -> Result<Vec<DirEntry>, Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    let resp = call(imports::fs_readdir, "fs_readdir", &w)?;
    let mut r = Reader::new(resp.bytes());
    let mut out = Vec::new();
    while let Some((tag, wt)) = r.key()? {
        if (tag, wt) != (1, 2) {
            r.skip(wt)?;
            continue;
        }
        let mut er = Reader::new(r.bytes()?);
        let mut e = DirEntry { name: String::new(), kind: 0 };
        while let Some((tag, wt)) = er.key()? {
            match (tag, wt) {
                (1, 2) => e.name = String::from_utf8_lossy(er.bytes()?).into_owned(),
                (2, 0) => e.kind = er.uvarint()?,
                _ => er.skip(wt)?,
            }
        }
        out.push(e);
    }
    Ok(out)
}

/// Creates a symbolic link at `path` whose content is `target`.
pub fn fs_symlink(target: &str, path: &str) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, target.as_bytes());
    w.field_bytes(2, path.as_bytes());
    call(imports::fs_symlink, "fs_symlink", &w).map(|_| ())
}

/// The target of the symbolic link at `path` (a path that is not a link is
/// an error of code `INVALID`).
pub fn fs_readlink(path: &str) -> Result<String, Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    let resp = call(imports::fs_readlink, "fs_readlink", &w)?;
    let mut r = Reader::new(resp.bytes());
    let mut target = String::new();
    while let Some((tag, wt)) = r.key()? {
        match (tag, wt) {
            (1, 2) => target = String::from_utf8_lossy(r.bytes()?).into_owned(),
            _ => r.skip(wt)?,
        }
    }
    Ok(target)
}

/// The node's hostname.
pub fn hostname() -> Result<String, Error> {
    let resp = call(imports::hostname, "hostname", &Writer::new())?;
    let mut r = Reader::new(resp.bytes());
    let mut name = String::new();
    while let Some((tag, wt)) = r.key()? {
        match (tag, wt) {
            (1, 2) => name = String::from_utf8_lossy(r.bytes()?).into_owned(),
            _ => r.skip(wt)?,
        }
    }
    Ok(name)
}

// ---------------------------------------------------------------------------
// Kinds

/// A param of a kind: its name and its type, as a function because a `Type`
/// with a box cannot be built in a static.
pub struct Param {
    pub name: &'static str,
    pub ty: fn() -> Type,
}

/// What to watch (section 10).
pub enum Watch {
    Path { path: String, recursive: bool },
    Interval { ms: u64 },
}

/// A resource during a call: its name and its params.
pub struct Res {
    pub kind: &'static Kind,
    pub name: String,
    pub refresh: bool,
    pub debug: bool,
    pub var_dir: String,
    values: Vec<Value>,
    set: Vec<bool>,
}

impl Res {
    /// The position of the param `name` in the kind's params.
    fn index(&self, name: &str) -> Option<usize> {
        self.kind.params.iter().position(|p| p.name == name)
    }
    /// The value of the param `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.index(name).map(|i| &self.values[i])
    }
    /// The values of every param, in the kind's order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }
    /// Whether the user set the param (it is not in the request's `unset`).
    pub fn is_set(&self, name: &str) -> bool {
        self.index(name).map_or(false, |i| self.set[i])
    }
    /// A str param ("" if there is none of that type).
    pub fn str(&self, name: &str) -> &str {
        match self.get(name) {
            Some(Value::Str(s)) => s,
            _ => "",
        }
    }
    /// An int param.
    pub fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            Some(Value::Int(i)) => *i,
            _ => 0,
        }
    }
    /// A bool param.
    pub fn bool(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Value::Bool(true)))
    }
    /// The items of a []str param.
    pub fn strs(&self, name: &str) -> Vec<&str> {
        match self.get(name) {
            Some(Value::List(items)) => items
                .iter()
                .filter_map(|v| if let Value::Str(s) = v { Some(s.as_str()) } else { None })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A resource kind: its name, its params and what its verbs do.
/// `check_apply` returns Ok(true) when the state was already correct and
/// Ok(false) when it changed it (or, without apply, would).
pub struct Kind {
    pub kind: &'static str,
    pub params: &'static [Param],
    pub validate: fn(&Res) -> Result<(), Error>,
    pub watch: fn(&Res) -> Vec<Watch>,
    pub check_apply: fn(&Res, bool) -> Result<bool, Error>,
}

/// The plugin, as describe tells it.
pub struct Plugin {
    pub name: &'static str,
    pub version: &'static str,
    pub kinds: &'static [Kind],
    pub capabilities: &'static [&'static str],
}

/// A kind's traits (`KindInfo` tags 4 to 9).
#[derive(Clone, Copy, Default)]
pub struct Traits {
    pub autoedge: bool,
    pub groupable: bool,
    pub send: bool,
    pub recv: bool,
    pub refresh: bool,
    pub reverse: bool,
}

impl Traits {
    /// No traits.
    pub const NONE: Traits = Traits { autoedge: false, groupable: false, send: false, recv: false, refresh: false, reverse: false };
}

/// A UID for autoedges: a kind and a key.
#[derive(Debug, Clone, PartialEq)]
pub struct Uid {
    pub kind: &'static str,
    pub key: String,
}

/// The answer of autoedges: what the resource manages (`uids`) and what
/// it depends on (`edges`: groups of candidates, in order of preference).
#[derive(Debug, Default)]
pub struct AutoEdges {
    pub uids: Vec<Uid>,
    pub edges: Vec<Vec<Uid>>,
}

/// What a kind has beyond `Kind`: its traits and the verbs they need.
/// `autoedges` is required with the autoedge trait and `reverse` with the
/// reverse trait; `reverse` returns the params that change (each of its
/// declared type), and the SDK answers the whole params struct.
pub struct KindExt {
    pub kind: &'static str,
    pub traits: Traits,
    pub autoedges: Option<fn(&Res) -> Result<AutoEdges, Error>>,
    pub reverse: Option<fn(&Res) -> Result<Vec<(&'static str, Value)>, Error>>,
}

/// A plugin whose kinds have traits: a `Plugin` and a `KindExt` for each
/// kind that has any (by kind name). Define `PLUGIN` as one:
///
/// ```ignore
/// pub static PLUGIN: mgmt::ExtPlugin = mgmt::ExtPlugin { plugin: mgmt::Plugin { ... }, ext: &[...] };
/// ```
pub struct ExtPlugin {
    pub plugin: Plugin,
    pub ext: &'static [KindExt],
    /// The library functions the plugin provides (section 6.4).
    pub funcs: &'static [Func],
}

/// What the exports read from the crate's `PLUGIN`: a `Plugin` or an
/// `ExtPlugin`.
pub trait Definition: Sync {
    /// The plugin's describe information and kinds.
    fn plugin(&self) -> &Plugin;
    /// The extension of the kind called `kind`, if it has one.
    fn ext(&self, kind: &str) -> Option<&KindExt>;
    /// The plugin's functions.
    fn funcs(&self) -> &[Func];
}

impl Definition for Plugin {
    fn plugin(&self) -> &Plugin {
        self
    }
    fn ext(&self, _kind: &str) -> Option<&KindExt> {
        None
    }
    fn funcs(&self) -> &[Func] {
        &[]
    }
}

impl Definition for ExtPlugin {
    fn plugin(&self) -> &Plugin {
        &self.plugin
    }
    fn ext(&self, kind: &str) -> Option<&KindExt> {
        self.ext.iter().find(|e| e.kind == kind)
    }
    fn funcs(&self) -> &[Func] {
        self.funcs
    }
}

// ---------------------------------------------------------------------------
// Functions (section 6.4)

/// What a function returns: a value of its result type, or a str given as
/// raw bytes. An mcl str is any bytes (a file's content need not be UTF-8);
/// a `Value::Str` holds UTF-8 only.
pub enum Ret {
    Value(Value),
    Str(Vec<u8>),
}

/// The answer of one call: the result or the error, and the watches after
/// which the host calls the function again (an error may carry them too: a
/// file that is missing now).
pub struct Called {
    pub result: Result<Ret, Error>,
    pub watches: Vec<Watch>,
}

/// A library function with a concrete signature: its mcl name
/// ("os.readfile"), its arguments (names may be ""), its result type,
/// whether it is pure (equal arguments always give equal results, which
/// never change by themselves), and what `call` runs with the argument
/// values, in order, each of its declared type (str arguments are decoded
/// as UTF-8, lossily).
pub struct Func {
    pub name: &'static str,
    pub args: &'static [Param],
    pub result: fn() -> Type,
    pub pure: bool,
    pub call: fn(&[Value]) -> Called,
}

impl Func {
    /// Encodes the function's signature, a func type (section 5.1).
    fn encode_type(&self, w: &mut Writer) {
        w.b.push(8);
        w.uvarint(self.args.len() as u64);
        for a in self.args {
            w.bytes(a.name.as_bytes());
            (a.ty)().encode(w);
        }
        (self.result)().encode(w);
    }
}

/// The crate's functions.
fn funcs() -> &'static [Func] {
    Definition::funcs(&crate::PLUGIN)
}

/// Decodes a CallRequest against the plugin's functions: the function
/// named and its argument values, checked against its declared types.
fn decode_call(req: &[u8]) -> Result<(&'static Func, Vec<Value>), Error> {
    let mut r = Reader::new(req);
    let mut name = &b""[..];
    let mut args = Vec::new();
    while let Some((tag, wt)) = r.key()? {
        match (tag, wt) {
            (1, 2) => name = r.bytes()?,
            (3, 2) => args.push(r.bytes()?),
            _ => r.skip(wt)?,
        }
    }
    let f = funcs().iter().find(|f| f.name.as_bytes() == name).ok_or_else(|| Error {
        code: code::UNSUPPORTED,
        message: format!("no function {}", String::from_utf8_lossy(name)),
        param: None,
    })?;
    if args.len() != f.args.len() {
        return Err(malformed(&format!("{} arguments for {}, which takes {}", args.len(), f.name, f.args.len())));
    }
    let mut values = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        let mut ar = Reader::new(a);
        let t = Type::decode(&mut ar, 0)?;
        if t != (f.args[i].ty)() {
            return Err(malformed(&format!("argument {} of {} is not of its declared type", i, f.name)));
        }
        values.push(Value::decode(&mut ar, &t)?);
    }
    Ok((f, values))
}

/// Writes a call's result, typed, at tag 1.
fn put_result(w: &mut Writer, f: &Func, ret: &Ret) -> Result<(), Error> {
    let t = (f.result)();
    let mut v = Writer::new();
    t.encode(&mut v);
    match ret {
        Ret::Value(x) if value_has_type(x, &t) => x.encode(&mut v),
        Ret::Str(b) if t == Type::Str => v.bytes(b),
        _ => return Err(Error { code: code::INTERNAL, message: format!("function {} returned a value of another type", f.name), param: None }),
    }
    w.elem(1, &v.b);
    Ok(())
}

/// call: runs a function and answers its result (or error) and watches.
#[export_name = "call"]
pub extern "C" fn call_verb(p: *const u8, n: u32) -> u64 {
    let (f, args) = match decode_call(unsafe { request(p, n) }) {
        Ok(x) => x,
        Err(e) => return error_response(&e),
    };
    let Called { result, watches } = (f.call)(&args);
    let mut w = Writer::new();
    let err = match result {
        Ok(ret) => put_result(&mut w, f, &ret).err(),
        Err(e) => Some(e),
    };
    put_watches(&mut w, 2, watches);
    if let Some(e) = err {
        put_error(&mut w, &e);
    }
    respond(w)
}

/// The crate's plugin.
fn plugin() -> &'static Plugin {
    Definition::plugin(&crate::PLUGIN)
}

/// The extension of a kind.
fn ext_of(k: &Kind) -> Option<&'static KindExt> {
    Definition::ext(&crate::PLUGIN, k.kind)
}

/// The struct type of a kind's params.
fn params_type(k: &Kind) -> Type {
    Type::Struct(k.params.iter().map(|p| (p.name.to_string(), (p.ty)())).collect())
}

thread_local! {
    /// Per kind (by position), its params type and that type's encoding,
    /// built on first use: a request's type is checked by comparing bytes.
    static PARAM_TYPES: std::cell::RefCell<Vec<Option<std::rc::Rc<(Type, Vec<u8>)>>>> = std::cell::RefCell::new(Vec::new());
}

/// The params type of the kind at position `i` and its encoding.
fn cached_type(i: usize, k: &Kind) -> std::rc::Rc<(Type, Vec<u8>)> {
    PARAM_TYPES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() <= i {
            c.resize(i + 1, None);
        }
        if let Some(t) = &c[i] {
            return t.clone();
        }
        let t = params_type(k);
        let mut w = Writer::new();
        t.encode(&mut w);
        let entry = std::rc::Rc::new((t, w.b));
        c[i] = Some(entry.clone());
        entry
    })
}

/// A decoded ResourceSpec, CheckRequest or PrepareRequest (section 6.3):
/// the resource, and the bools at tags 4 and 5 (refresh and debug of a
/// check, autoedges and watch of a prepare).
struct Decoded {
    res: Res,
    flag4: bool,
    flag5: bool,
}

/// Decodes a request of a resource verb.
fn decode_full(req: &[u8]) -> Result<Decoded, Error> {
    let mut r = Reader::new(req);
    let (mut kind, mut name, mut params, mut unset) = (&b""[..], String::new(), None, Vec::new());
    let (mut flag4, mut flag5, mut var_dir) = (false, false, String::new());
    while let Some((tag, wt)) = r.key()? {
        match (tag, wt) {
            (1, 2) => kind = r.bytes()?,
            (2, 2) => name = String::from_utf8_lossy(r.bytes()?).into_owned(),
            (3, 2) => params = Some(r.bytes()?),
            (4, 0) => flag4 = r.uvarint()? != 0,
            (5, 0) => flag5 = r.uvarint()? != 0,
            (6, 2) => var_dir = String::from_utf8_lossy(r.bytes()?).into_owned(),
            (8, 2) => unset.push(r.bytes()?),
            _ => r.skip(wt)?,
        }
    }
    let kinds = plugin().kinds;
    let i = kinds.iter().position(|k| k.kind.as_bytes() == kind).ok_or_else(|| Error {
        code: code::UNSUPPORTED,
        message: format!("unknown kind {}", String::from_utf8_lossy(kind)),
        param: None,
    })?;
    let k = &kinds[i];
    let mut values = Vec::new();
    if let Some(p) = params {
        let t = cached_type(i, k);
        if !p.starts_with(&t.1) {
            return Err(malformed("the params are not of the declared types"));
        }
        let mut pr = Reader::new(&p[t.1.len()..]);
        match Value::decode(&mut pr, &t.0)? {
            Value::Struct(v) => values = v,
            _ => return Err(malformed("params")),
        }
    }
    if values.len() != k.params.len() {
        return Err(malformed("params missing"));
    }
    let set = k.params.iter().map(|p| !unset.iter().any(|u| *u == p.name.as_bytes())).collect();
    let res = Res { kind: k, name, refresh: flag4, debug: flag5, var_dir, values, set };
    Ok(Decoded { res, flag4, flag5 })
}

/// Decodes a ResourceSpec or CheckRequest (section 6.3).
fn decode(req: &[u8]) -> Result<Res, Error> {
    decode_full(req).map(|d| d.res)
}

/// Writes `e` as an ABIError at `tag`.
fn put_error_at(w: &mut Writer, tag: u32, e: &Error) {
    let mut m = Writer::new();
    m.field_uint(1, e.code.max(1) as u64);
    m.field_bytes(2, e.message.as_bytes());
    if let Some(p) = e.param {
        m.field_bytes(3, p.as_bytes());
    }
    w.elem(tag, &m.b);
}

/// Writes `e` as a response's error (tag 15).
fn put_error(w: &mut Writer, e: &Error) {
    put_error_at(w, 15, e);
}

/// Hands a response to the host: (ptr << 32) | len in a buffer from alloc.
fn respond(w: Writer) -> u64 {
    let n = w.b.len();
    if n == 0 {
        return 0;
    }
    let p = alloc(n as u32);
    if p.is_null() {
        std::process::abort();
    }
    unsafe { std::ptr::copy_nonoverlapping(w.b.as_ptr(), p, n) };
    ((p as usize as u64) << 32) | n as u64
}

/// The request the host passed, as a slice.
unsafe fn request<'a>(p: *const u8, n: u32) -> &'a [u8] {
    if n == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(p, n as usize)
    }
}

// ---------------------------------------------------------------------------
// Exports (sections 1 and 6)

extern "C" {
    /// The linker's constructor calls.
    fn __wasm_call_ctors();
}

/// The reactor's initializer. Defining it (and calling the constructors)
/// also keeps the linker from wrapping every export in a command's
/// constructor and destructor calls.
#[export_name = "_initialize"]
pub extern "C" fn initialize() {
    unsafe { __wasm_call_ctors() }
}

/// The ABI version: 1.
#[export_name = "mgmt_abi_version"]
pub extern "C" fn abi_version() -> i32 {
    1
}

/// The layout of an `alloc` buffer of `n` bytes.
fn layout(n: u32) -> Layout {
    match Layout::from_size_align(n.max(1) as usize, 8) {
        Ok(l) => l,
        Err(_) => std::process::abort(),
    }
}

/// alloc: a buffer from Rust's allocator (dealloc needs the same size).
#[export_name = "alloc"]
pub extern "C" fn alloc(n: u32) -> *mut u8 {
    unsafe { sys_alloc(layout(n)) }
}

/// dealloc: frees a buffer from `alloc`.
#[export_name = "dealloc"]
pub extern "C" fn dealloc(p: *mut u8, n: u32) {
    if !p.is_null() {
        unsafe { sys_dealloc(p, layout(n)) }
    }
}

/// describe: the plugin's name, version, kinds (with their traits) and
/// capabilities.
#[export_name = "describe"]
pub extern "C" fn describe(_p: *const u8, _n: u32) -> u64 {
    let pl = plugin();
    let mut w = Writer::new();
    w.field_bytes(1, pl.name.as_bytes());
    w.field_bytes(2, pl.version.as_bytes());
    for k in pl.kinds {
        let mut kw = Writer::new();
        kw.field_bytes(1, k.kind.as_bytes());
        for p in k.params {
            let mut pw = Writer::new();
            pw.field_bytes(1, p.name.as_bytes());
            let mut tw = Writer::new();
            (p.ty)().encode(&mut tw);
            pw.elem(2, &tw.b);
            kw.elem(2, &pw.b);
        }
        if let Some(e) = ext_of(k) {
            let t = e.traits;
            kw.field_bool(4, t.autoedge);
            kw.field_bool(5, t.groupable);
            kw.field_bool(6, t.send);
            kw.field_bool(7, t.recv);
            kw.field_bool(8, t.refresh);
            kw.field_bool(9, t.reverse);
        }
        w.elem(4, &kw.b);
    }
    for f in funcs() {
        let mut fw = Writer::new();
        fw.field_bytes(1, f.name.as_bytes());
        let mut tw = Writer::new();
        f.encode_type(&mut tw);
        fw.elem(2, &tw.b);
        fw.field_bool(4, f.pure);
        w.elem(5, &fw.b);
    }
    for c in pl.capabilities {
        w.elem(6, c.as_bytes());
    }
    respond(w)
}

/// A response carrying only the error `e`.
fn error_response(e: &Error) -> u64 {
    let mut w = Writer::new();
    put_error(&mut w, e);
    respond(w)
}

/// validate: the kind's validate.
#[export_name = "validate"]
pub extern "C" fn validate(p: *const u8, n: u32) -> u64 {
    match decode(unsafe { request(p, n) }).and_then(|r| (r.kind.validate)(&r)) {
        Ok(()) => 0,
        Err(e) => error_response(&e),
    }
}

/// Writes watch specs at `tag`.
fn put_watches(w: &mut Writer, tag: u32, specs: Vec<Watch>) {
    for spec in specs {
        let mut s = Writer::new();
        match spec {
            Watch::Path { path, recursive } => {
                s.field_uint(1, 1);
                s.field_bytes(2, path.as_bytes());
                s.field_bool(3, recursive);
            }
            Watch::Interval { ms } => {
                s.field_uint(1, 2);
                s.field_uint(4, ms);
            }
        }
        w.elem(tag, &s.b);
    }
}

/// watch: the kind's watch specs.
#[export_name = "watch"]
pub extern "C" fn watch(p: *const u8, n: u32) -> u64 {
    let r = match decode(unsafe { request(p, n) }) {
        Ok(r) => r,
        Err(e) => return error_response(&e),
    };
    let mut w = Writer::new();
    put_watches(&mut w, 1, (r.kind.watch)(&r));
    respond(w)
}

/// check and apply: the kind's check_apply.
fn check_apply(p: *const u8, n: u32, apply: bool) -> u64 {
    match decode(unsafe { request(p, n) }).and_then(|r| (r.kind.check_apply)(&r, apply)) {
        Ok(ok) => {
            let mut w = Writer::new();
            w.field_bool(1, ok);
            respond(w)
        }
        Err(e) => error_response(&e),
    }
}

/// check: check_apply without apply.
#[export_name = "check"]
pub extern "C" fn check(p: *const u8, n: u32) -> u64 {
    check_apply(p, n, false)
}

/// apply: check_apply with apply.
#[export_name = "apply"]
pub extern "C" fn apply(p: *const u8, n: u32) -> u64 {
    check_apply(p, n, true)
}

/// Writes a UID message.
fn uid_msg(u: &Uid) -> Writer {
    let mut m = Writer::new();
    m.field_bytes(1, u.kind.as_bytes());
    m.field_bytes(2, u.key.as_bytes());
    m
}

/// Writes an autoedges answer (tags 1 and 2).
fn put_autoedges(w: &mut Writer, ae: &AutoEdges) {
    for u in &ae.uids {
        w.elem(1, &uid_msg(u).b);
    }
    for g in &ae.edges {
        let mut gw = Writer::new();
        for u in g {
            gw.elem(1, &uid_msg(u).b);
        }
        w.elem(2, &gw.b);
    }
}

/// The autoedges answer of a resource, or what autoedges fails with.
fn autoedges_of(r: &Res) -> Result<AutoEdges, Error> {
    match ext_of(r.kind).and_then(|e| e.autoedges) {
        Some(f) => f(r),
        None => Err(Error { code: code::UNSUPPORTED, message: format!("kind {} has no autoedges", r.kind.kind), param: None }),
    }
}

/// autoedges: what the resource manages and depends on.
#[export_name = "autoedges"]
pub extern "C" fn autoedges(p: *const u8, n: u32) -> u64 {
    match decode(unsafe { request(p, n) }).and_then(|r| autoedges_of(&r)) {
        Ok(ae) => {
            let mut w = Writer::new();
            put_autoedges(&mut w, &ae);
            respond(w)
        }
        Err(e) => error_response(&e),
    }
}

/// prepare: validate and, when asked, autoedges (tag 4) and watch (tag 5)
/// of the same resource in one call.
#[export_name = "prepare"]
pub extern "C" fn prepare(p: *const u8, n: u32) -> u64 {
    let d = match decode_full(unsafe { request(p, n) }) {
        Ok(d) => d,
        Err(e) => return error_response(&e),
    };
    let r = &d.res;
    if let Err(e) = (r.kind.validate)(r) {
        return error_response(&e);
    }
    let mut w = Writer::new();
    let mut ae_err = None;
    if d.flag4 {
        match autoedges_of(r) {
            Ok(ae) => put_autoedges(&mut w, &ae),
            Err(e) => ae_err = Some(e),
        }
    }
    if d.flag5 {
        put_watches(&mut w, 3, (r.kind.watch)(r));
    }
    if let Some(e) = ae_err {
        put_error_at(&mut w, 4, &e);
    }
    respond(w)
}

/// The params of the resource that undoes `r`: its params with `changes`
/// applied, as a typed struct.
fn reversed(r: &Res, changes: Vec<(&'static str, Value)>) -> Result<Writer, Error> {
    let k = r.kind;
    let i = plugin().kinds.iter().position(|x| std::ptr::eq(x, k)).unwrap_or(0);
    let t = cached_type(i, k);
    let fields = match &t.0 {
        Type::Struct(f) => f,
        _ => return Err(malformed("params type")),
    };
    let mut values = r.values.clone();
    for (name, v) in changes {
        let j = r.index(name).ok_or_else(|| Error {
            code: code::INTERNAL,
            message: format!("kind {}: reverse changed param {:?}, which the kind does not declare", k.kind, name),
            param: None,
        })?;
        if !value_has_type(&v, &fields[j].1) {
            return Err(Error { code: code::INTERNAL, message: format!("kind {}: reverse gave param {} a value of another type", k.kind, name), param: None });
        }
        values[j] = v;
    }
    let mut w = Writer::new();
    w.b.extend_from_slice(&t.1);
    Value::Struct(values).encode(&mut w);
    Ok(w)
}

/// Whether `v` is a value of type `t`.
fn value_has_type(v: &Value, t: &Type) -> bool {
    match (v, t) {
        (Value::Bool(_), Type::Bool) | (Value::Str(_), Type::Str) | (Value::Int(_), Type::Int) | (Value::Float(_), Type::Float) => true,
        (Value::List(items), Type::List(e)) => items.iter().all(|x| value_has_type(x, e)),
        (Value::Map(entries), Type::Map(kt, vt)) => entries.iter().all(|(a, b)| value_has_type(a, kt) && value_has_type(b, vt)),
        (Value::Struct(vals), Type::Struct(fs)) => vals.len() == fs.len() && vals.iter().zip(fs).all(|(x, f)| value_has_type(x, &f.1)),
        _ => false,
    }
}

/// reverse: the params of the resource that undoes this one.
#[export_name = "reverse"]
pub extern "C" fn reverse(p: *const u8, n: u32) -> u64 {
    let r = match decode(unsafe { request(p, n) }) {
        Ok(r) => r,
        Err(e) => return error_response(&e),
    };
    let f = match ext_of(r.kind).and_then(|e| e.reverse) {
        Some(f) => f,
        None => {
            return error_response(&Error { code: code::UNSUPPORTED, message: format!("kind {} cannot be reversed", r.kind.kind), param: None })
        }
    };
    match f(&r).and_then(|changes| reversed(&r, changes)) {
        Ok(params) => {
            let mut w = Writer::new();
            w.elem(1, &params.b);
            respond(w)
        }
        Err(e) => error_response(&e),
    }
}

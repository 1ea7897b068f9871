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
//! (`Type`, `Value`), the host imports (`log`, `fs_read`, `fs_write`,
//! `fs_stat`, `fs_chmod`, `hostname`) and the kind framework (`Kind`, `Res`).

#![allow(dead_code)]

use std::alloc::{alloc as sys_alloc, dealloc as sys_dealloc, Layout};

// ---------------------------------------------------------------------------
// Errors and codes (section 8)

/// Error codes of the ABI.
pub mod code {
    pub const INTERNAL: u32 = 1;
    pub const MALFORMED: u32 = 2;
    pub const LIMIT: u32 = 3;
    pub const UNSUPPORTED: u32 = 4;
    pub const DENIED: u32 = 5;
    pub const INVALID: u32 = 6;
    pub const NOT_FOUND: u32 = 7;
    pub const EXISTS: u32 = 8;
    pub const IO: u32 = 12;
    pub const MEMORY: u32 = 14;
    pub const FAILED: u32 = 15;
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
    pub fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b }
    }
    pub fn is_empty(&self) -> bool {
        self.b.is_empty()
    }
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
    pub fn new() -> Writer {
        Writer { b: Vec::new() }
    }
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
    pub fn key(&mut self, tag: u32, wt: u8) {
        self.uvarint(((tag as u64) << 3) | wt as u64);
    }
    pub fn bytes(&mut self, s: &[u8]) {
        self.uvarint(s.len() as u64);
        self.b.extend_from_slice(s);
    }
    pub fn field_uint(&mut self, tag: u32, v: u64) {
        if v != 0 {
            self.key(tag, 0);
            self.uvarint(v);
        }
    }
    pub fn field_sint(&mut self, tag: u32, v: i64) {
        self.field_uint(tag, ((v << 1) ^ (v >> 63)) as u64);
    }
    pub fn field_bool(&mut self, tag: u32, v: bool) {
        self.field_uint(tag, v as u64);
    }
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
// Host imports (section 3)

mod imports {
    #[link(wasm_import_module = "mgmt_v1")]
    extern "C" {
        pub fn log(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_stat(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_read(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_write_atomic(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn fs_chmod(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn hostname(req: *const u8, len: u32, out: *mut *mut u8) -> i32;
        pub fn time_now() -> i64;
    }
}

type Import = unsafe extern "C" fn(*const u8, u32, *mut *mut u8) -> i32;

/// Calls a host import with a request and returns its response.
fn call(imp: Import, name: &str, req: &Writer) -> Result<Vec<u8>, Error> {
    let mut out: *mut u8 = std::ptr::null_mut();
    let n = unsafe { imp(req.b.as_ptr(), req.b.len() as u32, &mut out) };
    if n < 0 {
        let c = (-n) as u32;
        let c = if c > code::FAILED { code::FAILED } else { c };
        return Err(Error { code: c, message: format!("{}: error code {}", name, c), param: None });
    }
    if n == 0 {
        return Ok(Vec::new());
    }
    // The host wrote n bytes into a buffer from our alloc; copy and free it.
    let v = unsafe { std::slice::from_raw_parts(out, n as usize) }.to_vec();
    dealloc(out, n as u32);
    Ok(v)
}

/// Log levels (slog numbering).
pub const DEBUG: i64 = -4;
pub const INFO: i64 = 0;
pub const WARN: i64 = 4;

/// Logs a line through the host.
pub fn log(level: i64, msg: &str) {
    let mut w = Writer::new();
    w.field_sint(1, level);
    w.field_bytes(2, msg.as_bytes());
    let _ = call(imports::log, "log", &w);
}

/// The wall-clock time in Unix nanoseconds.
pub fn time_now() -> i64 {
    unsafe { imports::time_now() }
}

/// Reads the whole file at `path` (in chunks). A missing file is an error of
/// code `NOT_FOUND`.
pub fn fs_read(path: &str) -> Result<Vec<u8>, Error> {
    let mut all = Vec::new();
    loop {
        let mut w = Writer::new();
        w.field_bytes(1, path.as_bytes());
        w.field_uint(2, all.len() as u64);
        let resp = call(imports::fs_read, "fs_read", &w)?;
        let mut r = Reader::new(&resp);
        let (mut eof, mut got) = (false, 0);
        while let Some((tag, wt)) = r.key()? {
            match (tag, wt) {
                (1, 2) => {
                    let d = r.bytes()?;
                    got = d.len();
                    all.extend_from_slice(d);
                }
                (2, 0) => eof = r.uvarint()? != 0,
                _ => r.skip(wt)?,
            }
        }
        if eof || got == 0 {
            return Ok(all);
        }
    }
}

/// Replaces the file at `path` with `data`, atomically. `mode` 0 keeps an
/// existing file's mode (0644 for a new one).
pub fn fs_write(path: &str, data: &[u8], mode: u32) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    w.field_bytes(2, data);
    w.field_uint(3, mode as u64);
    call(imports::fs_write_atomic, "fs_write_atomic", &w).map(|_| ())
}

/// Sets the permission bits of `path`.
pub fn fs_chmod(path: &str, mode: u32) -> Result<(), Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    w.field_uint(2, mode as u64);
    call(imports::fs_chmod, "fs_chmod", &w).map(|_| ())
}

/// What `fs_stat` says of a path.
#[derive(Debug, Default, Clone)]
pub struct Stat {
    /// 1 file, 2 dir, 3 symlink, 4 other.
    pub kind: u64,
    pub mode: u32,
    pub size: u64,
    pub mtime_ns: i64,
    pub uid: u64,
    pub gid: u64,
}

/// Stats `path`, following a final symlink.
pub fn fs_stat(path: &str) -> Result<Stat, Error> {
    let mut w = Writer::new();
    w.field_bytes(1, path.as_bytes());
    let resp = call(imports::fs_stat, "fs_stat", &w)?;
    let mut r = Reader::new(&resp);
    let mut st = Stat::default();
    while let Some((tag, wt)) = r.key()? {
        match (tag, wt) {
            (1, 0) => st.kind = r.uvarint()?,
            (2, 0) => st.mode = r.uvarint()? as u32,
            (3, 0) => st.size = r.uvarint()?,
            (4, 0) => st.mtime_ns = r.svarint()?,
            (5, 0) => st.uid = r.uvarint()?,
            (6, 0) => st.gid = r.uvarint()?,
            _ => r.skip(wt)?,
        }
    }
    Ok(st)
}

/// The node's hostname.
pub fn hostname() -> Result<String, Error> {
    let resp = call(imports::hostname, "hostname", &Writer::new())?;
    let mut r = Reader::new(&resp);
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
    fn index(&self, name: &str) -> Option<usize> {
        self.kind.params.iter().position(|p| p.name == name)
    }
    /// The value of the param `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.index(name).map(|i| &self.values[i])
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

fn params_type(k: &Kind) -> Type {
    Type::Struct(k.params.iter().map(|p| (p.name.to_string(), (p.ty)())).collect())
}

/// Decodes a ResourceSpec or CheckRequest (section 6.3).
fn decode(req: &[u8]) -> Result<Res, Error> {
    let mut r = Reader::new(req);
    let (mut kind, mut name, mut params, mut unset) = (&b""[..], String::new(), None, Vec::new());
    let (mut refresh, mut debug, mut var_dir) = (false, false, String::new());
    while let Some((tag, wt)) = r.key()? {
        match (tag, wt) {
            (1, 2) => kind = r.bytes()?,
            (2, 2) => name = String::from_utf8_lossy(r.bytes()?).into_owned(),
            (3, 2) => params = Some(r.bytes()?),
            (4, 0) => refresh = r.uvarint()? != 0,
            (5, 0) => debug = r.uvarint()? != 0,
            (6, 2) => var_dir = String::from_utf8_lossy(r.bytes()?).into_owned(),
            (8, 2) => unset.push(r.bytes()?),
            _ => r.skip(wt)?,
        }
    }
    let k = crate::PLUGIN
        .kinds
        .iter()
        .find(|k| k.kind.as_bytes() == kind)
        .ok_or_else(|| Error { code: code::UNSUPPORTED, message: format!("unknown kind {}", String::from_utf8_lossy(kind)), param: None })?;
    let mut values = Vec::new();
    if let Some(p) = params {
        let mut pr = Reader::new(p);
        let t = Type::decode(&mut pr, 1)?;
        if t != params_type(k) {
            return Err(malformed("the params are not of the declared types"));
        }
        match Value::decode(&mut pr, &t)? {
            Value::Struct(v) => values = v,
            _ => return Err(malformed("params")),
        }
    }
    if values.len() != k.params.len() {
        return Err(malformed("params missing"));
    }
    let set = k.params.iter().map(|p| !unset.iter().any(|u| *u == p.name.as_bytes())).collect();
    Ok(Res { kind: k, name, refresh, debug, var_dir, values, set })
}

fn put_error(w: &mut Writer, e: &Error) {
    let mut m = Writer::new();
    m.field_uint(1, e.code as u64);
    m.field_bytes(2, e.message.as_bytes());
    if let Some(p) = e.param {
        m.field_bytes(3, p.as_bytes());
    }
    w.elem(15, &m.b);
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
    fn __wasm_call_ctors();
}

/// The reactor's initializer. Defining it (and calling the constructors)
/// also keeps the linker from wrapping every export in a command's
/// constructor and destructor calls.
#[export_name = "_initialize"]
pub extern "C" fn initialize() {
    unsafe { __wasm_call_ctors() }
}

#[export_name = "mgmt_abi_version"]
pub extern "C" fn abi_version() -> i32 {
    1
}

fn layout(n: u32) -> Layout {
    Layout::from_size_align(n.max(1) as usize, 8).unwrap()
}

/// alloc: a buffer from Rust's allocator (dealloc needs the same size).
#[export_name = "alloc"]
pub extern "C" fn alloc(n: u32) -> *mut u8 {
    unsafe { sys_alloc(layout(n)) }
}

#[export_name = "dealloc"]
pub extern "C" fn dealloc(p: *mut u8, n: u32) {
    if !p.is_null() {
        unsafe { sys_dealloc(p, layout(n)) }
    }
}

#[export_name = "describe"]
pub extern "C" fn describe(_p: *const u8, _n: u32) -> u64 {
    let pl = &crate::PLUGIN;
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
        w.elem(4, &kw.b);
    }
    for c in pl.capabilities {
        w.elem(6, c.as_bytes());
    }
    respond(w)
}

fn error_response(e: &Error) -> u64 {
    let mut w = Writer::new();
    put_error(&mut w, e);
    respond(w)
}

#[export_name = "validate"]
pub extern "C" fn validate(p: *const u8, n: u32) -> u64 {
    match decode(unsafe { request(p, n) }).and_then(|r| (r.kind.validate)(&r)) {
        Ok(()) => 0,
        Err(e) => error_response(&e),
    }
}

#[export_name = "watch"]
pub extern "C" fn watch(p: *const u8, n: u32) -> u64 {
    let r = match decode(unsafe { request(p, n) }) {
        Ok(r) => r,
        Err(e) => return error_response(&e),
    };
    let mut w = Writer::new();
    for spec in (r.kind.watch)(&r) {
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
        w.elem(1, &s.b);
    }
    respond(w)
}

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

#[export_name = "check"]
pub extern "C" fn check(p: *const u8, n: u32) -> u64 {
    check_apply(p, n, false)
}

#[export_name = "apply"]
pub extern "C" fn apply(p: *const u8, n: u32) -> u64 {
    check_apply(p, n, true)
}

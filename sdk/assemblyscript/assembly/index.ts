// The AssemblyScript SDK for mgmt-wasm plugins (host ABI v1, docs/abi.md).
//
// A plugin's entry file registers its kinds at top level and re-exports the
// SDK's exports, which then dispatch to them:
//
//   import { Kind, Param, Res, TYPE_STR, register, setPlugin } from "<sdk>/assembly/index";
//   export { mgmt_abi_version, alloc, dealloc, describe, validate, watch, check, apply } from "<sdk>/assembly/index";
//   setPlugin("my-plugin", "0.1.0", ["fs.read:/", "fs.write:/"]);
//   register(new Kind("mykind", [new Param("path", TYPE_STR)], null, null, checkApply));
//
// Build it with asc from this folder's node_modules (mk/langs.mk does):
//
//   asc entry.ts -o x.wasm --optimize --use abort= --exportStart _initialize
//
// `--use abort=` drops the `env.abort` import (a failed assertion traps), and
// `--exportStart _initialize` makes the top-level code the reactor's
// initializer, which the host calls once before anything else.

// ---------------------------------------------------------------------------
// Codes (section 8), log levels, types (section 5.1)

export const MALFORMED: u32 = 2;
export const UNSUPPORTED: u32 = 4;
export const DENIED: u32 = 5;
export const INVALID: u32 = 6;
export const NOT_FOUND: u32 = 7;
export const MEMORY: u32 = 14;
export const FAILED: u32 = 15;

export const DEBUG: i64 = -4;
export const INFO: i64 = 0;
export const WARN: i64 = 4;

/** Encoded types of params. Any other encoded type may be given as bytes. */
export const TYPE_BOOL: u8[] = [1];
export const TYPE_STR: u8[] = [2];
export const TYPE_INT: u8[] = [3];
export const TYPE_LIST_STR: u8[] = [5, 2];

// ---------------------------------------------------------------------------
// Decoding bin1 (section 4)

/** Reader decodes bin1 from raw memory [p, end). The first failure sets err
 * and later reads return zero values. */
export class Reader {
  err: u32 = 0;
  constructor(public p: usize, public end: usize) {}

  done(): bool {
    return this.err != 0 || this.p >= this.end;
  }
  fail(): void {
    if (this.err == 0) this.err = MALFORMED;
    this.p = this.end;
  }
  byte(): u8 {
    if (this.done()) {
      this.fail();
      return 0;
    }
    const c = load<u8>(this.p);
    this.p++;
    return c;
  }
  /** A minimal LEB128 uvarint. */
  uvarint(): u64 {
    let v: u64 = 0;
    for (let i = 0; i < 10; i++) {
      if (this.done()) break;
      const c = this.byte();
      if (i == 9 && c > 1) break;
      v |= (<u64>(c & 0x7f)) << (<u64>(7 * i));
      if ((c & 0x80) == 0) {
        if (c == 0 && i > 0) break;
        return v;
      }
    }
    this.fail();
    return 0;
  }
  svarint(): i64 {
    const u = this.uvarint();
    return (<i64>(u >> 1)) ^ -(<i64>(u & 1));
  }
  /** Length-prefixed bytes: returns their address; their length is in `n`. */
  n: u32 = 0;
  bytes(): usize {
    const len = this.uvarint();
    if (this.err != 0 || len > <u64>(this.end - this.p)) {
      this.fail();
      this.n = 0;
      return this.p;
    }
    const s = this.p;
    this.p += <usize>len;
    this.n = <u32>len;
    return s;
  }
  /** Length-prefixed bytes as a string (UTF-8). */
  str(): string {
    const s = this.bytes();
    return String.UTF8.decodeUnsafe(s, this.n, false);
  }
  /** A field key: returns the tag (0 at the end) and sets `wt`. */
  wt: u8 = 0;
  key(): u32 {
    if (this.done()) return 0;
    const k = this.uvarint();
    if (this.err != 0 || (k >> 3) == 0 || (k >> 3) > 0x1fffffff || (k & 7) > 2) {
      this.fail();
      return 0;
    }
    this.wt = <u8>(k & 7);
    return <u32>(k >> 3);
  }
  /** Skips the body of a field of wire type wt. */
  skip(wt: u8): void {
    if (wt == 0) this.uvarint();
    else if (wt == 1) this.take(8);
    else this.bytes();
  }
  take(n: usize): void {
    if (this.end - this.p < n) this.fail();
    else this.p += n;
  }
}

/** Skips one encoded type. */
function skipType(t: Reader, depth: i32): void {
  if (depth > 32) {
    t.fail();
    return;
  }
  const tag = t.byte();
  if (tag == 5) skipType(t, depth + 1);
  else if (tag == 6) {
    skipType(t, depth + 1);
    skipType(t, depth + 1);
  } else if (tag == 7 || tag == 8) {
    const n = t.uvarint();
    for (let i: u64 = 0; i < n && t.err == 0; i++) {
      t.bytes();
      skipType(t, depth + 1);
    }
    if (tag == 8) skipType(t, depth + 1);
  } else if (tag == 10) t.bytes();
  else if (tag < 1 || tag > 9) t.fail();
}

/** Skips a payload of the type t reads (advancing t past the type). */
function skipPayload(t: Reader, r: Reader, depth: i32): void {
  if (t.done() || depth > 32) {
    r.fail();
    return;
  }
  const tag = t.byte();
  if (tag == 1) {
    if (r.byte() > 1) r.fail();
  } else if (tag == 2) r.bytes();
  else if (tag == 3) r.uvarint();
  else if (tag == 4) r.take(8);
  else if (tag == 5 || tag == 6) {
    const count = r.uvarint();
    const elem = t.p;
    skipType(t, depth + 1);
    if (tag == 6) skipType(t, depth + 1);
    if (count > <u64>(r.end - r.p)) {
      r.fail();
      return;
    }
    for (let i: u64 = 0; i < count && r.err == 0; i++) {
      const et = new Reader(elem, t.p);
      skipPayload(et, r, depth + 1);
      if (tag == 6) skipPayload(et, r, depth + 1);
    }
  } else if (tag == 7) {
    const nf = t.uvarint();
    if (r.uvarint() != nf) {
      r.fail();
      return;
    }
    for (let i: u64 = 0; i < nf && r.err == 0 && t.err == 0; i++) {
      t.bytes();
      skipPayload(t, r, depth + 1);
    }
  } else r.fail();
}

// ---------------------------------------------------------------------------
// Encoding bin1

/** Writer encodes bin1. The field methods leave out defaults, as the
 * canonical form wants (section 4.2); write fields in tag order. */
export class Writer {
  buf: u8[] = [];

  get ptr(): usize {
    return this.buf.dataStart;
  }
  get len(): u32 {
    return <u32>this.buf.length;
  }
  uvarint(v: u64): void {
    while (v >= 0x80) {
      this.buf.push(<u8>(v & 0x7f) | 0x80);
      v >>= 7;
    }
    this.buf.push(<u8>v);
  }
  key(tag: u32, wt: u8): void {
    this.uvarint(((<u64>tag) << 3) | <u64>wt);
  }
  raw(p: usize, n: u32): void {
    for (let i: u32 = 0; i < n; i++) this.buf.push(load<u8>(p + i));
  }
  bytes(p: usize, n: u32): void {
    this.uvarint(n);
    this.raw(p, n);
  }
  fieldUint(tag: u32, v: u64): void {
    if (v != 0) {
      this.key(tag, 0);
      this.uvarint(v);
    }
  }
  fieldSint(tag: u32, v: i64): void {
    this.fieldUint(tag, <u64>((v << 1) ^ (v >> 63)));
  }
  fieldBool(tag: u32, v: bool): void {
    this.fieldUint(tag, v ? 1 : 0);
  }
  /** A singular bytes or string field: nothing when empty. */
  fieldStr(tag: u32, s: string): void {
    if (s.length > 0) this.elemStr(tag, s);
  }
  fieldBytes(tag: u32, p: usize, n: u32): void {
    if (n > 0) this.elem(tag, p, n);
  }
  /** An element of a repeated field or a message: written even when empty. */
  elem(tag: u32, p: usize, n: u32): void {
    this.key(tag, 2);
    this.bytes(p, n);
  }
  elemStr(tag: u32, s: string): void {
    const b = String.UTF8.encode(s, false);
    this.elem(tag, changetype<usize>(b), <u32>b.byteLength);
  }
  msg(tag: u32, m: Writer): void {
    this.elem(tag, m.ptr, m.len);
  }
  /** The buffer as a verb's result, copied into memory from alloc. */
  respond(): u64 {
    const n = this.len;
    if (n == 0) return 0;
    const p = heap.alloc(n);
    memory.copy(p, this.ptr, n);
    return ((<u64>p) << 32) | <u64>n;
  }
}

// ---------------------------------------------------------------------------
// Host imports (section 3)

@external("mgmt_v1", "log")
declare function host_log(req: usize, len: u32, out: usize): i32;
@external("mgmt_v1", "fs_read")
declare function host_fs_read(req: usize, len: u32, out: usize): i32;
@external("mgmt_v1", "fs_write_atomic")
declare function host_fs_write_atomic(req: usize, len: u32, out: usize): i32;
@external("mgmt_v1", "hostname")
declare function host_hostname(req: usize, len: u32, out: usize): i32;

const OUT: usize = memory.data(4);

/** The result of a host import: 0 or an error code, and the response. */
export class Result<T> {
  constructor(public code: u32, public value: T) {}
  get ok(): bool {
    return this.code == 0;
  }
}

/** Calls a host import; the response (if any) is in respPtr/respLen, to be
 * freed with heap.free. Returns 0 or a code. */
let respPtr: usize = 0;
let respLen: u32 = 0;
function call(imp: (req: usize, len: u32, out: usize) => i32, w: Writer): u32 {
  store<u32>(OUT, 0);
  const n = imp(w.ptr, w.len, OUT);
  respPtr = 0;
  respLen = 0;
  if (n < 0) return -n > <i32>FAILED ? FAILED : <u32>-n;
  respPtr = <usize>load<u32>(OUT);
  respLen = <u32>n;
  return 0;
}

/** Logs a line through the host. */
export function log(level: i64, msg: string): void {
  const w = new Writer();
  w.fieldSint(1, level);
  w.fieldStr(2, msg);
  call(host_log, w);
}

/** Reads the whole file at path, in chunks. A missing file is NOT_FOUND. */
export function readFile(path: string): Result<Uint8Array> {
  const all = new Writer();
  for (;;) {
    const w = new Writer();
    w.fieldStr(1, path);
    w.fieldUint(2, all.len);
    const code = call(host_fs_read, w);
    if (code != 0) return new Result<Uint8Array>(code, new Uint8Array(0));
    const r = new Reader(respPtr, respPtr + respLen);
    let eof = false;
    let got: u32 = 0;
    for (let tag = r.key(); tag != 0; tag = r.key()) {
      if (tag == 1 && r.wt == 2) {
        const d = r.bytes();
        got = r.n;
        all.raw(d, got);
      } else if (tag == 2 && r.wt == 0) eof = r.uvarint() != 0;
      else r.skip(r.wt);
    }
    if (respPtr != 0) heap.free(respPtr);
    if (r.err != 0) return new Result<Uint8Array>(r.err, new Uint8Array(0));
    if (eof || got == 0) break;
  }
  const out = new Uint8Array(all.len);
  memory.copy(out.dataStart, all.ptr, all.len);
  return new Result<Uint8Array>(0, out);
}

/** Replaces the file at path atomically (mode 0: keep it, 0644 if new). */
export function writeFile(path: string, data: Uint8Array, mode: u32): u32 {
  const w = new Writer();
  w.fieldStr(1, path);
  w.fieldBytes(2, data.dataStart, <u32>data.length);
  w.fieldUint(3, mode);
  return call(host_fs_write_atomic, w);
}

/** The node's hostname. */
export function hostname(): Result<string> {
  const code = call(host_hostname, new Writer());
  if (code != 0) return new Result<string>(code, "");
  const r = new Reader(respPtr, respPtr + respLen);
  let name = "";
  for (let tag = r.key(); tag != 0; tag = r.key()) {
    if (tag == 1 && r.wt == 2) name = r.str();
    else r.skip(r.wt);
  }
  if (respPtr != 0) heap.free(respPtr);
  return new Result<string>(r.err, name);
}

// ---------------------------------------------------------------------------
// Kinds

/** A param: its name and its encoded type. */
export class Param {
  constructor(public name: string, public type: u8[]) {}
}

/** A resource during a call: its name, params, and the error to report. */
export class Res {
  name: string = "";
  refresh: bool = false;
  debug: bool = false;
  varDir: string = "";
  payloads: usize[] = [];
  end: usize = 0; // the end of the params in the request
  set: bool[] = [];
  errCode: u32 = 0;
  errMsg: string = "";
  errParam: string = "";
  watches: Writer = new Writer();

  constructor(public kind: Kind) {}

  /** Records the call's error and returns -1 (for checkApply). */
  fail(code: u32, param: string, msg: string): i32 {
    this.errCode = code == 0 ? FAILED : code;
    this.errParam = param;
    this.errMsg = msg;
    return -1;
  }
  index(name: string): i32 {
    for (let i = 0; i < this.kind.params.length; i++) if (this.kind.params[i].name == name) return i;
    return -1;
  }
  /** Whether the user set the param (it is not in the request's unset). */
  isSet(name: string): bool {
    const i = this.index(name);
    return i >= 0 && this.set[i];
  }
  private reader(name: string): Reader {
    const i = this.index(name);
    if (i < 0) return new Reader(0, 0);
    return new Reader(this.payloads[i], this.end);
  }
  /** A str param. */
  str(name: string): string {
    if (this.index(name) < 0) return "";
    return this.reader(name).str();
  }
  /** An int param. */
  int(name: string): i64 {
    if (this.index(name) < 0) return 0;
    return this.reader(name).svarint();
  }
  /** A bool param. */
  bool(name: string): bool {
    if (this.index(name) < 0) return false;
    return this.reader(name).byte() == 1;
  }
  /** The items of a []str param. */
  strs(name: string): string[] {
    const out: string[] = [];
    if (this.index(name) < 0) return out;
    const r = this.reader(name);
    const n = r.uvarint();
    for (let i: u64 = 0; i < n; i++) out.push(r.str());
    return out;
  }
  /** Asks the host to watch path (for watch callbacks). */
  watchPath(path: string, recursive: bool): void {
    const s = new Writer();
    s.fieldUint(1, 1);
    s.fieldStr(2, path);
    s.fieldBool(3, recursive);
    this.watches.msg(1, s);
  }
  /** Asks the host for a timer. */
  watchInterval(ms: u64): void {
    const s = new Writer();
    s.fieldUint(1, 2);
    s.fieldUint(4, ms);
    this.watches.msg(1, s);
  }
}

/** A kind. validate and watch may be null (always valid, nothing to watch).
 * checkApply returns 1 when the state was correct, 0 when it changed it (or
 * without apply would), and -1 after r.fail. */
export class Kind {
  constructor(
    public kind: string,
    public params: Param[],
    public validate: ((r: Res) => void) | null,
    public watch: ((r: Res) => void) | null,
    public checkApply: (r: Res, apply: bool) => i32,
  ) {}
}

let pluginName = "";
let pluginVersion = "";
let capabilities: string[] = [];
const kinds: Kind[] = [];

/** Names the plugin and the capabilities describe asks for. */
export function setPlugin(name: string, version: string, caps: string[]): void {
  pluginName = name;
  pluginVersion = version;
  capabilities = caps;
}

/** Registers a kind. */
export function register(k: Kind): void {
  kinds.push(k);
}

// ---------------------------------------------------------------------------
// Exports (sections 1, 2 and 6)

export function mgmt_abi_version(): i32 {
  return 1;
}

export function alloc(n: u32): usize {
  return heap.alloc(n);
}

export function dealloc(p: usize, n: u32): void {
  heap.free(p);
}

export function describe(p: usize, n: u32): u64 {
  const w = new Writer();
  w.fieldStr(1, pluginName);
  w.fieldStr(2, pluginVersion);
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    const kw = new Writer();
    kw.fieldStr(1, k.kind);
    for (let j = 0; j < k.params.length; j++) {
      const pw = new Writer();
      pw.fieldStr(1, k.params[j].name);
      pw.elem(2, k.params[j].type.dataStart, <u32>k.params[j].type.length);
      kw.msg(2, pw);
    }
    w.msg(4, kw);
  }
  for (let i = 0; i < capabilities.length; i++) w.elemStr(6, capabilities[i]);
  return w.respond();
}

function equalBytes(p: usize, n: u32, b: u8[]): bool {
  return n == <u32>b.length && memory.compare(p, b.dataStart, n) == 0;
}

/** Decodes a ResourceSpec or CheckRequest; null for an unknown kind or a bad
 * request, with the error in `failure`. */
let failure = "";
let failureCode: u32 = 0;
function decode(p: usize, n: u32): Res | null {
  const r = new Reader(p, p + n);
  let kindP: usize = 0, kindN: u32 = 0, paramsP: usize = 0, paramsN: u32 = 0;
  let name = "", varDir = "";
  let refresh = false, debug = false;
  const unsetP: usize[] = [], unsetN: u32[] = [];
  for (let tag = r.key(); tag != 0; tag = r.key()) {
    const wt = r.wt;
    if (tag == 1 && wt == 2) {
      kindP = r.bytes();
      kindN = r.n;
    } else if (tag == 2 && wt == 2) name = r.str();
    else if (tag == 3 && wt == 2) {
      paramsP = r.bytes();
      paramsN = r.n;
    } else if (tag == 4 && wt == 0) refresh = r.uvarint() != 0;
    else if (tag == 5 && wt == 0) debug = r.uvarint() != 0;
    else if (tag == 6 && wt == 2) varDir = r.str();
    else if (tag == 8 && wt == 2) {
      unsetP.push(r.bytes());
      unsetN.push(r.n);
    } else r.skip(wt);
  }
  failureCode = MALFORMED;
  if (r.err != 0) {
    failure = "the request does not decode";
    return null;
  }
  const kindName = String.UTF8.decodeUnsafe(kindP, kindN, false);
  let k: Kind | null = null;
  for (let i = 0; i < kinds.length; i++) if (kinds[i].kind == kindName) k = kinds[i];
  if (k == null) {
    failureCode = UNSUPPORTED;
    failure = "unknown kind " + kindName;
    return null;
  }
  const res = new Res(k);
  res.name = name;
  res.refresh = refresh;
  res.debug = debug;
  res.varDir = varDir;
  const np = k.params.length;
  if (np == 0) return res;
  // The type: a struct of the declared params, in order.
  const t = new Reader(paramsP, paramsP + paramsN);
  if (t.byte() != 7 || t.uvarint() != <u64>np) {
    failure = "params are not the struct of kind " + kindName + "'s params";
    return null;
  }
  for (let i = 0; i < np; i++) {
    const nm = t.str();
    const ty = k.params[i].type;
    if (nm != k.params[i].name || t.end - t.p < <usize>ty.length || !equalBytes(t.p, <u32>ty.length, ty)) {
      failure = "param " + k.params[i].name + " is not of the declared type";
      return null;
    }
    t.p += <usize>ty.length;
  }
  // The payload: the count, then each field.
  const v = new Reader(t.p, t.end);
  res.end = t.end;
  if (v.uvarint() != <u64>np) {
    failure = "bad params payload";
    return null;
  }
  for (let i = 0; i < np; i++) {
    const ty = k.params[i].type;
    res.payloads.push(v.p);
    skipPayload(new Reader(ty.dataStart, ty.dataStart + <usize>ty.length), v, 1);
    let set = true;
    const pn = String.UTF8.encode(k.params[i].name, false);
    for (let j = 0; j < unsetP.length; j++) {
      if (unsetN[j] == <u32>pn.byteLength && memory.compare(unsetP[j], changetype<usize>(pn), unsetN[j]) == 0) set = false;
    }
    res.set.push(set);
  }
  if (v.err != 0) {
    failure = "bad params payload";
    return null;
  }
  return res;
}

function putError(w: Writer, code: u32, msg: string, param: string): void {
  const e = new Writer();
  e.fieldUint(1, code);
  e.fieldStr(2, msg);
  e.fieldStr(3, param);
  w.msg(15, e);
}

function failed(): u64 {
  const w = new Writer();
  putError(w, failureCode, failure, "");
  return w.respond();
}

function respond(r: Res, checkOK: bool, withWatches: bool): u64 {
  const w = new Writer();
  if (r.errCode != 0) {
    putError(w, r.errCode, r.errMsg, r.errParam);
  } else if (withWatches) {
    w.raw(r.watches.ptr, r.watches.len);
  } else {
    w.fieldBool(1, checkOK);
  }
  return w.respond();
}

export function validate(p: usize, n: u32): u64 {
  const r = decode(p, n);
  if (r == null) return failed();
  const f = r.kind.validate;
  if (f != null) f(r);
  return respond(r, false, false);
}

export function watch(p: usize, n: u32): u64 {
  const r = decode(p, n);
  if (r == null) return failed();
  const f = r.kind.watch;
  if (f != null) f(r);
  return respond(r, false, true);
}

function checkApply(p: usize, n: u32, apply: bool): u64 {
  const r = decode(p, n);
  if (r == null) return failed();
  const ok = r.kind.checkApply(r, apply);
  if (ok < 0 && r.errCode == 0) r.fail(FAILED, "", apply ? "apply failed" : "check failed");
  return respond(r, ok > 0, false);
}

export function check(p: usize, n: u32): u64 {
  return checkApply(p, n, false);
}

export function apply(p: usize, n: u32): u64 {
  return checkApply(p, n, true);
}

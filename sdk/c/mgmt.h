/*
 * mgmt.h: the C SDK for mgmt-wasm plugins (host ABI v1, docs/abi.md).
 *
 * A plugin is one or more C files built as a wasm32 reactor:
 *
 *   clang --target=wasm32-wasi -mexec-model=reactor -O2 -I sdk/c -o x.wasm x.c
 *
 * Exactly one of them defines MGMT_IMPLEMENTATION before including this
 * header: that file gets the exports (mgmt_abi_version, alloc, dealloc and the
 * verbs describe, validate, watch, check, apply), which dispatch to the kinds
 * the plugin lists in `mgmt_plugin`, a variable it defines:
 *
 *   #define MGMT_IMPLEMENTATION
 *   #include "mgmt.h"
 *
 *   static const mgmt_param params[] = {{"path", MGMT_TYPE_STR}};
 *   static const mgmt_kind kinds[] = {{"mykind", params, 1, validate, watch, check_apply}};
 *   static const char *caps[] = {"fs.read:/", "fs.write:/"};
 *   const mgmt_plugin_info mgmt_plugin = {"my-plugin", "0.1.0", kinds, 1, caps, 2};
 *
 * The header has three parts: the bin1 encoding (mgmt_reader to decode,
 * mgmt_buf to encode), the host imports with small wrappers (mgmt_fs_read,
 * mgmt_fs_write, mgmt_fs_stat, mgmt_hostname, mgmt_log), and the kind
 * framework (mgmt_res: the decoded request, typed param accessors, errors and
 * watches). Everything but the exports is static, so it may be included in
 * several files. It needs only <stdint.h>, <stdlib.h>, <string.h>, <stdarg.h>
 * and <stdio.h> (vsnprintf) from wasi-libc.
 */
#ifndef MGMT_H
#define MGMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MGMT_EXPORT(name) __attribute__((export_name(name)))
#define MGMT_IMPORT(name) __attribute__((import_module("mgmt_v1"), import_name(name)))
/* MGMT_FN marks the helpers: static, and no warning when a plugin does not use one. */
#define MGMT_FN static __attribute__((unused))

/* Error codes (docs/abi.md section 8). Host imports return them negated. */
enum {
  MGMT_OK = 0, MGMT_INTERNAL = 1, MGMT_MALFORMED = 2, MGMT_LIMIT = 3, MGMT_UNSUPPORTED = 4,
  MGMT_DENIED = 5, MGMT_INVALID = 6, MGMT_NOT_FOUND = 7, MGMT_EXISTS = 8, MGMT_NOT_DIR = 9,
  MGMT_IS_DIR = 10, MGMT_NOT_EMPTY = 11, MGMT_IO = 12, MGMT_TIMEOUT = 13, MGMT_MEMORY = 14,
  MGMT_FAILED = 15
};

/* Log levels (slog numbering). */
enum { MGMT_DEBUG = -4, MGMT_INFO = 0, MGMT_WARN = 4, MGMT_ERROR = 8 };

/* Wire types (section 4.2). */
enum { MGMT_WT_VARINT = 0, MGMT_WT_FIXED64 = 1, MGMT_WT_LEN = 2 };

/* Encoded types (section 5.1), as C string literals of their bytes. A param's
 * type is given as one of these (or any other encoded type: "\x05\x03" is []int). */
#define MGMT_TYPE_BOOL "\x01"
#define MGMT_TYPE_STR "\x02"
#define MGMT_TYPE_INT "\x03"
#define MGMT_TYPE_FLOAT "\x04"
#define MGMT_TYPE_LIST_STR "\x05\x02"

/* ------------------------------------------------------------------ */
/* Decoding                                                            */
/* ------------------------------------------------------------------ */

/* mgmt_reader reads bin1 from [p, end). The first failure sets err (a code)
 * and every later read returns zero values, so a caller may check err once. */
typedef struct {
  const uint8_t *p, *end;
  int err;
} mgmt_reader;

MGMT_FN inline mgmt_reader mgmt_reader_of(const uint8_t *p, uint32_t n) {
  mgmt_reader r = {p, p + n, 0};
  return r;
}

MGMT_FN inline int mgmt_reader_done(const mgmt_reader *r) { return r->err || r->p >= r->end; }

MGMT_FN inline void mgmt_reader_fail(mgmt_reader *r) {
  if (!r->err) r->err = MGMT_MALFORMED;
  r->p = r->end;
}

/* mgmt_read_uvarint reads a minimal LEB128 uvarint (section 4.1). */
MGMT_FN uint64_t mgmt_read_uvarint(mgmt_reader *r) {
  uint64_t v = 0;
  for (int i = 0; i < 10; i++) {
    if (r->err || r->p >= r->end) break;
    uint8_t b = *r->p++;
    if (i == 9 && b > 1) break;
    v |= (uint64_t)(b & 0x7f) << (7 * i);
    if (!(b & 0x80)) {
      if (b == 0 && i > 0) break; /* not minimal */
      return v;
    }
  }
  mgmt_reader_fail(r);
  return 0;
}

/* mgmt_read_svarint reads a zigzag svarint. */
MGMT_FN inline int64_t mgmt_read_svarint(mgmt_reader *r) {
  uint64_t u = mgmt_read_uvarint(r);
  return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

/* mgmt_read_bytes reads a length-prefixed byte string and returns a pointer
 * into the input (not NUL-terminated); *n is its length. */
MGMT_FN const uint8_t *mgmt_read_bytes(mgmt_reader *r, uint32_t *n) {
  uint64_t len = mgmt_read_uvarint(r);
  if (r->err || len > (uint64_t)(r->end - r->p)) {
    mgmt_reader_fail(r);
    *n = 0;
    return r->p;
  }
  const uint8_t *s = r->p;
  r->p += len;
  *n = (uint32_t)len;
  return s;
}

/* mgmt_read_key reads a field key; it returns the tag (0 at the end or on
 * error) and stores the wire type in *wt. */
MGMT_FN uint32_t mgmt_read_key(mgmt_reader *r, int *wt) {
  if (mgmt_reader_done(r)) return 0;
  uint64_t k = mgmt_read_uvarint(r);
  if (r->err || (k >> 3) == 0 || (k >> 3) > 0x1fffffff || (k & 7) > 2) {
    mgmt_reader_fail(r);
    return 0;
  }
  *wt = (int)(k & 7);
  return (uint32_t)(k >> 3);
}

/* mgmt_skip skips the body of a field of wire type wt. */
MGMT_FN void mgmt_skip(mgmt_reader *r, int wt) {
  uint32_t n;
  switch (wt) {
  case MGMT_WT_VARINT: (void)mgmt_read_uvarint(r); break;
  case MGMT_WT_FIXED64:
    if (r->end - r->p < 8) mgmt_reader_fail(r); else r->p += 8;
    break;
  case MGMT_WT_LEN: (void)mgmt_read_bytes(r, &n); break;
  default: mgmt_reader_fail(r);
  }
}

/* mgmt_skip_type skips one encoded type (section 5.1). */
MGMT_FN void mgmt_skip_type(mgmt_reader *r, int depth) {
  if (r->err || r->p >= r->end || depth > 32) { mgmt_reader_fail(r); return; }
  uint32_t n;
  switch (*r->p++) {
  case 1: case 2: case 3: case 4: case 9: return;
  case 5: mgmt_skip_type(r, depth + 1); return;
  case 6: mgmt_skip_type(r, depth + 1); mgmt_skip_type(r, depth + 1); return;
  case 7: case 8: {
    uint8_t tag = r->p[-1];
    uint64_t count = mgmt_read_uvarint(r);
    for (uint64_t i = 0; i < count && !r->err; i++) {
      (void)mgmt_read_bytes(r, &n);
      mgmt_skip_type(r, depth + 1);
    }
    if (tag == 8) mgmt_skip_type(r, depth + 1);
    return;
  }
  case 10: (void)mgmt_read_bytes(r, &n); return;
  default: mgmt_reader_fail(r);
  }
}

/* mgmt_skip_payload skips a payload (section 5.2) of the type that starts at
 * r->p's sibling reader t (which it advances past the type). */
MGMT_FN void mgmt_skip_payload(mgmt_reader *t, mgmt_reader *r, int depth) {
  if (t->err || r->err || t->p >= t->end || depth > 32) { mgmt_reader_fail(r); return; }
  uint32_t n;
  uint8_t tag = *t->p++;
  switch (tag) {
  case 1:
    if (r->p >= r->end || *r->p > 1) mgmt_reader_fail(r); else r->p++;
    return;
  case 2: (void)mgmt_read_bytes(r, &n); return;
  case 3: (void)mgmt_read_uvarint(r); return;
  case 4: if (r->end - r->p < 8) mgmt_reader_fail(r); else r->p += 8; return;
  case 5: case 6: {
    uint64_t count = mgmt_read_uvarint(r);
    const uint8_t *elem = t->p;
    mgmt_reader e = *t;
    mgmt_skip_type(&e, depth + 1);
    if (tag == 6) mgmt_skip_type(&e, depth + 1);
    if (count > (uint64_t)(r->end - r->p)) { mgmt_reader_fail(r); return; }
    for (uint64_t i = 0; i < count && !r->err; i++) {
      mgmt_reader et = {elem, e.p, 0};
      mgmt_skip_payload(&et, r, depth + 1);
      if (tag == 6) mgmt_skip_payload(&et, r, depth + 1);
    }
    t->p = e.p;
    return;
  }
  case 7: {
    uint64_t nf = mgmt_read_uvarint(t);
    uint64_t count = mgmt_read_uvarint(r);
    if (count != nf) { mgmt_reader_fail(r); return; }
    for (uint64_t i = 0; i < nf && !r->err && !t->err; i++) {
      (void)mgmt_read_bytes(t, &n);
      mgmt_skip_payload(t, r, depth + 1);
    }
    return;
  }
  default: mgmt_reader_fail(r); /* no payload can be sent for func, variant, ?N */
  }
}

/* ------------------------------------------------------------------ */
/* Encoding                                                            */
/* ------------------------------------------------------------------ */

/* mgmt_buf is a growing output buffer allocated with malloc (the allocator
 * alloc uses, so a response built in one can be returned as it is). A failed
 * allocation sets err and the buffer stops growing. */
typedef struct {
  uint8_t *p;
  uint32_t len, cap;
  int err;
} mgmt_buf;

MGMT_FN int mgmt_buf_grow(mgmt_buf *b, uint32_t more) {
  if (b->err) return 0;
  if (b->len + more <= b->cap) return 1;
  uint32_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + more) cap *= 2;
  uint8_t *p = realloc(b->p, cap);
  if (!p) { b->err = MGMT_MEMORY; return 0; }
  b->p = p;
  b->cap = cap;
  return 1;
}

MGMT_FN inline void mgmt_buf_free(mgmt_buf *b) { free(b->p); b->p = NULL; b->len = b->cap = 0; }

MGMT_FN inline void mgmt_put_raw(mgmt_buf *b, const void *s, uint32_t n) {
  if (n && mgmt_buf_grow(b, n)) { memcpy(b->p + b->len, s, n); b->len += n; }
}

MGMT_FN void mgmt_put_uvarint(mgmt_buf *b, uint64_t v) {
  uint8_t tmp[10];
  uint32_t n = 0;
  do {
    uint8_t c = v & 0x7f;
    v >>= 7;
    tmp[n++] = v ? (c | 0x80) : c;
  } while (v);
  mgmt_put_raw(b, tmp, n);
}

MGMT_FN inline void mgmt_put_key(mgmt_buf *b, uint32_t tag, int wt) {
  mgmt_put_uvarint(b, ((uint64_t)tag << 3) | (uint64_t)wt);
}

MGMT_FN inline void mgmt_put_bytes(mgmt_buf *b, const void *s, uint32_t n) {
  mgmt_put_uvarint(b, n);
  mgmt_put_raw(b, s, n);
}

/* Field writers. Following the canonical rules (section 4.2), the singular
 * ones write nothing for a default value; the caller writes fields in tag order. */
MGMT_FN inline void mgmt_field_uint(mgmt_buf *b, uint32_t tag, uint64_t v) {
  if (v) { mgmt_put_key(b, tag, MGMT_WT_VARINT); mgmt_put_uvarint(b, v); }
}
MGMT_FN inline void mgmt_field_sint(mgmt_buf *b, uint32_t tag, int64_t v) {
  if (v) mgmt_field_uint(b, tag, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}
MGMT_FN inline void mgmt_field_bool(mgmt_buf *b, uint32_t tag, int v) { mgmt_field_uint(b, tag, v ? 1 : 0); }
MGMT_FN inline void mgmt_field_bytes(mgmt_buf *b, uint32_t tag, const void *s, uint32_t n) {
  if (n) { mgmt_put_key(b, tag, MGMT_WT_LEN); mgmt_put_bytes(b, s, n); }
}
MGMT_FN inline void mgmt_field_str(mgmt_buf *b, uint32_t tag, const char *s) {
  mgmt_field_bytes(b, tag, s, (uint32_t)strlen(s));
}
/* mgmt_field_elem writes one element of a repeated or a message field: it is
 * written even when empty. */
MGMT_FN inline void mgmt_field_elem(mgmt_buf *b, uint32_t tag, const void *s, uint32_t n) {
  mgmt_put_key(b, tag, MGMT_WT_LEN);
  mgmt_put_bytes(b, s, n);
}
/* mgmt_field_msg writes a nested message, and frees it. */
MGMT_FN inline void mgmt_field_msg(mgmt_buf *b, uint32_t tag, mgmt_buf *m) {
  if (m->err) b->err = m->err;
  mgmt_field_elem(b, tag, m->p, m->len);
  mgmt_buf_free(m);
}

/* mgmt_pack returns a buffer as a verb's result, (ptr << 32) | len. */
MGMT_FN inline uint64_t mgmt_pack(mgmt_buf *b) {
  if (b->err) __builtin_trap(); /* out of memory: the host discards the instance */
  if (b->len == 0) { mgmt_buf_free(b); return 0; }
  return ((uint64_t)(uintptr_t)b->p << 32) | b->len;
}

/* ------------------------------------------------------------------ */
/* Host imports (section 3) and wrappers                               */
/* ------------------------------------------------------------------ */

#define MGMT_DECLARE_IMPORT(c, name) \
  MGMT_IMPORT(name) int32_t c(const uint8_t *req, uint32_t len, uint8_t **out);
MGMT_DECLARE_IMPORT(mgmt_import_log, "log")
MGMT_DECLARE_IMPORT(mgmt_import_fs_stat, "fs_stat")
MGMT_DECLARE_IMPORT(mgmt_import_fs_read, "fs_read")
MGMT_DECLARE_IMPORT(mgmt_import_fs_write_atomic, "fs_write_atomic")
MGMT_DECLARE_IMPORT(mgmt_import_fs_mkdir, "fs_mkdir")
MGMT_DECLARE_IMPORT(mgmt_import_fs_remove, "fs_remove")
MGMT_DECLARE_IMPORT(mgmt_import_fs_chmod, "fs_chmod")
MGMT_DECLARE_IMPORT(mgmt_import_hostname, "hostname")
MGMT_IMPORT("time_now") int64_t mgmt_time_now(void);

/* mgmt_call calls a host import with request b (which it frees). It returns a
 * negative code, or 0 and the response in *resp and *n (free it with free; NULL
 * for an empty response). */
MGMT_FN int mgmt_call(int32_t (*imp)(const uint8_t *, uint32_t, uint8_t **), mgmt_buf *b,
                     uint8_t **resp, uint32_t *n) {
  uint8_t *out = NULL;
  if (b->err) { mgmt_buf_free(b); return -MGMT_MEMORY; }
  int32_t r = imp(b->p, b->len, &out);
  mgmt_buf_free(b);
  if (r < 0) {
    if (-r > MGMT_FAILED) r = -MGMT_FAILED; /* an unknown code reads as failed */
    return r;
  }
  if (resp) { *resp = out; *n = (uint32_t)r; }
  else free(out);
  return 0;
}

/* mgmt_log logs a printf-formatted line at level (MGMT_INFO, ...). */
MGMT_FN void mgmt_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
MGMT_FN void mgmt_log(int level, const char *fmt, ...) {
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if (n >= (int)sizeof line) n = sizeof line - 1;
  mgmt_buf b = {0};
  mgmt_field_sint(&b, 1, level);
  mgmt_field_bytes(&b, 2, line, (uint32_t)n);
  (void)mgmt_call(mgmt_import_log, &b, NULL, NULL);
}

/* mgmt_stat is StatResponse (section 7). */
typedef struct {
  uint32_t type; /* 1 file, 2 dir, 3 symlink, 4 other */
  uint32_t mode; /* permission bits */
  uint64_t size;
  int64_t mtime_ns;
  uint32_t uid, gid;
} mgmt_stat;

/* mgmt_fs_stat stats path (following a final symlink unless nofollow). It
 * returns 0 or a negative code (-MGMT_NOT_FOUND when it does not exist). */
MGMT_FN int mgmt_fs_stat(const char *path, int nofollow, mgmt_stat *st) {
  mgmt_buf b = {0};
  mgmt_field_str(&b, 1, path);
  mgmt_field_bool(&b, 2, nofollow);
  uint8_t *resp;
  uint32_t n;
  int rc = mgmt_call(mgmt_import_fs_stat, &b, &resp, &n);
  if (rc) return rc;
  memset(st, 0, sizeof *st);
  mgmt_reader r = mgmt_reader_of(resp, n);
  int wt;
  for (uint32_t tag; (tag = mgmt_read_key(&r, &wt));) {
    if (wt != MGMT_WT_VARINT) { mgmt_skip(&r, wt); continue; }
    switch (tag) {
    case 1: st->type = (uint32_t)mgmt_read_uvarint(&r); break;
    case 2: st->mode = (uint32_t)mgmt_read_uvarint(&r); break;
    case 3: st->size = mgmt_read_uvarint(&r); break;
    case 4: st->mtime_ns = mgmt_read_svarint(&r); break;
    case 5: st->uid = (uint32_t)mgmt_read_uvarint(&r); break;
    case 6: st->gid = (uint32_t)mgmt_read_uvarint(&r); break;
    default: mgmt_skip(&r, wt);
    }
  }
  free(resp);
  return r.err ? -r.err : 0;
}

/* mgmt_fs_read reads the whole file at path (in chunks, section 7) into a
 * malloc'd buffer *data of *n bytes (NUL-terminated for convenience; free it).
 * It returns 0 or a negative code. */
MGMT_FN int mgmt_fs_read(const char *path, uint8_t **data, uint32_t *n) {
  mgmt_buf all = {0};
  for (;;) {
    mgmt_buf b = {0};
    mgmt_field_str(&b, 1, path);
    mgmt_field_uint(&b, 2, all.len);
    uint8_t *resp;
    uint32_t rn;
    int rc = mgmt_call(mgmt_import_fs_read, &b, &resp, &rn);
    if (rc) { mgmt_buf_free(&all); return rc; }
    mgmt_reader r = mgmt_reader_of(resp, rn);
    int wt, eof = 0;
    uint32_t got = 0;
    for (uint32_t tag; (tag = mgmt_read_key(&r, &wt));) {
      if (tag == 1 && wt == MGMT_WT_LEN) {
        const uint8_t *s = mgmt_read_bytes(&r, &got);
        mgmt_put_raw(&all, s, got);
      } else if (tag == 2 && wt == MGMT_WT_VARINT) {
        eof = mgmt_read_uvarint(&r) != 0;
      } else {
        mgmt_skip(&r, wt);
      }
    }
    free(resp);
    if (r.err) { mgmt_buf_free(&all); return -r.err; }
    if (eof || got == 0) break;
  }
  mgmt_put_raw(&all, "", 1); /* the NUL */
  if (all.err) { mgmt_buf_free(&all); return -MGMT_MEMORY; }
  *data = all.p;
  *n = all.len - 1;
  return 0;
}

/* mgmt_fs_write replaces the file at path with data, atomically (a new file
 * gets mode, or 0644 when mode is 0; an existing one keeps its mode when mode
 * is 0). It returns 0 or a negative code. */
MGMT_FN int mgmt_fs_write(const char *path, const void *data, uint32_t n, uint32_t mode) {
  mgmt_buf b = {0};
  mgmt_field_str(&b, 1, path);
  mgmt_field_bytes(&b, 2, data, n);
  mgmt_field_uint(&b, 3, mode);
  return mgmt_call(mgmt_import_fs_write_atomic, &b, NULL, NULL);
}

/* mgmt_fs_mkdir creates a directory (mode 0 means 0755; parents as mkdir -p). */
MGMT_FN int mgmt_fs_mkdir(const char *path, uint32_t mode, int parents) {
  mgmt_buf b = {0};
  mgmt_field_str(&b, 1, path);
  mgmt_field_uint(&b, 2, mode);
  mgmt_field_bool(&b, 3, parents);
  return mgmt_call(mgmt_import_fs_mkdir, &b, NULL, NULL);
}

/* mgmt_fs_remove removes path (a directory's contents too with recursive). */
MGMT_FN int mgmt_fs_remove(const char *path, int recursive) {
  mgmt_buf b = {0};
  mgmt_field_str(&b, 1, path);
  mgmt_field_bool(&b, 2, recursive);
  return mgmt_call(mgmt_import_fs_remove, &b, NULL, NULL);
}

/* mgmt_fs_chmod sets path's permission bits. */
MGMT_FN int mgmt_fs_chmod(const char *path, uint32_t mode) {
  mgmt_buf b = {0};
  mgmt_field_str(&b, 1, path);
  mgmt_field_uint(&b, 2, mode);
  return mgmt_call(mgmt_import_fs_chmod, &b, NULL, NULL);
}

/* mgmt_hostname copies the node's hostname, NUL-terminated, into buf of size
 * n (cut if longer). It returns 0 or a negative code. */
MGMT_FN int mgmt_hostname(char *buf, uint32_t size) {
  mgmt_buf b = {0};
  uint8_t *resp;
  uint32_t rn;
  int rc = mgmt_call(mgmt_import_hostname, &b, &resp, &rn);
  if (rc) return rc;
  buf[0] = 0;
  mgmt_reader r = mgmt_reader_of(resp, rn);
  int wt;
  for (uint32_t tag; (tag = mgmt_read_key(&r, &wt));) {
    if (tag == 1 && wt == MGMT_WT_LEN) {
      uint32_t n;
      const uint8_t *s = mgmt_read_bytes(&r, &n);
      if (n >= size) n = size - 1;
      memcpy(buf, s, n);
      buf[n] = 0;
    } else {
      mgmt_skip(&r, wt);
    }
  }
  free(resp);
  return r.err ? -r.err : 0;
}

/* ------------------------------------------------------------------ */
/* Kinds                                                               */
/* ------------------------------------------------------------------ */

/* mgmt_param declares a param: its name and its encoded type (MGMT_TYPE_*). */
typedef struct {
  const char *name;
  const char *type; /* encoded type bytes, a C string (no type contains 0x00 before its end) */
} mgmt_param;

/* mgmt_value is a param's value in the request: its payload bytes, valid
 * during the call. */
typedef struct {
  const uint8_t *payload;
  uint32_t len;
  int set; /* the user set it (it is not in the request's unset list) */
} mgmt_value;

#ifndef MGMT_MAX_PARAMS
#define MGMT_MAX_PARAMS 32
#endif

struct mgmt_kind;

/* mgmt_res is one resource during a verb: the decoded request and what the
 * callbacks build for the response. */
typedef struct {
  const struct mgmt_kind *kind;
  const uint8_t *name; /* not NUL-terminated; see name_len */
  uint32_t name_len;
  int refresh, debug;
  const uint8_t *var_dir;
  uint32_t var_dir_len;
  mgmt_value values[MGMT_MAX_PARAMS];
  /* The response under construction. */
  int err_code;
  char err_msg[512];
  const char *err_param;
  mgmt_buf watches; /* WatchSpec elements, already keyed as field 1 */
} mgmt_res;

/* A kind: its name, params and callbacks. validate and watch may be NULL
 * (always valid, nothing to watch). check_apply returns 1 when the state was
 * already correct, 0 when it changed it (or, without apply, would), and -1
 * after mgmt_fail. */
typedef struct mgmt_kind {
  const char *kind;
  const mgmt_param *params;
  uint32_t nparams;
  int (*validate)(mgmt_res *r);
  int (*watch)(mgmt_res *r);
  int (*check_apply)(mgmt_res *r, int apply);
} mgmt_kind;

/* The plugin: what describe says. The plugin defines `mgmt_plugin`. */
typedef struct {
  const char *name, *version;
  const mgmt_kind *kinds;
  uint32_t nkinds;
  const char *const *capabilities;
  uint32_t ncapabilities;
} mgmt_plugin_info;

extern const mgmt_plugin_info mgmt_plugin;

/* mgmt_fail records the call's error (param may be NULL) and returns -1.
 * A code of 0 means MGMT_FAILED; pass a host import's negative result as it is. */
MGMT_FN int mgmt_fail(mgmt_res *r, int code, const char *param, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
MGMT_FN int mgmt_fail(mgmt_res *r, int code, const char *param, const char *fmt, ...) {
  if (code < 0) code = -code;
  r->err_code = code ? code : MGMT_FAILED;
  r->err_param = param;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err_msg, sizeof r->err_msg, fmt, ap);
  va_end(ap);
  return -1;
}

MGMT_FN int mgmt_param_index(const mgmt_res *r, const char *name) {
  for (uint32_t i = 0; i < r->kind->nparams; i++)
    if (!strcmp(r->kind->params[i].name, name)) return (int)i;
  return -1;
}

/* mgmt_get returns the value of the param name (NULL if the kind has none). */
MGMT_FN inline const mgmt_value *mgmt_get(const mgmt_res *r, const char *name) {
  int i = mgmt_param_index(r, name);
  return i < 0 ? NULL : &r->values[i];
}

/* mgmt_is_set reports whether the user set the param (section 6.3, unset). */
MGMT_FN inline int mgmt_is_set(const mgmt_res *r, const char *name) {
  const mgmt_value *v = mgmt_get(r, name);
  return v && v->set;
}

/* mgmt_str returns a str param as a malloc'd NUL-terminated copy (free it),
 * its length in *n if n is not NULL. */
MGMT_FN char *mgmt_str(const mgmt_res *r, const char *name, uint32_t *n) {
  const mgmt_value *v = mgmt_get(r, name);
  uint32_t len = 0;
  const uint8_t *s = NULL;
  if (v) {
    mgmt_reader rd = mgmt_reader_of(v->payload, v->len);
    s = mgmt_read_bytes(&rd, &len);
  }
  char *out = malloc(len + 1);
  if (!out) __builtin_trap();
  if (len) memcpy(out, s, len);
  out[len] = 0;
  if (n) *n = len;
  return out;
}

/* mgmt_int returns an int param. */
MGMT_FN inline int64_t mgmt_int(const mgmt_res *r, const char *name) {
  const mgmt_value *v = mgmt_get(r, name);
  if (!v) return 0;
  mgmt_reader rd = mgmt_reader_of(v->payload, v->len);
  return mgmt_read_svarint(&rd);
}

/* mgmt_bool returns a bool param. */
MGMT_FN inline int mgmt_bool(const mgmt_res *r, const char *name) {
  const mgmt_value *v = mgmt_get(r, name);
  return v && v->len == 1 && v->payload[0] == 1;
}

/* mgmt_strs_next iterates over a []str param: start with *it zeroed; each
 * call stores the next item in *s and *n and returns 1, or returns 0 at the end. */
typedef struct {
  mgmt_reader r;
  uint64_t left;
  int started;
} mgmt_iter;
MGMT_FN int mgmt_strs_next(const mgmt_res *r, const char *name, mgmt_iter *it, const uint8_t **s,
                          uint32_t *n) {
  if (!it->started) {
    const mgmt_value *v = mgmt_get(r, name);
    it->started = 1;
    if (!v) return 0;
    it->r = mgmt_reader_of(v->payload, v->len);
    it->left = mgmt_read_uvarint(&it->r);
  }
  if (!it->left || it->r.err) return 0;
  it->left--;
  *s = mgmt_read_bytes(&it->r, n);
  return !it->r.err;
}

/* mgmt_watch_path asks the host to watch path (and what is beneath it with
 * recursive); mgmt_watch_interval asks for a timer. For watch callbacks. */
MGMT_FN void mgmt_watch_path(mgmt_res *r, const char *path, int recursive) {
  mgmt_buf w = {0};
  mgmt_field_uint(&w, 1, 1);
  mgmt_field_str(&w, 2, path);
  mgmt_field_bool(&w, 3, recursive);
  mgmt_field_msg(&r->watches, 1, &w);
}
MGMT_FN void mgmt_watch_interval(mgmt_res *r, uint64_t ms) {
  mgmt_buf w = {0};
  mgmt_field_uint(&w, 1, 2);
  mgmt_field_uint(&w, 4, ms);
  mgmt_field_msg(&r->watches, 1, &w);
}

/* ------------------------------------------------------------------ */
/* The exports (only where MGMT_IMPLEMENTATION is defined)             */
/* ------------------------------------------------------------------ */
#ifdef MGMT_IMPLEMENTATION

MGMT_EXPORT("mgmt_abi_version") int32_t mgmt_export_abi_version(void) { return 1; }
MGMT_EXPORT("alloc") void *mgmt_export_alloc(uint32_t n) { return malloc(n); }
MGMT_EXPORT("dealloc") void mgmt_export_dealloc(void *p, uint32_t n) { (void)n; free(p); }

MGMT_FN void mgmt_put_error(mgmt_buf *b, int code, const char *msg, const char *param) {
  mgmt_buf e = {0};
  mgmt_field_uint(&e, 1, (uint64_t)code);
  mgmt_field_str(&e, 2, msg);
  if (param) mgmt_field_str(&e, 3, param);
  mgmt_field_msg(b, 15, &e);
}

MGMT_EXPORT("describe") uint64_t mgmt_export_describe(const uint8_t *p, uint32_t n) {
  (void)p, (void)n;
  const mgmt_plugin_info *pl = &mgmt_plugin;
  mgmt_buf b = {0};
  mgmt_field_str(&b, 1, pl->name);
  mgmt_field_str(&b, 2, pl->version);
  for (uint32_t i = 0; i < pl->nkinds; i++) {
    const mgmt_kind *k = &pl->kinds[i];
    mgmt_buf kb = {0};
    mgmt_field_str(&kb, 1, k->kind);
    for (uint32_t j = 0; j < k->nparams; j++) {
      mgmt_buf pb = {0};
      mgmt_field_str(&pb, 1, k->params[j].name);
      mgmt_field_str(&pb, 2, k->params[j].type);
      mgmt_field_msg(&kb, 2, &pb);
    }
    mgmt_field_msg(&b, 4, &kb);
  }
  for (uint32_t i = 0; i < pl->ncapabilities; i++) {
    const char *c = pl->capabilities[i];
    mgmt_field_elem(&b, 6, c, (uint32_t)strlen(c));
  }
  return mgmt_pack(&b);
}

/* mgmt_decode_params reads the typed struct of params (section 6.3) into
 * r->values, checking that its type is the kind's. */
MGMT_FN int mgmt_decode_params(mgmt_res *r, const uint8_t *p, uint32_t n) {
  const mgmt_kind *k = r->kind;
  mgmt_reader t = mgmt_reader_of(p, n);
  if (t.p >= t.end || *t.p++ != 7 || mgmt_read_uvarint(&t) != k->nparams)
    return mgmt_fail(r, MGMT_MALFORMED, NULL, "params are not the struct of kind %s's %u params",
                     k->kind, (unsigned)k->nparams);
  for (uint32_t i = 0; i < k->nparams; i++) {
    uint32_t nl;
    const uint8_t *nm = mgmt_read_bytes(&t, &nl);
    const char *want = k->params[i].type;
    size_t tl = strlen(want);
    if (t.err || nl != strlen(k->params[i].name) || memcmp(nm, k->params[i].name, nl) ||
        (size_t)(t.end - t.p) < tl || memcmp(t.p, want, tl))
      return mgmt_fail(r, MGMT_MALFORMED, k->params[i].name,
                       "param %u is not %s of the declared type", (unsigned)i, k->params[i].name);
    t.p += tl;
  }
  /* t.p is now at the payload: the field count, then each field. */
  mgmt_reader v = {t.p, t.end, 0};
  if (mgmt_read_uvarint(&v) != k->nparams) return mgmt_fail(r, MGMT_MALFORMED, NULL, "bad params payload");
  for (uint32_t i = 0; i < k->nparams; i++) {
    const char *ty = k->params[i].type;
    mgmt_reader tr = mgmt_reader_of((const uint8_t *)ty, (uint32_t)strlen(ty));
    const uint8_t *start = v.p;
    mgmt_skip_payload(&tr, &v, 1);
    if (v.err) return mgmt_fail(r, MGMT_MALFORMED, k->params[i].name, "bad payload");
    r->values[i].payload = start;
    r->values[i].len = (uint32_t)(v.p - start);
    r->values[i].set = 1;
  }
  return 0;
}

/* mgmt_decode reads a ResourceSpec or CheckRequest into r; 0 or -1. */
MGMT_FN int mgmt_decode(mgmt_res *r, const uint8_t *p, uint32_t n) {
  memset(r, 0, sizeof *r);
  mgmt_reader rd = mgmt_reader_of(p, n);
  const uint8_t *kind = NULL, *params = NULL;
  uint32_t kind_len = 0, params_len = 0;
  int wt;
  /* First pass: kind, name, params and flags. */
  for (uint32_t tag; (tag = mgmt_read_key(&rd, &wt));) {
    if (wt == MGMT_WT_LEN && tag == 1) kind = mgmt_read_bytes(&rd, &kind_len);
    else if (wt == MGMT_WT_LEN && tag == 2) r->name = mgmt_read_bytes(&rd, &r->name_len);
    else if (wt == MGMT_WT_LEN && tag == 3) params = mgmt_read_bytes(&rd, &params_len);
    else if (wt == MGMT_WT_VARINT && tag == 4) r->refresh = mgmt_read_uvarint(&rd) != 0;
    else if (wt == MGMT_WT_VARINT && tag == 5) r->debug = mgmt_read_uvarint(&rd) != 0;
    else if (wt == MGMT_WT_LEN && tag == 6) r->var_dir = mgmt_read_bytes(&rd, &r->var_dir_len);
    else mgmt_skip(&rd, wt);
  }
  if (rd.err) return mgmt_fail(r, MGMT_MALFORMED, NULL, "the request does not decode");
  for (uint32_t i = 0; i < mgmt_plugin.nkinds; i++) {
    const mgmt_kind *k = &mgmt_plugin.kinds[i];
    if (strlen(k->kind) == kind_len && !memcmp(k->kind, kind, kind_len)) r->kind = k;
  }
  if (!r->kind) return mgmt_fail(r, MGMT_UNSUPPORTED, NULL, "unknown kind %.*s", (int)kind_len, kind);
  if (r->kind->nparams > MGMT_MAX_PARAMS) return mgmt_fail(r, MGMT_LIMIT, NULL, "too many params");
  if (r->kind->nparams && mgmt_decode_params(r, params, params_len)) return -1;
  /* Second pass: the unset list (tag 8). */
  rd = mgmt_reader_of(p, n);
  for (uint32_t tag; (tag = mgmt_read_key(&rd, &wt));) {
    if (tag != 8 || wt != MGMT_WT_LEN) { mgmt_skip(&rd, wt); continue; }
    uint32_t nl;
    const uint8_t *nm = mgmt_read_bytes(&rd, &nl);
    for (uint32_t i = 0; i < r->kind->nparams; i++)
      if (strlen(r->kind->params[i].name) == nl && !memcmp(r->kind->params[i].name, nm, nl))
        r->values[i].set = 0;
  }
  return 0;
}

/* mgmt_respond encodes r's error (and watches, for watch) into a response. */
MGMT_FN uint64_t mgmt_respond(mgmt_res *r, int check_ok, int with_watches) {
  mgmt_buf b = {0};
  if (!r->err_code) {
    if (with_watches) mgmt_put_raw(&b, r->watches.p, r->watches.len);
    mgmt_field_bool(&b, 1, check_ok > 0);
  }
  mgmt_buf_free(&r->watches);
  if (r->err_code) mgmt_put_error(&b, r->err_code, r->err_msg, r->err_param);
  return mgmt_pack(&b);
}

static mgmt_res mgmt_current; /* one verb at a time per instance (section 2) */

MGMT_EXPORT("validate") uint64_t mgmt_export_validate(const uint8_t *p, uint32_t n) {
  mgmt_res *r = &mgmt_current;
  if (!mgmt_decode(r, p, n) && r->kind->validate) r->kind->validate(r);
  return mgmt_respond(r, 0, 0);
}

MGMT_EXPORT("watch") uint64_t mgmt_export_watch(const uint8_t *p, uint32_t n) {
  mgmt_res *r = &mgmt_current;
  if (!mgmt_decode(r, p, n) && r->kind->watch) r->kind->watch(r);
  return mgmt_respond(r, 0, 1);
}

MGMT_FN uint64_t mgmt_check_apply(const uint8_t *p, uint32_t n, int apply) {
  mgmt_res *r = &mgmt_current;
  int ok = 0;
  if (!mgmt_decode(r, p, n)) {
    ok = r->kind->check_apply(r, apply);
    if (ok < 0 && !r->err_code) mgmt_fail(r, MGMT_FAILED, NULL, "%s failed", apply ? "apply" : "check");
  }
  return mgmt_respond(r, ok, 0);
}

MGMT_EXPORT("check") uint64_t mgmt_export_check(const uint8_t *p, uint32_t n) { return mgmt_check_apply(p, n, 0); }
MGMT_EXPORT("apply") uint64_t mgmt_export_apply(const uint8_t *p, uint32_t n) { return mgmt_check_apply(p, n, 1); }

#endif /* MGMT_IMPLEMENTATION */
#endif /* MGMT_H */

;; A reactor whose verb "environ" returns its WASI environment: the
;; entries as environ_get writes them, each ended by a NUL byte. The
;; wasmhost tests check with it what Config.Env gives an instance.
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $get (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  ;; alloc hands out the second page's start: requests are ignored.
  (func (export "alloc") (param i32) (result i32) (i32.const 65536))
  (func (export "dealloc") (param i32 i32))
  ;; environ: count at 0, buffer size at 4, pointers from 16, the
  ;; strings from 1024; returns (1024 << 32) | size.
  (func (export "environ") (param i32 i32) (result i64)
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (drop (call $get (i32.const 16) (i32.const 1024)))
    (i64.or
      (i64.shl (i64.const 1024) (i64.const 32))
      (i64.extend_i32_u (i32.load (i32.const 4))))))

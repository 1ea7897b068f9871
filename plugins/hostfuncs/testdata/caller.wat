;; A guest that calls the host imports, for the imports' tests. Each verb
;; answers with what an import gave it.
;; Regenerate caller.wasm with: wat2wasm caller.wat -o caller.wasm
(module
  (import "mgmt_v1" "hostname" (func $hostname (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "log" (func $log (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "time_now" (func $now (result i64)))
  (import "mgmt_v1" "fs_stat" (func $fs_stat (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_read" (func $fs_read (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_write_atomic" (func $fs_write (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_mkdir" (func $fs_mkdir (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_remove" (func $fs_remove (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_chmod" (func $fs_chmod (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_readdir" (func $fs_readdir (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_rename" (func $fs_rename (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_chown" (func $fs_chown (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_symlink" (func $fs_symlink (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "fs_readlink" (func $fs_readlink (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "exec" (func $exec (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "kv_get" (func $kv_get (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "kv_put" (func $kv_put (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "kv_delete" (func $kv_delete (param i32 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (global $next (mut i32) (i32.const 4096))
  ;; LogRequest {level warn, message "hello"}
  (data (i32.const 64) "\08\08\12\05\68\65\6c\6c\6f")

  ;; alloc is a bump allocator that never frees; it grows the memory when
  ;; the next buffer does not fit (large exec outputs), and answers 0 when
  ;; it cannot.
  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (local $end i32)
    (local.set $p (global.get $next))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq (memory.grow
                      (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                               (memory.size)))
                    (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $next (local.get $end))
    (local.get $p))
  (func (export "dealloc") (param i32 i32))

  ;; host: the hostname import's response buffer, as the verb's response.
  (func (export "host") (param i32 i32) (result i64)
    (local $n i32)
    (local.set $n (call $hostname (i32.const 0) (i32.const 0) (i32.const 16)))
    (i64.or (i64.shl (i64.extend_i32_u (i32.load (i32.const 16))) (i64.const 32))
            (i64.extend_i32_u (local.get $n))))

  ;; $code answers with a 4-byte little-endian result code.
  (func $code (param $c i32) (result i64)
    (i32.store (i32.const 32) (local.get $c))
    (i64.or (i64.shl (i64.const 32) (i64.const 32)) (i64.const 4)))

  ;; log: logs the LogRequest above; answers with the import's result.
  (func (export "log") (param i32 i32) (result i64)
    (call $code (call $log (i32.const 64) (i32.const 9) (i32.const 16))))

  ;; logbad: logs a request that does not decode.
  (func (export "logbad") (param i32 i32) (result i64)
    (call $code (call $log (i32.const 66) (i32.const 3) (i32.const 16))))

  ;; logwild: logs a request outside memory.
  (func (export "logwild") (param i32 i32) (result i64)
    (call $code (call $log (i32.const 262140) (i32.const 100) (i32.const 16))))

  ;; now: time_now as 8 little-endian bytes.
  (func (export "now") (param i32 i32) (result i64)
    (i64.store (i32.const 40) (call $now))
    (i64.or (i64.shl (i64.const 40) (i64.const 32)) (i64.const 8)))

  ;; $answer answers with the import's result n as 4 little-endian bytes,
  ;; followed by its response when n > 0.
  (func $answer (param $n i32) (result i64)
    (local $out i32)
    (local $len i32)
    (local.set $len (i32.add (i32.const 4)
      (select (local.get $n) (i32.const 0) (i32.gt_s (local.get $n) (i32.const 0)))))
    (local.set $out (call $alloc (local.get $len)))
    (i32.store (local.get $out) (local.get $n))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (memory.copy (i32.add (local.get $out) (i32.const 4))
                         (i32.load (i32.const 16)) (local.get $n))))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32))
            (i64.extend_i32_u (local.get $len))))

  ;; The verbs below forward their request to the import of the same name
  ;; (stat to fs_stat, and so on) and answer as $answer does.
  (func (export "stat") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_stat (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "read") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_read (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "write") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_write (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "mkdir") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_mkdir (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "remove") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_remove (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "chmod") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_chmod (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "readdir") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_readdir (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "rename") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_rename (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "chown") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_chown (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "symlink") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_symlink (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "readlink") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $fs_readlink (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "exec") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $exec (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "kvget") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $kv_get (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "kvput") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $kv_put (local.get $p) (local.get $l) (i32.const 16))))
  (func (export "kvdelete") (param $p i32) (param $l i32) (result i64)
    (call $answer (call $kv_delete (local.get $p) (local.get $l) (i32.const 16))))
)

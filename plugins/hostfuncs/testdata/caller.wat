;; A guest that calls the host imports, for the imports' tests. Each verb
;; answers with what an import gave it.
;; Regenerate caller.wasm with: wat2wasm caller.wat -o caller.wasm
(module
  (import "mgmt_v1" "hostname" (func $hostname (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "log" (func $log (param i32 i32 i32) (result i32)))
  (import "mgmt_v1" "time_now" (func $now (result i64)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 4096))
  ;; LogRequest {level warn, message "hello"}
  (data (i32.const 64) "\08\08\12\05\68\65\6c\6c\6f")

  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $n)))
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
    (call $code (call $log (i32.const 65530) (i32.const 100) (i32.const 16))))

  ;; now: time_now as 8 little-endian bytes.
  (func (export "now") (param i32 i32) (result i64)
    (i64.store (i32.const 40) (call $now))
    (i64.or (i64.shl (i64.const 40) (i64.const 32)) (i64.const 8)))
)

;; The smallest ABI v1 plugin, written by hand: kind "flag" (param msg str)
;; whose state is a flag in the guest. Its responses are constant bin1
;; messages (docs/abi.md §6); the test pool keeps one instance, so the flag
;; survives between calls here, which a real plugin must not rely on.
;; Regenerate flag.wasm with: wat2wasm flag.wat -o flag.wasm
(module
  (memory (export "memory") 2)
  (global $next (mut i32) (i32.const 4096))
  (global $applied (mut i32) (i32.const 0))

  ;; describe: {name "flag", version "1", kinds [{kind "flag", params [{msg str}]}],
  ;;            capabilities ["fs.read:/srv/app"]}
  (data (i32.const 64) "\0a\04\66\6c\61\67\12\01\31\22\10\0a\04\66\6c\61\67\12\08\0a\03\6d\73\67\12\01\02\32\10\66\73\2e\72\65\61\64\3a\2f\73\72\76\2f\61\70\70")
  ;; check response {check_ok true}
  (data (i32.const 128) "\08\01")
  ;; watch response {watches [{kind interval, interval_ms 50}]}
  (data (i32.const 160) "\0a\04\08\02\20\32")

  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $n)))
    (local.get $p))
  (func (export "dealloc") (param $p i32) (param $n i32)
    (if (i32.eq (i32.add (local.get $p) (local.get $n)) (global.get $next))
      (then (global.set $next (local.get $p)))))
  (func (export "mgmt_abi_version") (result i32) (i32.const 1))

  ;; $copy returns a fresh buffer holding len bytes from src, packed.
  (func $copy (param $src i32) (param $len i32) (result i64)
    (local $p i32)
    (local.set $p (call $alloc (local.get $len)))
    (memory.copy (local.get $p) (local.get $src) (local.get $len))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32))
            (i64.extend_i32_u (local.get $len))))

  (func (export "describe") (param i32 i32) (result i64)
    (call $copy (i32.const 64) (i32.const 45)))
  ;; validate: always valid (an empty response).
  (func (export "validate") (param i32 i32) (result i64) (i64.const 0))
  (func (export "watch") (param i32 i32) (result i64)
    (call $copy (i32.const 160) (i32.const 6)))
  ;; check: correct once applied; an empty response is {check_ok false}.
  (func (export "check") (param i32 i32) (result i64)
    (if (result i64) (global.get $applied)
      (then (call $copy (i32.const 128) (i32.const 2)))
      (else (i64.const 0))))
  ;; apply: set the flag; report a change the first time.
  (func (export "apply") (param i32 i32) (result i64)
    (if (result i64) (global.get $applied)
      (then (call $copy (i32.const 128) (i32.const 2)))
      (else (global.set $applied (i32.const 1)) (i64.const 0))))
)

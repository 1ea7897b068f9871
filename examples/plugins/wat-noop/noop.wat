;; wat-noop: the smallest mgmt-wasm plugin, written by hand in WebAssembly
;; text (host ABI v1, docs/abi.md). Its kind "watnoop" takes one param,
;; `comment` (str, ignored), watches nothing, and says at every check that the
;; state is correct, logging one line through the host's `log` import.
;;
;; Build (make does it: mk/langs.mk): wat2wasm noop.wat -o dist/wat-noop.wasm
;;
;; Memory: a bump allocator. The host allocs the request, the verb allocs
;; its response, and the host deallocs both when the call is over (section
;; 2), so when no buffer is live the heap starts again from its base.
(module
  (import "mgmt_v1" "log" (func $log (param i32 i32 i32) (result i32)))

  (memory (export "memory") 1)

  ;; 1024: DescribeResponse{name "wat-noop", version "0.1.0",
  ;;   kinds [{kind "watnoop", params [{name "comment", type str}]}]}, 42 bytes.
  (data (i32.const 1024)
    "\0a\08wat-noop"
    "\12\050.1.0"
    "\22\17"                            ;; kinds: KindInfo of 23 bytes
      "\0a\07watnoop"
      "\12\0c" "\0a\07comment" "\12\01\02") ;; ParamInfo{comment, str}
  ;; 1088: CheckResponse{check_ok: true}, 2 bytes.
  (data (i32.const 1088) "\08\01")
  ;; 1104: LogRequest{level info (the default, absent), message ...}, 32 bytes.
  (data (i32.const 1104) "\12\1econverged, says the WAT plugin")
  ;; 1152: the 4 bytes a host import stores its response pointer in.

  (global $base i32 (i32.const 2048)) ;; the heap starts here
  (global $top (mut i32) (i32.const 2048))
  (global $live (mut i32) (i32.const 0)) ;; buffers allocated and not freed

  (func (export "mgmt_abi_version") (result i32) (i32.const 1))

  ;; alloc(n): n bytes at the top of the heap, 8-aligned, growing memory as
  ;; needed; 0 when memory cannot grow.
  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32) (local $end i32)
    (local.set $p (global.get $top))
    (local.set $end
      (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (block $fits
      (loop $grow
        (br_if $fits (i32.le_u (local.get $end) (i32.shl (memory.size) (i32.const 16))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
          (then (return (i32.const 0))))
        (br $grow)))
    (global.set $top (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $p))

  ;; dealloc(p, n): when the last live buffer goes, the heap is empty again.
  (func (export "dealloc") (param $p i32) (param $n i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live))
      (then (global.set $top (global.get $base)))))

  ;; respond copies n bytes at src into a fresh buffer and returns
  ;; (ptr << 32) | n, as a verb returns its response.
  (func $respond (param $src i32) (param $n i32) (result i64)
    (local $p i32)
    (local.set $p (call $alloc (local.get $n)))
    (if (i32.eqz (local.get $p)) (then unreachable))
    (memory.copy (local.get $p) (local.get $src) (local.get $n))
    (i64.or
      (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32))
      (i64.extend_i32_u (local.get $n))))

  (func (export "describe") (param i32 i32) (result i64)
    (call $respond (i32.const 1024) (i32.const 42)))

  ;; validate and watch: an empty response (no error, no watches).
  (func (export "validate") (param i32 i32) (result i64) (i64.const 0))
  (func (export "watch") (param i32 i32) (result i64) (i64.const 0))

  ;; check and apply: log (the result is 0, no response buffer), then
  ;; check_ok: true.
  (func $check (export "check") (param i32 i32) (result i64)
    (drop (call $log (i32.const 1104) (i32.const 32) (i32.const 1152)))
    (call $respond (i32.const 1088) (i32.const 2)))
  (func (export "apply") (param i32 i32) (result i64)
    (call $check (local.get 0) (local.get 1))))

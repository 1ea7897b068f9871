;; A hand-written guest for the host's tests: it follows the calling
;; convention (alloc/dealloc, verbs taking (ptr, len) and returning
;; ptr<<32 | len) and misbehaves on purpose in some verbs.
;; Regenerate guest.wasm with: wat2wasm guest.wat -o guest.wasm
(module
  (memory (export "memory") 2)
  (global $next (mut i32) (i32.const 1024))
  (global $calls (mut i32) (i32.const 0))

  ;; A bump allocator that grows memory when it runs out.
  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $n)))
    (block $ok
      (br_if $ok (i32.le_u (global.get $next) (i32.mul (memory.size) (i32.const 65536))))
      (br_if $ok (i32.ne (memory.grow (i32.add (i32.shr_u (local.get $n) (i32.const 16)) (i32.const 1))) (i32.const -1)))
      (return (i32.const 0)))
    (local.get $p))
  ;; Frees the most recent allocation (a stack), which is all the host's
  ;; calling convention needs.
  (func (export "dealloc") (param $p i32) (param $n i32)
    (if (i32.eq (i32.add (local.get $p) (local.get $n)) (global.get $next))
      (then (global.set $next (local.get $p)))))

  ;; echo answers with its request.
  (func (export "echo") (param $p i32) (param $n i32) (result i64)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i64.or
      (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32))
      (i64.extend_i32_u (local.get $n))))

  ;; count answers with the number of calls this instance has served, as
  ;; one byte, so tests can see that a trapped instance was replaced.
  (func (export "count") (param i32 i32) (result i64)
    (local $p i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (local.set $p (call $alloc (i32.const 1)))
    (i32.store8 (local.get $p) (global.get $calls))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $p)) (i64.const 32)) (i64.const 1)))

  ;; spin never returns.
  (func (export "spin") (param i32 i32) (result i64)
    (loop $l (br $l))
    (i64.const 0))

  ;; trap executes unreachable.
  (func (export "trap") (param i32 i32) (result i64)
    unreachable)

  ;; bomb grows memory until the host refuses, then traps.
  (func (export "bomb") (param i32 i32) (result i64)
    (loop $l
      (br_if $l (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
    unreachable)

  ;; wild answers with a response outside memory.
  (func (export "wild") (param i32 i32) (result i64)
    (i64.const 0x7fff000000000010))
)

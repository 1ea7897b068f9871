;; A module that does not follow the calling convention: no alloc/dealloc.
(module (memory (export "memory") 1) (func (export "check") (param i32 i32) (result i64) (i64.const 0)))

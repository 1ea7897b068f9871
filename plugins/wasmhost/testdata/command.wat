;; A WASI command module (it exports _start): the host must refuse it.
(module (memory (export "memory") 1)
  (func (export "_start"))
  (func (export "alloc") (param i32) (result i32) (i32.const 0))
  (func (export "dealloc") (param i32 i32)))

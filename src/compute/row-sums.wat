;; rowSums(x, rows, size, out): out[r] = x[r][0] + x[r][1] + ... + x[r][size - 1] for a
;; row-major float32 matrix, added in float32 from 0 and left to right, exactly as
;; tfjs-backend-wasm's Sum adds one row. Eight rows at a time, so eight independent
;; chains of additions overlap instead of one chain waiting on each addition.
;; Pointers are byte offsets into the imported memory (tfjs-backend-wasm's heap).
;; Compiled to row-sums-wasm.ts by `npm run wasm`.
(module
  (import "env" "memory" (memory 1))
  (func (export "rowSums") (param $x i32) (param $rows i32) (param $size i32) (param $out i32)
    (local $a f32) (local $b f32) (local $c f32) (local $d f32)
    (local $e f32) (local $f f32) (local $g f32) (local $h f32)
    (local $s i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $s5 i32) (local $s6 i32) (local $s7 i32)
    (local $p i32) (local $end i32) (local $r i32)
    (local.set $s (i32.shl (local.get $size) (i32.const 2)))
    (local.set $s2 (i32.add (local.get $s) (local.get $s)))
    (local.set $s3 (i32.add (local.get $s2) (local.get $s)))
    (local.set $s4 (i32.add (local.get $s3) (local.get $s)))
    (local.set $s5 (i32.add (local.get $s4) (local.get $s)))
    (local.set $s6 (i32.add (local.get $s5) (local.get $s)))
    (local.set $s7 (i32.add (local.get $s6) (local.get $s)))
    ;; Blocks of eight rows.
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $r) (i32.const 8)) (local.get $rows)))
        (local.set $a (f32.const 0)) (local.set $b (f32.const 0))
        (local.set $c (f32.const 0)) (local.set $d (f32.const 0))
        (local.set $e (f32.const 0)) (local.set $f (f32.const 0))
        (local.set $g (f32.const 0)) (local.set $h (f32.const 0))
        (local.set $p (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $s))))
        (local.set $end (i32.add (local.get $p) (local.get $s)))
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $a (f32.add (local.get $a) (f32.load (local.get $p))))
            (local.set $b (f32.add (local.get $b) (f32.load (i32.add (local.get $p) (local.get $s)))))
            (local.set $c (f32.add (local.get $c) (f32.load (i32.add (local.get $p) (local.get $s2)))))
            (local.set $d (f32.add (local.get $d) (f32.load (i32.add (local.get $p) (local.get $s3)))))
            (local.set $e (f32.add (local.get $e) (f32.load (i32.add (local.get $p) (local.get $s4)))))
            (local.set $f (f32.add (local.get $f) (f32.load (i32.add (local.get $p) (local.get $s5)))))
            (local.set $g (f32.add (local.get $g) (f32.load (i32.add (local.get $p) (local.get $s6)))))
            (local.set $h (f32.add (local.get $h) (f32.load (i32.add (local.get $p) (local.get $s7)))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $columns)))
        (f32.store offset=0 (local.get $out) (local.get $a))
        (f32.store offset=4 (local.get $out) (local.get $b))
        (f32.store offset=8 (local.get $out) (local.get $c))
        (f32.store offset=12 (local.get $out) (local.get $d))
        (f32.store offset=16 (local.get $out) (local.get $e))
        (f32.store offset=20 (local.get $out) (local.get $f))
        (f32.store offset=24 (local.get $out) (local.get $g))
        (f32.store offset=28 (local.get $out) (local.get $h))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br $blocks)))
    ;; The last rows % 8 rows, one at a time.
    (block $rowsDone
      (loop $remaining
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $a (f32.const 0))
        (local.set $p (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $s))))
        (local.set $end (i32.add (local.get $p) (local.get $s)))
        (block $rowDone
          (loop $row
            (br_if $rowDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $a (f32.add (local.get $a) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $row)))
        (f32.store (local.get $out) (local.get $a))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $remaining)))))

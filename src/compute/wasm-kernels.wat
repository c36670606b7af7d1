;; Float32 kernels that replace slow paths of tfjs-backend-wasm 4.22 with the same results
;; bit for bit (src/compute/wasm-*.ts install them). Pointers are byte offsets into the
;; imported memory, tfjs-backend-wasm's heap. Compiled to wasm-kernels-binary.ts by
;; `npm run wasm`.
(module
  (import "env" "memory" (memory 1))
  ;; rowSums(x, rows, size, out): out[r] = x[r][0] + x[r][1] + ... + x[r][size - 1] for a
  ;; row-major matrix, added from 0 and left to right, exactly as tfjs's Sum adds one row.
  ;; Eight rows at a time, so eight independent chains of additions overlap instead of one
  ;; chain waiting on each addition.
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
        (br $remaining))))

  ;; arithmetic(op, a, b, out, d0, d1, d2, a0, a1, a2, b0, b1, b2): out = a op b over an
  ;; output of shape [d0, d1, d2] (row-major, contiguous), where a and b are read with byte
  ;; strides a0..a2 and b0..b2 (0 along a broadcast axis). op: 0 add, 1 subtract,
  ;; 2 multiply, 3 divide; each one IEEE float32 operation, as XNNPACK computes it.
  (func (export "arithmetic")
    (param $op i32) (param $a i32) (param $b i32) (param $out i32)
    (param $d0 i32) (param $d1 i32) (param $d2 i32)
    (param $a0 i32) (param $a1 i32) (param $a2 i32)
    (param $b0 i32) (param $b1 i32) (param $b2 i32)
    (local $i i32) (local $j i32) (local $k i32)
    (local $pa i32) (local $pb i32) (local $x f32) (local $y f32) (local $z f32)
    (block $outerDone
      (loop $outer
        (br_if $outerDone (i32.ge_u (local.get $i) (local.get $d0)))
        (local.set $j (i32.const 0))
        (block $middleDone
          (loop $middle
            (br_if $middleDone (i32.ge_u (local.get $j) (local.get $d1)))
            (local.set $pa (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $a0)) (i32.mul (local.get $j) (local.get $a1)))))
            (local.set $pb (i32.add (local.get $b) (i32.add (i32.mul (local.get $i) (local.get $b0)) (i32.mul (local.get $j) (local.get $b1)))))
            (local.set $k (i32.const 0))
            (block $innerDone
              (loop $inner
                (br_if $innerDone (i32.ge_u (local.get $k) (local.get $d2)))
                (local.set $x (f32.load (local.get $pa)))
                (local.set $y (f32.load (local.get $pb)))
                (block $stored
                  (block $divide
                    (block $multiply
                      (block $subtract
                        (block $add
                          (br_table $add $subtract $multiply $divide (local.get $op)))
                        (local.set $z (f32.add (local.get $x) (local.get $y)))
                        (br $stored))
                      (local.set $z (f32.sub (local.get $x) (local.get $y)))
                      (br $stored))
                    (local.set $z (f32.mul (local.get $x) (local.get $y)))
                    (br $stored))
                  (local.set $z (f32.div (local.get $x) (local.get $y))))
                (f32.store (local.get $out) (local.get $z))
                (local.set $out (i32.add (local.get $out) (i32.const 4)))
                (local.set $pa (i32.add (local.get $pa) (local.get $a2)))
                (local.set $pb (i32.add (local.get $pb) (local.get $b2)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $inner)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $middle)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))))

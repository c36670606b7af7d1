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

  ;; middleSums(x, outer, middle, inner, out): out[o][i] = x[o][0][i] + x[o][1][i] + ... +
  ;; x[o][middle - 1][i] for x [outer, middle, inner], added from 0 in that order, as tfjs's Sum
  ;; adds each output after transposing the summed axis last. Reads x once, in place: each
  ;; output row accumulates in out, f32x4 lanes over i where inner allows, the rest one by one.
  (func (export "middleSums") (param $x i32) (param $outer i32) (param $middle i32) (param $inner i32) (param $out i32)
    (local $o i32) (local $m i32) (local $q i32) (local $rowEnd i32) (local $vectorEnd i32)
    (local.set $o (i32.const 0))
    (block $outerDone
      (loop $outerLoop
        (br_if $outerDone (i32.ge_u (local.get $o) (local.get $outer)))
        (local.set $rowEnd (i32.add (local.get $out) (i32.shl (local.get $inner) (i32.const 2))))
        (local.set $vectorEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $inner) (i32.const -4)) (i32.const 2))))
        (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $inner) (i32.const 2)))
        (local.set $m (i32.const 0))
        (block $middleDone
          (loop $middleLoop
            (br_if $middleDone (i32.ge_u (local.get $m) (local.get $middle)))
            (local.set $q (local.get $out))
            (block $vectorsDone
              (loop $vectors
                (br_if $vectorsDone (i32.ge_u (local.get $q) (local.get $vectorEnd)))
                (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (v128.load (local.get $x))))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (local.set $x (i32.add (local.get $x) (i32.const 16)))
                (br $vectors)))
            (block $scalarsDone
              (loop $scalars
                (br_if $scalarsDone (i32.ge_u (local.get $q) (local.get $rowEnd)))
                (f32.store (local.get $q) (f32.add (f32.load (local.get $q)) (f32.load (local.get $x))))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $x (i32.add (local.get $x) (i32.const 4)))
                (br $scalars)))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (br $middleLoop)))
        (local.set $out (local.get $rowEnd))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $outerLoop))))

  ;; arithmetic(op, a, b, out, d0, d1, d2, a0, a1, a2, b0, b1, b2): out = a op b over an
  ;; output of shape [d0, d1, d2] (row-major, contiguous), where a and b are read with byte
  ;; strides a0..a2 and b0..b2 (0 along a broadcast axis). op: 0 add, 1 subtract,
  ;; 2 multiply, 3 divide; each one IEEE float32 operation, as XNNPACK computes it. Runs whose
  ;; length is a multiple of 4 go four lanes at a time (f32x4, the same operation per lane):
  ;; 1.5-1.8 -> 0.6-0.7 ns a value over [T, c, 8] against [8] or [T, c, 1] (tf.profile).
  (func (export "arithmetic")
    (param $op i32) (param $a i32) (param $b i32) (param $out i32)
    (param $d0 i32) (param $d1 i32) (param $d2 i32)
    (param $a0 i32) (param $a1 i32) (param $a2 i32)
    (param $b0 i32) (param $b1 i32) (param $b2 i32)
    (local $i i32) (local $j i32) (local $k i32)
    (local $pa i32) (local $pb i32) (local $x f32) (local $y f32) (local $z f32)
    (local $vector i32) (local $va v128) (local $vb v128)
    ;; Runs of whole f32x4 vectors where each operand is read in order or repeats one value.
    (local.set $vector
      (i32.and (i32.eqz (i32.and (local.get $d2) (i32.const 3)))
        (i32.and (i32.eqz (i32.and (local.get $a2) (i32.const -5)))
                 (i32.eqz (i32.and (local.get $b2) (i32.const -5))))))
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
            (if (local.get $vector)
              (then
                (local.set $va (f32x4.splat (f32.load (local.get $pa))))
                (local.set $vb (f32x4.splat (f32.load (local.get $pb))))
                (block $vectorsDone
                  (loop $vectors
                    (br_if $vectorsDone (i32.ge_u (local.get $k) (local.get $d2)))
                    (if (local.get $a2) (then (local.set $va (v128.load (local.get $pa)))))
                    (if (local.get $b2) (then (local.set $vb (v128.load (local.get $pb)))))
                    ;; V8 does not inline a call here; a br_table on the same op each time is cheap.
                    (block $storedVector
                      (block $divideVector
                        (block $multiplyVector
                          (block $subtractVector
                            (block $addVector
                              (br_table $addVector $subtractVector $multiplyVector $divideVector (local.get $op)))
                            (v128.store (local.get $out) (f32x4.add (local.get $va) (local.get $vb)))
                            (br $storedVector))
                          (v128.store (local.get $out) (f32x4.sub (local.get $va) (local.get $vb)))
                          (br $storedVector))
                        (v128.store (local.get $out) (f32x4.mul (local.get $va) (local.get $vb)))
                        (br $storedVector))
                      (v128.store (local.get $out) (f32x4.div (local.get $va) (local.get $vb))))
                    (local.set $out (i32.add (local.get $out) (i32.const 16)))
                    (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $a2) (i32.const 2))))
                    (local.set $pb (i32.add (local.get $pb) (i32.shl (local.get $b2) (i32.const 2))))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br $vectors)))))
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
        (br $outer))))

  ;; fdlibm's constants for $log, as globals: mutable, though nothing writes them, so that
  ;; V8 loads each in one instruction where it builds an f64.const from an immediate in two
  ;; or three at every use (normalsOnGrid: 7.0 -> 5.9 ms per million normals, standalone).
  (global $Lg1 (mut f64) (f64.const 6.666666666666735130e-01))
  (global $Lg2 (mut f64) (f64.const 3.999999999940941908e-01))
  (global $Lg3 (mut f64) (f64.const 2.857142874366239149e-01))
  (global $Lg4 (mut f64) (f64.const 2.222219843214978396e-01))
  (global $Lg5 (mut f64) (f64.const 1.818357216161805012e-01))
  (global $Lg6 (mut f64) (f64.const 1.531383769920937332e-01))
  (global $Lg7 (mut f64) (f64.const 1.479819860511658591e-01))
  (global $ln2Hi (mut f64) (f64.const 6.93147180369123816490e-01))
  (global $ln2Lo (mut f64) (f64.const 1.90821492927058770002e-10))
  (global $one (mut f64) (f64.const 1))
  (global $two (mut f64) (f64.const 2))
  (global $half (mut f64) (f64.const 0.5))

  ;; log(x) for a positive normal double, bit for bit as V8's Math.log computes it (fdlibm's
  ;; __ieee754_log, which V8 ports in src/base/ieee754.cc); zero, negative, subnormal,
  ;; infinite and NaN x are left out: uniforms on the 2^-24 grid are none of them. fdlibm
  ;; shortcuts k = 0 (x in [sqrt(2) / 2, sqrt(2))) with fewer operations; the general
  ;; formula gives the same bits there (k ln2 is exactly 0, and fl(a - b) = -fl(b - a)), and
  ;; without the branch, which the uniforms take at random, the loop runs faster.
  ;; Exported for test/compute/wasm-kernels.test.ts, which compares it with Math.log at
  ;; every point of the grid.
  (func $log (export "log") (param $x f64) (result f64)
    (local $hx i32) (local $i i32) (local $j i32)
    (local $f f64) (local $s f64) (local $z f64) (local $w f64) (local $r f64)
    (local $dk f64) (local $hfsq f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $i (i32.and (i32.add (i32.and (local.get $hx) (i32.const 0x000fffff)) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; k, the power of two: the exponent, plus 1 when x is normalized by halving.
    (local.set $dk (f64.convert_i32_s
      (i32.add (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023)) (i32.shr_s (local.get $i) (i32.const 20)))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    ;; Normalize x or x / 2 into [sqrt(2) / 2, sqrt(2)): a new high word, the same low word.
    (local.set $x
      (f64.reinterpret_i64
        (i64.or
          (i64.shl (i64.extend_i32_u (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000)))) (i64.const 32))
          (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0xffffffff)))))
    (local.set $f (f64.sub (local.get $x) (global.get $one)))
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx))) (i32.const 3))
      (then
        ;; -2^-20 <= f < 2^-20
        (if (f64.eq (local.get $f) (f64.const 0))
          (then (return (f64.add (f64.mul (local.get $dk) (global.get $ln2Hi))
                                 (f64.mul (local.get $dk) (global.get $ln2Lo))))))
        (local.set $r (f64.mul (f64.mul (local.get $f) (local.get $f))
                               (f64.sub (global.get $half) (f64.mul (f64.const 0.33333333333333333) (local.get $f)))))
        (return (f64.sub (f64.mul (local.get $dk) (global.get $ln2Hi))
                         (f64.sub (f64.sub (local.get $r) (f64.mul (local.get $dk) (global.get $ln2Lo)))
                                  (local.get $f))))))
    (local.set $s (f64.div (local.get $f) (f64.add (global.get $two) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $i (i32.sub (local.get $hx) (i32.const 0x6147a)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    (local.set $j (i32.sub (i32.const 0x6b851) (local.get $hx)))
    ;; R = t2 + t1
    (local.set $r (f64.add
      (f64.mul (local.get $z)
        (f64.add (global.get $Lg1) (f64.mul (local.get $w)
          (f64.add (global.get $Lg3) (f64.mul (local.get $w)
            (f64.add (global.get $Lg5) (f64.mul (local.get $w) (global.get $Lg7))))))))
      (f64.mul (local.get $w)
        (f64.add (global.get $Lg2) (f64.mul (local.get $w)
          (f64.add (global.get $Lg4) (f64.mul (local.get $w) (global.get $Lg6))))))))
    (if (i32.gt_s (i32.or (local.get $i) (local.get $j)) (i32.const 0))
      (then
        (local.set $hfsq (f64.mul (f64.mul (global.get $half) (local.get $f)) (local.get $f)))
        (return (f64.sub (f64.mul (local.get $dk) (global.get $ln2Hi))
          (f64.sub
            (f64.sub (local.get $hfsq)
              (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $r)))
                       (f64.mul (local.get $dk) (global.get $ln2Lo))))
            (local.get $f))))))
    (f64.sub (f64.mul (local.get $dk) (global.get $ln2Hi))
      (f64.sub
        (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $r)))
                 (f64.mul (local.get $dk) (global.get $ln2Lo)))
        (local.get $f))))

  ;; normalsOnGrid(u, rows, width, draws, tables, out): Box-Muller normals from rows of
  ;; `width` float32 uniforms on the 2^-24 grid, `draws` per row into out (row-major
  ;; [rows, draws], float32), exactly as random/base-noise.ts draws them in float64 and a
  ;; Float32Array stores them: from the pair (u1, u2), r = sqrt(-2 log u1), then r cos and
  ;; r sin of 2 pi u2 from polar.ts's tables (at `tables`: cos and sin of the high 12 bits
  ;; of k = u2 2^24, then of the low 12 bits, 4096 doubles each) by the angle addition
  ;; formulas. An odd `draws` drops the last sine of each row.
  (func (export "normalsOnGrid")
    (param $u i32) (param $rows i32) (param $width i32) (param $draws i32) (param $tables i32) (param $out i32)
    (local $row i32) (local $i i32) (local $p i32) (local $k i32) (local $high i32) (local $low i32)
    (local $radius f64) (local $cosHigh f64) (local $sinHigh f64) (local $cosLow f64) (local $sinLow f64)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $p (i32.add (local.get $u) (i32.shl (i32.mul (local.get $row) (local.get $width)) (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $i) (local.get $draws)))
            (local.set $radius (f64.sqrt (f64.mul (f64.const -2) (call $log (f64.promote_f32 (f32.load (local.get $p)))))))
            ;; k = u2 2^24 from the bits of 1 + u2 (exact): cheaper than a checked truncation.
            (local.set $k (i32.and (i32.wrap_i64 (i64.shr_u
              (i64.reinterpret_f64 (f64.add (f64.promote_f32 (f32.load offset=4 (local.get $p))) (global.get $one)))
              (i64.const 28))) (i32.const 0xffffff)))
            (local.set $high (i32.shl (i32.shr_u (local.get $k) (i32.const 12)) (i32.const 3)))
            (local.set $low (i32.shl (i32.and (local.get $k) (i32.const 4095)) (i32.const 3)))
            (local.set $cosHigh (f64.load (i32.add (local.get $tables) (local.get $high))))
            (local.set $sinHigh (f64.load offset=32768 (i32.add (local.get $tables) (local.get $high))))
            (local.set $cosLow (f64.load offset=65536 (i32.add (local.get $tables) (local.get $low))))
            (local.set $sinLow (f64.load offset=98304 (i32.add (local.get $tables) (local.get $low))))
            (f32.store (local.get $out)
              (f32.demote_f64 (f64.mul (local.get $radius)
                (f64.sub (f64.mul (local.get $cosHigh) (local.get $cosLow)) (f64.mul (local.get $sinHigh) (local.get $sinLow))))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $draws))
              (then
                (f32.store offset=4 (local.get $out)
                  (f32.demote_f64 (f64.mul (local.get $radius)
                    (f64.add (f64.mul (local.get $sinHigh) (local.get $cosLow)) (f64.mul (local.get $cosHigh) (local.get $sinLow))))))
                (local.set $out (i32.add (local.get $out) (i32.const 8))))
              (else (local.set $out (i32.add (local.get $out) (i32.const 4)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $pairs)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowLoop))))

  ;; logfTable(at): the 16 (1/c, log c) pairs of the logf table that $logs reads, as
  ;; doubles, to the 256 bytes at `at`.
  (func (export "logfTable") (param $at i32)
    (f64.store offset=0 (local.get $at) (f64.const 0x1.661ec79f8f3bep+0))
    (f64.store offset=8 (local.get $at) (f64.const -0x1.57bf7808caadep-2))
    (f64.store offset=16 (local.get $at) (f64.const 0x1.571ed4aaf883dp+0))
    (f64.store offset=24 (local.get $at) (f64.const -0x1.2bef0a7c06ddbp-2))
    (f64.store offset=32 (local.get $at) (f64.const 0x1.49539f0f010bp+0))
    (f64.store offset=40 (local.get $at) (f64.const -0x1.01eae7f513a67p-2))
    (f64.store offset=48 (local.get $at) (f64.const 0x1.3c995b0b80385p+0))
    (f64.store offset=56 (local.get $at) (f64.const -0x1.b31d8a68224e9p-3))
    (f64.store offset=64 (local.get $at) (f64.const 0x1.30d190c8864a5p+0))
    (f64.store offset=72 (local.get $at) (f64.const -0x1.6574f0ac07758p-3))
    (f64.store offset=80 (local.get $at) (f64.const 0x1.25e227b0b8eap+0))
    (f64.store offset=88 (local.get $at) (f64.const -0x1.1aa2bc79c81p-3))
    (f64.store offset=96 (local.get $at) (f64.const 0x1.1bb4a4a1a343fp+0))
    (f64.store offset=104 (local.get $at) (f64.const -0x1.a4e76ce8c0e5ep-4))
    (f64.store offset=112 (local.get $at) (f64.const 0x1.12358f08ae5bap+0))
    (f64.store offset=120 (local.get $at) (f64.const -0x1.1973c5a611cccp-4))
    (f64.store offset=128 (local.get $at) (f64.const 0x1.0953f419900a7p+0))
    (f64.store offset=136 (local.get $at) (f64.const -0x1.252f438e10c1ep-5))
    (f64.store offset=144 (local.get $at) (f64.const 0x1p+0))
    (f64.store offset=152 (local.get $at) (f64.const 0x0p+0))
    (f64.store offset=160 (local.get $at) (f64.const 0x1.e608cfd9a47acp-1))
    (f64.store offset=168 (local.get $at) (f64.const 0x1.aa5aa5df25984p-5))
    (f64.store offset=176 (local.get $at) (f64.const 0x1.ca4b31f026aap-1))
    (f64.store offset=184 (local.get $at) (f64.const 0x1.c5e53aa362eb4p-4))
    (f64.store offset=192 (local.get $at) (f64.const 0x1.b2036576afce6p-1))
    (f64.store offset=200 (local.get $at) (f64.const 0x1.526e57720db08p-3))
    (f64.store offset=208 (local.get $at) (f64.const 0x1.9c2d163a1aa2dp-1))
    (f64.store offset=216 (local.get $at) (f64.const 0x1.bc2860d22477p-3))
    (f64.store offset=224 (local.get $at) (f64.const 0x1.886e6037841edp-1))
    (f64.store offset=232 (local.get $at) (f64.const 0x1.1058bc8a07ee1p-2))
    (f64.store offset=240 (local.get $at) (f64.const 0x1.767dcf5534862p-1))
    (f64.store offset=248 (local.get $at) (f64.const 0x1.4043057b6ee09p-2)))

  ;; The logf cubic's coefficients, ln 2 and 1 for $logs in both f64x2 lanes (globals for
  ;; the reason given above).
  (global $logfA0 (mut v128) (v128.const f64x2 -0x1.00ea348b88334p-2 -0x1.00ea348b88334p-2))
  (global $logfA1 (mut v128) (v128.const f64x2 0x1.5575b0be00b6ap-2 0x1.5575b0be00b6ap-2))
  (global $logfA2 (mut v128) (v128.const f64x2 -0x1.ffffef20a4123p-2 -0x1.ffffef20a4123p-2))
  (global $logfLn2 (mut v128) (v128.const f64x2 0x1.62e42fefa39efp-1 0x1.62e42fefa39efp-1))
  (global $oneF64x2 (mut v128) (v128.const f64x2 1 1))

  ;; logs(in, count, table, out, op): out[i] = log x for count floats, with x from in[i] by
  ;; op: 0, x = in[i]; 1, x = -in[i] and the log negated (the outer -log(-y) of Gumbel noise);
  ;; 2, x = in[i] / (1 - in[i]) (logistic noise). in may be out. The log of a positive
  ;; normal float is logf's, bit for bit as tfjs-backend-wasm's Log computes it (musl's
  ;; logf, from ARM's optimized routines: x = 2^k z with z near a table point c, log x =
  ;; k ln 2 + log c + log1p(z / c - 1), the last a cubic in double precision, rounded once
  ;; to float; wasm has no FMA, so the roundings are the same), with logfTable's table at
  ;; `table`. Four floats at a time (the last count % 4 in the low lanes), the double-
  ;; precision steps in two f64x2 halves, written out twice since V8 does not inline calls;
  ;; one loop for the three ops. Standalone, per million: Gumbels (two passes) 5.0 -> 3.7 ms,
  ;; logistics 3.4 -> 2.2 ms against one float at a time. Both of a Gumbel's logs in one
  ;; pass were slower (4.25 ms): the second waits on the first.
  (func $logs (param $in i32) (param $count i32) (param $table i32) (param $out i32) (param $op i32)
    (local $end i32) (local $left i32) (local $x v128) (local $tmp v128) (local $at v128)
    (local $z v128) (local $k v128) (local $hi v128) (local $r v128) (local $r2 v128) (local $y v128) (local $log v128)
    (local.set $end (i32.add (local.get $in) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $each
        (local.set $left (i32.sub (local.get $end) (local.get $in)))
        (br_if $done (i32.le_s (local.get $left) (i32.const 0)))
        (if (i32.ge_u (local.get $left) (i32.const 16))
          (then (local.set $x (v128.load (local.get $in))))
          (else
            (local.set $x (v128.load32_zero (local.get $in)))
            (if (i32.gt_u (local.get $left) (i32.const 4))
              (then (local.set $x (v128.load32_lane offset=4 1 (local.get $in) (local.get $x)))))
            (if (i32.gt_u (local.get $left) (i32.const 8))
              (then (local.set $x (v128.load32_lane offset=8 2 (local.get $in) (local.get $x)))))))
        (if (i32.eq (local.get $op) (i32.const 1)) (then (local.set $x (f32x4.neg (local.get $x)))))
        (if (i32.eq (local.get $op) (i32.const 2))
          (then (local.set $x (f32x4.div (local.get $x)
            (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $x))))))
        (local.set $tmp (i32x4.sub (local.get $x) (v128.const i32x4 0x3f330000 0x3f330000 0x3f330000 0x3f330000)))
        (local.set $at (i32x4.add (i32x4.splat (local.get $table))
          (i32x4.shl (v128.and (i32x4.shr_u (local.get $tmp) (i32.const 19)) (v128.const i32x4 15 15 15 15))
            (i32.const 4))))
        ;; x = 2^k z, z = x with k taken out of its exponent.
        (local.set $z (i32x4.sub (local.get $x)
          (v128.and (local.get $tmp) (v128.const i32x4 0xff800000 0xff800000 0xff800000 0xff800000))))
        (local.set $k (i32x4.shr_s (local.get $tmp) (i32.const 23)))
        ;; r = z / c - 1 with the table's 1/c by lane; lanes 0 and 1, then 2 and 3 moved down.
        (local.set $r (f64x2.sub
          (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z))
            (v128.load64_lane 1 (i32x4.extract_lane 1 (local.get $at))
              (v128.load64_zero (i32x4.extract_lane 0 (local.get $at)))))
          (global.get $oneF64x2)))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $y (f64x2.add (f64x2.mul (global.get $logfA1) (local.get $r)) (global.get $logfA2)))
        (local.set $y (f64x2.add (f64x2.mul (global.get $logfA0) (local.get $r2)) (local.get $y)))
        (local.set $log (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.mul (local.get $y) (local.get $r2))
            (f64x2.add
              (f64x2.add
                (v128.load64_lane offset=8 1 (i32x4.extract_lane 1 (local.get $at))
                  (v128.load64_zero offset=8 (i32x4.extract_lane 0 (local.get $at))))
                (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $k)) (global.get $logfLn2)))
              (local.get $r)))))
        (local.set $r (f64x2.sub
          (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
            (v128.load64_lane 1 (i32x4.extract_lane 3 (local.get $at))
              (v128.load64_zero (i32x4.extract_lane 2 (local.get $at)))))
          (global.get $oneF64x2)))
        (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $y (f64x2.add (f64x2.mul (global.get $logfA1) (local.get $r)) (global.get $logfA2)))
        (local.set $y (f64x2.add (f64x2.mul (global.get $logfA0) (local.get $r2)) (local.get $y)))
        (local.set $hi (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.mul (local.get $y) (local.get $r2))
            (f64x2.add
              (f64x2.add
                (v128.load64_lane offset=8 1 (i32x4.extract_lane 3 (local.get $at))
                  (v128.load64_zero offset=8 (i32x4.extract_lane 2 (local.get $at))))
                (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $k) (local.get $k))) (global.get $logfLn2)))
              (local.get $r)))))
        (local.set $log (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $log) (local.get $hi)))
        (if (i32.eq (local.get $op) (i32.const 1)) (then (local.set $log (f32x4.neg (local.get $log)))))
        (if (i32.ge_u (local.get $left) (i32.const 16))
          (then (v128.store (local.get $out) (local.get $log)))
          (else
            (v128.store32_lane 0 (local.get $out) (local.get $log))
            (if (i32.gt_u (local.get $left) (i32.const 4))
              (then (v128.store32_lane offset=4 1 (local.get $out) (local.get $log))))
            (if (i32.gt_u (local.get $left) (i32.const 8))
              (then (v128.store32_lane offset=8 2 (local.get $out) (local.get $log))))))
        (local.set $in (i32.add (local.get $in) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $each))))

  ;; gumbels(u, count, table, out): out[i] = -log(-log(u[i])) for count float32 uniforms, as
  ;; tfjs computes u.log().neg().log().neg().
  (func (export "gumbels") (param $u i32) (param $count i32) (param $table i32) (param $out i32)
    (call $logs (local.get $u) (local.get $count) (local.get $table) (local.get $out) (i32.const 0))
    (call $logs (local.get $out) (local.get $count) (local.get $table) (local.get $out) (i32.const 1)))

  ;; logistics(u, count, table, out): out[i] = log(u[i] / (1 - u[i])) for count float32
  ;; uniforms, as tfjs computes u.div(tf.sub(1, u)).log().
  (func (export "logistics") (param $u i32) (param $count i32) (param $table i32) (param $out i32)
    (call $logs (local.get $u) (local.get $count) (local.get $table) (local.get $out) (i32.const 2)))

  ;; argMaxRows(x, rows, size, out): out[r] (int32) = the first j whose x[r][j] is the
  ;; largest of its row by float32 >, as tfjs's ArgMax over the last axis does (a NaN is never
  ;; larger, so it wins only in column 0). The winner moves by select, without a branch
  ;; (tfjs's branch mispredicts on rows of noise). Four rows at a time in f32x4 lanes, the
  ;; last rows % 4 one at a time, their running maximum kept as its bits: V8 turns an i32
  ;; select into a conditional move but an f32 select into a branch.
  (func (export "argMaxRows") (param $x i32) (param $rows i32) (param $size i32) (param $out i32)
    (local $s i32) (local $j i32) (local $p i32) (local $end i32) (local $quads i32)
    (local $v v128) (local $m v128) (local $at v128) (local $col v128) (local $gt v128)
    (local $v0 f32) (local $m0 i32) (local $i0 i32) (local $g i32)
    (local.set $s (i32.shl (local.get $size) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 2))))
    (local.set $quads (i32.add (local.get $out) (i32.shl (i32.and (local.get $rows) (i32.const -4)) (i32.const 2))))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.ge_u (local.get $out) (local.get $quads)))
        (local.set $p (local.get $x))
        (local.set $m (call $column4 (local.get $p) (local.get $s)))
        (local.set $at (v128.const i32x4 0 0 0 0))
        (local.set $col (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 1))
        (block $columnsDone
          (loop $column
            (br_if $columnsDone (i32.ge_u (local.get $j) (local.get $size)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $col (i32x4.add (local.get $col) (v128.const i32x4 1 1 1 1)))
            (local.set $v (call $column4 (local.get $p) (local.get $s)))
            (local.set $gt (f32x4.gt (local.get $v) (local.get $m)))
            (local.set $m (v128.bitselect (local.get $v) (local.get $m) (local.get $gt)))
            (local.set $at (v128.bitselect (local.get $col) (local.get $at) (local.get $gt)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $column)))
        (v128.store (local.get $out) (local.get $at))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $s) (i32.const 2))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $quad)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $m0 (i32.load (local.get $x)))
        (local.set $i0 (i32.const 0))
        (local.set $j (i32.const 1))
        (local.set $p (i32.add (local.get $x) (i32.const 4)))
        (block $columnsDone
          (loop $column
            (br_if $columnsDone (i32.ge_u (local.get $j) (local.get $size)))
            (local.set $v0 (f32.load (local.get $p)))
            (local.set $g (f32.gt (local.get $v0) (f32.reinterpret_i32 (local.get $m0))))
            (local.set $m0 (select (i32.reinterpret_f32 (local.get $v0)) (local.get $m0) (local.get $g)))
            (local.set $i0 (select (local.get $j) (local.get $i0) (local.get $g)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $column)))
        (i32.store (local.get $out) (local.get $i0))
        (local.set $x (i32.add (local.get $x) (local.get $s)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $row))))

  ;; The float32s at p, p + stride, p + 2 stride and p + 3 stride (one column of four rows).
  (func $column4 (param $p i32) (param $stride i32) (result v128)
    (f32x4.replace_lane 3
      (f32x4.replace_lane 2
        (f32x4.replace_lane 1
          (f32x4.splat (f32.load (local.get $p)))
          (f32.load (i32.add (local.get $p) (local.get $stride))))
        (f32.load (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1)))))
      (f32.load (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))))))

  ;; XNNPACK's exp for softmax (its rr2-p5 polynomial, as tfjs-backend-wasm 4.22's build runs
  ;; it: separate multiplies and adds, no fused ones), as globals like fdlibm's above.
  (global $expLog2e (mut v128) (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0))
  (global $expMagic (mut v128) (v128.const f32x4 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23 0x1.8000FEp23))
  (global $expMinusLn2Hi (mut v128) (v128.const f32x4 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1 -0x1.62E400p-1))
  (global $expMinusLn2Lo (mut v128) (v128.const f32x4 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20 -0x1.7F7D1Cp-20))
  (global $expC5 (mut v128) (v128.const f32x4 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7 0x1.0F9F9Cp-7))
  (global $expC4 (mut v128) (v128.const f32x4 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5 0x1.573A1Ap-5))
  (global $expC3 (mut v128) (v128.const f32x4 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3 0x1.555A80p-3))
  (global $expC2 (mut v128) (v128.const f32x4 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2 0x1.FFFDC6p-2))
  (global $expC1 (mut v128) (v128.const f32x4 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1 0x1.FFFFF6p-1))
  (global $expCutoff (mut v128) (v128.const f32x4 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6 -0x1.5D589Ep6))

  ;; exp(x) for x <= 0 in four lanes, 0 below the cutoff where the result would be subnormal.
  (func $exp4 (param $x v128) (result v128)
    (local $n v128) (local $s v128) (local $t v128) (local $p v128)
    (local.set $n (f32x4.add (f32x4.mul (local.get $x) (global.get $expLog2e)) (global.get $expMagic)))
    (local.set $s (i32x4.shl (local.get $n) (i32.const 23)))
    (local.set $n (f32x4.sub (local.get $n) (global.get $expMagic)))
    (local.set $t (f32x4.add (f32x4.mul (local.get $n) (global.get $expMinusLn2Hi)) (local.get $x)))
    (local.set $t (f32x4.add (f32x4.mul (local.get $n) (global.get $expMinusLn2Lo)) (local.get $t)))
    (local.set $p (f32x4.add (f32x4.mul (global.get $expC5) (local.get $t)) (global.get $expC4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (global.get $expC3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (global.get $expC2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $t)) (global.get $expC1)))
    (local.set $t (f32x4.mul (local.get $t) (local.get $s)))
    (v128.andnot
      (f32x4.add (f32x4.mul (local.get $t) (local.get $p)) (local.get $s))
      (f32x4.lt (local.get $x) (global.get $expCutoff))))

  ;; softmaxRows(x, rows, size, out): each row of x [rows, size] as XNNPACK's softmax computes
  ;; it for tfjs: e = exp(x - max) by $exp4; their sum over whole groups of four in one f32x4
  ;; accumulator, its lanes added as (0 + 2) + (1 + 3), then the last size % 4 one by one;
  ;; out = e * (1 / sum). The maximum is exact in any order (a NaN or an infinity makes the
  ;; whole row NaN either way). tfjs runs it per row through three microkernel calls.
  (func (export "softmaxRows") (param $x i32) (param $rows i32) (param $size i32) (param $out i32)
    (local $r i32) (local $p i32) (local $q i32) (local $vectors i32) (local $vectorBytes i32) (local $rowBytes i32)
    (local $m v128) (local $max f32) (local $acc v128) (local $sum f32) (local $e v128) (local $inv f32)
    (local $d v128) (local $n v128) (local $s v128) (local $t v128)
    (local.set $rowBytes (i32.shl (local.get $size) (i32.const 2)))
    (local.set $vectorBytes (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 2)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        ;; max
        (local.set $max (f32.load (local.get $x)))
        (local.set $m (f32x4.splat (local.get $max)))
        (local.set $p (i32.const 0))
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $p) (local.get $vectorBytes)))
          (local.set $m (f32x4.pmax (local.get $m) (v128.load (i32.add (local.get $x) (local.get $p)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $each)))
        (local.set $m (f32x4.pmax (local.get $m) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m))))
        (local.set $max (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m))))
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $p) (local.get $rowBytes)))
          (local.set $max (f32.max (local.get $max) (f32.load (i32.add (local.get $x) (local.get $p)))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $each)))
        (local.set $m (f32x4.splat (local.get $max)))
        ;; exps and their sum
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $p (i32.const 0))
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $p) (local.get $vectorBytes)))
          ;; $exp4 inline (V8 does not inline the call), the same operations.
          (local.set $d (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $p))) (local.get $m)))
          (local.set $n (f32x4.add (f32x4.mul (local.get $d) (global.get $expLog2e)) (global.get $expMagic)))
          (local.set $s (i32x4.shl (local.get $n) (i32.const 23)))
          (local.set $n (f32x4.sub (local.get $n) (global.get $expMagic)))
          (local.set $t (f32x4.add (f32x4.mul (local.get $n) (global.get $expMinusLn2Hi)) (local.get $d)))
          (local.set $t (f32x4.add (f32x4.mul (local.get $n) (global.get $expMinusLn2Lo)) (local.get $t)))
          (local.set $e (f32x4.add (f32x4.mul (global.get $expC5) (local.get $t)) (global.get $expC4)))
          (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $t)) (global.get $expC3)))
          (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $t)) (global.get $expC2)))
          (local.set $e (f32x4.add (f32x4.mul (local.get $e) (local.get $t)) (global.get $expC1)))
          (local.set $t (f32x4.mul (local.get $t) (local.get $s)))
          (local.set $e
            (v128.andnot
              (f32x4.add (f32x4.mul (local.get $t) (local.get $e)) (local.get $s))
              (f32x4.lt (local.get $d) (global.get $expCutoff))))
          (v128.store (i32.add (local.get $out) (local.get $p)) (local.get $e))
          (local.set $acc (f32x4.add (local.get $acc) (local.get $e)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $each)))
        (local.set $sum
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 2 (local.get $acc)))
            (f32.add (f32x4.extract_lane 1 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $p) (local.get $rowBytes)))
          (local.set $e (call $exp4 (f32x4.sub (f32x4.splat (f32.load (i32.add (local.get $x) (local.get $p)))) (local.get $m))))
          (f32.store (i32.add (local.get $out) (local.get $p)) (f32x4.extract_lane 0 (local.get $e)))
          (local.set $sum (f32.add (local.get $sum) (f32x4.extract_lane 0 (local.get $e))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $each)))
        ;; scale by 1 / sum
        (local.set $inv (f32.div (f32.const 1) (local.get $sum)))
        (local.set $m (f32x4.splat (local.get $inv)))
        (local.set $p (i32.const 0))
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $p) (local.get $vectorBytes)))
          (local.set $q (i32.add (local.get $out) (local.get $p)))
          (v128.store (local.get $q) (f32x4.mul (v128.load (local.get $q)) (local.get $m)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $each)))
        (block $done (loop $each
          (br_if $done (i32.ge_u (local.get $p) (local.get $rowBytes)))
          (local.set $q (i32.add (local.get $out) (local.get $p)))
          (f32.store (local.get $q) (f32.mul (f32.load (local.get $q)) (local.get $inv)))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $each)))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; deviationMoments(x, loc, w, rows, samples, size, out0, out1, out2): for x [rows, samples,
  ;; size] and loc [rows, 1, size], with d = x - loc in float32, sums over the samples (each
  ;; from 0, in sample order, as tfjs's Sum adds) into [rows, 1, size] outputs: with weights
  ;; (w, [rows, samples], non-zero pointer) out0 = sum w ([rows, 1, 1]), out1 = sum w d,
  ;; out2 = sum (w d) d; without (w = 0) out1 = sum d, out2 = sum d d (out0 unused). Every
  ;; product is rounded to float32 as tfjs's Multiply and Square round it. Four rows at a
  ;; time in f32x4 lanes (one chain of additions per lane; a single chain waits on each
  ;; addition), the last rows % 4 one at a time.
  (func (export "deviationMoments")
    (param $x i32) (param $loc i32) (param $w i32) (param $rows i32) (param $samples i32) (param $size i32)
    (param $out0 i32) (param $out1 i32) (param $out2 i32)
    (local $t i32) (local $lanes i32) (local $j i32) (local $s i32) (local $p i32) (local $q i32)
    (local $rowBytes i32) (local $weightRowBytes i32) (local $at i32)
    (local $rowStride i32) (local $weightStride i32) (local $locStride i32)
    (local $l v128) (local $d v128) (local $wd v128) (local $a0 v128) (local $a1 v128) (local $a2 v128)
    (local.set $rowBytes (i32.shl (i32.mul (local.get $samples) (local.get $size)) (i32.const 2)))
    (local.set $weightRowBytes (i32.shl (local.get $samples) (i32.const 2)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $t) (local.get $rows)))
        ;; Lanes 0-3 read rows t to t + 3, or (the last rows % 4) all row t, from strides of 0,
        ;; and only lane 0 is stored.
        (local.set $lanes (select (i32.const 4) (i32.const 1) (i32.le_u (i32.add (local.get $t) (i32.const 4)) (local.get $rows))))
        (local.set $rowStride (select (local.get $rowBytes) (i32.const 0) (i32.eq (local.get $lanes) (i32.const 4))))
        (local.set $weightStride (select (local.get $weightRowBytes) (i32.const 0) (i32.eq (local.get $lanes) (i32.const 4))))
        (local.set $locStride (select (i32.shl (local.get $size) (i32.const 2)) (i32.const 0) (i32.eq (local.get $lanes) (i32.const 4))))
        (if (local.get $w)
          (then
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $q (i32.add (local.get $w) (i32.mul (local.get $t) (local.get $weightRowBytes))))
            (local.set $s (i32.const 0))
            (block $weightsDone
              (loop $weights
                (br_if $weightsDone (i32.ge_u (local.get $s) (local.get $samples)))
                (local.set $a0 (f32x4.add (local.get $a0)
                  (f32x4.replace_lane 3
                  (f32x4.replace_lane 2
                    (f32x4.replace_lane 1 (v128.load32_splat (local.get $q)) (f32.load (i32.add (local.get $q) (local.get $weightStride))))
                    (f32.load (i32.add (local.get $q) (i32.shl (local.get $weightStride) (i32.const 1)))))
                  (f32.load (i32.add (local.get $q) (i32.mul (local.get $weightStride) (i32.const 3)))))))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $weights)))
            (call $storeLanes (i32.add (local.get $out0) (i32.shl (local.get $t) (i32.const 2))) (i32.const 4) (local.get $lanes) (local.get $a0))))
        (local.set $j (i32.const 0))
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $j) (local.get $size)))
            (local.set $at (i32.shl (i32.add (i32.mul (local.get $t) (local.get $size)) (local.get $j)) (i32.const 2)))
            (local.set $l (f32x4.replace_lane 3
                  (f32x4.replace_lane 2
                    (f32x4.replace_lane 1 (v128.load32_splat (i32.add (local.get $loc) (local.get $at))) (f32.load (i32.add (i32.add (local.get $loc) (local.get $at)) (local.get $locStride))))
                    (f32.load (i32.add (i32.add (local.get $loc) (local.get $at)) (i32.shl (local.get $locStride) (i32.const 1)))))
                  (f32.load (i32.add (i32.add (local.get $loc) (local.get $at)) (i32.mul (local.get $locStride) (i32.const 3))))))
            (local.set $p (i32.add (local.get $x)
              (i32.add (i32.mul (local.get $t) (local.get $rowBytes)) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $q (i32.add (local.get $w) (i32.mul (local.get $t) (local.get $weightRowBytes))))
            (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0))
            (local.set $s (i32.const 0))
            (block $samplesDone
              (loop $sampleLoop
                (br_if $samplesDone (i32.ge_u (local.get $s) (local.get $samples)))
                (local.set $d (f32x4.sub (f32x4.replace_lane 3
                  (f32x4.replace_lane 2
                    (f32x4.replace_lane 1 (v128.load32_splat (local.get $p)) (f32.load (i32.add (local.get $p) (local.get $rowStride))))
                    (f32.load (i32.add (local.get $p) (i32.shl (local.get $rowStride) (i32.const 1)))))
                  (f32.load (i32.add (local.get $p) (i32.mul (local.get $rowStride) (i32.const 3))))) (local.get $l)))
                (if (local.get $w)
                  (then
                    (local.set $wd (f32x4.mul (f32x4.replace_lane 3
                  (f32x4.replace_lane 2
                    (f32x4.replace_lane 1 (v128.load32_splat (local.get $q)) (f32.load (i32.add (local.get $q) (local.get $weightStride))))
                    (f32.load (i32.add (local.get $q) (i32.shl (local.get $weightStride) (i32.const 1)))))
                  (f32.load (i32.add (local.get $q) (i32.mul (local.get $weightStride) (i32.const 3))))) (local.get $d)))
                    (local.set $a1 (f32x4.add (local.get $a1) (local.get $wd)))
                    (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $wd) (local.get $d))))
                    (local.set $q (i32.add (local.get $q) (i32.const 4))))
                  (else
                    (local.set $a1 (f32x4.add (local.get $a1) (local.get $d)))
                    (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $d) (local.get $d))))))
                (local.set $p (i32.add (local.get $p) (i32.shl (local.get $size) (i32.const 2))))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $sampleLoop)))
            (call $storeLanes (i32.add (local.get $out1) (local.get $at)) (i32.shl (local.get $size) (i32.const 2)) (local.get $lanes) (local.get $a1))
            (call $storeLanes (i32.add (local.get $out2) (local.get $at)) (i32.shl (local.get $size) (i32.const 2)) (local.get $lanes) (local.get $a2))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $columns)))
        (local.set $t (i32.add (local.get $t) (local.get $lanes)))
        (br $rowLoop))))

  ;; Stores lanes 0 to lanes - 1 of v at p, p + stride, ...
  (func $storeLanes (param $p i32) (param $stride i32) (param $lanes i32) (param $v v128)
    (f32.store (local.get $p) (f32x4.extract_lane 0 (local.get $v)))
    (if (i32.eq (local.get $lanes) (i32.const 4))
      (then
        (f32.store (i32.add (local.get $p) (local.get $stride)) (f32x4.extract_lane 1 (local.get $v)))
        (f32.store (i32.add (local.get $p) (i32.shl (local.get $stride) (i32.const 1))) (f32x4.extract_lane 2 (local.get $v)))
        (f32.store (i32.add (local.get $p) (i32.mul (local.get $stride) (i32.const 3))) (f32x4.extract_lane 3 (local.get $v))))))

  ;; xor4096Uniforms(states, rows, count, out, ring): for each row r, steps the xor4096
  ;; state at states + 520 r (the 128-word ring, the ring index, the Weyl word:
  ;; random/noise-stream.ts's layout) count times as fillXor4096Uniforms does, writing the
  ;; uniforms to out[r][0, count) (float32, the top 24 bits of each word times 2^-24, at
  ;; least 2^-24) and the state back in place. Four rows at a ring index in common (every
  ;; stream of a cell: seeding leaves index 127 and all draw alike) step together in i32x4
  ;; lanes, their rings interleaved in the 2048 bytes at `ring`; any other row alone.
  (func (export "xor4096Uniforms")
    (param $states i32) (param $rows i32) (param $count i32) (param $out i32) (param $ring i32)
    (local $row i32) (local $s i32) (local $index i32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $s (i32.add (local.get $states) (i32.mul (local.get $row) (i32.const 520))))
        (local.set $index (i32.load offset=512 (local.get $s)))
        (if (i32.and
              (i32.le_u (i32.add (local.get $row) (i32.const 4)) (local.get $rows))
              (i32.and
                (i32.eq (i32.load offset=1032 (local.get $s)) (local.get $index))
                (i32.and
                  (i32.eq (i32.load offset=1552 (local.get $s)) (local.get $index))
                  (i32.eq (i32.load offset=2072 (local.get $s)) (local.get $index)))))
          (then
            (call $xor4096FourRows (local.get $s) (local.get $count) (local.get $out) (local.get $ring))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 4))))
            (local.set $row (i32.add (local.get $row) (i32.const 4))))
          (else
            (call $xor4096Row (local.get $s) (local.get $count) (local.get $out))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
            (local.set $row (i32.add (local.get $row) (i32.const 1)))))
        (br $rowLoop))))

  ;; One row of xor4096Uniforms: the state at s, count uniforms to out.
  (func $xor4096Row (param $s i32) (param $count i32) (param $out i32)
    (local $i i32) (local $w i32) (local $k i32) (local $v i32) (local $t i32) (local $at i32)
    (local.set $i (i32.load offset=512 (local.get $s)))
    (local.set $w (i32.load offset=516 (local.get $s)))
    (block $drawsDone
      (loop $draws
        (br_if $drawsDone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $w (i32.add (local.get $w) (i32.const 0x61c88647)))
        (local.set $v (i32.load (i32.add (local.get $s)
          (i32.shl (i32.and (i32.add (local.get $i) (i32.const 34)) (i32.const 127)) (i32.const 2)))))
        (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 127)))
        (local.set $at (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $t (i32.load (local.get $at)))
        (local.set $v (i32.xor (local.get $v) (i32.shl (local.get $v) (i32.const 13))))
        (local.set $t (i32.xor (local.get $t) (i32.shl (local.get $t) (i32.const 17))))
        (local.set $v (i32.xor (local.get $v) (i32.shr_u (local.get $v) (i32.const 15))))
        (local.set $t (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 12))))
        (local.set $v (i32.xor (local.get $v) (local.get $t)))
        (i32.store (local.get $at) (local.get $v))
        (f32.store (local.get $out)
          (f32.max
            (f32.mul
              (f32.convert_i32_u (i32.shr_u
                (i32.add (local.get $v) (i32.xor (local.get $w) (i32.shr_u (local.get $w) (i32.const 16))))
                (i32.const 8)))
              (f32.const 0x1p-24))
            (f32.const 0x1p-24)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $draws)))
    (i32.store offset=512 (local.get $s) (local.get $i))
    (i32.store offset=516 (local.get $s) (local.get $w)))

  ;; Four rows of xor4096Uniforms, states at s + 520 r with the same ring index, rows of
  ;; count uniforms from out: the same steps as $xor4096Row, lane r for row r.
  (func $xor4096FourRows (param $s i32) (param $count i32) (param $out i32) (param $ring i32)
    (local $j i32) (local $i i32) (local $k i32) (local $at i32) (local $stride i32)
    (local $w v128) (local $v v128) (local $t v128) (local $u v128)
    ;; Word j of row r goes to ring + 16 j + 4 r, so one v128 holds word j of all four.
    (block $inDone
      (loop $in
        (br_if $inDone (i32.ge_u (local.get $j) (i32.const 128)))
        (local.set $at (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))
        (v128.store (i32.add (local.get $ring) (i32.shl (local.get $j) (i32.const 4)))
          (i32x4.replace_lane 3
            (i32x4.replace_lane 2
              (i32x4.replace_lane 1
                (i32x4.splat (i32.load (local.get $at)))
                (i32.load offset=520 (local.get $at)))
              (i32.load offset=1040 (local.get $at)))
            (i32.load offset=1560 (local.get $at))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $in)))
    (local.set $i (i32.load offset=512 (local.get $s)))
    (local.set $w
      (i32x4.replace_lane 3
        (i32x4.replace_lane 2
          (i32x4.replace_lane 1
            (i32x4.splat (i32.load offset=516 (local.get $s)))
            (i32.load offset=1036 (local.get $s)))
          (i32.load offset=1556 (local.get $s)))
        (i32.load offset=2076 (local.get $s))))
    (local.set $stride (i32.shl (local.get $count) (i32.const 2)))
    (block $drawsDone
      (loop $draws
        (br_if $drawsDone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $w (i32x4.add (local.get $w) (v128.const i32x4 0x61c88647 0x61c88647 0x61c88647 0x61c88647)))
        (local.set $v (v128.load (i32.add (local.get $ring)
          (i32.shl (i32.and (i32.add (local.get $i) (i32.const 34)) (i32.const 127)) (i32.const 4)))))
        (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 127)))
        (local.set $at (i32.add (local.get $ring) (i32.shl (local.get $i) (i32.const 4))))
        (local.set $t (v128.load (local.get $at)))
        (local.set $v (v128.xor (local.get $v) (i32x4.shl (local.get $v) (i32.const 13))))
        (local.set $t (v128.xor (local.get $t) (i32x4.shl (local.get $t) (i32.const 17))))
        (local.set $v (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 15))))
        (local.set $t (v128.xor (local.get $t) (i32x4.shr_u (local.get $t) (i32.const 12))))
        (local.set $v (v128.xor (local.get $v) (local.get $t)))
        (v128.store (local.get $at) (local.get $v))
        ;; pmax is max here (no NaN), and one instruction where max is several.
        (local.set $u
          (f32x4.pmax
            (f32x4.mul
              (f32x4.convert_i32x4_u (i32x4.shr_u
                (i32x4.add (local.get $v) (v128.xor (local.get $w) (i32x4.shr_u (local.get $w) (i32.const 16))))
                (i32.const 8)))
              (v128.const f32x4 0x1p-24 0x1p-24 0x1p-24 0x1p-24))
            (v128.const f32x4 0x1p-24 0x1p-24 0x1p-24 0x1p-24)))
        (f32.store (local.get $out) (f32x4.extract_lane 0 (local.get $u)))
        (f32.store (i32.add (local.get $out) (local.get $stride)) (f32x4.extract_lane 1 (local.get $u)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $stride) (i32.const 1))) (f32x4.extract_lane 2 (local.get $u)))
        (f32.store (i32.add (local.get $out) (i32.mul (local.get $stride) (i32.const 3))) (f32x4.extract_lane 3 (local.get $u)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $draws)))
    (local.set $j (i32.const 0))
    (block $outDone
      (loop $back
        (br_if $outDone (i32.ge_u (local.get $j) (i32.const 128)))
        (local.set $at (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $v (v128.load (i32.add (local.get $ring) (i32.shl (local.get $j) (i32.const 4)))))
        (i32.store (local.get $at) (i32x4.extract_lane 0 (local.get $v)))
        (i32.store offset=520 (local.get $at) (i32x4.extract_lane 1 (local.get $v)))
        (i32.store offset=1040 (local.get $at) (i32x4.extract_lane 2 (local.get $v)))
        (i32.store offset=1560 (local.get $at) (i32x4.extract_lane 3 (local.get $v)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $back)))
    (i32.store offset=512 (local.get $s) (local.get $i))
    (i32.store offset=1032 (local.get $s) (local.get $i))
    (i32.store offset=1552 (local.get $s) (local.get $i))
    (i32.store offset=2072 (local.get $s) (local.get $i))
    (i32.store offset=516 (local.get $s) (i32x4.extract_lane 0 (local.get $w)))
    (i32.store offset=1036 (local.get $s) (i32x4.extract_lane 1 (local.get $w)))
    (i32.store offset=1556 (local.get $s) (i32x4.extract_lane 2 (local.get $w)))
    (i32.store offset=2076 (local.get $s) (i32x4.extract_lane 3 (local.get $w)))))

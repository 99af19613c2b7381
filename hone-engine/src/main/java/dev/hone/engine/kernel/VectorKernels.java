package dev.hone.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The production kernels, on the Vector API. Matrix multiply packs op(B) into column panels two
 * vectors wide (so the inner loop reads one contiguous stream), blocks the depth and the rows as
 * GotoBLAS does, and runs an 8-row (AVX-512) or 4-row (narrower vectors) × 2-vector register tile
 * with FMA; rows (or, for short matrices, panels) are split over the {@link ComputePool}.
 * Element-wise kernels split large arrays over the pool too.
 */
public final class VectorKernels implements Kernels, AutoCloseable {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Columns of op(B) per packed panel: the width of the register tile. */
    static final int PANEL = 2 * LANES;
    /**
     * Register-tile height. 512-bit vectors come with AVX-512's 32 vector registers, which hold 8 rows'
     * 16 accumulators; AVX2's 16 registers hold 4 rows' 8 (taller tiles spilled there and ran at half
     * speed). On AVX-512 the 8-row tile loads each B vector for twice the FMAs: 1.2× the 4-row tile's
     * GFLOP/s on a 1024³ product; training steps, with their many small products, were unchanged
     * within the machine's noise (bench/RESULTS.md).
     */
    private static final int TILE_ROWS = LANES >= 16 ? 8 : 4;
    /** One step of a packed A tile as a vector: a transposed A's tiles are packed a step at a time. */
    private static final VectorSpecies<Float> TILE_SPECIES = TILE_ROWS == 8 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
    /** Rows per thread from which a product is split by rows; below it, by panels (so no thread gets a lone tile). */
    private static final int SPLIT_ROWS_FROM = 32;
    /**
     * Depth block (kc). Cutting the depth costs a pass of C through the edge buffer per block (the
     * tiles only overwrite, see multiplyTile8), and that cost more than reading B's panels from L2:
     * blocks of 192, sized for L1, ran GEMM 1024³ at 0.82-0.88× PyTorch + OpenBLAS, blocks of 1024
     * at 1.07× (GemmBench, Zen 5). The blocks exist for deep products (weight gradients over
     * thousands of rows): undivided, their row blocks shrank to a tile or two and B streamed from
     * memory for each (dW with k = 4096 at 0.51×, 0.77× with blocks). Deeper products are cut into
     * equal blocks no deeper than this.
     */
    private static final int MAX_DEPTH_BLOCK = 1024;
    /** Packed A of one row block (mc rows × kc) stays in L2 while the panels sweep it: 256 KiB, half of Zen 3's L2. */
    private static final int L2_BUDGET_FLOATS = 64 * 1024;
    /** Up to this many rows, products skip packing (batch-1 inference, a decoding step's attention). */
    private static final int SMALL_ROWS = 4;
    /**
     * Up to this many rows, a product with a stored weight widens each weight row once into a buffer
     * that stays in L1 and multiplies four rows of A at a time by it (decoding, a few sequences at a
     * time); above, the weight is widened into packed panels a block at a time, as {@link #pack}
     * would, and the register tile runs on them.
     */
    private static final int STORED_FEW_ROWS = 16;
    /**
     * Rows of A packed at once for a product with a stored weight: a training batch of 4 × 256
     * tokens in one piece (the weight is widened once per piece), and at most 1024 × k floats held,
     * 20 MB for a 4,864-wide projection, however long the prompt.
     */
    private static final int PACKED_A_ROWS = 1024;
    /** Below this many multiply-adds a product runs on the calling thread only. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;
    /** Element-wise kernels split over the pool from this many elements on. */
    private static final int PARALLEL_ELEMENTS = 1 << 15;
    private static final float INVERSE_SQRT_2 = (float) (1 / Math.sqrt(2));
    private static final float INVERSE_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));

    private final ComputePool pool;

    public VectorKernels(int threads) {
        this.pool = new ComputePool(threads);
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public void forEachRange(int items, ComputePool.Range body) {
        pool.forEachRange(items, pool.threads(), 1, body);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public void matmul(float[] a, int aOffset, boolean transposeA, float[] b, int bOffset, boolean transposeB,
                       float[] c, int cOffset, int m, int n, int k, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOffset + i * n, cOffset + i * n + n, 0f);
            return;
        }
        long work = (long) m * n * k;
        int threads = work < PARALLEL_THRESHOLD ? 1 : pool.threads();
        if (m <= SMALL_ROWS && !transposeA && transposeB) {
            // A few rows against a weight stored (n × k): dot products along contiguous rows, no packing.
            int columnsPerPart = (n + threads - 1) / threads;
            pool.forEach(threads, part -> multiplyRowsByRows(a, aOffset, b, bOffset, c, cOffset, m, n, k, accumulate,
                    part * columnsPerPart, Math.min(n, (part + 1) * columnsPerPart)));
            return;
        }
        if (m <= SMALL_ROWS && !transposeA) {
            // A few rows against B stored (k × n), as a decoding step's attention weights meet its cached values:
            // each C row a sum of B rows, B read once; packing B and running a tile for one row cost far more.
            pool.forEachRange(n, threads, LANES, (from, to) -> multiplyRowsByColumns(a, aOffset, b, bOffset, c, cOffset,
                    m, n, k, accumulate, from, to));
            return;
        }
        int panels = (n + PANEL - 1) / PANEL;
        // The calling thread's scratch: the workers only read it during this call.
        float[] packed = Scratch.packedB(panels * k * PANEL);
        packB(b, bOffset, transposeB, k, n, packed, threads);
        multiplyPacked(a, aOffset, transposeA, packed, c, cOffset, m, n, k, accumulate, threads);
    }

    @Override
    public void matmul(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m, boolean accumulate) {
        if (m == 0) return;
        int n = w.rows();
        int k = w.columns();
        int threads = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : pool.threads();
        if (m <= STORED_FEW_ROWS) {
            // Ranges of whole groups of four weight rows, as the few-rows product takes them.
            pool.forEachRange(n, threads, 4,
                    (from, to) -> Widening.multiplyFewRows(a, aOffset, w, c, cOffset, m, accumulate, from, to));
            return;
        }
        multiplyWidenedBlocks(a, aOffset, c, cOffset, m, n, k, accumulate, threads,
                (first, width, packed) -> Widening.packPanels(w, first, width, packed));
    }

    @Override
    public void matmulUntransposed(float[] a, int aOffset, StoredMatrix w, float[] c, int cOffset, int m, boolean accumulate) {
        if (m == 0) return;
        int k = w.rows();
        int n = w.columns();
        int threads = (long) m * n * k < PARALLEL_THRESHOLD ? 1 : pool.threads();
        // op(B) = W itself (k × n): its column panels are widened from a slice of every W row.
        multiplyWidenedBlocks(a, aOffset, c, cOffset, m, n, k, accumulate, threads,
                (first, width, packed) -> Widening.packColumnPanels(w, first, width, packed));
    }

    /** Widens columns [first, first + width) of op(B) into packed panels, as {@link #pack} lays them out. */
    @FunctionalInterface
    private interface PanelWidening {
        void widen(int first, int width, float[] packed);
    }

    /**
     * C = A · op(B) for a stored weight's op(B) (k × n), in blocks of whole panels whose widened form
     * (k × blockColumns floats) fits the L2 budget; each is widened by the thread that multiplies by
     * it, into that thread's own scratch, and then the register tile runs on it.
     */
    private void multiplyWidenedBlocks(float[] a, int aOffset, float[] c, int cOffset, int m, int n, int k, boolean accumulate,
                                       int threads, PanelWidening widening) {
        // Rows in chunks, so the packed A below stays bounded (a long prompt's prefill would otherwise pack
        // all of it); each row's products are the same whichever chunk it is in.
        for (int first = 0; first < m; first += PACKED_A_ROWS) {
            int rows = Math.min(PACKED_A_ROWS, m - first);
            multiplyWidenedChunk(a, aOffset + first * k, c, cOffset + first * n, rows, n, k, accumulate, threads, widening);
        }
    }

    private void multiplyWidenedChunk(float[] a, int aOffset, float[] c, int cOffset, int m, int n, int k, boolean accumulate,
                                      int threads, PanelWidening widening) {
        int blockColumns = Math.max(1, L2_BUDGET_FLOATS / (k * PANEL)) * PANEL;
        int blocks = (n + blockColumns - 1) / blockColumns;
        // A is packed once for every block: packed per block, as multiplyBlock does on its own, it was
        // repacked n / blockColumns times (76 times for a 4,864-wide projection), a third of a LoRA
        // training step. The calling thread's scratch: the workers only read it during this call.
        float[] tiledA = Scratch.packedA(tilesSize(m, k));
        packAllOfA(a, aOffset, m, k, tiledA);
        java.util.function.IntConsumer block = b -> {
            int first = b * blockColumns;
            int width = Math.min(blockColumns, n - first);
            int panels = (width + PANEL - 1) / PANEL;
            float[] packed = Scratch.widened(panels * k * PANEL);
            widening.widen(first, width, packed);
            multiplyBlock(a, aOffset, false, tiledA, packed, c, cOffset + first, m, width, k, accumulate, 0, m, 0, panels, n);
        };
        if (threads == 1) {
            for (int b = 0; b < blocks; b++) block.accept(b);
        } else {
            pool.forEach(blocks, block);
        }
    }

    @Override
    public void widenRow(StoredMatrix w, int row, float[] out, int outOffset) {
        Widening.widenRow(w, row, out, outOffset);
    }

    @Override
    public PackedMatrix pack(float[] b, int bOffset, boolean transposeB, int k, int n) {
        int panels = (n + PANEL - 1) / PANEL;
        float[] packed = new float[panels * k * PANEL];
        packB(b, bOffset, transposeB, k, n, packed, (long) k * n < PARALLEL_ELEMENTS ? 1 : pool.threads());
        return new PackedMatrix(this, k, n, packed);
    }

    @Override
    public void matmul(float[] a, int aOffset, boolean transposeA, PackedMatrix b, float[] c, int cOffset, int m,
                       boolean accumulate) {
        b.checkOwner(this);
        if (m == 0) return;
        int threads = (long) m * b.n() * b.k() < PARALLEL_THRESHOLD ? 1 : pool.threads();
        multiplyPacked(a, aOffset, transposeA, b.values(), c, cOffset, m, b.n(), b.k(), accumulate, threads);
    }

    /** Splits C over the pool by rows when there are enough of them, else by panels. */
    private void multiplyPacked(float[] a, int aOffset, boolean transposeA, float[] packed, float[] c, int cOffset,
                                int m, int n, int k, boolean accumulate, int threads) {
        int panels = (n + PANEL - 1) / PANEL;
        if (m >= SPLIT_ROWS_FROM * threads) {
            int rowsPerPart = ((m + threads - 1) / threads + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
            pool.forEach(threads, part -> {
                int from = part * rowsPerPart;
                int to = Math.min(m, from + rowsPerPart);
                if (from < to) multiplyBlock(a, aOffset, transposeA, null, packed, c, cOffset, m, n, k, accumulate, from, to, 0, panels, n);
            });
        } else {
            int panelsPerPart = (panels + threads - 1) / threads;
            pool.forEach(threads, part -> {
                int from = part * panelsPerPart;
                int to = Math.min(panels, from + panelsPerPart);
                if (from < to) multiplyBlock(a, aOffset, transposeA, null, packed, c, cOffset, m, n, k, accumulate, 0, m, from, to, n);
            });
        }
    }

    /** C[i][j] = A[i,:]·B[j,:] for up to {@link #SMALL_ROWS} rows, columns [from, to): each B row is read once. */
    private static void multiplyRowsByRows(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
                                           int m, int n, int k, boolean accumulate, int from, int to) {
        int bound = SPECIES.loopBound(k);
        for (int j = from; j < to; j++) {
            int bRow = bOffset + j * k;
            for (int i0 = 0; i0 < m; i0 += 2) {
                boolean pair = i0 + 1 < m;
                int a0 = aOffset + i0 * k;
                int a1 = a0 + k;
                FloatVector s0 = FloatVector.zero(SPECIES);
                FloatVector s1 = FloatVector.zero(SPECIES);
                int kk = 0;
                for (; kk < bound; kk += LANES) {
                    FloatVector w = FloatVector.fromArray(SPECIES, b, bRow + kk);
                    s0 = FloatVector.fromArray(SPECIES, a, a0 + kk).fma(w, s0);
                    if (pair) s1 = FloatVector.fromArray(SPECIES, a, a1 + kk).fma(w, s1);
                }
                float r0 = TierExact.sum(s0);
                float r1 = pair ? TierExact.sum(s1) : 0f;
                for (; kk < k; kk++) {
                    r0 += a[a0 + kk] * b[bRow + kk];
                    if (pair) r1 += a[a1 + kk] * b[bRow + kk];
                }
                int at0 = cOffset + i0 * n + j;
                c[at0] = accumulate ? c[at0] + r0 : r0;
                if (pair) {
                    int at1 = at0 + n;
                    c[at1] = accumulate ? c[at1] + r1 : r1;
                }
            }
        }
    }

    /** C[i][from, to) = Σ_p A[i][p]·B[p][from, to) for up to {@link #SMALL_ROWS} rows: B's rows stream once, for all rows of A. */
    private static void multiplyRowsByColumns(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset,
                                              int m, int n, int k, boolean accumulate, int from, int to) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOffset + i * n + from, cOffset + i * n + to, 0f);
        }
        int bound = from + SPECIES.loopBound(to - from);
        for (int p = 0; p < k; p++) {
            int bRow = bOffset + p * n;
            for (int i = 0; i < m; i++) {
                float coefficient = a[aOffset + i * k + p];
                FloatVector scale = FloatVector.broadcast(SPECIES, coefficient);
                int cRow = cOffset + i * n;
                int j = from;
                for (; j < bound; j += LANES) {
                    FloatVector.fromArray(SPECIES, b, bRow + j).fma(scale, FloatVector.fromArray(SPECIES, c, cRow + j))
                            .intoArray(c, cRow + j);
                }
                for (; j < to; j++) c[cRow + j] += coefficient * b[bRow + j];
            }
        }
    }

    /** Packs op(B) (k × n) into panels, split by panels over the given number of threads. */
    private void packB(float[] b, int bOffset, boolean transposeB, int k, int n, float[] packed, int threads) {
        int panels = (n + PANEL - 1) / PANEL;
        pool.forEachRange(panels, threads, 1, (from, to) -> packPanels(b, bOffset, transposeB, k, n, from, to, packed));
    }

    /**
     * Panels [from, to) of op(B): panel p holds rows kk of columns [p·PANEL, p·PANEL + PANEL), zero-padded,
     * so a depth block of a panel is one contiguous run. Full panels move a vector at a time (a
     * transposed B's with gathers down its rows); the last, narrower panel element by element.
     */
    private static void packPanels(float[] b, int bOffset, boolean transposeB, int k, int n, int from, int to,
                                   float[] packed) {
        int[] rowStarts = transposeB ? rowStarts(k) : null;
        for (int p = from; p < to; p++) {
            int column = p * PANEL;
            int width = Math.min(PANEL, n - column);
            int base = p * k * PANEL;
            if (width < PANEL) {
                packNarrowPanel(b, bOffset, transposeB, k, n, column, width, packed, base);
            } else if (!transposeB) {
                for (int kk = 0, source = bOffset + column, at = base; kk < k; kk++, source += n, at += PANEL) {
                    FloatVector.fromArray(SPECIES, b, source).intoArray(packed, at);
                    FloatVector.fromArray(SPECIES, b, source + LANES).intoArray(packed, at + LANES);
                }
            } else {
                // B's rows are the panel's columns: step kk gathers element kk of PANEL consecutive rows.
                for (int kk = 0, source = bOffset + column * k, at = base; kk < k; kk++, source++, at += PANEL) {
                    FloatVector.fromArray(SPECIES, b, source, rowStarts, 0).intoArray(packed, at);
                    FloatVector.fromArray(SPECIES, b, source, rowStarts, LANES).intoArray(packed, at + LANES);
                }
            }
        }
    }

    /** The offsets of a panel's PANEL rows in a transposed B stored n × k: j·k. */
    private static int[] rowStarts(int k) {
        int[] starts = new int[PANEL];
        for (int j = 0; j < PANEL; j++) starts[j] = j * k;
        return starts;
    }

    /** The last panel, narrower than {@link #PANEL}: its columns, then zeros. */
    private static void packNarrowPanel(float[] b, int bOffset, boolean transposeB, int k, int n, int column, int width,
                                        float[] packed, int base) {
        java.util.Arrays.fill(packed, base, base + k * PANEL, 0f);
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < width; j++) {
                int source = transposeB ? bOffset + (column + j) * k + kk : bOffset + kk * n + column + j;
                packed[base + kk * PANEL + j] = b[source];
            }
        }
    }

    /**
     * Rows [rowFrom, rowTo) × panels [panelFrom, panelTo), blocked as GotoBLAS does: the depth in
     * blocks of at most {@link #MAX_DEPTH_BLOCK}, the rows in blocks whose packed A fits the L2
     * budget. For each block, each panel's depth slice is swept by every tile of the row block while
     * it sits in cache. The first depth block overwrites C (unless the product accumulates); later
     * ones add to it. C's rows are {@code rowStride} apart: n, or more when the packed panels cover
     * only some of C's columns (a block of a stored weight). A is packed here a row block at a time,
     * unless {@code tiledA} already holds all of it as {@link #packAllOfA} lays it out.
     */
    private static void multiplyBlock(float[] a, int aOffset, boolean transposeA, float[] tiledA, float[] packed, float[] c,
                                      int cOffset, int m, int n, int k, boolean accumulate, int rowFrom, int rowTo,
                                      int panelFrom, int panelTo, int rowStride) {
        int depthBlock = depthBlock(k);
        int rowBlock = Math.max(1, L2_BUDGET_FLOATS / (depthBlock * TILE_ROWS)) * TILE_ROWS;
        float[] tiled = tiledA != null ? tiledA
                : Scratch.tiles(Math.min(rowBlock, (rowTo - rowFrom + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS) * depthBlock);
        Edge edge = new Edge();
        for (int k0 = 0; k0 < k; k0 += depthBlock) {
            int depth = Math.min(depthBlock, k - k0);
            boolean add = accumulate || k0 > 0;
            for (int i0 = rowFrom; i0 < rowTo; i0 += rowBlock) {
                int i1 = Math.min(rowTo, i0 + rowBlock);
                int tilesAt = 0;
                if (tiledA != null) tilesAt = paddedRows(m) * k0 + i0 * depth;    // where packAllOfA put this row block
                else packA(a, aOffset, transposeA, m, k, i0, i1, k0, depth, tiled, 0);
                for (int p = panelFrom; p < panelTo; p++) {
                    int width = Math.min(PANEL, n - p * PANEL);
                    int bAt = (p * k + k0) * PANEL;
                    for (int i = i0, tile = tilesAt; i < i1; i += TILE_ROWS, tile += TILE_ROWS * depth) {
                        int rows = Math.min(TILE_ROWS, i1 - i);
                        int cAt = cOffset + i * rowStride + p * PANEL;
                        if (!add && width == PANEL && rows == TILE_ROWS) {
                            multiplyTile(tiled, tile, packed, bAt, depth, c, cAt, rowStride);
                        } else {
                            // The tiles only overwrite (see multiplyTile8): edges and sums go through the buffer.
                            multiplyTile(tiled, tile, packed, bAt, depth, edge.buffer, 0, PANEL);
                            edge.copyTo(c, cAt, rowStride, rows, width, add);
                        }
                    }
                }
            }
        }
    }

    /** The depth block {@link #multiplyBlock} cuts a depth of k into: equal blocks no deeper than {@link #MAX_DEPTH_BLOCK}. */
    private static int depthBlock(int k) {
        int depthBlocks = (k + MAX_DEPTH_BLOCK - 1) / MAX_DEPTH_BLOCK;
        return (k + depthBlocks - 1) / depthBlocks;
    }

    private static int paddedRows(int m) {
        return (m + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
    }

    private static int tilesSize(int m, int k) {
        return paddedRows(m) * k;
    }

    /**
     * All of A (m × k, not transposed) packed as {@link #multiplyBlock} reads it: depth block after
     * depth block, each holding every row's tiles, so a row block's tiles are one contiguous run at
     * {@code paddedRows(m)·k0 + i0·depth}.
     */
    private static void packAllOfA(float[] a, int aOffset, int m, int k, float[] tiled) {
        int depthBlock = depthBlock(k);
        for (int k0 = 0; k0 < k; k0 += depthBlock) {
            packA(a, aOffset, false, m, k, 0, m, k0, Math.min(depthBlock, k - k0), tiled, paddedRows(m) * k0);
        }
    }

    /**
     * Packs op(A)'s rows [rowFrom, rowTo), depth [k0, k0 + depth) into tiles of {@link #TILE_ROWS}
     * rows, depth-major (so one step's broadcasts read one cache line). Rows past the end are zeros:
     * a partial tile costs one tile, where row by row it cost four.
     */
    private static void packA(float[] a, int aOffset, boolean transposeA, int m, int k, int rowFrom, int rowTo,
                              int k0, int depth, float[] tiled, int tiledAt) {
        int tileSize = TILE_ROWS * depth;
        int tiles = (rowTo - rowFrom + TILE_ROWS - 1) / TILE_ROWS;
        int lastRows = rowTo - rowFrom - (tiles - 1) * TILE_ROWS;
        if (lastRows < TILE_ROWS) java.util.Arrays.fill(tiled, tiledAt + (tiles - 1) * tileSize, tiledAt + tiles * tileSize, 0f);
        if (transposeA) {
            // A is stored k × m: each stored row's run [rowFrom, rowTo) is read once, front to back.
            for (int kk = 0; kk < depth; kk++) {
                int source = aOffset + (k0 + kk) * m + rowFrom;
                int full = lastRows == TILE_ROWS ? tiles : tiles - 1;
                for (int t = 0; t < full; t++) {
                    FloatVector.fromArray(TILE_SPECIES, a, source + t * TILE_ROWS)
                            .intoArray(tiled, tiledAt + t * tileSize + kk * TILE_ROWS);
                }
                if (full < tiles) {
                    int to = tiledAt + full * tileSize + kk * TILE_ROWS;
                    for (int r = 0; r < lastRows; r++) tiled[to + r] = a[source + full * TILE_ROWS + r];
                }
            }
        } else {
            for (int i = rowFrom; i < rowTo; i++) {
                int source = aOffset + i * k + k0;
                int to = tiledAt + (i - rowFrom) / TILE_ROWS * tileSize + (i - rowFrom) % TILE_ROWS;
                for (int kk = 0; kk < depth; kk++) tiled[to + kk * TILE_ROWS] = a[source + kk];
            }
        }
    }

    /** The register tile for {@link #TILE_ROWS} rows (a constant, so C2 keeps one branch); it overwrites C. */
    private static void multiplyTile(float[] tiled, int tile, float[] packed, int base, int k, float[] c, int cAt, int n) {
        if (TILE_ROWS == 8) {
            multiplyTile8(tiled, tile, packed, base, k, c, cAt, n);
        } else {
            multiplyTile4(tiled, tile, packed, base, k, c, cAt, n);
        }
    }

    /**
     * 4 rows × 2 vectors of C over depth k: eight accumulators plus two B vectors and a broadcast fit
     * AVX2's 16 vector registers.
     */
    private static void multiplyTile4(float[] tiled, int tile, float[] packed, int base, int k, float[] c, int cAt, int n) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        for (int kk = 0; kk < k; kk++) {
            int at = base + kk * PANEL;
            FloatVector b0 = FloatVector.fromArray(SPECIES, packed, at);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packed, at + LANES);
            int t = tile + kk * 4;
            FloatVector x = FloatVector.broadcast(SPECIES, tiled[t]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, tiled[t + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, tiled[t + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, tiled[t + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        store(c, cAt, c00, c01, false);
        store(c, cAt + n, c10, c11, false);
        store(c, cAt + 2 * n, c20, c21, false);
        store(c, cAt + 3 * n, c30, c31, false);
    }

    /**
     * 8 rows × 2 vectors of C: sixteen accumulators, two B vectors and a broadcast in AVX-512's 32
     * registers. It only overwrites C; accumulating tiles go through {@link Edge}: with C read and
     * added in here (after the loop, or as the accumulators' start), C2 compiled this tile into code
     * about 5× slower once a product accumulated (measured). Re-measured with the depth blocks: a
     * separate copy of this method that adds its rows to C after the loop ran about 10× slower even
     * once C2 had compiled it (dx += dy·W, 512 × 1536 → 384: 20 GFLOP/s, against 250 through the
     * buffer, whose round trip costs a few per cent).
     */
    private static void multiplyTile8(float[] tiled, int tile, float[] packed, int base, int k, float[] c, int cAt, int n) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES), c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES), c71 = FloatVector.zero(SPECIES);
        for (int kk = 0; kk < k; kk++) {
            int at = base + kk * PANEL;
            FloatVector b0 = FloatVector.fromArray(SPECIES, packed, at);
            FloatVector b1 = FloatVector.fromArray(SPECIES, packed, at + LANES);
            int t = tile + kk * 8;
            FloatVector x = FloatVector.broadcast(SPECIES, tiled[t]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, tiled[t + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, tiled[t + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, tiled[t + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, tiled[t + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, tiled[t + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, tiled[t + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, tiled[t + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        store(c, cAt, c00, c01, false);
        store(c, cAt + n, c10, c11, false);
        store(c, cAt + 2 * n, c20, c21, false);
        store(c, cAt + 3 * n, c30, c31, false);
        store(c, cAt + 4 * n, c40, c41, false);
        store(c, cAt + 5 * n, c50, c51, false);
        store(c, cAt + 6 * n, c60, c61, false);
        store(c, cAt + 7 * n, c70, c71, false);
    }

    /** Stores a full panel row. Unmasked on purpose: masked stores with varying masks made C2 recompile this loop into slow code. */
    private static void store(float[] c, int at, FloatVector v0, FloatVector v1, boolean accumulate) {
        if (accumulate) {
            v0 = v0.add(FloatVector.fromArray(SPECIES, c, at));
            v1 = v1.add(FloatVector.fromArray(SPECIES, c, at + LANES));
        }
        v0.intoArray(c, at);
        v1.intoArray(c, at + LANES);
    }

    /**
     * Per-thread buffers for packed A tiles, packed B and widened blocks of stored weights, grown on demand, so products allocate
     * nothing in steady state. Each keeps the largest size asked of it (packed B: the largest
     * unpacked right-hand operand, 2.4 MB for an encoder's 1536 × 384 weight).
     */
    private static final class Scratch {
        private static final ThreadLocal<float[]> TILES = ThreadLocal.withInitial(() -> new float[0]);
        private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);
        private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
        private static final ThreadLocal<float[]> WIDENED = ThreadLocal.withInitial(() -> new float[0]);

        static float[] tiles(int size) {
            return atLeast(TILES, size);
        }

        static float[] packedB(int size) {
            return atLeast(PACKED_B, size);
        }

        /** All of A packed once for a product with a stored weight, see multiplyWidenedBlocks. */
        static float[] packedA(int size) {
            return atLeast(PACKED_A, size);
        }

        /** A block of a stored weight, widened and packed by the thread that multiplies by it. */
        static float[] widened(int size) {
            return atLeast(WIDENED, size);
        }

        private static float[] atLeast(ThreadLocal<float[]> scratch, int size) {
            float[] buffer = scratch.get();
            if (buffer.length < size) {
                buffer = new float[size];
                scratch.set(buffer);
            }
            return buffer;
        }
    }

    /**
     * A tile at the right or bottom edge of C (fewer than {@link #PANEL} columns or {@link #TILE_ROWS}
     * rows), or one that adds to C: computed into this buffer at full size, then its valid
     * part added or copied out (full rows two vectors at a time, edge columns with scalar code).
     */
    private static final class Edge {
        final float[] buffer = new float[TILE_ROWS * PANEL];

        void copyTo(float[] c, int cAt, int n, int rows, int width, boolean accumulate) {
            for (int r = 0; r < rows; r++) {
                int from = r * PANEL;
                int to = cAt + r * n;
                if (width == PANEL) {
                    store(c, to, FloatVector.fromArray(SPECIES, buffer, from),
                            FloatVector.fromArray(SPECIES, buffer, from + LANES), accumulate);
                } else {
                    for (int j = 0; j < width; j++) c[to + j] = accumulate ? c[to + j] + buffer[from + j] : buffer[from + j];
                }
            }
        }
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            sum = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), sum);
        }
        float result = TierExact.sum(sum);
        for (; i < n; i++) result += a[aOffset + i] * b[bOffset + i];
        return result;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        int i = 0;
        FloatVector scale = FloatVector.broadcast(SPECIES, alpha);
        for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i).fma(scale, FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) y[yOffset + i] += alpha * x[xOffset + i];
    }

    @Override
    public void addBias(float[] x, int xOffset, int rows, int cols, float[] bias) {
        for (int r = 0; r < rows; r++) axpy(1f, bias, 0, x, xOffset + r * cols, cols);
    }

    @Override
    public void gelu(float[] x, int xOffset, float[] y, int yOffset, int n) {
        inChunks(n, (from, to) -> {
            int i = from;
            for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + i);
                FloatVector erf = erf(v.mul(INVERSE_SQRT_2));
                v.mul(0.5f).mul(erf.add(1f)).intoArray(y, yOffset + i);
            }
            for (; i < to; i++) {
                double v = x[xOffset + i];
                y[yOffset + i] = (float) (0.5 * v * (1 + Erf.erf(v / Math.sqrt(2))));
            }
        });
    }

    @Override
    public void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        inChunks(n, (from, to) -> {
            int i = from;
            for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, i);
                FloatVector cdf = erf(v.mul(INVERSE_SQRT_2)).add(1f).mul(0.5f);
                FloatVector pdf = TierExact.exp(v.mul(v).mul(-0.5f)).mul(INVERSE_SQRT_2PI);
                FloatVector derivative = v.fma(pdf, cdf);
                FloatVector.fromArray(SPECIES, dy, i).fma(derivative, FloatVector.fromArray(SPECIES, dx, i)).intoArray(dx, i);
            }
            for (; i < to; i++) {
                double v = x[i];
                double cdf = 0.5 * (1 + Erf.erf(v / Math.sqrt(2)));
                double pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
                dx[i] += (float) (dy[i] * (cdf + v * pdf));
            }
        });
    }

    /** Splits [0, n) over the pool when it is large enough to pay for the hand-off; chunks stay vector-aligned. */
    private void inChunks(int n, ComputePool.Range body) {
        pool.forEachRange(n, n < PARALLEL_ELEMENTS ? 1 : pool.threads(), LANES, body);
    }

    /** erf by Abramowitz–Stegun 7.1.26 (absolute error below 1.5e-7), odd-symmetric. */
    private static FloatVector erf(FloatVector x) {
        FloatVector z = x.abs();
        FloatVector t = z.mul(0.3275911f).add(1f);
        t = FloatVector.broadcast(SPECIES, 1f).div(t);
        FloatVector poly = t.mul(1.061405429f).add(-1.453152027f);
        poly = poly.mul(t).add(1.421413741f);
        poly = poly.mul(t).add(-0.284496736f);
        poly = poly.mul(t).add(0.254829592f);
        poly = poly.mul(t);
        FloatVector e = TierExact.exp(z.mul(z).neg());
        FloatVector magnitude = poly.mul(e).neg().add(1f);
        return magnitude.blend(magnitude.neg(), x.lt(0f));
    }

    @Override
    public void layerNorm(float[] x, int rows, int cols, float[] gamma, float[] beta, float eps,
                          float[] y, float[] mean, float[] inverseStd) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            FloatVector sum = FloatVector.zero(SPECIES);
            int j = 0;
            int bound = SPECIES.loopBound(cols);
            for (; j < bound; j += LANES) sum = sum.add(FloatVector.fromArray(SPECIES, x, base + j));
            float total = TierExact.sum(sum);
            for (; j < cols; j++) total += x[base + j];
            float mu = total / cols;
            FloatVector muVector = FloatVector.broadcast(SPECIES, mu);
            FloatVector squares = FloatVector.zero(SPECIES);
            j = 0;
            for (; j < bound; j += LANES) {
                FloatVector d = FloatVector.fromArray(SPECIES, x, base + j).sub(muVector);
                squares = d.fma(d, squares);
            }
            float variance = TierExact.sum(squares);
            for (; j < cols; j++) variance += (x[base + j] - mu) * (x[base + j] - mu);
            float rstd = (float) (1 / Math.sqrt(variance / cols + eps));
            FloatVector rstdVector = FloatVector.broadcast(SPECIES, rstd);
            j = 0;
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, x, base + j).sub(muVector).mul(rstdVector)
                        .fma(FloatVector.fromArray(SPECIES, gamma, j), FloatVector.fromArray(SPECIES, beta, j))
                        .intoArray(y, base + j);
            }
            for (; j < cols; j++) y[base + j] = (x[base + j] - mu) * rstd * gamma[j] + beta[j];
            if (mean != null) mean[r] = mu;
            if (inverseStd != null) inverseStd[r] = rstd;
        }
    }

    @Override
    public void softmaxRows(float[] x, int xOffset, int rows, int cols) {
        int bound = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = xOffset + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[base + j]);
            FloatVector maxVector = FloatVector.broadcast(SPECIES, max);
            FloatVector sum = FloatVector.zero(SPECIES);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector e = TierExact.exp(FloatVector.fromArray(SPECIES, x, base + j).sub(maxVector));
                e.intoArray(x, base + j);
                sum = sum.add(e);
            }
            float total = TierExact.sum(sum);
            for (; j < cols; j++) {
                float e = (float) Math.exp(x[base + j] - max);
                x[base + j] = e;
                total += e;
            }
            float inverse = 1f / total;
            j = 0;
            for (; j < bound; j += LANES) FloatVector.fromArray(SPECIES, x, base + j).mul(inverse).intoArray(x, base + j);
            for (; j < cols; j++) x[base + j] *= inverse;
        }
    }
}

package dev.hone.engine.kernel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Picks the kernels this JVM can run: {@link VectorKernels} when the incubating Vector API (module
 * {@code jdk.incubator.vector}) was added to the boot layer, else {@link ReferenceKernels} on as
 * many threads, with one line on standard error, once per JVM, saying how to enable the fast path.
 * So Hone works as a plain library dependency, without JVM flags, only slower.
 *
 * <p>This is the one place production code chooses: nothing else names {@code VectorKernels}, and the
 * check reads the module layer only, so no class that imports {@code jdk.incubator.vector} is loaded
 * on a JVM without it (loading one would fail with {@code NoClassDefFoundError}).
 */
public final class KernelSelection {
    /** The module that holds the Vector API; it is resolved only when a JVM flag asks for it. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The line printed, once per JVM, when the scalar kernels stand in for the vector ones. */
    public static final String WARNING = "hone: the Vector API is not enabled, so Hone computes on its slower scalar"
            + " kernels; start java with --add-modules " + VECTOR_MODULE + " for the fast path";

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private KernelSelection() {
    }

    /** Whether this JVM was started with the Vector API module ({@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorApiEnabled() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * The fastest kernels this JVM runs, on {@code threads} threads: {@link VectorKernels}, or
     * {@link ReferenceKernels} (and the warning, the first time) without the Vector API.
     */
    public static Kernels forThisJvm(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (vectorApiEnabled()) return new VectorKernels(threads);
        if (WARNED.compareAndSet(false, true)) System.err.println(WARNING);
        return new ReferenceKernels(threads);
    }
}

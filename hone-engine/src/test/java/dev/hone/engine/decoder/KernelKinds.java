package dev.hone.engine.decoder;

import dev.hone.engine.kernel.Kernels;
import dev.hone.engine.kernel.ReferenceKernels;
import dev.hone.engine.kernel.VectorKernels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two kernel implementations the decoder's reference tests run every fixture on: the Vector API
 * kernels (production) and the scalar reference. The vector kernels' pool threads are daemons, shared
 * by the test classes of one JVM and gone with it.
 */
final class KernelKinds {
    private static final VectorKernels FAST = new VectorKernels(2);
    private static final ReferenceKernels SCALAR = new ReferenceKernels();

    private KernelKinds() {
    }

    /** (fixture, "vector") and (fixture, "reference") for every fixture: a parameterised test's arguments. */
    static Stream<Arguments> onBoth(List<String> fixtures) {
        return fixtures.stream().flatMap(name -> Stream.of(Arguments.of(name, "vector"), Arguments.of(name, "reference")));
    }

    /** The kernels {@link #onBoth} names. */
    static Kernels named(String which) {
        return which.equals("vector") ? FAST : SCALAR;
    }
}

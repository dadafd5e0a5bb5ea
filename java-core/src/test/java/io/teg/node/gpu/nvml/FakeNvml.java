package io.teg.node.gpu.nvml;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The fake libnvidia-ml (test-doubles/nvml) held loaded for a test, with its two test-only entry points:
 * {@code fake_nvml_configure} and {@code fake_nvml_set_calls}. Keeping it loaded keeps its GPUs' state across
 * {@link Nvml} instances, as the driver keeps real limits across processes.
 */
@SuppressWarnings("restricted") // native access is enabled for the unnamed module (pom, jar manifest)
public final class FakeNvml implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private final MethodHandle configure;
    private final MethodHandle setCalls;
    public final String path;

    public FakeNvml() {
        Path p = Path.of(System.getProperty("teg.fakeNvml", "../target/native/test-doubles/nvml/libnvidia-ml.so.1"));
        if (!Files.exists(p)) {
            throw new IllegalStateException("fake NVML not built at " + p.toAbsolutePath()
                    + ": run 'cmake -S . -B target/native && cmake --build target/native' (./teg test does)");
        }
        path = p.toAbsolutePath().toString();
        SymbolLookup lib = SymbolLookup.libraryLookup(p, arena);
        Linker l = Linker.nativeLinker();
        configure = l.downcallHandle(lib.find("fake_nvml_configure").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setCalls = l.downcallHandle(lib.find("fake_nvml_set_calls").orElseThrow(), FunctionDescriptor.of(JAVA_LONG));
    }

    /** Resets the fake's GPUs from a spec such as "gpus=2,min_mw=100000,max_mw=300000". */
    public FakeNvml configure(String spec) {
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) configure.invokeExact(a.allocateFrom(spec));
            if (rc != 0) throw new IllegalArgumentException("fake NVML rejected '" + spec + "'");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return this;
    }

    /** Successful limit changes since the last {@link #configure}. */
    public long setCalls() {
        try {
            return (long) setCalls.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}

package io.teg.node.gpu.nvml;

import io.teg.node.gpu.GpuControl;
import io.teg.node.gpu.GpuException;
import io.teg.node.gpu.GpuReading;
import io.teg.node.gpu.PowerConstraints;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * {@link GpuControl} over NVML ({@code libnvidia-ml.so.1}) through java.lang.foreign, with hand-written bindings
 * of the eleven functions TEG needs. The library is loaded from a configurable path (or by name through the dynamic
 * linker), {@code nvmlInit_v2} is called on {@link #open} and {@code nvmlShutdown} on {@link #close}. Device handles
 * are fetched once.
 *
 * <p>NVML types as bound: {@code nvmlReturn_t} = int, {@code nvmlDevice_t} = pointer, {@code unsigned int} = int
 * (read back with {@link Integer#toUnsignedLong}), {@code nvmlUtilization_t} = struct {uint gpu; uint memory}.
 * Thread-safe: {@link #read} uses out-parameters allocated once, under this object's lock; the other calls allocate
 * theirs in a confined arena of their own.
 */
@SuppressWarnings("restricted") // native access is enabled for the unnamed module (pom, jar manifest)
public final class Nvml implements GpuControl {

    /** NVML_TEMPERATURE_GPU. */
    private static final int TEMPERATURE_GPU = 0;
    private static final int SUCCESS = 0;
    private static final StructLayout UTILIZATION = MemoryLayout.structLayout(JAVA_INT.withName("gpu"), JAVA_INT.withName("memory"));

    private final Arena libraryArena;
    private final String library;
    private final MethodHandle init;
    private final MethodHandle shutdown;
    private final MethodHandle getCount;
    private final MethodHandle getHandle;
    private final MethodHandle getPower;
    private final MethodHandle getTemperature;
    private final MethodHandle getUtilization;
    private final MethodHandle getConstraints;
    private final MethodHandle getEnforcedLimit;
    private final MethodHandle setLimit;
    private final MethodHandle errorString;
    private final MemorySegment[] devices;
    /** Out-parameters of {@link #read}: an int at 0, an nvmlUtilization_t at 8; guarded by this. */
    private final MemorySegment readScratch;
    private final MemorySegment readUtilization;
    private boolean closed;

    private Nvml(Arena arena, SymbolLookup lib, String library) {
        this.libraryArena = arena;
        this.library = library;
        Linker linker = Linker.nativeLinker();
        init = bind(linker, lib, "nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
        shutdown = bind(linker, lib, "nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
        getCount = bind(linker, lib, "nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getHandle = bind(linker, lib, "nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        getPower = bind(linker, lib, "nvmlDeviceGetPowerUsage", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getTemperature = bind(linker, lib, "nvmlDeviceGetTemperature", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        getUtilization = bind(linker, lib, "nvmlDeviceGetUtilizationRates", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getConstraints = bind(linker, lib, "nvmlDeviceGetPowerManagementLimitConstraints",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        getEnforcedLimit = bind(linker, lib, "nvmlDeviceGetEnforcedPowerLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        setLimit = bind(linker, lib, "nvmlDeviceSetPowerManagementLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        errorString = bind(linker, lib, "nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));

        readScratch = arena.allocate(8 + UTILIZATION.byteSize(), 8);
        readUtilization = readScratch.asSlice(8, UTILIZATION.byteSize());
        check("nvmlInit_v2", -1, invoke(init));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check("nvmlDeviceGetCount_v2", -1, invoke(getCount, n));
            int count = n.get(JAVA_INT, 0);
            devices = new MemorySegment[count];
            for (int i = 0; i < count; i++) {
                MemorySegment h = a.allocate(ADDRESS);
                check("nvmlDeviceGetHandleByIndex_v2", i, invoke(getHandle, i, h));
                devices[i] = h.get(ADDRESS, 0);
            }
        } catch (RuntimeException e) {
            invoke(shutdown);
            throw e;
        }
    }

    /**
     * Loads NVML and initialises it.
     *
     * @param library a file path to the library, or a bare name ({@code libnvidia-ml.so.1}) for the dynamic linker
     * @throws GpuException with code −1 when the library cannot be loaded or lacks a function, else NVML's code
     */
    public static Nvml open(String library) {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lib = library.contains("/") ? SymbolLookup.libraryLookup(Path.of(library), arena)
                    : SymbolLookup.libraryLookup(library, arena);
            return new Nvml(arena, lib, library);
        } catch (IllegalArgumentException e) {
            arena.close();
            throw new GpuException("load " + library, -1, -1, e.getMessage() == null ? "cannot load" : e.getMessage());
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment sym = lib.find(name).orElseThrow(
                () -> new GpuException("lookup " + name, -1, -1, "symbol not found"));
        return linker.downcallHandle(sym, fd);
    }

    private static int invoke(MethodHandle h, Object... args) {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void check(String function, int gpu, int rc) {
        if (rc != SUCCESS) throw new GpuException(function, gpu, rc, errorText(rc));
    }

    /** nvmlErrorString(code). */
    public String errorText(int code) {
        try {
            MemorySegment s = (MemorySegment) errorString.invokeExact(code);
            return s.equals(MemorySegment.NULL) ? "code " + code : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "code " + code;
        }
    }

    private MemorySegment device(int index) {
        if (closed) throw new GpuException("NVML", index, GpuException.UNINITIALIZED, "closed");
        if (index < 0 || index >= devices.length) {
            throw new GpuException("device", index, GpuException.INVALID_ARGUMENT, "no GPU " + index + " (count " + devices.length + ")");
        }
        return devices[index];
    }

    @Override
    public int count() {
        return devices.length;
    }

    /**
     * Reads power, temperature and utilisation through out-parameters in {@link #readScratch}, allocated once: the
     * sampler calls this for every GPU at every sample, and a confined arena per call cost more than the downcalls.
     */
    @Override
    public synchronized GpuReading read(int index) {
        MemorySegment d = device(index);
        MemorySegment v = readScratch;
        MemorySegment u = readUtilization;
        int powerRc;
        int tempRc;
        int utilRc;
        long power;
        try {
            powerRc = (int) getPower.invokeExact(d, v);
            power = Integer.toUnsignedLong(v.get(JAVA_INT, 0));
            tempRc = (int) getTemperature.invokeExact(d, TEMPERATURE_GPU, v);
            utilRc = (int) getUtilization.invokeExact(d, u);
        } catch (Throwable t) {
            throw new IllegalStateException("NVML downcall failed", t);
        }
        if (powerRc != SUCCESS) power = -1;
        int temp = tempRc == SUCCESS ? v.get(JAVA_INT, 0) : -1;
        boolean util = utilRc == SUCCESS;
        return new GpuReading(index, power, temp, util ? u.get(JAVA_INT, 0) : -1, util ? u.get(JAVA_INT, 4) : -1);
    }

    @Override
    public PowerConstraints constraints(int index) {
        MemorySegment d = device(index);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment min = a.allocate(JAVA_INT);
            MemorySegment max = a.allocate(JAVA_INT);
            check("nvmlDeviceGetPowerManagementLimitConstraints", index, invoke(getConstraints, d, min, max));
            return new PowerConstraints(Integer.toUnsignedLong(min.get(JAVA_INT, 0)), Integer.toUnsignedLong(max.get(JAVA_INT, 0)));
        }
    }

    @Override
    public long enforcedLimitMilliwatts(int index) {
        MemorySegment d = device(index);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check("nvmlDeviceGetEnforcedPowerLimit", index, invoke(getEnforcedLimit, d, v));
            return Integer.toUnsignedLong(v.get(JAVA_INT, 0));
        }
    }

    @Override
    public void setLimitMilliwatts(int index, long milliwatts) {
        MemorySegment d = device(index);
        if (milliwatts < 0 || milliwatts > 0xFFFF_FFFFL) {
            throw new GpuException("nvmlDeviceSetPowerManagementLimit", index, GpuException.INVALID_ARGUMENT,
                    milliwatts + " mW does not fit an unsigned int");
        }
        check("nvmlDeviceSetPowerManagementLimit", index, invoke(setLimit, d, (int) milliwatts));
    }

    @Override
    public String describe() {
        return "NVML " + library + ", " + devices.length + " GPU(s)";
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        invoke(shutdown);
        libraryArena.close();
    }
}

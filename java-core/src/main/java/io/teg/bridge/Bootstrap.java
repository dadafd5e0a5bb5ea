package io.teg.bridge;

import io.teg.grid.GridSettings;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The one JNI entry point: select/teg calls {@link #init} once, on its bridge thread, right after it created the
 * JVM. Everything after that goes through the upcall table that {@code init} hands to C.
 */
public final class Bootstrap {

    /** {@code TEG_ABI_VERSION} that this jar speaks. */
    public static final int ABI_VERSION = Layouts.ABI_VERSION;

    /** How long start-up waits for the grid client by default, milliseconds (the bridge is not ready meanwhile). */
    static final long GRID_WAIT_MILLIS = 10_000;

    private Bootstrap() {
    }

    /**
     * Checks the ABI version, builds the engine and the upcall stubs, and registers the table with C.
     *
     * @param registerAddress the address of C's {@code int teg_bridge_register(const teg_upcalls_t *)}
     * @param abiVersion C's {@code TEG_ABI_VERSION}
     * @param settings {@code key=value} lines: {@code decisionLog} (path), {@code seed} (optional, long),
     *                 {@code gridClient} (optional: teg.conf's GridClientConfig), {@code gridWaitMillis} (optional:
     *                 how long to wait for the grid client at start-up, default {@value #GRID_WAIT_MILLIS})
     * @return what {@code teg_bridge_register} returned (0 = registered), -2 on an ABI mismatch, -1 on any error
     */
    public static int init(long registerAddress, int abiVersion, String settings) {
        try {
            if (abiVersion != ABI_VERSION) {
                System.err.println("select/teg: teg.jar speaks ABI version " + ABI_VERSION + ", the plugin "
                        + abiVersion + ": rebuild both from the same source");
                return -2;
            }
            Map<String, String> s = parse(settings);
            String logPath = s.get("decisionLog");
            if (logPath == null || logPath.isBlank()) throw new IllegalArgumentException("settings name no decisionLog");
            DecisionLog log = DecisionLog.open(Path.of(logPath));
            long seed = Long.parseLong(s.getOrDefault("seed", "20260522"));
            SlurmPlacement placement = placement(s, log, seed);
            Upcalls.install(placement, log);
            MemorySegment table = Upcalls.table(Arena.global());
            log.line("bootstrap abi=" + ABI_VERSION + " fault=" + Upcalls.FAULT);
            MethodHandle register = Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(registerAddress),
                    Layouts.REGISTER);
            return (int) register.invokeExact(table);
        } catch (Throwable t) {
            t.printStackTrace();
            return -1;
        }
    }

    /**
     * The placement with the local ledgers, and with the grid's when {@code gridClient} names a client file. A grid
     * file that does not load is logged ({@code grid-config-error}, with the file and key) and the local ledgers are
     * used: a grid problem never stops Slurm's scheduling.
     */
    static SlurmPlacement placement(Map<String, String> s, DecisionLog log, long seed) throws InterruptedException {
        String gridFile = s.get("gridClient");
        if (gridFile == null || gridFile.isBlank())
            return new SlurmPlacement(log, System::nanoTime, new SplittableRandom(seed));
        long wait = Long.parseLong(s.getOrDefault("gridWaitMillis", Long.toString(GRID_WAIT_MILLIS)));
        GridZoneLedgers grid;
        try {
            grid = GridZoneLedgers.start(GridSettings.load(Path.of(gridFile)), log, System::nanoTime, wait);
        } catch (IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage()).replace('"', '\'').replace('\n', ' ');
            log.line("grid-config-error reason=\"" + why + "\" (jobs lease from the local ledger)");
            System.err.println("select/teg: GridClientConfig: " + why);
            return new SlurmPlacement(log, System::nanoTime, new SplittableRandom(seed));
        }
        return new SlurmPlacement(log, System::nanoTime, new SplittableRandom(seed), grid, grid::landscape);
    }

    static Map<String, String> parse(String settings) {
        Map<String, String> out = new HashMap<>();
        if (settings == null) return out;
        for (String line : settings.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return out;
    }
}

package io.teg.cli;

import io.teg.node.daemon.AgentConfig;
import io.teg.node.daemon.NodeAgent;
import io.teg.node.gpu.GpuControl;
import io.teg.node.gpu.GpuException;
import io.teg.node.gpu.nvml.Nvml;
import io.teg.node.sensor.InMemoryTelemetrySink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code teg agent}: the node agent daemon (sensors, job cgroups, glassy state and airlock, GPU power caps), or with
 * {@code --probe-nvml} a read-only look at the node's GPUs through the same NVML binding (never sets anything).
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "The node agent: sensors, memory airlock on job cgroups, GPU power caps (see docs/node-agent.md).")
public final class AgentCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "agent config file, key=value (default: built-in defaults)")
    Path config;

    @Option(names = "--duration-s", defaultValue = "0", description = "stop after this many seconds; 0: run until stopped (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--probe-nvml", description = "only read every GPU through NVML (count, power, temperature, use, limits) and exit")
    boolean probeNvml;

    @Option(names = "--nvml-library", description = "NVML library path or name (default: nvml.library from the config)")
    String nvmlLibrary;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AgentConfig c;
        try {
            c = config == null ? AgentConfig.defaults() : AgentConfig.load(config);
        } catch (AgentConfig.Invalid e) {
            throw new BadInputException(e.getMessage(), e);
        }
        if (durationSeconds < 0) throw new BadInputException("--duration-s must be >= 0, got " + durationSeconds);
        if (probeNvml) return probe(out, nvmlLibrary != null ? nvmlLibrary : c.nvmlLibrary());

        InMemoryTelemetrySink sink = new InMemoryTelemetrySink(64);
        NodeAgent agent = NodeAgent.create(c, sink, InstantSource.system());
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            agent.close();
            stop.countDown();
        }, "teg-agent-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        agent.start();
        out.printf("teg agent: running (%.1f Hz sampling, control every %d ms); degraded: %s%n",
                c.sampleRateHz(), c.controlIntervalMillis(), agent.degraded().isEmpty() ? "nothing" : agent.degraded());
        if (durationSeconds > 0) {
            stop.await(durationSeconds, TimeUnit.SECONDS);
            agent.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            out.printf("teg agent: stopped after %d samples, %d control rounds, %d batches%n",
                    agent.samplesTaken(), agent.controlRounds(), sink.published());
        } else {
            stop.await();
        }
        return 0;
    }

    private static int probe(PrintWriter out, String library) {
        try (GpuControl nvml = Nvml.open(library)) {
            out.println(nvml.describe());
            for (int i = 0; i < nvml.count(); i++) {
                out.printf("GPU %d: %s%n", i, nvml.read(i));
                try {
                    out.printf("GPU %d: constraints %s, enforced limit %d mW%n", i, nvml.constraints(i), nvml.enforcedLimitMilliwatts(i));
                } catch (GpuException e) {
                    out.printf("GPU %d: power limits not readable: %s%n", i, e.getMessage());
                }
            }
            return 0;
        } catch (GpuException e) {
            throw new BadInputException("NVML not usable: " + e.getMessage(), e);
        }
    }
}

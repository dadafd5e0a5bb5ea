package io.teg.node.cgroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node cgroup with a hard memory limit and job cgroups under it, each running the {@code memhog} test double
 * (test-doubles/memhog, built by CMake into target/native). Removes everything it made on close; kills only the
 * processes it started.
 */
public final class NodeCgroupFixture implements AutoCloseable {

    /**
     * How long, in ms, each of two memory-growing jobs holds its full size before it exits, in the tests where
     * the two must overlap at full size to fill the node. Long enough that a job the host's scheduler starts or
     * runs late still overlaps the other: with 300 ms, one trial at load average 20 saw the first job exit before
     * the second had grown, so the node never filled and there was nothing to resolve.
     */
    public static final long OVERLAP_HOLD_MILLIS = 2000;

    /** Where CMake put memhog (system property teg.memhog, set by the pom). */
    public static Path memhog() {
        Path p = Path.of(System.getProperty("teg.memhog", "../target/native/test-doubles/memhog/memhog"));
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("memhog not built at " + p.toAbsolutePath()
                    + ": run 'cmake -S . -B target/native && cmake --build target/native' (./teg test does)");
        }
        return p;
    }

    public final CgroupController cgroups;
    public final CgroupPath node;
    private final List<Process> started = new ArrayList<>();
    private final List<CgroupPath> jobs = new ArrayList<>();

    public NodeCgroupFixture(CgroupController cgroups, String name, long nodeLimitBytes) {
        this.cgroups = cgroups;
        this.node = new CgroupPath("teg_test/" + name + "_" + ProcessHandle.current().pid());
        cgroups.create(node);
        cgroups.setMemoryLimit(node, nodeLimitBytes);
    }

    /** Creates {@code node/job_<id>} and starts memhog in it; it allocates once {@link Job#go()} is called. */
    public Job start(long jobId, long targetMib, long stepMib, long stepMs, long holdMs) throws IOException {
        CgroupPath path = node.child("job_" + jobId);
        cgroups.create(path);
        jobs.add(path);
        Process p = new ProcessBuilder(memhog().toString(), Long.toString(targetMib), Long.toString(stepMib),
                Long.toString(stepMs), Long.toString(holdMs))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(p);
        cgroups.attach(path, p.pid());
        return new Job(jobId, path, p);
    }

    /** A running memhog in its job cgroup. */
    public record Job(long id, CgroupPath path, Process process) {
        public void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('g');
            in.flush();
        }

        /** Exit status; 128 + signal when killed (137 for SIGKILL). */
        public int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("job " + id + " still running after " + seconds + " s");
            }
            return process.exitValue();
        }
    }

    @Override
    public void close() {
        try {
            cleanUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUp() throws InterruptedException {
        for (CgroupPath j : jobs) {
            try {
                cgroups.thaw(j);
            } catch (CgroupException ignored) {
                // already gone
            }
        }
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (CgroupPath j : jobs) removeWhenEmpty(j);
        removeWhenEmpty(node);
        try {
            cgroups.remove(new CgroupPath("teg_test"));
        } catch (CgroupException ignored) {
            // a parallel run still uses it
        }
    }

    private void removeWhenEmpty(CgroupPath p) throws InterruptedException {
        for (int i = 0; i < 100 && !cgroups.pids(p).isEmpty(); i++) Thread.sleep(20);
        cgroups.remove(p);
    }
}

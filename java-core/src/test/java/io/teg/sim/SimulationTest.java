package io.teg.sim;

import io.teg.model.JobRequest;
import io.teg.model.Layout;
import io.teg.model.NodeSpec;
import io.teg.model.TaskShape;
import io.teg.model.Topology;
import io.teg.sim.baseline.Baselines;
import io.teg.sim.metrics.RunMetrics;
import io.teg.sim.physics.Calibration;
import io.teg.sim.physics.DataCenterPlant;
import io.teg.sim.physics.JobProfile;
import io.teg.sim.physics.MemoryTrajectory;
import io.teg.sim.physics.PhysicsParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's own rules, on the real physics, with hand-made jobs. */
class SimulationTest {

    private static Calibration calibration;

    @BeforeAll
    static void calibrate() throws IOException {
        Path data = Calibration.findDataDir(Path.of("").toAbsolutePath()).orElseThrow();
        calibration = Calibration.load(data);
    }

    private static Topology cluster(int nodes) {
        List<NodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) specs.add(NodeSpec.cpuOnly("n" + i, 1000, 8192));
        return new Topology(specs, Layout.DEFAULT);
    }

    private static SimJob job(int index, int tasks, long mem, long submit, long run) {
        return new SimJob(index, new JobRequest(index + 1, "u", tasks, TaskShape.cpu(1000, mem), run * 2, 0), submit, run,
                Qos.GUARANTEED, index + 1);
    }

    private static JobProfile steady(long use) {
        return new JobProfile(1.0, new MemoryTrajectory(use, 0.5, new long[] {0}, new long[] {use}));
    }

    private static RunMetrics run(Topology topology, List<SimJob> jobs, List<JobProfile> profiles, String scheduler) {
        DataCenterPlant plant = new DataCenterPlant(topology, PhysicsParameters.defaults(), calibration);
        return new Simulation(jobs, profiles, topology, plant, Baselines.create(scheduler),
                SimulationConfig.defaults(100_000), 1).run();
    }

    @Test
    void shouldKillAJobAndFreeItsNodesWhenItsFirstMemoryStepPassesItsLimit() {
        Topology topology = cluster(4);
        // job 0 uses 5000 MiB from its first second but asked for 4000: its cgroup kills it at once.
        // job 1 then needs all four nodes; it can only run if job 0's nodes came back everywhere.
        List<SimJob> jobs = List.of(job(0, 2, 4000, 0, 100), job(1, 4, 1000, 10, 50));
        List<JobProfile> profiles = List.of(steady(5000), steady(500));
        for (String scheduler : Baselines.NAMES) {
            RunMetrics m = run(topology, jobs, profiles, scheduler);
            assertThat(m.oomKills()).as(scheduler).isEqualTo(1);
            assertThat(m.completed()).as(scheduler).isEqualTo(1);
        }
    }

    @Test
    void shouldRunAJobForItsRuntimeAndCountItsWaitWhenTheClusterIsBusy() {
        Topology topology = cluster(2);
        List<SimJob> jobs = List.of(job(0, 2, 1000, 0, 100), job(1, 2, 1000, 10, 100));
        List<JobProfile> profiles = List.of(steady(500), steady(500));
        RunMetrics m = run(topology, jobs, profiles, "slurm");
        assertThat(m.completed()).isEqualTo(2);
        assertThat(m.makespanS()).isEqualTo(200);
        assertThat(m.waitsS()).containsExactly(0.0, 90.0);
        assertThat(m.utilization()).isEqualTo(1.0);
    }
}
